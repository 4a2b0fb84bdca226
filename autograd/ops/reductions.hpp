#pragma once
// Reductions over all elements or one axis (forward and backward in reductions.cpp).
#include <array>
#include <cstdint>
#include <vector>

#include "autograd/op_info.hpp"
#include "autograd/tensor.hpp"

namespace autograd {

// The rows of autograd/op_table.hpp for this file: name, derivative, where the code is.
inline constexpr OpInfo kSumOp{"sum", "d/dx_i sum x = 1", "ops/reductions.cpp"};
inline constexpr OpInfo kSumAxisOp{"sum_axis", "d/dx_i sum_k x_k = 1 along the axis",
                                   "ops/reductions.cpp"};
inline constexpr OpInfo kMeanAxisOp{"mean_axis", "d/dx_i mean_k x_k = 1 / n along the axis",
                                    "ops/reductions.cpp"};
inline constexpr OpInfo kMaxAxisOp{"max_axis", "d/dx_i max_k x_k = 1 at the first arg max, else 0",
                                   "ops/reductions.cpp"};
inline constexpr OpInfo kLogsumexpOp{"logsumexp", "d/dx_i log sum_k e^x_k = softmax(x)_i",
                                     "ops/reductions.cpp"};
inline constexpr std::array kReductionOps = {&kSumOp, &kSumAxisOp, &kMeanAxisOp, &kMaxAxisOp,
                                             &kLogsumexpOp};

// Reductions (ops/reductions.cpp). `axis` may be negative (-1 = last).
Tensor sum(const Tensor& x);  // all elements, a scalar
Tensor sum(const Tensor& x, int64_t axis, bool keepdim = false);
Tensor mean(const Tensor& x);
Tensor mean(const Tensor& x, int64_t axis, bool keepdim = false);
Tensor max(const Tensor& x, int64_t axis, bool keepdim = false);  // gradient to the arg max
Tensor logsumexp(const Tensor& x, int64_t axis, bool keepdim = false);

// Undoing a broadcast, written with sum and reshape so it is differentiable: x summed over the
// axes where `shape` was broadcast to x's shape (leading axes it lacks, axes where it has extent
// 1). The recorded backward of every broadcasting op sums its gradient this way.
Tensor sum_to(const Tensor& x, const Shape& shape);
// x repeated along the axes it lacks or has extent 1 in, to `shape` (x + zeros(shape)).
Tensor broadcast_to(const Tensor& x, const Shape& shape);

}  // namespace autograd
