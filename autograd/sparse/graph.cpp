#include "autograd/sparse/graph.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace autograd {

namespace {
void require_square(const char* op, const CsrMatrix& a) {
  if (a.rows() != a.cols())
    throw std::invalid_argument(std::string(op) + ": needs a square matrix, got " +
                                std::to_string(a.rows()) + " x " + std::to_string(a.cols()));
}

// Triplets of a matrix, optionally mirrored, for rebuilding with from_coo.
struct Triplets {
  std::vector<int64_t> row, col;
  std::vector<Scalar> value;
  void add(int64_t r, int64_t c, Scalar v) {
    row.push_back(r);
    col.push_back(c);
    value.push_back(v);
  }
};
}  // namespace

CsrMatrix adjacency_from_edges(int64_t num_nodes,
                               std::span<const std::pair<int64_t, int64_t>> edges) {
  Triplets t;
  for (const auto& [u, v] : edges) {
    if (u < 0 || v < 0 || u >= num_nodes || v >= num_nodes)
      throw std::out_of_range("adjacency_from_edges: edge (" + std::to_string(u) + ", " +
                              std::to_string(v) + ") names a node outside 0.." +
                              std::to_string(num_nodes - 1));
    t.add(u, v, 1);
    if (u != v) t.add(v, u, 1);
  }
  CsrMatrix summed = CsrMatrix::from_coo(num_nodes, num_nodes, t.row, t.col, t.value);
  std::vector<Scalar> ones(summed.nnz(), 1);  // repeated edges count once
  return summed.with_values(std::move(ones));
}

CsrMatrix symmetrize(const CsrMatrix& a) {
  require_square("symmetrize", a);
  Triplets t;
  const CsrMatrix& at = a.transpose();
  // Walk A and A^T row by row, merging the two sorted column lists.
  for (int64_t r = 0; r < a.rows(); ++r) {
    int64_t p = a.row_ptr()[r], q = at.row_ptr()[r];
    const int64_t p_end = a.row_ptr()[r + 1], q_end = at.row_ptr()[r + 1];
    while (p < p_end || q < q_end) {
      const int64_t cp = p < p_end ? a.col_idx()[p] : INT64_MAX;
      const int64_t cq = q < q_end ? at.col_idx()[q] : INT64_MAX;
      if (cp == cq)
        t.add(r, cp, std::max(a.values()[p++], at.values()[q++]));
      else if (cp < cq)
        t.add(r, cp, a.values()[p++]);
      else
        t.add(r, cq, at.values()[q++]);
    }
  }
  return CsrMatrix::from_coo(a.rows(), a.cols(), t.row, t.col, t.value);
}

CsrMatrix add_self_loops(const CsrMatrix& a) {
  require_square("add_self_loops", a);
  // Rows are sorted, so the diagonal entry slots in place: one O(nnz) pass, no re-sorting.
  std::vector<int64_t> row_ptr(a.rows() + 1, 0);
  std::vector<int32_t> col_idx;
  std::vector<Scalar> values;
  col_idx.reserve(a.nnz() + a.rows());
  values.reserve(a.nnz() + a.rows());
  for (int64_t r = 0; r < a.rows(); ++r) {
    bool diagonal_done = false;
    for (int64_t p = a.row_ptr()[r]; p < a.row_ptr()[r + 1]; ++p) {
      const int64_t c = a.col_idx()[p];
      if (c == r) continue;  // an existing self loop is replaced by the 1 below
      if (c > r && !diagonal_done) {
        col_idx.push_back(static_cast<int32_t>(r));
        values.push_back(1);
        diagonal_done = true;
      }
      col_idx.push_back(static_cast<int32_t>(c));
      values.push_back(a.values()[p]);
    }
    if (!diagonal_done) {
      col_idx.push_back(static_cast<int32_t>(r));
      values.push_back(1);
    }
    row_ptr[r + 1] = static_cast<int64_t>(col_idx.size());
  }
  return CsrMatrix::from_arrays(a.rows(), a.cols(), std::move(row_ptr), std::move(col_idx),
                                std::move(values));
}

std::vector<Scalar> degrees(const CsrMatrix& a) {
  std::vector<Scalar> degree(a.rows(), 0);
  for (int64_t r = 0; r < a.rows(); ++r)
    for (int64_t p = a.row_ptr()[r]; p < a.row_ptr()[r + 1]; ++p) degree[r] += a.values()[p];
  return degree;
}

CsrMatrix gcn_normalize(const CsrMatrix& a) {
  require_square("gcn_normalize", a);
  const CsrMatrix looped = add_self_loops(a);
  const std::vector<Scalar> degree = degrees(looped);
  // With nonnegative weights every degree is >= 1 thanks to the self loop; negative weights can
  // make one zero or negative, and its inverse square root would be a silent Inf or NaN.
  for (int64_t r = 0; r < looped.rows(); ++r)
    if (!(degree[r] > 0))
      throw std::invalid_argument("gcn_normalize: node " + std::to_string(r) + " has degree " +
                                  std::to_string(degree[r]) +
                                  " in A + I; D^-1/2 needs positive degrees");
  std::vector<Scalar> values(looped.values().begin(), looped.values().end());
  for (int64_t r = 0; r < looped.rows(); ++r)
    for (int64_t p = looped.row_ptr()[r]; p < looped.row_ptr()[r + 1]; ++p) {
      const int64_t c = looped.col_idx()[p];
      values[p] /= std::sqrt(degree[r] * degree[c]);
    }
  return looped.with_values(std::move(values));
}

}  // namespace autograd
