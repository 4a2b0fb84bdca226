#pragma once
// Softmax cross-entropy with integer class labels: the loss of a classifier with C classes,
//   l_i = -log softmax(x_i)[y_i] = logsumexp(x_i) - x_i[y_i],
// averaged over the n rows of x [n, C]. One fused op (ops/softmax_cross_entropy.cpp): the
// log-sum-exp is taken after subtracting the row's maximum, so no exponential overflows and a
// confident wrong answer costs its full (large, finite) loss instead of inf.
#include <array>
#include <cstdint>
#include <vector>

#include "autograd/op_info.hpp"
#include "autograd/tensor.hpp"

namespace autograd {

// The rows of autograd/op_table.hpp for this file: name, derivative, where the code is.
inline constexpr OpInfo kSoftmaxCrossEntropyOp{
    "softmax_cross_entropy", "l = logsumexp(x) - x_y: dl/dx = (softmax x - onehot y) / n",
    "ops/softmax_cross_entropy.cpp"};
inline constexpr std::array kSoftmaxCrossEntropyOps = {&kSoftmaxCrossEntropyOp};

// labels: n class indices in [0, C). Gradients reach the logits only.
Tensor softmax_cross_entropy(const Tensor& logits, const std::vector<int64_t>& labels);

}  // namespace autograd
