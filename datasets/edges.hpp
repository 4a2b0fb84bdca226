#pragma once
// Undirected edge lists in one canonical form: each edge once as (u, v) with u < v, no self loops,
// sorted by (u, v). Sorted, the list answers "is {u, v} an edge?" by binary search, which is how
// link-prediction splits test negatives against a graph of millions of edges without a dense
// matrix.
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace datasets {

// A node pair (u, v); the pair type autograd::adjacency_from_edges takes, so lists pass straight
// through.
using Edge = std::pair<int64_t, int64_t>;

// The canonical form of any list of node pairs: orients each pair, drops self loops and
// duplicates, sorts. O(E + N) plus sorting each node's neighbours. Throws std::out_of_range for a
// node outside [0, num_nodes).
std::vector<Edge> canonical_edges(int64_t num_nodes, std::vector<Edge> pairs);

// Throws std::invalid_argument naming `who` unless `edges` is canonical for num_nodes nodes.
void require_canonical(const char* who, int64_t num_nodes, std::span<const Edge> edges);

// Whether {u, v} (either order) is in a canonical list; O(log E).
bool has_edge(std::span<const Edge> canonical, int64_t u, int64_t v);

// The same question asked millions of times (negative sampling): where each node's run of edges
// starts in the canonical list, so a query searches one short run instead of the whole list and
// touches two or three cache lines instead of ~24.
class EdgeLookup {
 public:
  EdgeLookup(int64_t num_nodes, std::span<const Edge> canonical);
  bool contains(int64_t u, int64_t v) const;

 private:
  std::span<const Edge> edges_;
  std::vector<int64_t> start_;  // edges_[start_[u] .. start_[u + 1]) have first node u
};

}  // namespace datasets
