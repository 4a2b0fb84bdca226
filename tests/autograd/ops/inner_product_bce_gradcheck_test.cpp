// Gradient checks of ops/inner_product_bce.cpp: small graphs, a single node, and enough nodes
// for several row blocks and column tiles, its value against the definition pair by pair.
#include <algorithm>
#include <cmath>

#include "autograd/sparse/graph.hpp"
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::expect_derivatives;
using testing::random_tensor;

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

TEST_CASE("inner_product_bce on a small graph and on a single node") {
  const std::vector<std::pair<int64_t, int64_t>> edges = {{0, 1}, {1, 2}, {2, 3},
                                                          {3, 4}, {4, 0}, {1, 4}};
  const CsrMatrix targets = add_self_loops(adjacency_from_edges(5, edges));
  Tensor z = random_tensor({5, 3}, 1);
  expect_derivatives(
      [&](const std::vector<Tensor>& v) { return inner_product_bce(v[0], targets, 1.9, 0.8); },
      {z});
  Tensor one = random_tensor({1, 1}, 2);  // a single node, its own positive pair
  const CsrMatrix self = add_self_loops(CsrMatrix::from_coo(1, 1, {}, {}, {}));
  expect_derivatives(
      [&](const std::vector<Tensor>& v) { return inner_product_bce(v[0], self, 2.0, 0.5); }, {one});
  CHECK_THROWS_AS(
      inner_product_bce(z,
                        CsrMatrix::from_coo(5, 5, std::vector<int64_t>{0}, std::vector<int64_t>{1},
                                            std::vector<Scalar>{1}),
                        1, 1),
      std::invalid_argument);
}

TEST_CASE("inner_product_bce over several row blocks and column tiles") {
  // 270 nodes: 9 row blocks (the last one partial), 2 column tiles, rows not a multiple of 4.
  for (int64_t n : {270, 37}) {
    CAPTURE(n);
    const CsrMatrix t = random_symmetric_pattern(n, 0.03, unsigned(n));
    Tensor z = random_tensor({n, 2}, 5);
    const Tensor value = inner_product_bce(z, t, 7.5, 0.6);
    CHECK(value.item() == doctest::Approx(naive_inner_product_bce(z, t, 7.5, 0.6)).epsilon(1e-12));
    expect_derivatives(
        [&](const std::vector<Tensor>& v) { return inner_product_bce(v[0], t, 7.5, 0.6); }, {z});
  }
}
