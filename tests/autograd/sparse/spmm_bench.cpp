// spmm benchmark (issue 3): the GCN propagation A_hat X on the normalized Cora and Pubmed
// adjacencies, X dense with 16 and 32 columns, against cblas_sgemm of the same product with A_hat
// stored densely. Prints GFLOP/s (useful flops: 2 nnz n for sparse, 2 N^2 n for dense), the
// speed-up of sparse over dense, spmm's speed-up from 1 thread to all, and the memory each
// representation of A_hat takes.
//
//   meson test -C build --benchmark spmm --verbose
#include <cblas.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "autograd/autograd.hpp"
#include "autograd/sparse/sparse.hpp"
#include "datasets/graph.hpp"
#include "tests/bench_table.hpp"
#include "tests/bench_timing.hpp"

using namespace autograd;

namespace {

// A product on Cora takes tens of microseconds, the dense one on Pubmed a third of a second.
constexpr int kSpmmWarmup = 20, kSpmmRuns = 101, kDenseRuns = 5;

void run(const std::string& name, const std::string& dir) {
  const CsrMatrix a_hat = gcn_normalize(datasets::load_graph(dir).adjacency);
  const int64_t n_nodes = a_hat.rows();
  Tensor dense_a = a_hat.to_dense();
  const double dense_mb = dense_a.numel() * sizeof(Scalar) / 1e6;
  const double sparse_mb = a_hat.bytes() / 1e6;
  for (int64_t columns : {16, 32}) {
    Generator g(1);
    const Tensor x = g.normal_tensor({n_nodes, columns});
    NoGradGuard no_grad;
    const int threads = num_threads();
    set_num_threads(1);  // the row split's scaling: the same product on one core
    const double one_thread_s =
        bench::median_seconds(kSpmmWarmup, kSpmmRuns, [&] { spmm(a_hat, x); });
    set_num_threads(threads);
    const double sparse_s = bench::median_seconds(kSpmmWarmup, kSpmmRuns, [&] { spmm(a_hat, x); });
    Tensor y = Tensor::zeros({n_nodes, columns});
    const int n = static_cast<int>(n_nodes), c = static_cast<int>(columns);
    const bench::OpenBlasThreads blas_threads(threads);
    const double dense_s = bench::median_seconds(1, kDenseRuns, [&] {
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, c, n, 1.0f, dense_a.data(), n,
                  x.data(), c, 0.0f, y.data(), c);
    });
    std::printf(
        "%-7s N=%-6lld nnz=%-7lld cols=%-3lld  spmm %8.3f ms %6.2f GFLOP/s (1 thread %.3f ms, "
        "%.2fx) | dense sgemm %9.2f ms %6.1f GFLOP/s"
        " | spmm %6.0fx faster | A_hat memory: CSR %.2f MB, dense %.0f MB\n",
        name.c_str(), static_cast<long long>(n_nodes), static_cast<long long>(a_hat.nnz()),
        static_cast<long long>(columns), sparse_s * 1e3,
        2.0 * a_hat.nnz() * columns / sparse_s / 1e9, one_thread_s * 1e3, one_thread_s / sparse_s,
        dense_s * 1e3, 2.0 * n_nodes * n_nodes * columns / dense_s / 1e9, dense_s / sparse_s,
        sparse_mb, dense_mb);
    bench::report({.benchmark = "spmm",
                   .what = name + " A_hat X, " + std::to_string(columns) + " columns",
                   .figure = sparse_s * 1e3,
                   .unit = "ms",
                   .runs = kSpmmRuns,
                   .ratio_of = "dense sgemm / spmm time",
                   .ratio = dense_s / sparse_s});
  }
}

}  // namespace

int main() {
  const char* root = std::getenv("ZOO_DATASETS");
  const std::string datasets_dir = root ? root : "../shared/datasets";
  std::printf("spmm vs dense sgemm, %d threads, medians (spmm: %d runs, sgemm: %d runs)\n",
              num_threads(), kSpmmRuns, kDenseRuns);
  for (const char* name : {"cora", "pubmed"}) {
    const std::string dir = datasets_dir + "/" + name;
    if (!std::filesystem::exists(dir + "/adjacency.mtx")) {
      std::printf("%s: %s/adjacency.mtx not found, skipped\n", name, dir.c_str());
      continue;
    }
    run(name, dir);
  }
}
