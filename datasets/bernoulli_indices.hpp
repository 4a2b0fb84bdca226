#pragma once
// Sampling a sparse random subset without touching every candidate: to keep each of m indices
// independently with probability p, jump from one kept index to the next by a geometric gap
// (Batagelj & Brandes, 2005). The cost is proportional to the number kept, so sampling 10 million
// edges among 5 * 10^11 node pairs takes a fraction of a second.
#include <cmath>
#include <cstdint>

#include "autograd/random.hpp"

namespace datasets {

// Calls visit(i) for each i in [0, m) kept with probability p, in increasing order.
template <class Visit>
void for_each_bernoulli_index(uint64_t m, double p, autograd::Generator& generator, Visit&& visit) {
  if (m == 0 || !(p > 0)) return;
  if (p >= 1) {
    for (uint64_t i = 0; i < m; ++i) visit(i);
    return;
  }
  // The number of rejected indices before the next kept one is Geometric(p):
  // floor(log(U) / log(1 - p)) for U uniform in (0, 1].
  const double log_reject = std::log1p(-p);
  uint64_t next = 0;
  for (;;) {
    const double gap = std::floor(std::log1p(-generator.uniform()) / log_reject);
    if (gap >= static_cast<double>(m - next)) return;
    next += static_cast<uint64_t>(gap);
    visit(next);
    if (++next == m) return;
  }
}

}  // namespace datasets
