#pragma once
// Gradient clipping by global norm: if the L2 norm of all gradients together exceeds max_norm,
// every gradient is scaled by max_norm / (norm + 1e-6), which keeps the update's direction and
// bounds its size. Returns the norm before clipping (worth logging: a spike signals trouble).
#include <vector>

#include "autograd/tensor.hpp"

namespace nn {

double clip_grad_norm(const std::vector<autograd::Tensor>& parameters, double max_norm);

}  // namespace nn
