#pragma once
// One gemm for both Scalar types: cblas_sgemm in training builds, cblas_dgemm in the
// gradient-check build. Row-major; transposes are flags, never copies.
//
// OpenBLAS itself runs on one thread; a product large enough to share is split by rows of C
// (or by columns, when C has fewer rows than columns) over our own pool, one piece per thread.
// So the only threads in the process are ours: no idle BLAS thread spins while a parallel_for
// runs.

namespace autograd::blas {

// C = alpha * op(A) op(B) + beta * C, with op(A) of shape [m, k] and op(B) of shape [k, n].
void gemm(bool trans_a, bool trans_b, int m, int n, int k, float alpha, const float* a, int lda,
          const float* b, int ldb, float beta, float* c, int ldc);
void gemm(bool trans_a, bool trans_b, int m, int n, int k, double alpha, const double* a, int lda,
          const double* b, int ldb, double beta, double* c, int ldc);

// C = op(A) op(B) + bias in every row (bias holds n values, or is null for none): a fully
// connected layer's output. With relu, C = max(0, that), applied by each thread to its block of C
// while still in cache.
void gemm_plus_bias(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda,
                    const float* b, int ldb, const float* bias, float* c, int ldc,
                    bool relu = false);
void gemm_plus_bias(bool trans_a, bool trans_b, int m, int n, int k, const double* a, int lda,
                    const double* b, int ldb, const double* bias, double* c, int ldc,
                    bool relu = false);

}  // namespace autograd::blas
