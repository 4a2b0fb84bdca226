#pragma once
// Undirected edge lists in one canonical form: each edge once as (u, v) with u < v, no self loops,
// sorted by (u, v). Sorted, the list answers "is {u, v} an edge?" by binary search, which is how
// link-prediction splits test negatives against a graph of millions of edges without a dense
// matrix.
#include <compare>
#include <cstdint>
#include <span>
#include <vector>

namespace datasets {

struct Edge {
  int64_t u = 0;
  int64_t v = 0;
  friend auto operator<=>(const Edge&, const Edge&) = default;
};

// The canonical form of any list of node pairs: orients each pair, drops self loops and
// duplicates, sorts. O(E + N) plus sorting each node's neighbours. Throws std::out_of_range for a
// node outside [0, num_nodes).
std::vector<Edge> canonical_edges(int64_t num_nodes, std::vector<Edge> pairs);

// Throws std::invalid_argument naming `who` unless `edges` is canonical for num_nodes nodes.
void require_canonical(const char* who, int64_t num_nodes, std::span<const Edge> edges);

// Whether {u, v} (either order) is in a canonical list; O(log E).
bool has_edge(std::span<const Edge> canonical, int64_t u, int64_t v);

}  // namespace datasets
