#include "nn/sgd.hpp"

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

void Sgd::step() {
  ++steps_;
  const Scalar lr = static_cast<Scalar>(options_.lr), mu = static_cast<Scalar>(options_.momentum);
  const Scalar decay = static_cast<Scalar>(options_.weight_decay);
  for (size_t k = 0; k < parameters_.size(); ++k) {
    const Tensor& p = parameters_[k].second;
    if (!p.has_grad()) continue;
    Scalar* pv = p.data();
    const Scalar* gv = p.grad_values().data();
    Scalar* bv = momentum_.empty() ? nullptr : momentum_[k].second.data();
    // Captured by value: pointers read through a reference could alias the stores, and the
    // loop would not vectorize.
    autograd::parallel_for(0, p.numel(), kUpdateGrain, [=](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; ++i) {
        Scalar g = gv[i] + decay * pv[i];
        if (bv) g = bv[i] = mu * bv[i] + g;
        pv[i] -= lr * g;
      }
    });
  }
}

}  // namespace nn
