#pragma once
// Compressed sparse row matrices. Row i's nonzeros are values[row_ptr[i] .. row_ptr[i+1]) at
// columns col_idx[same range], sorted by column with no duplicates. Column indices are 32-bit
// (CsrMatrix, half the memory) or 64-bit (CsrMatrix64, for more than 2^31 columns); row
// pointers are always 64-bit so nnz may exceed 2^31.
//
// A CsrMatrix is an immutable handle: copies share the arrays, so op closures capture it for
// free. Its transpose is built once, on first use, and kept: spmm's backward needs A^T G.
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "autograd/tensor.hpp"

namespace autograd {

enum class ExplicitZeros { Keep, Drop };

template <class Index>
class BasicCsr {
 public:
  BasicCsr();  // the 0 x 0 matrix

  // From coordinate triplets in any order: sorted by (row, column), duplicates summed, explicit
  // zeros (after summing) kept or dropped. Throws naming the first bad triplet.
  static BasicCsr from_coo(int64_t rows, int64_t cols, std::span<const int64_t> row,
                           std::span<const int64_t> col, std::span<const Scalar> values,
                           ExplicitZeros zeros = ExplicitZeros::Keep);
  // Adopts arrays already in CSR form, after validate().
  static BasicCsr from_arrays(int64_t rows, int64_t cols, std::vector<int64_t> row_ptr,
                              std::vector<Index> col_idx, std::vector<Scalar> values);
  static BasicCsr identity(int64_t n);

  int64_t rows() const { return data_->rows; }
  int64_t cols() const { return data_->cols; }
  int64_t nnz() const { return static_cast<int64_t>(data_->col_idx.size()); }
  std::span<const int64_t> row_ptr() const { return data_->row_ptr; }
  std::span<const Index> col_idx() const { return data_->col_idx; }
  std::span<const Scalar> values() const { return data_->values; }

  // Same sparsity pattern, new values (nnz of them): for learnable edge weights.
  BasicCsr with_values(std::vector<Scalar> values) const;

  // A^T, built on first call and shared by all copies of this matrix.
  const BasicCsr& transpose() const;
  // For each nonzero of transpose(), its position in this matrix's values.
  std::span<const int64_t> transpose_source() const;

  Tensor to_dense() const;  // for tests and small examples
  size_t bytes() const;     // memory held by the arrays
  void validate() const;    // throws std::invalid_argument on any broken invariant

 private:
  struct Data {
    int64_t rows = 0, cols = 0;
    std::vector<int64_t> row_ptr{0};
    std::vector<Index> col_idx;
    std::vector<Scalar> values;
    std::once_flag transpose_once;
    std::shared_ptr<BasicCsr> transpose;
    std::vector<int64_t> transpose_source;
  };
  explicit BasicCsr(std::shared_ptr<Data> data) : data_(std::move(data)) {}
  std::shared_ptr<Data> data_;
};

using CsrMatrix = BasicCsr<int32_t>;
using CsrMatrix64 = BasicCsr<int64_t>;

extern template class BasicCsr<int32_t>;
extern template class BasicCsr<int64_t>;

}  // namespace autograd
