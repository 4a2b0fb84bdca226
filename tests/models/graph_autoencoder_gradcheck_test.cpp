// Double-precision gradient checks of whole GAE and VGAE losses, with and without the feature
// decoder (the ops they use are checked in tests/autograd/ops/).
#include "autograd/sparse/graph.hpp"
#include "models/graph_autoencoder.hpp"
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using models::LinkLoss;
using testing::expect_gradcheck;
using testing::random_tensor;

namespace {
const std::vector<std::pair<int64_t, int64_t>> kEdges = {{0, 1}, {1, 2}, {2, 3},
                                                         {3, 4}, {4, 0}, {1, 4}};
}

TEST_CASE("GAE and VGAE losses, every reconstruction kind, fixed noise") {
  const CsrMatrix adjacency = adjacency_from_edges(5, kEdges);
  const CsrMatrix a_hat = gcn_normalize(adjacency);
  const auto targets = models::LinkTargets::from_training_adjacency(adjacency);
  const CsrMatrix features = CsrMatrix::from_coo(5, 3, std::vector<int64_t>{0, 1, 2, 3, 4, 4},
                                                 std::vector<int64_t>{0, 1, 2, 0, 1, 2},
                                                 std::vector<Scalar>{1, 1, 1, 1, 1, 1});
  const std::vector<datasets::Edge> negatives = {{0, 2}, {0, 3}, {1, 3}, {2, 4}, {3, 1}, {2, 0}};
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
  const std::vector<datasets::Edge> negatives = {{0, 2}, {0, 3}, {1, 3}, {2, 4}, {3, 1}, {2, 0}};
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

TEST_CASE("a rank's shard of the sampled loss, with the feature decoder (data-parallel VGAE)") {
  const CsrMatrix adjacency = adjacency_from_edges(5, kEdges);
  const CsrMatrix a_hat = gcn_normalize(adjacency);
  const auto targets = models::LinkTargets::from_training_adjacency(adjacency);
  const CsrMatrix features = CsrMatrix::from_coo(5, 3, std::vector<int64_t>{0, 1, 2, 3, 4, 4},
                                                 std::vector<int64_t>{0, 1, 2, 0, 1, 2},
                                                 std::vector<Scalar>{1, 1, 1, 1, 1, 1});
  const models::FeatureTargets feature_targets{a_hat, features};
  const std::vector<datasets::Edge> negatives = {{0, 2}, {0, 3}, {1, 3}, {2, 4}, {3, 1}, {2, 0}};
  Generator gen(13);
  models::GraphAutoencoder model(
      3, {.variational = true, .hidden = 4, .latent = 2, .feature_decoder = true}, gen);
  const Tensor noise = gen.normal_tensor({5, 2});
  for (int rank : {0, 2}) {  // of 3: shards of 2 edges and 2 negatives
    CAPTURE(rank);
    expect_gradcheck(
        [&](const std::vector<Tensor>&) {
          const auto e = model.encode(a_hat, &features, noise);
          return model.loss(e, targets, LinkLoss::Sampled, negatives, &feature_targets,
                            {.rank = rank, .size = 3});
        },
        model.parameters());
  }
}
