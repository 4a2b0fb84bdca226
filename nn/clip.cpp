#include "nn/clip.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace nn {

using autograd::Scalar;

double clip_grad_norm(const std::vector<autograd::Tensor>& parameters, double max_norm) {
  if (!(max_norm > 0))
    throw std::invalid_argument("clip_grad_norm: max_norm must be > 0, got " +
                                std::to_string(max_norm));
  double sum_sq = 0;
  for (const autograd::Tensor& p : parameters)
    if (p.has_grad())
      for (Scalar g : p.grad_values()) sum_sq += static_cast<double>(g) * g;
  const double norm = std::sqrt(sum_sq);
  if (norm > max_norm) {
    const Scalar scale = static_cast<Scalar>(max_norm / (norm + 1e-6));
    for (const autograd::Tensor& p : parameters)
      if (p.has_grad())
        for (Scalar& g : p.grad_values()) g *= scale;
  }
  return norm;
}

}  // namespace nn
