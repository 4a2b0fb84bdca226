#include "datasets/small_graphs.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "autograd/random.hpp"

namespace datasets {

namespace {

int64_t uniform_between(autograd::Generator& gen, int64_t lo, int64_t hi) {
  return lo + static_cast<int64_t>(gen.below(static_cast<uint64_t>(hi - lo + 1)));
}

void check_size_range(const char* who, int64_t lo, int64_t hi, int64_t smallest) {
  if (lo < smallest || hi < lo)
    throw std::invalid_argument(std::string(who) + ": needs " + std::to_string(smallest) +
                                " <= min <= max, got " + std::to_string(lo) + ".." +
                                std::to_string(hi));
}

GraphDataset from_pairs(int64_t nodes, std::vector<Edge> pairs) {
  return make_graph(nodes, canonical_edges(nodes, std::move(pairs)));
}

// A random labelled tree from its Pruefer sequence: each of the n^(n-2) trees equally likely.
GraphDataset pruefer_tree(int64_t n, autograd::Generator& gen) {
  if (n <= 2) return from_pairs(n, n == 2 ? std::vector<Edge>{{0, 1}} : std::vector<Edge>{});
  std::vector<int64_t> code(static_cast<size_t>(n - 2)), degree(static_cast<size_t>(n), 1);
  for (int64_t& c : code) {
    c = static_cast<int64_t>(gen.below(static_cast<uint64_t>(n)));
    ++degree[c];
  }
  std::vector<Edge> pairs;
  for (const int64_t c : code) {
    // Joins the lowest-numbered leaf to c: O(n) per step, nothing for graphs this small.
    const int64_t leaf = std::find(degree.begin(), degree.end(), 1) - degree.begin();
    pairs.emplace_back(leaf, c);
    --degree[leaf];
    --degree[c];
  }
  std::vector<int64_t> last;
  for (int64_t v = 0; v < n; ++v)
    if (degree[v] == 1) last.push_back(v);
  pairs.emplace_back(last[0], last[1]);
  return from_pairs(n, std::move(pairs));
}

}  // namespace

std::vector<GraphDataset> community_small(const CommunitySmallOptions& o) {
  check_size_range("community_small", o.min_community, o.max_community, 1);
  if (!(o.p_in >= 0 && o.p_in <= 1 && o.p_across >= 0 && o.p_across <= 1))
    throw std::invalid_argument("community_small: p_in and p_across must be in [0, 1]");
  autograd::Generator gen(o.seed);
  std::vector<GraphDataset> graphs;
  for (int64_t g = 0; g < o.graphs; ++g) {
    const int64_t first = uniform_between(gen, o.min_community, o.max_community);
    const int64_t n = first + uniform_between(gen, o.min_community, o.max_community);
    std::vector<Edge> pairs;
    bool across = false;
    for (int64_t u = 0; u < n; ++u)
      for (int64_t v = u + 1; v < n; ++v) {
        const bool same = (u < first) == (v < first);
        if (gen.bernoulli(same ? o.p_in : o.p_across)) {
          pairs.emplace_back(u, v);
          across = across || !same;
        }
      }
    if (!across) pairs.emplace_back(0, first);  // the two communities always touch
    graphs.push_back(from_pairs(n, std::move(pairs)));
  }
  return graphs;
}

GraphDataset grid_graph(int64_t rows, int64_t cols) {
  if (rows < 1 || cols < 1)
    throw std::invalid_argument("grid_graph: needs positive sides, got " + std::to_string(rows) +
                                " x " + std::to_string(cols));
  std::vector<Edge> pairs;
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) {
      if (c + 1 < cols) pairs.emplace_back(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows) pairs.emplace_back(r * cols + c, (r + 1) * cols + c);
    }
  return from_pairs(rows * cols, std::move(pairs));
}

std::vector<GraphDataset> grid_small(int64_t min_rows, int64_t max_rows, int64_t min_cols,
                                     int64_t max_cols) {
  check_size_range("grid_small rows", min_rows, max_rows, 1);
  check_size_range("grid_small cols", min_cols, max_cols, 1);
  std::vector<GraphDataset> graphs;
  for (int64_t r = min_rows; r <= max_rows; ++r)
    for (int64_t c = min_cols; c <= max_cols; ++c) graphs.push_back(grid_graph(r, c));
  return graphs;
}

std::vector<GraphDataset> random_trees(const SizeRangeOptions& o) {
  check_size_range("random_trees", o.min_nodes, o.max_nodes, 1);
  autograd::Generator gen(o.seed);
  std::vector<GraphDataset> graphs;
  for (int64_t g = 0; g < o.graphs; ++g)
    graphs.push_back(pruefer_tree(uniform_between(gen, o.min_nodes, o.max_nodes), gen));
  return graphs;
}

GraphDataset cycle_graph(int64_t nodes) {
  if (nodes < 3)
    throw std::invalid_argument("cycle_graph: a cycle needs at least 3 nodes, got " +
                                std::to_string(nodes));
  std::vector<Edge> pairs;
  for (int64_t v = 0; v < nodes; ++v) pairs.emplace_back(v, (v + 1) % nodes);
  return from_pairs(nodes, std::move(pairs));
}

std::vector<GraphDataset> cycles(const SizeRangeOptions& o) {
  check_size_range("cycles", o.min_nodes, o.max_nodes, 3);
  autograd::Generator gen(o.seed);
  std::vector<GraphDataset> graphs;
  for (int64_t g = 0; g < o.graphs; ++g)
    graphs.push_back(cycle_graph(uniform_between(gen, o.min_nodes, o.max_nodes)));
  return graphs;
}

GraphSplit split_graphs(std::vector<GraphDataset> graphs, uint64_t seed, double train_fraction) {
  const auto count = static_cast<int64_t>(graphs.size());
  const auto train = static_cast<int64_t>(train_fraction * static_cast<double>(count));
  if (count < 2 || train < 1 || train >= count)
    throw std::invalid_argument("split_graphs: " + std::to_string(count) +
                                " graphs and train fraction " + std::to_string(train_fraction) +
                                " leave one side empty");
  autograd::Generator gen(seed);
  const std::vector<int64_t> order = gen.permutation(count);
  GraphSplit split;
  for (int64_t i = 0; i < count; ++i)
    (i < train ? split.train : split.test).push_back(std::move(graphs[order[i]]));
  return split;
}

int64_t max_nodes(const std::vector<GraphDataset>& graphs) {
  int64_t n = 0;
  for (const GraphDataset& g : graphs) n = std::max(n, g.num_nodes);
  return n;
}

}  // namespace datasets
