#pragma once
// The training loop of a VAE on rows of a tensor: minibatch Adam on the negative ELBO, with an
// optional linear KL warm-up (latent_usage.hpp) over the first `kl_warmup_steps` steps.
#include <cstdint>
#include <functional>
#include <vector>

#include "autograd/random.hpp"
#include "models/vae.hpp"

namespace models {

struct VaeTraining {
  int epochs = 10;
  int64_t batch = 128;
  double lr = 1e-3;
  int64_t kl_warmup_steps = 0;
};

// Called after each epoch (1, 2, ...) with its mean negative ELBO per example (the true one,
// whatever the KL weight of the steps).
using VaeEpochCallback = std::function<void(int epoch, double negative_elbo)>;

// x [n, input]; `gen` shuffles and draws the reparameterization noise. Returns each epoch's mean.
std::vector<double> train_vae(Vae& vae, const Tensor& x, const VaeTraining& training,
                              autograd::Generator& gen, const VaeEpochCallback& after_epoch = {});

}  // namespace models
