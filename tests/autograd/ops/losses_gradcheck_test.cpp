// Double-precision gradient checks of every fused loss of ops/losses.cpp, with respect to every
// input it accepts, in every reduction, over edge shapes and over more elements than one block of
// the fused kernel.
#include <random>

#include "autograd/ops.hpp"
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::expect_derivatives;
using testing::random_tensor;

namespace {
const std::vector<Reduction> kReductions = {Reduction::Mean, Reduction::Sum, Reduction::BatchMean};
// Edge shapes; and, for one reduction, a shape that spans three blocks of the fused kernel. (Only
// for Mean: a full Jacobian of 4200 elements is slow, and a sum that large leaves too few digits
// for a central difference to be accurate to 1e-6.)
std::vector<Shape> shapes(Reduction reduction) {
  std::vector<Shape> out = {{3, 4}, {1, 1}, {1, 6}, {5, 1}};
  if (reduction == Reduction::Mean) out.push_back({2, 2100});
  return out;
}

// Runs check(shape, reduction) over every reduction and its shapes, both named on failure.
template <class Check>
void for_each_case(Check check) {
  for (Reduction reduction : kReductions)
    for (const Shape& shape : shapes(reduction)) {
      CAPTURE(to_string(shape));
      CAPTURE(static_cast<int>(reduction));
      check(shape, reduction);
    }
}
}  // namespace

TEST_CASE("bce_with_logits: logits and targets, with pos_weight") {
  for_each_case([](const Shape& shape, Reduction reduction) {
    for (Scalar pos_weight : {1.0, 2.5}) {
      CAPTURE(pos_weight);
      Tensor x = random_tensor(shape, 41, -4, 4), t = random_tensor(shape, 42, 0, 1);
      expect_derivatives(
          [=](const std::vector<Tensor>& v) {
            return bce_with_logits(v[0], v[1], reduction, pos_weight);
          },
          {x, t});
    }
  });
  Tensor x = random_tensor({3, 3}, 43);  // the same tensor as logits and (through sigmoid) targets
  expect_derivatives(
      [](const std::vector<Tensor>& v) {
        return bce_with_logits(v[0], sigmoid(v[0]), Reduction::Sum);
      },
      {x});
}

TEST_CASE("bce_with_logits against sparse targets") {
  for_each_case([](const Shape& shape, Reduction reduction) {
    // About a third of the entries stored, with values in (0, 1]; the rest are 0 targets.
    std::mt19937 engine(unsigned(shape[0] * 7919 + shape[1]));
    std::uniform_real_distribution<double> uniform(0, 1);
    std::vector<int64_t> rows, cols;
    std::vector<Scalar> values;
    for (int64_t i = 0; i < shape[0]; ++i)
      for (int64_t j = 0; j < shape[1]; ++j)
        if (uniform(engine) < 0.3) {
          rows.push_back(i);
          cols.push_back(j);
          values.push_back(uniform(engine) < 0.5 ? 1 : 1 - uniform(engine));
        }
    const CsrMatrix t = CsrMatrix::from_coo(shape[0], shape[1], rows, cols, values);
    Tensor x = random_tensor(shape, 59, -4, 4);
    expect_derivatives(
        [&](const std::vector<Tensor>& v) { return bce_with_logits(v[0], t, reduction); }, {x});
  });
}

TEST_CASE("mse_loss: prediction and target") {
  for_each_case([](const Shape& shape, Reduction reduction) {
    Tensor p = random_tensor(shape, 44), t = random_tensor(shape, 45);
    expect_derivatives(
        [=](const std::vector<Tensor>& v) { return mse_loss(v[0], v[1], reduction); }, {p, t});
  });
  Tensor p = random_tensor({2, 3}, 46);
  expect_derivatives([](const std::vector<Tensor>& v) { return mse_loss(v[0], v[0] * v[0]); }, {p});
}

TEST_CASE("gaussian_nll: x, mean, and a learned, broadcast or fixed log-variance") {
  for_each_case([](const Shape& shape, Reduction reduction) {
    Tensor x = random_tensor(shape, 47), m = random_tensor(shape, 48),
           lv = random_tensor(shape, 49);
    expect_derivatives(
        [=](const std::vector<Tensor>& v) { return gaussian_nll(v[0], v[1], v[2], reduction); },
        {x, m, lv});
    expect_derivatives(
        [=](const std::vector<Tensor>& v) { return gaussian_nll(v[0], v[1], 0.7, reduction); },
        {x, m});
  });
  Tensor x = random_tensor({4, 3}, 50), m = random_tensor({4, 3}, 51);
  for (const Shape& lv_shape : {Shape{3}, Shape{1, 3}, Shape{4, 1}, Shape{}}) {
    CAPTURE(to_string(lv_shape));
    Tensor lv = random_tensor(lv_shape, 52);
    expect_derivatives([](const std::vector<Tensor>& v) { return gaussian_nll(v[0], v[1], v[2]); },
                       {x, m, lv});
  }
}

TEST_CASE("kl_standard_normal: mean and log-variance") {
  for_each_case([](const Shape& shape, Reduction reduction) {
    Tensor m = random_tensor(shape, 53), lv = random_tensor(shape, 54);
    expect_derivatives(
        [=](const std::vector<Tensor>& v) { return kl_standard_normal(v[0], v[1], reduction); },
        {m, lv});
  });
}
