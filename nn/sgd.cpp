#include "nn/sgd.hpp"

#include <functional>
#include <stdexcept>

#include "autograd/parallel.hpp"

namespace nn {

using autograd::Scalar;

Sgd::Sgd(NamedTensors parameters, SgdOptions options)
    : Optimizer(std::move(parameters)), options_(options) {
  if (!(options.lr >= 0) || !(options.momentum >= 0) || !(options.weight_decay >= 0))
    throw std::invalid_argument("Sgd: lr, momentum and weight_decay must be >= 0");
  if (options.momentum > 0) momentum_ = make_state("momentum");
}

namespace {

// One parameter's update for one step; handed to parallel_for by std::cref (no allocation) and
// copied to a local in the loop (no aliasing, so it vectorizes), as in adam.cpp.
struct SgdUpdate {
  Scalar* p;
  const Scalar* g;
  Scalar* momentum;  // null without momentum
  Scalar lr, mu, decay;

  void operator()(int64_t lo, int64_t hi) const {
    const SgdUpdate u = *this;
    for (int64_t i = lo; i < hi; ++i) {
      Scalar g = u.g[i] + u.decay * u.p[i];
      if (u.momentum) g = u.momentum[i] = u.mu * u.momentum[i] + g;
      u.p[i] -= u.lr * g;
    }
  }
};

}  // namespace

void Sgd::step() {
  ++steps_;
  SgdUpdate update{};
  update.lr = static_cast<Scalar>(options_.lr);
  update.mu = static_cast<Scalar>(options_.momentum);
  update.decay = static_cast<Scalar>(options_.weight_decay);
  for (size_t k = 0; k < parameters_.size(); ++k) {
    const Tensor& p = parameters_[k].second;
    if (!p.has_grad()) continue;
    update.p = p.data();
    update.g = p.grad_values().data();
    update.momentum = momentum_.empty() ? nullptr : momentum_[k].second.data();
    autograd::parallel_for(0, p.numel(), kUpdateGrain, std::cref(update));
  }
}

}  // namespace nn
