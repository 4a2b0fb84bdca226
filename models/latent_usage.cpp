// latent_usage.hpp: per-dimension KL and activity of a diagonal Gaussian posterior.
#include "models/latent_usage.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace models {

LatentUsage latent_usage(const autograd::Tensor& mean, const autograd::Tensor& log_variance,
                         double threshold) {
  if (mean.dim() != 2 || mean.shape() != log_variance.shape() || mean.size(0) == 0)
    throw std::invalid_argument("latent_usage: mean " + autograd::to_string(mean.shape()) +
                                " and log_variance " + autograd::to_string(log_variance.shape()) +
                                " must be the same non-empty [n, latent]");
  const int64_t n = mean.size(0), d = mean.size(1);
  LatentUsage usage{std::vector<double>(d, 0), std::vector<double>(d, 0), 0};
  std::vector<double> average(d, 0);
  const autograd::Scalar* m = mean.data();
  const autograd::Scalar* lv = log_variance.data();
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < d; ++j) {
      const double mu = m[i * d + j], log_var = lv[i * d + j];
      // KL(N(mu, s^2) || N(0, 1)) = (mu^2 + s^2 - log s^2 - 1) / 2
      usage.kl[j] += 0.5 * (mu * mu + std::exp(log_var) - log_var - 1) / double(n);
      average[j] += mu / double(n);
    }
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < d; ++j)
      usage.activity[j] += std::pow(m[i * d + j] - average[j], 2) / double(n);
  usage.active_units = std::count_if(usage.activity.begin(), usage.activity.end(),
                                     [threshold](double a) { return a > threshold; });
  return usage;
}

double kl_warmup_weight(int64_t step, int64_t warmup_steps) {
  if (step < 0 || warmup_steps < 0)
    throw std::invalid_argument("kl_warmup_weight: step " + std::to_string(step) +
                                " and warmup_steps " + std::to_string(warmup_steps) +
                                " must be >= 0");
  if (warmup_steps == 0) return 1;
  return std::min(1.0, double(step + 1) / double(warmup_steps));
}

}  // namespace models
