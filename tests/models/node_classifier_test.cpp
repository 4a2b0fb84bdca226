// Node classification on a planted-partition graph whose features say little: the GCN, which
// reads each node's neighbourhood, must beat a probe on the features alone, and unsupervised VGAE
// embeddings must carry the communities too. Also row_normalize and sparse_dropout.
#include "models/node_classifier.hpp"

#include <doctest/doctest.h>

#include <numeric>

#include "autograd/autograd.hpp"
#include "autograd/sparse/graph.hpp"
#include "datasets/sbm.hpp"
#include "models/graph_embeddings.hpp"
#include "models/linear_probe.hpp"

using namespace autograd;

namespace {
struct Planted {
  datasets::GraphDataset graph;
  std::vector<int64_t> train, test;
};
// 400 nodes in 4 communities, degree ~8; each community lights its own features rarely.
Planted planted_graph() {
  const auto p = datasets::sbm_probabilities(400, 4, 8, 20);
  Planted planted{datasets::stochastic_block_model({.nodes = 400, .communities = 4, .p_in = p.p_in,
                                                    .p_out = p.p_out, .seed = 91,
                                                    .feature_dim = 40, .feature_signal = 0.08,
                                                    .feature_noise = 0.04}),
                  {}, {}};
  for (int64_t i = 0; i < 400; ++i) (i % 10 == 0 ? planted.train : planted.test).push_back(i);
  return planted;
}
}  // namespace

TEST_CASE("a GCN trained on 10% of the labels beats a feature probe; VGAE embeddings help too") {
  const Planted p = planted_graph();
  const CsrMatrix features = models::row_normalize(*p.graph.features);
  const CsrMatrix a_hat = gcn_normalize(p.graph.adjacency);
  const auto train_labels = models::labels_of(p.graph.labels, p.train);
  const auto test_labels = models::labels_of(p.graph.labels, p.test);
  const Tensor raw = features.to_dense();
  const double raw_accuracy =
      models::fit_linear_probe(index_select(raw, p.train), train_labels, 4, {.seed = 1})
          .accuracy(index_select(raw, p.test), test_labels);
  const models::NodeAccuracy gcn = models::train_gcn_classifier(
      a_hat, features, p.graph.labels, p.train, p.test, p.test, {.epochs = 100, .seed = 1});
  const Tensor mu = models::train_graph_embeddings(p.graph.adjacency, &features,
                                                   {.epochs = 100, .seed = 1});
  const double vgae_accuracy =
      models::fit_linear_probe(index_select(mu, p.train), train_labels, 4, {.seed = 1})
          .accuracy(index_select(mu, p.test), test_labels);
  MESSAGE("raw " << raw_accuracy << ", VGAE probe " << vgae_accuracy << ", GCN " << gcn.test);
  CHECK(gcn.test > raw_accuracy + 0.15);
  CHECK(vgae_accuracy > raw_accuracy + 0.1);
  CHECK(gcn.test > 0.8);
}

TEST_CASE("row_normalize makes rows sum to 1; sparse_dropout keeps the mean") {
  const CsrMatrix x = CsrMatrix::from_coo(3, 3, std::vector<int64_t>{0, 0, 2},
                                          std::vector<int64_t>{0, 2, 1},
                                          std::vector<Scalar>{1, 3, 2});
  const Tensor n = models::row_normalize(x).to_dense();
  CHECK(n.at({0, 0}) == doctest::Approx(0.25));
  CHECK(n.at({0, 2}) == doctest::Approx(0.75));
  CHECK(n.at({2, 1}) == doctest::Approx(1));
  CHECK(n.at({1, 1}) == 0);  // an empty row stays empty
  std::vector<int64_t> rows(20000), cols(20000, 0);
  std::iota(rows.begin(), rows.end(), 0);
  const CsrMatrix ones =
      CsrMatrix::from_coo(20000, 1, rows, cols, std::vector<Scalar>(20000, Scalar(1)));
  Generator gen(5);
  const CsrMatrix dropped = models::sparse_dropout(ones, 0.5, gen);
  double total = 0, zeros = 0;
  for (Scalar v : dropped.values()) total += v, zeros += v == 0;
  CHECK(total / 20000 == doctest::Approx(1).epsilon(0.03));
  CHECK(zeros / 20000 == doctest::Approx(0.5).epsilon(0.03));
  CHECK_THROWS_WITH_AS(models::sparse_dropout(ones, 1, gen), doctest::Contains("sparse_dropout"),
                       std::invalid_argument);
}
