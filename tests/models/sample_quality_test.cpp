// sample_quality: nearest distances, the Frechet distance against its closed form, and samples of
// a fitted Gaussian reproducing the covariance they were fitted to.
#include "models/sample_quality.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "autograd/autograd.hpp"

using namespace autograd;

TEST_CASE("nearest_distances: the distance to the closest reference row") {
  const Tensor references({3, 2}, {0, 0, 3, 4, 10, 0});
  const Tensor samples({2, 2}, {3, 3, 9, 0});
  const std::vector<double> d = models::nearest_distances(samples, references);
  CHECK(d[0] == doctest::Approx(1));
  CHECK(d[1] == doctest::Approx(1));
  CHECK_THROWS_WITH_AS(models::nearest_distances(samples, Tensor::zeros({2, 3})),
                       doctest::Contains("nearest_distances"), std::invalid_argument);
}

TEST_CASE("frechet_distance: 0 for one distribution, |dmu|^2 + (s_a - s_b)^2 per axis otherwise") {
  Generator gen(5);
  const Tensor a = gen.normal_tensor({20000, 3});
  const Tensor b = gen.normal_tensor({20000, 3});
  CHECK(models::frechet_distance(a, b) < 0.01);
  // b shifted by (1, 0, 0) and scaled by 2 along every axis: 1 + 3 (2 - 1)^2 = 4.
  const Tensor shifted = b * 2.0 + Tensor({1, 3}, {1, 0, 0});
  CHECK(models::frechet_distance(a, shifted) == doctest::Approx(4).epsilon(0.03));
  // A blurred copy (every row pulled halfway to the mean) is close row by row, far in statistics.
  CHECK(models::frechet_distance(a, a * 0.5) == doctest::Approx(0.75).epsilon(0.03));
  CHECK_THROWS_WITH_AS(models::frechet_distance(a, Tensor::zeros({5, 2})),
                       doctest::Contains("frechet_distance"), std::invalid_argument);
}

TEST_CASE("GaussianFit: samples have the mean and covariance of the fitted codes") {
  Generator gen(6);
  const Tensor eps = gen.normal_tensor({20000, 2});
  // Codes with mean (1, -2), covariance [[4, 2], [2, 2]] (L = [[2, 0], [1, 1]]).
  const Tensor codes = matmul(eps, Tensor({2, 2}, {2, 1, 0, 1})) + Tensor({1, 2}, {1, -2});
  const models::GaussianFit fit = models::GaussianFit::fit(codes);
  CHECK(fit.mean[0] == doctest::Approx(1).epsilon(0.03));
  CHECK(fit.cholesky[0] == doctest::Approx(2).epsilon(0.03));
  CHECK(fit.cholesky[2] == doctest::Approx(1).epsilon(0.03));
  CHECK(fit.cholesky[1] == 0);
  const Tensor samples = fit.sample(20000, gen);
  CHECK(models::frechet_distance(samples, codes) < 0.02);
  CHECK_THROWS_WITH_AS(models::GaussianFit::fit(Tensor::zeros({2, 2})),
                       doctest::Contains("more rows than columns"), std::invalid_argument);
}
