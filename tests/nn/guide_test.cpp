// nn/README.md quotes the worked example of "How to add a layer" in full. Each quoted file is
// preceded by a line "<!-- file: path -->"; this test fails if a quote and its file differ, so
// the guide cannot drift from the code that is compiled and tested.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace nn_test {
extern const char* const kSourceRoot;
}

namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in, "cannot read " << path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("nn/README.md quotes the files of its worked example exactly") {
  const std::filesystem::path root = nn_test::kSourceRoot;
  const std::string readme = read_text(root / "nn" / "README.md");
  const std::string marker = "<!-- file: ", fence = "```cpp\n", close = "```\n";
  int quoted = 0;
  for (size_t at = readme.find(marker); at != std::string::npos; at = readme.find(marker, at + 1)) {
    const size_t name_end = readme.find(" -->\n", at);
    REQUIRE(name_end != std::string::npos);
    const std::string path = readme.substr(at + marker.size(), name_end - at - marker.size());
    CAPTURE(path);
    const size_t body = name_end + 5;
    REQUIRE(readme.compare(body, fence.size(), fence) == 0);  // the quote follows the marker line
    const size_t end = readme.find(close, body + fence.size());
    REQUIRE(end != std::string::npos);
    CHECK(readme.substr(body + fence.size(), end - body - fence.size()) == read_text(root / path));
    ++quoted;
  }
  CHECK(quoted == 2);  // the layer and its test
}
