// bernoulli_vae_training.hpp: minibatch Adam with the score-function or relaxed estimator.
#include "models/bernoulli_vae_training.hpp"

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "autograd/ops.hpp"
#include "autograd/tape.hpp"
#include "models/row_epoch.hpp"
#include "nn/adam.hpp"
#include "nn/divergence_guard.hpp"

namespace models {

double annealed_temperature(const BernoulliVaeTraining& training, int64_t step, int64_t steps) {
  if (steps <= 1) return training.end_temperature;
  const double progress = double(std::min(step, steps - 1)) / double(steps - 1);
  return training.start_temperature *
         std::pow(training.end_temperature / training.start_temperature, progress);
}

std::vector<double> train_bernoulli_vae(BernoulliVae& vae, const Tensor& x,
                                        const BernoulliVaeTraining& training,
                                        autograd::Generator& gen,
                                        const DiscreteEpochCallback& after_epoch) {
  if (x.dim() != 2 || x.size(0) == 0 || training.epochs < 0 || training.batch < 1 ||
      !(training.start_temperature > 0) || !(training.end_temperature > 0))
    throw std::invalid_argument("train_bernoulli_vae: needs rows [n, features], epochs >= 0, "
                                "batch >= 1 and positive temperatures; got " +
                                autograd::to_string(x.shape()));
  nn::Adam adam(vae.named_parameters(), {.lr = training.lr});
  const int64_t n = x.size(0), batch = std::min(training.batch, n);
  const int64_t steps = training.epochs * ((n + batch - 1) / batch);
  double baseline = 0, temperature = training.start_temperature;
  bool have_baseline = false;
  std::vector<double> epoch_loss;
  nn::DivergenceGuard guard;
  for (int epoch = 0; epoch < training.epochs; ++epoch) {
    epoch_loss.push_back(shuffled_epoch(n, batch, gen, [&](const auto& rows) {
      const Tensor xb = autograd::index_select(x, rows);
      const Tensor u = open_uniforms({xb.size(0), vae.options().latent}, gen);
      adam.zero_grad();
      BernoulliVae::Estimate e;
      if (training.estimator == DiscreteEstimator::ScoreFunction) {
        const auto mean_f = [](const BernoulliVae::Estimate& estimate) {
          return std::accumulate(estimate.f.begin(), estimate.f.end(), 0.0) /
                 double(estimate.f.size());
        };
        if (!have_baseline) {  // the first step: its own batch's mean, from a pass thrown away
          baseline = mean_f(vae.score_function_loss(xb, u, 0));
          autograd::clear_tape();
          have_baseline = true;
        }
        e = vae.score_function_loss(xb, u, baseline);
        baseline = 0.9 * baseline + 0.1 * mean_f(e);
      } else {
        temperature = annealed_temperature(training, adam.step_count(), steps);
        e = vae.relaxed_loss(xb, u, static_cast<Scalar>(temperature));
      }
      const auto replay = [&] {
        autograd::backward(training.estimator == DiscreteEstimator::ScoreFunction
                               ? vae.score_function_loss(xb, u, baseline).loss
                               : vae.relaxed_loss(xb, u, static_cast<Scalar>(temperature)).loss);
      };
      guard.check(e.loss.item(), epoch + 1, adam.step_count() + 1, replay);
      autograd::backward(e.loss);
      guard.check_gradients(adam.parameters(), epoch + 1, adam.step_count() + 1, replay);
      adam.step();
      autograd::clear_tape();
      return e.negative_elbo;
    }));
    if (after_epoch) after_epoch(epoch + 1, epoch_loss.back(), temperature);
  }
  return epoch_loss;
}

}  // namespace models
