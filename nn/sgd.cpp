#include "nn/sgd.hpp"

#include <stdexcept>

namespace nn {

using autograd::Scalar;

Sgd::Sgd(NamedTensors parameters, SgdOptions options)
    : Optimizer(std::move(parameters)), options_(options) {
  if (!(options.lr >= 0) || !(options.momentum >= 0) || !(options.weight_decay >= 0))
    throw std::invalid_argument("Sgd: lr, momentum and weight_decay must be >= 0");
  if (options.momentum > 0) momentum_ = make_state("momentum");
}

namespace {

// One step's update of elements [lo, hi) of one parameter, copied to a local in the loop (no
// aliasing, so it vectorizes), as in adam.cpp.
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
  for_each_gradient_range([&](size_t k, int64_t lo, int64_t hi) {
    SgdUpdate piece = update;
    piece.p = parameters_[k].second.data();
    piece.g = parameters_[k].second.grad_values().data();
    piece.momentum = momentum_.empty() ? nullptr : momentum_[k].second.data();
    piece(lo, hi);
  });
}

}  // namespace nn
