#pragma once
// Fine-tuning (the lectures: "fine-tune the encoder jointly with a supervised model"): an encoder
// learned without labels (an autoencoder's, a VAE's mean head) is put under a softmax-regression
// head and both are trained together on the labelled examples, the cross-entropy's gradient
// flowing into the encoder. Started from a random encoder instead, the same code trains the
// network from scratch: the baseline that shows what the unsupervised pretraining bought.
#include <cstdint>
#include <vector>

#include "autograd/random.hpp"
#include "models/linear_probe.hpp"
#include "nn/module.hpp"

namespace models {

struct FineTuning {
  int epochs = 10;
  int64_t batch = 128;
  double lr = 1e-3;
};

// logits = head(encoder(x)).
Tensor classify(nn::Layer& encoder, SoftmaxRegression& head, const Tensor& x);

// Minibatch Adam on the mean cross-entropy of head(encoder(x)) against `labels`, updating the
// encoder's parameters and the head's. Returns each epoch's mean loss.
std::vector<double> fine_tune(nn::Layer& encoder, SoftmaxRegression& head, const Tensor& x,
                              const std::vector<int64_t>& labels, const FineTuning& training,
                              autograd::Generator& gen);

}  // namespace models
