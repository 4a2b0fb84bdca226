// bernoulli_vae.hpp: a VAE with binary latents, trained by the score-function estimator or by
// the binary concrete relaxation.
#include "models/bernoulli_vae.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "autograd/ops.hpp"
#include "autograd/tape.hpp"
#include "nn/mlp.hpp"

namespace models {

using autograd::log_sigmoid;
using autograd::sigmoid;
using autograd::softplus;

BernoulliVae::BernoulliVae(const BernoulliVaeOptions& options, autograd::Generator& gen)
    : options_(options) {
  encoder_ =
      register_module("encoder", nn::mlp({options.input, options.hidden, options.latent}, gen));
  decoder_ =
      register_module("decoder", nn::mlp({options.latent, options.hidden, options.input}, gen));
}

Tensor BernoulliVae::encode(const Tensor& x) {
  if (x.dim() != 2 || x.size(1) != options_.input)
    throw std::invalid_argument("BernoulliVae::encode: x must be [n, " +
                                std::to_string(options_.input) + "], got " +
                                autograd::to_string(x.shape()));
  return (*encoder_)(x);
}

Tensor BernoulliVae::decode(const Tensor& z) { return (*decoder_)(z); }

// -log Bernoulli(x | sigmoid(a)) = softplus(a) - x a, summed over pixels.
Tensor BernoulliVae::reconstruction(const Tensor& x, const Tensor& z) {
  const Tensor a = decode(z);
  return autograd::sum(softplus(a) - x * a, 1);
}

// q log 2q + (1 - q) log 2(1 - q) with log q = log_sigmoid(l), log(1 - q) = log_sigmoid(-l).
Tensor BernoulliVae::kl(const Tensor& logits) {
  const Tensor q = sigmoid(logits);
  const Tensor per_unit = q * log_sigmoid(logits) + (1 - q) * log_sigmoid(-logits) +
                          Scalar(std::numbers::ln2);
  return autograd::sum(per_unit, 1);
}

Tensor BernoulliVae::hard_sample(const Tensor& logits, const Tensor& uniforms) {
  if (logits.shape() != uniforms.shape())
    throw std::invalid_argument("BernoulliVae::hard_sample: logits " +
                                autograd::to_string(logits.shape()) + " but uniforms " +
                                autograd::to_string(uniforms.shape()));
  Tensor z = Tensor::empty(logits.shape());
  for (int64_t i = 0; i < z.numel(); ++i)
    z.data()[i] = uniforms.data()[i] < 1 / (1 + std::exp(-logits.data()[i])) ? 1 : 0;
  return z;
}

Tensor BernoulliVae::relaxed_sample(const Tensor& logits, const Tensor& uniforms,
                                    Scalar temperature) {
  if (logits.shape() != uniforms.shape() || !(temperature > 0))
    throw std::invalid_argument("BernoulliVae::relaxed_sample: needs uniforms shaped like the "
                                "logits and a positive temperature");
  // Logistic noise log u - log(1 - u): a constant of the graph.
  Tensor noise = Tensor::empty(uniforms.shape());
  for (int64_t i = 0; i < noise.numel(); ++i) {
    const double u = uniforms.data()[i];
    noise.data()[i] = static_cast<Scalar>(std::log(u) - std::log1p(-u));
  }
  return sigmoid((logits + noise) * (1 / temperature));
}

namespace {
std::vector<double> values_of(const Tensor& t) { return {t.values().begin(), t.values().end()}; }
double mean_of(const Tensor& t) {
  double total = 0;
  for (Scalar v : t.values()) total += v;
  return total / double(t.numel());
}
}  // namespace

BernoulliVae::Estimate BernoulliVae::score_function_loss(const Tensor& x, const Tensor& uniforms,
                                                         double baseline) {
  const Tensor logits = encode(x);
  const Tensor z = hard_sample(logits, uniforms);
  const Tensor f = reconstruction(x, z);
  const Tensor kl_term = kl(logits);
  // log q(z | x) = sum_j z_j log_sigmoid(l_j) + (1 - z_j) log_sigmoid(-l_j)
  const Tensor log_q = autograd::sum(z * log_sigmoid(logits) + (1 - z) * log_sigmoid(-logits), 1);
  Tensor advantage = Tensor::empty(f.shape());  // f - b, held constant: no gradient through it
  for (int64_t i = 0; i < f.numel(); ++i)
    advantage.data()[i] = static_cast<Scalar>(f.data()[i] - baseline);
  const Tensor loss = autograd::mean(f + advantage * log_q + kl_term);
  return {loss, values_of(f), mean_of(f) + mean_of(kl_term)};
}

BernoulliVae::Estimate BernoulliVae::relaxed_loss(const Tensor& x, const Tensor& uniforms,
                                                  Scalar temperature) {
  const Tensor logits = encode(x);
  const Tensor f = reconstruction(x, relaxed_sample(logits, uniforms, temperature));
  const Tensor kl_term = kl(logits);
  return {autograd::mean(f + kl_term), values_of(f), mean_of(f) + mean_of(kl_term)};
}

double BernoulliVae::negative_elbo(const Tensor& x, autograd::Generator& gen) {
  autograd::NoGradGuard no_grad;
  const Tensor logits = encode(x);
  const Tensor z = hard_sample(logits, open_uniforms(logits.shape(), gen));
  return mean_of(reconstruction(x, z)) + mean_of(kl(logits));
}

Tensor open_uniforms(const autograd::Shape& shape, autograd::Generator& gen) {
  Tensor u = Tensor::empty(shape);
  for (Scalar& v : u.values()) {
    do v = static_cast<Scalar>(gen.uniform());
    while (!(v > 0 && v < 1));  // float rounding can reach 1
  }
  return u;
}

}  // namespace models
