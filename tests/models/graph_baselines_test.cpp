#include "models/graph_baselines.hpp"

#include <doctest/doctest.h>

#include "datasets/small_graphs.hpp"

TEST_CASE("spectral_bisection splits two cliques joined by one edge into the cliques") {
  std::vector<datasets::Edge> pairs;
  for (int64_t base : {0, 5})
    for (int64_t u = 0; u < 5; ++u)
      for (int64_t v = u + 1; v < 5; ++v) pairs.emplace_back(base + u, base + v);
  pairs.emplace_back(4, 5);
  const std::vector<bool> side =
      models::spectral_bisection(datasets::make_graph(10, datasets::canonical_edges(10, pairs)));
  for (int64_t u = 1; u < 5; ++u) CHECK(side[u] == side[0]);
  for (int64_t u = 5; u < 10; ++u) CHECK(side[u] != side[0]);
}

TEST_CASE("baselines fit the training densities and sample training sizes") {
  // Cycles C4 (4 of 6 pairs) and C5 (5 of 10): pooled density 9 / 16.
  const std::vector<datasets::GraphDataset> training{datasets::cycle_graph(4), datasets::cycle_graph(5)};
  const models::ErdosRenyiBaseline er(training);
  CHECK(er.density() == doctest::Approx(9.0 / 16));
  autograd::Generator gen(3);
  double edges = 0, pairs = 0;
  for (const datasets::GraphDataset& g : er.sample(400, gen)) {
    CHECK((g.num_nodes == 4 || g.num_nodes == 5));
    edges += static_cast<double>(g.num_edges());
    pairs += g.num_nodes * (g.num_nodes - 1) / 2.0;
  }
  CHECK(edges / pairs == doctest::Approx(9.0 / 16).epsilon(0.05));

  const std::vector<datasets::GraphDataset> communities = datasets::community_small({.graphs = 40, .seed = 1});
  const models::BlockModelBaseline sbm(communities);
  CHECK(sbm.p_in() == doctest::Approx(0.7).epsilon(0.1));  // the bisection recovers the halves
  CHECK(sbm.p_across() < 0.1);
  for (const datasets::GraphDataset& g : sbm.sample(20, gen)) {
    CHECK(g.num_nodes >= 12);
    CHECK(g.num_nodes <= 20);
  }
  CHECK_THROWS_AS(models::ErdosRenyiBaseline({}), std::invalid_argument);
}
