#pragma once
// Posterior collapse, measured. A latent dimension that the decoder ignores is best left at the
// prior: its posterior q(z_j | x) = N(0, 1) for every x, its KL term 0, and it carries nothing
// about x. Two numbers per dimension tell such units from used ones:
//
// - its KL, averaged over the data: E_x KL(q(z_j | x) || N(0, 1)), in nats;
// - its activity (Burda, Grosse & Salakhutdinov 2016): A_j = Cov_x(E_q[z_j | x]), the variance
//   across the data of the posterior mean. A unit is active when A_j > 0.01.
//
// KL warm-up (Bowman et al. 2016, Sonderby et al. 2016) fights collapse by scaling the KL term
// by a weight beta rising linearly from 0 to 1, so the decoder learns to use z before the KL
// pulls q towards the prior.
#include <cstdint>
#include <vector>

#include "autograd/tensor.hpp"

namespace models {

struct LatentUsage {
  std::vector<double> kl;        // per dimension, averaged over the rows
  std::vector<double> activity;  // per dimension: the variance of the posterior mean over rows
  int64_t active_units = 0;      // dimensions with activity above the threshold
};

// mean, log_variance: [n, latent], one posterior per row (a VGAE's log sigma gives
// log_variance = 2 log sigma).
LatentUsage latent_usage(const autograd::Tensor& mean, const autograd::Tensor& log_variance,
                         double threshold = 0.01);

// The KL weight beta of step `step` (0-based) of a linear warm-up over `warmup_steps` steps:
// (step + 1) / warmup_steps, capped at 1; always 1 without warm-up (warmup_steps = 0).
double kl_warmup_weight(int64_t step, int64_t warmup_steps);

}  // namespace models
