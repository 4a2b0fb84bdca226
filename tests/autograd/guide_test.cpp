// autograd/README.md walks through adding an op (swish) by quoting its lines from the files;
// this test fails if a quote is no longer in its file, so the guide cannot drift from the code.
#include <doctest/doctest.h>

#include "tests/source_root.hpp"

TEST_CASE("autograd/README.md's guide to adding an op quotes the code as it is") {
  CHECK(tests::check_readme_quotes("autograd/README.md") ==
        5);  // swish: row, list, code, check; a custom op
}
