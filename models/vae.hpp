#pragma once
// Variational autoencoder (Kingma & Welling, "Auto-Encoding Variational Bayes", 2014).
//
// A latent variable model p(x, z) = p(z) p(x | z): a prior p(z) = N(0, I) and a decoder network
// that turns z into the parameters of p(x | z). An encoder network gives an approximate
// posterior q(z | x) = N(mu(x), diag sigma^2(x)), and both networks are trained together to
// maximize the evidence lower bound on log p(x),
//
//   ELBO(x) = E_q(z|x)[log p(x | z)] - KL(q(z | x) || p(z)),
//
// the expectation estimated with L samples z = mu + sigma * eps, eps ~ N(0, I) (the
// reparameterization trick: the randomness sits in eps, so gradients reach mu and sigma), the KL
// in closed form. The loss is the negative ELBO per example.
//
// Decoders: Bernoulli (one logit per pixel: binary cross-entropy) or Gaussian (a mean and a
// log-variance per pixel, or one fixed variance).
//
// For evaluation, the importance-weighted estimate (Burda, Grosse & Salakhutdinov, 2016)
//
//   log p(x) ~ log (1/k) sum_i p(x, z_i) / q(z_i | x),   z_i ~ q(z | x),
//
// which for k = 1 is a one-sample ELBO and tightens towards log p(x) as k grows.
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "autograd/random.hpp"
#include "nn/activation.hpp"
#include "nn/linear.hpp"
#include "nn/module.hpp"
#include "nn/sequential.hpp"

namespace models {

using autograd::Scalar;
using autograd::Tensor;

enum class Likelihood { Bernoulli, Gaussian };

struct VaeOptions {
  int64_t input = 784;
  std::vector<int64_t> hidden = {400};  // the encoder's hidden widths; the decoder mirrors them
  int64_t latent = 20;
  nn::Activation activation = nn::Activation::Relu;
  Likelihood decoder = Likelihood::Bernoulli;
  // Gaussian decoder only: one fixed log-variance for every pixel instead of a learned one each.
  std::optional<double> fixed_log_variance{};
  int64_t samples = 1;  // L, the latent samples per example in the ELBO estimate
};

// q(z | x) = N(mean, diag exp(log_variance)), each [n, latent].
struct Posterior {
  Tensor mean, log_variance;
};

// The parameters of p(x | z), each [m, input]: Bernoulli logits; or a Gaussian mean and its
// log-variance (undefined when the variance is fixed).
struct DecoderOutput {
  Tensor logits_or_mean, log_variance;
};

struct NegativeElbo {
  Tensor loss;              // scalar, per example: reconstruction + kl; what training minimizes
  Scalar reconstruction{};  // -E_q[log p(x | z)] per example (averaged over the L samples)
  Scalar kl{};              // KL(q(z | x) || p(z)) per example
  Tensor reconstruction_term, kl_term;  // the two scalar tensors summed in `loss`
  // reconstruction + beta * KL: the objective during a KL warm-up (latent_usage.hpp), beta in [0, 1].
  Tensor with_kl_weight(Scalar beta) const;
};

class Vae : public nn::Module {
 public:
  Vae(const VaeOptions& options, autograd::Generator& gen);

  Posterior encode(const Tensor& x);                       // x [n, input]
  DecoderOutput decode(const Tensor& z);                   // z [m, latent]
  Tensor decode_mean(const Tensor& z);                     // E[x | z]: sigmoid(logits), or the mean
  Tensor reconstruct(const Tensor& x);                     // decode_mean of the posterior mean
  Tensor sample(int64_t count, autograd::Generator& gen);  // decode_mean of z ~ p(z)

  // The negative ELBO of the batch x [n, input] with the given standard normal noise
  // [L * n, latent]: rows l * n ... l * n + n - 1 are the l-th sample of every example.
  NegativeElbo negative_elbo(const Tensor& x, const Tensor& noise);
  NegativeElbo negative_elbo(const Tensor& x, autograd::Generator& gen);  // draws the noise

  // log w = log p(x | z) + log p(z) - log q(z | x) for z = mu + sigma * noise, one per row of
  // noise [k * n, latent] (sample-major as above): the importance log-weights, [k, n].
  Tensor log_importance_weights(const Tensor& x, const Tensor& noise);

  // The importance-weighted estimate of log p(x) per example, [n], from k samples each:
  // log_mean_exp of the log-weights over the samples. Differentiable; wrap in a NoGradGuard
  // to evaluate.
  Tensor log_likelihood(const Tensor& x, const Tensor& noise, int64_t k);
  Tensor log_likelihood(const Tensor& x, int64_t k, autograd::Generator& gen);

  const VaeOptions& options() const { return options_; }

 private:
  VaeOptions options_;
  std::shared_ptr<nn::Sequential> encoder_trunk_, decoder_trunk_;  // null without hidden layers
  std::shared_ptr<nn::Linear> mean_head_, log_variance_head_;      // q(z | x)
  std::shared_ptr<nn::Linear> output_head_, output_log_variance_head_;  // p(x | z)
};

// log (1/k) sum_i exp(v_i) along `axis` (k its extent), without overflow: logsumexp - log k.
Tensor log_mean_exp(const Tensor& values, int64_t axis);

}  // namespace models
