// Gradient check of softmax_cross_entropy, also scaled and as part of a larger expression (so
// the incoming gradient is not 1), and with a large logit spread (the stable form).
#include "autograd/ops/softmax_cross_entropy.hpp"
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::expect_derivatives;
using testing::random_tensor;

TEST_CASE("softmax_cross_entropy: gradient of the logits") {
  const std::vector<int64_t> labels = {2, 0, 3, 3, 1};
  Tensor x = random_tensor({5, 4}, 171, -2, 2);
  expect_derivatives(
      [&](const std::vector<Tensor>& v) { return softmax_cross_entropy(v[0], labels); }, {x});
  expect_derivatives(
      [&](const std::vector<Tensor>& v) {
        return softmax_cross_entropy(v[0] * v[0], labels) * 3.0;
      },
      {x});
  Tensor wide = random_tensor({2, 3}, 172, -30, 30);  // e^60 between classes: needs the shift
  expect_derivatives(
      [](const std::vector<Tensor>& v) {
        return softmax_cross_entropy(v[0], {1, 2});
      },
      {wide});
  Tensor one_class = random_tensor({3, 1}, 173);  // the loss is 0 whatever the logit
  expect_derivatives(
      [](const std::vector<Tensor>& v) {
        return softmax_cross_entropy(v[0], {0, 0, 0});
      },
      {one_class});
}
