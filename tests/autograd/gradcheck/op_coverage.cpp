// The float64 gradient-check suite as the test runs it: every case, whatever the command line
// says, then one line naming each op of autograd/op_table.hpp that was never on the tape of a
// gradcheck. No argument can filter cases out here, so a missing check cannot hide.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>

#include "autograd/gradcheck.hpp"

int main() {
  doctest::Context context;
  int status = context.run();
  for (size_t op = 0; op < autograd::kOpCount; ++op)
    if (!autograd::gradchecked_ops()[op]) {
      std::fprintf(stderr, "op '%s' (autograd/%s) has no double-precision gradcheck\n",
                   autograd::kOpTable[op]->name.data(), autograd::kOpTable[op]->file.data());
      status = 1;
    }
  return status;
}
