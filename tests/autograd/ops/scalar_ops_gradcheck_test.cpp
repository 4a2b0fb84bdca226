// Gradient checks of ops/scalar_ops.hpp.
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::expect_derivatives;
using testing::random_tensor;

TEST_CASE("scalar ops") {
  Tensor x = random_tensor({2, 3}, 5, 0.5, 2);
  expect_derivatives([](const std::vector<Tensor>& v) { return add_scalar(v[0], 1.5); }, {x});
  expect_derivatives([](const std::vector<Tensor>& v) { return mul_scalar(v[0], -2.5); }, {x});
  expect_derivatives([](const std::vector<Tensor>& v) { return pow(v[0], 3.5); }, {x});
  expect_derivatives([](const std::vector<Tensor>& v) { return pow(v[0], -1) * v[0]; }, {x});
  Tensor one = random_tensor({1, 1}, 6, 0.5, 2);
  expect_derivatives([](const std::vector<Tensor>& v) { return 2.0 - v[0] / 4.0; }, {one});
}
