#include "examples/common/csv_logger.hpp"

#include <cstdio>
#include <stdexcept>

#include "nn/atomic_file.hpp"

namespace examples {

CsvLogger::CsvLogger(std::filesystem::path path, std::vector<std::string> columns)
    : path_(std::move(path)), columns_(columns.size()) {
  if (columns.empty()) throw std::invalid_argument("CsvLogger: no columns for " + path_.string());
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].find_first_of(",\"\n") != std::string::npos)
      throw std::invalid_argument("CsvLogger: column name '" + columns[i] +
                                  "' holds a comma, quote or newline");
    if (i) text_ += ',';
    text_ += columns[i];
  }
  text_ += '\n';
  nn::write_file_atomically("csv log", path_, text_, {.create_directories = true});
}

void CsvLogger::row(const std::vector<double>& values) {
  if (values.size() != columns_)
    throw std::invalid_argument("CsvLogger: " + std::to_string(values.size()) + " values for " +
                                std::to_string(columns_) + " columns in " + path_.string());
  char number[32];
  for (size_t i = 0; i < values.size(); ++i) {
    // %.9g keeps a float exactly and an epoch counter as a plain integer.
    std::snprintf(number, sizeof number, "%.9g", values[i]);
    if (i) text_ += ',';
    text_ += number;
  }
  text_ += '\n';
  nn::write_file_atomically("csv log", path_, text_, {.create_directories = true});
  ++rows_;
}

}  // namespace examples
