#pragma once
// Autoencoder: an encoder squeezes x into a short code, a decoder rebuilds x from it, and both are
// trained together to make the rebuilt x close to the original. The narrow code forces the
// network to keep what matters: a linear one finds the PCA subspace (see linear_ae.hpp), a deep
// one a curved manifold of the data.
//
// Denoising autoencoder (Vincent et al., 2008): the input is corrupted (additive Gaussian noise,
// or masking: a random fraction of the values set to 0) and the target stays clean, so the
// network must learn how the data is shaped to undo the damage, not just copy it.
//
//   models::Autoencoder ae({.widths = {784, 256, 32}}, gen);
//   Tensor loss = ae.loss(ae.corrupt(x, gen), x);  // a denoising step; ae.loss(x, x) plain
#include <cstdint>
#include <memory>
#include <vector>

#include "autograd/random.hpp"
#include "nn/activation.hpp"
#include "nn/module.hpp"
#include "nn/sequential.hpp"

namespace models {

using autograd::Tensor;

enum class Reconstruction {
  SquaredError,     // mean squared error against any real-valued target
  BernoulliLogits,  // binary cross-entropy with logits, for targets in [0, 1] (pixels)
};

enum class NoiseKind { None, Gaussian, Masking };

struct Corruption {
  NoiseKind kind = NoiseKind::None;
  double level = 0;  // the standard deviation (Gaussian) or the probability of zeroing (Masking)
};

struct AutoencoderOptions {
  std::vector<int64_t> widths = {784, 256, 32};  // input, hidden..., code; the decoder mirrors it
  nn::Activation hidden = nn::Activation::Relu;  // after every hidden layer of both halves
  Reconstruction reconstruction = Reconstruction::BernoulliLogits;
  Corruption corruption{};  // None: a plain autoencoder
};

class Autoencoder : public nn::Module {
 public:
  Autoencoder(const AutoencoderOptions& options, autograd::Generator& gen);

  Tensor encode(const Tensor& x);       // [n, input] -> codes [n, code]
  Tensor decode(const Tensor& codes);   // the decoder's raw output: logits, or values
  Tensor reconstruct(const Tensor& x);  // in data space: sigmoid(logits) for BernoulliLogits

  // The options's corruption of x, drawn from `gen`; x itself when the corruption is None.
  Tensor corrupt(const Tensor& x, autograd::Generator& gen) const;

  // Reconstruction loss of decode(encode(input)) against `target`, averaged over the examples
  // (summed over features for BernoulliLogits, averaged over them for SquaredError).
  Tensor loss(const Tensor& input, const Tensor& target);

  const AutoencoderOptions& options() const { return options_; }
  nn::Sequential& encoder() { return *encoder_; }
  nn::Sequential& decoder() { return *decoder_; }

 private:
  AutoencoderOptions options_;
  std::shared_ptr<nn::Sequential> encoder_, decoder_;
};

// Corruptions on their own: x + N(0, stddev^2) noise, or x with each value zeroed with
// probability p. Neither is differentiable in the noise; both return new tensors.
Tensor add_gaussian_noise(const Tensor& x, double stddev, autograd::Generator& gen);
Tensor mask_noise(const Tensor& x, double p, autograd::Generator& gen);
Tensor corrupt(const Tensor& x, const Corruption& corruption, autograd::Generator& gen);

}  // namespace models
