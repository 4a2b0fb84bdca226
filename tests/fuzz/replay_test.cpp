// Every file of the committed fuzz corpus (seeds, inputs the fuzzer found interesting, and the
// inputs that once crashed a loader) through its fuzz target, in the ordinary test suite: a loader
// that regresses fails here, under the sanitizers too, without running the fuzzer.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <vector>

#include "tests/fuzz/targets.hpp"

namespace fuzz {
extern const char* const kCorpusRoot;
}

namespace {

namespace fs = std::filesystem;

std::vector<uint8_t> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs every file of corpus/<name> through `target`; returns how many there were.
size_t replay(const std::string& name,
              const std::function<void(std::span<const uint8_t>)>& target) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(fuzz::kCorpusRoot) / name))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    INFO("corpus file ", file.string());
    const std::vector<uint8_t> bytes = read_bytes(file);
    CHECK_NOTHROW(target(bytes));
  }
  return files.size();
}

}  // namespace

TEST_CASE("the fuzz corpus of the IDX readers loads or is refused cleanly") {
  CHECK(replay("idx", fuzz::idx) >= 8);
}

TEST_CASE("the fuzz corpus of the Matrix Market reader loads or is refused cleanly") {
  CHECK(replay("matrix_market", fuzz::matrix_market) >= 8);
}

TEST_CASE("the fuzz corpus of the checkpoint loader loads or is refused cleanly") {
  CHECK(replay("checkpoint", fuzz::checkpoint) >= 4);
}
