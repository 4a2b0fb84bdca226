// Double-precision gradient checks of the binary-latent VAE's objectives with the noise fixed:
// the relaxed (binary concrete) loss against every parameter; the score-function surrogate
// against the encoder (its constant factor f(z) - b depends on the decoder, so against the decoder
// the estimator is, by design, not the derivative of the surrogate's value; the decoder's part is
// checked as the reconstruction of fixed hard samples); the KL. And an encoder fine-tuned under a
// softmax head (models/fine_tune.hpp), end to end.
#include "models/bernoulli_vae.hpp"
#include "models/fine_tune.hpp"
#include "nn/mlp.hpp"
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::expect_gradcheck;
using testing::random_tensor;

namespace {
void move_off_init(const nn::Module& m, Generator& gen) {
  for (const Tensor& p : m.parameters())
    for (Scalar& v : p.values()) v = gen.uniform(-1, 1);
}
}  // namespace

TEST_CASE("BernoulliVae: relaxed loss, score-function surrogate, reconstruction, KL") {
  Generator gen(41);
  models::BernoulliVae vae({.input = 5, .hidden = 4, .latent = 3}, gen);
  move_off_init(vae, gen);
  const Tensor x = random_tensor({3, 5}, 42, 0, 1, false);
  const Tensor u = models::open_uniforms({3, 3}, gen);
  expect_gradcheck([&](const std::vector<Tensor>&) { return vae.relaxed_loss(x, u, 0.7).loss; },
                   vae.parameters());
  expect_gradcheck(
      [&](const std::vector<Tensor>&) { return vae.score_function_loss(x, u, 1.5).loss; },
      vae.encoder().parameters());
  const Tensor z = models::BernoulliVae::hard_sample(random_tensor({3, 3}, 43), u);
  expect_gradcheck([&](const std::vector<Tensor>&) { return sum(vae.reconstruction(x, z)); },
                   vae.parameters());
  expect_gradcheck(
      [](const std::vector<Tensor>& v) { return models::BernoulliVae::kl(v[0]); },
      {random_tensor({2, 3}, 44, -3, 3)});
}

TEST_CASE("an encoder under a softmax head: gradients reach both") {
  Generator gen(45);
  const auto encoder = nn::mlp({4, 5, 3}, gen);
  models::SoftmaxRegression head(3, 2, gen);
  move_off_init(*encoder, gen);
  move_off_init(head, gen);
  std::vector<Tensor> parameters = encoder->parameters();
  for (const Tensor& p : head.parameters()) parameters.push_back(p);
  const Tensor x = random_tensor({4, 4}, 46, -1, 1, false);
  expect_gradcheck(
      [&](const std::vector<Tensor>&) {
        return head.loss(encoder->forward(x), {0, 1, 1, 0});
      },
      parameters);
}
