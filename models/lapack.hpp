#pragma once
// The two LAPACK routines the zoo needs: the eigendecomposition of a symmetric matrix (?syevd)
// and singular values (?gesvd). OpenBLAS ships LAPACK but lapacke.h is not installed, so the
// Fortran symbols are declared here, overloaded for float and double like autograd/runtime/blas.hpp.
//
// Fortran stores matrices column-major. A row-major symmetric matrix is its own transpose, so it
// can be passed as is; a row-major [m, n] matrix reads as the column-major [n, m] transpose,
// which has the same singular values.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

extern "C" {
// Trailing size_t arguments: the hidden lengths of the CHARACTER arguments (gfortran ABI).
void ssyevd_(const char* jobz, const char* uplo, const int* n, float* a, const int* lda, float* w,
             float* work, const int* lwork, int* iwork, const int* liwork, int* info, size_t,
             size_t);
void dsyevd_(const char* jobz, const char* uplo, const int* n, double* a, const int* lda, double* w,
             double* work, const int* lwork, int* iwork, const int* liwork, int* info, size_t,
             size_t);
void sgesvd_(const char* jobu, const char* jobvt, const int* m, const int* n, float* a,
             const int* lda, float* s, float* u, const int* ldu, float* vt, const int* ldvt,
             float* work, const int* lwork, int* info, size_t, size_t);
void dgesvd_(const char* jobu, const char* jobvt, const int* m, const int* n, double* a,
             const int* lda, double* s, double* u, const int* ldu, double* vt, const int* ldvt,
             double* work, const int* lwork, int* info, size_t, size_t);
}

namespace models::lapack {

namespace detail {
inline void syevd(int n, float* a, float* w, float* work, int lwork, int* iwork, int liwork,
                  int* info) {
  ssyevd_("V", "U", &n, a, &n, w, work, &lwork, iwork, &liwork, info, 1, 1);
}
inline void syevd(int n, double* a, double* w, double* work, int lwork, int* iwork, int liwork,
                  int* info) {
  dsyevd_("V", "U", &n, a, &n, w, work, &lwork, iwork, &liwork, info, 1, 1);
}
inline void gesvd(int m, int n, float* a, float* s, float* work, int lwork, int* info) {
  const int one = 1;
  sgesvd_("N", "N", &m, &n, a, &m, s, nullptr, &one, nullptr, &one, work, &lwork, info, 1, 1);
}
inline void gesvd(int m, int n, double* a, double* s, double* work, int lwork, int* info) {
  const int one = 1;
  dgesvd_("N", "N", &m, &n, a, &m, s, nullptr, &one, nullptr, &one, work, &lwork, info, 1, 1);
}
inline void check(const char* routine, int info) {
  if (info != 0)
    throw std::runtime_error(std::string(routine) +
                             ": LAPACK failed with info = " + std::to_string(info) +
                             (info < 0 ? " (an invalid argument)" : " (did not converge)"));
}
}  // namespace detail

// Eigendecomposition of the symmetric n x n matrix in `a` (row-major). On return the
// eigenvalues are in `eigenvalues`, ascending, and row i of `a` is the unit eigenvector of
// eigenvalue i.
template <class T>
void symmetric_eigen(int n, T* a, T* eigenvalues) {
  if (n == 0) return;
  int info = 0, liwork = -1;
  T lwork_query = 0;
  detail::syevd(n, a, eigenvalues, &lwork_query, -1, &liwork, -1, &info);
  detail::check("symmetric_eigen (?syevd workspace query)", info);
  std::vector<T> work(static_cast<size_t>(lwork_query));
  std::vector<int> iwork(liwork);
  detail::syevd(n, a, eigenvalues, work.data(), static_cast<int>(work.size()), iwork.data(), liwork,
                &info);
  detail::check("symmetric_eigen (?syevd)", info);
}

// Singular values of the row-major rows x cols matrix in `a` (overwritten), descending, into
// `values` (min(rows, cols) of them).
template <class T>
void singular_values(int rows, int cols, T* a, T* values) {
  if (rows == 0 || cols == 0) return;
  int info = 0;
  T lwork_query = 0;
  detail::gesvd(cols, rows, a, values, &lwork_query, -1, &info);
  detail::check("singular_values (?gesvd workspace query)", info);
  std::vector<T> work(static_cast<size_t>(lwork_query));
  detail::gesvd(cols, rows, a, values, work.data(), static_cast<int>(work.size()), &info);
  detail::check("singular_values (?gesvd)", info);
}

}  // namespace models::lapack
