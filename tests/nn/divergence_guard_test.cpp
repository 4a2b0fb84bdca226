// nn::DivergenceGuard: finite losses pass; the first NaN or Inf stops with the epoch, the step,
// the last finite loss and, from a replay under anomaly detection, the op that made it.
#include "nn/divergence_guard.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "autograd/autograd.hpp"

using namespace autograd;

TEST_CASE("the divergence guard passes finite losses and stops at the first NaN, naming its op") {
  nn::DivergenceGuard guard;
  guard.check(3.5, 1, 1);
  guard.check(2.25, 1, 2);
  CHECK(guard.last_finite_loss() == 2.25);

  Tensor w = Tensor({3}, {1, 0, 2}, true);
  const auto replay = [&] { backward(sum(log(w) * w)); };  // log 0 = -inf, then -inf * 0 = NaN
  CHECK_THROWS_WITH_AS(
      guard.check(std::numeric_limits<double>::quiet_NaN(), 4, 17, replay),
      doctest::Contains("training diverged: the loss is NaN at epoch 4, step 17 (the last finite "
                        "loss was 2.25); replayed under anomaly detection: anomaly: op 'log'"),
      nn::Diverged);
  CHECK_FALSE(anomaly_detection());  // the replay switched it back off
  CHECK(Tape::current().size() == 0);

  nn::DivergenceGuard fresh;
  CHECK_THROWS_WITH_AS(fresh.check(std::numeric_limits<double>::infinity(), 1, 1),
                       doctest::Contains("the loss is infinite at epoch 1, step 1 (no finite loss "
                                         "before it); stopped"),
                       nn::Diverged);
  CHECK_THROWS_WITH_AS(fresh.check(std::nan(""), 1, 2, [] {}),
                       doctest::Contains("no op made a NaN or Inf"), nn::Diverged);
}

TEST_CASE("the guard checks gradients too, and can skip such steps instead, counting them") {
  Tensor w = Tensor({4}, {1, 2, 0, 3}, true);
  const nn::NamedTensors parameters = {{"w", w}};
  backward(sum(sqrt(w)));  // d/dw sqrt w = 1 / (2 sqrt w): infinite at w = 0
  clear_tape();
  nn::DivergenceGuard guard;
  CHECK_THROWS_WITH_AS(guard.check_gradients(parameters, 2, 9),
                       doctest::Contains("the gradient of 'w' is infinite at element 2 at epoch 2, "
                                         "step 9"),
                       nn::Diverged);

  nn::DivergenceGuard skipping({.skip_nonfinite = true});
  CHECK(skipping.check(1.0, 1, 1));
  CHECK_FALSE(skipping.check(std::nan(""), 1, 2));
  CHECK_FALSE(skipping.check_gradients(parameters, 1, 3));
  CHECK(skipping.skipped() == 2);
  CHECK(skipping.last_finite_loss() == 1.0);
  w.grad_values()[2] = 0;
  CHECK(skipping.check_gradients(parameters, 1, 4));
}
