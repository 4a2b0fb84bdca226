#include "datasets/small_graphs.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

#include "models/graph_statistics.hpp"

TEST_CASE("community_small: 12-20 nodes, two dense communities, the same graphs for a seed") {
  const datasets::CommunitySmallOptions options{.graphs = 30, .seed = 4};
  const std::vector<datasets::GraphDataset> graphs = datasets::community_small(options);
  REQUIRE(graphs.size() == 30);
  double in_edges = 0, in_pairs = 0;
  int connected = 0;
  for (const datasets::GraphDataset& g : graphs) {
    CHECK(g.num_nodes >= 12);
    CHECK(g.num_nodes <= 20);
    datasets::require_canonical("test", g.num_nodes, g.edges);
    connected += models::is_connected(g);
    in_edges += static_cast<double>(g.num_edges());
    in_pairs += g.num_nodes * (g.num_nodes - 1) / 2.0;
  }
  // The communities always touch, but with p_in 0.7 a node of one can be isolated now and then.
  CHECK(connected >= 27);
  // Overall density: between the cross density and p_in, about half of the pairs being within.
  CHECK(in_edges / in_pairs > 0.25);
  CHECK(in_edges / in_pairs < 0.5);
  const std::vector<datasets::GraphDataset> again = datasets::community_small(options);
  for (size_t i = 0; i < graphs.size(); ++i) CHECK(again[i].edges == graphs[i].edges);
  datasets::CommunitySmallOptions reseeded = options;
  reseeded.seed = 5;
  CHECK(datasets::community_small(reseeded)[0].edges != graphs[0].edges);
  CHECK_THROWS_WITH_AS(datasets::community_small({.p_in = 1.5}),
                       "community_small: p_in and p_across must be in [0, 1]",
                       std::invalid_argument);
}

TEST_CASE("grids, trees and cycles have the sizes and edge counts their shapes fix") {
  const datasets::GraphDataset grid = datasets::grid_graph(3, 4);
  CHECK(grid.num_nodes == 12);
  CHECK(grid.num_edges() == 3 * 3 + 2 * 4);  // rows x (cols - 1) + (rows - 1) x cols
  CHECK(datasets::grid_small().size() == 12);
  CHECK(datasets::max_nodes(datasets::grid_small()) == 20);

  const datasets::SizeRangeOptions range{.graphs = 40, .min_nodes = 3, .max_nodes = 9, .seed = 2};
  for (const datasets::GraphDataset& tree : datasets::random_trees(range)) {
    CHECK(tree.num_nodes >= 3);
    CHECK(tree.num_nodes <= 9);
    CHECK(tree.num_edges() == tree.num_nodes - 1);
    CHECK(models::is_connected(tree));  // n - 1 edges and connected: a tree
  }
  CHECK(datasets::random_trees(range)[7].edges == datasets::random_trees(range)[7].edges);
  for (const datasets::GraphDataset& cycle : datasets::cycles(range)) {
    CHECK(cycle.num_edges() == cycle.num_nodes);
    for (const double count : models::degree_histogram(cycle))
      CHECK((count == 0 || count == static_cast<double>(cycle.num_nodes)));  // all degree 2
  }
  CHECK_THROWS_WITH_AS(datasets::cycle_graph(2), "cycle_graph: a cycle needs at least 3 nodes, got 2",
                       std::invalid_argument);
}

TEST_CASE("split_graphs: 80 / 20, disjoint, the same split for a seed") {
  std::vector<datasets::GraphDataset> graphs;
  for (int64_t n = 3; n < 13; ++n) graphs.push_back(datasets::cycle_graph(n));
  const datasets::GraphSplit split = datasets::split_graphs(graphs, 9);
  REQUIRE(split.train.size() == 8);
  REQUIRE(split.test.size() == 2);
  std::vector<int64_t> sizes;
  for (const auto* part : {&split.train, &split.test})
    for (const datasets::GraphDataset& g : *part) sizes.push_back(g.num_nodes);
  std::sort(sizes.begin(), sizes.end());
  for (int64_t i = 0; i < 10; ++i) CHECK(sizes[i] == i + 3);  // each graph exactly once
  CHECK(datasets::split_graphs(graphs, 9).test[0].num_nodes == split.test[0].num_nodes);
  CHECK_THROWS_AS(datasets::split_graphs({datasets::cycle_graph(3)}, 0), std::invalid_argument);
}
