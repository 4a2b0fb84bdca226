// Gradient checks of ops/binary.hpp: plain, broadcast on either side or both, a tensor on both
// sides, one tensor used by two branches, edge shapes.
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::away_from_zero;
using testing::expect_derivatives;
using testing::random_tensor;

namespace {
using Binary = Tensor (*)(const Tensor&, const Tensor&);
const std::vector<std::pair<const char*, Binary>> kBinaryFunctions = {
    {"add", add}, {"sub", sub}, {"mul", mul}, {"div", div}};
}  // namespace

TEST_CASE("binary ops: plain, broadcast, reused input, edge shapes") {
  const std::vector<std::pair<Shape, Shape>> shape_pairs = {
      {{3, 4}, {3, 4}},     // plain
      {{3, 4}, {4}},        // row broadcast, as a bias
      {{3, 1}, {1, 4}},     // both sides broadcast
      {{2, 3, 4}, {3, 1}},  // rank 3 against rank 2
      {{1, 1}, {1, 1}},     // 1x1
      {{1, 5}, {}},         // 1xN against a scalar
  };
  for (const auto& [name, op] : kBinaryFunctions) {
    for (const auto& [sa, sb] : shape_pairs) {
      CAPTURE(name);
      CAPTURE(to_string(sa));
      CAPTURE(to_string(sb));
      Tensor a = random_tensor(sa, 1), b = away_from_zero(sb, 2, 0.5);
      expect_derivatives([op](const std::vector<Tensor>& x) { return op(x[0], x[1]); }, {a, b});
    }
    // The same tensor on both sides: its gradient is the sum of both partials.
    Tensor x = away_from_zero({2, 3}, 3, 0.5);
    CAPTURE(name);
    expect_derivatives([op](const std::vector<Tensor>& v) { return op(v[0], v[0]); }, {x});
  }
}

TEST_CASE("one tensor used by two branches") {
  Tensor x = random_tensor({3, 2}, 4);
  expect_derivatives([](const std::vector<Tensor>& v) { return exp(v[0]) * sigmoid(v[0]) + v[0]; },
                     {x});
}
