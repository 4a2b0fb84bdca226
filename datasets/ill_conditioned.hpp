#pragma once
// A logistic-regression problem whose loss is badly conditioned on purpose: feature j is scaled by
// condition^(j / (dim - 1) / 2), so the Hessian's curvatures spread over about `condition`, and
// gradient descent crawls along the flat directions while Newton's method does not notice them.
// Labels are drawn from the logistic model itself, so the classes overlap and the minimum is
// finite.
#include <cstdint>

#include "datasets/blobs.hpp"

namespace datasets {

struct IllConditionedOptions {
  int64_t count = 200;
  int64_t dim = 6;
  double condition = 1e4;
  uint64_t seed = 0;
};

// Labels 0/1 from y ~ Bernoulli(sigmoid(<w*, x>)), w* standard normal in the unscaled features.
VectorDataset ill_conditioned_logistic(const IllConditionedOptions& options);

}  // namespace datasets
