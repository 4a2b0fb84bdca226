#pragma once
// Reading the repository's own files from a test: the guides quote code, and the op table names
// files; these tests check the quotes and the names against what is compiled.
#include <filesystem>
#include <string>

namespace tests {

extern const char* const kSourceRoot;  // the source tree (generated from source_root.cpp.in)

// The whole text of root/relative; fails the current test case if it cannot be read.
std::string read_source(const std::filesystem::path& relative);

// Checks every quote of a README against the code. A fenced ```cpp block right after a line
// "<!-- file: path -->" must equal that whole file; after "<!-- from: path -->" it must appear
// in that file verbatim (an excerpt). Returns the number of quotes checked.
int check_readme_quotes(const std::filesystem::path& readme);

}  // namespace tests
