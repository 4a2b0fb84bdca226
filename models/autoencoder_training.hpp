#pragma once
// The training loop of an autoencoder on rows of a tensor (no image files: 2-D points, codes):
// minibatch Adam, each step corrupting the batch with the model's own Corruption (none for a
// plain autoencoder) and scoring the reconstruction against the clean rows.
#include <cstdint>
#include <functional>
#include <vector>

#include "autograd/random.hpp"
#include "models/autoencoder.hpp"

namespace models {

struct AutoencoderTraining {
  int epochs = 100;
  int64_t batch = 128;
  double lr = 1e-3;
};

// Called after each epoch (1, 2, ...) with its mean training loss: for logging and measuring.
using EpochCallback = std::function<void(int epoch, double loss)>;

// x [n, input]; `gen` shuffles and draws the corruption. Returns the mean loss of each epoch.
std::vector<double> train_autoencoder(Autoencoder& ae, const Tensor& x,
                                      const AutoencoderTraining& training, autograd::Generator& gen,
                                      const EpochCallback& after_epoch = {});

}  // namespace models
