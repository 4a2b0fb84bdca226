// Gradient checks of ops/unary.hpp, away from the kinks and poles at 0.
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::away_from_zero;
using testing::expect_derivatives;
using testing::random_tensor;

TEST_CASE("unary math ops") {
  using Unary = Tensor (*)(const Tensor&);
  const std::vector<std::pair<const char*, Unary>> ops = {
      {"neg", neg}, {"exp", exp}, {"log", log}, {"sqrt", sqrt}, {"abs", abs}, {"square", square}};
  for (const auto& [name, op] : ops) {
    const bool positive_only = std::string(name) == "log" || std::string(name) == "sqrt";
    for (const Shape& shape : {Shape{3, 4}, Shape{1, 1}, Shape{1, 6}, Shape{2, 2, 2}}) {
      CAPTURE(name);
      Tensor x = positive_only ? random_tensor(shape, 7, 0.2, 3) : away_from_zero(shape, 7);
      expect_derivatives([op](const std::vector<Tensor>& v) { return op(v[0]); }, {x});
      expect_derivatives([op](const std::vector<Tensor>& v) { return op(v[0]) * v[0]; }, {x});
    }
  }
}
