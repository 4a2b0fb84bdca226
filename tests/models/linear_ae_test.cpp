// A linear autoencoder trained by gradient descent approaches PCA: its reconstruction error comes
// down to PCA's from above, and its decoder's subspace turns onto the principal subspace.
#include "models/linear_ae.hpp"

#include <doctest/doctest.h>

#include "autograd/autograd.hpp"
#include "nn/adam.hpp"

using autograd::Generator;
using autograd::Tensor;
using models::Autoencoder;

TEST_CASE("a linear autoencoder approaches PCA's error from above and finds its subspace") {
  Generator gen(4);
  // Three strong directions and isotropic noise in R^10; K = 2 keeps the two strongest.
  const Tensor codes = gen.normal_tensor({600, 3});
  const Tensor scales({3}, {3.0f, 2.0f, 1.0f});
  const Tensor x = autograd::matmul(codes * scales, gen.normal_tensor({3, 10})) +
                   gen.normal_tensor({600, 10}, 0, 0.2) + gen.uniform_tensor({10}, -2, 2);
  const models::Pca pca = models::fit_pca(x, 2);
  Autoencoder ae(models::linear_autoencoder_options(10, 2), gen);
  nn::Adam adam(ae.named_parameters(), {.lr = 1e-2});

  models::PcaComparison result;
  for (int step = 1; step <= 3000; ++step) {
    adam.zero_grad();
    autograd::backward(ae.loss(x, x));
    adam.step();
    autograd::clear_tape();
    if (step % 500 == 0) {
      result = models::compare_with_pca(ae, pca, x);
      CAPTURE(step);
      CHECK(result.autoencoder_mse >= result.pca_mse * (1 - 1e-5));  // PCA is optimal
    }
  }
  MESSAGE("PCA MSE " << result.pca_mse << ", linear AE MSE " << result.autoencoder_mse
                     << ", principal angles " << result.angles[0] << ", " << result.angles[1]);
  CHECK(result.autoencoder_mse <= result.pca_mse * 1.01);
  REQUIRE(result.angles.size() == 2);
  CHECK(result.angles[1] < 0.05);
}

TEST_CASE("decoder_subspace and compare_with_pca reject what they cannot compare") {
  Generator gen(5);
  Autoencoder deep({.widths = {6, 4, 2}}, gen);
  CHECK_THROWS_WITH_AS(models::decoder_subspace(deep), doctest::Contains("linear autoencoder"),
                       std::invalid_argument);
  Autoencoder linear(models::linear_autoencoder_options(6, 2), gen);
  CHECK(models::decoder_subspace(linear).shape() == autograd::Shape{2, 6});
  const Tensor x = gen.normal_tensor({20, 6});
  CHECK_THROWS_WITH_AS(models::compare_with_pca(linear, models::fit_pca(x, 3), x),
                       doctest::Contains("3 components"), std::invalid_argument);
}
