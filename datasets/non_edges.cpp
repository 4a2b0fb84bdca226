#include "datasets/non_edges.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <unordered_set>

#include "autograd/runtime/parallel.hpp"

namespace datasets {

std::vector<Edge> distinct_non_edges(int64_t num_nodes, std::span<const Edge> edges, int64_t count,
                                     autograd::Generator& generator, const char* who) {
  const double pairs = 0.5 * static_cast<double>(num_nodes) * static_cast<double>(num_nodes - 1);
  const double non_edges = pairs - static_cast<double>(edges.size());
  if (static_cast<double>(count) > non_edges)
    throw std::invalid_argument(std::string(who) + ": " + std::to_string(count) +
                                " negative pairs are needed but the graph has only " +
                                std::to_string(static_cast<int64_t>(non_edges)) + " non-edges");
  std::vector<Edge> drawn;
  drawn.reserve(static_cast<size_t>(count));
  if (2 * static_cast<double>(count) > non_edges) {
    // Dense graph: list every non-edge (N^2 = O(E) here) and keep a random `count` of them.
    std::vector<Edge> all;
    size_t next_edge = 0;
    for (int64_t u = 0; u < num_nodes; ++u)
      for (int64_t v = u + 1; v < num_nodes; ++v) {
        if (next_edge < edges.size() && edges[next_edge] == Edge{u, v})
          ++next_edge;
        else
          all.emplace_back(u, v);
      }
    for (int64_t k = 0; k < count; ++k) {  // partial Fisher-Yates
      std::swap(all[k], all[k + generator.below(all.size() - k)]);
      drawn.push_back(all[k]);
    }
    return drawn;
  }
  const EdgeLookup lookup(num_nodes, edges);
  std::unordered_set<uint64_t> taken;
  taken.reserve(static_cast<size_t>(2 * count));
  const auto n = static_cast<uint64_t>(num_nodes);
  while (static_cast<int64_t>(drawn.size()) < count) {
    const auto a = static_cast<int64_t>(generator.below(n)),
               b = static_cast<int64_t>(generator.below(n));
    if (a == b || lookup.contains(a, b)) continue;
    const Edge pair{std::min(a, b), std::max(a, b)};
    if (taken.insert(static_cast<uint64_t>(pair.first) * n + static_cast<uint64_t>(pair.second))
            .second)
      drawn.push_back(pair);
  }
  return drawn;
}

std::vector<Edge> sample_non_edges(const autograd::CsrMatrix& adjacency, int64_t count,
                                   autograd::Generator& gen) {
  const int64_t n = adjacency.rows();
  if (n < 2) throw std::invalid_argument("sample_non_edges: needs at least two nodes");
  if (count < 0) throw std::invalid_argument("sample_non_edges: negative count");
  int64_t off_diagonal = 0;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t p = adjacency.row_ptr()[i]; p < adjacency.row_ptr()[i + 1]; ++p)
      off_diagonal += adjacency.col_idx()[p] != i;
  if (count > 0 && off_diagonal == n * (n - 1))
    throw std::invalid_argument("sample_non_edges: the graph is complete, it has no non-edges");
  // Fixed chunks, each with its own generator seeded from `gen`: the same pairs on any number of
  // threads. Each draw is a random lookup in the adjacency, so the threads share the misses.
  constexpr int64_t kChunks = 16;
  std::vector<uint64_t> seeds(kChunks);
  for (uint64_t& seed : seeds) seed = gen.next_u64();
  std::vector<Edge> pairs(count);
  const auto row_ptr = adjacency.row_ptr();
  const auto cols = adjacency.col_idx();
  autograd::parallel_for(0, kChunks, 1, [&](int64_t lo, int64_t hi) {
    for (int64_t chunk = lo; chunk < hi; ++chunk) {
      autograd::Generator chunk_gen(seeds[chunk]);
      const int64_t end = count * (chunk + 1) / kChunks;
      // Candidates are drawn a batch at a time, and their rows asked for before they are
      // searched, so that the cache misses overlap (the batch's unused draws are dropped).
      constexpr int kBatch = 32;
      int64_t first[kBatch], second[kBatch];
      for (int64_t p = count * chunk / kChunks; p < end;) {
        for (int b = 0; b < kBatch; ++b) {
          first[b] = static_cast<int64_t>(chunk_gen.below(n));
          second[b] = static_cast<int64_t>(chunk_gen.below(n));
          __builtin_prefetch(row_ptr.data() + first[b]);
        }
        for (int b = 0; b < kBatch; ++b) __builtin_prefetch(cols.data() + row_ptr[first[b]]);
        for (int b = 0; b < kBatch && p < end; ++b) {
          const int64_t i = first[b], j = second[b];
          if (i == j) continue;
          const auto row = cols.subspan(row_ptr[i], row_ptr[i + 1] - row_ptr[i]);
          if (std::binary_search(row.begin(), row.end(), static_cast<int32_t>(j))) continue;
          pairs[p++] = {i, j};
        }
      }
    }
  });
  return pairs;
}

}  // namespace datasets
