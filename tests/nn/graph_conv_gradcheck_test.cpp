// Double-precision gradient checks of GraphConv with a sparse A_hat: dense features (both
// association orders, through X, W and b), sparse features, no features, and two stacked layers.
#include "autograd/sparse/sparse.hpp"
#include "nn/graph_conv.hpp"
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::expect_gradcheck;
using testing::random_tensor;

namespace {

CsrMatrix ring_graph(int64_t n) {  // a cycle, and one chord to break the symmetry
  std::vector<std::pair<int64_t, int64_t>> edges;
  for (int64_t i = 0; i < n; ++i) edges.emplace_back(i, (i + 1) % n);
  if (n > 3) edges.emplace_back(0, 2);
  return gcn_normalize(adjacency_from_edges(n, edges));
}

// Appends the layer's parameters to the gradcheck inputs, moved off their initial values (a zero
// bias would hide mistakes).
void append_parameters(std::vector<Tensor>& inputs, const nn::Module& layer, unsigned seed) {
  for (const Tensor& p : layer.parameters()) {
    const Tensor values = random_tensor(p.shape(), seed++);
    std::copy(values.values().begin(), values.values().end(), p.values().begin());
    inputs.push_back(p);
  }
}

}  // namespace

TEST_CASE("GraphConv, dense X: gradients for X, W and b in both association orders") {
  Generator gen(81);
  const CsrMatrix a_hat = ring_graph(5);
  for (const auto& [in, out] : {std::pair<int64_t, int64_t>{2, 3}, {4, 2}, {1, 1}}) {
    for (nn::Activation activation : {nn::Activation::Identity, nn::Activation::Tanh}) {
      CAPTURE(in);
      CAPTURE(out);
      nn::GraphConv layer(in, out, gen, {.activation = activation});
      std::vector<Tensor> inputs = {random_tensor({5, in}, 82)};
      append_parameters(inputs, layer, 83);
      expect_gradcheck([&](const std::vector<Tensor>& v) { return layer.forward(a_hat, v[0]); },
                       inputs);
    }
  }
}

TEST_CASE("GraphConv, sparse X and featureless: gradients for W and b") {
  Generator gen(84);
  const CsrMatrix a_hat = ring_graph(6);
  const std::vector<int64_t> rows = {0, 0, 2, 3, 5}, cols = {1, 3, 0, 2, 3};
  const std::vector<Scalar> values = {1.0, 0.5, 2.0, -1.0, 0.25};
  const CsrMatrix x = CsrMatrix::from_coo(6, 4, rows, cols, values);
  nn::GraphConv sparse_input(4, 3, gen, {.activation = nn::Activation::Sigmoid});
  std::vector<Tensor> sparse_params;
  append_parameters(sparse_params, sparse_input, 85);
  expect_gradcheck([&](const std::vector<Tensor>&) { return sparse_input.forward(a_hat, x); },
                   sparse_params);

  nn::GraphConv featureless(6, 2, gen);
  std::vector<Tensor> featureless_params;
  append_parameters(featureless_params, featureless, 86);
  expect_gradcheck([&](const std::vector<Tensor>&) { return featureless.forward(a_hat); },
                   featureless_params);

  const CsrMatrix one_node = gcn_normalize(adjacency_from_edges(1, {}));  // 1 x 1 edge case
  nn::GraphConv tiny(1, 1, gen);
  std::vector<Tensor> inputs = {random_tensor({1, 1}, 87)};
  append_parameters(inputs, tiny, 88);
  expect_gradcheck([&](const std::vector<Tensor>& v) { return tiny.forward(one_node, v[0]); },
                   inputs);
}

TEST_CASE("two stacked GraphConv layers, A_hat used twice") {
  Generator gen(89);
  const CsrMatrix a_hat = ring_graph(5);
  nn::GraphConv first(3, 4, gen, {.activation = nn::Activation::Tanh}), second(4, 2, gen);
  std::vector<Tensor> inputs = {random_tensor({5, 3}, 90)};
  append_parameters(inputs, first, 91);
  append_parameters(inputs, second, 95);
  expect_gradcheck(
      [&](const std::vector<Tensor>& v) {
        return second.forward(a_hat, first.forward(a_hat, v[0]));
      },
      inputs);
}
