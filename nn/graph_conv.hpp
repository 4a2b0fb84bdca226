#pragma once
// GraphConv: the graph convolution of Kipf and Welling (2017),
//   H' = activation(A_hat X W + b),
// with A_hat the normalized sparse adjacency (autograd/sparse/graph.hpp: gcn_normalize) and
// W stored [in, out], since it multiplies X on the right. X may be dense, sparse (bag-of-words
// features), or absent: a featureless graph has X = I, and A_hat I W = A_hat W is computed
// without building I.
//
// A_hat and a sparse X are constants of the graph; gradients reach a dense X, W and b. For dense
// X the product is associated the cheaper way: (A_hat X) W when in < out, A_hat (X W) otherwise,
// so the sparse product always runs on the narrower matrix.
#include <cstdint>

#include "autograd/random.hpp"
#include "autograd/sparse/csr.hpp"
#include "nn/activation.hpp"
#include "nn/init.hpp"
#include "nn/module.hpp"

namespace nn {

struct GraphConvOptions {
  bool bias = true;
  Activation activation = Activation::Identity;
  Init init = Init::GlorotUniform;
};

class GraphConv : public Module {
 public:
  GraphConv(int64_t in_features, int64_t out_features, autograd::Generator& gen,
            GraphConvOptions options = {});

  Tensor forward(const autograd::CsrMatrix& a_hat, const Tensor& x);
  Tensor forward(const autograd::CsrMatrix& a_hat, const autograd::CsrMatrix& x);
  Tensor forward(const autograd::CsrMatrix& a_hat);  // featureless: X = I, needs in == nodes

  int64_t in_features() const { return weight.size(0); }
  int64_t out_features() const { return weight.size(1); }

  Tensor weight;  // [in, out]
  Tensor bias;    // [out]; undefined without a bias

 private:
  Tensor finish(const Tensor& propagated) const;  // + b, then the activation
  void check(const autograd::CsrMatrix& a_hat, int64_t x_rows, int64_t x_cols,
             const char* x_kind) const;

  Activation activation_;
};

}  // namespace nn
