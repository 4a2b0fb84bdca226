// Double-precision gradient checks: the fused N^2 loss, pair_dot, and whole GAE and VGAE losses,
// with and without the feature decoder.
#include <algorithm>
#include <cmath>

#include "autograd/sparse/graph.hpp"
#include "models/graph_autoencoder.hpp"
#include "nn/inner_product_bce.hpp"
#include "tests/gradcheck/check.hpp"

using namespace autograd;
using models::LinkLoss;
using testing::expect_gradcheck;
using testing::random_tensor;

namespace {
const std::vector<std::pair<int64_t, int64_t>> kEdges = {{0, 1}, {1, 2}, {2, 3},
                                                         {3, 4}, {4, 0}, {1, 4}};
}

TEST_CASE("inner_product_bce and pair_dot") {
  const CsrMatrix adjacency = adjacency_from_edges(5, kEdges);
  const auto targets = models::LinkTargets::from_training_adjacency(adjacency);
  Tensor z = random_tensor({5, 3}, 1);
  expect_gradcheck(
      [&](const std::vector<Tensor>& v) {
        return nn::inner_product_bce(v[0], targets.labels, targets.pos_weight, targets.norm);
      },
      {z});
  Tensor one = random_tensor({1, 1}, 2);  // a single node, its own positive pair
  const CsrMatrix self = add_self_loops(CsrMatrix::from_coo(1, 1, {}, {}, {}));
  expect_gradcheck(
      [&](const std::vector<Tensor>& v) { return nn::inner_product_bce(v[0], self, 2.0, 0.5); },
      {one});
  expect_gradcheck(
      [](const std::vector<Tensor>& v) {
        return pair_dot(v[0], {0, 2, 2, 4}, {1, 2, 3, 0});
      },
      {z});
  CHECK_THROWS_AS(
      nn::inner_product_bce(z,
                            CsrMatrix::from_coo(5, 5, std::vector<int64_t>{0},
                                                std::vector<int64_t>{1}, std::vector<Scalar>{1}),
                            1, 1),
      std::invalid_argument);
}

namespace {
// A random symmetric 0/1 pattern; the diagonal is set for only some nodes.
CsrMatrix random_symmetric_pattern(int64_t n, double density, unsigned seed) {
  Generator gen(seed);
  std::vector<int64_t> rows, cols;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = i; j < n; ++j)
      if (gen.uniform() < (i == j ? 0.5 : density)) {
        rows.push_back(i);
        cols.push_back(j);
        if (i != j) {
          rows.push_back(j);
          cols.push_back(i);
        }
      }
  return CsrMatrix::from_coo(n, n, rows, cols, std::vector<Scalar>(rows.size(), 1));
}

// The definition, pair by pair over all N^2 pairs.
double naive_inner_product_bce(const Tensor& z, const CsrMatrix& t, double pos_weight,
                               double norm) {
  const int64_t n = z.size(0), d = z.size(1);
  const Tensor dense = t.to_dense();
  double total = 0;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double x = 0;
      for (int64_t k = 0; k < d; ++k) x += z.data()[i * d + k] * z.data()[j * d + k];
      const double softplus = std::log1p(std::exp(-std::abs(x))) + std::max(x, 0.0);
      total += dense.data()[i * n + j] != 0 ? pos_weight * (softplus - x) : softplus;
    }
  return norm * total / double(n * n);
}
}  // namespace

TEST_CASE("inner_product_bce over several row blocks and column tiles") {
  // 270 nodes: 9 row blocks (the last one partial), 2 column tiles, rows not a multiple of 4.
  for (int64_t n : {270, 37}) {
    CAPTURE(n);
    const CsrMatrix t = random_symmetric_pattern(n, 0.03, unsigned(n));
    Tensor z = random_tensor({n, 2}, 5);
    const Tensor value = nn::inner_product_bce(z, t, 7.5, 0.6);
    CHECK(value.item() == doctest::Approx(naive_inner_product_bce(z, t, 7.5, 0.6)).epsilon(1e-12));
    expect_gradcheck(
        [&](const std::vector<Tensor>& v) { return nn::inner_product_bce(v[0], t, 7.5, 0.6); },
        {z});
  }
}

TEST_CASE("GAE and VGAE losses, every reconstruction kind, fixed noise") {
  const CsrMatrix adjacency = adjacency_from_edges(5, kEdges);
  const CsrMatrix a_hat = gcn_normalize(adjacency);
  const auto targets = models::LinkTargets::from_training_adjacency(adjacency);
  const CsrMatrix features = CsrMatrix::from_coo(5, 3, std::vector<int64_t>{0, 1, 2, 3, 4, 4},
                                                 std::vector<int64_t>{0, 1, 2, 0, 1, 2},
                                                 std::vector<Scalar>{1, 1, 1, 1, 1, 1});
  const std::vector<models::NodePair> negatives = {{0, 2}, {0, 3}, {1, 3}, {2, 4}, {3, 1}, {2, 0}};
  for (bool variational : {false, true})
    for (LinkLoss kind : {LinkLoss::Dense, LinkLoss::Fused, LinkLoss::Sampled})
      for (bool featureless : {false, true}) {
        CAPTURE(variational);
        CAPTURE(static_cast<int>(kind));
        CAPTURE(featureless);
        Generator gen(7);
        models::GraphAutoencoder model(featureless ? 5 : 3,
                                       {.variational = variational, .hidden = 4, .latent = 2}, gen);
        const Tensor noise = gen.normal_tensor({5, 2});
        expect_gradcheck(
            [&](const std::vector<Tensor>&) {
              const auto e = model.encode(a_hat, featureless ? nullptr : &features, noise);
              return model.loss(e, targets, kind, negatives);
            },
            model.parameters());
      }
}

TEST_CASE("GAE and VGAE with the feature decoder: the combined objective, fixed noise") {
  const CsrMatrix adjacency = adjacency_from_edges(5, kEdges);
  const CsrMatrix a_hat = gcn_normalize(adjacency);
  const auto targets = models::LinkTargets::from_training_adjacency(adjacency);
  // 0/1 features, one of them fractional: the Bernoulli term takes targets in [0, 1].
  const CsrMatrix features = CsrMatrix::from_coo(5, 4, std::vector<int64_t>{0, 0, 1, 2, 3, 3, 4},
                                                 std::vector<int64_t>{0, 3, 1, 2, 0, 3, 1},
                                                 std::vector<Scalar>{1, 1, 1, 1, 0.5, 1, 1});
  const models::FeatureTargets feature_targets{a_hat, features};
  const std::vector<models::NodePair> negatives = {{0, 2}, {0, 3}, {1, 3}, {2, 4}, {3, 1}, {2, 0}};
  for (bool variational : {false, true})
    for (LinkLoss kind : {LinkLoss::Dense, LinkLoss::Fused, LinkLoss::Sampled}) {
      CAPTURE(variational);
      CAPTURE(static_cast<int>(kind));
      Generator gen(9);
      models::GraphAutoencoder model(4,
                                     {.variational = variational,
                                      .hidden = 4,
                                      .latent = 2,
                                      .feature_decoder = true,
                                      .feature_weight = 1.5},
                                     gen);
      // Off their initial values: the decoder's biases start at zero, which would hide them.
      for (Tensor& p : model.parameters())
        for (Scalar& v : p.values()) v += gen.uniform(-0.3, 0.3);
      const Tensor noise = gen.normal_tensor({5, 2});
      expect_gradcheck(
          [&](const std::vector<Tensor>&) {
            const auto e = model.encode(a_hat, &features, noise);
            return model.loss(e, targets, kind, negatives, &feature_targets);
          },
          model.parameters());
    }
}

TEST_CASE("VGAE loss with the KL weighted, as during a warm-up") {
  const CsrMatrix adjacency = adjacency_from_edges(5, kEdges);
  const CsrMatrix a_hat = gcn_normalize(adjacency);
  const auto targets = models::LinkTargets::from_training_adjacency(adjacency);
  Generator gen(11);
  models::GraphAutoencoder model(5, {.variational = true, .hidden = 4, .latent = 2}, gen);
  const Tensor noise = gen.normal_tensor({5, 2});
  expect_gradcheck(
      [&](const std::vector<Tensor>&) {
        const auto e = model.encode(a_hat, nullptr, noise);
        return model.loss_terms(e, targets, LinkLoss::Fused).total(0.3);
      },
      model.parameters());
}
