// The full loss of every autoencoder, checked in double precision against every parameter, with
// any corruption noise drawn once before the check (the loss must be a fixed function).
#include "autograd/autograd.hpp"
#include "models/autoencoder.hpp"
#include "models/linear_ae.hpp"
#include "tests/autograd/gradcheck/check.hpp"

using autograd::Generator;
using autograd::Tensor;
using models::Autoencoder;
using models::AutoencoderOptions;
using models::NoiseKind;
using models::Reconstruction;
using testing::expect_gradcheck;
using testing::random_tensor;

namespace {

void check_loss(Autoencoder& ae, const Tensor& input, const Tensor& target) {
  expect_gradcheck([&](const std::vector<Tensor>&) { return ae.loss(input, target); },
                   ae.parameters());
}

}  // namespace

TEST_CASE("autoencoder loss, binary cross-entropy and squared error") {
  for (Reconstruction reconstruction :
       {Reconstruction::BernoulliLogits, Reconstruction::SquaredError}) {
    CAPTURE(static_cast<int>(reconstruction));
    Generator gen(3);
    Autoencoder ae(
        {.widths = {6, 5, 3}, .hidden = nn::Activation::Tanh, .reconstruction = reconstruction},
        gen);
    const Tensor x = random_tensor({4, 6}, 11, 0, 1, false);
    check_loss(ae, x, x);
  }
}

TEST_CASE("autoencoder with ReLU and two hidden layers; a single example") {
  Generator gen(4);
  Autoencoder ae({.widths = {5, 4, 4, 2}}, gen);
  const Tensor x = random_tensor({1, 5}, 12, 0, 1, false);
  check_loss(ae, x, x);
}

TEST_CASE("denoising autoencoder: Gaussian and masking noise, clean targets") {
  for (NoiseKind kind : {NoiseKind::Gaussian, NoiseKind::Masking}) {
    CAPTURE(static_cast<int>(kind));
    Generator gen(5);
    Autoencoder dae({.widths = {6, 4, 3},
                     .hidden = nn::Activation::Tanh,
                     .reconstruction = Reconstruction::BernoulliLogits,
                     .corruption = {kind, 0.3}},
                    gen);
    const Tensor clean = random_tensor({3, 6}, 13, 0, 1, false);
    const Tensor noisy = dae.corrupt(clean, gen);
    check_loss(dae, noisy, clean);
  }
}

TEST_CASE("linear autoencoder, squared error") {
  Generator gen(6);
  Autoencoder ae(models::linear_autoencoder_options(5, 2), gen);
  const Tensor x = random_tensor({7, 5}, 14, -2, 2, false);
  check_loss(ae, x, x);
}
