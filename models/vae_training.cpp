// vae_training.hpp: minibatch Adam over the rows of a tensor, with KL warm-up.
#include "models/vae_training.hpp"

#include <stdexcept>
#include <string>

#include "autograd/ops.hpp"
#include "autograd/tape.hpp"
#include "models/latent_usage.hpp"
#include "models/row_epoch.hpp"
#include "nn/adam.hpp"
#include "nn/divergence_guard.hpp"

namespace models {

std::vector<double> train_vae(Vae& vae, const Tensor& x, const VaeTraining& training,
                              autograd::Generator& gen, const VaeEpochCallback& after_epoch) {
  if (x.dim() != 2 || x.size(0) == 0 || training.batch < 1 || training.epochs < 0 ||
      training.kl_warmup_steps < 0)
    throw std::invalid_argument("train_vae: needs rows [n, features], batch >= 1, epochs and "
                                "kl_warmup_steps >= 0; got " + autograd::to_string(x.shape()) +
                                ", batch " + std::to_string(training.batch));
  nn::Adam adam(vae.named_parameters(), {.lr = training.lr});
  std::vector<double> epoch_loss;
  nn::DivergenceGuard guard;
  for (int epoch = 0; epoch < training.epochs; ++epoch) {
    epoch_loss.push_back(shuffled_epoch(x.size(0), training.batch, gen, [&](const auto& rows) {
      adam.zero_grad();
      const Tensor batch = autograd::index_select(x, rows);
      const std::vector<uint64_t> noise_state = gen.state();  // for a replay of this step
      const NegativeElbo elbo = vae.negative_elbo(batch, gen);
      const auto replay = [&] {
        gen.set_state(noise_state);
        autograd::backward(vae.negative_elbo(batch, gen).loss);
      };
      guard.check(elbo.loss.item(), epoch + 1, adam.step_count() + 1, replay);
      const double beta = kl_warmup_weight(adam.step_count(), training.kl_warmup_steps);
      autograd::backward(beta < 1 ? elbo.with_kl_weight(Scalar(beta)) : elbo.loss);
      guard.check_gradients(adam.parameters(), epoch + 1, adam.step_count() + 1, replay);
      adam.step();
      autograd::clear_tape();
      return double(elbo.loss.item());
    }));
    if (after_epoch) after_epoch(epoch + 1, epoch_loss.back());
  }
  return epoch_loss;
}

}  // namespace models
