#pragma once
// Test cases that read data from outside the repository belong to a doctest test suite named
// after that data, e.g. TEST_CASE("..." * doctest::test_suite("shared_datasets")). The suite
// runs as its own meson test (`meson test shared_datasets`), and when its data is missing that
// test reports SKIPPED (exit status 77) instead of passing green without having checked anything
// (tests/main.cpp). The `unit` test excludes these suites.
#include <filesystem>
#include <span>
#include <string>

namespace tests {

struct DataSuite {
  const char* name;
  std::filesystem::path needed;  // a folder or file that must exist
  const char* how_to_get;
};

// ../shared/datasets: from ZOO_DATASETS, else beside the source tree.
std::filesystem::path shared_datasets_dir();

inline const char* const kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

// The suites and what each needs.
std::span<const DataSuite> data_suites();

}  // namespace tests
