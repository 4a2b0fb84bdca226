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

}  // namespace

std::vector<int64_t> match_slots(const datasets::GraphDataset& graph,
                                 std::span<const autograd::Scalar> decoded_logits, int64_t k,
                                 int iterations) {
  const int64_t pairs = pair_count(k), n = graph.num_nodes;
  if (static_cast<int64_t>(decoded_logits.size()) != pairs + k || n > k)
    throw std::invalid_argument("match_slots: " + std::to_string(decoded_logits.size()) +
                                " decoded logits and " + std::to_string(n) +
                                " nodes for k = " + std::to_string(k));
  std::vector<double> q(k), edge(k * k, 0);  // edge[a][b] = P_ab q_a q_b
  for (int64_t a = 0; a < k; ++a) q[a] = sigmoid(decoded_logits[pairs + a]);
  for (int64_t a = 0; a < k; ++a)
    for (int64_t b = a + 1; b < k; ++b)
      edge[a * k + b] = edge[b * k + a] =
          sigmoid(decoded_logits[pair_index(a, b, k)]) * q[a] * q[b];

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
        double score = x[i * k + a] * q[a];
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

}  // namespace models
