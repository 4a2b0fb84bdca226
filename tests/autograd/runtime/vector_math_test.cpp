// The vectorizable float exp and log1p agree with the correctly rounded results to a few units in
// the last place, over their whole range, and keep the special values.
#include "autograd/runtime/vector_math.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

namespace vmath = autograd::vmath;

namespace {
constexpr double kFloatUlp = 0x1.0p-23;  // relative spacing of floats just above 1

double relative_error(double approx, double exact) {
  return std::abs(approx - exact) / exact;
}
}  // namespace

TEST_CASE("vmath::exp is within 3 ulp of exp over the normal float range") {
  double worst = 0;
  for (double x = -87.0; x <= 88.5; x += 0.000917) {
    const float xf = static_cast<float>(x);
    worst = std::max(worst, relative_error(vmath::exp(xf), std::exp(double(xf))));
  }
  CHECK(worst <= 3 * kFloatUlp);
  CHECK(vmath::exp(0.0f) == 1.0f);
  CHECK(vmath::exp(-200.0f) == 0.0f);
  CHECK(vmath::exp(-std::numeric_limits<float>::infinity()) == 0.0f);
  CHECK(std::isinf(vmath::exp(100.0f)));
  CHECK(std::isnan(vmath::exp(std::numeric_limits<float>::quiet_NaN())));
}

TEST_CASE("vmath::log1p_unit is within 3 ulp of log1p on [0, 1], tiny arguments included") {
  double worst = 0;
  for (double u = 1e-6; u <= 1.0; u += 7.3e-7) {
    const float uf = static_cast<float>(u);
    worst = std::max(worst, relative_error(vmath::log1p_unit(uf), std::log1p(double(uf))));
  }
  for (float u = 1e-30f; u < 1e-3f; u *= 1.07f)
    worst = std::max(worst, relative_error(vmath::log1p_unit(u), std::log1p(double(u))));
  CHECK(worst <= 3 * kFloatUlp);
  CHECK(vmath::log1p_unit(0.0f) == 0.0f);
}

TEST_CASE("vmath sigmoid and softplus neither overflow nor lose small values") {
  CHECK(vmath::sigmoid(0.0f) == 0.5f);
  CHECK(vmath::sigmoid(100.0f) == 1.0f);
  CHECK(vmath::sigmoid(-100.0f) == doctest::Approx(std::exp(-100.0)).epsilon(1e-5));
  CHECK(vmath::softplus(100.0f) == 100.0f);
  CHECK(vmath::softplus(-100.0f) == doctest::Approx(std::exp(-100.0)).epsilon(1e-5));
  CHECK(vmath::softplus(0.0f) == doctest::Approx(std::log(2.0)).epsilon(1e-7));
  CHECK(vmath::sigmoid(-3.0) == doctest::Approx(1 / (1 + std::exp(3.0))).epsilon(1e-15));
}
