#pragma once
// The assignment problem: given an n x n cost matrix, the permutation p minimizing
// sum_i cost[i][p[i]], by the Hungarian method (Kuhn 1955, Munkres 1957) in O(n^3): potentials
// u (rows) and v (columns) with cost[i][j] - u[i] - v[j] >= 0 are kept while rows are added one
// at a time, each by a shortest augmenting path over the reduced costs (Dijkstra on the
// equality graph). GraphVAE matches its decoded graph to the input with it.
#include <cstdint>
#include <span>
#include <vector>

namespace models {

// cost: n x n, row-major, finite. Returns p with p[row] = the column assigned to it.
std::vector<int64_t> min_cost_assignment(std::span<const double> cost, int64_t n);

}  // namespace models
