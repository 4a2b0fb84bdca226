#pragma once
// A VAE with discrete latents: K binary units, q(z_j = 1 | x) = sigmoid(l_j(x)), prior
// Bernoulli(1/2) per unit, decoder p(x | z) Bernoulli per pixel (logits from an MLP of z).
//
// The KL to the prior has a closed form, KL = sum_j q_j log 2q_j + (1 - q_j) log 2(1 - q_j), but the
// reconstruction term E_q[f(z)], f(z) = -log p(x | z), does not: z is discrete, so there is no
// z = g(eps, phi) to differentiate through (the reparameterization trick does not apply). Two
// Monte Carlo gradient estimators:
//
// - Score function (REINFORCE, Williams 1992; with a baseline, Mnih & Gregor 2014):
//     d/dphi E_q[f(z)] = E_q[(f(z) - b) d/dphi log q(z | x)]
//   for any b that does not depend on z. Unbiased, with a variance that the baseline (here a
//   running mean of f, kept by the caller) reduces. Implemented as a surrogate loss whose gradient
//   is that estimate: f(z) + (f(z) - b) log q(z | x), with the factor (f(z) - b) held constant.
// - Gumbel-softmax / binary concrete relaxation (Jang et al. 2017; Maddison et al. 2017):
//     z = sigmoid((l + log u - log(1 - u)) / tau),  u ~ U(0, 1),
//   a continuous z that tends to the Bernoulli sample as tau -> 0. Differentiable, so the
//   gradient flows through z like a reparameterization; biased for tau > 0, and noisier as tau
//   falls, so tau is annealed during training.
//
// Evaluation uses hard samples z ~ Bernoulli(q): the true negative ELBO, whatever the estimator.
#include <cstdint>
#include <memory>
#include <vector>

#include "autograd/random.hpp"
#include "nn/module.hpp"
#include "nn/sequential.hpp"

namespace models {

using autograd::Scalar;
using autograd::Tensor;

struct BernoulliVaeOptions {
  int64_t input = 784;
  int64_t hidden = 256;  // one hidden ReLU layer each way
  int64_t latent = 64;   // binary units
};

class BernoulliVae : public nn::Module {
 public:
  BernoulliVae(const BernoulliVaeOptions& options, autograd::Generator& gen);
  Tensor encode(const Tensor& x);  // the logits l of q(z | x), [n, latent]
  Tensor decode(const Tensor& z);  // the pixel logits of p(x | z), [n, input]
  // -log p(x | z) per example, [n]: Bernoulli pixels, summed (z may be relaxed, in [0, 1]).
  Tensor reconstruction(const Tensor& x, const Tensor& z);
  // KL(q(z | x) || Bernoulli(1/2)^K) per example, [n], from the encoder's logits.
  static Tensor kl(const Tensor& logits);
  // Hard samples z = [u < sigmoid(l)] for uniforms u [n, latent]: not differentiable.
  static Tensor hard_sample(const Tensor& logits, const Tensor& uniforms);
  // The binary concrete sample sigmoid((l + log u - log(1 - u)) / temperature).
  static Tensor relaxed_sample(const Tensor& logits, const Tensor& uniforms, Scalar temperature);

  struct Estimate {
    Tensor loss;                  // scalar: what backward differentiates
    std::vector<double> f;        // -log p(x | z) per example, for the caller's baseline
    double negative_elbo = 0;     // mean over the batch of f + KL with these samples
  };
  // The score-function surrogate, mean over the batch: f(z) + (f(z) - baseline) log q(z | x) + KL,
  // z the hard samples of `uniforms`.
  Estimate score_function_loss(const Tensor& x, const Tensor& uniforms, double baseline);
  // The relaxed objective, mean over the batch: f(z~) + KL with z~ the binary concrete sample.
  Estimate relaxed_loss(const Tensor& x, const Tensor& uniforms, Scalar temperature);
  // The true negative ELBO per example with hard samples, averaged over the batch (no tape).
  double negative_elbo(const Tensor& x, autograd::Generator& gen);

  nn::Sequential& encoder() { return *encoder_; }
  const BernoulliVaeOptions& options() const { return options_; }

 private:
  BernoulliVaeOptions options_;
  std::shared_ptr<nn::Sequential> encoder_, decoder_;
};

// Uniforms in (0, 1), never exactly 0: safe for log u and log(1 - u).
Tensor open_uniforms(const autograd::Shape& shape, autograd::Generator& gen);

}  // namespace models
