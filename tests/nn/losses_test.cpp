// Loss values against their textbook formulas, stability at extreme logits, reductions, and
// thread-count independence, in the float32 build.
#include "nn/losses.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include "autograd/autograd.hpp"
#include "nn/reparameterize.hpp"

using namespace autograd;
using nn::Reduction;

namespace {
double naive_bce(double x, double t, double pos_weight) {
  const double s = 1 / (1 + std::exp(-x));
  return -(pos_weight * t * std::log(s) + (1 - t) * std::log(1 - s));
}
}  // namespace

TEST_CASE("bce_with_logits matches the textbook formula, with and without pos_weight") {
  Tensor x({2, 3}, {-2.0f, -0.5f, 0.0f, 0.3f, 1.5f, 4.0f});
  Tensor t({2, 3}, {0.0f, 1.0f, 0.5f, 1.0f, 0.0f, 1.0f});
  for (double pos_weight : {1.0, 3.5}) {
    CAPTURE(pos_weight);
    double total = 0;
    for (int64_t i = 0; i < 6; ++i) total += naive_bce(x.data()[i], t.data()[i], pos_weight);
    CHECK(nn::bce_with_logits(x, t, Reduction::Sum, Scalar(pos_weight)).item() ==
          doctest::Approx(total).epsilon(1e-6));
    CHECK(nn::bce_with_logits(x, t, Reduction::Mean, Scalar(pos_weight)).item() ==
          doctest::Approx(total / 6).epsilon(1e-6));
    CHECK(nn::bce_with_logits(x, t, Reduction::BatchMean, Scalar(pos_weight)).item() ==
          doctest::Approx(total / 2).epsilon(1e-6));
  }
}

TEST_CASE("bce_with_logits stays finite and exact at extreme logits") {
  Tensor x({4}, {100.0f, -100.0f, 100.0f, -100.0f}, true);
  Tensor t({4}, {1.0f, 1.0f, 0.0f, 0.0f});
  Tensor loss = nn::bce_with_logits(x, t, Reduction::Sum);
  CHECK(loss.item() == doctest::Approx(200.0));  // the two wrong guesses cost |x| each
  backward(loss);
  const std::vector<float> expected = {0.0f, -1.0f, 1.0f, 0.0f};  // sigmoid(x) - t
  for (int i = 0; i < 4; ++i) CHECK(x.grad_values()[i] == doctest::Approx(expected[i]));
  clear_tape();
}

TEST_CASE("bce_with_logits against sparse targets equals it against the dense matrix") {
  // 37 x 301: six blocks of the kernel, rows straddling their edges; some rows hold no target,
  // a few targets are fractional, and some logits are extreme.
  Generator gen(12);
  std::vector<int64_t> rows, cols;
  std::vector<Scalar> values;
  for (int64_t i = 0; i < 37; ++i)
    for (int64_t j = 0; j < 301; ++j)
      if (i % 5 != 3 && gen.uniform() < 0.05) {
        rows.push_back(i);
        cols.push_back(j);
        values.push_back(gen.uniform() < 0.8 ? Scalar(1) : Scalar(0.25));
      }
  const CsrMatrix sparse = CsrMatrix::from_coo(37, 301, rows, cols, values);
  const Tensor dense = sparse.to_dense();
  Tensor x = gen.normal_tensor({37, 301}, 0, 3);
  x.data()[5] = 90;
  x.data()[6] = -90;
  for (Reduction reduction : {Reduction::Sum, Reduction::Mean, Reduction::BatchMean}) {
    CAPTURE(static_cast<int>(reduction));
    Tensor xs = x.clone(), xd = x.clone();
    xs.set_requires_grad(true);
    xd.set_requires_grad(true);
    const Tensor from_sparse = nn::bce_with_logits(xs, sparse, reduction);
    const Tensor from_dense = nn::bce_with_logits(xd, dense, reduction);
    CHECK(from_sparse.item() == doctest::Approx(from_dense.item()).epsilon(1e-6));
    backward(from_sparse);
    backward(from_dense);
    for (int64_t i = 0; i < x.numel(); ++i)
      REQUIRE(xs.grad_values()[i] == doctest::Approx(xd.grad_values()[i]).epsilon(1e-6));
    clear_tape();
  }
  CHECK_THROWS_WITH_AS(nn::bce_with_logits(Tensor::zeros({37, 300}), sparse),
                       doctest::Contains("logits [37, 300] and sparse targets [37, 301]"),
                       std::invalid_argument);
}

TEST_CASE("mse, gaussian nll and the standard-normal KL against their formulas") {
  Tensor p({2, 2}, {1.0f, 2.0f, 3.0f, 4.0f}), t({2, 2}, {0.0f, 2.5f, 3.0f, 2.0f});
  CHECK(nn::mse_loss(p, t).item() == doctest::Approx((1 + 0.25 + 0 + 4) / 4.0));

  Tensor logvar({2, 2}, {0.0f, -1.0f, 0.5f, 2.0f});
  double nll = 0;
  for (int i = 0; i < 4; ++i) {
    const double r = p.data()[i] - t.data()[i], v = logvar.data()[i];
    nll += 0.5 * (v + r * r / std::exp(v) + std::log(2 * M_PI));
  }
  CHECK(nn::gaussian_nll(p, t, logvar, Reduction::Sum).item() ==
        doctest::Approx(nll).epsilon(1e-6));
  // A fixed log-variance equals a tensor full of it; a per-feature one broadcasts over rows.
  CHECK(nn::gaussian_nll(p, t, Scalar(0.5)).item() ==
        doctest::Approx(nn::gaussian_nll(p, t, Tensor::full({2, 2}, 0.5f)).item()));
  Tensor per_feature({2}, {0.0f, -1.0f});
  Tensor expanded({2, 2}, {0.0f, -1.0f, 0.0f, -1.0f});
  CHECK(nn::gaussian_nll(p, t, per_feature).item() ==
        doctest::Approx(nn::gaussian_nll(p, t, expanded).item()));
  CHECK_THROWS_WITH_AS(nn::gaussian_nll(p, t, Tensor::zeros({3})),
                       doctest::Contains("gaussian_nll"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(nn::gaussian_nll(p, t, Tensor::zeros({2, 2, 2})),
                       doctest::Contains("must broadcast"), std::invalid_argument);

  Tensor mu({1, 2}, {0.0f, 1.0f}), lv({1, 2}, {0.0f, 0.0f});
  CHECK(nn::kl_standard_normal(mu, lv, Reduction::Sum).item() == doctest::Approx(0.5));
  Tensor lv2({1, 1}, {std::log(4.0f)}), mu2({1, 1}, {0.0f});  // KL(N(0, 4) || N(0, 1))
  CHECK(nn::kl_standard_normal(mu2, lv2, Reduction::Sum).item() ==
        doctest::Approx(0.5 * (4 - 1 - std::log(4.0))));
}

TEST_CASE("loss inputs are checked") {
  CHECK_THROWS_WITH_AS(nn::bce_with_logits(Tensor::zeros({2, 3}), Tensor::zeros({3, 2})),
                       doctest::Contains("bce_with_logits: logits [2, 3] and targets [3, 2]"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(nn::mse_loss(Tensor::zeros({0, 3}), Tensor::zeros({0, 3})),
                       doctest::Contains("mean of no elements"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(
      nn::kl_standard_normal(Tensor::scalar(0), Tensor::scalar(0), Reduction::BatchMean),
      doctest::Contains("batch mean"), std::invalid_argument);
  CHECK(nn::mse_loss(Tensor::zeros({0, 3}), Tensor::zeros({0, 3}), Reduction::Sum).item() == 0);
}

TEST_CASE("a loss over many blocks is the same number on one thread and on two") {
  Generator gen(9);
  Tensor x = gen.normal_tensor({128, 784}), t = gen.bernoulli_tensor({128, 784}, 0.3);
  const int threads = num_threads();
  set_num_threads(1);
  const Scalar one = nn::bce_with_logits(x, t, Reduction::Sum).item();
  set_num_threads(2);
  const Scalar two = nn::bce_with_logits(x, t, Reduction::Sum).item();
  set_num_threads(threads);
  CHECK(std::memcmp(&one, &two, sizeof(Scalar)) == 0);
  double naive = 0;
  for (int64_t i = 0; i < x.numel(); ++i) naive += naive_bce(x.data()[i], t.data()[i], 1);
  CHECK(one == doctest::Approx(naive).epsilon(1e-6));
}

TEST_CASE("reparameterize draws mean + exp(logvar / 2) * noise") {
  Tensor mu({1, 2}, {1.0f, -1.0f}), lv({1, 2}, {0.0f, std::log(4.0f)}), noise({1, 2}, {0.5f, 2.0f});
  Tensor z = nn::reparameterize(mu, lv, noise);
  CHECK(z.at({0, 0}) == doctest::Approx(1.5));
  CHECK(z.at({0, 1}) == doctest::Approx(3.0));
  Generator a(3), b(3);
  Tensor za = nn::reparameterize(mu, lv, a), zb = nn::reparameterize(mu, lv, b);
  CHECK(std::equal(za.values().begin(), za.values().end(), zb.values().begin()));
  CHECK_THROWS_AS(nn::reparameterize(mu, lv, Tensor::zeros({2, 1})), std::invalid_argument);
}
