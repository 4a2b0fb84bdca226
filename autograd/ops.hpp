#pragma once
// Every differentiable op of the engine. Each is defined in autograd/ops/*.cpp with its forward
// and backward side by side; op_table.hpp lists them all for the gradient-check suite.
#include <cstdint>
#include <vector>

#include "autograd/tensor.hpp"

namespace autograd {

// Elementwise with NumPy broadcasting (ops/binary.cpp).
Tensor add(const Tensor& a, const Tensor& b);
Tensor sub(const Tensor& a, const Tensor& b);
Tensor mul(const Tensor& a, const Tensor& b);
Tensor div(const Tensor& a, const Tensor& b);

// With a constant (ops/scalar_ops.cpp).
Tensor add_scalar(const Tensor& x, Scalar c);
Tensor mul_scalar(const Tensor& x, Scalar c);
Tensor pow(const Tensor& x, Scalar exponent);

// Pointwise math (ops/unary.cpp).
Tensor neg(const Tensor& x);
Tensor exp(const Tensor& x);
Tensor log(const Tensor& x);
Tensor sqrt(const Tensor& x);
Tensor abs(const Tensor& x);
Tensor square(const Tensor& x);

// Activations, in numerically stable forms (ops/activations.cpp).
Tensor relu(const Tensor& x);
Tensor leaky_relu(const Tensor& x, Scalar negative_slope = Scalar(0.01));
Tensor sigmoid(const Tensor& x);
Tensor tanh(const Tensor& x);
Tensor softplus(const Tensor& x);     // log(1 + e^x)
Tensor log_sigmoid(const Tensor& x);  // log(sigmoid(x)) = -softplus(-x)
Tensor swish(const Tensor& x);        // x sigmoid(x), also called SiLU

// Reductions (ops/reductions.cpp). `axis` may be negative (-1 = last).
Tensor sum(const Tensor& x);  // all elements, a scalar
Tensor sum(const Tensor& x, int64_t axis, bool keepdim = false);
Tensor mean(const Tensor& x);
Tensor mean(const Tensor& x, int64_t axis, bool keepdim = false);
Tensor max(const Tensor& x, int64_t axis, bool keepdim = false);  // gradient to the arg max
Tensor logsumexp(const Tensor& x, int64_t axis, bool keepdim = false);

// Shape (ops/shape_ops.cpp).
Tensor reshape(const Tensor& x, const Shape& shape);  // one extent may be -1
Tensor transpose(const Tensor& x);                    // 2-D
Tensor slice_rows(const Tensor& x, int64_t begin, int64_t end);  // rows [begin, end) of axis 0
Tensor concat(const std::vector<Tensor>& parts, int64_t axis);
Tensor index_select(const Tensor& x, const std::vector<int64_t>& rows);  // gather rows of axis 0

// y[p] = x[a[p], :] . x[b[p], :] for 2-D x (ops/pair_dot.cpp): a decoder over listed node pairs.
Tensor pair_dot(const Tensor& x, const std::vector<int64_t>& a, const std::vector<int64_t>& b);

// Matrix product of 2-D tensors through BLAS (ops/matmul.cpp): op(a) op(b), where op
// transposes when asked, by a BLAS flag rather than a copy.
Tensor matmul(const Tensor& a, const Tensor& b, bool transpose_a = false, bool transpose_b = false);

// The fully connected layer's product, fused (ops/linear.cpp): y = x W^T + b for x [n, in],
// W [out, in] (PyTorch's layout) and an optional bias b [out]; one gemm forward.
Tensor linear(const Tensor& x, const Tensor& weight, const Tensor& bias = Tensor{});
// relu(linear(x, W, b)) as one op: the same numbers, one pass over y fewer each way.
Tensor linear_relu(const Tensor& x, const Tensor& weight, const Tensor& bias = Tensor{});

// Operators for readable formulas.
inline Tensor operator+(const Tensor& a, const Tensor& b) { return add(a, b); }
inline Tensor operator-(const Tensor& a, const Tensor& b) { return sub(a, b); }
inline Tensor operator*(const Tensor& a, const Tensor& b) { return mul(a, b); }
inline Tensor operator/(const Tensor& a, const Tensor& b) { return div(a, b); }
inline Tensor operator-(const Tensor& x) { return neg(x); }
inline Tensor operator+(const Tensor& x, Scalar c) { return add_scalar(x, c); }
inline Tensor operator+(Scalar c, const Tensor& x) { return add_scalar(x, c); }
inline Tensor operator-(const Tensor& x, Scalar c) { return add_scalar(x, -c); }
inline Tensor operator-(Scalar c, const Tensor& x) { return add_scalar(neg(x), c); }
inline Tensor operator*(const Tensor& x, Scalar c) { return mul_scalar(x, c); }
inline Tensor operator*(Scalar c, const Tensor& x) { return mul_scalar(x, c); }
inline Tensor operator/(const Tensor& x, Scalar c) { return mul_scalar(x, Scalar(1) / c); }

}  // namespace autograd
