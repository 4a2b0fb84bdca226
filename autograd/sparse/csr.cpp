#include "autograd/sparse/csr.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace autograd {

namespace {
std::string size_text(int64_t rows, int64_t cols) {
  return std::to_string(rows) + " x " + std::to_string(cols);
}
}  // namespace

template <class Index>
BasicCsr<Index>::BasicCsr() : data_(std::make_shared<Data>()) {}

template <class Index>
BasicCsr<Index> BasicCsr<Index>::from_coo(int64_t rows, int64_t cols, std::span<const int64_t> row,
                                          std::span<const int64_t> col,
                                          std::span<const Scalar> values, ExplicitZeros zeros) {
  if (rows < 0 || cols < 0)
    throw std::invalid_argument("csr: negative size " + size_text(rows, cols));
  // The transpose stores row numbers as column indices, so both sizes must fit the index type.
  if (std::max(rows, cols) > std::numeric_limits<Index>::max())
    throw std::invalid_argument("csr: a " + size_text(rows, cols) +
                                " matrix does not fit 32-bit indices; use CsrMatrix64");
  if (row.size() != col.size() || row.size() != values.size())
    throw std::invalid_argument(
        "csr: triplet arrays differ in length (" + std::to_string(row.size()) + " rows, " +
        std::to_string(col.size()) + " columns, " + std::to_string(values.size()) + " values)");
  for (size_t t = 0; t < row.size(); ++t)
    if (row[t] < 0 || row[t] >= rows || col[t] < 0 || col[t] >= cols)
      throw std::out_of_range("csr: triplet " + std::to_string(t) + " at (" +
                              std::to_string(row[t]) + ", " + std::to_string(col[t]) +
                              ") is outside a " + size_text(rows, cols) + " matrix");
  // Counting sort by row, then sort each row by column: O(nnz log(row length)).
  auto data = std::make_shared<Data>();
  data->rows = rows;
  data->cols = cols;
  std::vector<int64_t> start(rows + 1, 0);
  for (int64_t r : row) ++start[r + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<int64_t> order(row.size());
  std::vector<int64_t> next(start.begin(), start.end() - 1);
  for (size_t t = 0; t < row.size(); ++t) order[next[row[t]]++] = static_cast<int64_t>(t);
  data->row_ptr.assign(rows + 1, 0);
  for (int64_t r = 0; r < rows; ++r) {
    auto first = order.begin() + start[r], last = order.begin() + start[r + 1];
    std::stable_sort(first, last, [&](int64_t a, int64_t b) { return col[a] < col[b]; });
    for (auto it = first; it != last;) {
      const int64_t c = col[*it];
      Scalar sum = 0;
      for (; it != last && col[*it] == c; ++it) sum += values[*it];
      if (zeros == ExplicitZeros::Drop && sum == 0) continue;
      data->col_idx.push_back(static_cast<Index>(c));
      data->values.push_back(sum);
    }
    data->row_ptr[r + 1] = static_cast<int64_t>(data->col_idx.size());
  }
  return BasicCsr(data);
}

template <class Index>
BasicCsr<Index> BasicCsr<Index>::from_arrays(int64_t rows, int64_t cols,
                                             std::vector<int64_t> row_ptr,
                                             std::vector<Index> col_idx,
                                             std::vector<Scalar> values) {
  auto data = std::make_shared<Data>();
  data->rows = rows;
  data->cols = cols;
  data->row_ptr = std::move(row_ptr);
  data->col_idx = std::move(col_idx);
  data->values = std::move(values);
  BasicCsr matrix(data);
  matrix.validate();
  return matrix;
}

template <class Index>
BasicCsr<Index> BasicCsr<Index>::identity(int64_t n) {
  if (n < 0) throw std::invalid_argument("csr: negative identity size " + std::to_string(n));
  std::vector<int64_t> row_ptr(n + 1);
  std::iota(row_ptr.begin(), row_ptr.end(), 0);
  std::vector<Index> col_idx(n);
  std::iota(col_idx.begin(), col_idx.end(), Index(0));
  return from_arrays(n, n, std::move(row_ptr), std::move(col_idx), std::vector<Scalar>(n, 1));
}

template <class Index>
BasicCsr<Index> BasicCsr<Index>::with_values(std::vector<Scalar> values) const {
  if (static_cast<int64_t>(values.size()) != nnz())
    throw std::invalid_argument("csr: with_values got " + std::to_string(values.size()) +
                                " values for " + std::to_string(nnz()) + " nonzeros");
  auto data = std::make_shared<Data>();
  data->rows = rows();
  data->cols = cols();
  data->row_ptr = data_->row_ptr;
  data->col_idx = data_->col_idx;
  data->values = std::move(values);
  return BasicCsr(data);
}

template <class Index>
const BasicCsr<Index>& BasicCsr<Index>::transpose() const {
  std::call_once(data_->transpose_once, [this] {
    // Counting sort of the nonzeros by column; walking rows in order keeps each output row
    // sorted by its column (this matrix's row).
    auto t = std::make_shared<Data>();
    t->rows = cols();
    t->cols = rows();
    t->row_ptr.assign(cols() + 1, 0);
    for (Index c : data_->col_idx) ++t->row_ptr[c + 1];
    std::partial_sum(t->row_ptr.begin(), t->row_ptr.end(), t->row_ptr.begin());
    t->col_idx.resize(nnz());
    t->values.resize(nnz());
    std::vector<int64_t> source(nnz());
    std::vector<int64_t> next(t->row_ptr.begin(), t->row_ptr.end() - 1);
    for (int64_t r = 0; r < rows(); ++r)
      for (int64_t p = data_->row_ptr[r]; p < data_->row_ptr[r + 1]; ++p) {
        const int64_t q = next[data_->col_idx[p]]++;
        t->col_idx[q] = static_cast<Index>(r);
        t->values[q] = data_->values[p];
        source[q] = p;
      }
    data_->transpose = std::make_shared<BasicCsr>(BasicCsr(t));
    data_->transpose_source = std::move(source);
  });
  return *data_->transpose;
}

template <class Index>
std::span<const int64_t> BasicCsr<Index>::transpose_source() const {
  transpose();
  return data_->transpose_source;
}

template <class Index>
Tensor BasicCsr<Index>::to_dense() const {
  Tensor dense = Tensor::zeros({rows(), cols()});
  for (int64_t r = 0; r < rows(); ++r)
    for (int64_t p = data_->row_ptr[r]; p < data_->row_ptr[r + 1]; ++p)
      dense.data()[r * cols() + data_->col_idx[p]] += data_->values[p];
  return dense;
}

template <class Index>
size_t BasicCsr<Index>::bytes() const {
  return data_->row_ptr.size() * sizeof(int64_t) + data_->col_idx.size() * sizeof(Index) +
         data_->values.size() * sizeof(Scalar);
}

template <class Index>
void BasicCsr<Index>::validate() const {
  const Data& d = *data_;
  if (d.rows < 0 || d.cols < 0)
    throw std::invalid_argument("csr: negative size " + size_text(d.rows, d.cols));
  if (static_cast<int64_t>(d.row_ptr.size()) != d.rows + 1)
    throw std::invalid_argument("csr: row_ptr has " + std::to_string(d.row_ptr.size()) +
                                " entries for " + std::to_string(d.rows) +
                                " rows (needs rows + 1)");
  if (d.row_ptr.front() != 0 || d.row_ptr.back() != static_cast<int64_t>(d.col_idx.size()) ||
      d.col_idx.size() != d.values.size())
    throw std::invalid_argument(
        "csr: row_ptr must run from 0 to nnz = " + std::to_string(d.col_idx.size()) +
        " and values must have nnz entries");
  if (std::max(d.rows, d.cols) > std::numeric_limits<Index>::max())
    throw std::invalid_argument("csr: a " + size_text(d.rows, d.cols) +
                                " matrix does not fit 32-bit indices; use CsrMatrix64");
  // Monotone first: with 0 and nnz at the ends it keeps every row's range inside the arrays.
  for (int64_t r = 0; r < d.rows; ++r)
    if (d.row_ptr[r + 1] < d.row_ptr[r])
      throw std::invalid_argument("csr: row_ptr decreases at row " + std::to_string(r));
  for (int64_t r = 0; r < d.rows; ++r) {
    for (int64_t p = d.row_ptr[r]; p < d.row_ptr[r + 1]; ++p) {
      if (d.col_idx[p] < 0 || d.col_idx[p] >= d.cols)
        throw std::out_of_range("csr: row " + std::to_string(r) + " has column " +
                                std::to_string(d.col_idx[p]) + " outside " +
                                std::to_string(d.cols) + " columns");
      if (p > d.row_ptr[r] && d.col_idx[p] <= d.col_idx[p - 1])
        throw std::invalid_argument("csr: row " + std::to_string(r) +
                                    " columns are not strictly increasing");
    }
  }
}

template class BasicCsr<int32_t>;
template class BasicCsr<int64_t>;

}  // namespace autograd
