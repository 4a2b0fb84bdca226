#include "nn/adam.hpp"

#include <cmath>
#include <stdexcept>

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

namespace {

// One step's update of elements [lo, hi) of one parameter. The loop copies the update to a local
// first, so no store can alias the constants or pointers it reads, and the loop vectorizes.
struct AdamUpdate {
  Scalar* p;
  const Scalar* g;
  Scalar* m;
  Scalar* v;
  Scalar b1, b2, step_size, inv_sqrt_correction2, eps, l2, shrink;

  void operator()(int64_t lo, int64_t hi) const {
    const AdamUpdate u = *this;
    // Eight float lanes (256 bits), not the sixteen that -march=native picks on AVX-512: on the
    // AMD EPYC this project is measured on, 512-bit square roots and divisions take twice as long
    // per element, and so did this update (0.93 against 0.46 ns per element, cache-hot).
#pragma omp simd simdlen(8)
    for (int64_t i = lo; i < hi; ++i) {
      // Every value is read once into a register: read again after a store (which might alias
      // it, for all the compiler knows), it would cost a reload.
      const Scalar p = u.p[i];
      const Scalar g = u.g[i] + u.l2 * p;
      const Scalar m = u.b1 * u.m[i] + (1 - u.b1) * g;
      const Scalar v = u.b2 * u.v[i] + (1 - u.b2) * g * g;
      u.m[i] = m;
      u.v[i] = v;
      u.p[i] = u.shrink * p - u.step_size * m / (std::sqrt(v) * u.inv_sqrt_correction2 + u.eps);
    }
  }
};

}  // namespace

void Adam::step() {
  ++steps_;
  const AdamOptions& o = options_;
  const double t = static_cast<double>(steps_);
  AdamUpdate update{};
  update.b1 = static_cast<Scalar>(o.beta1);
  update.b2 = static_cast<Scalar>(o.beta2);
  update.step_size = static_cast<Scalar>(o.lr / (1 - std::pow(o.beta1, t)));
  update.inv_sqrt_correction2 = static_cast<Scalar>(1 / std::sqrt(1 - std::pow(o.beta2, t)));
  update.eps = static_cast<Scalar>(o.eps);
  update.l2 = o.decoupled_weight_decay ? Scalar(0) : static_cast<Scalar>(o.weight_decay);
  update.shrink =
      o.decoupled_weight_decay ? static_cast<Scalar>(1 - o.lr * o.weight_decay) : Scalar(1);
  for_each_gradient_range([&](size_t k, int64_t lo, int64_t hi) {
    AdamUpdate piece = update;
    piece.p = parameters_[k].second.data();
    piece.g = parameters_[k].second.grad_values().data();
    piece.m = exp_avg_[k].second.data();
    piece.v = exp_avg_sq_[k].second.data();
    piece(lo, hi);
  });
}

}  // namespace nn
