#include "models/graph_likelihood.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "autograd/autograd.hpp"
#include "models/graph_batch.hpp"

namespace models {

using autograd::Scalar;
using autograd::Tensor;

namespace {

// sum over a row's entries of softplus(x) - t x: -log Bern(t | sigmoid(x)), BCE with logits.
Tensor bernoulli_terms(const Tensor& logits, const Tensor& targets) {
  return autograd::softplus(logits) - targets * logits;
}

double sigmoid(double x) {
  return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x));
}

// n ~ softmax(logits[0..k)) + 1, by the inverse of its distribution function.
int64_t sample_count(const Scalar* logits, int64_t k, autograd::Generator& gen) {
  const double top = *std::max_element(logits, logits + k);
  std::vector<double> weights(k);
  double total = 0;
  for (int64_t n = 0; n < k; ++n) total += weights[n] = std::exp(double(logits[n]) - top);
  double u = gen.uniform() * total;
  for (int64_t n = 0; n < k; ++n)
    if ((u -= weights[n]) < 0) return n + 1;
  return k;  // u within rounding of the total
}

}  // namespace

std::vector<int64_t> prefix_node_counts(const Tensor& targets, int64_t k) {
  const int64_t pairs = pair_count(k), rows = targets.size(0);
  std::vector<int64_t> counts(rows);
  for (int64_t r = 0; r < rows; ++r) {
    const Scalar* existence = targets.data() + r * (pairs + k) + pairs;
    int64_t n = 0;
    while (n < k && existence[n] != 0) ++n;
    if (n == 0 || std::any_of(existence + n, existence + k, [](Scalar v) { return v != 0; }))
      throw std::invalid_argument(
          "GraphVae: the node-count head needs the nodes in slots 0..n-1; "
          "target row " +
          std::to_string(r) + " has them elsewhere");
    counts[r] = n;
  }
  return counts;
}

Tensor graph_negative_log_likelihood(const Tensor& logits, const Tensor& targets, int64_t k,
                                     NodeCount count) {
  if (count == NodeCount::SlotBernoulli) return autograd::sum(bernoulli_terms(logits, targets), 1);
  const int64_t pairs = pair_count(k), rows = logits.size(0);
  const std::vector<int64_t> n = prefix_node_counts(targets, k);
  // The pairs inside each graph's n slots (j < n, as i < j), and the one-hot of n - 1.
  std::vector<Scalar> inside(rows * pairs, 0), edge_targets(rows * pairs), one_hot(rows * k, 0);
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t i = 0; i < n[r]; ++i)
      for (int64_t j = i + 1; j < n[r]; ++j) inside[r * pairs + pair_index(i, j, k)] = 1;
    std::copy_n(targets.data() + r * (pairs + k), pairs, edge_targets.begin() + r * pairs);
    one_hot[r * k + n[r] - 1] = 1;
  }
  const Tensor edges = autograd::slice_columns(logits, 0, pairs);
  const Tensor counts = autograd::slice_columns(logits, pairs, pairs + k);
  const Tensor edge_terms = Tensor({rows, pairs}, std::move(inside)) *
                            bernoulli_terms(edges, Tensor({rows, pairs}, std::move(edge_targets)));
  return autograd::sum(edge_terms, 1) + autograd::logsumexp(counts, 1) -
         autograd::sum(Tensor({rows, k}, std::move(one_hot)) * counts, 1);
}

datasets::GraphDataset sample_graph(const Scalar* logits, int64_t k, NodeCount count,
                                    autograd::Generator& gen) {
  const int64_t pairs = pair_count(k);
  std::vector<int64_t> node_of_slot(k, -1);
  int64_t nodes = 0;
  if (count == NodeCount::Categorical) {
    nodes = sample_count(logits + pairs, k, gen);
    for (int64_t a = 0; a < nodes; ++a) node_of_slot[a] = a;
  } else {
    for (int64_t a = 0; a < k; ++a)
      if (gen.uniform() < sigmoid(logits[pairs + a])) node_of_slot[a] = nodes++;
  }
  std::vector<datasets::Edge> edges;
  for (int64_t i = 0; i < k; ++i)
    for (int64_t j = i + 1; j < k; ++j) {
      // The slots' model draws every pair, empty slots or not (its draws as they always were).
      if (count == NodeCount::Categorical && j >= nodes) break;
      const bool edge = gen.uniform() < sigmoid(logits[pair_index(i, j, k)]);
      if (edge && node_of_slot[i] >= 0 && node_of_slot[j] >= 0)
        edges.emplace_back(node_of_slot[i], node_of_slot[j]);
    }
  nodes = std::max<int64_t>(nodes, 1);
  return datasets::make_graph(nodes, datasets::canonical_edges(nodes, edges));
}

}  // namespace models
