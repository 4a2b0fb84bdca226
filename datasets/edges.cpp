#include "datasets/edges.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace datasets {

namespace {
std::string pair_text(const Edge& e) {
  return "(" + std::to_string(e.first) + ", " + std::to_string(e.second) + ")";
}
}  // namespace

std::vector<Edge> canonical_edges(int64_t num_nodes, std::vector<Edge> pairs) {
  // Counting sort by the smaller node, then each node's neighbours sorted on their own: linear in
  // the edges for the 10-million-edge graphs the synthetic generator makes.
  std::vector<int64_t> start(static_cast<size_t>(num_nodes) + 1, 0);
  for (Edge& e : pairs) {
    auto& [u, v] = e;
    if (u < 0 || u >= num_nodes || v < 0 || v >= num_nodes)
      throw std::out_of_range("canonical_edges: edge " + pair_text(e) + " has a node outside 0.." +
                              std::to_string(num_nodes - 1));
    if (u > v) std::swap(u, v);
    if (u != v) ++start[u + 1];
  }
  for (int64_t i = 0; i < num_nodes; ++i) start[i + 1] += start[i];
  std::vector<Edge> sorted(static_cast<size_t>(start[num_nodes]));
  std::vector<int64_t> next(start.begin(), start.end() - 1);
  for (const Edge& e : pairs)
    if (e.first != e.second) sorted[next[e.first]++] = e;
  pairs = {};

  // Sort and deduplicate each node's row, compacting in place.
  auto write = sorted.begin();
  for (int64_t i = 0; i < num_nodes; ++i) {
    const auto row_begin = sorted.begin() + start[i], row_end = sorted.begin() + start[i + 1];
    std::sort(row_begin, row_end);
    int64_t previous = -1;
    for (auto e = row_begin; e != row_end; previous = (e++)->second)
      if (e->second != previous) *write++ = *e;
  }
  sorted.erase(write, sorted.end());
  return sorted;
}

void require_canonical(const char* who, int64_t num_nodes, std::span<const Edge> edges) {
  for (size_t k = 0; k < edges.size(); ++k) {
    const auto& [u, v] = edges[k];
    if (u < 0 || v >= num_nodes || u >= v || (k > 0 && !(edges[k - 1] < edges[k])))
      throw std::invalid_argument(
          std::string(who) + ": edge " + std::to_string(k) + " " + pair_text(edges[k]) +
          " breaks the canonical form (0 <= u < v < " + std::to_string(num_nodes) +
          ", sorted, no duplicates); use canonical_edges()");
  }
}

bool has_edge(std::span<const Edge> canonical, int64_t u, int64_t v) {
  return std::binary_search(canonical.begin(), canonical.end(),
                            Edge{std::min(u, v), std::max(u, v)});
}

EdgeLookup::EdgeLookup(int64_t num_nodes, std::span<const Edge> canonical)
    : edges_(canonical), start_(static_cast<size_t>(num_nodes) + 1, 0) {
  for (const Edge& e : canonical) ++start_[e.first + 1];
  for (int64_t i = 0; i < num_nodes; ++i) start_[i + 1] += start_[i];
}

bool EdgeLookup::contains(int64_t u, int64_t v) const {
  if (u > v) std::swap(u, v);
  const auto row = edges_.subspan(start_[u], start_[u + 1] - start_[u]);
  return std::binary_search(row.begin(), row.end(), Edge{u, v});
}

}  // namespace datasets
