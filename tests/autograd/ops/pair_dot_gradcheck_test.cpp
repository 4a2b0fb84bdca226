// Gradient checks of ops/pair_dot.cpp: pairs that share rows, a row paired with itself, a pair
// list longer than the rows, and 1-wide rows.
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::expect_derivatives;
using testing::random_tensor;

TEST_CASE("pair_dot: shared rows, a row with itself, more pairs than rows, 1-wide rows") {
  Tensor z = random_tensor({5, 3}, 1);
  expect_derivatives(
      [](const std::vector<Tensor>& v) {
        return pair_dot(v[0], {0, 2, 2, 4}, {1, 2, 3, 0});
      },
      {z});
  expect_derivatives(
      [](const std::vector<Tensor>& v) {
        return pair_dot(v[0], {0, 1, 2, 3, 4, 0, 1, 3}, {1, 1, 4, 3, 0, 4, 4, 2});
      },
      {z});
  Tensor thin = random_tensor({3, 1}, 2);
  expect_derivatives(
      [](const std::vector<Tensor>& v) {
        return pair_dot(v[0], {0, 2}, {2, 2}) * v[0];
      },
      {thin});
}
