#pragma once
// Random sparse matrices for the sparse tests: some rows left empty on purpose.
#include "autograd/random.hpp"
#include "autograd/sparse/sparse.hpp"

namespace testing {

inline autograd::CsrMatrix random_csr(int64_t rows, int64_t cols, double density, uint64_t seed) {
  autograd::Generator g(seed);
  std::vector<int64_t> r, c;
  std::vector<autograd::Scalar> v;
  for (int64_t i = 0; i < rows; ++i) {
    if (i % 3 == 1) continue;  // an empty row every third row
    for (int64_t j = 0; j < cols; ++j)
      if (g.bernoulli(density)) {
        r.push_back(i);
        c.push_back(j);
        v.push_back(static_cast<autograd::Scalar>(g.uniform(-1, 1)));
      }
  }
  return autograd::CsrMatrix::from_coo(rows, cols, r, c, v);
}

}  // namespace testing
