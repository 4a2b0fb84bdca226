#include "models/autoencoder.hpp"

#include <stdexcept>
#include <string>

#include "autograd/ops.hpp"
#include "nn/losses.hpp"
#include "nn/mlp.hpp"

namespace models {

namespace {

void check_options(const AutoencoderOptions& options) {
  if (options.widths.size() < 2)
    throw std::invalid_argument(
        "Autoencoder: widths needs at least an input and a code width, got " +
        std::to_string(options.widths.size()));
  for (int64_t width : options.widths)
    if (width < 1)
      throw std::invalid_argument("Autoencoder: every width must be positive, got " +
                                  std::to_string(width));
}

}  // namespace

Autoencoder::Autoencoder(const AutoencoderOptions& options, autograd::Generator& gen)
    : options_(options) {
  check_options(options);
  // Hidden layers of both halves are activated; the code and the decoder's output are not
  // (the output is a logit or a real value, and the loss interprets it).
  nn::MlpOptions layers{.hidden = options.hidden, .output = nn::Activation::Identity};
  encoder_ = register_module("encoder", nn::mlp(options.widths, gen, layers));
  const std::vector<int64_t> mirrored(options.widths.rbegin(), options.widths.rend());
  decoder_ = register_module("decoder", nn::mlp(mirrored, gen, layers));
}

Tensor Autoencoder::encode(const Tensor& x) {
  return encoder_->forward(x);
}

Tensor Autoencoder::decode(const Tensor& codes) {
  return decoder_->forward(codes);
}

Tensor Autoencoder::reconstruct(const Tensor& x) {
  const Tensor output = decode(encode(x));
  return options_.reconstruction == Reconstruction::BernoulliLogits ? autograd::sigmoid(output)
                                                                    : output;
}

Tensor Autoencoder::corrupt(const Tensor& x, autograd::Generator& gen) const {
  return models::corrupt(x, options_.corruption, gen);
}

Tensor Autoencoder::loss(const Tensor& input, const Tensor& target) {
  const Tensor output = decode(encode(input));
  switch (options_.reconstruction) {
    case Reconstruction::SquaredError:
      return nn::mse_loss(output, target, nn::Reduction::Mean);
    case Reconstruction::BernoulliLogits:
      return nn::bce_with_logits(output, target, nn::Reduction::BatchMean);
  }
  throw std::invalid_argument("Autoencoder::loss: unknown Reconstruction value");
}

Tensor add_gaussian_noise(const Tensor& x, double stddev, autograd::Generator& gen) {
  if (!(stddev >= 0))
    throw std::invalid_argument("add_gaussian_noise: stddev must be >= 0, got " +
                                std::to_string(stddev));
  Tensor noisy = x.clone();
  for (autograd::Scalar& v : noisy.values())
    v += static_cast<autograd::Scalar>(gen.normal(0, stddev));
  return noisy;
}

Tensor mask_noise(const Tensor& x, double p, autograd::Generator& gen) {
  if (!(p >= 0 && p <= 1))
    throw std::invalid_argument("mask_noise: p must be in [0, 1], got " + std::to_string(p));
  Tensor masked = x.clone();
  for (autograd::Scalar& v : masked.values())
    if (gen.bernoulli(p)) v = 0;
  return masked;
}

Tensor corrupt(const Tensor& x, const Corruption& corruption, autograd::Generator& gen) {
  switch (corruption.kind) {
    case NoiseKind::None:
      return x;
    case NoiseKind::Gaussian:
      return add_gaussian_noise(x, corruption.level, gen);
    case NoiseKind::Masking:
      return mask_noise(x, corruption.level, gen);
  }
  throw std::invalid_argument("corrupt: unknown NoiseKind value");
}

}  // namespace models
