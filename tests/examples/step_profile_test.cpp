// examples/common/step_profile: the tape summary of the chosen step, printed once.
#include "examples/common/step_profile.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "autograd/autograd.hpp"

using namespace autograd;

namespace {
std::string run_steps(bool enabled, int steps) {
  std::ostringstream out;
  examples::StepProfile profile(enabled, 2, 10, out);
  Tensor w = Tensor::ones({2, 2}, true);
  for (int i = 0; i < steps; ++i) {
    backward(sum(tanh(matmul(w, w))));
    profile.after_backward();
    clear_tape();
  }
  return out.str();
}
}  // namespace

TEST_CASE("the step profile prints the chosen step's tape once, and nothing when off") {
  const std::string printed = run_steps(true, 4);
  CHECK(printed.find("tape profile of training step 2 (3 ops") != std::string::npos);
  CHECK(printed.find("matmul") != std::string::npos);
  CHECK(printed.find("tanh") != std::string::npos);
  CHECK(printed.find("training step", printed.find("training step") + 1) == std::string::npos);
  CHECK(run_steps(true, 1).empty());
  CHECK(run_steps(false, 4).empty());
}
