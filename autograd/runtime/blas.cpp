#include "autograd/runtime/blas.hpp"

#include <cblas.h>

#include <algorithm>

#include "autograd/runtime/parallel.hpp"

namespace autograd::blas {

namespace {

CBLAS_TRANSPOSE flag(bool transposed) {
  return transposed ? CblasTrans : CblasNoTrans;
}

void serial_gemm(bool ta, bool tb, int m, int n, int k, float alpha, const float* a, int lda,
                 const float* b, int ldb, float beta, float* c, int ldc) {
  cblas_sgemm(CblasRowMajor, flag(ta), flag(tb), m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
void serial_gemm(bool ta, bool tb, int m, int n, int k, double alpha, const double* a, int lda,
                 const double* b, int ldb, double beta, double* c, int ldc) {
  cblas_dgemm(CblasRowMajor, flag(ta), flag(tb), m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

// Below this many multiply-adds, waking a second thread costs more than it saves.
constexpr double kMinSplitWork = 1 << 18;

// How many blocks a product of `work` multiply-adds is cut into: one below kMinSplitWork, else
// up to one per core of the machine. Never the thread count: OpenBLAS's kernels compute a
// block's edge tiles with other instruction sequences than its interior, so C's bits depend on
// where it is cut; cut the same way for any --threads, the pool only decides who computes which
// block, and one thread gives the bits of two.
int gemm_pieces(double work) {
  if (work < kMinSplitWork) return 1;
  return int(std::clamp(work / kMinSplitWork, 2.0, double(std::max(2, available_cores()))));
}

// max(0, v), keeping NaN (as autograd::relu does).
template <class T>
void relu_block(T* c, int ldc, int64_t row_lo, int64_t row_hi, int64_t col_lo, int64_t col_hi) {
  for (int64_t row = row_lo; row < row_hi; ++row)
    for (T* v = c + row * ldc + col_lo; v != c + row * ldc + col_hi; ++v) *v = *v <= 0 ? T(0) : *v;
}

// C = alpha op(A) op(B) + beta C; or, given `bias`, C = alpha op(A) op(B) + every row `bias`
// (each piece writes the bias into its own block of C first: in parallel, and cache-hot for the
// product that adds onto it); then, with relu, max(0, C), each piece on its block likewise.
template <class T>
void split_gemm(bool ta, bool tb, int m, int n, int k, T alpha, const T* a, int lda, const T* b,
                int ldb, T beta, const T* bias, T* c, int ldc, bool relu) {
  // Rows i of C need rows i of op(A): row offset i * lda of A, or column offset i of A^T; columns
  // j of C need columns j of op(B).
  const auto block = [&](int64_t row_lo, int64_t row_hi, int64_t col_lo, int64_t col_hi) {
    if (bias)
      for (int64_t row = row_lo; row < row_hi; ++row)
        std::copy(bias + col_lo, bias + col_hi, c + row * ldc + col_lo);
    if (k > 0)  // else no products to add (and BLAS refuses a leading dimension of 0)
      serial_gemm(ta, tb, int(row_hi - row_lo), int(col_hi - col_lo), k, alpha,
                  a + (ta ? row_lo : row_lo * lda), lda, b + (tb ? col_lo * ldb : col_lo), ldb,
                  bias ? T(1) : beta, c + row_lo * ldc + col_lo, ldc);
    else if (!bias)
      for (int64_t row = row_lo; row < row_hi; ++row)
        for (T* v = c + row * ldc + col_lo; v != c + row * ldc + col_hi; ++v)
          *v = beta == 0 ? T(0) : beta * *v;
    if (relu) relu_block(c, ldc, row_lo, row_hi, col_lo, col_hi);
  };
  if (m == 0 || n == 0) return;
  const int pieces = gemm_pieces(double(m) * n * k);
  if (pieces == 1) return block(0, m, 0, n);
  const int64_t split = std::max(m, n), grain = (split + pieces - 1) / pieces;
  parallel_for(0, pieces, 1, [&](int64_t first, int64_t last) {
    for (int64_t piece = first; piece < last; ++piece) {
      const int64_t lo = std::min(split, piece * grain), hi = std::min(split, lo + grain);
      if (lo == hi) continue;
      if (m >= n)
        block(lo, hi, 0, n);
      else
        block(0, m, lo, hi);
    }
  });
}

}  // namespace

void gemm(bool trans_a, bool trans_b, int m, int n, int k, float alpha, const float* a, int lda,
          const float* b, int ldb, float beta, float* c, int ldc) {
  split_gemm<float>(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, nullptr, c, ldc, false);
}
void gemm(bool trans_a, bool trans_b, int m, int n, int k, double alpha, const double* a, int lda,
          const double* b, int ldb, double beta, double* c, int ldc) {
  split_gemm<double>(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, nullptr, c, ldc,
                     false);
}

void gemm_plus_bias(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda,
                    const float* b, int ldb, const float* bias, float* c, int ldc, bool relu) {
  split_gemm(trans_a, trans_b, m, n, k, 1.0f, a, lda, b, ldb, 0.0f, bias, c, ldc, relu);
}
void gemm_plus_bias(bool trans_a, bool trans_b, int m, int n, int k, const double* a, int lda,
                    const double* b, int ldb, const double* bias, double* c, int ldc, bool relu) {
  split_gemm(trans_a, trans_b, m, n, k, 1.0, a, lda, b, ldb, 0.0, bias, c, ldc, relu);
}

}  // namespace autograd::blas
