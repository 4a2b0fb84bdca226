// Node orders: the canonical BFS order writes every relabelling of a graph down the same way;
// permute_graph is P A P^T.
#include "models/graph_orderings.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "datasets/small_graphs.hpp"
#include "models/graph_isomorphism.hpp"

namespace {

datasets::GraphDataset graph_of(int64_t n, std::vector<datasets::Edge> edges) {
  return datasets::make_graph(n, datasets::canonical_edges(n, std::move(edges)));
}

}  // namespace

TEST_CASE("canonical_bfs_order starts at the highest degree and goes breadth first") {
  // A star with centre 3 and a tail: 3-0, 3-1, 3-2, 2-4.
  const datasets::GraphDataset g = graph_of(5, {{3, 0}, {3, 1}, {3, 2}, {2, 4}});
  const std::vector<int64_t> order = models::canonical_bfs_order(g);
  CHECK(order.front() == 3);
  CHECK(order[1] == 2);  // the neighbour of higher degree first
  CHECK(order.back() == 4);
  // A graph of two components is ordered component by component.
  CHECK(models::canonical_bfs_order(graph_of(4, {{0, 1}, {2, 3}})).size() == 4);
}

TEST_CASE("relabellings of a graph are written down the same way in canonical order") {
  // Exactly so when the Weisfeiler-Lehman colours tell every node apart; otherwise a tie between
  // two nodes that look alike but are not automorphic can go either way.
  autograd::Generator gen(3);
  int same = 0, trials = 0, distinct_colour_graphs = 0;
  for (const datasets::GraphDataset& g : datasets::community_small({.graphs = 20, .seed = 1})) {
    std::vector<uint64_t> colours = models::wl_colors(g);
    std::sort(colours.begin(), colours.end());
    const bool all_distinct = std::adjacent_find(colours.begin(), colours.end()) == colours.end();
    distinct_colour_graphs += all_distinct;
    const datasets::GraphDataset canonical =
        models::permute_graph(g, models::canonical_bfs_order(g));
    for (int trial = 0; trial < 3; ++trial) {
      const datasets::GraphDataset relabelled =
          models::permute_graph(g, models::random_node_order(g.num_nodes, gen));
      REQUIRE(models::isomorphic(relabelled, g));
      const bool equal =
          models::permute_graph(relabelled, models::canonical_bfs_order(relabelled)).edges ==
          canonical.edges;
      if (all_distinct) CHECK(equal);
      same += equal, ++trials;
    }
  }
  MESSAGE("canonical order unchanged by relabelling in ", same, " of ", trials, " trials; ",
          distinct_colour_graphs, " of 20 graphs have all WL colours distinct");
  CHECK(distinct_colour_graphs >= 5);
  CHECK(same >= trials * 8 / 10);
}

TEST_CASE("permute_graph refuses an order that is not a permutation") {
  const datasets::GraphDataset g = graph_of(3, {{0, 1}, {1, 2}});
  CHECK(models::permute_graph(g, std::vector<int64_t>{2, 1, 0}).edges ==
        std::vector<datasets::Edge>{{0, 1}, {1, 2}});
  CHECK_THROWS_WITH(models::permute_graph(g, std::vector<int64_t>{0, 0, 1}),
                    "permute_graph: the order is not a permutation (entry 1 is 0)");
  CHECK_THROWS_WITH(models::permute_graph(g, std::vector<int64_t>{0, 1}),
                    "permute_graph: an order of 2 nodes for a graph of 3");
}
