#include "models/graph_isomorphism.hpp"

#include <doctest/doctest.h>

#include "autograd/random.hpp"
#include "datasets/small_graphs.hpp"

namespace {

datasets::GraphDataset graph_of(int64_t n, std::vector<datasets::Edge> pairs) {
  return datasets::make_graph(n, datasets::canonical_edges(n, std::move(pairs)));
}

// The same graph with node u renamed order[u].
datasets::GraphDataset relabelled(const datasets::GraphDataset& g, const std::vector<int64_t>& order) {
  std::vector<datasets::Edge> pairs;
  for (const auto& [u, v] : g.edges) pairs.emplace_back(order[u], order[v]);
  return graph_of(g.num_nodes, pairs);
}

}  // namespace

TEST_CASE("isomorphic: relabellings are, look-alikes with equal WL colours are not") {
  autograd::Generator gen(11);
  for (const datasets::GraphDataset& g : datasets::community_small({.graphs = 5, .seed = 2})) {
    const datasets::GraphDataset h = relabelled(g, gen.permutation(g.num_nodes));
    CHECK(models::wl_hash(g) == models::wl_hash(h));
    CHECK(models::isomorphic(g, h));
  }
  // C6 and two triangles: both 2-regular on 6 nodes, so WL cannot tell them apart.
  const datasets::GraphDataset c6 = datasets::cycle_graph(6);
  const datasets::GraphDataset triangles = graph_of(6, {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}});
  CHECK(models::wl_hash(c6) == models::wl_hash(triangles));
  CHECK_FALSE(models::isomorphic(c6, triangles));
  // The 4-path and the 3-star: same nodes and edges, different degrees.
  CHECK_FALSE(models::isomorphic(graph_of(4, {{0, 1}, {1, 2}, {2, 3}}), graph_of(4, {{0, 1}, {0, 2}, {0, 3}})));
  CHECK_FALSE(models::isomorphic(datasets::cycle_graph(5), datasets::cycle_graph(6)));
}

TEST_CASE("generation_quality: validity, uniqueness and novelty counted exactly") {
  const datasets::GraphDataset c5 = datasets::cycle_graph(5), c6 = datasets::cycle_graph(6);
  const datasets::GraphDataset c5_turned = relabelled(c5, {2, 4, 1, 0, 3});
  const datasets::GraphDataset split = graph_of(6, {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}});
  const std::vector<datasets::GraphDataset> generated{c5, c5_turned, c6, split};
  const std::vector<datasets::GraphDataset> training{c6};
  const models::GenerationQuality q = models::generation_quality(generated, training);
  CHECK(q.validity == 0.75);    // the two triangles are not connected
  CHECK(q.uniqueness == 0.75);  // c5_turned repeats c5
  CHECK(q.novelty == 0.75);     // c6 is a training graph; the triangles only share its WL hash
  CHECK_THROWS_AS(models::generation_quality({}, training), std::invalid_argument);
}
