#pragma once
// The fully connected layer's product, fused (forward and backward in linear.cpp).
#include <array>
#include <cstdint>
#include <vector>

#include "autograd/op_info.hpp"
#include "autograd/tensor.hpp"

namespace autograd {

// The rows of autograd/op_table.hpp for this file: name, derivative, where the code is.
inline constexpr OpInfo kLinearOp{
    "linear", "y = x W^T + b: dx = G W, dW = G^T x, db = sum over rows of G", "ops/linear.cpp"};
inline constexpr OpInfo kLinearReluOp{
    "linear_relu", "y = relu(x W^T + b): G masked by y > 0, then as linear", "ops/linear.cpp"};
inline constexpr std::array kLinearOps = {&kLinearOp, &kLinearReluOp};

// The fully connected layer's product, fused (ops/linear.cpp): y = x W^T + b for x [n, in],
// W [out, in] (PyTorch's layout) and an optional bias b [out]; one gemm forward.
Tensor linear(const Tensor& x, const Tensor& weight, const Tensor& bias = Tensor{});
// relu(linear(x, W, b)) as one op: the same numbers, one pass over y fewer each way.
Tensor linear_relu(const Tensor& x, const Tensor& weight, const Tensor& bias = Tensor{});

}  // namespace autograd
