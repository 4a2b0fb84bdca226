// Gradient checks of ops/linear.cpp: linear and linear_relu, with and without bias.
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::expect_derivatives;
using testing::random_tensor;

TEST_CASE("linear op with and without bias, in edge shapes") {
  const std::vector<std::tuple<int64_t, int64_t, int64_t>> sizes = {
      {3, 4, 5}, {1, 1, 1}, {1, 5, 3}, {4, 1, 2}, {2, 3, 1}};
  for (const auto& [n, in, out] : sizes) {
    CAPTURE(n);
    CAPTURE(in);
    CAPTURE(out);
    Tensor x = random_tensor({n, in}, 21), w = random_tensor({out, in}, 22),
           b = random_tensor({out}, 23);
    expect_derivatives([](const std::vector<Tensor>& v) { return linear(v[0], v[1], v[2]); },
                       {x, w, b});
    expect_derivatives([](const std::vector<Tensor>& v) { return linear(v[0], v[1]); }, {x, w});
  }
  Tensor square = random_tensor({3, 3}, 24), b = random_tensor({3}, 25);  // x and W the same tensor
  expect_derivatives([](const std::vector<Tensor>& v) { return linear(v[0], v[0], v[1]); },
                     {square, b});
  Tensor x = random_tensor({2, 3}, 26, -1, 1, false), w = random_tensor({4, 3}, 27);  // constant x
  expect_derivatives([](const std::vector<Tensor>& v) { return linear(v[0], v[1]); }, {x, w});
}

TEST_CASE("linear_relu with and without bias, in edge shapes, on both sides of the kink") {
  // The pre-activations are kept away from the kink: |x W^T| <= in / 4 and the biases are +-3,
  // so a finite-difference step never crosses it; columns with a negative bias are cut off (the
  // same tensor as x and W, last, reuses an input).
  const std::vector<std::tuple<int64_t, int64_t, int64_t>> sizes = {
      {3, 4, 5}, {1, 1, 1}, {1, 4, 3}, {4, 1, 2}, {2, 3, 1}};
  for (const auto& [n, in, out] : sizes) {
    CAPTURE(n);
    CAPTURE(in);
    CAPTURE(out);
    Tensor x = random_tensor({n, in}, 41, -0.5, 0.5), w = random_tensor({out, in}, 42, -0.5, 0.5);
    Tensor b = Tensor::zeros({out}, true);
    for (int64_t j = 0; j < out; ++j) b.data()[j] = j % 2 ? -3 : 3;
    expect_derivatives([](const std::vector<Tensor>& v) { return linear_relu(v[0], v[1], v[2]); },
                       {x, w, b});
    // Without a bias: x in [0.5, 1) and rows of W of one sign each, so |x W^T| >= in / 4.
    Tensor positive_x = random_tensor({n, in}, 44, 0.5, 1),
           signed_w = random_tensor({out, in}, 45, 0.5, 1);
    for (int64_t j = 1; j < out; j += 2)
      for (int64_t k = 0; k < in; ++k) signed_w.data()[j * in + k] *= -1;
    expect_derivatives([](const std::vector<Tensor>& v) { return linear_relu(v[0], v[1]); },
                       {positive_x, signed_w});
  }
  Tensor square = random_tensor({3, 3}, 43, -0.5, 0.5), b = Tensor({3}, {3.0, -3.0, 3.0}, true);
  expect_derivatives([](const std::vector<Tensor>& v) { return linear_relu(v[0], v[0], v[1]); },
                     {square, b});
}
