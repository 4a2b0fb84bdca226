#include "datasets/edges.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace datasets {

namespace {
std::string pair_text(const Edge& e) {
  return "(" + std::to_string(e.u) + ", " + std::to_string(e.v) + ")";
}
}  // namespace

std::vector<Edge> canonical_edges(int64_t num_nodes, std::vector<Edge> pairs) {
  // Counting sort by the smaller node, then each node's neighbours sorted on their own: linear in
  // the edges for the 10-million-edge graphs the synthetic generator makes.
  std::vector<int64_t> start(static_cast<size_t>(num_nodes) + 1, 0);
  for (Edge& e : pairs) {
    if (e.u < 0 || e.u >= num_nodes || e.v < 0 || e.v >= num_nodes)
      throw std::out_of_range("canonical_edges: edge " + pair_text(e) + " has a node outside 0.." +
                              std::to_string(num_nodes - 1));
    if (e.u > e.v) std::swap(e.u, e.v);
    if (e.u != e.v) ++start[e.u + 1];
  }
  for (int64_t i = 0; i < num_nodes; ++i) start[i + 1] += start[i];
  std::vector<Edge> sorted(static_cast<size_t>(start[num_nodes]));
  std::vector<int64_t> next(start.begin(), start.end() - 1);
  for (const Edge& e : pairs)
    if (e.u != e.v) sorted[next[e.u]++] = e;
  pairs = {};

  // Sort and deduplicate each node's row, compacting in place.
  auto write = sorted.begin();
  for (int64_t i = 0; i < num_nodes; ++i) {
    const auto row_begin = sorted.begin() + start[i], row_end = sorted.begin() + start[i + 1];
    std::sort(row_begin, row_end);
    int64_t previous = -1;
    for (auto e = row_begin; e != row_end; previous = (e++)->v)
      if (e->v != previous) *write++ = *e;
  }
  sorted.erase(write, sorted.end());
  return sorted;
}

void require_canonical(const char* who, int64_t num_nodes, std::span<const Edge> edges) {
  for (size_t k = 0; k < edges.size(); ++k) {
    const Edge& e = edges[k];
    if (e.u < 0 || e.v >= num_nodes || e.u >= e.v || (k > 0 && !(edges[k - 1] < e)))
      throw std::invalid_argument(std::string(who) + ": edge " + std::to_string(k) + " " +
                                  pair_text(e) + " breaks the canonical form (0 <= u < v < " +
                                  std::to_string(num_nodes) +
                                  ", sorted, no duplicates); use canonical_edges()");
  }
}

bool has_edge(std::span<const Edge> canonical, int64_t u, int64_t v) {
  return std::binary_search(canonical.begin(), canonical.end(),
                            Edge{std::min(u, v), std::max(u, v)});
}

}  // namespace datasets
