// Double-precision gradient checks of the classifiers: softmax regression, and the two-layer GCN
// end to end (without dropout, and with dropout masks fixed by reseeding their generator).
#include "autograd/sparse/graph.hpp"
#include "models/linear_probe.hpp"
#include "models/node_classifier.hpp"
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::expect_gradcheck;
using testing::random_tensor;

namespace {
std::vector<Tensor> with_parameters(std::vector<Tensor> inputs, const nn::Module& model,
                                    Generator& gen) {
  for (const Tensor& p : model.parameters()) {
    for (Scalar& v : p.values()) v = gen.uniform(-1, 1);
    inputs.push_back(p);
  }
  return inputs;
}
}  // namespace

TEST_CASE("SoftmaxRegression: gradients for the input, weights and bias") {
  Generator gen(81);
  models::SoftmaxRegression model(4, 3, gen);
  const std::vector<Tensor> inputs = with_parameters({random_tensor({5, 4}, 82)}, model, gen);
  expect_gradcheck(
      [&](const std::vector<Tensor>& v) { return model.loss(v[0], {0, 2, 1, 1, 0}); }, inputs);
}

TEST_CASE("GcnClassifier: gradients of its loss over labelled nodes, with and without dropout") {
  const std::vector<std::pair<int64_t, int64_t>> edges = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {1, 4}};
  const CsrMatrix a_hat = gcn_normalize(adjacency_from_edges(5, edges));
  const CsrMatrix features = CsrMatrix::from_coo(5, 4, std::vector<int64_t>{0, 1, 2, 3, 4, 4},
                                                 std::vector<int64_t>{0, 1, 3, 2, 0, 3},
                                                 std::vector<Scalar>{1, 0.5, 2, 1, 1, 0.25});
  Generator gen(83);
  models::GcnClassifier model(4, 3, gen, {.hidden = 3, .dropout = 0.3});
  const std::vector<Tensor> parameters = with_parameters({}, model, gen);
  const auto loss = [&](const std::vector<Tensor>&) {
    gen.reseed(84);  // the same dropout masks on every evaluation
    return model.loss(a_hat, features, {0, 2, 4}, {1, 0, 2});
  };
  model.eval();
  expect_gradcheck(loss, parameters);
  model.train();
  expect_gradcheck(loss, parameters);
}
