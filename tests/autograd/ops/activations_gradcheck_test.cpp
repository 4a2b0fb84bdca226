// Gradient checks of ops/activations.hpp, at large arguments too, and their stable forms' values
// far out.
#include <cmath>

#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::away_from_zero;
using testing::expect_derivatives;
using testing::random_tensor;

TEST_CASE("activations, including large arguments") {
  using Unary = Tensor (*)(const Tensor&);
  // One op a line, so that adding one is adding a line.
  // clang-format off
  const std::vector<std::pair<const char*, Unary>> ops = {
      {"relu", relu},
      {"sigmoid", sigmoid},
      {"tanh", tanh},
      {"softplus", softplus},
      {"log_sigmoid", log_sigmoid},
      {"swish", swish},
  };
  // clang-format on
  for (const auto& [name, op] : ops) {
    for (const Shape& shape : {Shape{3, 4}, Shape{1, 1}, Shape{1, 5}}) {
      CAPTURE(name);
      Tensor x = away_from_zero(shape, 8, 0.1, 3);
      expect_derivatives([op](const std::vector<Tensor>& v) { return op(v[0]); }, {x});
    }
    Tensor wide = Tensor({4}, {-40, -12, 12, 40}, true);  // stable forms must not overflow here
    CAPTURE(name);
    expect_derivatives([op](const std::vector<Tensor>& v) { return op(v[0]); }, {wide});
  }
  Tensor x = away_from_zero({3, 4}, 9);
  expect_derivatives([](const std::vector<Tensor>& v) { return leaky_relu(v[0], 0.2); }, {x});
}

TEST_CASE("stable forms give exact values far out") {
  Tensor x({4}, {-800, -30, 30, 800});
  Tensor sp = softplus(x), ls = log_sigmoid(x), s = sigmoid(x);
  CHECK(sp.data()[0] == doctest::Approx(0.0));
  CHECK(sp.data()[3] == doctest::Approx(800.0));
  CHECK(ls.data()[0] == doctest::Approx(-800.0));
  CHECK(ls.data()[3] == doctest::Approx(0.0));
  CHECK(s.data()[0] == doctest::Approx(0.0));
  CHECK(s.data()[3] == doctest::Approx(1.0));
  const Tensor w = swish(x);
  CHECK(w.data()[0] == doctest::Approx(0.0));
  CHECK(w.data()[1] == doctest::Approx(-30 / (1 + std::exp(30.0))));
  CHECK(w.data()[3] == doctest::Approx(800.0));
  CHECK(logsumexp(Tensor({3}, {1000, 1000, 1000}), 0).item() ==
        doctest::Approx(1000 + std::log(3.0)));
}
