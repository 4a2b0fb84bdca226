// blas::gemm splits large products over the pool: every transpose combination, split by rows and
// by columns, must give the product, and the same bits on one thread and on two. (OpenBLAS
// computes a block's edge tiles in another order than its interior, so the bits depend on where
// a product is cut: gemm cuts it the same way for any thread count.)
#include "autograd/runtime/blas.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "autograd/autograd.hpp"

using namespace autograd;

namespace {

struct Product {
  bool trans_a, trans_b;
  int m, n, k;
};

// C = op(A) op(B) + C0 with the stored layouts op() implies, on `threads` threads.
std::vector<float> run(const Product& p, int threads, const std::vector<float>& a,
                       const std::vector<float>& b, const std::vector<float>& c0) {
  const int saved = num_threads();
  set_num_threads(threads);
  std::vector<float> c = c0;
  const int lda = p.trans_a ? p.m : p.k, ldb = p.trans_b ? p.k : p.n;
  blas::gemm(p.trans_a, p.trans_b, p.m, p.n, p.k, 1.0f, a.data(), lda, b.data(), ldb, 1.0f,
             c.data(), p.n);
  set_num_threads(saved);
  return c;
}

double reference(const Product& p, const std::vector<float>& a, const std::vector<float>& b,
                 const std::vector<float>& c0, int i, int j) {
  double sum = c0[size_t(i) * p.n + j];
  for (int l = 0; l < p.k; ++l) {
    const float x = p.trans_a ? a[size_t(l) * p.m + i] : a[size_t(i) * p.k + l];
    const float y = p.trans_b ? b[size_t(j) * p.k + l] : b[size_t(l) * p.n + j];
    sum += double(x) * y;
  }
  return sum;
}

}  // namespace

TEST_CASE("gemm split over threads equals the product, on 1 thread and on 2") {
  Generator gen(3);
  for (const bool trans_a : {false, true})
    for (const bool trans_b : {false, true})
      for (const Product shape :
           {Product{0, 0, 301, 67, 45}, Product{0, 0, 37, 290, 53}, Product{0, 0, 32, 210, 128},
            Product{0, 0, 128, 210, 32}, Product{0, 0, 500, 128, 20}}) {
        const Product p{trans_a, trans_b, shape.m, shape.n, shape.k};
        CAPTURE(p.trans_a);
        CAPTURE(p.trans_b);
        CAPTURE(p.m);
        std::vector<float> a(size_t(p.m) * p.k), b(size_t(p.k) * p.n), c0(size_t(p.m) * p.n);
        for (auto* v : {&a, &b, &c0})
          for (float& x : *v) x = static_cast<float>(gen.normal());
        const std::vector<float> one = run(p, 1, a, b, c0), two = run(p, 2, a, b, c0);
        double worst_one = 0, worst_two = 0;
        for (int i = 0; i < p.m; ++i)
          for (int j = 0; j < p.n; ++j) {
            const double exact = reference(p, a, b, c0, i, j);
            worst_one = std::max(worst_one, std::abs(one[size_t(i) * p.n + j] - exact));
            worst_two = std::max(worst_two, std::abs(two[size_t(i) * p.n + j] - exact));
          }
        CHECK(worst_one < 1e-4);  // sums of ~50-128 products of unit normals: rounding ~1e-6
        CHECK(worst_two < 1e-4);
        CHECK(one == two);  // bit for bit (the GraphVAE decoder's 32 x 210 x 128 was not)
      }
}

TEST_CASE("gemm_plus_bias starts every row of C at the bias, split or not; k = 0 leaves the bias") {
  Generator gen(4);
  for (const int threads : {1, 2})
    for (const Product p : {Product{false, true, 128, 300, 70}, Product{false, true, 6, 5, 0}}) {
      CAPTURE(threads);
      CAPTURE(p.k);
      std::vector<float> a(size_t(p.m) * p.k), b(size_t(p.k) * p.n), bias(p.n);
      for (auto* v : {&a, &b, &bias})
        for (float& x : *v) x = static_cast<float>(gen.normal());
      std::vector<float> c(size_t(p.m) * p.n, 1e30f);  // garbage that must not survive
      const int saved = num_threads();
      set_num_threads(threads);
      blas::gemm_plus_bias(false, true, p.m, p.n, p.k, a.data(), std::max(p.k, 1), b.data(),
                           std::max(p.k, 1), bias.data(), c.data(), p.n);
      set_num_threads(saved);
      const std::vector<float> rows_of_bias = [&] {
        std::vector<float> r(size_t(p.m) * p.n);
        for (int i = 0; i < p.m; ++i) std::copy(bias.begin(), bias.end(), r.begin() + i * p.n);
        return r;
      }();
      double worst = 0;
      for (int i = 0; i < p.m; ++i)
        for (int j = 0; j < p.n; ++j)
          worst = std::max(
              worst, std::abs(c[size_t(i) * p.n + j] - reference(p, a, b, rows_of_bias, i, j)));
      CHECK(worst < 1e-4);
    }
}

TEST_CASE("gemm with an empty side writes nothing, and with k = 0 scales C by beta") {
  std::vector<float> c{1, 2, 3, 4};
  blas::gemm(false, false, 0, 2, 3, 1.0f, nullptr, 3, nullptr, 2, 0.0f, c.data(), 2);
  CHECK(c == std::vector<float>{1, 2, 3, 4});
  blas::gemm(false, false, 2, 2, 0, 1.0f, nullptr, 1, nullptr, 2, 0.5f, c.data(), 2);
  CHECK(c == std::vector<float>{0.5f, 1, 1.5f, 2});
  blas::gemm(false, false, 2, 2, 0, 1.0f, nullptr, 1, nullptr, 2, 0.0f, c.data(), 2);
  CHECK(c == std::vector<float>{0, 0, 0, 0});
}
