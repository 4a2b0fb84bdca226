// Discrete latents on synthetic binary data (8 prototypes of 32 pixels, each pixel flipped with
// probability 0.05): the score-function estimate of the encoder's gradient is far noisier than the
// relaxed one on the same batch, and both estimators train the model (the true negative ELBO with
// hard samples falls), as does nothing without training.
#include "models/bernoulli_vae.hpp"

#include <doctest/doctest.h>

#include "autograd/autograd.hpp"
#include "models/bernoulli_vae_training.hpp"
#include "models/gradient_variance.hpp"

using namespace autograd;
using models::DiscreteEstimator;

namespace {
Tensor prototype_data(int64_t n, uint64_t seed) {
  Generator gen(seed);
  const Tensor prototypes = gen.bernoulli_tensor({8, 32}, 0.5);
  Tensor x = Tensor::empty({n, 32});
  for (int64_t i = 0; i < n; ++i) {
    const int64_t k = int64_t(gen.below(8));
    for (int64_t j = 0; j < 32; ++j) {
      const Scalar bit = prototypes.data()[k * 32 + j];
      x.data()[i * 32 + j] = gen.uniform() < 0.05 ? 1 - bit : bit;
    }
  }
  return x;
}
const models::BernoulliVaeOptions kConfig{.input = 32, .hidden = 32, .latent = 8};
}  // namespace

TEST_CASE("the score-function gradient is noisier than the relaxed one on the same batch") {
  Generator gen(7);
  models::BernoulliVae vae(kConfig, gen);
  const Tensor x = prototype_data(64, 8);
  const nn::NamedTensors encoder = models::parameters_named(vae, "encoder");
  double baseline = 0;
  {
    NoGradGuard no_grad;
    const auto f = vae.score_function_loss(x, models::open_uniforms({64, 8}, gen), 0).f;
    for (double v : f) baseline += v / double(f.size());
  }
  const models::GradientSpread sf = models::gradient_spread(encoder, 50, [&] {
    return vae.score_function_loss(x, models::open_uniforms({64, 8}, gen), baseline).loss;
  });
  const models::GradientSpread relaxed = models::gradient_spread(encoder, 50, [&] {
    return vae.relaxed_loss(x, models::open_uniforms({64, 8}, gen), 1.0).loss;
  });
  MESSAGE("encoder gradient variance: score function " << sf.variance << ", relaxed "
                                                       << relaxed.variance);
  CHECK(sf.variance > 10 * relaxed.variance);
  CHECK(relaxed.variance > 0);
}

TEST_CASE("both estimators train a binary-latent VAE") {
  const Tensor data = prototype_data(1500, 9);  // one set of prototypes for both splits
  const Tensor x = slice_rows(data, 0, 1000), test = slice_rows(data, 1000, 1500);
  for (DiscreteEstimator estimator : {DiscreteEstimator::ScoreFunction, DiscreteEstimator::GumbelSoftmax}) {
    CAPTURE(static_cast<int>(estimator));
    Generator gen(11);
    models::BernoulliVae vae(kConfig, gen);
    Generator eval(12);
    const double before = vae.negative_elbo(test, eval);
    models::train_bernoulli_vae(vae, x, {.estimator = estimator, .epochs = 30, .batch = 100, .lr = 3e-3}, gen);
    eval.reseed(12);
    const double after = vae.negative_elbo(test, eval);
    MESSAGE("test negative ELBO " << before << " -> " << after);
    CHECK(after < 0.7 * before);
  }
}

TEST_CASE("annealed_temperature goes geometrically from start to end") {
  const models::BernoulliVaeTraining t{.start_temperature = 1.0, .end_temperature = 0.25};
  CHECK(models::annealed_temperature(t, 0, 5) == doctest::Approx(1));
  CHECK(models::annealed_temperature(t, 2, 5) == doctest::Approx(0.5));
  CHECK(models::annealed_temperature(t, 4, 5) == doctest::Approx(0.25));
  CHECK(models::annealed_temperature(t, 9, 5) == doctest::Approx(0.25));
}
