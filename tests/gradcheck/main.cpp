// The float64 gradient-check program. After the test cases, when run without filters, it fails
// if any op listed in autograd/op_kind.hpp was never on the tape of a gradcheck.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>

#include "autograd/gradcheck.hpp"

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  int status = context.run();
  if (context.shouldExit() || argc > 1) return status;
  for (size_t op = 0; op < autograd::kOpCount; ++op)
    if (!autograd::gradchecked_ops()[op]) {
      std::fprintf(stderr, "op '%s' has no double-precision gradcheck\n",
                   autograd::op_name(static_cast<autograd::OpKind>(op)).data());
      status = 1;
    }
  return status;
}
