#pragma once
// One row of the op table (op_table.hpp): what the tape, the instruments and error messages know
// of an op. Each op's row is an inline constexpr OpInfo in its family's header in ops/.
#include <string_view>

namespace autograd {

struct OpInfo {
  std::string_view name;
  std::string_view derivative;  // g is the gradient arriving at the output
  std::string_view file;        // under autograd/: where its forward and backward are
};

}  // namespace autograd
