// CSR construction, validation, transpose, graph helpers, and spmm against dense products.
#include <doctest/doctest.h>

#include <cmath>

#include "autograd/autograd.hpp"
#include "tests/autograd/sparse/sparse_test_util.hpp"

using namespace autograd;

TEST_CASE("from_coo sorts, sums duplicates, keeps or drops explicit zeros") {
  const std::vector<int64_t> r = {1, 0, 1, 1, 0};
  const std::vector<int64_t> c = {2, 1, 0, 2, 0};
  const std::vector<Scalar> v = {1, 2, 3, 4, 0};
  CsrMatrix kept = CsrMatrix::from_coo(2, 3, r, c, v);
  CHECK(kept.nnz() == 4);
  CHECK(std::vector<int64_t>(kept.row_ptr().begin(), kept.row_ptr().end()) ==
        std::vector<int64_t>{0, 2, 4});
  CHECK(std::vector<int32_t>(kept.col_idx().begin(), kept.col_idx().end()) ==
        std::vector<int32_t>{0, 1, 0, 2});
  CHECK(kept.values()[3] == 5);  // (1, 2) appeared twice: 1 + 4
  CsrMatrix dropped = CsrMatrix::from_coo(2, 3, r, c, v, ExplicitZeros::Drop);
  CHECK(dropped.nnz() == 3);
  CsrMatrix64 wide = CsrMatrix64::from_coo(2, 3, r, c, v);
  CHECK(wide.nnz() == 4);
}

TEST_CASE("bad input is refused with the reason") {
  const std::vector<int64_t> r = {0, 3}, c = {0, 0};
  const std::vector<Scalar> v = {1, 1};
  CHECK_THROWS_WITH_AS(CsrMatrix::from_coo(2, 2, r, c, v),
                       doctest::Contains("triplet 1 at (3, 0) is outside a 2 x 2"),
                       std::out_of_range);
  CHECK_THROWS_WITH_AS(CsrMatrix::from_coo(-1, 2, {}, {}, {}), doctest::Contains("negative size"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(CsrMatrix::from_coo(2, 2, r, c, std::vector<Scalar>{1}),
                       doctest::Contains("differ in length"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(CsrMatrix::from_arrays(3, 2, {0, 2, 1, 3}, {0, 1, 0}, {1, 1, 1}),
                       doctest::Contains("decreases"), std::invalid_argument);
  // A pointer past nnz in the middle is caught as non-monotone before any column is read.
  CHECK_THROWS_WITH_AS(CsrMatrix::from_arrays(2, 2, {0, 5, 3}, {0, 1, 0}, {1, 1, 1}),
                       doctest::Contains("decreases at row 1"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(CsrMatrix::from_arrays(1, 2, {0, 2}, {1, 0}, {1, 1}),
                       doctest::Contains("strictly increasing"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(CsrMatrix::from_arrays(1, 2, {0, 1}, {5}, {1}),
                       doctest::Contains("column 5"), std::out_of_range);
  CHECK_THROWS_WITH_AS(CsrMatrix::from_coo(1, int64_t(1) << 33, {}, {}, {}),
                       doctest::Contains("CsrMatrix64"), std::invalid_argument);
  CsrMatrix a = testing::random_csr(3, 4, 0.5, 1);
  CHECK_THROWS_WITH_AS(spmm(a, Tensor::ones({3, 2})),
                       doctest::Contains("spmm: sparse [3, 4] times dense [3, 2]"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(spmm_values(a, Tensor::ones({a.nnz() + 1}), Tensor::ones({4, 2})),
                       doctest::Contains("values for"), std::invalid_argument);
}

TEST_CASE("transpose is the dense transpose and is cached") {
  CsrMatrix a = testing::random_csr(7, 5, 0.4, 2);
  const CsrMatrix& t = a.transpose();
  CHECK(&a.transpose() == &t);
  Tensor dense = a.to_dense(), dense_t = t.to_dense();
  for (int64_t i = 0; i < 7; ++i)
    for (int64_t j = 0; j < 5; ++j) CHECK(dense.at({i, j}) == dense_t.at({j, i}));
  CHECK_NOTHROW(t.validate());
}

TEST_CASE("spmm equals the dense product, at 1 and 2 threads, on edge shapes") {
  struct Case {
    int64_t rows, cols, n;
    double density;
  };
  for (const Case& s :
       {Case{40, 30, 8, 0.2}, Case{1, 1, 1, 1.0}, Case{6, 5, 3, 0.0}, Case{300, 200, 16, 0.05}}) {
    CsrMatrix a = testing::random_csr(s.rows, s.cols, s.density, 3);
    Generator g(4);
    Tensor x = g.normal_tensor({s.cols, s.n});
    Tensor expected = matmul(a.to_dense(), x);
    for (int threads : {1, 2}) {
      set_num_threads(threads);
      Tensor y = spmm(a, x);
      REQUIRE(y.shape() == expected.shape());
      for (int64_t i = 0; i < y.numel(); ++i)
        CHECK(y.data()[i] == doctest::Approx(expected.data()[i]).epsilon(1e-5));
      Tensor y_values = spmm_values(
          a, Tensor({a.nnz()}, std::vector<Scalar>(a.values().begin(), a.values().end())), x);
      for (int64_t i = 0; i < y.numel(); ++i) CHECK(y_values.data()[i] == y.data()[i]);
    }
  }
  set_num_threads(2);
}

TEST_CASE("the backward of spmm is A^T G, without densifying") {
  CsrMatrix a = testing::random_csr(9, 6, 0.3, 5);
  Generator g(6);
  Tensor x = g.normal_tensor({6, 4});
  x.set_requires_grad(true);
  Tensor seed = g.normal_tensor({9, 4});
  backward(spmm(a, x), seed);
  Tensor expected = matmul(a.to_dense(), seed, true, false);
  for (int64_t i = 0; i < x.numel(); ++i)
    CHECK(x.grad().data()[i] == doctest::Approx(expected.data()[i]).epsilon(1e-5));
  clear_tape();
}

TEST_CASE("graph helpers: symmetric adjacency, self loops, degrees, GCN normalization") {
  const std::vector<std::pair<int64_t, int64_t>> edges = {{0, 1}, {1, 2}, {2, 1}, {3, 3}};
  CsrMatrix a = adjacency_from_edges(5, edges);
  CHECK(a.nnz() == 5);  // 0-1, 1-0, 1-2, 2-1 (repeated edge counted once), 3-3
  CHECK(degrees(a) == std::vector<Scalar>{1, 2, 1, 1, 0});
  CsrMatrix looped = add_self_loops(a);
  CHECK(looped.nnz() == 5 - 1 + 5);
  CsrMatrix normalized = gcn_normalize(a);
  Tensor d = normalized.to_dense();
  // degrees of A + I: 2, 3, 2, 1, 1
  CHECK(d.at({0, 1}) == doctest::Approx(1 / std::sqrt(6.0)));
  CHECK(d.at({1, 1}) == doctest::Approx(1 / 3.0));
  CHECK(d.at({4, 4}) == doctest::Approx(1.0));
  const std::vector<int64_t> r = {0, 2}, c = {1, 0};
  const std::vector<Scalar> v = {2, 3};
  Tensor s = symmetrize(CsrMatrix::from_coo(3, 3, r, c, v)).to_dense();
  CHECK(s.at({1, 0}) == 2);
  CHECK(s.at({0, 2}) == 3);
  CHECK(s.at({2, 0}) == 3);
  CHECK_THROWS_AS(gcn_normalize(testing::random_csr(2, 3, 0.5, 1)), std::invalid_argument);
  const std::vector<int64_t> pair_r = {0, 1}, pair_c = {1, 0};
  const std::vector<Scalar> negative = {-3, -3};  // degrees of A + I: 1 - 3 = -2
  CHECK_THROWS_WITH_AS(gcn_normalize(CsrMatrix::from_coo(2, 2, pair_r, pair_c, negative)),
                       doctest::Contains("node 0 has degree -2"), std::invalid_argument);
  CHECK_THROWS_AS(adjacency_from_edges(2, std::vector<std::pair<int64_t, int64_t>>{{0, 2}}),
                  std::out_of_range);
}
