#include "models/graph_matching.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "models/graph_batch.hpp"
#include "models/hungarian.hpp"

namespace models {

namespace {

double sigmoid(double x) {
  return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x));
}

// Matches the graph's n nodes to k >= n slots: node[i * k + a] the affinity of node i and slot a,
// edge[a * k + b] the decoded graph's edge affinity of slots a and b.
std::vector<int64_t> match(const datasets::GraphDataset& graph, const std::vector<double>& node,
                           const std::vector<double>& edge, int64_t k, int iterations) {
  const int64_t n = graph.num_nodes;
  const auto row_ptr = graph.adjacency.row_ptr();
  const auto col_idx = graph.adjacency.col_idx();
  std::vector<double> x(n * k, 1.0 / double(k)), best(n * k), next(n * k);
  for (int it = 0; it < iterations; ++it) {
    for (int64_t j = 0; j < n; ++j)  // best[j][a] = max over b != a of x_jb S(., ab)
      for (int64_t a = 0; a < k; ++a) {
        double m = 0;
        for (int64_t b = 0; b < k; ++b)
          if (b != a) m = std::max(m, x[j * k + b] * edge[a * k + b]);
        best[j * k + a] = m;
      }
    double norm = 0;
    for (int64_t i = 0; i < n; ++i)
      for (int64_t a = 0; a < k; ++a) {
        double score = x[i * k + a] * node[i * k + a];
        for (int64_t p = row_ptr[i]; p < row_ptr[i + 1]; ++p) score += best[col_idx[p] * k + a];
        next[i * k + a] = score;
        norm += score * score;
      }
    if (norm == 0) break;
    for (int64_t e = 0; e < n * k; ++e) x[e] = next[e] / std::sqrt(norm);
  }
  // The greatest total score is the least total of -x; the k - n empty rows cost nothing anywhere.
  std::vector<double> cost(k * k, 0);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t a = 0; a < k; ++a) cost[i * k + a] = -x[i * k + a];
  const std::vector<int64_t> assignment = min_cost_assignment(cost, k);
  return {assignment.begin(), assignment.begin() + n};
}

void check_sizes(const datasets::GraphDataset& graph,
                 std::span<const autograd::Scalar> decoded_logits, int64_t k) {
  if (static_cast<int64_t>(decoded_logits.size()) != pair_count(k) + k || graph.num_nodes > k)
    throw std::invalid_argument("match_slots: " + std::to_string(decoded_logits.size()) +
                                " decoded logits and " + std::to_string(graph.num_nodes) +
                                " nodes for k = " + std::to_string(k));
}

}  // namespace

std::vector<int64_t> match_slots(const datasets::GraphDataset& graph,
                                 std::span<const autograd::Scalar> decoded_logits, int64_t k,
                                 int iterations) {
  check_sizes(graph, decoded_logits, k);
  const int64_t pairs = pair_count(k);
  std::vector<double> q(k), edge(k * k, 0);  // edge[a][b] = P_ab q_a q_b
  for (int64_t a = 0; a < k; ++a) q[a] = sigmoid(decoded_logits[pairs + a]);
  for (int64_t a = 0; a < k; ++a)
    for (int64_t b = a + 1; b < k; ++b)
      edge[a * k + b] = edge[b * k + a] =
          sigmoid(decoded_logits[pair_index(a, b, k)]) * q[a] * q[b];
  std::vector<double> node(graph.num_nodes * k);
  for (int64_t i = 0; i < graph.num_nodes; ++i) std::copy(q.begin(), q.end(), node.begin() + i * k);
  return match(graph, node, edge, k, iterations);
}

std::vector<int64_t> match_slots_in_prefix(const datasets::GraphDataset& graph,
                                           std::span<const autograd::Scalar> decoded_logits,
                                           int64_t k, int iterations) {
  check_sizes(graph, decoded_logits, k);
  const int64_t n = graph.num_nodes;
  std::vector<double> edge(n * n, 0);  // every slot holds a node: P_ab alone
  for (int64_t a = 0; a < n; ++a)
    for (int64_t b = a + 1; b < n; ++b)
      edge[a * n + b] = edge[b * n + a] = sigmoid(decoded_logits[pair_index(a, b, k)]);
  // With q_a = 1 everywhere the node term would tell no slot from another; the paper's node
  // affinity is F_i . F^_a, and the encoder's features are one-hot degrees, so it is the
  // decoded probability that slot a has node i's degree (a sum of independent Bernoullis).
  std::vector<double> node(n * n);
  for (int64_t a = 0; a < n; ++a) {
    std::vector<double> degree(n, 0);  // degree[d] = P(slot a has degree d)
    degree[0] = 1;
    for (int64_t b = 0; b < n; ++b) {
      if (b == a) continue;
      const double p = edge[a * n + b];
      for (int64_t d = n - 1; d >= 1; --d) degree[d] = degree[d] * (1 - p) + degree[d - 1] * p;
      degree[0] *= 1 - p;
    }
    for (int64_t i = 0; i < n; ++i)
      node[i * n + a] = degree[graph.adjacency.row_ptr()[i + 1] - graph.adjacency.row_ptr()[i]];
  }
  return match(graph, node, edge, n, iterations);
}

}  // namespace models
