#include "models/graph_autoencoder.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "autograd/ops.hpp"
#include "autograd/sparse/graph.hpp"
#include "models/link_metrics.hpp"
#include "nn/data_parallel.hpp"
#include "nn/inner_product_bce.hpp"
#include "nn/losses.hpp"

namespace models {

LinkTargets LinkTargets::from_training_adjacency(const CsrMatrix& adjacency) {
  if (adjacency.rows() != adjacency.cols() || adjacency.nnz() == 0)
    throw std::invalid_argument("LinkTargets: needs a square adjacency with at least one edge");
  LinkTargets t;
  t.num_nodes = adjacency.rows();
  t.labels = autograd::add_self_loops(adjacency);
  const double n2 = double(t.num_nodes) * double(t.num_nodes), edges = double(adjacency.nnz());
  t.pos_weight = static_cast<Scalar>((n2 - edges) / edges);
  t.norm = static_cast<Scalar>(n2 / (2 * (n2 - edges)));
  for (int64_t i = 0; i < adjacency.rows(); ++i)
    for (int64_t p = adjacency.row_ptr()[i]; p < adjacency.row_ptr()[i + 1]; ++p)
      if (adjacency.col_idx()[p] > i) {  // each undirected edge once: z_i . z_j = z_j . z_i
        t.edge_a.push_back(i);
        t.edge_b.push_back(adjacency.col_idx()[p]);
      }
  return t;
}

GraphAutoencoder::GraphAutoencoder(int64_t in_features, GraphAutoencoderOptions options,
                                   autograd::Generator& gen)
    : options_(options) {
  // As the paper's code: Glorot-uniform weights, no biases.
  hidden_ = register_module(
      "hidden", std::make_shared<nn::GraphConv>(
                    in_features, options.hidden, gen,
                    nn::GraphConvOptions{.bias = false, .activation = nn::Activation::Relu}));
  mu_ = register_module("mu", std::make_shared<nn::GraphConv>(options.hidden, options.latent, gen,
                                                              nn::GraphConvOptions{.bias = false}));
  if (options.variational)
    log_std_ = register_module(
        "log_std", std::make_shared<nn::GraphConv>(options.hidden, options.latent, gen,
                                                   nn::GraphConvOptions{.bias = false}));
  if (options.feature_decoder) {
    // Biases here: the output's learns each feature's base rate, which the sparse X needs.
    feature_hidden_ = register_module(
        "feature_hidden",
        std::make_shared<nn::GraphConv>(options.latent, options.hidden, gen,
                                        nn::GraphConvOptions{.activation = nn::Activation::Relu}));
    feature_out_ = register_module(
        "feature_out", std::make_shared<nn::GraphConv>(options.hidden, in_features, gen));
  }
}

GraphAutoencoder::Encoding GraphAutoencoder::encode(const CsrMatrix& a_hat,
                                                    const CsrMatrix* features,
                                                    const Tensor& noise) {
  const Tensor h = features ? hidden_->forward(a_hat, *features) : hidden_->forward(a_hat);
  Encoding e;
  e.mu = mu_->forward(a_hat, h);
  if (!options_.variational) {
    e.z = e.mu;
    return e;
  }
  e.log_std = log_std_->forward(a_hat, h);
  if (!noise.defined() || noise.shape() != e.mu.shape())
    throw std::invalid_argument("GraphAutoencoder: the VGAE needs noise of shape " +
                                autograd::to_string(e.mu.shape()));
  e.z = e.mu + autograd::exp(e.log_std) * noise;  // reparameterization: z = mu + sigma eps
  return e;
}

namespace {

// Sampled loss: mean BCE over the positives (t = 1) + mean BCE over the negatives (t = 0), or
// a shard's part of it: its sums over its share of each, divided by the whole counts.
Tensor sampled_loss(const Tensor& z, const LinkTargets& t, std::span<const Edge> negatives,
                    LossShard shard) {
  if (negatives.empty())
    throw std::invalid_argument("reconstruction_loss: the sampled loss needs negatives");
  const auto positives = int64_t(t.edge_a.size()), sampled = int64_t(negatives.size());
  if (shard.size > std::min(positives, sampled))
    throw std::invalid_argument("reconstruction_loss: " + std::to_string(shard.size) +
                                " shards of " + std::to_string(positives) + " edges and " +
                                std::to_string(sampled) + " negatives leave a shard empty");
  const auto [pos_begin, pos_end] = nn::shard_range(positives, shard.rank, shard.size);
  const auto [neg_begin, neg_end] = nn::shard_range(sampled, shard.rank, shard.size);
  std::vector<int64_t> a, b;
  for (const auto& [u, v] : negatives.subspan(neg_begin, neg_end - neg_begin)) {
    a.push_back(u);
    b.push_back(v);
  }
  const Tensor negative = autograd::pair_dot(z, a, b);
  if (shard.size == 1) {
    const Tensor positive = autograd::pair_dot(z, t.edge_a, t.edge_b);
    return nn::bce_with_logits(positive, Tensor::ones(positive.shape())) +
           nn::bce_with_logits(negative, Tensor::zeros(negative.shape()));
  }
  const Tensor positive =
      autograd::pair_dot(z, {t.edge_a.begin() + pos_begin, t.edge_a.begin() + pos_end},
                         {t.edge_b.begin() + pos_begin, t.edge_b.begin() + pos_end});
  return nn::bce_with_logits(positive, Tensor::ones(positive.shape()), nn::Reduction::Sum) *
             Scalar(1.0 / double(positives)) +
         nn::bce_with_logits(negative, Tensor::zeros(negative.shape()), nn::Reduction::Sum) *
             Scalar(1.0 / double(sampled));
}

}  // namespace

Tensor reconstruction_loss(const Tensor& z, const LinkTargets& t, LinkLoss kind,
                           std::span<const Edge> negatives, LossShard shard) {
  if (shard.size < 1 || shard.rank < 0 || shard.rank >= shard.size)
    throw std::invalid_argument("reconstruction_loss: shard " + std::to_string(shard.rank) +
                                " of " + std::to_string(shard.size));
  if (shard.size > 1 && kind != LinkLoss::Sampled)
    throw std::invalid_argument(
        "reconstruction_loss: only the sampled loss shards over ranks (the dense and fused "
        "losses score all N^2 pairs)");
  switch (kind) {
    case LinkLoss::Dense:
      return nn::bce_with_logits(autograd::matmul(z, z, false, true), t.labels.to_dense(),
                                 nn::Reduction::Mean, t.pos_weight) *
             t.norm;
    case LinkLoss::Fused:
      return nn::inner_product_bce(z, t.labels, t.pos_weight, t.norm);
    case LinkLoss::Sampled:
      return sampled_loss(z, t, negatives, shard);
  }
  throw std::logic_error("reconstruction_loss: unknown loss");
}

Tensor GraphAutoencoder::decode_features(const CsrMatrix& a_hat, const Tensor& z) const {
  if (!options_.feature_decoder)
    throw std::logic_error("GraphAutoencoder: decode_features needs the feature decoder");
  return feature_out_->forward(a_hat, feature_hidden_->forward(a_hat, z));
}

Tensor LossTerms::total(Scalar kl_weight) const {
  Tensor sum = links;
  if (features.defined()) sum = sum + features;
  if (kl.defined()) sum = sum + (kl_weight == 1 ? kl : kl * kl_weight);
  return sum;
}

LossTerms GraphAutoencoder::loss_terms(const Encoding& e, const LinkTargets& t, LinkLoss kind,
                                       std::span<const Edge> negatives,
                                       const FeatureTargets* features, LossShard shard) const {
  LossTerms terms;
  terms.links = reconstruction_loss(e.z, t, kind, negatives, shard);
  const Scalar n2 = static_cast<Scalar>(t.num_nodes) * static_cast<Scalar>(t.num_nodes);
  const Scalar ranks = Scalar(shard.size);  // the graph-wide terms: each rank its 1 / size
  if (options_.feature_decoder) {
    if (!features)
      throw std::invalid_argument(
          "GraphAutoencoder: the feature decoder needs the node features to rebuild (a "
          "featureless graph has none)");
    const Tensor logits = decode_features(features->a_hat, e.z);
    // Summed, then / N^2 as the KL is: the two keep the ELBO's relative weight.
    terms.features = nn::bce_with_logits(logits, features->features, nn::Reduction::Sum) *
                     (options_.feature_weight / (n2 * ranks));
  }
  // KL(q || N(0, I)) summed over nodes and dimensions, scaled by 1 / N^2 as in the paper's code.
  if (options_.variational)
    terms.kl =
        nn::kl_standard_normal(e.mu, e.log_std * Scalar(2), nn::Reduction::Sum) / (n2 * ranks);
  return terms;
}

std::vector<double> link_scores(const Tensor& z, std::span<const Edge> pairs) {
  const int64_t d = z.size(1);
  std::vector<double> scores;
  scores.reserve(pairs.size());
  for (const auto& [u, v] : pairs) {
    double dot = 0;
    for (int64_t k = 0; k < d; ++k) dot += double(z.data()[u * d + k]) * z.data()[v * d + k];
    scores.push_back(1 / (1 + std::exp(-dot)));
  }
  return scores;
}

LinkMetrics evaluate_links(const Tensor& z, std::span<const Edge> positives,
                           std::span<const Edge> negatives) {
  const std::vector<double> pos = link_scores(z, positives), neg = link_scores(z, negatives);
  return {roc_auc(pos, neg), average_precision(pos, neg)};
}

}  // namespace models
