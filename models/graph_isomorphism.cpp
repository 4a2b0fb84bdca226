#include "models/graph_isomorphism.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "models/graph_statistics.hpp"

namespace models {

namespace {

// splitmix64's finalizer: a fixed mixing function, so colours mean the same in every graph.
uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

struct Matcher {
  const DenseAdjacency &a, &b;
  const std::vector<uint64_t> &color_a, &color_b;
  std::vector<int64_t> order, image;  // a's nodes in the order they are mapped; a -> b
  std::vector<char> used;

  bool extend(size_t depth) {
    if (depth == order.size()) return true;
    const int64_t u = order[depth];
    for (int64_t v = 0; v < b.nodes(); ++v) {
      if (used[v] || color_a[u] != color_b[v]) continue;
      bool consistent = true;
      for (size_t d = 0; d < depth && consistent; ++d)
        consistent = a(u, order[d]) == b(v, image[order[d]]);
      if (!consistent) continue;
      image[u] = v;
      used[v] = 1;
      if (extend(depth + 1)) return true;
      used[v] = 0;
    }
    return false;
  }
};

// Breadth-first from each component's first node: every node after a component's first one has
// a mapped neighbour, which prunes the search early.
std::vector<int64_t> connected_order(const DenseAdjacency& a) {
  std::vector<int64_t> order;
  std::vector<char> seen(static_cast<size_t>(a.nodes()), 0);
  for (int64_t s = 0; s < a.nodes(); ++s) {
    if (seen[s]) continue;
    seen[s] = 1;
    order.push_back(s);
    for (size_t head = order.size() - 1; head < order.size(); ++head)
      for (int64_t v = 0; v < a.nodes(); ++v)
        if (a(order[head], v) && !seen[v]) {
          seen[v] = 1;
          order.push_back(v);
        }
  }
  return order;
}

}  // namespace

std::vector<uint64_t> wl_colors(const datasets::GraphDataset& graph, int rounds) {
  const DenseAdjacency a(graph);
  std::vector<uint64_t> color(static_cast<size_t>(a.nodes())), next(color.size());
  for (int64_t u = 0; u < a.nodes(); ++u) color[u] = mix(static_cast<uint64_t>(a.degree(u)));
  std::vector<uint64_t> around;
  for (int r = 0; r < rounds; ++r) {
    for (int64_t u = 0; u < a.nodes(); ++u) {
      around.clear();
      for (int64_t v = 0; v < a.nodes(); ++v)
        if (a(u, v)) around.push_back(color[v]);
      std::sort(around.begin(), around.end());
      uint64_t h = mix(color[u]);
      for (const uint64_t c : around) h = mix(h ^ c);
      next[u] = h;
    }
    color.swap(next);
  }
  return color;
}

uint64_t wl_hash(const datasets::GraphDataset& graph, int rounds) {
  std::vector<uint64_t> color = wl_colors(graph, rounds);
  std::sort(color.begin(), color.end());
  uint64_t h = mix(static_cast<uint64_t>(graph.num_nodes));
  for (const uint64_t c : color) h = mix(h ^ c);
  return h;
}

bool isomorphic(const datasets::GraphDataset& a, const datasets::GraphDataset& b) {
  if (a.num_nodes != b.num_nodes || a.num_edges() != b.num_edges()) return false;
  const std::vector<uint64_t> color_a = wl_colors(a), color_b = wl_colors(b);
  std::vector<uint64_t> sorted_a = color_a, sorted_b = color_b;
  std::sort(sorted_a.begin(), sorted_a.end());
  std::sort(sorted_b.begin(), sorted_b.end());
  if (sorted_a != sorted_b) return false;
  const DenseAdjacency dense_a(a), dense_b(b);
  Matcher m{dense_a, dense_b, color_a, color_b, connected_order(dense_a),
            std::vector<int64_t>(static_cast<size_t>(a.num_nodes), -1),
            std::vector<char>(static_cast<size_t>(a.num_nodes), 0)};
  return m.extend(0);
}

GenerationQuality generation_quality(std::span<const datasets::GraphDataset> generated,
                                     std::span<const datasets::GraphDataset> training) {
  if (generated.empty()) throw std::invalid_argument("generation_quality: no generated graphs");
  // Graphs by hash; only graphs whose hashes collide are compared exactly.
  std::unordered_multimap<uint64_t, const datasets::GraphDataset*> seen, train;
  for (const datasets::GraphDataset& g : training) train.emplace(wl_hash(g), &g);
  const auto contains = [](const auto& table, uint64_t h, const datasets::GraphDataset& g) {
    const auto [first, last] = table.equal_range(h);
    return std::any_of(first, last, [&](const auto& entry) { return isomorphic(*entry.second, g); });
  };
  int64_t valid = 0, unique = 0, novel = 0;
  for (const datasets::GraphDataset& g : generated) {
    const uint64_t h = wl_hash(g);
    valid += is_connected(g);
    if (!contains(seen, h, g)) {
      ++unique;
      seen.emplace(h, &g);
    }
    novel += !contains(train, h, g);
  }
  const auto count = static_cast<double>(generated.size());
  return {valid / count, unique / count, novel / count};
}

}  // namespace models
