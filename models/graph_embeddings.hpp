#pragma once
// Unsupervised node embeddings for downstream tasks: a GAE or VGAE (graph_autoencoder.hpp)
// trained on every edge of the graph, no labels seen, with the paper's setup (Adam 0.01, 32-16,
// fused loss); the embedding of a node is its posterior mean mu.
#include <cstdint>

#include "autograd/sparse/csr.hpp"
#include "autograd/tensor.hpp"
#include "models/graph_autoencoder.hpp"

namespace models {

struct EmbeddingTraining {
  GraphAutoencoderOptions model{};
  int epochs = 200;
  double lr = 0.01;
  uint64_t seed = 0;
};

// adjacency: symmetric, no self loops; features: sparse, or nullptr for a featureless graph.
// Returns mu [N, latent]. `epoch_loss`, when given, receives the loss of every epoch.
Tensor train_graph_embeddings(const CsrMatrix& adjacency, const CsrMatrix* features,
                              const EmbeddingTraining& training,
                              std::vector<double>* epoch_loss = nullptr);

}  // namespace models
