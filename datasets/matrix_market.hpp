#pragma once
// Matrix Market coordinate files: the text format of the SuiteSparse collection and of our citation
// graphs.
//
//   %%MatrixMarket matrix coordinate pattern symmetric     <- banner: format, field, symmetry
//   % any number of comment lines
//   2708 2708 5278                                         <- size line: rows, columns, entries
//   3 2                                                    <- entries: 1-based row, column[, value]
//
// Fields: pattern (no value, read as 1), integer, real. Symmetry: general, symmetric (only the
// lower triangle row >= column is stored) or skew-symmetric (only row > column). The reader keeps
// the entries exactly as stored, 0-based; expand_symmetry() adds the mirrored half. Every error
// names the file and the line.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "autograd/sparse/csr.hpp"

namespace datasets {

enum class MatrixField { pattern, integer, real };
enum class MatrixSymmetry { general, symmetric, skew_symmetric };

struct CooMatrix {
  int64_t rows = 0;
  int64_t cols = 0;
  std::vector<int64_t> row;    // 0-based
  std::vector<int64_t> col;    // 0-based
  std::vector<double> values;  // one per entry; 1 for a pattern matrix
  MatrixField field = MatrixField::real;
  MatrixSymmetry symmetry = MatrixSymmetry::general;

  int64_t nnz() const { return static_cast<int64_t>(row.size()); }
};

CooMatrix read_matrix_market(const std::string& path);

// Writes `matrix` as a coordinate file with its field and symmetry; each comment line is prefixed
// with '%'. Real values are written in the shortest form that reads back exactly. Throws
// std::invalid_argument if an entry is out of range or breaks the declared symmetry or field.
void write_matrix_market(const std::string& path, const CooMatrix& matrix,
                         std::string_view comment = {});

// The same matrix with symmetry general: off-diagonal entries of a symmetric (skew-symmetric)
// matrix gain their mirror (negated mirror).
CooMatrix expand_symmetry(const CooMatrix& matrix);

// The sparse matrix of the engine, with the symmetry expanded (repeated entries are summed).
autograd::CsrMatrix to_csr(const CooMatrix& matrix);
// The nonzeros of a CSR matrix as a general real COO matrix, e.g. to write it.
CooMatrix to_coo(const autograd::CsrMatrix& matrix);

std::string_view to_string(MatrixField field);
std::string_view to_string(MatrixSymmetry symmetry);

}  // namespace datasets
