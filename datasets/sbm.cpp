#include "datasets/sbm.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "autograd/random.hpp"
#include "datasets/bernoulli_indices.hpp"

namespace datasets {

namespace {

int64_t block_start(int64_t block, int64_t nodes, int64_t blocks) {
  return block * nodes / blocks;
}

autograd::CsrMatrix community_features(const SbmOptions& options, const std::vector<int>& labels,
                                       autograd::Generator& generator) {
  const int64_t dim = options.feature_dim, k = options.communities;
  std::vector<int64_t> rows, cols, row_cols;
  for (int64_t node = 0; node < options.nodes; ++node) {
    const int64_t first = block_start(labels[node], dim, k),
                  last = block_start(labels[node] + 1, dim, k);
    row_cols.clear();
    for_each_bernoulli_index(
        static_cast<uint64_t>(last - first), options.feature_signal, generator,
        [&](uint64_t j) { row_cols.push_back(first + static_cast<int64_t>(j)); });
    const size_t signal = row_cols.size();
    for_each_bernoulli_index(static_cast<uint64_t>(dim), options.feature_noise, generator,
                             [&](uint64_t j) { row_cols.push_back(static_cast<int64_t>(j)); });
    std::inplace_merge(row_cols.begin(), row_cols.begin() + static_cast<int64_t>(signal),
                       row_cols.end());
    row_cols.erase(std::unique(row_cols.begin(), row_cols.end()), row_cols.end());
    rows.insert(rows.end(), row_cols.size(), node);
    cols.insert(cols.end(), row_cols.begin(), row_cols.end());
  }
  const std::vector<autograd::Scalar> ones(rows.size(), autograd::Scalar(1));
  return autograd::CsrMatrix::from_coo(options.nodes, dim, rows, cols, ones);
}

void check_probability(const char* name, double p) {
  if (!(p >= 0 && p <= 1))
    throw std::invalid_argument(std::string("stochastic_block_model: ") + name +
                                " must be in [0, 1], got " + std::to_string(p));
}

}  // namespace

GraphDataset stochastic_block_model(const SbmOptions& options) {
  const int64_t n = options.nodes, k = options.communities;
  if (n < 0 || k < 1 || k > std::max<int64_t>(n, 1))
    throw std::invalid_argument("stochastic_block_model: need 1 <= communities <= nodes, got " +
                                std::to_string(k) + " communities for " + std::to_string(n) +
                                " nodes");
  if (options.feature_dim != 0 && options.feature_dim < k)
    throw std::invalid_argument(
        "stochastic_block_model: feature_dim " + std::to_string(options.feature_dim) +
        " gives no feature block to some of the " + std::to_string(k) + " communities");
  check_probability("p_in", options.p_in);
  check_probability("p_out", options.p_out);
  check_probability("feature_signal", options.feature_signal);
  check_probability("feature_noise", options.feature_noise);

  autograd::Generator generator(options.seed);
  std::vector<int> labels(static_cast<size_t>(n));
  for (int64_t c = 0; c < k; ++c)
    std::fill(labels.begin() + block_start(c, n, k), labels.begin() + block_start(c + 1, n, k),
              static_cast<int>(c));

  // Row by row, each node u draws its neighbours v > u: those left in its own block with p_in,
  // then every later node (all in other blocks, the blocks being contiguous) with p_out. The
  // edges come out canonical (sorted, u < v) with no sorting, and each row costs two calls.
  const double pairs = 0.5 * static_cast<double>(n) * static_cast<double>(n);
  const double expected = pairs * (options.p_in / static_cast<double>(k) + options.p_out);
  std::vector<Edge> edges;
  edges.reserve(static_cast<size_t>(std::min(1.05 * expected + 16, pairs)));
  for (int64_t u = 0; u < n; ++u) {
    const int64_t block_end = block_start(labels[u] + 1, n, k);
    int64_t first = u + 1;  // where the current range of candidates starts
    const auto add = [&](uint64_t i) { edges.emplace_back(u, first + static_cast<int64_t>(i)); };
    for_each_bernoulli_index(static_cast<uint64_t>(block_end - first), options.p_in, generator,
                             add);
    first = block_end;
    for_each_bernoulli_index(static_cast<uint64_t>(n - first), options.p_out, generator, add);
  }

  std::optional<autograd::CsrMatrix> features;
  if (options.feature_dim > 0) features = community_features(options, labels, generator);
  return make_graph(n, std::move(edges), std::move(features), std::move(labels));
}

SbmProbabilities sbm_probabilities(int64_t nodes, int64_t communities, double average_degree,
                                   double in_out_ratio) {
  if (nodes < 2 || communities < 1 || communities > nodes || !(average_degree >= 0) ||
      !(in_out_ratio >= 0))
    throw std::invalid_argument(
        "sbm_probabilities: need nodes >= 2, 1 <= communities <= nodes, degree >= 0 and ratio >= "
        "0");
  // A node in a block of size s expects p_in (s - 1) + p_out (n - s) neighbours.
  const double s = static_cast<double>(nodes) / static_cast<double>(communities);
  const double p_out = average_degree / (in_out_ratio * (s - 1) + (static_cast<double>(nodes) - s));
  const SbmProbabilities p{in_out_ratio * p_out, p_out};
  if (!(p.p_in <= 1 && p.p_out <= 1))
    throw std::invalid_argument("sbm_probabilities: degree " + std::to_string(average_degree) +
                                " with ratio " + std::to_string(in_out_ratio) +
                                " needs p_in = " + std::to_string(p.p_in) + " > 1");
  return p;
}

}  // namespace datasets
