#include "models/graph_statistics.hpp"

#include <doctest/doctest.h>

#include "datasets/small_graphs.hpp"

namespace {

datasets::GraphDataset graph_of(int64_t n, std::vector<datasets::Edge> pairs) {
  return datasets::make_graph(n, datasets::canonical_edges(n, std::move(pairs)));
}

datasets::GraphDataset clique(int64_t n) {
  std::vector<datasets::Edge> pairs;
  for (int64_t u = 0; u < n; ++u)
    for (int64_t v = u + 1; v < n; ++v) pairs.emplace_back(u, v);
  return graph_of(n, pairs);
}

}  // namespace

TEST_CASE("degree and clustering: a star, a triangle with a tail") {
  const datasets::GraphDataset star = graph_of(4, {{0, 1}, {0, 2}, {0, 3}});
  CHECK(models::degree_histogram(star) == std::vector<double>{0, 3, 0, 1});
  CHECK(models::clustering_coefficients(star) == std::vector<double>{0, 0, 0, 0});
  // The paw: triangle 0-1-2, tail 2-3. Node 2 has 3 neighbour pairs, one of them joined.
  const datasets::GraphDataset paw = graph_of(4, {{0, 1}, {0, 2}, {1, 2}, {2, 3}});
  const std::vector<double> c = models::clustering_coefficients(paw);
  CHECK(c[0] == 1);
  CHECK(c[1] == 1);
  CHECK(c[2] == doctest::Approx(1.0 / 3));
  CHECK(c[3] == 0);
  const std::vector<double> hist = models::clustering_histogram(paw, 10);
  CHECK(hist[0] == 1);  // node 3
  CHECK(hist[3] == 1);  // 1/3
  CHECK(hist[9] == 2);  // coefficient 1 falls in the last, closed bin
}

TEST_CASE("orbit counts: every graphlet of 4 nodes, on its own, lands in its orbits") {
  using models::OrbitCounts;
  const auto orbits = [](const datasets::GraphDataset& g) { return models::orbit_counts(g); };
  // 4-path 0-1-2-3: ends in orbit 4, inner nodes in 5; 3-paths: 0-1-2 and 1-2-3.
  const auto path = orbits(graph_of(4, {{0, 1}, {1, 2}, {2, 3}}));
  CHECK(path[0] == OrbitCounts{1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(path[1] == OrbitCounts{2, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  // 3-star: centre middle of three 3-paths, orbit 7; each leaf end of two, orbit 6.
  const auto star = orbits(graph_of(4, {{0, 1}, {0, 2}, {0, 3}}));
  CHECK(star[0] == OrbitCounts{3, 0, 3, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0});
  CHECK(star[3] == OrbitCounts{1, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0});
  // 4-cycle: each node the middle of one 3-path and the end of two.
  const auto c4 = orbits(datasets::cycle_graph(4));
  for (const OrbitCounts& node : c4)
    CHECK(node == OrbitCounts{2, 2, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0});
  // Paw: triangle 0-1-2, tail 2-3.
  const auto paw = orbits(graph_of(4, {{0, 1}, {0, 2}, {1, 2}, {2, 3}}));
  CHECK(paw[3] == OrbitCounts{1, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0});
  CHECK(paw[0][10] == 1);
  CHECK(paw[2] == OrbitCounts{3, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0});
  // Diamond: K4 less the edge 0-3.
  const auto diamond = orbits(graph_of(4, {{0, 1}, {0, 2}, {1, 2}, {1, 3}, {2, 3}}));
  CHECK(diamond[0][12] == 1);
  CHECK(diamond[1][13] == 1);
  CHECK(diamond[1][3] == 2);
  const auto k4 = orbits(clique(4));
  for (const OrbitCounts& node : k4)
    CHECK(node == OrbitCounts{3, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
  // Per-graph mean: K5 has C(4,3) = 4 cliques of 4 through each node.
  CHECK(models::mean_orbit_counts(clique(5))[14] == 4);
  CHECK(models::mean_orbit_counts(clique(5))[3] == 6);
}

TEST_CASE("is_connected") {
  CHECK(models::is_connected(datasets::cycle_graph(5)));
  CHECK_FALSE(models::is_connected(graph_of(4, {{0, 1}, {2, 3}})));
  CHECK_FALSE(models::is_connected(graph_of(0, {})));
  CHECK(models::is_connected(graph_of(1, {})));
}
