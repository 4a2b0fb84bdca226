#include "datasets/blobs.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

TEST_CASE("gaussian blobs: balanced clusters with the requested spread, seeded") {
  const datasets::BlobOptions options{
      .count = 3000, .dim = 2, .clusters = 3, .stddev = 0.5, .seed = 4};
  const datasets::VectorDataset blobs = datasets::gaussian_blobs(options);
  CHECK(blobs.count == 3000);
  CHECK(blobs.values.size() == 6000);
  std::vector<double> mean(6, 0), square(6, 0);
  std::vector<int> size(3, 0);
  for (int64_t i = 0; i < blobs.count; ++i) {
    const int c = blobs.labels[i];
    ++size[c];
    for (int d = 0; d < 2; ++d) {
      mean[c * 2 + d] += blobs.values[i * 2 + d];
      square[c * 2 + d] += blobs.values[i * 2 + d] * blobs.values[i * 2 + d];
    }
  }
  CHECK(size == std::vector<int>{1000, 1000, 1000});
  for (int k = 0; k < 6; ++k) {
    mean[k] /= 1000;
    CHECK(std::sqrt(square[k] / 1000 - mean[k] * mean[k]) == doctest::Approx(0.5).epsilon(0.1));
    CHECK(std::abs(mean[k]) <= 10.0);
  }
  CHECK(datasets::gaussian_blobs(options).values == blobs.values);
  CHECK(datasets::gaussian_blobs({.seed = 5}).values !=
        datasets::gaussian_blobs({.seed = 6}).values);
  CHECK_THROWS_AS(datasets::gaussian_blobs({.clusters = 0}), std::invalid_argument);
}
