// Anomaly mode: planted faults are caught at the op that made them, forward or backward.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "autograd/autograd.hpp"

using namespace autograd;

namespace {
// Turns anomaly mode on for one test and always off again.
struct AnomalyMode {
  AnomalyMode() { set_anomaly_detection(true); }
  ~AnomalyMode() { set_anomaly_detection(false); }
};
}  // namespace

TEST_CASE("a planted log(0) is caught at the log op, with its tape position and input shapes") {
  clear_tape();
  AnomalyMode on;
  Tensor x = Tensor::ones({2, 3}, true);
  Tensor shifted = x - 1.0f;  // position 0: zeros
  CHECK_THROWS_WITH_AS(log(shifted),
                       "anomaly: op 'log' at tape position 1 (inputs [2, 3]) produced Inf in its "
                       "output at element 0",
                       AnomalyError);
  clear_tape();
}

TEST_CASE("a planted division by zero is caught at the div op") {
  clear_tape();
  AnomalyMode on;
  Tensor a = Tensor({3}, {1, 2, 3}, true);
  Tensor b = Tensor({3}, {1, 0, 2});
  Tensor c = exp(a);
  CHECK_THROWS_WITH_AS(c / b,
                       "anomaly: op 'div' at tape position 1 (inputs [3], [3]) produced Inf in its "
                       "output at element 1",
                       AnomalyError);
  clear_tape();
}

TEST_CASE("a fault that appears only in backward stops the sweep at that op") {
  clear_tape();
  Tensor x = Tensor({2}, {4, 0}, true);
  Tensor w = Tensor::scalar(2, true);
  Tensor y = sum(sqrt(x) * w);  // sqrt(0) = 0 is fine forward; its derivative 1/(2*0) is not
  {
    AnomalyMode on;
    CHECK_THROWS_WITH_AS(backward(y, {}, true),
                         "anomaly: op 'sqrt' at tape position 0 (inputs [2]) produced Inf in the "
                         "gradient of input 0 at element 1",
                         AnomalyError);
  }
  CHECK(w.has_grad());  // mul ran before sqrt and pushed its gradient
  x.zero_grad();
  w.zero_grad();
  backward(y);  // anomaly mode off: the Inf goes through unchecked
  CHECK(std::isinf(x.grad().data()[1]));
  clear_tape();
}

TEST_CASE("anomaly mode also names ops that are not recorded, and passes finite values") {
  clear_tape();
  AnomalyMode on;
  CHECK_THROWS_WITH_AS(matmul(Tensor::full({1, 1}, INFINITY), Tensor::ones({1, 1})),
                       doctest::Contains("op 'matmul' (not recorded on the tape)"), AnomalyError);
  Tensor x = Tensor::full({2}, 0.5f, true);
  Tensor y = sum(log(x) * x);
  CHECK_NOTHROW(backward(y));
  clear_tape();
}
