#include "datasets/matrix_market.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "datasets/file_bytes.hpp"
#include "tests/datasets/scratch_file.hpp"

using datasets::CooMatrix;
using datasets::FormatError;
using datasets::MatrixField;
using datasets::MatrixSymmetry;
using datasets_test::ScratchFile;

TEST_CASE("Matrix Market: fields, symmetry, comments and 1-based indices") {
  SUBCASE("real general with comments, blank lines and CRLF") {
    ScratchFile file("real.mtx",
                     "%%MatrixMarket matrix coordinate real general\r\n% a comment\r\n\r\n"
                     "3 4 3\r\n1 1 2.5\r\n3 4 -1e-3\r\n  2\t3   +7\r\n");
    const CooMatrix m = datasets::read_matrix_market(file.path());
    CHECK(m.rows == 3);
    CHECK(m.cols == 4);
    CHECK(m.field == MatrixField::real);
    CHECK(m.row == std::vector<int64_t>{0, 2, 1});
    CHECK(m.col == std::vector<int64_t>{0, 3, 2});
    CHECK(m.values == std::vector<double>{2.5, -1e-3, 7});
  }
  SUBCASE("pattern symmetric, case-insensitive banner, mirrored on expansion") {
    ScratchFile file("pattern.mtx",
                     "%%matrixmarket MATRIX Coordinate Pattern Symmetric\n3 3 3\n2 1\n3 3\n3 1\n");
    const CooMatrix m = datasets::read_matrix_market(file.path());
    CHECK(m.symmetry == MatrixSymmetry::symmetric);
    CHECK(m.field == MatrixField::pattern);
    CHECK(m.values == std::vector<double>{1, 1, 1});
    const CooMatrix full = datasets::expand_symmetry(m);
    CHECK(full.symmetry == MatrixSymmetry::general);
    CHECK(full.row == std::vector<int64_t>{1, 2, 2, 0, 0});
    CHECK(full.col == std::vector<int64_t>{0, 2, 0, 1, 2});
  }
  SUBCASE("integer skew-symmetric") {
    ScratchFile file("skew.mtx",
                     "%%MatrixMarket matrix coordinate integer skew-symmetric\n2 2 1\n2 1 -4\n");
    const CooMatrix full = datasets::expand_symmetry(datasets::read_matrix_market(file.path()));
    CHECK(full.row == std::vector<int64_t>{1, 0});
    CHECK(full.col == std::vector<int64_t>{0, 1});
    CHECK(full.values == std::vector<double>{-4, 4});
  }
  SUBCASE("empty matrix") {
    ScratchFile file("none.mtx", "%%MatrixMarket matrix coordinate real general\n0 0 0\n");
    const CooMatrix m = datasets::read_matrix_market(file.path());
    CHECK(m.rows == 0);
    CHECK(m.nnz() == 0);
  }
  SUBCASE("gzip-compressed file") {
    ScratchFile file("zipped.mtx.gz");
    file.write_gzip("%%MatrixMarket matrix coordinate pattern general\n2 2 1\n1 2\n");
    CHECK(datasets::read_matrix_market(file.path()).col == std::vector<int64_t>{1});
  }
}

TEST_CASE("Matrix Market writer round-trips every field and symmetry exactly") {
  CooMatrix m;
  m.rows = 4;
  m.cols = 4;
  m.row = {0, 3, 2, 3};
  m.col = {0, 1, 2, 3};
  m.values = {0.1, -1.0 / 3, 1e-300, 123456789.125};
  ScratchFile file("written.mtx");
  for (MatrixSymmetry symmetry : {MatrixSymmetry::general, MatrixSymmetry::symmetric}) {
    m.symmetry = symmetry;
    m.field = MatrixField::real;
    datasets::write_matrix_market(file.path(), m, "line one\nline two");
    CHECK(file.read().starts_with("%%MatrixMarket matrix coordinate real " +
                                  std::string(datasets::to_string(symmetry)) +
                                  "\n% line one\n% line two\n4 4 4\n"));
    const CooMatrix back = datasets::read_matrix_market(file.path());
    CHECK(back.row == m.row);
    CHECK(back.col == m.col);
    CHECK(back.values == m.values);  // shortest round-trip form: bit-exact
    CHECK(back.symmetry == symmetry);
  }
  m.symmetry = MatrixSymmetry::general;
  m.field = MatrixField::pattern;
  datasets::write_matrix_market(file.path(), m);
  CHECK(datasets::read_matrix_market(file.path()).values == std::vector<double>(4, 1.0));
  m.field = MatrixField::integer;
  m.values = {3, -2, 0, 1e15};
  datasets::write_matrix_market(file.path(), m);
  CHECK(datasets::read_matrix_market(file.path()).values == m.values);

  m.values[1] = 0.5;
  CHECK_THROWS_WITH_AS(datasets::write_matrix_market(file.path(), m),
                       doctest::Contains("not an integer"), std::invalid_argument);
  m.field = MatrixField::real;
  m.symmetry = MatrixSymmetry::symmetric;
  m.row[1] = 0;
  CHECK_THROWS_WITH_AS(datasets::write_matrix_market(file.path(), m),
                       doctest::Contains("above the diagonal"), std::invalid_argument);
  m.symmetry = MatrixSymmetry::general;
  m.row[1] = 4;
  CHECK_THROWS_WITH_AS(datasets::write_matrix_market(file.path(), m),
                       doctest::Contains("outside the 4x4"), std::invalid_argument);
}

TEST_CASE("COO to CSR and back; a CSR matrix can be written") {
  CooMatrix m;
  m.rows = 3;
  m.cols = 4;
  m.row = {2, 0, 2, 0};
  m.col = {1, 3, 1, 0};
  m.values = {1.5, 2, 0.5, -1};  // (2, 1) twice: summed
  const autograd::CsrMatrix csr = datasets::to_csr(m);
  CHECK(csr.nnz() == 3);
  const CooMatrix back = datasets::to_coo(csr);
  CHECK(back.row == std::vector<int64_t>{0, 0, 2});
  CHECK(back.col == std::vector<int64_t>{0, 3, 1});
  CHECK(back.values == std::vector<double>{-1, 2, 2});
  ScratchFile file("csr.mtx");
  datasets::write_matrix_market(file.path(), back);
  CHECK(datasets::read_matrix_market(file.path()).values == back.values);

  m.symmetry = MatrixSymmetry::symmetric;
  m.rows = m.cols = 3;
  m.row = {1};
  m.col = {0};
  m.values = {4};
  const autograd::CsrMatrix mirrored = datasets::to_csr(m);
  CHECK(mirrored.nnz() == 2);
  CHECK(mirrored.to_dense().at({0, 1}) == 4);
}

namespace {
void check_rejected(const std::string& name, const std::string& contents,
                    const std::string& where) {
  ScratchFile file(name, contents);
  CAPTURE(contents);
  CHECK_THROWS_WITH_AS(datasets::read_matrix_market(file.path()),
                       doctest::Contains((file.path() + where).c_str()), FormatError);
}
}  // namespace

TEST_CASE("bad Matrix Market files raise errors naming the file and the line") {
  const std::string banner = "%%MatrixMarket matrix coordinate real general\n";
  check_rejected("empty.mtx", "", ", line 1: the file is empty");
  check_rejected("nobanner.mtx", "3 3 1\n1 1 1\n", ", line 1: expected the banner");
  check_rejected("array.mtx", "%%MatrixMarket matrix array real general\n",
                 ", line 1: dense 'array' files");
  check_rejected("complex.mtx", "%%MatrixMarket matrix coordinate complex general\n",
                 ", line 1: field 'complex'");
  check_rejected("nosize.mtx", banner + "% only comments\n", ", line 3: missing size line");
  check_rejected("badsize.mtx", banner + "3 three 1\n",
                 ", line 2: column count 'three' is not an integer");
  check_rejected("shortsize.mtx", banner + "3 3\n", ", line 2: missing entry count");
  check_rejected("rect.mtx", "%%MatrixMarket matrix coordinate pattern symmetric\n3 4 0\n",
                 ", line 2: a symmetric matrix must be square");
  check_rejected("nonnumeric.mtx", banner + "3 3 2\n1 1 0.5\n2 2 abc\n",
                 ", line 4: value 'abc' is not a number");
  check_rejected("nonint.mtx", banner + "3 3 1\n1.5 1 1\n",
                 ", line 3: row index '1.5' is not an integer");
  check_rejected("infinite.mtx", banner + "3 3 1\n1 1 inf\n",
                 ", line 3: value 'inf' is not finite");
  check_rejected("rowrange.mtx", banner + "3 3 1\n4 1 1\n",
                 ", line 3: row index 4 is outside 1..3");
  check_rejected("colrange.mtx", banner + "3 3 1\n1 0 1\n",
                 ", line 3: column index 0 is outside 1..3");
  check_rejected("upper.mtx", "%%MatrixMarket matrix coordinate pattern symmetric\n3 3 1\n1 2\n",
                 ", line 3: entry (1, 2) is above the diagonal");
  check_rejected("extra.mtx", banner + "3 3 1\n1 1 1 9\n",
                 ", line 3: unexpected '9' after the entry");
  check_rejected("missingvalue.mtx", banner + "3 3 1\n1 1\n", ", line 3: missing value");
  check_rejected("fewer.mtx", banner + "3 3 3\n1 1 1\n2 2 2\n",
                 ", line 4: the file ends after 2 of the 3 entries");
  check_rejected("more.mtx", banner + "3 3 1\n1 1 1\n2 2 2\n",
                 ", line 4: more entries than the 1 declared");
  check_rejected("promise.mtx", banner + "3 3 99999999999999999\n",
                 ", line 2: the file ends after 0 of the");
  check_rejected("overflow.mtx", banner + "99999999999999999999 3 0\n",
                 ", line 2: row count '99999999999999999999' is out of range");
}
