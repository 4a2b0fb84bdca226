#include "tests/source_root.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

namespace tests {

std::string read_source(const std::filesystem::path& relative) {
  const std::filesystem::path path = std::filesystem::path(kSourceRoot) / relative;
  std::ifstream in(path);
  REQUIRE_MESSAGE(in, "cannot read " << path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int check_readme_quotes(const std::filesystem::path& readme_path) {
  const std::string readme = read_source(readme_path);
  const std::string open = "<!-- ", fence = "```cpp\n", close = "```\n";
  int quoted = 0;
  for (size_t at = readme.find(open); at != std::string::npos; at = readme.find(open, at + 1)) {
    const bool whole = readme.compare(at + open.size(), 6, "file: ") == 0;
    if (!whole && readme.compare(at + open.size(), 6, "from: ") != 0) continue;
    const size_t path_start = at + open.size() + 6, path_end = readme.find(" -->\n", at);
    REQUIRE(path_end != std::string::npos);
    const std::string path = readme.substr(path_start, path_end - path_start);
    CAPTURE(readme_path);
    CAPTURE(path);
    const size_t body = path_end + 5;
    REQUIRE(readme.compare(body, fence.size(), fence) == 0);  // the quote follows the marker line
    const size_t end = readme.find(close, body + fence.size());
    REQUIRE(end != std::string::npos);
    const std::string quote = readme.substr(body + fence.size(), end - body - fence.size());
    const std::string code = read_source(path);
    if (whole)
      CHECK(quote == code);
    else
      CHECK_MESSAGE(code.find(quote) != std::string::npos, "the excerpt is not in the file:\n"
                                                               << quote);
    ++quoted;
  }
  return quoted;
}

}  // namespace tests
