#pragma once
// Linear probes: how much of a task a representation makes linearly easy. A multinomial
// logistic regression (one Linear layer, softmax cross-entropy over integer labels) is trained
// on frozen features (raw pixels, PCA, an autoencoder's codes, graph embeddings) and scored by its
// accuracy on held-out examples. The features are standardized with the training rows' mean and
// standard deviation first, so one learning rate suits codes of any scale.
//
//   const models::LinearProbe probe = models::fit_linear_probe(codes, labels, 10, {.epochs = 100});
//   double test_accuracy = probe.accuracy(test_codes, test_labels);
#include <cstdint>
#include <memory>
#include <vector>

#include "autograd/random.hpp"
#include "nn/linear.hpp"
#include "nn/module.hpp"

namespace models {

using autograd::Tensor;

// p(y | x) = softmax(x W^T + b): the classifier of a probe, and the head a fine-tuned encoder
// is trained with.
class SoftmaxRegression : public nn::Module {
 public:
  SoftmaxRegression(int64_t features, int64_t classes, autograd::Generator& gen);
  Tensor logits(const Tensor& x);                                     // [n, features] -> [n, C]
  Tensor loss(const Tensor& x, const std::vector<int64_t>& labels);  // mean cross-entropy
  int64_t classes() const { return linear_->out_features(); }

 private:
  std::shared_ptr<nn::Linear> linear_;
};

// The fraction of rows whose largest logit is at the label's class.
double accuracy(const Tensor& logits, const std::vector<int64_t>& labels);

// Per-column mean and standard deviation of training features (a constant column gets 1, so it
// maps to 0 instead of dividing by zero); apply() maps any rows with them.
struct Standardizer {
  std::vector<double> mean, stddev;
  static Standardizer fit(const Tensor& x);
  Tensor apply(const Tensor& x) const;
};

struct ProbeOptions {
  int epochs = 100;             // passes over the training rows
  int64_t batch = 256;          // minibatch rows (all of them when there are fewer)
  double lr = 0.01;             // Adam
  double weight_decay = 1e-4;   // L2 on weights and bias (Adam's coupled form): the only prior
  uint64_t seed = 0;            // initial weights and shuffling
};

// A trained probe: the training rows' standardization and the classifier after it.
struct LinearProbe {
  Standardizer standardizer;
  std::shared_ptr<SoftmaxRegression> classifier;
  Tensor logits(const Tensor& x) const;  // of raw (unstandardized) features, without a tape
  double accuracy(const Tensor& x, const std::vector<int64_t>& labels) const;
};

// Standardizes, then trains a SoftmaxRegression on (train_x, train_labels) by minibatch Adam.
LinearProbe fit_linear_probe(const Tensor& train_x, const std::vector<int64_t>& train_labels,
                             int64_t classes, const ProbeOptions& options = {});

}  // namespace models
