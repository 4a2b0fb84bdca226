#pragma once
// Gradient clipping by global norm: if the L2 norm of all gradients together exceeds max_norm,
// every gradient is scaled by max_norm / (norm + 1e-6), which keeps the update's direction and
// bounds its size. Returns the norm before clipping (worth logging: a spike signals trouble).
//
// A NaN or Inf norm throws std::domain_error naming the first parameter and element that is not
// finite, and leaves every gradient as it was (PyTorch's error_if_nonfinite=True): scaling by
// max_norm / Inf would silently zero the finite gradients and turn the Inf into NaN. A caller that
// would rather skip such a step catches the error and zeroes the gradients.
#include <vector>

#include "autograd/tensor.hpp"

namespace nn {

double clip_grad_norm(const std::vector<autograd::Tensor>& parameters, double max_norm);

}  // namespace nn
