// Recycled gradient buffers: a dropped gradient's buffer is reused unzeroed by the next gradient of
// its size, so every writer must either zero it (grad_values) or overwrite it whole
// (grad_buffer().fresh). Stale values must never leak into a gradient.
#include <doctest/doctest.h>

#include "autograd/autograd.hpp"

using namespace autograd;

TEST_CASE("grad_buffer is fresh once, grad_values zeroes a recycled buffer") {
  Tensor a = Tensor::zeros({100, 50}, true);  // 5000 values: large enough to be pooled
  GradBuffer first = a.grad_buffer();
  CHECK(first.fresh);
  CHECK(first.values.size() == 5000);
  for (Scalar& v : first.values) v = 7;
  CHECK_FALSE(a.grad_buffer().fresh);
  a.zero_grad();  // the buffer of sevens goes back to the pool
  CHECK_FALSE(a.has_grad());
  Tensor b = Tensor::zeros({50, 100}, true);
  for (Scalar v : b.grad_values()) REQUIRE(v == 0);
}

TEST_CASE("repeated steps give the same gradients through recycled buffers") {
  Generator gen(1);
  const Tensor x = gen.normal_tensor({64, 100});
  Tensor w = gen.normal_tensor({80, 100}).set_requires_grad(true);
  Tensor b = gen.normal_tensor({80}).set_requires_grad(true);
  const auto step = [&] {
    w.zero_grad();
    b.zero_grad();
    backward(sum(sigmoid(linear(x, w, b)) * matmul(x, w, false, true)));
    clear_tape();
    return std::make_pair(w.grad(), b.grad());
  };
  const auto [w1, b1] = step();
  for (int i = 0; i < 3; ++i) {
    const auto [w2, b2] = step();
    for (int64_t j = 0; j < w1.numel(); ++j) REQUIRE(w2.data()[j] == w1.data()[j]);
    for (int64_t j = 0; j < b1.numel(); ++j) REQUIRE(b2.data()[j] == b1.data()[j]);
  }
  // Without zero_grad, gradients accumulate: the second sweep doubles them.
  backward(sum(sigmoid(linear(x, w, b)) * matmul(x, w, false, true)));
  clear_tape();
  for (int64_t j = 0; j < w1.numel(); j += 97)
    CHECK(w.grad().data()[j] == doctest::Approx(2 * w1.data()[j]));
}
