#include "nn/optimizer.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "autograd/runtime/parallel.hpp"

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

void Optimizer::for_each_gradient_range(
    const std::function<void(size_t k, int64_t lo, int64_t hi)>& update) {
  with_grad_.clear();
  offsets_.clear();
  int64_t total = 0;
  for (size_t k = 0; k < parameters_.size(); ++k) {
    if (!parameters_[k].second.has_grad()) continue;
    with_grad_.push_back(k);
    offsets_.push_back(total);
    total += parameters_[k].second.numel();
  }
  offsets_.push_back(total);
  autograd::parallel_for(0, total, kUpdateGrain, [this, &update](int64_t lo, int64_t hi) {
    // The last parameter starting at or before lo holds it (empty ones are passed over).
    size_t i = std::upper_bound(offsets_.begin(), offsets_.end(), lo) - offsets_.begin() - 1;
    for (; lo < hi; ++i) {
      const int64_t end = std::min(hi, offsets_[i + 1]);
      if (end > lo) update(with_grad_[i], lo - offsets_[i], end - offsets_[i]);
      lo = end;
    }
  });
}

NamedTensors Optimizer::make_state(const std::string& prefix) const {
  NamedTensors state;
  for (const auto& [name, p] : parameters_)
    state.emplace_back(prefix + "." + name, Tensor::zeros(p.shape()));
  return state;
}

}  // namespace nn
