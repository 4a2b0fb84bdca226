#pragma once
// Node classification on a graph with a few labelled nodes, three ways:
//
// - GcnClassifier: the two-layer GCN of Kipf & Welling (2017), trained on the labels,
//     logits = A_hat dropout(relu(A_hat dropout(X) W0)) W1,
//   softmax cross-entropy over the labelled training nodes only; every node's features still
//   flow through the graph, which is why 20 labels per class go far.
// - A linear probe (linear_probe.hpp) on frozen embeddings: unsupervised GAE / VGAE means
//   (graph_autoencoder.hpp) trained on the whole graph without labels; or on the raw features.
//
// row_normalize(X) divides each row by its sum, as the GCN paper preprocesses bag-of-words.
#include <cstdint>
#include <memory>
#include <vector>

#include "autograd/random.hpp"
#include "autograd/sparse/csr.hpp"
#include "nn/graph_conv.hpp"
#include "nn/module.hpp"

namespace models {

using autograd::CsrMatrix;
using autograd::Tensor;

struct GcnClassifierOptions {
  int64_t hidden = 16;
  double dropout = 0.5;  // on the input features and the hidden layer, in training mode only
};

class GcnClassifier : public nn::Module {
 public:
  // `gen` draws the weights and, later, the dropout masks: it must outlive the model.
  GcnClassifier(int64_t in_features, int64_t classes, autograd::Generator& gen,
                GcnClassifierOptions options = {});
  Tensor logits(const CsrMatrix& a_hat, const CsrMatrix& features);  // [N, classes]
  // Mean cross-entropy over the listed nodes; labels[k] is the class of nodes[k].
  Tensor loss(const CsrMatrix& a_hat, const CsrMatrix& features, const std::vector<int64_t>& nodes,
              const std::vector<int64_t>& labels);
  nn::GraphConv& first() { return *hidden_; }
  nn::GraphConv& second() { return *output_; }

 private:
  GcnClassifierOptions options_;
  autograd::Generator* gen_;
  std::shared_ptr<nn::GraphConv> hidden_, output_;
};

CsrMatrix row_normalize(const CsrMatrix& x);  // rows summing to 0 stay 0

// Inverted dropout of a sparse matrix's stored values (the pattern is kept, dropped values are 0).
CsrMatrix sparse_dropout(const CsrMatrix& x, double p, autograd::Generator& gen);

struct GcnTraining {
  int epochs = 200;
  double lr = 0.01;
  double weight_decay = 5e-4;  // on the first layer's weights, as in the paper's code
  uint64_t seed = 0;
  GcnClassifierOptions model{};
};

struct NodeAccuracy {
  double validation = 0, test = 0;
};

// Trains a GcnClassifier on the `train` nodes of `labels` (Adam, full batch) and scores the model
// of the last epoch on the validation and test nodes.
NodeAccuracy train_gcn_classifier(const CsrMatrix& a_hat, const CsrMatrix& features,
                                  const std::vector<int>& labels,
                                  const std::vector<int64_t>& train,
                                  const std::vector<int64_t>& validation,
                                  const std::vector<int64_t>& test, const GcnTraining& training);

// The labels of the listed nodes, as the loss wants them.
std::vector<int64_t> labels_of(const std::vector<int>& labels, const std::vector<int64_t>& nodes);

}  // namespace models
