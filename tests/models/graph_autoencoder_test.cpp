// Graph autoencoders: the fused loss equals the dense one on Cora, value and gradient; training
// on a planted-partition graph predicts held-out links and, with the feature decoder, rebuilds
// the node features.
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
#include "datasets/non_edges.hpp"
#include "datasets/sbm.hpp"
#include "nn/adam.hpp"
#include "nn/losses.hpp"
#include "tests/data_suites.hpp"

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

TEST_CASE("fused equals dense on Cora, in value and gradient" *
          doctest::test_suite("shared_datasets")) {
  const std::string dir = tests::shared_datasets_dir() / "cora";
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
          datasets::sample_non_edges(split.train_adjacency, int64_t(targets.edge_a.size()), gen);
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

namespace {
// The mean BCE of predicting each feature by its frequency over the nodes: the best a decoder
// can do without knowing which node it decodes.
double base_rate_bce(const CsrMatrix& features) {
  std::vector<double> count(features.cols());
  for (int64_t p = 0; p < features.nnz(); ++p) count[features.col_idx()[p]] += 1;
  const double n = double(features.rows());
  double total = 0;
  for (double c : count)
    if (c > 0 && c < n) total -= c * std::log(c / n) + (n - c) * std::log(1 - c / n);
  return total / (n * double(features.cols()));
}
}  // namespace

TEST_CASE("with the feature decoder a VGAE rebuilds the features, and still predicts links") {
  // Each community switches on its own 5 of the 50 features, each with probability 0.3.
  const datasets::GraphDataset graph = datasets::stochastic_block_model({.nodes = 300,
                                                                         .communities = 10,
                                                                         .p_in = 0.3,
                                                                         .p_out = 0.002,
                                                                         .seed = 5,
                                                                         .feature_dim = 50,
                                                                         .feature_signal = 0.3});
  const datasets::LinkSplit split = datasets::split_edges(graph, 0.05, 0.10, 2);
  const CsrMatrix a_hat = gcn_normalize(split.train_adjacency);
  const models::LinkTargets targets =
      models::LinkTargets::from_training_adjacency(split.train_adjacency);
  const CsrMatrix& x = *graph.features;
  const models::FeatureTargets feature_targets{a_hat, x};
  Generator gen(11);
  models::GraphAutoencoder model(x.cols(), {.variational = true, .feature_decoder = true}, gen);
  nn::Adam adam(model.named_parameters(), {.lr = 0.01});
  const auto feature_bce = [&] {  // per entry, decoded from the means
    NoGradGuard no_grad;
    const Tensor mu = model.encode(a_hat, &x, gen.normal_tensor({graph.num_nodes, 16})).mu;
    return double(nn::bce_with_logits(model.decode_features(a_hat, mu), x).item());
  };
  const double feature_bce_before = feature_bce();
  std::vector<double> losses, feature_terms;
  for (int epoch = 0; epoch < 200; ++epoch) {
    const auto encoding = model.encode(a_hat, &x, gen.normal_tensor({graph.num_nodes, 16}));
    const auto terms = model.loss_terms(encoding, targets, LinkLoss::Fused, {}, &feature_targets);
    losses.push_back(terms.total().item());
    feature_terms.push_back(terms.features.item());
    backward(terms.total());
    adam.step();
    model.zero_grad();
    clear_tape();
  }
  const double feature_bce_after = feature_bce();
  MESSAGE("loss " << losses.front() << " -> " << losses.back() << "; feature BCE per entry "
                  << feature_bce_before << " -> " << feature_bce_after << ", base rates "
                  << base_rate_bce(x));
  CHECK(losses.back() < 0.6 * losses.front());
  CHECK(feature_terms.back() < 0.3 * feature_terms.front());
  // Better than the per-feature frequencies: the decoder tells the communities apart.
  CHECK(feature_bce_after < 0.75 * base_rate_bce(x));
  NoGradGuard no_grad;
  const auto mu = model.encode(a_hat, &x, gen.normal_tensor({graph.num_nodes, 16})).mu;
  const auto metrics = models::evaluate_links(mu, split.test_pos, split.test_neg);
  CHECK(metrics.auc > 0.8);
  CHECK(metrics.ap > 0.8);
}

TEST_CASE("the feature decoder needs the features, and only its model decodes them") {
  const CsrMatrix a =
      adjacency_from_edges(4, std::vector<std::pair<int64_t, int64_t>>{{0, 1}, {1, 2}, {2, 3}});
  const CsrMatrix a_hat = gcn_normalize(a);
  const auto targets = models::LinkTargets::from_training_adjacency(a);
  Generator gen(2);
  models::GraphAutoencoder with(4, {.variational = false, .feature_decoder = true}, gen);
  const auto encoding = with.encode(a_hat, nullptr, Tensor());
  CHECK_THROWS_WITH_AS(with.loss(encoding, targets, LinkLoss::Fused),
                       doctest::Contains("the feature decoder needs the node features"),
                       std::invalid_argument);
  models::GraphAutoencoder without(4, {.variational = false}, gen);
  CHECK_THROWS_AS(without.decode_features(a_hat, encoding.z), std::logic_error);
  clear_tape();
}

TEST_CASE("negative pairs are never edges or self loops") {
  const CsrMatrix a =
      adjacency_from_edges(4, std::vector<std::pair<int64_t, int64_t>>{{0, 1}, {1, 2}, {2, 3}});
  Generator gen(1);
  for (const auto& [u, v] : datasets::sample_non_edges(a, 200, gen)) {
    CHECK(u != v);
    CHECK(std::abs(u - v) != 1);
  }
  CHECK_THROWS_AS(models::reconstruction_loss(Tensor::zeros({4, 2}),
                                              models::LinkTargets::from_training_adjacency(a),
                                              LinkLoss::Sampled),
                  std::invalid_argument);
}

TEST_CASE("the ranks' shards of the sampled loss sum to the whole loss, value and gradient") {
  const datasets::GraphDataset graph = datasets::stochastic_block_model(
      {.nodes = 60, .communities = 3, .p_in = 0.3, .p_out = 0.02, .seed = 5, .feature_dim = 8});
  const CsrMatrix a_hat = gcn_normalize(graph.adjacency);
  const auto targets = models::LinkTargets::from_training_adjacency(graph.adjacency);
  const models::FeatureTargets feature_targets{a_hat, *graph.features};
  Generator gen(6);
  models::GraphAutoencoder model(
      8, {.variational = true, .hidden = 8, .latent = 4, .feature_decoder = true}, gen);
  const Tensor noise = gen.normal_tensor({60, 4});
  const auto negatives =
      datasets::sample_non_edges(graph.adjacency, int64_t(targets.edge_a.size()) + 1, gen);
  // The loss and every parameter's gradient, for shard `rank` of `size`.
  const auto loss_and_gradients = [&](int rank, int size) {
    model.zero_grad();
    const auto e = model.encode(a_hat, &*graph.features, noise);
    const Tensor loss = model.loss(e, targets, LinkLoss::Sampled, negatives, &feature_targets,
                                   {.rank = rank, .size = size});
    backward(loss);
    clear_tape();
    std::vector<double> values = {loss.item()};
    for (const Tensor& p : model.parameters())
      values.insert(values.end(), p.grad_values().begin(), p.grad_values().end());
    return values;
  };
  const std::vector<double> whole = loss_and_gradients(0, 1);
  for (int size : {2, 3}) {
    CAPTURE(size);
    std::vector<double> sum(whole.size(), 0.0);
    for (int rank = 0; rank < size; ++rank) {
      const std::vector<double> part = loss_and_gradients(rank, size);
      for (size_t i = 0; i < sum.size(); ++i) sum[i] += part[i];
      CHECK(part[0] < 0.75 * whole[0]);  // a real share, not the whole on every rank
    }
    for (size_t i = 0; i < sum.size(); ++i) {
      CAPTURE(i);
      CHECK(sum[i] == doctest::Approx(whole[i]).epsilon(1e-4));
    }
  }
  const auto e = model.encode(a_hat, &*graph.features, noise);
  CHECK_THROWS_WITH_AS(model.loss(e, targets, LinkLoss::Fused, {}, &feature_targets, {0, 2}),
                       doctest::Contains("only the sampled loss shards"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(model.loss(e, targets, LinkLoss::Sampled, negatives, &feature_targets,
                                  {0, int(negatives.size()) + 1}),
                       doctest::Contains("leave a shard empty"), std::invalid_argument);
  CHECK_THROWS_AS(model.loss(e, targets, LinkLoss::Sampled, negatives, &feature_targets, {2, 2}),
                  std::invalid_argument);
  clear_tape();
}
