#include "datasets/ill_conditioned.hpp"

#include <cmath>
#include <stdexcept>

#include "autograd/random.hpp"

namespace datasets {

VectorDataset ill_conditioned_logistic(const IllConditionedOptions& options) {
  if (options.count < 1 || options.dim < 2 || !(options.condition >= 1))
    throw std::invalid_argument(
        "ill_conditioned_logistic: needs count >= 1, dim >= 2 and condition >= 1");
  autograd::Generator gen(options.seed);
  std::vector<double> planted(options.dim), scale(options.dim);
  for (int64_t j = 0; j < options.dim; ++j) {
    planted[j] = gen.normal();
    scale[j] = std::pow(options.condition, 0.5 * double(j) / double(options.dim - 1));
  }
  VectorDataset data;
  data.count = options.count, data.dim = options.dim;
  for (int64_t i = 0; i < options.count; ++i) {
    double logit = 0;
    for (int64_t j = 0; j < options.dim; ++j) {
      const double feature = gen.normal();
      logit += planted[j] * feature;
      data.values.push_back(static_cast<float>(feature / scale[j]));
    }
    data.labels.push_back(gen.uniform() < 1 / (1 + std::exp(-logit)) ? 1 : 0);
  }
  return data;
}

}  // namespace datasets
