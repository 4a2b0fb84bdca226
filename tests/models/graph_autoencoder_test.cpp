// Graph autoencoders: the fused loss equals the dense one on Cora, value and gradient; training
// on a planted-partition graph predicts held-out links.
#include "models/graph_autoencoder.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "autograd/autograd.hpp"
#include "autograd/sparse/graph.hpp"
#include "datasets/graph.hpp"
#include "datasets/link_split.hpp"
#include "datasets/sbm.hpp"
#include "nn/adam.hpp"

using namespace autograd;
using models::LinkLoss;

namespace {
// (loss, gradient of z) of one loss kind at fixed embeddings.
std::pair<double, Tensor> loss_and_gradient(const Tensor& z_values, const models::LinkTargets& t,
                                            LinkLoss kind) {
  Tensor z = z_values.clone();
  z.set_requires_grad(true);
  Tensor loss = models::reconstruction_loss(z, t, kind);
  backward(loss);
  clear_tape();
  return {loss.item(), z.grad()};
}
}  // namespace

TEST_CASE("fused equals dense on Cora, in value and gradient") {
  const char* root = std::getenv("ZOO_DATASETS");
  const std::string dir = std::string(root ? root : "../shared/datasets") + "/cora";
  if (!std::filesystem::exists(dir + "/adjacency.mtx")) {
    MESSAGE("Cora not found at " << dir << "; skipped");
    return;
  }
  const datasets::GraphDataset cora = datasets::load_graph(dir);
  const datasets::LinkSplit split = datasets::split_edges(cora, 0.05, 0.10, 1);
  const models::LinkTargets targets =
      models::LinkTargets::from_training_adjacency(split.train_adjacency);
  Generator g(3);
  const Tensor z = g.normal_tensor({cora.num_nodes, 16}, 0, 0.3);
  const auto [dense_loss, dense_grad] = loss_and_gradient(z, targets, LinkLoss::Dense);
  const auto [fused_loss, fused_grad] = loss_and_gradient(z, targets, LinkLoss::Fused);
  CHECK(std::abs(fused_loss - dense_loss) <= 1e-5 * std::abs(dense_loss));
  double max_grad = 0, max_diff = 0;
  for (int64_t i = 0; i < z.numel(); ++i) {
    max_grad = std::max(max_grad, double(std::abs(dense_grad.data()[i])));
    max_diff = std::max(max_diff, double(std::abs(dense_grad.data()[i] - fused_grad.data()[i])));
  }
  CHECK(max_diff <= 1e-5 * max_grad);
}

TEST_CASE("the fused loss and its gradient are the same numbers on one thread and on two") {
  const datasets::GraphDataset graph = datasets::stochastic_block_model(
      {.nodes = 1000, .communities = 10, .p_in = 0.05, .p_out = 0.001, .seed = 4});
  const auto targets = models::LinkTargets::from_training_adjacency(graph.adjacency);
  Generator g(8);
  const Tensor z = g.normal_tensor({graph.num_nodes, 16}, 0, 0.5);
  const int threads = num_threads();
  set_num_threads(1);
  const auto [one_loss, one_grad] = loss_and_gradient(z, targets, LinkLoss::Fused);
  set_num_threads(2);
  const auto [two_loss, two_grad] = loss_and_gradient(z, targets, LinkLoss::Fused);
  set_num_threads(threads);
  CHECK(one_loss == two_loss);
  CHECK(std::equal(one_grad.values().begin(), one_grad.values().end(), two_grad.values().begin()));
}

TEST_CASE("a VGAE learns to predict held-out links of a planted-partition graph") {
  const datasets::GraphDataset graph = datasets::stochastic_block_model(
      {.nodes = 300, .communities = 10, .p_in = 0.3, .p_out = 0.002, .seed = 5});
  const datasets::LinkSplit split = datasets::split_edges(graph, 0.05, 0.10, 2);
  const CsrMatrix a_hat = gcn_normalize(split.train_adjacency);
  const models::LinkTargets targets =
      models::LinkTargets::from_training_adjacency(split.train_adjacency);
  for (LinkLoss kind : {LinkLoss::Fused, LinkLoss::Sampled}) {
    Generator gen(11);
    models::GraphAutoencoder model(graph.num_nodes, {.variational = true}, gen);
    nn::Adam adam(model.named_parameters(), {.lr = 0.01});
    for (int epoch = 0; epoch < 200; ++epoch) {
      const Tensor noise = gen.normal_tensor({graph.num_nodes, 16});
      const auto negatives =
          models::sample_non_edges(split.train_adjacency, int64_t(targets.edge_a.size()), gen);
      const auto encoding = model.encode(a_hat, nullptr, noise);
      backward(model.loss(encoding, targets, kind, negatives));
      adam.step();
      model.zero_grad();
      clear_tape();
    }
    NoGradGuard no_grad;
    const auto mu = model.encode(a_hat, nullptr, gen.normal_tensor({graph.num_nodes, 16})).mu;
    const auto metrics = models::evaluate_links(mu, split.test_pos, split.test_neg);
    // Same-community pairs are indistinguishable here, which caps the AUC near 0.92.
    CHECK(metrics.auc > 0.8);
    CHECK(metrics.ap > 0.8);
  }
}

TEST_CASE("negative pairs are never edges or self loops") {
  const CsrMatrix a =
      adjacency_from_edges(4, std::vector<std::pair<int64_t, int64_t>>{{0, 1}, {1, 2}, {2, 3}});
  Generator gen(1);
  for (const auto& [u, v] : models::sample_non_edges(a, 200, gen)) {
    CHECK(u != v);
    CHECK(std::abs(u - v) != 1);
  }
  CHECK_THROWS_AS(models::reconstruction_loss(Tensor::zeros({4, 2}),
                                              models::LinkTargets::from_training_adjacency(a),
                                              LinkLoss::Sampled),
                  std::invalid_argument);
}
