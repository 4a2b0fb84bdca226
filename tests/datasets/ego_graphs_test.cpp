#include "datasets/ego_graphs.hpp"

#include <doctest/doctest.h>

#include "models/graph_statistics.hpp"
#include "tests/data_suites.hpp"

namespace {

// A path 0-1-2-3-4 with a triangle 1-5-6 hung on node 1, and a separate edge 7-8.
datasets::GraphDataset small_world() {
  return datasets::make_graph(
      9, datasets::canonical_edges(9, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {1, 5}, {5, 6}, {1, 6}, {7, 8}}));
}

}  // namespace

TEST_CASE("ego_nodes and induced_subgraph: the nodes within r hops and the edges among them") {
  const datasets::GraphDataset g = small_world();
  CHECK(datasets::ego_nodes(g, 1, 1) == std::vector<int64_t>{0, 1, 2, 5, 6});
  CHECK(datasets::ego_nodes(g, 1, 2) == std::vector<int64_t>{0, 1, 2, 3, 5, 6});
  CHECK(datasets::ego_nodes(g, 7, 3) == std::vector<int64_t>{7, 8});
  const datasets::GraphDataset ego = datasets::induced_subgraph(g, {0, 1, 2, 5, 6});
  CHECK(ego.num_nodes == 5);
  // 0-1, 1-2, 1-5, 1-6, 5-6 renumbered 0..4.
  CHECK(ego.edges == std::vector<datasets::Edge>{{0, 1}, {1, 2}, {1, 3}, {1, 4}, {3, 4}});
  CHECK(datasets::largest_component(g) == std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6});
  CHECK_THROWS_AS(datasets::induced_subgraph(g, {1, 1}), std::invalid_argument);
  CHECK_THROWS_AS(datasets::ego_nodes(g, 9, 1), std::invalid_argument);
}

TEST_CASE("ego_graphs: only the largest component's egos within the size bounds, seeded") {
  const datasets::GraphDataset g = small_world();
  // 1-hop egos of 0..6 have sizes 2, 5, 3, 3, 2, 3, 3: with 3..4 nodes, those of 2, 3, 5, 6.
  const datasets::EgoOptions options{.min_nodes = 3, .max_nodes = 4, .graphs = 10, .seed = 1};
  const std::vector<datasets::GraphDataset> egos = datasets::ego_graphs(g, options);
  CHECK(egos.size() == 4);
  for (const datasets::GraphDataset& e : egos) CHECK(e.num_nodes == 3);
  CHECK(datasets::ego_graphs(g, {.min_nodes = 3, .max_nodes = 4, .graphs = 2, .seed = 1}).size() == 2);
}

TEST_CASE("ego-small from Citeseer: 200 connected ego networks of 4-18 nodes" *
          doctest::test_suite("shared_datasets")) {
  const auto egos = datasets::ego_small((tests::shared_datasets_dir() / "citeseer").string());
  CHECK(egos.size() == 200);
  for (const datasets::GraphDataset& e : egos) {
    CHECK(e.num_nodes >= 4);
    CHECK(e.num_nodes <= 18);
    CHECK(models::is_connected(e));  // an ego network reaches every node through its centre
  }
}
