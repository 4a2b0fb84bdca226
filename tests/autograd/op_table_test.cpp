// The op table names, for each op, the file its forward and backward live in. This test reads
// each named file and checks that it uses that op's row, and that the row sits in the family
// header beside it, so the table cannot point a reader to the wrong place after code moves.
#include "autograd/op_table.hpp"

#include <doctest/doctest.h>

#include <cctype>
#include <string>

#include "tests/source_root.hpp"

namespace {

// "linear_relu" -> "kLinearReluOp", the name of its row.
std::string row_name(std::string_view op) {
  std::string name = "k";
  bool upper = true;
  for (char c : op) {
    if (c == '_') {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return name + "Op";
}

}  // namespace

TEST_CASE("every row of the op table names the file whose code records the op") {
  for (const autograd::OpInfo* op : autograd::kOpTable) {
    CAPTURE(op->name);
    CAPTURE(op->file);
    const std::string file(op->file), row = row_name(op->name);
    const std::string code = tests::read_source("autograd/" + file);
    const std::string header = tests::read_source("autograd/" + file.substr(0, file.size() - 4) +
                                                  ".hpp");  // ops/x.cpp -> ops/x.hpp
    const std::string opening = "inline constexpr OpInfo " + row + "{";
    size_t at = header.find(opening);
    REQUIRE_MESSAGE(at != std::string::npos, "the row " << row << " is not in its family header");
    at = header.find_first_not_of(" \n", at + opening.size());
    std::string quoted_name(1, '"');
    quoted_name.append(op->name).push_back('"');
    CHECK_MESSAGE(header.compare(at, quoted_name.size(), quoted_name) == 0,
                  "the row " << row << " does not start with its name");
    // Header-only families: the row's definition, its family list entry and the op's code.
    size_t uses = 0;
    for (size_t at = code.find(row); at != std::string::npos; at = code.find(row, at + 1))
      if (!std::isalnum(static_cast<unsigned char>(code[at + row.size()]))) ++uses;
    CHECK_MESSAGE(uses >= (file.ends_with(".hpp") ? 3u : 1u),
                  "no op in " << file << " records " << row);
  }
}
