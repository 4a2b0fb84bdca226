#pragma once
// Graph autoencoders for link prediction (Kipf & Welling, Variational Graph Auto-Encoders, 2016).
//
// Encoder: a two-layer GCN on A_hat = D^-1/2 (A + I) D^-1/2 of the training graph,
//   H = relu(A_hat X W0),  mu = A_hat H W_mu,  log sigma = A_hat H W_sigma,
// with X sparse features or, for a featureless graph, the identity (never built densely).
// GAE uses z = mu; VGAE samples z = mu + sigma * eps. Decoder: p(A_ij = 1 | z) = sigmoid(z_i .
// z_j).
//
// Loss (the paper code's): norm * mean over all N^2 pairs of BCE(z_i . z_j, t_ij) weighted by
// pos_weight on the positives, t = A_train + I; VGAE adds KL(q(Z) || N(0, I)) / N^2. Three ways to
// compute the reconstruction term:
//   Dense:   Z Z^T materialized, then BCE with logits. The faithful N x N reference.
//   Fused:   the same value and gradient in row blocks, never N x N
//   (autograd/ops/inner_product_bce.hpp). Sampled: the training edges against as many uniformly
//   drawn non-edges, O(E d) (as PyTorch
//            Geometric does), for graphs too large for N^2 work.
//
// Optionally a second decoder rebuilds the node features, p(X | A, Z): a two-layer GCN on the same
// A_hat from z back to the F features, logits = A_hat relu(A_hat Z W1 + b1) W2 + b2, each feature
// a Bernoulli. Its term, -log p(X | A, Z) summed over the N x F entries, is divided by N^2 like the
// KL, so the objective stays the negative ELBO / N^2 up to the reweighting of the adjacency term.
//
// Data-parallel training (nn/data_parallel.hpp) shards the sampled loss: each rank's LossShard
// takes its contiguous shares of the training edges and of the negatives (every rank draws the
// same negatives and noise), and the encoder, which needs the whole graph, runs on every rank.
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "autograd/random.hpp"
#include "autograd/sparse/csr.hpp"
#include "datasets/edges.hpp"
#include "nn/graph_conv.hpp"
#include "nn/module.hpp"

namespace models {

using autograd::CsrMatrix;
using autograd::Scalar;
using autograd::Tensor;
using datasets::Edge;  // a node pair (u, v), the one pair type of the tree

enum class LinkLoss { Dense, Fused, Sampled };

struct GraphAutoencoderOptions {
  bool variational = true;  // VGAE; false: GAE
  int64_t hidden = 32;
  int64_t latent = 16;
  bool feature_decoder = false;  // also rebuild X: p(X | A, Z), latent -> hidden -> in_features
  Scalar feature_weight = 1;     // the feature term's weight; 1 is the ELBO's
};

// What the loss needs from the training graph, computed once.
struct LinkTargets {
  int64_t num_nodes = 0;
  CsrMatrix labels;                     // A_train + I: the pairs with t = 1
  Scalar pos_weight = 1, norm = 1;      // (N^2 - E) / E and N^2 / (2 (N^2 - E)), E = nnz(A_train)
  std::vector<int64_t> edge_a, edge_b;  // the training edges, each once (sampled loss)

  static LinkTargets from_training_adjacency(const CsrMatrix& adjacency);
};

// What the feature decoder's term needs: the features to rebuild (the encoder's input, 0/1 or in
// [0, 1]) and the graph the decoder propagates over (the encoder's A_hat). Both are handles to
// shared arrays: cheap to copy.
struct FeatureTargets {
  CsrMatrix a_hat, features;
};

// One rank's part of the sampled loss, for data-parallel training: its shard of the positives and
// of the negatives, each term's sum divided by the whole term's count, and the graph-wide terms
// (KL, features) divided by the number of ranks, so the ranks' losses sum to the whole loss (and
// the ranks' gradients to its gradient: nn::DataParallel::begin_step(1, 1)). {0, 1}: the whole.
struct LossShard {
  int rank = 0, size = 1;
};

// The objective's terms, each a scalar tensor, undefined when the model has no such term.
struct LossTerms {
  Tensor links;     // the adjacency's reconstruction, as the paper's code weights it
  Tensor features;  // feature decoder: feature_weight * -log p(X | A, Z) / N^2
  Tensor kl;        // VGAE: KL(q(Z) || N(0, I)) / N^2

  // links + features + kl_weight * kl; a weight below 1 is a KL warm-up (latent_usage.hpp).
  Tensor total(Scalar kl_weight = 1) const;
};

class GraphAutoencoder : public nn::Module {
 public:
  GraphAutoencoder(int64_t in_features, GraphAutoencoderOptions options, autograd::Generator& gen);

  struct Encoding {
    Tensor mu, log_std, z;
  };
  // features: sparse node features, or nullptr for a featureless graph (X = I).
  // noise: standard normal [N, latent] for the VGAE (ignored by the GAE).
  Encoding encode(const CsrMatrix& a_hat, const CsrMatrix* features, const Tensor& noise);

  // The logits of p(X | A, Z), [N, in_features]; needs the feature decoder.
  Tensor decode_features(const CsrMatrix& a_hat, const Tensor& z) const;

  // Reconstruction loss plus, for the VGAE, the KL term, and with the feature decoder its term
  // (which needs `features`). `negatives` are used by the sampled loss, which alone shards.
  LossTerms loss_terms(const Encoding& encoding, const LinkTargets& targets, LinkLoss kind,
                       std::span<const Edge> negatives = {},
                       const FeatureTargets* features = nullptr, LossShard shard = {}) const;
  Tensor loss(const Encoding& encoding, const LinkTargets& targets, LinkLoss kind,
              std::span<const Edge> negatives = {}, const FeatureTargets* features = nullptr,
              LossShard shard = {}) const {
    return loss_terms(encoding, targets, kind, negatives, features, shard).total();
  }

  const GraphAutoencoderOptions& options() const { return options_; }

 private:
  GraphAutoencoderOptions options_;
  std::shared_ptr<nn::GraphConv> hidden_, mu_, log_std_;
  std::shared_ptr<nn::GraphConv> feature_hidden_, feature_out_;  // the feature decoder
};

Tensor reconstruction_loss(const Tensor& z, const LinkTargets& targets, LinkLoss kind,
                           std::span<const Edge> negatives = {}, LossShard shard = {});

// sigmoid(z_i . z_j) for each pair, and the two link-prediction metrics over them.
std::vector<double> link_scores(const Tensor& z, std::span<const Edge> pairs);
struct LinkMetrics {
  double auc = 0, ap = 0;
};
LinkMetrics evaluate_links(const Tensor& z, std::span<const Edge> positives,
                           std::span<const Edge> negatives);

}  // namespace models
