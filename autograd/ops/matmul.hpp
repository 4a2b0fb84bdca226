#pragma once
// The matrix product through BLAS (forward and backward in matmul.cpp).
#include <array>
#include <cstdint>
#include <vector>

#include "autograd/op_info.hpp"
#include "autograd/tensor.hpp"

namespace autograd {

// The rows of autograd/op_table.hpp for this file: name, derivative, where the code is.
inline constexpr OpInfo kMatmulOp{"matmul", "C = A B: dA = G B^T, dB = A^T G", "ops/matmul.cpp"};
inline constexpr std::array kMatmulOps = {&kMatmulOp};

// Matrix product of 2-D tensors through BLAS (ops/matmul.cpp): op(a) op(b), where op
// transposes when asked, by a BLAS flag rather than a copy.
Tensor matmul(const Tensor& a, const Tensor& b, bool transpose_a = false, bool transpose_b = false);

}  // namespace autograd
