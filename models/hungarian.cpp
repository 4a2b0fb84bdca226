#include "models/hungarian.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace models {

std::vector<int64_t> min_cost_assignment(std::span<const double> cost, int64_t n) {
  if (n < 0 || static_cast<int64_t>(cost.size()) != n * n)
    throw std::invalid_argument("min_cost_assignment: " + std::to_string(cost.size()) +
                                " costs for a " + std::to_string(n) + " x " + std::to_string(n) +
                                " matrix");
  for (size_t i = 0; i < cost.size(); ++i)
    if (!std::isfinite(cost[i]))
      throw std::invalid_argument("min_cost_assignment: cost " + std::to_string(i) +
                                  " is not finite");
  const double inf = std::numeric_limits<double>::infinity();
  // Columns 1..n; column 0 is a virtual start. row_of[j]: the row column j is matched to (0: none).
  std::vector<double> u(n + 1, 0), v(n + 1, 0);
  std::vector<int64_t> row_of(n + 1, 0), previous(n + 1, 0);
  for (int64_t row = 1; row <= n; ++row) {
    row_of[0] = row;
    int64_t column = 0;
    std::vector<double> distance(n + 1, inf);  // shortest reduced cost to reach each column
    std::vector<bool> done(n + 1, false);
    do {  // grow the shortest-path tree until it reaches a free column
      done[column] = true;
      const int64_t i = row_of[column];
      double step = inf;
      int64_t next = 0;
      for (int64_t j = 1; j <= n; ++j) {
        if (done[j]) continue;
        const double reduced = cost[(i - 1) * n + (j - 1)] - u[i] - v[j];
        if (reduced < distance[j]) distance[j] = reduced, previous[j] = column;
        if (distance[j] < step) step = distance[j], next = j;
      }
      for (int64_t j = 0; j <= n; ++j)  // shift potentials: tree edges stay tight
        if (done[j])
          u[row_of[j]] += step, v[j] -= step;
        else
          distance[j] -= step;
      column = next;
    } while (row_of[column] != 0);
    do {  // augment along the path back to the start
      const int64_t back = previous[column];
      row_of[column] = row_of[back];
      column = back;
    } while (column != 0);
  }
  std::vector<int64_t> assignment(n);
  for (int64_t j = 1; j <= n; ++j) assignment[row_of[j] - 1] = j - 1;
  return assignment;
}

}  // namespace models
