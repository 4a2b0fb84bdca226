// Autoencoders learn: a plain one lowers its loss; a denoising one, given data on a low-dimensional
// subspace with noise added, returns outputs closer to the clean data than its noisy inputs.
// The corruptions have the advertised statistics.
#include "models/autoencoder.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "autograd/autograd.hpp"
#include "models/pca.hpp"
#include "nn/adam.hpp"

using autograd::Generator;
using autograd::NoGradGuard;
using autograd::Scalar;
using autograd::Tensor;
using models::Autoencoder;
using models::NoiseKind;
using models::Reconstruction;

namespace {

// Points on a 2-D subspace of R^16 (the rows of `basis`), coordinates N(0, 1).
Tensor subspace_data(int64_t n, const Tensor& basis, Generator& gen) {
  return autograd::matmul(gen.normal_tensor({n, 2}), basis);
}

double train(Autoencoder& ae, const Tensor& clean, int steps, Generator& gen) {
  nn::Adam adam(ae.named_parameters(), {.lr = 3e-3});
  double last = 0;
  for (int step = 0; step < steps; ++step) {
    adam.zero_grad();
    const Tensor loss = ae.loss(ae.corrupt(clean, gen), clean);
    autograd::backward(loss);
    adam.step();
    autograd::clear_tape();
    last = loss.item();
  }
  return last;
}

}  // namespace

TEST_CASE("an autoencoder lowers its reconstruction loss") {
  Generator gen(1);
  const Tensor x = subspace_data(256, gen.normal_tensor({2, 16}, 0, 0.5), gen);
  Autoencoder ae({.widths = {16, 12, 2}, .reconstruction = Reconstruction::SquaredError}, gen);
  const double before = [&] {
    NoGradGuard no_grad;
    return ae.loss(x, x).item();
  }();
  const double after = train(ae, x, 600, gen);
  MESSAGE("autoencoder MSE " << before << " -> " << after);
  CHECK(after < 0.1 * before);
}

TEST_CASE("a denoising autoencoder removes most of the noise") {
  for (NoiseKind kind : {NoiseKind::Gaussian, NoiseKind::Masking}) {
    CAPTURE(static_cast<int>(kind));
    Generator gen(2);
    const Tensor basis = gen.normal_tensor({2, 16}, 0, 0.5);
    const Tensor clean = subspace_data(512, basis, gen);
    Autoencoder dae({.widths = {16, 32, 2},
                     .hidden = nn::Activation::Tanh,
                     .reconstruction = Reconstruction::SquaredError,
                     .corruption = {kind, kind == NoiseKind::Gaussian ? 0.4 : 0.3}},
                    gen);
    train(dae, clean, 1500, gen);
    const Tensor test_clean = subspace_data(256, basis, gen);
    const Tensor noisy = dae.corrupt(test_clean, gen);
    const double noise_mse = models::mean_squared_error(noisy, test_clean);
    const double denoised_mse = models::mean_squared_error(dae.reconstruct(noisy), test_clean);
    MESSAGE("noisy input MSE " << noise_mse << ", denoised output MSE " << denoised_mse);
    CHECK(denoised_mse < 0.3 * noise_mse);
  }
}

TEST_CASE("corruptions: Gaussian noise of the given stddev, masking of the given fraction") {
  Generator gen(3);
  const Tensor zeros = Tensor::zeros({100, 100});
  const Tensor noisy = models::add_gaussian_noise(zeros, 0.5, gen);
  double sum = 0, sum_sq = 0;
  for (Scalar v : noisy.values()) sum += v, sum_sq += double(v) * v;
  CHECK(std::abs(sum / 1e4) < 0.02);
  CHECK(std::sqrt(sum_sq / 1e4) == doctest::Approx(0.5).epsilon(0.03));
  CHECK(zeros.values()[0] == 0);  // the input is left alone

  const Tensor masked = models::mask_noise(Tensor::ones({100, 100}), 0.3, gen);
  double kept = 0;
  for (Scalar v : masked.values()) kept += v;
  CHECK(kept / 1e4 == doctest::Approx(0.7).epsilon(0.03));

  const Tensor x = Tensor::ones({2, 2});
  CHECK(models::corrupt(x, {}, gen).same_as(x));
  CHECK_THROWS_WITH_AS(models::mask_noise(x, 1.5, gen), doctest::Contains("[0, 1]"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(models::add_gaussian_noise(x, -1, gen), doctest::Contains(">= 0"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(Autoencoder({.widths = {4}}, gen),
                       doctest::Contains("at least an input and a code"), std::invalid_argument);
}
