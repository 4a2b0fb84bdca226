// Double-precision gradient checks of the layers, for inputs and parameters alike (the ops they
// are built on are checked in tests/autograd/ops/).
#include "autograd/ops.hpp"
#include "nn/dropout.hpp"
#include "nn/losses.hpp"
#include "nn/mlp.hpp"
#include "nn/reparameterize.hpp"
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::expect_gradcheck;
using testing::random_tensor;

TEST_CASE("Linear, activation layers and a two-layer mlp, through their parameters") {
  Generator gen(31);
  auto net =
      nn::mlp({3, 4, 2}, gen, {.hidden = nn::Activation::Tanh, .output = nn::Activation::Softplus});
  std::vector<Tensor> inputs = {random_tensor({5, 3}, 32)};
  for (const Tensor& p : net->parameters()) {
    for (Scalar& v : p.values()) v = gen.uniform(-1, 1);  // nonzero biases too
    inputs.push_back(p);
  }
  expect_gradcheck([&](const std::vector<Tensor>& v) { return net->forward(v[0]); }, inputs);

  for (nn::Activation kind :
       {nn::Activation::Relu, nn::Activation::LeakyRelu, nn::Activation::Sigmoid}) {
    CAPTURE(static_cast<int>(kind));
    nn::ActivationLayer layer(kind);
    Tensor x = testing::away_from_zero({3, 4}, 33);
    expect_gradcheck([&](const std::vector<Tensor>& v) { return layer(v[0]); }, {x});
  }
}

TEST_CASE("dropout with a fixed mask (the generator reseeded inside f)") {
  Generator gen(0);
  Tensor x = random_tensor({6, 5}, 34);
  expect_gradcheck(
      [&](const std::vector<Tensor>& v) {
        gen.reseed(35);
        return nn::dropout(v[0], 0.4, gen, true) * v[0];  // x used twice
      },
      {x});
}

TEST_CASE("a VAE-style objective through reparameterize with fixed noise") {
  Tensor m = random_tensor({3, 2}, 55), lv = random_tensor({3, 2}, 56);
  Tensor noise = random_tensor({3, 2}, 57, -2, 2, false),
         target = random_tensor({3, 2}, 58, 0, 1, false);
  expect_gradcheck(
      [=](const std::vector<Tensor>& v) {
        Tensor z = nn::reparameterize(v[0], v[1], noise);
        return nn::bce_with_logits(z, target, nn::Reduction::Sum) +
               nn::kl_standard_normal(v[0], v[1], nn::Reduction::Sum);
      },
      {m, lv});
}
