#pragma once
// Ops that move values without arithmetic (forward and backward in shape_ops.cpp).
#include <array>
#include <cstdint>
#include <vector>

#include "autograd/op_info.hpp"
#include "autograd/tensor.hpp"

namespace autograd {

// The rows of autograd/op_table.hpp for this file: name, derivative, where the code is.
inline constexpr OpInfo kReshapeOp{"reshape", "dx = g reshaped to x's shape", "ops/shape_ops.cpp"};
inline constexpr OpInfo kTransposeOp{"transpose", "dx = g^T", "ops/shape_ops.cpp"};
inline constexpr OpInfo kSliceRowsOp{"slice_rows", "dx = g in the sliced rows, 0 elsewhere",
                                     "ops/shape_ops.cpp"};
inline constexpr OpInfo kConcatOp{"concat", "dx_i = the block of g that x_i filled",
                                  "ops/shape_ops.cpp"};
inline constexpr OpInfo kIndexSelectOp{"index_select", "dx[idx_k] += g_k", "ops/shape_ops.cpp"};
inline constexpr std::array kShapeOps = {&kReshapeOp, &kTransposeOp, &kSliceRowsOp, &kConcatOp,
                                         &kIndexSelectOp};

// Shape (ops/shape_ops.cpp).
Tensor reshape(const Tensor& x, const Shape& shape);             // one extent may be -1
Tensor transpose(const Tensor& x);                               // 2-D
Tensor slice_rows(const Tensor& x, int64_t begin, int64_t end);  // rows [begin, end) of axis 0
Tensor concat(const std::vector<Tensor>& parts, int64_t axis);
Tensor index_select(const Tensor& x, const std::vector<int64_t>& rows);  // gather rows of axis 0

// The adjoint of index_select: n rows, out[rows[r]] += src[r]. A sparse product with the
// transposed selection matrix (spmm), so it is differentiable (its derivative is index_select).
Tensor scatter_rows(const Tensor& src, const std::vector<int64_t>& rows, int64_t n);
// Columns [begin, end) of a 2-D tensor, as transpose, slice_rows, transpose: differentiable.
Tensor slice_columns(const Tensor& x, int64_t begin, int64_t end);

}  // namespace autograd
