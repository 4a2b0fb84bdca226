#include "models/graph_vae.hpp"

#include <numeric>
#include <stdexcept>
#include <string>

#include "autograd/autograd.hpp"
#include "models/graph_batch.hpp"
#include "models/graph_matching.hpp"
#include "models/graph_orderings.hpp"
#include "nn/losses.hpp"
#include "nn/mlp.hpp"
#include "nn/reparameterize.hpp"

namespace models {

namespace {

void check_options(const GraphVaeOptions& o) {
  if (o.max_nodes < 2 || o.hidden < 1 || o.latent < 1 || o.permutations < 1)
    throw std::invalid_argument(
        "GraphVae: needs max_nodes >= 2 and positive hidden, latent and permutations");
}

std::vector<int64_t> positions_of(std::span<const int64_t> order) {
  std::vector<int64_t> slot(order.size());
  for (size_t i = 0; i < order.size(); ++i) slot[order[i]] = static_cast<int64_t>(i);
  return slot;
}

}  // namespace

GraphVae::GraphVae(const GraphVaeOptions& options, autograd::Generator& gen) : options_(options) {
  check_options(options);
  const nn::GraphConvOptions relu{.activation = nn::Activation::Relu};
  conv1_ = register_module(
      "conv1", std::make_shared<nn::GraphConv>(options.max_nodes, options.hidden, gen, relu));
  conv2_ = register_module(
      "conv2", std::make_shared<nn::GraphConv>(options.hidden, options.hidden, gen, relu));
  mean_head_ = register_module("encoder_mean",
                               std::make_shared<nn::Linear>(options.hidden, options.latent, gen));
  log_variance_head_ = register_module(
      "encoder_log_variance", std::make_shared<nn::Linear>(options.hidden, options.latent, gen));
  decoder_ = register_module("decoder", nn::mlp({options.latent, options.hidden, options.hidden,
                                                 pair_count(options.max_nodes) + options.max_nodes},
                                                gen));
}

Posterior GraphVae::encode(std::span<const datasets::GraphDataset> graphs) {
  const GraphBatch batch = make_graph_batch(graphs, options_.max_nodes);
  const Tensor h = conv2_->forward(batch.a_hat, conv1_->forward(batch.a_hat, batch.features));
  const Tensor pooled = autograd::spmm(batch.pooling, h);  // [B, hidden]: sum over each graph
  return {mean_head_->forward(pooled), log_variance_head_->forward(pooled)};
}

Tensor GraphVae::decode(const Tensor& z) {
  return decoder_->forward(z);
}

Tensor GraphVae::targets(std::span<const datasets::GraphDataset> graphs, const Tensor& logits,
                         autograd::Generator& gen) const {
  const int64_t k = options_.max_nodes, width = pair_count(k) + k;
  const int64_t orders =
      options_.order == NodeOrder::SampledPermutations ? options_.permutations : 1;
  const int64_t batch = static_cast<int64_t>(graphs.size());
  std::vector<Scalar> values;
  values.reserve(orders * batch * width);
  for (int64_t s = 0; s < orders; ++s)
    for (int64_t b = 0; b < batch; ++b) {
      const datasets::GraphDataset& g = graphs[b];
      std::vector<int64_t> slots(g.num_nodes);
      switch (options_.order) {
        case NodeOrder::AsGiven:
          std::iota(slots.begin(), slots.end(), 0);
          break;
        case NodeOrder::Canonical:
          slots = positions_of(canonical_bfs_order(g));
          break;
        case NodeOrder::SampledPermutations:
          slots = positions_of(random_node_order(g.num_nodes, gen));
          break;
        case NodeOrder::Matching:
          slots = options_.count == NodeCount::Categorical
                      ? match_slots_in_prefix(g, logits.values().subspan(b * width, width), k)
                      : match_slots(g, logits.values().subspan(b * width, width), k);
          break;
      }
      const std::vector<Scalar> row = slot_targets(g, slots, k);
      values.insert(values.end(), row.begin(), row.end());
    }
  return Tensor({orders * batch, width}, std::move(values));
}

Tensor GraphVae::decode_sample(std::span<const datasets::GraphDataset> graphs, const Posterior& q,
                               const Tensor& noise) {
  const int64_t batch = static_cast<int64_t>(graphs.size());
  if (noise.shape() != autograd::Shape{batch, options_.latent})
    throw std::invalid_argument(
        "GraphVae::negative_elbo: noise of shape " + autograd::to_string(noise.shape()) + " for " +
        std::to_string(batch) + " graphs of latent " + std::to_string(options_.latent));
  return decode(nn::reparameterize(q.mean, q.log_variance, noise));
}

GraphVaeLoss GraphVae::negative_elbo(std::span<const datasets::GraphDataset> graphs,
                                     const Tensor& noise, autograd::Generator& gen) {
  const Posterior q = encode(graphs);
  const Tensor logits = decode_sample(graphs, q, noise);
  return loss_given(q, logits, targets(graphs, logits, gen));
}

GraphVaeLoss GraphVae::negative_elbo(std::span<const datasets::GraphDataset> graphs,
                                     const Tensor& noise, const Tensor& targets) {
  const Posterior q = encode(graphs);
  return loss_given(q, decode_sample(graphs, q, noise), targets);
}

GraphVaeLoss GraphVae::loss_given(const Posterior& q, const Tensor& logits, const Tensor& t) const {
  const int64_t batch = logits.size(0);
  const int64_t orders =
      options_.order == NodeOrder::SampledPermutations ? options_.permutations : 1;
  if (t.shape() != autograd::Shape{orders * batch, logits.size(1)})
    throw std::invalid_argument("GraphVae::negative_elbo: targets of shape " +
                                autograd::to_string(t.shape()) + " for decoded " +
                                autograd::to_string(logits.shape()) + " and " +
                                std::to_string(orders) + " orders");
  const int64_t k = options_.max_nodes;
  Tensor reconstruction;
  if (orders > 1) {
    const std::vector<Tensor> copies(orders, logits);
    const Tensor log_likelihoods =
        -graph_negative_log_likelihood(autograd::concat(copies, 0), t, k, options_.count);
    reconstruction =
        -autograd::mean(log_mean_exp(autograd::reshape(log_likelihoods, {orders, batch}), 0));
  } else {
    reconstruction = autograd::mean(graph_negative_log_likelihood(logits, t, k, options_.count));
  }
  const Tensor kl = nn::kl_standard_normal(q.mean, q.log_variance, nn::Reduction::BatchMean);
  return {reconstruction + kl, reconstruction, kl};
}

std::vector<datasets::GraphDataset> GraphVae::sample(int64_t count, autograd::Generator& gen) {
  const autograd::NoGradGuard no_tape;
  const int64_t k = options_.max_nodes, width = pair_count(k) + k;
  const Tensor logits = decode(gen.normal_tensor({count, options_.latent}));
  std::vector<datasets::GraphDataset> graphs;
  for (int64_t m = 0; m < count; ++m)
    graphs.push_back(sample_graph(logits.data() + m * width, k, options_.count, gen));
  return graphs;
}

}  // namespace models
