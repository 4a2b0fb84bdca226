#pragma once
// Gaussian blobs: labelled points around random centers, for examples and tests that need data
// with known cluster structure and no files.
#include <cstdint>
#include <vector>

namespace datasets {

// `count` labelled vectors of `dim` float32 values each.
struct VectorDataset {
  std::vector<float> values;  // count x dim, row-major
  std::vector<int> labels;    // count entries
  int64_t count = 0;
  int64_t dim = 0;
};

struct BlobOptions {
  int64_t count = 1000;
  int64_t dim = 2;
  int64_t clusters = 3;
  double center_box = 10.0;  // centers are uniform in [-center_box, center_box]^dim
  double stddev = 1.0;       // of each coordinate around its center
  uint64_t seed = 0;
};

// Point i belongs to cluster i % clusters (sizes differ by at most one) and is its center plus
// N(0, stddev^2) noise in each coordinate.
VectorDataset gaussian_blobs(const BlobOptions& options);

}  // namespace datasets
