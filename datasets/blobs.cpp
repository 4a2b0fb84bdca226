#include "datasets/blobs.hpp"

#include <stdexcept>
#include <string>

#include "autograd/random.hpp"

namespace datasets {

VectorDataset gaussian_blobs(const BlobOptions& options) {
  if (options.count < 0 || options.dim < 1 || options.clusters < 1 || options.stddev < 0)
    throw std::invalid_argument(
        "gaussian_blobs: need count >= 0, dim >= 1, clusters >= 1 and stddev >= 0; got count " +
        std::to_string(options.count) + ", dim " + std::to_string(options.dim) + ", clusters " +
        std::to_string(options.clusters) + ", stddev " + std::to_string(options.stddev));
  autograd::Generator generator(options.seed);
  std::vector<double> centers(static_cast<size_t>(options.clusters * options.dim));
  for (double& c : centers) c = generator.uniform(-options.center_box, options.center_box);

  VectorDataset data;
  data.count = options.count;
  data.dim = options.dim;
  data.values.resize(static_cast<size_t>(options.count * options.dim));
  data.labels.resize(static_cast<size_t>(options.count));
  for (int64_t i = 0; i < options.count; ++i) {
    const int64_t cluster = i % options.clusters;
    data.labels[i] = static_cast<int>(cluster);
    for (int64_t d = 0; d < options.dim; ++d)
      data.values[i * options.dim + d] =
          static_cast<float>(generator.normal(centers[cluster * options.dim + d], options.stddev));
  }
  return data;
}

}  // namespace datasets
