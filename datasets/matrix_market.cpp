#include "datasets/matrix_market.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "datasets/file_bytes.hpp"
#include "datasets/text_lines.hpp"

namespace datasets {

namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

struct Parser {
  const std::string& path;
  LineReader& lines;

  [[noreturn]] void fail(const std::string& what) const {
    fail_at_line(path, lines.number(), what);
  }

  int64_t integer(std::string_view token, const char* what) const {
    if (token.empty()) fail(std::string("missing ") + what);
    int64_t value = 0;
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (error == std::errc::result_out_of_range)
      fail(std::string(what) + " " + quoted(token) + " is out of range");
    if (error != std::errc() || end != token.data() + token.size())
      fail(std::string(what) + " " + quoted(token) + " is not an integer");
    return value;
  }

  double real(std::string_view token, const char* what) const {
    if (token.empty()) fail(std::string("missing ") + what);
    std::string_view digits = token;
    if (digits.front() == '+') digits.remove_prefix(1);  // from_chars does not take a leading '+'
    double value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || end != digits.data() + digits.size() || digits.empty())
      fail(std::string(what) + " " + quoted(token) + " is not a number");
    if (!std::isfinite(value)) fail(std::string(what) + " " + quoted(token) + " is not finite");
    return value;
  }

  void expect_end(std::string_view rest, const char* what) const {
    const std::string_view extra = next_token(rest);
    if (!extra.empty()) fail(std::string("unexpected ") + quoted(extra) + " after the " + what);
  }
};

void read_banner(Parser& parser, std::string_view line, CooMatrix& matrix) {
  const std::string expected =
      "expected the banner '%%MatrixMarket matrix coordinate <field> <symmetry>'";
  if (lowercase(next_token(line)) != "%%matrixmarket")
    parser.fail(expected + ", found " + quoted(line));
  const std::string object = lowercase(next_token(line));
  const std::string format = lowercase(next_token(line));
  const std::string field = lowercase(next_token(line));
  const std::string symmetry = lowercase(next_token(line));
  if (object != "matrix")
    parser.fail("object " + quoted(object) + " is not supported; only 'matrix'");
  if (format == "array") parser.fail("dense 'array' files are not supported; only 'coordinate'");
  if (format != "coordinate") parser.fail("format " + quoted(format) + " is not 'coordinate'");
  if (field == "pattern")
    matrix.field = MatrixField::pattern;
  else if (field == "integer")
    matrix.field = MatrixField::integer;
  else if (field == "real" || field == "double")
    matrix.field = MatrixField::real;
  else
    parser.fail("field " + quoted(field) + " is not supported; use pattern, integer or real");
  if (symmetry == "general")
    matrix.symmetry = MatrixSymmetry::general;
  else if (symmetry == "symmetric")
    matrix.symmetry = MatrixSymmetry::symmetric;
  else if (symmetry == "skew-symmetric")
    matrix.symmetry = MatrixSymmetry::skew_symmetric;
  else
    parser.fail("symmetry " + quoted(symmetry) +
                " is not supported; use general, symmetric or skew-symmetric");
  parser.expect_end(line, "banner");
}

void read_entry(const Parser& parser, std::string_view line, CooMatrix& matrix) {
  const int64_t r = parser.integer(next_token(line), "row index");
  const int64_t c = parser.integer(next_token(line), "column index");
  if (r < 1 || r > matrix.rows)
    parser.fail("row index " + std::to_string(r) + " is outside 1.." + std::to_string(matrix.rows));
  if (c < 1 || c > matrix.cols)
    parser.fail("column index " + std::to_string(c) + " is outside 1.." +
                std::to_string(matrix.cols));
  if (matrix.symmetry == MatrixSymmetry::symmetric && r < c)
    parser.fail("entry (" + std::to_string(r) + ", " + std::to_string(c) +
                ") is above the diagonal; a symmetric file stores only row >= column");
  if (matrix.symmetry == MatrixSymmetry::skew_symmetric && r <= c)
    parser.fail("entry (" + std::to_string(r) + ", " + std::to_string(c) +
                ") is not below the diagonal; a skew-symmetric file stores only row > column");
  double value = 1;
  if (matrix.field == MatrixField::integer) {
    // Values are held as doubles, which hold every integer only up to 2^53 in magnitude.
    constexpr int64_t kExact = int64_t(1) << 53;
    const int64_t integer = parser.integer(next_token(line), "value");
    if (integer > kExact || integer < -kExact)
      parser.fail("integer value " + std::to_string(integer) +
                  " is beyond 2^53 in magnitude and cannot be held exactly");
    value = static_cast<double>(integer);
  }
  if (matrix.field == MatrixField::real) value = parser.real(next_token(line), "value");
  parser.expect_end(line, "entry");
  matrix.row.push_back(r - 1);
  matrix.col.push_back(c - 1);
  matrix.values.push_back(value);
}

void append(std::string& out, int64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append(std::string& out, double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest exact form
  out.append(buffer, result.ptr);
}

void check_writable(const std::string& path, const CooMatrix& m) {
  const auto fail = [&](const std::string& what) {
    throw std::invalid_argument("write_matrix_market(" + path + "): " + what);
  };
  if (m.rows < 0 || m.cols < 0) fail("negative size");
  if (m.col.size() != m.row.size()) fail("row and col lists differ in length");
  if (m.field != MatrixField::pattern && m.values.size() != m.row.size())
    fail(std::to_string(m.values.size()) + " values for " + std::to_string(m.row.size()) +
         " entries");
  if (m.symmetry != MatrixSymmetry::general && m.rows != m.cols)
    fail("a symmetric matrix must be square");
  for (size_t k = 0; k < m.row.size(); ++k) {
    const std::string entry = "entry " + std::to_string(k) + " (" + std::to_string(m.row[k]) +
                              ", " + std::to_string(m.col[k]) + ")";
    if (m.row[k] < 0 || m.row[k] >= m.rows || m.col[k] < 0 || m.col[k] >= m.cols)
      fail(entry + " is outside the " + std::to_string(m.rows) + "x" + std::to_string(m.cols) +
           " matrix");
    if (m.symmetry == MatrixSymmetry::symmetric && m.row[k] < m.col[k])
      fail(entry + " is above the diagonal of a symmetric matrix");
    if (m.symmetry == MatrixSymmetry::skew_symmetric && m.row[k] <= m.col[k])
      fail(entry + " is not below the diagonal of a skew-symmetric matrix");
    if (m.field == MatrixField::integer &&
        (m.values[k] != std::trunc(m.values[k]) || std::abs(m.values[k]) > 0x1p62))
      fail(entry + " has value " + std::to_string(m.values[k]) + ", not an integer");
    if (m.field == MatrixField::real && !std::isfinite(m.values[k])) fail(entry + " is not finite");
  }
}

}  // namespace

std::string_view to_string(MatrixField field) {
  switch (field) {
    case MatrixField::pattern:
      return "pattern";
    case MatrixField::integer:
      return "integer";
    case MatrixField::real:
      return "real";
  }
  return "?";
}

std::string_view to_string(MatrixSymmetry symmetry) {
  switch (symmetry) {
    case MatrixSymmetry::general:
      return "general";
    case MatrixSymmetry::symmetric:
      return "symmetric";
    case MatrixSymmetry::skew_symmetric:
      return "skew-symmetric";
  }
  return "?";
}

CooMatrix read_matrix_market(const std::string& path) {
  const FileBytes file = read_file_bytes(path);
  const std::string_view text(reinterpret_cast<const char*>(file.bytes.data()), file.bytes.size());
  LineReader lines(text);
  Parser parser{path, lines};
  CooMatrix matrix;
  std::string_view line;
  if (!lines.next(line))
    fail_at_line(path, 1, "the file is empty; expected a '%%MatrixMarket' banner");
  read_banner(parser, line, matrix);

  // Comments and blank lines may come before the size line.
  do {
    if (!lines.next(line))
      fail_at_line(path, lines.number() + 1,
                   "missing size line 'rows columns entries' after the banner");
  } while (line.starts_with('%') || is_blank_line(line));
  matrix.rows = parser.integer(next_token(line), "row count");
  matrix.cols = parser.integer(next_token(line), "column count");
  const int64_t entries = parser.integer(next_token(line), "entry count");
  parser.expect_end(line, "size line 'rows columns entries'");
  if (matrix.rows < 0 || matrix.cols < 0 || entries < 0)
    parser.fail("negative size on the size line");
  if (matrix.symmetry != MatrixSymmetry::general && matrix.rows != matrix.cols)
    parser.fail("a " + std::string(to_string(matrix.symmetry)) + " matrix must be square, not " +
                std::to_string(matrix.rows) + "x" + std::to_string(matrix.cols));
  const int64_t size_line = lines.number();

  // An entry takes at least 4 bytes ("1 1\n"): never reserve more than the file could hold.
  const size_t room = std::min<size_t>(static_cast<size_t>(entries), text.size() / 4 + 1);
  matrix.row.reserve(room);
  matrix.col.reserve(room);
  matrix.values.reserve(room);
  while (lines.next(line)) {
    if (line.starts_with('%') || is_blank_line(line)) continue;
    if (matrix.nnz() == entries)
      parser.fail("more entries than the " + std::to_string(entries) + " declared on line " +
                  std::to_string(size_line));
    read_entry(parser, line, matrix);
  }
  if (matrix.nnz() < entries)
    parser.fail("the file ends after " + std::to_string(matrix.nnz()) + " of the " +
                std::to_string(entries) + " entries declared on line " + std::to_string(size_line));
  return matrix;
}

void write_matrix_market(const std::string& path, const CooMatrix& matrix,
                         std::string_view comment) {
  check_writable(path, matrix);
  std::string out = "%%MatrixMarket matrix coordinate " + std::string(to_string(matrix.field)) +
                    " " + std::string(to_string(matrix.symmetry)) + "\n";
  while (!comment.empty()) {
    const size_t end = comment.find('\n');
    out += "% " + std::string(comment.substr(0, end)) + "\n";
    comment.remove_prefix(end == std::string_view::npos ? comment.size() : end + 1);
  }
  append(out, matrix.rows);
  out += ' ';
  append(out, matrix.cols);
  out += ' ';
  append(out, matrix.nnz());
  out += '\n';
  for (int64_t k = 0; k < matrix.nnz(); ++k) {
    append(out, matrix.row[k] + 1);
    out += ' ';
    append(out, matrix.col[k] + 1);
    if (matrix.field == MatrixField::integer) {
      out += ' ';
      append(out, static_cast<int64_t>(matrix.values[k]));
    } else if (matrix.field == MatrixField::real) {
      out += ' ';
      append(out, matrix.values[k]);
    }
    out += '\n';
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "wb"), std::fclose);
  if (!file) throw std::runtime_error("write_matrix_market: cannot create " + path);
  const bool written = std::fwrite(out.data(), 1, out.size(), file.get()) == out.size();
  if (!written || std::fclose(file.release()) != 0)
    throw std::runtime_error("write_matrix_market: writing " + path + " failed");
}

CooMatrix expand_symmetry(const CooMatrix& matrix) {
  CooMatrix out = matrix;
  out.symmetry = MatrixSymmetry::general;
  if (matrix.symmetry == MatrixSymmetry::general) return out;
  const double mirror_sign = matrix.symmetry == MatrixSymmetry::skew_symmetric ? -1.0 : 1.0;
  for (int64_t k = 0; k < matrix.nnz(); ++k) {
    if (matrix.row[k] == matrix.col[k]) continue;
    out.row.push_back(matrix.col[k]);
    out.col.push_back(matrix.row[k]);
    out.values.push_back(mirror_sign * matrix.values[k]);
  }
  return out;
}

autograd::CsrMatrix to_csr(const CooMatrix& matrix) {
  const CooMatrix general = expand_symmetry(matrix);
  const std::vector<autograd::Scalar> values(general.values.begin(), general.values.end());
  return autograd::CsrMatrix::from_coo(general.rows, general.cols, general.row, general.col,
                                       values);
}

CooMatrix to_coo(const autograd::CsrMatrix& matrix) {
  CooMatrix coo;
  coo.rows = matrix.rows();
  coo.cols = matrix.cols();
  coo.col.assign(matrix.col_idx().begin(), matrix.col_idx().end());
  coo.values.assign(matrix.values().begin(), matrix.values().end());
  coo.row.reserve(coo.col.size());
  for (int64_t r = 0; r < matrix.rows(); ++r)
    coo.row.insert(coo.row.end(), matrix.row_ptr()[r + 1] - matrix.row_ptr()[r], r);
  return coo;
}

}  // namespace datasets
