// examples/common/csv_logger and nn/atomic_file: header once, one row per call, always whole.
#include "examples/common/csv_logger.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "nn/atomic_file.hpp"

namespace fs = std::filesystem;

namespace {
fs::path scratch_dir(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("zoo_tools_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}
}  // namespace

TEST_CASE("the CSV log creates its directory and holds the header and every row") {
  const fs::path dir = scratch_dir("csv");
  const fs::path path = dir / "nested" / "log.csv";
  examples::CsvLogger log(path, {"epoch", "train_loss", "test_loss"});
  CHECK(read_all(path) == "epoch,train_loss,test_loss\n");
  log.row({1, 0.5, 0.25});
  log.row({2, 1.0f / 3.0f, 1e-9});
  CHECK(read_all(path) == "epoch,train_loss,test_loss\n1,0.5,0.25\n2,0.333333343,1e-09\n");
  CHECK(log.rows() == 2);
  CHECK_THROWS_WITH_AS(log.row({3, 0.1}), doctest::Contains("2 values for 3 columns"),
                       std::invalid_argument);
  CHECK_THROWS_AS(examples::CsvLogger(dir / "bad.csv", {"a,b"}), std::invalid_argument);
  // Only the log itself is left: no temporary files.
  int files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir / "nested")) ++files;
  CHECK(files == 1);
  fs::remove_all(dir);
}

TEST_CASE("an atomic write replaces the file whole, or fails leaving the old one") {
  const fs::path dir = scratch_dir("atomic");
  const fs::path path = dir / "a.txt";
  nn::write_file_atomically("test", path, "first", {.create_directories = true});
  nn::write_file_atomically("test", path, "second");
  CHECK(read_all(path) == "second");
  // A directory in the way of the file: the write fails with the path in the message.
  fs::create_directories(dir / "taken");
  CHECK_THROWS_WITH_AS(nn::write_file_atomically("test", dir / "taken", "x"),
                       doctest::Contains("taken"), std::runtime_error);
  int files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
  CHECK(files == 2);  // a.txt and the directory, no temporary left behind
  fs::remove_all(dir);
}
