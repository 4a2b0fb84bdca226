#pragma once
// Shared by record() and backward(): find the first non-finite value and describe where it is.
#include <span>
#include <string>

#include "autograd/tape.hpp"

namespace autograd {

// Throws AnomalyError if `values` holds a NaN or an Inf; `what` says whose values they are.
void check_finite(std::span<const Scalar> values, OpKind op, size_t position,
                  std::span<const std::shared_ptr<TensorImpl>> inputs, const std::string& what);

}  // namespace autograd
