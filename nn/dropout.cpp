#include "nn/dropout.hpp"

#include <stdexcept>
#include <string>

#include "autograd/ops.hpp"

namespace nn {

namespace {
void check_probability(double p) {
  if (!(p >= 0 && p < 1))
    throw std::invalid_argument("dropout: p must be in [0, 1), got " + std::to_string(p));
}
}  // namespace

// y = x * mask, mask = bernoulli(1 - p) / (1 - p);  dy/dx = mask
Tensor dropout(const Tensor& x, double p, autograd::Generator& gen, bool training) {
  check_probability(p);
  if (!training || p == 0) return x;
  Tensor mask = gen.bernoulli_tensor(x.shape(), 1 - p);
  const autograd::Scalar keep_scale = static_cast<autograd::Scalar>(1 / (1 - p));
  for (autograd::Scalar& m : mask.values()) m *= keep_scale;
  return autograd::mul(x, mask);
}

Dropout::Dropout(double p, autograd::Generator& gen) : p_(p), gen_(&gen) {
  check_probability(p);
}

}  // namespace nn
