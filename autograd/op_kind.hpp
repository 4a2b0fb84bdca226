#pragma once
// The list of every differentiable op. Each op records its OpKind on the tape; the gradient-check
// suite walks this list and fails if an op has no double-precision check. op_name() is a switch
// without a default, compiled with -Werror=switch, so a new kind cannot lack a name.
#include <cstddef>
#include <string_view>

namespace autograd {

enum class OpKind {
  // elementwise, broadcasting (ops/binary.cpp)
  Add, Sub, Mul, Div,
  // with a constant (ops/scalar_ops.cpp)
  AddScalar, MulScalar, PowScalar,
  // pointwise math (ops/unary.cpp)
  Neg, Exp, Log, Sqrt, Abs, Square,
  // activations (ops/activations.cpp)
  Relu, LeakyRelu, Sigmoid, Tanh, Softplus, LogSigmoid,
  // reductions (ops/reductions.cpp)
  Sum, SumAxis, MeanAxis, MaxAxis, LogSumExp,
  // shape (ops/shape_ops.cpp)
  Reshape, Transpose, SliceRows, Concat, IndexSelect,
  // dot products of listed row pairs (ops/pair_dot.cpp)
  PairDot,
  // linear algebra (ops/matmul.cpp, ops/linear.cpp)
  Matmul, Linear, LinearRelu,
  // sparse x dense (sparse/spmm.cpp)
  Spmm, SpmmValues,
  // the graph autoencoders' N^2 reconstruction loss, in row blocks (nn/inner_product_bce.cpp)
  InnerProductBce,
  // losses, each fused into one pass (nn/losses.cpp)
  BceWithLogits, BceWithLogitsSparse, MseLoss, GaussianNll, KlStandardNormal,
  // a classifier's loss over integer labels (ops/softmax_cross_entropy.cpp)
  SoftmaxCrossEntropy,
  Count  // not an op: the number of ops
};

constexpr std::size_t kOpCount = static_cast<std::size_t>(OpKind::Count);

constexpr std::string_view op_name(OpKind op) {
  switch (op) {
    case OpKind::Add: return "add";
    case OpKind::Sub: return "sub";
    case OpKind::Mul: return "mul";
    case OpKind::Div: return "div";
    case OpKind::AddScalar: return "add_scalar";
    case OpKind::MulScalar: return "mul_scalar";
    case OpKind::PowScalar: return "pow";
    case OpKind::Neg: return "neg";
    case OpKind::Exp: return "exp";
    case OpKind::Log: return "log";
    case OpKind::Sqrt: return "sqrt";
    case OpKind::Abs: return "abs";
    case OpKind::Square: return "square";
    case OpKind::Relu: return "relu";
    case OpKind::LeakyRelu: return "leaky_relu";
    case OpKind::Sigmoid: return "sigmoid";
    case OpKind::Tanh: return "tanh";
    case OpKind::Softplus: return "softplus";
    case OpKind::LogSigmoid: return "log_sigmoid";
    case OpKind::Sum: return "sum";
    case OpKind::SumAxis: return "sum_axis";
    case OpKind::MeanAxis: return "mean_axis";
    case OpKind::MaxAxis: return "max_axis";
    case OpKind::LogSumExp: return "logsumexp";
    case OpKind::Reshape: return "reshape";
    case OpKind::Transpose: return "transpose";
    case OpKind::SliceRows: return "slice_rows";
    case OpKind::Concat: return "concat";
    case OpKind::IndexSelect: return "index_select";
    case OpKind::PairDot: return "pair_dot";
    case OpKind::Matmul: return "matmul";
    case OpKind::Linear: return "linear";
    case OpKind::LinearRelu: return "linear_relu";
    case OpKind::Spmm: return "spmm";
    case OpKind::SpmmValues: return "spmm_values";
    case OpKind::InnerProductBce: return "inner_product_bce";
    case OpKind::BceWithLogits: return "bce_with_logits";
    case OpKind::BceWithLogitsSparse: return "bce_with_logits_sparse";
    case OpKind::MseLoss: return "mse_loss";
    case OpKind::GaussianNll: return "gaussian_nll";
    case OpKind::KlStandardNormal: return "kl_standard_normal";
    case OpKind::SoftmaxCrossEntropy: return "softmax_cross_entropy";
    case OpKind::Count: return "count";
  }
  return "unknown";
}

}  // namespace autograd
