#include "nn/adam.hpp"

#include <cmath>
#include <stdexcept>

#include "autograd/parallel.hpp"

namespace nn {

using autograd::Scalar;

Adam::Adam(NamedTensors parameters, AdamOptions options)
    : Optimizer(std::move(parameters)), options_(options) {
  if (!(options.lr >= 0) || !(options.eps > 0) || !(options.weight_decay >= 0))
    throw std::invalid_argument("Adam: needs lr >= 0, eps > 0 and weight_decay >= 0");
  if (!(options.beta1 >= 0 && options.beta1 < 1) || !(options.beta2 >= 0 && options.beta2 < 1))
    throw std::invalid_argument("Adam: betas must be in [0, 1), got " +
                                std::to_string(options.beta1) + ", " +
                                std::to_string(options.beta2));
  exp_avg_ = make_state("exp_avg");
  exp_avg_sq_ = make_state("exp_avg_sq");
}

NamedTensors Adam::state() const {
  NamedTensors all = exp_avg_;
  all.insert(all.end(), exp_avg_sq_.begin(), exp_avg_sq_.end());
  return all;
}

void Adam::step() {
  ++steps_;
  const AdamOptions& o = options_;
  const double t = static_cast<double>(steps_);
  const Scalar b1 = static_cast<Scalar>(o.beta1), b2 = static_cast<Scalar>(o.beta2);
  const Scalar step_size = static_cast<Scalar>(o.lr / (1 - std::pow(o.beta1, t)));
  const Scalar inv_sqrt_correction2 = static_cast<Scalar>(1 / std::sqrt(1 - std::pow(o.beta2, t)));
  const Scalar eps = static_cast<Scalar>(o.eps);
  const Scalar l2 = o.decoupled_weight_decay ? Scalar(0) : static_cast<Scalar>(o.weight_decay);
  const Scalar shrink =
      o.decoupled_weight_decay ? static_cast<Scalar>(1 - o.lr * o.weight_decay) : Scalar(1);
  for (size_t k = 0; k < parameters_.size(); ++k) {
    const Tensor& p = parameters_[k].second;
    if (!p.has_grad()) continue;
    Scalar* pv = p.data();
    const Scalar* gv = p.grad_values().data();
    Scalar* mv = exp_avg_[k].second.data();
    Scalar* vv = exp_avg_sq_[k].second.data();
    // Captured by value: pointers read through a reference could alias the stores, and the
    // loop would not vectorize.
    autograd::parallel_for(0, p.numel(), kUpdateGrain, [=](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; ++i) {
        const Scalar g = gv[i] + l2 * pv[i];
        mv[i] = b1 * mv[i] + (1 - b1) * g;
        vv[i] = b2 * vv[i] + (1 - b2) * g * g;
        pv[i] =
            shrink * pv[i] - step_size * mv[i] / (std::sqrt(vv[i]) * inv_sqrt_correction2 + eps);
      }
    });
  }
}

}  // namespace nn
