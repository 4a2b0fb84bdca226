#include "models/vae.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "autograd/ops.hpp"
#include "autograd/tape.hpp"
#include "nn/losses.hpp"
#include "nn/mlp.hpp"
#include "nn/reparameterize.hpp"

namespace models {

using autograd::to_string;

namespace {

void check_options(const VaeOptions& c) {
  const auto positive = [](const char* what, int64_t value) {
    if (value < 1)
      throw std::invalid_argument(std::string("Vae: ") + what + " must be positive, got " +
                                  std::to_string(value));
  };
  positive("input", c.input);
  positive("latent", c.latent);
  positive("samples", c.samples);
  for (int64_t width : c.hidden) positive("every hidden width", width);
  if (c.fixed_log_variance && c.decoder != Likelihood::Gaussian)
    throw std::invalid_argument("Vae: fixed_log_variance applies to the Gaussian decoder only");
}

std::shared_ptr<nn::Sequential> trunk(std::vector<int64_t> widths, nn::Activation activation,
                                      autograd::Generator& gen) {
  if (widths.size() < 2) return nullptr;
  return nn::mlp(widths, gen, {.hidden = activation, .output = activation});
}

// The L samples of each example are stacked sample-major: L copies of the n rows.
Tensor repeat_rows(const Tensor& t, int64_t copies) {
  return copies == 1 ? t : autograd::concat(std::vector<Tensor>(copies, t), 0);
}

int64_t samples_in(const char* where, const Tensor& x, const Tensor& noise, int64_t latent) {
  const int64_t n = x.size(0);
  if (noise.dim() != 2 || noise.size(1) != latent || n == 0 || noise.size(0) % n != 0 ||
      noise.size(0) == 0)
    throw std::invalid_argument(std::string(where) + ": noise " + to_string(noise.shape()) +
                                " must be [k * n, " + std::to_string(latent) + "] for x " +
                                to_string(x.shape()) + " (k >= 1 samples of each of n examples)");
  return noise.size(0) / n;
}

}  // namespace

Vae::Vae(const VaeOptions& options, autograd::Generator& gen) : options_(options) {
  check_options(options);
  std::vector<int64_t> encoder_widths{options.input};
  encoder_widths.insert(encoder_widths.end(), options.hidden.begin(), options.hidden.end());
  std::vector<int64_t> decoder_widths{options.latent};
  decoder_widths.insert(decoder_widths.end(), options.hidden.rbegin(), options.hidden.rend());

  if ((encoder_trunk_ = trunk(encoder_widths, options.activation, gen)))
    register_module("encoder", encoder_trunk_);
  const int64_t code_in = encoder_widths.back();
  mean_head_ =
      register_module("encoder_mean", std::make_shared<nn::Linear>(code_in, options.latent, gen));
  log_variance_head_ = register_module("encoder_log_variance",
                                       std::make_shared<nn::Linear>(code_in, options.latent, gen));

  if ((decoder_trunk_ = trunk(decoder_widths, options.activation, gen)))
    register_module("decoder", decoder_trunk_);
  const int64_t pixels_in = decoder_widths.back();
  output_head_ = register_module("decoder_output",
                                 std::make_shared<nn::Linear>(pixels_in, options.input, gen));
  if (options.decoder == Likelihood::Gaussian && !options.fixed_log_variance)
    output_log_variance_head_ = register_module(
        "decoder_log_variance", std::make_shared<nn::Linear>(pixels_in, options.input, gen));
}

Posterior Vae::encode(const Tensor& x) {
  if (x.dim() != 2 || x.size(1) != options_.input)
    throw std::invalid_argument("Vae::encode: x must be [n, " + std::to_string(options_.input) +
                                "], got " + to_string(x.shape()));
  const Tensor h = encoder_trunk_ ? encoder_trunk_->forward(x) : x;
  return {mean_head_->forward(h), log_variance_head_->forward(h)};
}

DecoderOutput Vae::decode(const Tensor& z) {
  if (z.dim() != 2 || z.size(1) != options_.latent)
    throw std::invalid_argument("Vae::decode: z must be [m, " + std::to_string(options_.latent) +
                                "], got " + to_string(z.shape()));
  const Tensor h = decoder_trunk_ ? decoder_trunk_->forward(z) : z;
  return {output_head_->forward(h),
          output_log_variance_head_ ? output_log_variance_head_->forward(h) : Tensor{}};
}

Tensor Vae::decode_mean(const Tensor& z) {
  const Tensor out = decode(z).logits_or_mean;
  return options_.decoder == Likelihood::Bernoulli ? autograd::sigmoid(out) : out;
}

Tensor Vae::reconstruct(const Tensor& x) {
  autograd::NoGradGuard no_grad;
  return decode_mean(encode(x).mean);
}

Tensor Vae::sample(int64_t count, autograd::Generator& gen) {
  autograd::NoGradGuard no_grad;
  return decode_mean(gen.normal_tensor({count, options_.latent}));
}

NegativeElbo Vae::negative_elbo(const Tensor& x, const Tensor& noise) {
  const Posterior q = encode(x);
  const int64_t samples = samples_in("Vae::negative_elbo", x, noise, options_.latent);
  if (samples != options_.samples)
    throw std::invalid_argument("Vae::negative_elbo: noise " + to_string(noise.shape()) +
                                " holds " + std::to_string(samples) +
                                " samples per example, the options " +
                                std::to_string(options_.samples));
  const Tensor z =
      nn::reparameterize(repeat_rows(q.mean, samples), repeat_rows(q.log_variance, samples), noise);
  const DecoderOutput p = decode(z);
  const Tensor targets = repeat_rows(x, samples);
  // BatchMean over the L * n rows: the reconstruction term per example, averaged over samples.
  constexpr auto per_row = nn::Reduction::BatchMean;
  Tensor reconstruction;
  if (options_.decoder == Likelihood::Bernoulli)
    reconstruction = nn::bce_with_logits(p.logits_or_mean, targets, per_row);
  else if (options_.fixed_log_variance)
    reconstruction = nn::gaussian_nll(targets, p.logits_or_mean,
                                      static_cast<Scalar>(*options_.fixed_log_variance), per_row);
  else
    reconstruction = nn::gaussian_nll(targets, p.logits_or_mean, p.log_variance, per_row);
  const Tensor kl = nn::kl_standard_normal(q.mean, q.log_variance, per_row);
  return {reconstruction + kl, reconstruction.item(), kl.item(), reconstruction, kl};
}

Tensor NegativeElbo::with_kl_weight(Scalar beta) const {
  return reconstruction_term + kl_term * beta;
}

NegativeElbo Vae::negative_elbo(const Tensor& x, autograd::Generator& gen) {
  return negative_elbo(x, gen.normal_tensor({options_.samples * x.size(0), options_.latent}));
}

Tensor Vae::log_importance_weights(const Tensor& x, const Tensor& noise) {
  using namespace autograd;
  const Posterior q = encode(x);
  const int64_t k = samples_in("Vae::log_importance_weights", x, noise, options_.latent);
  const Tensor log_variance = repeat_rows(q.log_variance, k);
  const Tensor z = nn::reparameterize(repeat_rows(q.mean, k), log_variance, noise);
  const DecoderOutput p = decode(z);
  const Tensor t = repeat_rows(x, k);
  constexpr Scalar kLog2Pi = Scalar(1.83787706640934548356065947281);

  // log p(x | z), summed over pixels: Bernoulli t l - softplus(l);
  // Gaussian -(log sigma^2 + (t - m)^2 / sigma^2 + log 2 pi) / 2.
  Tensor log_px_given_z;
  if (options_.decoder == Likelihood::Bernoulli) {
    const Tensor& l = p.logits_or_mean;
    log_px_given_z = sum(t * l - softplus(l), 1);
  } else {
    const Tensor squared = square(t - p.logits_or_mean);
    const Tensor per_pixel = options_.fixed_log_variance
                                 ? squared * Scalar(std::exp(-*options_.fixed_log_variance)) +
                                       Scalar(*options_.fixed_log_variance)
                                 : p.log_variance + squared * exp(-p.log_variance);
    log_px_given_z = sum(per_pixel + kLog2Pi, 1) * Scalar(-0.5);
  }
  // log p(z) - log q(z | x) = -(z^2)/2 + (eps^2 + log sigma^2)/2 per dimension (z - mu = sigma eps;
  // the log 2 pi terms cancel).
  const Tensor log_prior_over_posterior =
      sum(square(noise) + log_variance - square(z), 1) * Scalar(0.5);
  return reshape(log_px_given_z + log_prior_over_posterior, {k, x.size(0)});
}

Tensor Vae::log_likelihood(const Tensor& x, const Tensor& noise, int64_t k) {
  const int64_t samples = samples_in("Vae::log_likelihood", x, noise, options_.latent);
  if (samples != k)
    throw std::invalid_argument("Vae::log_likelihood: noise " + to_string(noise.shape()) +
                                " holds " + std::to_string(samples) +
                                " samples per example, not k = " + std::to_string(k));
  return log_mean_exp(log_importance_weights(x, noise), 0);
}

Tensor Vae::log_likelihood(const Tensor& x, int64_t k, autograd::Generator& gen) {
  if (k < 1)
    throw std::invalid_argument("Vae::log_likelihood: k must be >= 1, got " + std::to_string(k));
  return log_likelihood(x, gen.normal_tensor({k * x.size(0), options_.latent}), k);
}

Tensor log_mean_exp(const Tensor& values, int64_t axis) {
  const int64_t k = values.size(axis);
  if (k == 0)
    throw std::invalid_argument("log_mean_exp: axis " + std::to_string(axis) + " of " +
                                to_string(values.shape()) + " is empty");
  return autograd::logsumexp(values, axis) - Scalar(std::log(double(k)));
}

}  // namespace models
