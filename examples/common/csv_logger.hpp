#pragma once
// A training log as CSV: a header fixed at construction, then one row per epoch. After every
// row the whole file is rewritten atomically (see nn/atomic_file.hpp), so whoever reads it during
// training, or after a crash, sees a well-formed file holding every finished epoch.
#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

namespace examples {

class CsvLogger {
 public:
  // Creates the output directory; writes the header at once.
  CsvLogger(std::filesystem::path path, std::vector<std::string> columns);

  // One value per column, in the order of the header. Throws std::invalid_argument otherwise.
  void row(const std::vector<double>& values);

  const std::filesystem::path& path() const { return path_; }
  size_t rows() const { return rows_; }

 private:
  std::filesystem::path path_;
  size_t columns_;
  std::string text_;  // the file so far
  size_t rows_ = 0;
};

}  // namespace examples
