// gradient_variance.hpp: the elementwise variance of repeated gradient estimates.
#include "models/gradient_variance.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include "autograd/tape.hpp"

namespace models {

GradientSpread gradient_spread(const nn::NamedTensors& parameters, int draws,
                               const std::function<autograd::Tensor()>& loss) {
  if (draws < 2 || parameters.empty())
    throw std::invalid_argument("gradient_spread: needs at least 2 draws and some parameters, got " +
                                std::to_string(draws) + " draws and " +
                                std::to_string(parameters.size()) + " parameters");
  std::vector<std::vector<double>> sum(parameters.size()), sum_sq(parameters.size());
  for (size_t k = 0; k < parameters.size(); ++k) {
    sum[k].assign(parameters[k].second.numel(), 0);
    sum_sq[k].assign(parameters[k].second.numel(), 0);
  }
  for (int d = 0; d < draws; ++d) {
    for (const auto& [name, p] : parameters) p.zero_grad();
    autograd::backward(loss());
    autograd::clear_tape();
    for (size_t k = 0; k < parameters.size(); ++k) {
      const autograd::Tensor g = parameters[k].second.grad();
      for (int64_t i = 0; i < g.numel(); ++i) {
        sum[k][i] += g.data()[i];
        sum_sq[k][i] += double(g.data()[i]) * g.data()[i];
      }
    }
  }
  GradientSpread spread;
  double elements = 0;
  for (size_t k = 0; k < parameters.size(); ++k)
    for (size_t i = 0; i < sum[k].size(); ++i) {
      const double mean = sum[k][i] / draws;
      spread.variance += (sum_sq[k][i] - draws * mean * mean) / (draws - 1);  // unbiased
      spread.mean_square += mean * mean;
      ++elements;
    }
  for (const auto& [name, p] : parameters) p.zero_grad();
  spread.variance /= elements;
  spread.mean_square /= elements;
  return spread;
}

nn::NamedTensors parameters_named(const nn::Module& model, const std::string& prefix) {
  nn::NamedTensors chosen;
  for (auto& [name, p] : model.named_parameters())
    if (name.starts_with(prefix)) chosen.emplace_back(name, p);
  return chosen;
}

}  // namespace models
