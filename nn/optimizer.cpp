#include "nn/optimizer.hpp"

#include <stdexcept>
#include <string>

namespace nn {

Optimizer::Optimizer(NamedTensors parameters) : parameters_(std::move(parameters)) {
  for (const auto& [name, p] : parameters_)
    if (!p.defined() || !p.is_leaf() || !p.requires_grad())
      throw std::invalid_argument("Optimizer: parameter '" + name +
                                  "' must be a defined leaf tensor that requires a gradient");
}

void Optimizer::zero_grad() {
  for (auto& [name, p] : parameters_) p.zero_grad();
}

void Optimizer::set_step_count(int64_t steps) {
  if (steps < 0)
    throw std::invalid_argument("Optimizer: step count " + std::to_string(steps) + " is negative");
  steps_ = steps;
}

NamedTensors Optimizer::make_state(const std::string& prefix) const {
  NamedTensors state;
  for (const auto& [name, p] : parameters_)
    state.emplace_back(prefix + "." + name, Tensor::zeros(p.shape()));
  return state;
}

}  // namespace nn
