// Matrix product through BLAS gemm. Transposes are BLAS flags, never copies.
#include "autograd/ops/matmul.hpp"

#include <stdexcept>

#include "autograd/forward_mode.hpp"
#include "autograd/graph_backward.hpp"
#include "autograd/ops.hpp"
#include "autograd/runtime/blas.hpp"
#include "autograd/tape.hpp"

namespace autograd {

namespace {

// C = op(A) op(B).  dop(A) = G op(B)^T and dop(B) = op(A)^T G, so
//   dA = G op(B)^T       (or op(B) G^T when A was transposed)
//   dB = op(A)^T G       (or G^T op(A) when B was transposed)
// A fresh gradient buffer is overwritten (beta = 0) rather than zeroed and added to.
void matmul_backward(const Tensor& a, const Tensor& b, const Tensor& c, bool ta, bool tb) {
  const int m = static_cast<int>(c.size(0)), n = static_cast<int>(c.size(1));
  const int k = static_cast<int>(a.size(ta ? 0 : 1));
  const int lda = static_cast<int>(a.size(1)), ldb = static_cast<int>(b.size(1));
  if (!m || !n || !k) return;
  const Scalar* g = c.grad_values().data();
  if (a.requires_grad()) {
    const GradBuffer grad_a = a.grad_buffer();
    Scalar* ga = grad_a.values.data();
    const Scalar beta = grad_a.fresh ? 0 : 1;
    if (!ta) blas::gemm(false, !tb, m, k, n, Scalar(1), g, n, b.data(), ldb, beta, ga, lda);
    else blas::gemm(tb, true, k, m, n, Scalar(1), b.data(), ldb, g, n, beta, ga, lda);
  }
  if (b.requires_grad()) {
    const GradBuffer grad_b = b.grad_buffer();
    Scalar* gb = grad_b.values.data();
    const Scalar beta = grad_b.fresh ? 0 : 1;
    if (!tb) blas::gemm(!ta, false, k, n, m, Scalar(1), a.data(), lda, g, n, beta, gb, ldb);
    else blas::gemm(true, ta, n, k, m, Scalar(1), g, n, a.data(), lda, beta, gb, ldb);
  }
}

// The same, as recorded ops (grad() with create_graph): each a matmul with the flags above.
void matmul_graph_backward(const Tensor& a, const Tensor& b, const Tensor& c, bool ta, bool tb) {
  const Tensor& g = graph_grad(c);
  accumulate_graph_grad(a, ta ? matmul(b, g, tb, true) : matmul(g, b, false, !tb));
  accumulate_graph_grad(b, tb ? matmul(g, a, true, ta) : matmul(a, g, !ta, false));
}

}  // namespace

// C = op(A) op(B): one gemm; backward in matmul_backward above.
Tensor matmul(const Tensor& a, const Tensor& b, bool ta, bool tb) {
  if (a.dim() != 2 || b.dim() != 2)
    throw std::invalid_argument("matmul: needs 2-D tensors, got " + to_string(a.shape()) + " x " +
                                to_string(b.shape()));
  const int m = static_cast<int>(a.size(ta ? 1 : 0)), k = static_cast<int>(a.size(ta ? 0 : 1));
  const int kb = static_cast<int>(b.size(tb ? 1 : 0)), n = static_cast<int>(b.size(tb ? 0 : 1));
  if (k != kb)
    throw std::invalid_argument("matmul: inner dimensions differ: " + to_string(a.shape()) +
                                (ta ? "^T" : "") + " x " + to_string(b.shape()) + (tb ? "^T" : ""));
  const int lda = static_cast<int>(a.size(1)), ldb = static_cast<int>(b.size(1));
  Tensor c = Tensor::empty({m, n});
  if (m && n) blas::gemm(ta, tb, m, n, k, Scalar(1), a.data(), lda, b.data(), ldb, Scalar(0), c.data(), n);
  if (m && n && !k) std::fill(c.values().begin(), c.values().end(), Scalar(0));
  // dC = op(dA) op(B) + op(A) op(dB)
  push_tangent(kMatmulOp, {a, b}, c, [&] {
    const Tensor da = a.tangent(), db = b.tangent();
    return add_defined(da.defined() ? matmul(da, b, ta, tb) : Tensor{},
                       db.defined() ? matmul(a, db, ta, tb) : Tensor{});
  });
  record(kMatmulOp, {a, b}, c, [a, b, c, ta, tb](bool create_graph) {
    if (create_graph)
      matmul_graph_backward(a, b, c, ta, tb);
    else
      matmul_backward(a, b, c, ta, tb);
  });
  return c;
}

}  // namespace autograd
