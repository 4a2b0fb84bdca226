// One seed fixes a whole training run: initial weights, data shuffling, dropout masks and
// reparameterization noise all come from the same Generator, so on one thread the same seed
// gives the same sequence of losses, bit for bit.
#include <doctest/doctest.h>

#include <cstring>

#include "autograd/autograd.hpp"
#include "nn/adam.hpp"
#include "nn/clip.hpp"
#include "nn/dropout.hpp"
#include "nn/losses.hpp"
#include "nn/mlp.hpp"
#include "nn/reparameterize.hpp"

using namespace autograd;

namespace {

// A miniature VAE with dropout in its encoder.
struct TinyVae : nn::Module {
  explicit TinyVae(Generator& gen) {
    trunk = register_module("trunk", nn::mlp({6, 8}, gen, {.output = nn::Activation::Relu}));
    dropout = register_module("dropout", std::make_shared<nn::Dropout>(0.2, gen));
    mean = register_module("mean", std::make_shared<nn::Linear>(8, 2, gen));
    logvar = register_module("logvar", std::make_shared<nn::Linear>(8, 2, gen));
    decoder = register_module("decoder", nn::mlp({2, 8, 6}, gen));
  }
  std::shared_ptr<nn::Sequential> trunk, decoder;
  std::shared_ptr<nn::Dropout> dropout;
  std::shared_ptr<nn::Linear> mean, logvar;
};

std::vector<float> train(uint64_t seed) {
  Generator gen(seed);
  const Tensor data = gen.bernoulli_tensor({64, 6}, 0.4);
  TinyVae vae(gen);
  nn::Adam adam(vae.named_parameters(), {.lr = 0.01});
  std::vector<float> losses;
  for (int epoch = 0; epoch < 3; ++epoch) {
    const std::vector<int64_t> order = gen.permutation(64);
    for (int64_t first = 0; first < 64; first += 16) {
      const Tensor x = index_select(
          data, std::vector<int64_t>(order.begin() + first, order.begin() + first + 16));
      adam.zero_grad();
      const Tensor h = vae.dropout->forward(vae.trunk->forward(x));
      const Tensor mu = vae.mean->forward(h), lv = vae.logvar->forward(h);
      const Tensor z = nn::reparameterize(mu, lv, gen);
      const Tensor loss =
          nn::bce_with_logits(vae.decoder->forward(z), x, nn::Reduction::BatchMean) +
          nn::kl_standard_normal(mu, lv, nn::Reduction::BatchMean);
      backward(loss);
      nn::clip_grad_norm(vae.parameters(), 5);
      adam.step();
      losses.push_back(loss.item());
      clear_tape();
    }
  }
  return losses;
}

}  // namespace

TEST_CASE("the same seed gives the same loss sequence bit for bit; another seed does not") {
  const int threads = num_threads();
  set_num_threads(1);
  const std::vector<float> first = train(11), second = train(11), other = train(12);
  set_num_threads(threads);
  REQUIRE(first.size() == 12);
  CHECK(std::memcmp(first.data(), second.data(), first.size() * sizeof(float)) == 0);
  CHECK(std::memcmp(first.data(), other.data(), first.size() * sizeof(float)) != 0);
  CHECK(first.back() < first.front());  // and it does learn
}
