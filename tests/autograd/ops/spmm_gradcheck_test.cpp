// Double-precision gradient checks of the sparse ops, in both GCN roles.
#include "tests/autograd/gradcheck/check.hpp"
#include "tests/autograd/sparse/sparse_test_util.hpp"

using namespace autograd;
using testing::expect_derivatives;
using testing::random_tensor;

TEST_CASE("spmm: propagation A_hat H and sparse features X W") {
  CsrMatrix adjacency = gcn_normalize(testing::random_csr(6, 6, 0.4, 1));
  Tensor h = random_tensor({6, 3}, 2);
  expect_derivatives([=](const std::vector<Tensor>& v) { return spmm(adjacency, v[0]); }, {h});
  CsrMatrix features = testing::random_csr(7, 5, 0.3, 3);  // tall sparse input times a weight
  Tensor w = random_tensor({5, 4}, 4);
  expect_derivatives([=](const std::vector<Tensor>& v) { return spmm(features, v[0]); }, {w});
  // A two-layer propagation reuses A, and the product is reused with its input.
  expect_derivatives(
      [=](const std::vector<Tensor>& v) { return spmm(adjacency, spmm(adjacency, v[0])) * v[0]; },
      {h});
  CsrMatrix64 wide = CsrMatrix64::from_coo(
      2, 3, std::vector<int64_t>{0, 1}, std::vector<int64_t>{2, 0}, std::vector<Scalar>{0.5, -2});
  Tensor x = random_tensor({3, 2}, 5);
  expect_derivatives([=](const std::vector<Tensor>& v) { return spmm(wide, v[0]); }, {x});
}

TEST_CASE("spmm: edge shapes") {
  CsrMatrix one = CsrMatrix::from_coo(1, 1, std::vector<int64_t>{0}, std::vector<int64_t>{0},
                                      std::vector<Scalar>{3});
  Tensor x = random_tensor({1, 1}, 6);
  expect_derivatives([=](const std::vector<Tensor>& v) { return spmm(one, v[0]); }, {x});
  CsrMatrix empty = CsrMatrix::from_coo(3, 2, {}, {}, {});
  Tensor y = random_tensor({2, 4}, 7);  // no nonzeros: the gradient is exactly zero
  expect_derivatives([=](const std::vector<Tensor>& v) { return spmm(empty, v[0]); }, {y});
}

TEST_CASE("spmm_values: learnable edge weights and the dense operand") {
  CsrMatrix pattern = testing::random_csr(5, 4, 0.5, 8);
  Tensor values = random_tensor({pattern.nnz()}, 9);
  Tensor x = random_tensor({4, 3}, 10);
  expect_derivatives([=](const std::vector<Tensor>& v) { return spmm_values(pattern, v[0], v[1]); },
                     {values, x});
  Tensor square_x = random_tensor({5, 2}, 11);
  CsrMatrix square = testing::random_csr(5, 5, 0.5, 12);
  Tensor square_values = random_tensor({square.nnz()}, 13);
  expect_derivatives(
      [=](const std::vector<Tensor>& v) {
        return spmm_values(square, v[0], spmm_values(square, v[0], v[1]));
      },
      {square_values, square_x});
}
