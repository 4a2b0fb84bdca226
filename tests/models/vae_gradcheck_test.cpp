// The negative ELBO of the VAE, for both decoders and several latent samples, and its
// importance-weighted log-likelihood, checked in double precision against every parameter with
// the reparameterization noise fixed.
#include "autograd/autograd.hpp"
#include "models/vae.hpp"
#include "tests/autograd/gradcheck/check.hpp"

using autograd::Generator;
using autograd::Tensor;
using models::Likelihood;
using models::Vae;
using models::VaeOptions;
using testing::expect_gradcheck;
using testing::random_tensor;

namespace {

void check_negative_elbo(const VaeOptions& options, int64_t n, unsigned seed) {
  Generator gen(seed);
  Vae vae(options, gen);
  const Tensor x = random_tensor({n, options.input}, seed + 1, 0, 1, false);
  const Tensor noise = gen.normal_tensor({options.samples * n, options.latent});
  expect_gradcheck([&](const std::vector<Tensor>&) { return vae.negative_elbo(x, noise).loss; },
                   vae.parameters());
}

}  // namespace

TEST_CASE("vae negative ELBO, Bernoulli decoder, one and three latent samples") {
  check_negative_elbo({.input = 6, .hidden = {5}, .latent = 3}, 4, 21);
  check_negative_elbo({.input = 6, .hidden = {5}, .latent = 3, .samples = 3}, 4, 22);
}

TEST_CASE("vae negative ELBO, Gaussian decoder, learned and fixed variance") {
  check_negative_elbo({.input = 6, .hidden = {5}, .latent = 2, .decoder = Likelihood::Gaussian}, 3,
                      23);
  check_negative_elbo({.input = 6,
                       .hidden = {5},
                       .latent = 2,
                       .decoder = Likelihood::Gaussian,
                       .fixed_log_variance = -1.5,
                       .samples = 2},
                      3, 24);
}

TEST_CASE("vae negative ELBO: two hidden layers with tanh; no hidden layer; one example") {
  check_negative_elbo(
      {.input = 5, .hidden = {4, 3}, .latent = 2, .activation = nn::Activation::Tanh}, 2, 25);
  check_negative_elbo({.input = 5, .hidden = {}, .latent = 2}, 3, 26);
  check_negative_elbo({.input = 4, .hidden = {3}, .latent = 1}, 1, 27);
}

TEST_CASE("vae negative ELBO with the KL weighted, as during a warm-up") {
  Generator gen(30);
  Vae vae({.input = 5, .hidden = {4}, .latent = 2}, gen);
  const Tensor x = random_tensor({3, 5}, 31, 0, 1, false);
  const Tensor noise = gen.normal_tensor({3, 2});
  expect_gradcheck(
      [&](const std::vector<Tensor>&) { return vae.negative_elbo(x, noise).with_kl_weight(0.3); },
      vae.parameters());
}

TEST_CASE("vae importance-weighted log-likelihood, both decoders") {
  for (Likelihood decoder : {Likelihood::Bernoulli, Likelihood::Gaussian}) {
    CAPTURE(static_cast<int>(decoder));
    Generator gen(28);
    Vae vae({.input = 5, .hidden = {4}, .latent = 2, .decoder = decoder}, gen);
    const Tensor x = random_tensor({3, 5}, 29, 0, 1, false);
    const int64_t k = 4;
    const Tensor noise = gen.normal_tensor({k * 3, 2});
    expect_gradcheck([&](const std::vector<Tensor>&) { return vae.log_likelihood(x, noise, k); },
                     vae.parameters());
  }
}
