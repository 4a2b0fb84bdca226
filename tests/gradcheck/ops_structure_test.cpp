// Gradient checks of reductions, shape ops and matmul.
#include "tests/gradcheck/check.hpp"

using namespace autograd;
using testing::expect_gradcheck;
using testing::random_tensor;

TEST_CASE("reductions over everything and over one axis") {
  for (const Shape& shape : {Shape{3, 4}, Shape{1, 1}, Shape{1, 5}, Shape{2, 3, 4}}) {
    CAPTURE(to_string(shape));
    Tensor x = random_tensor(shape, 11);
    expect_gradcheck([](const std::vector<Tensor>& v) { return sum(v[0]); }, {x});
    expect_gradcheck([](const std::vector<Tensor>& v) { return mean(v[0]); }, {x});
    for (int64_t axis = -1; axis < static_cast<int64_t>(shape.size()); ++axis) {
      for (bool keepdim : {false, true}) {
        CAPTURE(axis);
        CAPTURE(keepdim);
        expect_gradcheck([=](const std::vector<Tensor>& v) { return sum(v[0], axis, keepdim); }, {x});
        expect_gradcheck([=](const std::vector<Tensor>& v) { return mean(v[0], axis, keepdim); }, {x});
        expect_gradcheck([=](const std::vector<Tensor>& v) { return max(v[0], axis, keepdim); }, {x});
        expect_gradcheck([=](const std::vector<Tensor>& v) { return logsumexp(v[0], axis, keepdim); }, {x});
      }
    }
  }
  Tensor x = random_tensor({2, 3}, 12);  // reused: x - logsumexp(x) is a log-softmax
  expect_gradcheck([](const std::vector<Tensor>& v) { return v[0] - logsumexp(v[0], 1, true); }, {x});
}

TEST_CASE("shape ops") {
  Tensor x = random_tensor({4, 3}, 13);
  expect_gradcheck([](const std::vector<Tensor>& v) { return reshape(v[0], {2, -1}) * 2.0; }, {x});
  expect_gradcheck([](const std::vector<Tensor>& v) { return transpose(v[0]); }, {x});
  expect_gradcheck([](const std::vector<Tensor>& v) { return transpose(v[0]) * transpose(v[0]); }, {x});
  expect_gradcheck([](const std::vector<Tensor>& v) { return slice_rows(v[0], 1, 3); }, {x});
  expect_gradcheck([](const std::vector<Tensor>& v) { return slice_rows(v[0], 0, 1) + slice_rows(v[0], 3, 4); }, {x});
  expect_gradcheck([](const std::vector<Tensor>& v) { return index_select(v[0], {3, 0, 3, 1}); }, {x});
  Tensor y = random_tensor({4, 2}, 14), z = random_tensor({1, 3}, 15);
  expect_gradcheck([](const std::vector<Tensor>& v) { return concat({v[0], v[1], v[0]}, 1); }, {x, y});
  expect_gradcheck([](const std::vector<Tensor>& v) { return concat({v[0], v[1]}, 0); }, {x, z});
  Tensor one = random_tensor({1, 1}, 16);
  expect_gradcheck([](const std::vector<Tensor>& v) { return concat({v[0], v[0]}, -1); }, {one});
}

TEST_CASE("matmul in every transpose combination and edge shape") {
  const std::vector<std::tuple<int, int, int>> sizes = {{3, 4, 5}, {1, 4, 1}, {4, 1, 3}, {1, 1, 1}, {1, 3, 5}};
  for (const auto& [m, k, n] : sizes)
    for (bool ta : {false, true})
      for (bool tb : {false, true}) {
        CAPTURE(m);
        CAPTURE(k);
        CAPTURE(n);
        CAPTURE(ta);
        CAPTURE(tb);
        Tensor a = random_tensor(ta ? Shape{k, m} : Shape{m, k}, 17);
        Tensor b = random_tensor(tb ? Shape{n, k} : Shape{k, n}, 18);
        expect_gradcheck([=](const std::vector<Tensor>& v) { return matmul(v[0], v[1], ta, tb); }, {a, b});
      }
  Tensor square_matrix = random_tensor({3, 3}, 19);  // A A and A A^T reuse one input twice
  expect_gradcheck([](const std::vector<Tensor>& v) { return matmul(v[0], v[0]); }, {square_matrix});
  expect_gradcheck([](const std::vector<Tensor>& v) { return matmul(v[0], v[0], false, true); }, {square_matrix});
}
