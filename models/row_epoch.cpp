// row_epoch.hpp: shuffled minibatches over row indices.
#include "models/row_epoch.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace models {

double shuffled_epoch(int64_t n, int64_t batch, autograd::Generator& gen,
                      const std::function<double(const std::vector<int64_t>& rows)>& step) {
  if (n < 1 || batch < 1)
    throw std::invalid_argument("shuffled_epoch: needs n >= 1 rows and batch >= 1, got n " +
                                std::to_string(n) + ", batch " + std::to_string(batch));
  const std::vector<int64_t> order = gen.permutation(n);
  double total = 0;
  for (int64_t first = 0; first < n; first += batch) {
    const std::vector<int64_t> rows(order.begin() + first,
                                    order.begin() + std::min(n, first + batch));
    total += step(rows) * double(rows.size());
  }
  return total / double(n);
}

}  // namespace models
