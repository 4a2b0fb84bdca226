// The float32 unit-test program: doctest's runner, plus the data suites (data_suites.hpp). A
// suite asked for by name (--test-suite=NAME) whose data is missing makes the program exit with
// 77, which meson reports as SKIPPED; run without a filter, such suites are left out with a note.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "tests/data_suites.hpp"
#include "tests/source_root.hpp"

namespace tests {

std::filesystem::path shared_datasets_dir() {
  const char* dir = std::getenv("ZOO_DATASETS");
  if (dir) return dir;
  return std::filesystem::path(kSourceRoot).parent_path() / "shared" / "datasets";
}

std::span<const DataSuite> data_suites() {
  static const DataSuite suites[] = {
      {"shared_datasets", shared_datasets_dir() / "cora" / "adjacency.mtx",
       "../shared/datasets beside the repository, or set ZOO_DATASETS"},
      {"fashion_mnist", std::filesystem::path(kFashionMnistDir) / "train-images-idx3-ubyte.gz",
       "apt-get install dataset-fashion-mnist"},
  };
  return suites;
}

}  // namespace tests

namespace {

bool asked_for(const std::string& suite, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    for (const std::string flag : {"--test-suite=", "-ts="})
      if (arg.starts_with(flag) && arg.find(suite, flag.size()) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  for (const tests::DataSuite& suite : tests::data_suites()) {
    if (std::filesystem::exists(suite.needed)) continue;
    if (asked_for(suite.name, argc, argv)) {
      std::printf("SKIPPED: test suite %s needs %s (%s)\n", suite.name, suite.needed.c_str(),
                  suite.how_to_get);
      return 77;
    }
    std::printf("note: test suite %s left out: %s not found (%s)\n", suite.name,
                suite.needed.c_str(), suite.how_to_get);
    context.addFilter("test-suite-exclude", suite.name);
  }
  return context.run();
}
