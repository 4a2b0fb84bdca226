#include "nn/clip.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace nn {

using autograd::Scalar;

namespace {

// Where the first NaN or Inf is, for the message of a refused clip.
std::string first_non_finite(const std::vector<autograd::Tensor>& parameters) {
  for (size_t k = 0; k < parameters.size(); ++k) {
    if (!parameters[k].has_grad()) continue;
    const auto grad = parameters[k].grad_values();
    for (size_t i = 0; i < grad.size(); ++i)
      if (!std::isfinite(grad[i]))
        return "parameter " + std::to_string(k) + " (shape " +
               autograd::to_string(parameters[k].shape()) + ") holds " +
               (std::isnan(grad[i]) ? "NaN" : "Inf") + " at element " + std::to_string(i);
  }
  return "every gradient is finite, but the sum of their squares overflows";
}

}  // namespace

double clip_grad_norm(const std::vector<autograd::Tensor>& parameters, double max_norm) {
  if (!(max_norm > 0))
    throw std::invalid_argument("clip_grad_norm: max_norm must be > 0, got " +
                                std::to_string(max_norm));
  double sum_sq = 0;
  for (const autograd::Tensor& p : parameters)
    if (p.has_grad())
      for (Scalar g : p.grad_values()) sum_sq += static_cast<double>(g) * g;
  const double norm = std::sqrt(sum_sq);
  if (!std::isfinite(norm))
    throw std::domain_error("clip_grad_norm: the gradient norm is not finite: " +
                            first_non_finite(parameters));
  if (norm > max_norm) {
    const Scalar scale = static_cast<Scalar>(max_norm / (norm + 1e-6));
    for (const autograd::Tensor& p : parameters)
      if (p.has_grad())
        for (Scalar& g : p.grad_values()) g *= scale;
  }
  return norm;
}

}  // namespace nn
