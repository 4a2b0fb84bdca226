// GraphConv against the same products done densely, for dense, sparse and absent features.
#include "nn/graph_conv.hpp"

#include <doctest/doctest.h>

#include "autograd/autograd.hpp"
#include "autograd/sparse/sparse.hpp"

using namespace autograd;

namespace {

// A path 0-1-2-3 plus an isolated node 4, normalized with self loops.
CsrMatrix small_graph() {
  const std::vector<std::pair<int64_t, int64_t>> edges = {{0, 1}, {1, 2}, {2, 3}};
  return gcn_normalize(adjacency_from_edges(5, edges));
}

void check_close(const Tensor& a, const Tensor& b) {
  REQUIRE(a.shape() == b.shape());
  for (int64_t i = 0; i < a.numel(); ++i)
    CHECK(a.data()[i] == doctest::Approx(b.data()[i]).epsilon(1e-5));
}

}  // namespace

TEST_CASE("GraphConv with dense features equals A_hat X W + b, in both association orders") {
  Generator gen(71);
  const CsrMatrix a_hat = small_graph();
  for (const auto& [in, out] : {std::pair<int64_t, int64_t>{3, 4}, {6, 2}}) {
    CAPTURE(in);
    CAPTURE(out);
    nn::GraphConv layer(in, out, gen);
    for (Scalar& v : layer.bias.values()) v = gen.uniform(-1, 1);
    const Tensor x = gen.normal_tensor({5, in});
    check_close(layer.forward(a_hat, x),
                matmul(matmul(a_hat.to_dense(), x), layer.weight) + layer.bias);
  }
  clear_tape();
}

TEST_CASE("GraphConv with sparse features and without features matches the dense path") {
  Generator gen(72);
  const CsrMatrix a_hat = small_graph();
  nn::GraphConv layer(4, 3, gen, {.activation = nn::Activation::Relu});
  const std::vector<int64_t> rows = {0, 1, 1, 3, 4}, cols = {2, 0, 3, 1, 2};
  const std::vector<Scalar> values = {1, 0.5f, 2, 1, 3};
  const CsrMatrix x = CsrMatrix::from_coo(5, 4, rows, cols, values);
  const Tensor sparse_out = layer.forward(a_hat, x);
  check_close(sparse_out, layer.forward(a_hat, x.to_dense()));
  for (Scalar v : sparse_out.values()) CHECK(v >= 0);  // the activation ran

  nn::GraphConv featureless(5, 3, gen, {.bias = false});
  check_close(featureless.forward(a_hat),
              featureless.forward(a_hat, CsrMatrix::identity(5).to_dense()));
  CHECK(featureless.named_parameters().size() == 1);
  clear_tape();
}

TEST_CASE("GraphConv checks the shapes of A_hat and X") {
  Generator gen(73);
  const CsrMatrix a_hat = small_graph();
  nn::GraphConv layer(3, 2, gen);
  CHECK(layer.in_features() == 3);
  CHECK(layer.out_features() == 2);
  CHECK_THROWS_WITH_AS(layer.forward(a_hat, Tensor::zeros({4, 3})),
                       doctest::Contains("one row per node"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(layer.forward(a_hat, Tensor::zeros({5, 2})),
                       doctest::Contains("needs 3 columns"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(layer.forward(a_hat), doctest::Contains("featureless"),
                       std::invalid_argument);
}
