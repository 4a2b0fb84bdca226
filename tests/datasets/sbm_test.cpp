#include "datasets/sbm.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

TEST_CASE("stochastic block model: planted communities with the requested edge densities") {
  const datasets::SbmOptions options{
      .nodes = 2000, .communities = 4, .p_in = 0.02, .p_out = 0.002, .seed = 5};
  const datasets::GraphDataset g = datasets::stochastic_block_model(options);
  CHECK(g.num_nodes == 2000);
  REQUIRE(g.labels.size() == 2000);
  CHECK(g.labels[0] == 0);
  CHECK(g.labels[499] == 0);
  CHECK(g.labels[500] == 1);
  CHECK(g.labels[1999] == 3);
  CHECK_FALSE(g.features);
  datasets::require_canonical("test", g.num_nodes, g.edges);

  int64_t within = 0, across = 0;
  for (const auto& [u, v] : g.edges) (g.labels[u] == g.labels[v] ? within : across)++;
  const double within_pairs = 4 * 500.0 * 499 / 2, across_pairs = 2000.0 * 1999 / 2 - within_pairs;
  const double expected_within = 0.02 * within_pairs, expected_across = 0.002 * across_pairs;
  CHECK(std::abs(within - expected_within) < 5 * std::sqrt(expected_within));
  CHECK(std::abs(across - expected_across) < 5 * std::sqrt(expected_across));

  CHECK(datasets::stochastic_block_model(options).edges == g.edges);
  datasets::SbmOptions reseeded = options;
  reseeded.seed = 6;
  CHECK(datasets::stochastic_block_model(reseeded).edges != g.edges);
}

TEST_CASE("block model features: a node's own community block lights up, with noise") {
  const datasets::GraphDataset g = datasets::stochastic_block_model({.nodes = 600,
                                                                     .communities = 3,
                                                                     .p_in = 0.05,
                                                                     .p_out = 0.005,
                                                                     .seed = 1,
                                                                     .feature_dim = 60,
                                                                     .feature_signal = 0.5,
                                                                     .feature_noise = 0.02});
  REQUIRE(g.features);
  const autograd::CsrMatrix& x = *g.features;
  CHECK(x.rows() == 600);
  CHECK(x.cols() == 60);
  int64_t own = 0, other = 0;
  for (int64_t i = 0; i < 600; ++i)
    for (int64_t k = x.row_ptr()[i]; k < x.row_ptr()[i + 1]; ++k) {
      CHECK(x.values()[k] == 1);
      (x.col_idx()[k] / 20 == g.labels[i] ? own : other)++;
    }
  // Own block: 20 features at 1 - (1 - 0.5)(1 - 0.02); the 40 others at 0.02.
  CHECK(own / 600.0 == doctest::Approx(20 * 0.51).epsilon(0.05));
  CHECK(other / 600.0 == doctest::Approx(40 * 0.02).epsilon(0.2));
}

TEST_CASE("block model probabilities from an average degree; invalid options are refused") {
  const auto p = datasets::sbm_probabilities(10000, 10, 12.0, 15.0);
  CHECK(p.p_in == doctest::Approx(15 * p.p_out));
  const datasets::GraphDataset g = datasets::stochastic_block_model(
      {.nodes = 10000, .communities = 10, .p_in = p.p_in, .p_out = p.p_out});
  CHECK(2.0 * g.num_edges() / 10000 == doctest::Approx(12.0).epsilon(0.03));
  CHECK_THROWS_AS(datasets::sbm_probabilities(10, 2, 50.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(datasets::stochastic_block_model({.nodes = 10, .communities = 0}),
                  std::invalid_argument);
  CHECK_THROWS_AS(datasets::stochastic_block_model({.nodes = 10, .p_in = 1.5}),
                  std::invalid_argument);
  CHECK_THROWS_AS(
      datasets::stochastic_block_model({.nodes = 10, .communities = 4, .feature_dim = 3}),
      std::invalid_argument);
}
