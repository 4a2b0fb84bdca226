// The op table names, for each op, the file its forward and backward live in. This test reads
// each named file and checks that it records that op, so the table cannot point a reader to
// the wrong place after code moves.
#include <doctest/doctest.h>

#include <string>

#include "autograd/op_table.hpp"
#include "tests/source_root.hpp"

TEST_CASE("every row of the op table names the file that records the op") {
  for (const autograd::OpInfo& op : autograd::kOpTable) {
    CAPTURE(op.name);
    CAPTURE(op.file);
    const std::string code = tests::read_source(std::string("autograd/") + std::string(op.file));
    const std::string use = "op_named(\"" + std::string(op.name) + "\")";
    CHECK_MESSAGE(code.find(use) != std::string::npos, "no " << use << " in autograd/" << op.file);
  }
}
