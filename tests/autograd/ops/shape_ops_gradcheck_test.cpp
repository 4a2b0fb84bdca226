// Gradient checks of ops/shape_ops.cpp.
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::expect_derivatives;
using testing::random_tensor;

TEST_CASE("shape ops") {
  Tensor x = random_tensor({4, 3}, 13);
  expect_derivatives(
      [](const std::vector<Tensor>& v) {
        return reshape(v[0], {2, -1}) * 2.0;
      },
      {x});
  expect_derivatives([](const std::vector<Tensor>& v) { return transpose(v[0]); }, {x});
  expect_derivatives([](const std::vector<Tensor>& v) { return transpose(v[0]) * transpose(v[0]); },
                     {x});
  expect_derivatives([](const std::vector<Tensor>& v) { return slice_rows(v[0], 1, 3); }, {x});
  expect_derivatives(
      [](const std::vector<Tensor>& v) { return slice_rows(v[0], 0, 1) + slice_rows(v[0], 3, 4); },
      {x});
  expect_derivatives(
      [](const std::vector<Tensor>& v) {
        return index_select(v[0], {3, 0, 3, 1});
      },
      {x});
  Tensor y = random_tensor({4, 2}, 14), z = random_tensor({1, 3}, 15);
  expect_derivatives(
      [](const std::vector<Tensor>& v) {
        return concat({v[0], v[1], v[0]}, 1);
      },
      {x, y});
  expect_derivatives([](const std::vector<Tensor>& v) { return concat({v[0], v[1]}, 0); }, {x, z});
  Tensor one = random_tensor({1, 1}, 16);
  expect_derivatives([](const std::vector<Tensor>& v) { return concat({v[0], v[0]}, -1); }, {one});
}
