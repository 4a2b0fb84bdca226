#include "nn/graph_conv.hpp"

#include <stdexcept>
#include <string>

#include "autograd/ops.hpp"
#include "autograd/ops/spmm.hpp"

namespace nn {

using autograd::CsrMatrix;

GraphConv::GraphConv(int64_t in_features, int64_t out_features, autograd::Generator& gen,
                     GraphConvOptions options)
    : activation_(options.activation) {
  weight = register_parameter("weight", initialize(options.init, {in_features, out_features},
                                                   in_features, out_features, gen));
  if (options.bias) bias = register_parameter("bias", Tensor::zeros({out_features}));
}

void GraphConv::check(const CsrMatrix& a_hat, int64_t x_rows, int64_t x_cols,
                      const char* x_kind) const {
  const auto shapes = [&] {
    return std::string(": A_hat [") + std::to_string(a_hat.rows()) + ", " +
           std::to_string(a_hat.cols()) + "], " + x_kind + " [" + std::to_string(x_rows) + ", " +
           std::to_string(x_cols) + "], weight " + autograd::to_string(weight.shape());
  };
  if (a_hat.rows() != a_hat.cols())
    throw std::invalid_argument("GraphConv: A_hat must be square" + shapes());
  if (x_rows != a_hat.cols())
    throw std::invalid_argument("GraphConv: " + std::string(x_kind) + " needs one row per node" +
                                shapes());
  if (x_cols != in_features())
    throw std::invalid_argument("GraphConv: " + std::string(x_kind) + " needs " +
                                std::to_string(in_features()) + " columns (in_features)" +
                                shapes());
}

Tensor GraphConv::finish(const Tensor& propagated) const {
  return activate(activation_, bias.defined() ? autograd::add(propagated, bias) : propagated);
}

// A_hat X W, with the sparse product on the narrower of X and X W.
Tensor GraphConv::forward(const CsrMatrix& a_hat, const Tensor& x) {
  if (x.dim() != 2)
    throw std::invalid_argument("GraphConv: X must be 2-D [nodes, in], got " +
                                autograd::to_string(x.shape()));
  check(a_hat, x.size(0), x.size(1), "X");
  if (in_features() < out_features())
    return finish(autograd::matmul(autograd::spmm(a_hat, x), weight));
  return finish(autograd::spmm(a_hat, autograd::matmul(x, weight)));
}

// A_hat (X W) with X sparse: both products are sparse x dense; nothing is densified.
Tensor GraphConv::forward(const CsrMatrix& a_hat, const CsrMatrix& x) {
  check(a_hat, x.rows(), x.cols(), "sparse X");
  return finish(autograd::spmm(a_hat, autograd::spmm(x, weight)));
}

// A_hat I W = A_hat W.
Tensor GraphConv::forward(const CsrMatrix& a_hat) {
  check(a_hat, a_hat.cols(), a_hat.cols(), "featureless X = I");
  return finish(autograd::spmm(a_hat, weight));
}

}  // namespace nn
