// nn/README.md quotes the worked example of "How to add a layer" in full; this test fails if a
// quote and its file differ, so the guide cannot drift from the code that is compiled and tested.
#include <doctest/doctest.h>

#include "tests/source_root.hpp"

TEST_CASE("nn/README.md quotes the files of its worked example exactly") {
  CHECK(tests::check_readme_quotes("nn/README.md") == 2);  // the layer and its test
}
