// The tape and the reverse sweep: accumulation, seeds, modes, misuse, memory.
#include <doctest/doctest.h>

#include <malloc.h>

#include <cmath>

#include "autograd/autograd.hpp"

using namespace autograd;

TEST_CASE("a tensor used twice receives the sum of both gradients") {
  clear_tape();
  Tensor x = Tensor::scalar(3, true);
  Tensor y = x * x + x;  // dy/dx = 2x + 1 = 7
  backward(y);
  CHECK(x.grad().item() == doctest::Approx(7));
  clear_tape();
}

TEST_CASE("gradients accumulate across backward calls until zeroed") {
  clear_tape();
  Tensor x = Tensor::scalar(2, true);
  backward(x * x);
  backward(x * x);
  CHECK(x.grad().item() == doctest::Approx(8));
  x.zero_grad();
  CHECK_FALSE(x.has_grad());
  clear_tape();
}

TEST_CASE("a non-scalar root needs a seed of its shape") {
  clear_tape();
  Tensor x = Tensor::ones({2, 3}, true);
  Tensor y = x * 2.0f;
  CHECK_THROWS_WITH_AS(backward(y), doctest::Contains("not a scalar"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(backward(y, Tensor::ones({3, 2})), doctest::Contains("seed shape [3, 2]"),
                       std::invalid_argument);
  backward(y, Tensor::full({2, 3}, 0.5f));
  CHECK(x.grad().at({1, 2}) == doctest::Approx(1.0));
  clear_tape();
}

TEST_CASE("misuse raises clear errors") {
  clear_tape();
  Tensor x = Tensor::ones({2}, true);
  Tensor y = sum(exp(x));
  backward(y);
  CHECK_THROWS_WITH_AS(backward(y), doctest::Contains("already consumed"), std::logic_error);

  Tensor z = sum(x * x);
  clear_tape();
  CHECK_THROWS_WITH_AS(backward(z), doctest::Contains("cleared"), std::logic_error);
  CHECK_THROWS_WITH_AS(exp(z), doctest::Contains("cleared"), std::logic_error);
  CHECK_NOTHROW(exp(z.detach()));

  CHECK_THROWS_WITH_AS(backward(Tensor::ones({1})), doctest::Contains("does not require"), std::logic_error);
  CHECK_THROWS_WITH_AS(matmul(Tensor::ones({128, 784}), Tensor::ones({400, 20})),
                       "matmul: inner dimensions differ: [128, 784] x [400, 20]", std::invalid_argument);
  CHECK_THROWS_WITH_AS(add(Tensor::ones({2, 3}), Tensor::ones({4})),
                       doctest::Contains("add: shapes [2, 3] and [4] cannot be broadcast"), std::invalid_argument);
  CHECK_THROWS_AS(Tensor({2, 2}, {1, 2, 3}), std::invalid_argument);
  CHECK_THROWS_AS(Tensor::zeros({-1}), std::invalid_argument);
  Tensor leaf = Tensor::ones({1}, true);
  Tensor made = leaf * 2.0f;
  CHECK_THROWS_AS(made.set_requires_grad(false), std::logic_error);
  CHECK_THROWS_AS(Tensor().shape(), std::logic_error);
  clear_tape();
}

TEST_CASE("retain_graph allows a second backward") {
  clear_tape();
  Tensor x = Tensor::scalar(1.5, true);
  Tensor y = sigmoid(x);
  backward(y, {}, true);
  backward(y);
  const double s = 1 / (1 + std::exp(-1.5));
  CHECK(x.grad().item() == doctest::Approx(2 * s * (1 - s)));
  clear_tape();
}

TEST_CASE("NoGradGuard records nothing and detach cuts history") {
  clear_tape();
  Tensor x = Tensor::ones({3}, true);
  {
    NoGradGuard guard;
    Tensor y = x * 2.0f;
    CHECK_FALSE(y.requires_grad());
    CHECK(Tape::current().size() == 0);
  }
  Tensor y = x * 2.0f;
  Tensor d = y.detach();
  CHECK(Tape::current().size() == 1);
  CHECK_FALSE(d.requires_grad());
  CHECK(d.data() == y.data());  // a view: same storage
  clear_tape();
}

TEST_CASE("non-leaf gradients are freed unless retained; hooks see and replace gradients") {
  clear_tape();
  Tensor x = Tensor::full({2}, 2, true);
  Tensor h = x * x;
  h.retain_grad();
  Tensor k = exp(x);
  int calls = 0;
  x.register_hook([&](const Tensor& g) {
    ++calls;
    CHECK(g.data()[0] == doctest::Approx(4 + std::exp(2.0f)));
    return g * 0.5f;  // replaces the leaf's gradient
  });
  backward(sum(h + k));
  CHECK(calls == 1);
  CHECK(h.has_grad());
  CHECK_FALSE(k.has_grad());
  CHECK(x.grad().data()[0] == doctest::Approx((4 + std::exp(2.0f)) / 2));
  clear_tape();
}

TEST_CASE("a chain of 10,000 ops neither recurses nor overflows the stack") {
  clear_tape();
  Tensor x = Tensor::scalar(1, true);
  Tensor y = x;
  for (int i = 0; i < 10000; ++i) y = y * 1.0001f;
  backward(y);
  CHECK(x.grad().item() == doctest::Approx(std::pow(1.0001, 10000)).epsilon(1e-3));
  clear_tape();
}

TEST_CASE("steady-state memory does not grow with iterations") {
  Tensor w = Tensor::full({16, 16}, 0.01f, true);
  Tensor input = Tensor::ones({8, 16});
  auto iterate = [&](int iterations) {
    for (int i = 0; i < iterations; ++i) {
      Tensor loss = sum(square(tanh(matmul(input, w))));
      backward(loss);
      w.zero_grad();
      clear_tape();
    }
    return mallinfo2().uordblks;
  };
  iterate(50);  // warm up: the tape reaches its capacity
  const size_t after_n = iterate(500);
  const size_t after_2n = iterate(1000);
  CHECK(after_2n == after_n);
}
