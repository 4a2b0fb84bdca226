// softmax_cross_entropy: its values against the definition, stability, and its refusals.
#include "autograd/ops/softmax_cross_entropy.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>

#include "autograd/autograd.hpp"

using namespace autograd;

TEST_CASE("softmax_cross_entropy: the mean of -log softmax at the label") {
  const Tensor x({2, 3}, {1, 2, 3, 0.5, -1, 0});
  const double lse0 = std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0));
  const double lse1 = std::log(std::exp(0.5) + std::exp(-1.0) + std::exp(0.0));
  const double expected = ((lse0 - 2.0) + (lse1 - 0.5)) / 2;
  CHECK(softmax_cross_entropy(x, {1, 0}).item() == doctest::Approx(expected).epsilon(1e-6));
}

TEST_CASE("softmax_cross_entropy: huge logits give a finite loss and softmax - one_hot") {
  Tensor x({1, 3}, {1000, -1000, 0}, true);
  const Tensor loss = softmax_cross_entropy(x, {1});
  CHECK(loss.item() == doctest::Approx(2000).epsilon(1e-6));
  backward(loss);
  CHECK(x.grad().at({0, 0}) == doctest::Approx(1));
  CHECK(x.grad().at({0, 1}) == doctest::Approx(-1));
  CHECK(x.grad().at({0, 2}) == doctest::Approx(0));
  clear_tape();
}

TEST_CASE("softmax_cross_entropy: refuses bad shapes and labels, naming the op") {
  const Tensor x = Tensor::zeros({2, 3});
  CHECK_THROWS_WITH_AS(softmax_cross_entropy(x, {0}),
                       doctest::Contains("softmax_cross_entropy: 1 labels for 2 rows"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(softmax_cross_entropy(x, {0, 3}),
                       doctest::Contains("label 3 of row 1 is not a class in [0, 3)"),
                       std::out_of_range);
  CHECK_THROWS_WITH_AS(softmax_cross_entropy(Tensor::zeros({3}), {0, 0, 0}),
                       doctest::Contains("non-empty 2-D tensor"), std::invalid_argument);
}
