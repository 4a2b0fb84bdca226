#include "models/graph_mmd.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "datasets/small_graphs.hpp"

namespace {

datasets::GraphDataset clique(int64_t n) {
  std::vector<datasets::Edge> pairs;
  for (int64_t u = 0; u < n; ++u)
    for (int64_t v = u + 1; v < n; ++v) pairs.emplace_back(u, v);
  return datasets::make_graph(n, pairs);
}

}  // namespace

TEST_CASE("the kernels on histograms with known distances") {
  // All mass moved one bin: EMD 1 (ground distance 1 / scale), TV 1.
  CHECK(models::gaussian_emd_kernel({1, 0}, {0, 1}, 1) == doctest::Approx(std::exp(-0.5)));
  CHECK(models::gaussian_emd_kernel({1, 0, 0}, {0, 0, 1}, 1) == doctest::Approx(std::exp(-2.0)));
  CHECK(models::gaussian_emd_kernel({1, 0}, {0, 1}, 0.1, 10) == doctest::Approx(std::exp(-0.5)));
  CHECK(models::gaussian_tv_kernel({1, 0, 0}, {0, 0, 1}, 1) == doctest::Approx(std::exp(-0.5)));
  CHECK(models::gaussian_kernel({3, 0}, {0, 4}, 5) == doctest::Approx(std::exp(-0.5)));
  // The shorter histogram is padded with zeros.
  CHECK(models::gaussian_emd_kernel({0.5, 0.5}, {0.5, 0.5, 0}, 1) == 1);
  CHECK_THROWS_AS(models::normalized({{0, 0}}), std::invalid_argument);
}

TEST_CASE("mmd_squared: zero for one set against itself, the closed form for two points") {
  const std::vector<models::Histogram> x{{1, 0}}, y{{0, 1}};
  const auto k = [](const models::Histogram& p, const models::Histogram& q) {
    return models::gaussian_tv_kernel(p, q, 1);
  };
  // k(x, x) + k(y, y) - 2 k(x, y) = 2 - 2 exp(-1/2).
  CHECK(models::mmd_squared(x, y, k) == doctest::Approx(2 - 2 * std::exp(-0.5)));
  CHECK(models::mmd_squared(x, x, k) == 0);
  CHECK_THROWS_AS(models::mmd_squared({}, y, k), std::invalid_argument);
}

TEST_CASE("generation_mmd: identical sets give 0; cycles against cliques differ on all three") {
  const std::vector<datasets::GraphDataset> cycles = datasets::cycles({.graphs = 10, .min_nodes = 5, .max_nodes = 9, .seed = 3});
  std::vector<datasets::GraphDataset> cliques;
  for (int64_t n = 5; n < 10; ++n) cliques.push_back(clique(n));
  for (const auto kernel : {models::HistogramKernel::GaussianEmd, models::HistogramKernel::GaussianTv}) {
    const models::GenerationMmd same = models::generation_mmd(cycles, cycles, kernel);
    CHECK(same.degree == doctest::Approx(0).epsilon(1e-12));
    CHECK(same.clustering == doctest::Approx(0).epsilon(1e-12));
    CHECK(same.orbit == doctest::Approx(0).epsilon(1e-12));
    const models::GenerationMmd apart = models::generation_mmd(cycles, cliques, kernel);
    CHECK(apart.degree > 0.1);
    CHECK(apart.clustering > 0.5);  // every coefficient 0 against every coefficient 1
    CHECK(apart.orbit > 0.1);
  }
  // Closer sets score lower: cycles against longer cycles, against cliques.
  const std::vector<datasets::GraphDataset> long_cycles = datasets::cycles({.graphs = 10, .min_nodes = 12, .max_nodes = 15, .seed = 3});
  CHECK(models::generation_mmd(cycles, long_cycles).degree < models::generation_mmd(cycles, cliques).degree);
  CHECK_THROWS_AS(models::generation_mmd(cycles, std::vector<datasets::GraphDataset>{}), std::invalid_argument);
}
