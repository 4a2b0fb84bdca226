// The float64 gradient-check suite as the test runs it: every case, whatever the command line
// says, then one line naming each op of autograd/op_table.hpp that lacks a check: a gradcheck,
// a gradgradcheck or a forward-against-reverse check. No argument can filter cases out here, so
// a missing check cannot hide.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>

#include "autograd/gradcheck.hpp"

int main() {
  doctest::Context context;
  int status = context.run();
  const struct {
    const std::array<bool, autograd::kOpCount>& covered;
    const char* check;
  } checks[] = {{autograd::gradchecked_ops(), "double-precision gradcheck"},
                {autograd::gradgradchecked_ops(), "gradgradcheck (second derivatives)"},
                {autograd::jvp_checked_ops(), "check of forward mode against reverse mode"}};
  for (const auto& [covered, check] : checks)
    for (size_t op = 0; op < autograd::kOpCount; ++op)
      if (!covered[op]) {
        std::fprintf(stderr, "op '%s' (autograd/%s) has no %s\n",
                     autograd::kOpTable[op]->name.data(), autograd::kOpTable[op]->file.data(),
                     check);
        status = 1;
      }
  return status;
}
