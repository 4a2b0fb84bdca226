#pragma once
// GraphVAE (Simonovsky & Komodakis, "GraphVAE: towards generation of small graphs using
// variational autoencoders", 2018): one latent vector per graph, decoded into a whole graph of up
// to k nodes.
//
// Encoder: two GCN layers (nn::GraphConv, ReLU) on each graph's D^-1/2 (A + I) D^-1/2, node
// features the one-hot degree, then a sum over the graph's nodes (permutation invariant), then
// linear heads to mu and log sigma^2 of q(z | G) = N(mu, diag sigma^2). Decoder: an MLP from z to
// k(k-1)/2 edge logits (the upper triangle of k slots) and k node logits, read by `NodeCount`
// (graph_likelihood.hpp): by default a categorical over the number of nodes n in 1..k, the nodes
// in the first n slots and independent Bernoulli edges among them; or, as in the paper, k
// independent node-existence Bernoullis beside the edges'. Loss: the negative ELBO per graph,
// -log p(G | z) + KL(q || N(0, I)).
//
// The encoder does not care how the input's nodes are numbered; the decoder's slots are ordered,
// so the target depends on which input node is compared in which slot. `NodeOrder` chooses:
//   AsGiven              the input's own numbering (the baseline: not invariant)
//   Canonical            GraphRNN's BFS order (graph_orderings.hpp)
//   SampledPermutations  the lecture's bound: log (1/S) sum_s p(G written in the s-th random
//                        order | z), S = `permutations`; invariant in distribution
//   Matching             the slot of each node chosen by graph matching (graph_matching.hpp);
//                        with the count head, matched into the first n slots
// Every order but matching puts an n-node graph into slots 0..n-1, which the count head needs.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "autograd/random.hpp"
#include "datasets/graph.hpp"
#include "models/graph_likelihood.hpp"
#include "models/vae.hpp"
#include "nn/graph_conv.hpp"
#include "nn/linear.hpp"
#include "nn/module.hpp"
#include "nn/sequential.hpp"

namespace models {

enum class NodeOrder { AsGiven, Canonical, SampledPermutations, Matching };

struct GraphVaeOptions {
  int64_t max_nodes = 20;  // k: the decoder's slots
  int64_t hidden = 64;
  int64_t latent = 16;
  NodeOrder order = NodeOrder::Canonical;
  int64_t permutations = 8;  // S, for SampledPermutations
  NodeCount count = NodeCount::Categorical;
};

struct GraphVaeLoss {
  Tensor loss;            // scalar: the mean over the batch of reconstruction + kl
  Tensor reconstruction;  // scalar: -log p(G | z), or the bound over S orders, per graph
  Tensor kl;              // scalar: KL(q(z | G) || N(0, I)) per graph
};

class GraphVae : public nn::Module {
 public:
  GraphVae(const GraphVaeOptions& options, autograd::Generator& gen);

  Posterior encode(std::span<const datasets::GraphDataset> graphs);  // [B, latent] each
  Tensor decode(const Tensor& z);                                    // [m, k(k-1)/2 + k] logits

  // noise: [B, latent] standard normal; gen draws the sampled permutations (unused otherwise).
  GraphVaeLoss negative_elbo(std::span<const datasets::GraphDataset> graphs, const Tensor& noise,
                             autograd::Generator& gen);
  // The same against targets chosen beforehand (by targets(), below): the loss given the node
  // order, which is what the gradient of a matched or sampled order is (the choice is discrete).
  GraphVaeLoss negative_elbo(std::span<const datasets::GraphDataset> graphs, const Tensor& noise,
                             const Tensor& targets);

  // The decoder's targets for every graph in the options' node order, [S * B, D] for S orders
  // (S = 1 but for SampledPermutations); matching compares with `logits`, the decoded [B, D].
  Tensor targets(std::span<const datasets::GraphDataset> graphs, const Tensor& logits,
                 autograd::Generator& gen) const;

  // z ~ N(0, I), then a graph from its decoder row (sample_graph, graph_likelihood.hpp).
  std::vector<datasets::GraphDataset> sample(int64_t count, autograd::Generator& gen);

  const GraphVaeOptions& options() const { return options_; }

 private:
  GraphVaeLoss loss_given(const Posterior& q, const Tensor& logits, const Tensor& targets) const;
  Tensor decode_sample(std::span<const datasets::GraphDataset> graphs, const Posterior& q,
                       const Tensor& noise);

  GraphVaeOptions options_;
  std::shared_ptr<nn::GraphConv> conv1_, conv2_;
  std::shared_ptr<nn::Linear> mean_head_, log_variance_head_;
  std::shared_ptr<nn::Sequential> decoder_;
};

}  // namespace models
