#pragma once
// Training a binary-latent VAE (bernoulli_vae.hpp) with either gradient estimator:
// - ScoreFunction: the surrogate with a running-mean baseline b <- 0.9 b + 0.1 mean(f), the
//   batch's own f not yet in it (so b does not depend on this batch's z; the first step starts b
//   at its own batch's mean);
// - GumbelSoftmax: the binary concrete relaxation with its temperature annealed geometrically,
//   step by step, from `start_temperature` to `end_temperature` over the whole run.
#include <cstdint>
#include <functional>
#include <vector>

#include "autograd/random.hpp"
#include "models/bernoulli_vae.hpp"

namespace models {

enum class DiscreteEstimator { ScoreFunction, GumbelSoftmax };

struct BernoulliVaeTraining {
  DiscreteEstimator estimator = DiscreteEstimator::GumbelSoftmax;
  int epochs = 5;
  int64_t batch = 128;
  double lr = 1e-3;
  double start_temperature = 1.0, end_temperature = 0.5;
};

// The temperature of step `step` of `steps`: start * (end / start)^(step / (steps - 1)).
double annealed_temperature(const BernoulliVaeTraining& training, int64_t step, int64_t steps);

// Called after each epoch with the epoch's mean training negative ELBO (hard or relaxed
// samples, as the estimator drew them) and the temperature of its last step.
using DiscreteEpochCallback = std::function<void(int epoch, double loss, double temperature)>;

std::vector<double> train_bernoulli_vae(BernoulliVae& vae, const Tensor& x,
                                        const BernoulliVaeTraining& training,
                                        autograd::Generator& gen,
                                        const DiscreteEpochCallback& after_epoch = {});

}  // namespace models
