// autoencoder_training.hpp: minibatch Adam over the rows of a tensor.
#include "models/autoencoder_training.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "autograd/ops.hpp"
#include "autograd/tape.hpp"
#include "nn/adam.hpp"

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
  const int64_t n = x.size(0), batch = std::min(training.batch, n);
  std::vector<double> epoch_loss;
  for (int epoch = 0; epoch < training.epochs; ++epoch) {
    const std::vector<int64_t> order = gen.permutation(n);
    double total = 0;
    for (int64_t first = 0; first < n; first += batch) {
      const std::vector<int64_t> rows(order.begin() + first,
                                      order.begin() + std::min(n, first + batch));
      const Tensor clean = autograd::index_select(x, rows);
      adam.zero_grad();
      const Tensor loss = ae.loss(ae.corrupt(clean, gen), clean);
      autograd::backward(loss);
      adam.step();
      autograd::clear_tape();
      total += loss.item() * double(rows.size());
    }
    epoch_loss.push_back(total / double(n));
    if (after_epoch) after_epoch(epoch + 1, epoch_loss.back());
  }
  return epoch_loss;
}

}  // namespace models
