// PCA on synthetic data whose principal subspace is known, and principal angles between
// subspaces whose angles are known.
#include "models/pca.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "autograd/autograd.hpp"

using autograd::Generator;
using autograd::Scalar;
using autograd::Tensor;

namespace {

// n points x = mean + z A + noise, with z_i ~ N(0, scales_i^2) and A's rows the basis of a
// k-dimensional subspace of R^d (random, not orthonormal).
struct Synthetic {
  Tensor x, basis;
};

Synthetic synthetic(int64_t n, int64_t d, const std::vector<double>& scales, double noise,
                    uint64_t seed) {
  Generator gen(seed);
  const int64_t k = static_cast<int64_t>(scales.size());
  Tensor basis = gen.normal_tensor({k, d});
  Tensor mean = gen.uniform_tensor({d}, -3, 3);
  Tensor x = Tensor::zeros({n, d});
  for (int64_t r = 0; r < n; ++r)
    for (int64_t c = 0; c < d; ++c) {
      double value = mean.data()[c] + gen.normal(0, noise);
      x.data()[r * d + c] = static_cast<Scalar>(value);
    }
  for (int64_t r = 0; r < n; ++r)
    for (int64_t i = 0; i < k; ++i) {
      const double z = gen.normal(0, scales[i]);
      for (int64_t c = 0; c < d; ++c)
        x.data()[r * d + c] += static_cast<Scalar>(z * basis.data()[i * d + c]);
    }
  return {x, basis};
}

Tensor rows(int64_t k, int64_t d, std::vector<Scalar> values) {
  return Tensor({k, d}, std::move(values));
}

}  // namespace

TEST_CASE("pca recovers a known subspace with orthonormal components") {
  const Synthetic data = synthetic(4000, 12, {3.0, 2.0, 1.0}, 0.02, 7);
  const models::Pca pca = models::fit_pca(data.x, 3);
  REQUIRE(pca.components.shape() == autograd::Shape{3, 12});
  for (double angle : models::principal_angles(pca.components, data.basis)) CHECK(angle < 0.02);
  for (int64_t i = 0; i < 3; ++i)
    for (int64_t j = 0; j < 3; ++j) {
      double dot = 0;
      for (int64_t c = 0; c < 12; ++c) dot += pca.components.at({i, c}) * pca.components.at({j, c});
      CHECK(dot == doctest::Approx(i == j ? 1.0 : 0.0).epsilon(1e-4));
    }
  CHECK(pca.variances.data()[0] >= pca.variances.data()[1]);
  CHECK(pca.variances.data()[1] >= pca.variances.data()[2]);
  CHECK(pca.variances.data()[2] > 100 * 0.02 * 0.02);  // signal, far above the noise
}

TEST_CASE("pca reconstruction error equals the variance it leaves out") {
  const Synthetic data = synthetic(3000, 8, {2.0, 1.5, 1.0, 0.5}, 0.3, 11);
  for (int64_t k : {1, 2, 4, 8}) {
    const models::Pca pca = models::fit_pca(data.x, k);
    const Scalar measured = models::mean_squared_error(data.x, pca.reconstruct(data.x));
    CHECK(measured == doctest::Approx(pca.training_mse()).epsilon(1e-3));
    if (k == 8) CHECK(measured < 1e-8);
  }
  // More components never reconstruct worse.
  CHECK(models::fit_pca(data.x, 2).training_mse() > models::fit_pca(data.x, 3).training_mse());
}

TEST_CASE("pca rejects bad arguments") {
  const Tensor x = Tensor::ones({5, 3});
  CHECK_THROWS_WITH_AS(models::fit_pca(x, 0), doctest::Contains("1 <= K <= 3"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(models::fit_pca(x, 4), doctest::Contains("1 <= K <= 3"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(models::fit_pca(Tensor::ones({6}), 1), doctest::Contains("2-D"),
                       std::invalid_argument);
  const models::Pca pca = models::fit_pca(x, 2);
  CHECK_THROWS_WITH_AS(pca.encode(Tensor::ones({2, 4})), doctest::Contains("Pca::encode"),
                       std::invalid_argument);
}

TEST_CASE("principal angles of subspaces with known angles") {
  const double t = 0.3;
  const Scalar c = static_cast<Scalar>(std::cos(t)), s = static_cast<Scalar>(std::sin(t));
  // Lines in R^3 at angle t.
  auto angles = models::principal_angles(rows(1, 3, {1, 0, 0}), rows(1, 3, {c, s, 0}));
  REQUIRE(angles.size() == 1);
  CHECK(angles[0] == doctest::Approx(t).epsilon(1e-5));
  // Planes sharing e1, their second directions at angle t; bases scaled and mixed.
  angles = models::principal_angles(rows(2, 4, {1, 0, 0, 0, 0, 1, 0, 0}),
                                    rows(2, 4, {2, 0, 0, 0, 3, 5 * c, 5 * s, 0}));
  REQUIRE(angles.size() == 2);
  CHECK(angles[0] == doctest::Approx(0).epsilon(1e-5));
  CHECK(angles[1] == doctest::Approx(t).epsilon(1e-5));
  // A line against a plane that contains it; then one orthogonal to it.
  angles = models::principal_angles(rows(2, 3, {1, 0, 0, 0, 1, 0}), rows(1, 3, {1, 1, 0}));
  REQUIRE(angles.size() == 1);
  CHECK(angles[0] == doctest::Approx(0).epsilon(1e-5));
  angles = models::principal_angles(rows(1, 3, {0, 0, 2}), rows(2, 3, {1, 0, 0, 0, 1, 0}));
  CHECK(angles[0] == doctest::Approx(std::numbers::pi / 2).epsilon(1e-6));
  // Small angles stay accurate (the sine path), where acos(cos) would round to 0 in float.
  const double tiny = 1e-4;
  angles = models::principal_angles(
      rows(1, 2, {1, 0}),
      rows(1, 2, {static_cast<Scalar>(std::cos(tiny)), static_cast<Scalar>(std::sin(tiny))}));
  CHECK(angles[0] == doctest::Approx(tiny).epsilon(1e-3));
}

TEST_CASE("principal angles reject dependent rows and mismatched widths") {
  CHECK_THROWS_WITH_AS(
      models::principal_angles(rows(2, 3, {1, 2, 3, 2, 4, 6}), rows(1, 3, {1, 0, 0})),
      doctest::Contains("depends linearly"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(models::principal_angles(rows(1, 3, {1, 0, 0}), rows(1, 2, {1, 0})),
                       doctest::Contains("expected 3 columns"), std::invalid_argument);
}
