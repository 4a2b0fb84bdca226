#include "autograd/blas.hpp"

#include <cblas.h>

#include "autograd/parallel.hpp"

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

template <class T>
void split_gemm(bool ta, bool tb, int m, int n, int k, T alpha, const T* a, int lda, const T* b,
                int ldb, T beta, T* c, int ldc) {
  const int threads = num_threads();
  if (threads == 1 || double(m) * n * k < kMinSplitWork) {
    serial_gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    return;
  }
  // Rows i of C need rows i of op(A): row offset i * lda of A, or column offset i of A^T.
  if (m >= n) {
    parallel_for(0, m, (m + threads - 1) / threads, [&](int64_t lo, int64_t hi) {
      serial_gemm(ta, tb, int(hi - lo), n, k, alpha, a + (ta ? lo : lo * lda), lda, b, ldb, beta,
                  c + lo * ldc, ldc);
    });
  } else {
    parallel_for(0, n, (n + threads - 1) / threads, [&](int64_t lo, int64_t hi) {
      serial_gemm(ta, tb, m, int(hi - lo), k, alpha, a, lda, b + (tb ? lo * ldb : lo), ldb, beta,
                  c + lo, ldc);
    });
  }
}

}  // namespace

void gemm(bool trans_a, bool trans_b, int m, int n, int k, float alpha, const float* a, int lda,
          const float* b, int ldb, float beta, float* c, int ldc) {
  split_gemm(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
void gemm(bool trans_a, bool trans_b, int m, int n, int k, double alpha, const double* a, int lda,
          const double* b, int ldb, double beta, double* c, int ldc) {
  split_gemm(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

}  // namespace autograd::blas
