#include "nn/reparameterize.hpp"

#include <stdexcept>

#include "autograd/ops.hpp"

namespace nn {

using autograd::Tensor;

Tensor reparameterize(const Tensor& mean, const Tensor& logvar, const Tensor& noise) {
  if (mean.shape() != logvar.shape() || mean.shape() != noise.shape())
    throw std::invalid_argument("reparameterize: mean " + autograd::to_string(mean.shape()) +
                                ", logvar " + autograd::to_string(logvar.shape()) + " and noise " +
                                autograd::to_string(noise.shape()) + " must have the same shape");
  return mean + autograd::exp(logvar * autograd::Scalar(0.5)) * noise;
}

Tensor reparameterize(const Tensor& mean, const Tensor& logvar, autograd::Generator& gen) {
  return reparameterize(mean, logvar, gen.normal_tensor(mean.shape()));
}

}  // namespace nn
