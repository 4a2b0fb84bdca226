// Fuzz target of the Matrix Market reader: refusals are FormatErrors; what loads is a valid
// matrix of its declared field and symmetry, writes back and reads back equal, and (when small
// enough to allocate its row pointers) converts to a valid CSR matrix.
#include <algorithm>
#include <cmath>

#include "datasets/file_bytes.hpp"
#include "datasets/matrix_market.hpp"
#include "tests/fuzz/input_file.hpp"
#include "tests/fuzz/targets.hpp"

namespace fuzz {

namespace {

// A fuzzed size line may declare 2^62 rows; converting that to CSR would allocate its row
// pointers, which is the caller's business, not the reader's.
constexpr int64_t kLargestConverted = int64_t(1) << 16;

void check_entries(const datasets::CooMatrix& m) {
  using datasets::MatrixField;
  using datasets::MatrixSymmetry;
  expect(m.rows >= 0 && m.cols >= 0, "negative size");
  expect(m.col.size() == m.row.size() && m.values.size() == m.row.size(),
         "row, col and values differ in length");
  expect(m.symmetry == MatrixSymmetry::general || m.rows == m.cols, "symmetric but not square");
  for (int64_t k = 0; k < m.nnz(); ++k) {
    const int64_t r = m.row[k], c = m.col[k];
    const double v = m.values[k];
    expect(r >= 0 && r < m.rows && c >= 0 && c < m.cols, "an entry outside the matrix");
    expect(m.symmetry != MatrixSymmetry::symmetric || r >= c, "symmetric entry above diagonal");
    expect(m.symmetry != MatrixSymmetry::skew_symmetric || r > c, "skew entry not below diagonal");
    expect(std::isfinite(v), "a value that is not finite");
    expect(m.field != MatrixField::pattern || v == 1, "a pattern value other than 1");
    expect(m.field != MatrixField::integer || v == std::trunc(v),
           "an integer value with a fraction");
  }
}

bool same(const datasets::CooMatrix& a, const datasets::CooMatrix& b) {
  return a.rows == b.rows && a.cols == b.cols && a.field == b.field && a.symmetry == b.symmetry &&
         a.row == b.row && a.col == b.col && a.values == b.values;
}

}  // namespace

void matrix_market(std::span<const uint8_t> bytes) {
  static InputFile input("matrix_market"), copy("matrix_market_copy");
  datasets::CooMatrix matrix;
  try {
    matrix = datasets::read_matrix_market(input.hold(bytes));
  } catch (const datasets::FormatError&) {
    return;
  }
  check_entries(matrix);
  datasets::write_matrix_market(copy.path(), matrix, "fuzz round trip");
  expect(same(datasets::read_matrix_market(copy.path()), matrix),
         "the matrix written back reads back different");
  if (std::max(matrix.rows, matrix.cols) > kLargestConverted) return;
  const autograd::CsrMatrix csr = datasets::to_csr(matrix);
  csr.validate();
  expect(csr.rows() == matrix.rows && csr.cols() == matrix.cols, "to_csr changed the size");
  expect(csr.nnz() <= datasets::expand_symmetry(matrix).nnz(), "to_csr made entries up");
}

}  // namespace fuzz
