// The VAE's behaviour: training lowers the negative ELBO; the importance-weighted estimate is the
// ELBO for k = 1 and exceeds it for larger k; shapes and configurations are checked.
#include "models/vae.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "autograd/autograd.hpp"
#include "datasets/idx.hpp"
#include "nn/adam.hpp"
#include "tests/data_suites.hpp"

using autograd::Generator;
using autograd::NoGradGuard;
using autograd::Scalar;
using autograd::Tensor;
using models::Likelihood;
using models::Vae;

namespace {

Tensor rows(const Tensor& data, int64_t begin, int64_t count) {
  const int64_t width = data.size(1);
  return Tensor({count, width}, std::vector<Scalar>(data.data() + begin * width,
                                                    data.data() + (begin + count) * width));
}

// n binary vectors of 12 pixels: one of three prototypes with 10% of its pixels flipped.
Tensor noisy_prototypes(int64_t n, Generator& gen) {
  const int prototypes[3][12] = {{1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0},
                                 {0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1},
                                 {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0}};
  Tensor x = Tensor::zeros({n, 12});
  for (int64_t i = 0; i < n; ++i)
    for (int j = 0; j < 12; ++j)
      x.data()[i * 12 + j] = static_cast<Scalar>(prototypes[i % 3][j] ^ gen.bernoulli(0.1));
  return x;
}

void train(Vae& vae, const Tensor& data, int64_t batch, int steps, Generator& gen) {
  nn::Adam adam(vae.named_parameters(), {.lr = 3e-3});
  const int64_t batches = data.size(0) / batch;
  for (int step = 0; step < steps; ++step) {
    adam.zero_grad();
    autograd::backward(vae.negative_elbo(rows(data, (step % batches) * batch, batch), gen).loss);
    adam.step();
    autograd::clear_tape();
  }
}

struct MeanAndError {
  double mean, standard_error;
};

template <class Draw>
MeanAndError average(int draws, Draw draw) {
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < draws; ++i) {
    const double v = draw();
    sum += v;
    sum_sq += v * v;
  }
  const double mean = sum / draws;
  return {mean, std::sqrt(std::max(0.0, sum_sq / draws - mean * mean) / draws)};
}

}  // namespace

TEST_CASE("a small VAE trained a few hundred steps on MNIST digits halves its negative ELBO" *
          doctest::test_suite("shared_datasets")) {
  const datasets::ImageDataset digits =
      datasets::load_mnist_split((tests::shared_datasets_dir() / "mnist").string(), "t10k");
  const int64_t n = 2000;
  const Tensor data({n, 784},
                    std::vector<Scalar>(digits.images.begin(), digits.images.begin() + n * 784));
  Generator gen(1);
  Vae vae({.input = 784, .hidden = {128}, .latent = 8}, gen);
  const Tensor held_out =
      Tensor({200, 784}, std::vector<Scalar>(digits.images.end() - 200 * 784, digits.images.end()));
  const Tensor held_out_noise = gen.normal_tensor({200, 8});
  const auto evaluate = [&] {
    NoGradGuard no_grad;
    return vae.negative_elbo(held_out, held_out_noise).loss.item();
  };
  const double before = evaluate();
  train(vae, data, 100, 400, gen);
  const double after = evaluate();
  MESSAGE("negative ELBO per image of held-out digits: " << before << " before, " << after
                                                         << " after");
  CHECK(before > 500);  // about 784 log 2: every pixel a coin flip
  CHECK(after < 0.5 * before);
}

TEST_CASE("importance-weighted log-likelihood: the ELBO for k = 1, above it for large k") {
  Generator gen(2);
  const Tensor data = noisy_prototypes(300, gen);
  Vae vae({.input = 12, .hidden = {16}, .latent = 2}, gen);
  train(vae, data, 30, 300, gen);

  NoGradGuard no_grad;
  const Tensor x = rows(data, 0, 30);
  // The ELBO with its KL in closed form, and the mean one-sample log-weight: two estimators of
  // the same number.
  const MeanAndError elbo =
      average(400, [&] { return -double(vae.negative_elbo(x, gen).loss.item()); });
  const MeanAndError iwae_1 =
      average(400, [&] { return double(autograd::mean(vae.log_likelihood(x, 1, gen)).item()); });
  const MeanAndError iwae_64 =
      average(40, [&] { return double(autograd::mean(vae.log_likelihood(x, 64, gen)).item()); });
  MESSAGE("ELBO " << elbo.mean << " +- " << elbo.standard_error << ", IWAE k=1 " << iwae_1.mean
                  << " +- " << iwae_1.standard_error << ", k=64 " << iwae_64.mean << " +- "
                  << iwae_64.standard_error);
  const double both_errors = std::hypot(elbo.standard_error, iwae_1.standard_error);
  CHECK(std::abs(iwae_1.mean - elbo.mean) < 4 * both_errors);
  CHECK(iwae_64.mean > elbo.mean + 4 * std::hypot(elbo.standard_error, iwae_64.standard_error));
}

TEST_CASE("log_mean_exp is log of the mean of exponentials, without overflow") {
  const Tensor v({2, 2}, {0, Scalar(std::log(3.0)), 1000, 1000});
  const Tensor by_row = models::log_mean_exp(v, 1);
  CHECK(by_row.at({0}) == doctest::Approx(std::log(2.0)));
  CHECK(by_row.at({1}) == doctest::Approx(1000));
  const Tensor by_column = models::log_mean_exp(v, 0);
  CHECK(by_column.at({0}) == doctest::Approx(1000 - std::log(2.0)));
  CHECK_THROWS_WITH_AS(models::log_mean_exp(Tensor::zeros({0, 3}), 0), doctest::Contains("empty"),
                       std::invalid_argument);
}

TEST_CASE("vae shapes: encode, decode, samples, and errors naming the shapes") {
  Generator gen(3);
  Vae bernoulli({.input = 10, .hidden = {6}, .latent = 3}, gen);
  const Tensor x = gen.uniform_tensor({4, 10});
  const models::Posterior q = bernoulli.encode(x);
  CHECK(q.mean.shape() == autograd::Shape{4, 3});
  CHECK(q.log_variance.shape() == autograd::Shape{4, 3});
  CHECK(bernoulli.reconstruct(x).shape() == autograd::Shape{4, 10});
  const Tensor samples = bernoulli.sample(5, gen);
  CHECK(samples.shape() == autograd::Shape{5, 10});
  for (Scalar v : samples.values()) CHECK((v > 0 && v < 1));  // Bernoulli means
  CHECK(bernoulli.log_likelihood(x, 7, gen).shape() == autograd::Shape{4});
  CHECK_FALSE(bernoulli.decode(q.mean).log_variance.defined());

  Vae gaussian({.input = 10, .hidden = {6}, .latent = 3, .decoder = Likelihood::Gaussian}, gen);
  CHECK(gaussian.decode(q.mean).log_variance.shape() == autograd::Shape{4, 10});
  Vae fixed({.input = 10,
             .hidden = {6},
             .latent = 3,
             .decoder = Likelihood::Gaussian,
             .fixed_log_variance = -2.0},
            gen);
  CHECK_FALSE(fixed.decode(q.mean).log_variance.defined());
  CHECK(fixed.parameter_count() < gaussian.parameter_count());

  CHECK_THROWS_WITH_AS(bernoulli.encode(Tensor::zeros({4, 9})),
                       doctest::Contains("Vae::encode: x must be [n, 10]"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(bernoulli.negative_elbo(x, Tensor::zeros({5, 3})),
                       doctest::Contains("noise [5, 3]"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(bernoulli.negative_elbo(x, Tensor::zeros({8, 3})),
                       doctest::Contains("2 samples"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(Vae({.input = 10, .latent = 0}, gen),
                       doctest::Contains("latent must be positive"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(Vae({.input = 10, .fixed_log_variance = 0.0}, gen),
                       doctest::Contains("Gaussian decoder only"), std::invalid_argument);
}
