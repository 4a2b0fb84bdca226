#include "datasets/link_split.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "datasets/graph.hpp"
#include "datasets/sbm.hpp"
#include "tests/data_suites.hpp"
#include "tests/datasets/scratch_file.hpp"

using datasets::Edge;
using datasets::LinkSplit;

namespace {

std::set<Edge> as_set(const std::vector<Edge>& edges) {
  return std::set<Edge>(edges.begin(), edges.end());
}

bool disjoint(const std::set<Edge>& a, const std::set<Edge>& b) {
  return std::none_of(a.begin(), a.end(), [&](const Edge& e) { return b.count(e) > 0; });
}

// Every property the split promises, checked against the full graph.
void check_split(const datasets::GraphDataset& graph, const LinkSplit& split, int64_t num_val,
                 int64_t num_test) {
  CHECK(static_cast<int64_t>(split.val_pos.size()) == num_val);
  CHECK(static_cast<int64_t>(split.test_pos.size()) == num_test);
  CHECK(split.val_neg.size() == split.val_pos.size());
  CHECK(split.test_neg.size() == split.test_pos.size());
  CHECK(static_cast<int64_t>(split.train_edges.size()) == graph.num_edges() - num_val - num_test);

  const auto train = as_set(split.train_edges), val_pos = as_set(split.val_pos),
             test_pos = as_set(split.test_pos);
  const auto val_neg = as_set(split.val_neg), test_neg = as_set(split.test_neg);
  CHECK(val_neg.size() == split.val_neg.size());  // no duplicates
  CHECK(test_neg.size() == split.test_neg.size());
  CHECK(disjoint(train, val_pos));
  CHECK(disjoint(train, test_pos));
  CHECK(disjoint(val_pos, test_pos));
  CHECK(disjoint(val_neg, test_neg));
  std::set<Edge> positives = train;
  positives.insert(val_pos.begin(), val_pos.end());
  positives.insert(test_pos.begin(), test_pos.end());
  CHECK(positives == as_set(graph.edges));  // the positives partition the graph's edges
  for (const auto* negatives : {&split.val_neg, &split.test_neg})
    for (const auto& [u, v] : *negatives) {
      CHECK(u < v);  // no self loops, one orientation
      CHECK(v < graph.num_nodes);
      CHECK_FALSE(datasets::has_edge(graph.edges, u, v));
    }
  CHECK(std::is_sorted(split.train_edges.begin(), split.train_edges.end()));
  // The training adjacency holds the training edges in both directions and nothing else.
  CHECK(split.train_adjacency.rows() == graph.num_nodes);
  CHECK(split.train_adjacency.nnz() == 2 * static_cast<int64_t>(split.train_edges.size()));
  const datasets::GraphDataset train_graph =
      datasets::make_graph(graph.num_nodes, split.train_edges);
  CHECK(std::ranges::equal(train_graph.adjacency.row_ptr(), split.train_adjacency.row_ptr()));
  CHECK(std::ranges::equal(train_graph.adjacency.col_idx(), split.train_adjacency.col_idx()));
}

}  // namespace

TEST_CASE("Cora link split: 85 / 5 / 10 with disjoint sets, seeded" *
          doctest::test_suite("shared_datasets")) {
  const std::string root = tests::shared_datasets_dir();
  const datasets::GraphDataset cora = datasets::load_graph(root + "/cora");
  const LinkSplit split = datasets::split_edges(cora, 0.05, 0.10, 42);
  check_split(cora, split, 263, 527);  // floor(5278 / 20), floor(5278 / 10)
  const LinkSplit again = datasets::split_edges(cora, 0.05, 0.10, 42);
  CHECK(again.val_pos == split.val_pos);
  CHECK(again.test_neg == split.test_neg);
  CHECK(again.train_edges == split.train_edges);
  const LinkSplit other = datasets::split_edges(cora, 0.05, 0.10, 43);
  CHECK(other.val_pos != split.val_pos);
  CHECK(other.test_neg != split.test_neg);
}

TEST_CASE("link split fractions are configurable; dense graphs list their few non-edges") {
  const datasets::GraphDataset sbm = datasets::stochastic_block_model(
      {.nodes = 400, .communities = 4, .p_in = 0.1, .p_out = 0.01, .seed = 3});
  const int64_t e = sbm.num_edges();
  check_split(sbm, datasets::split_edges(sbm, 0.2, 0.3, 1), e / 5, e * 3 / 10);
  check_split(sbm, datasets::split_edges(sbm, 0.0, 0.0, 1), 0, 0);

  // 30 nodes joined by all but about 1/8 of the 435 pairs: the negatives needed are more than half
  // of the non-edges, so they are drawn from a list of them instead of by rejection.
  std::vector<Edge> nearly_complete;
  for (int64_t u = 0; u < 30; ++u)
    for (int64_t v = u + 1; v < 30; ++v)
      if ((u * 7 + v * 3) % 8 != 0) nearly_complete.emplace_back(u, v);
  const datasets::GraphDataset dense = datasets::make_graph(30, nearly_complete);
  const int64_t non_edges = 435 - dense.num_edges();
  const LinkSplit split = datasets::split_edges(dense, 0.05, 0.05, 9);
  CHECK(2 * (split.val_neg.size() + split.test_neg.size()) > static_cast<size_t>(non_edges));
  check_split(dense, split, dense.num_edges() / 20, dense.num_edges() / 20);
  CHECK_THROWS_WITH_AS(datasets::split_edges(dense, 0.5, 0.5, 9), doctest::Contains("non-edges"),
                       std::invalid_argument);
}

TEST_CASE("split_edges rejects bad fractions and non-canonical edges") {
  const datasets::GraphDataset g = datasets::make_graph(4, {{0, 1}, {1, 2}, {2, 3}});
  CHECK_THROWS_AS(datasets::split_edges(g, -0.1, 0.1, 0), std::invalid_argument);
  CHECK_THROWS_AS(datasets::split_edges(g, 0.6, 0.5, 0), std::invalid_argument);
  const std::vector<Edge> reversed{{1, 0}};
  CHECK_THROWS_WITH_AS(datasets::split_edges(4, reversed, 0.0, 0.0, 0),
                       doctest::Contains("canonical"), std::invalid_argument);
}
