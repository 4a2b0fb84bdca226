// Posterior collapse, measured: latent_usage on posteriors of known shape, the warm-up schedule,
// and a VAE trained on data with two underlying dimensions, which must leave most of its eight
// latent units inactive (at the prior) and use at least two.
#include "models/latent_usage.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "autograd/autograd.hpp"
#include "models/vae.hpp"
#include "nn/adam.hpp"

using namespace autograd;

TEST_CASE("latent_usage: KL and activity per dimension, active units over 0.01") {
  // Dimension 0 varies across rows (means -1, 1) with unit variance; dimension 1 sits at the
  // prior; dimension 2 has a constant mean 0.5 and variance e^-2.
  const Tensor mean({2, 3}, {-1, 0, 0.5, 1, 0, 0.5});
  const Tensor log_variance({2, 3}, {0, 0, -2, 0, 0, -2});
  const models::LatentUsage u = models::latent_usage(mean, log_variance);
  CHECK(u.activity[0] == doctest::Approx(1));
  CHECK(u.activity[1] == doctest::Approx(0));
  CHECK(u.activity[2] == doctest::Approx(0));
  CHECK(u.kl[0] == doctest::Approx(0.5));
  CHECK(u.kl[1] == doctest::Approx(0));
  CHECK(u.kl[2] == doctest::Approx(0.5 * (0.25 + std::exp(-2.0) + 2 - 1)));
  CHECK(u.active_units == 1);
  CHECK_THROWS_WITH_AS(models::latent_usage(mean, Tensor::zeros({2, 2})),
                       doctest::Contains("latent_usage"), std::invalid_argument);
}

TEST_CASE("kl_warmup_weight rises linearly to 1, then stays") {
  CHECK(models::kl_warmup_weight(0, 0) == 1);
  CHECK(models::kl_warmup_weight(0, 4) == doctest::Approx(0.25));
  CHECK(models::kl_warmup_weight(2, 4) == doctest::Approx(0.75));
  CHECK(models::kl_warmup_weight(3, 4) == 1);
  CHECK(models::kl_warmup_weight(100, 4) == 1);
  CHECK_THROWS_AS(models::kl_warmup_weight(-1, 4), std::invalid_argument);
}

TEST_CASE("a VAE on two-dimensional data uses a few of its eight latent units") {
  // x = tanh(A s) + noise for s ~ N(0, I_2), 12 features: two underlying dimensions.
  Generator gen(21);
  const int64_t n = 1000, d = 12;
  const Tensor a = gen.normal_tensor({2, d});
  const Tensor s = gen.normal_tensor({n, 2});
  const Tensor x = tanh(matmul(s, a)) + gen.normal_tensor({n, d}, 0, 0.05);
  models::Vae vae({.input = d, .hidden = {64}, .latent = 8, .decoder = models::Likelihood::Gaussian,
                   .fixed_log_variance = std::log(0.01)},
                  gen);
  const auto usage = [&] {
    NoGradGuard no_grad;
    const models::Posterior q = vae.encode(x);
    return models::latent_usage(q.mean, q.log_variance);
  };
  const models::LatentUsage before = usage();
  nn::Adam adam(vae.named_parameters(), {.lr = 3e-3});
  for (int step = 0; step < 1500; ++step) {
    const std::vector<int64_t> rows = gen.permutation(n);
    const Tensor batch = index_select(x, std::vector<int64_t>(rows.begin(), rows.begin() + 100));
    adam.zero_grad();
    backward(vae.negative_elbo(batch, gen).loss);
    adam.step();
    clear_tape();
  }
  const models::LatentUsage after = usage();
  std::string kls;
  for (double k : after.kl) kls += std::to_string(k) + " ";
  MESSAGE("active units before " << before.active_units << ", after " << after.active_units
                                 << "; KL per unit " << kls);
  CHECK(after.active_units >= 2);
  CHECK(after.active_units <= 4);
  int64_t at_prior = 0;  // the inactive units carry (almost) no information: KL near 0
  for (size_t j = 0; j < after.kl.size(); ++j)
    if (after.activity[j] <= 0.01) at_prior += after.kl[j] < 0.05;
  CHECK(at_prior == 8 - after.active_units);
}
