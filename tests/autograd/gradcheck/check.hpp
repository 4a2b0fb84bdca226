#pragma once
// Helpers shared by the gradient-check tests: seeded random inputs and one assertion.
#include <doctest/doctest.h>

#include <random>

#include "autograd/autograd.hpp"

namespace testing {

using autograd::Scalar;
using autograd::Shape;
using autograd::Tensor;

static_assert(sizeof(Scalar) == 8, "gradient checks run in the float64 build");

// Uniform values in [lo, hi), the same for the same seed.
inline Tensor random_tensor(const Shape& shape, unsigned seed, double lo = -1, double hi = 1,
                            bool requires_grad = true) {
  std::mt19937 engine(seed);
  std::uniform_real_distribution<double> uniform(lo, hi);
  Tensor t = Tensor::zeros(shape, requires_grad);
  for (Scalar& v : t.values()) v = uniform(engine);
  return t;
}

// Values in [lo, hi) kept at least `gap` away from zero: for ops with a kink or pole at 0.
inline Tensor away_from_zero(const Shape& shape, unsigned seed, double gap = 0.1, double hi = 1) {
  Tensor t = random_tensor(shape, seed, gap, hi);
  std::mt19937 engine(seed + 1);
  for (Scalar& v : t.values())
    if (engine() % 2) v = -v;
  return t;
}

inline void expect_gradcheck(const autograd::GradcheckFn& f, const std::vector<Tensor>& inputs,
                             double tolerance = 1e-6) {
  const autograd::GradcheckResult result = autograd::gradcheck(f, inputs, 1e-6, tolerance);
  INFO(result.report);
  CHECK(result.ok);
}

// All three checks of an op: first derivatives against finite differences, second derivatives
// (gradgradcheck) and forward mode against reverse mode. Every op of the table needs all three
// (op_coverage.cpp fails naming one that lacks any).
inline void expect_derivatives(const autograd::GradcheckFn& f, const std::vector<Tensor>& inputs,
                               double tolerance = 1e-6) {
  expect_gradcheck(f, inputs, tolerance);
  const autograd::GradcheckResult second = autograd::gradgradcheck(f, inputs, 1e-6, tolerance);
  INFO(second.report);
  CHECK(second.ok);
  const autograd::GradcheckResult forward = autograd::check_jvp_against_vjp(f, inputs);
  INFO(forward.report);
  CHECK(forward.ok);
}

}  // namespace testing
