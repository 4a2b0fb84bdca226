// Gradient checks of ops/reductions.cpp.
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::expect_derivatives;
using testing::random_tensor;

TEST_CASE("reductions over everything and over one axis") {
  for (const Shape& shape : {Shape{3, 4}, Shape{1, 1}, Shape{1, 5}, Shape{2, 3, 4}}) {
    CAPTURE(to_string(shape));
    Tensor x = random_tensor(shape, 11);
    expect_derivatives([](const std::vector<Tensor>& v) { return sum(v[0]); }, {x});
    expect_derivatives([](const std::vector<Tensor>& v) { return mean(v[0]); }, {x});
    for (int64_t axis = -1; axis < static_cast<int64_t>(shape.size()); ++axis) {
      for (bool keepdim : {false, true}) {
        CAPTURE(axis);
        CAPTURE(keepdim);
        expect_derivatives([=](const std::vector<Tensor>& v) { return sum(v[0], axis, keepdim); },
                           {x});
        expect_derivatives([=](const std::vector<Tensor>& v) { return mean(v[0], axis, keepdim); },
                           {x});
        expect_derivatives([=](const std::vector<Tensor>& v) { return max(v[0], axis, keepdim); },
                           {x});
        expect_derivatives(
            [=](const std::vector<Tensor>& v) { return logsumexp(v[0], axis, keepdim); }, {x});
      }
    }
  }
  Tensor x = random_tensor({2, 3}, 12);  // reused: x - logsumexp(x) is a log-softmax
  expect_derivatives([](const std::vector<Tensor>& v) { return v[0] - logsumexp(v[0], 1, true); },
                     {x});
}
