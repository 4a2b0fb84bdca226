// Node classification with a two-layer GCN (node_classifier.hpp).
#include "models/node_classifier.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "autograd/ops.hpp"
#include "autograd/ops/softmax_cross_entropy.hpp"
#include "autograd/tape.hpp"
#include "models/linear_probe.hpp"
#include "nn/adam.hpp"
#include "nn/divergence_guard.hpp"
#include "nn/dropout.hpp"

namespace models {

using autograd::Scalar;

GcnClassifier::GcnClassifier(int64_t in_features, int64_t classes, autograd::Generator& gen,
                             GcnClassifierOptions options)
    : options_(options), gen_(&gen) {
  // No biases, as in the paper's code.
  hidden_ = register_module(
      "hidden", std::make_shared<nn::GraphConv>(
                    in_features, options.hidden, gen,
                    nn::GraphConvOptions{.bias = false, .activation = nn::Activation::Relu}));
  output_ = register_module("output", std::make_shared<nn::GraphConv>(
                                          options.hidden, classes, gen,
                                          nn::GraphConvOptions{.bias = false}));
}

Tensor GcnClassifier::logits(const CsrMatrix& a_hat, const CsrMatrix& features) {
  const bool drop = is_training() && options_.dropout > 0;
  const Tensor h =
      hidden_->forward(a_hat, drop ? sparse_dropout(features, options_.dropout, *gen_) : features);
  return output_->forward(a_hat, nn::dropout(h, options_.dropout, *gen_, is_training()));
}

Tensor GcnClassifier::loss(const CsrMatrix& a_hat, const CsrMatrix& features,
                           const std::vector<int64_t>& nodes, const std::vector<int64_t>& labels) {
  return autograd::softmax_cross_entropy(autograd::index_select(logits(a_hat, features), nodes),
                                         labels);
}

CsrMatrix row_normalize(const CsrMatrix& x) {
  std::vector<Scalar> values(x.values().begin(), x.values().end());
  for (int64_t i = 0; i < x.rows(); ++i) {
    Scalar total = 0;
    for (int64_t k = x.row_ptr()[i]; k < x.row_ptr()[i + 1]; ++k) total += values[k];
    if (total != 0)
      for (int64_t k = x.row_ptr()[i]; k < x.row_ptr()[i + 1]; ++k) values[k] /= total;
  }
  return x.with_values(std::move(values));
}

CsrMatrix sparse_dropout(const CsrMatrix& x, double p, autograd::Generator& gen) {
  if (!(p >= 0 && p < 1))
    throw std::invalid_argument("sparse_dropout: p must be in [0, 1), got " + std::to_string(p));
  std::vector<Scalar> values(x.values().begin(), x.values().end());
  const auto keep_scale = static_cast<Scalar>(1 / (1 - p));
  for (Scalar& v : values) v = gen.uniform() < p ? Scalar(0) : v * keep_scale;
  return x.with_values(std::move(values));
}

std::vector<int64_t> labels_of(const std::vector<int>& labels, const std::vector<int64_t>& nodes) {
  std::vector<int64_t> out;
  out.reserve(nodes.size());
  for (int64_t node : nodes) {
    if (node < 0 || node >= static_cast<int64_t>(labels.size()) || labels[node] < 0)
      throw std::invalid_argument("labels_of: node " + std::to_string(node) +
                                  " has no label (of " + std::to_string(labels.size()) + ")");
    out.push_back(labels[node]);
  }
  return out;
}

NodeAccuracy train_gcn_classifier(const CsrMatrix& a_hat, const CsrMatrix& features,
                                  const std::vector<int>& labels,
                                  const std::vector<int64_t>& train,
                                  const std::vector<int64_t>& validation,
                                  const std::vector<int64_t>& test, const GcnTraining& training) {
  autograd::Generator gen(training.seed);
  int64_t classes = 0;
  for (int label : labels) classes = std::max<int64_t>(classes, label + 1);
  GcnClassifier model(features.cols(), classes, gen, training.model);
  // The paper's code decays only the first layer's weights.
  nn::Adam first(model.first().named_parameters(),
                 {.lr = training.lr, .weight_decay = training.weight_decay});
  nn::Adam second(model.second().named_parameters(), {.lr = training.lr});
  const std::vector<int64_t> train_labels = labels_of(labels, train);
  nn::DivergenceGuard guard;
  for (int epoch = 0; epoch < training.epochs; ++epoch) {
    model.train();
    first.zero_grad();
    second.zero_grad();
    const std::vector<uint64_t> dropout_state = gen.state();  // for a replay of this step
    const Tensor loss = model.loss(a_hat, features, train, train_labels);
    const auto replay = [&] {
      gen.set_state(dropout_state);
      autograd::backward(model.loss(a_hat, features, train, train_labels));
    };
    guard.check(loss.item(), epoch + 1, epoch + 1, replay);
    autograd::backward(loss);
    guard.check_gradients(model.named_parameters(), epoch + 1, epoch + 1, replay);
    first.step();
    second.step();
    autograd::clear_tape();
  }
  model.eval();
  autograd::NoGradGuard no_grad;
  const Tensor logits = model.logits(a_hat, features);
  return {accuracy(autograd::index_select(logits, validation), labels_of(labels, validation)),
          accuracy(autograd::index_select(logits, test), labels_of(labels, test))};
}

}  // namespace models
