#pragma once
// Dot products of listed pairs of rows (forward and backward in pair_dot.cpp).
#include <array>
#include <cstdint>
#include <vector>

#include "autograd/op_info.hpp"
#include "autograd/tensor.hpp"

namespace autograd {

// The rows of autograd/op_table.hpp for this file: name, derivative, where the code is.
inline constexpr OpInfo kPairDotOp{"pair_dot", "y_k = a_i . b_j: da_i += g_k b_j, db_j += g_k a_i",
                                   "ops/pair_dot.cpp"};
inline constexpr std::array kPairDotOps = {&kPairDotOp};

// y[p] = x[a[p], :] . x[b[p], :] for 2-D x (ops/pair_dot.cpp): a decoder over listed node pairs.
Tensor pair_dot(const Tensor& x, const std::vector<int64_t>& a, const std::vector<int64_t>& b);

}  // namespace autograd
