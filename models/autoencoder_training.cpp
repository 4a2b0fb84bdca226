// autoencoder_training.hpp: minibatch Adam over the rows of a tensor.
#include "models/autoencoder_training.hpp"

#include <stdexcept>
#include <string>

#include "autograd/ops.hpp"
#include "autograd/tape.hpp"
#include "models/row_epoch.hpp"
#include "nn/adam.hpp"
#include "nn/divergence_guard.hpp"

namespace models {

std::vector<double> train_autoencoder(Autoencoder& ae, const Tensor& x,
                                      const AutoencoderTraining& training,
                                      autograd::Generator& gen,
                                      const EpochCallback& after_epoch) {
  if (x.dim() != 2 || x.size(0) == 0 || training.batch < 1 || training.epochs < 0)
    throw std::invalid_argument("train_autoencoder: needs rows [n, features] and batch >= 1, "
                                "epochs >= 0; got " + autograd::to_string(x.shape()) +
                                ", batch " + std::to_string(training.batch));
  nn::Adam adam(ae.named_parameters(), {.lr = training.lr});
  std::vector<double> epoch_loss;
  nn::DivergenceGuard guard;
  for (int epoch = 0; epoch < training.epochs; ++epoch) {
    epoch_loss.push_back(shuffled_epoch(x.size(0), training.batch, gen, [&](const auto& rows) {
      const Tensor clean = autograd::index_select(x, rows);
      adam.zero_grad();
      const Tensor corrupted = ae.corrupt(clean, gen);
      const Tensor loss = ae.loss(corrupted, clean);
      const auto replay = [&] { autograd::backward(ae.loss(corrupted, clean)); };
      guard.check(loss.item(), epoch + 1, adam.step_count() + 1, replay);
      autograd::backward(loss);
      guard.check_gradients(adam.parameters(), epoch + 1, adam.step_count() + 1, replay);
      adam.step();
      autograd::clear_tape();
      return double(loss.item());
    }));
    if (after_epoch) after_epoch(epoch + 1, epoch_loss.back());
  }
  return epoch_loss;
}

}  // namespace models
