// fine_tune.hpp: an encoder and a softmax head trained together on labels.
#include "models/fine_tune.hpp"

#include <stdexcept>
#include <string>

#include "autograd/ops.hpp"
#include "autograd/ops/softmax_cross_entropy.hpp"
#include "autograd/tape.hpp"
#include "models/row_epoch.hpp"
#include "nn/adam.hpp"
#include "nn/divergence_guard.hpp"

namespace models {

Tensor classify(nn::Layer& encoder, SoftmaxRegression& head, const Tensor& x) {
  return head.logits(encoder(x));
}

std::vector<double> fine_tune(nn::Layer& encoder, SoftmaxRegression& head, const Tensor& x,
                              const std::vector<int64_t>& labels, const FineTuning& training,
                              autograd::Generator& gen) {
  if (x.dim() != 2 || x.size(0) != static_cast<int64_t>(labels.size()) || labels.empty() ||
      training.epochs < 0 || training.batch < 1)
    throw std::invalid_argument("fine_tune: rows " + autograd::to_string(x.shape()) + " for " +
                                std::to_string(labels.size()) +
                                " labels; needs one label per row, epochs >= 0, batch >= 1");
  nn::NamedTensors parameters;
  for (auto& [name, p] : encoder.named_parameters()) parameters.emplace_back("encoder." + name, p);
  for (auto& [name, p] : head.named_parameters()) parameters.emplace_back("head." + name, p);
  nn::Adam adam(parameters, {.lr = training.lr});
  std::vector<double> epoch_loss;
  nn::DivergenceGuard guard;
  for (int epoch = 0; epoch < training.epochs; ++epoch)
    epoch_loss.push_back(shuffled_epoch(x.size(0), training.batch, gen, [&](const auto& rows) {
      std::vector<int64_t> batch_labels(rows.size());
      for (size_t k = 0; k < rows.size(); ++k) batch_labels[k] = labels[rows[k]];
      adam.zero_grad();
      const Tensor batch = autograd::index_select(x, rows);
      const Tensor loss =
          autograd::softmax_cross_entropy(classify(encoder, head, batch), batch_labels);
      const auto replay = [&] {
        autograd::backward(
            autograd::softmax_cross_entropy(classify(encoder, head, batch), batch_labels));
      };
      guard.check(loss.item(), epoch + 1, adam.step_count() + 1, replay);
      autograd::backward(loss);
      guard.check_gradients(adam.parameters(), epoch + 1, adam.step_count() + 1, replay);
      adam.step();
      autograd::clear_tape();
      return double(loss.item());
    }));
  return epoch_loss;
}

}  // namespace models
