// Gradient checks of the elementwise ops: plain, broadcast, reused input and edge shapes.
#include "tests/gradcheck/check.hpp"

using namespace autograd;
using testing::away_from_zero;
using testing::expect_gradcheck;
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
      expect_gradcheck([op](const std::vector<Tensor>& x) { return op(x[0], x[1]); }, {a, b});
    }
    // The same tensor on both sides: its gradient is the sum of both partials.
    Tensor x = away_from_zero({2, 3}, 3, 0.5);
    CAPTURE(name);
    expect_gradcheck([op](const std::vector<Tensor>& v) { return op(v[0], v[0]); }, {x});
  }
}

TEST_CASE("one tensor used by two branches") {
  Tensor x = random_tensor({3, 2}, 4);
  expect_gradcheck([](const std::vector<Tensor>& v) { return exp(v[0]) * sigmoid(v[0]) + v[0]; }, {x});
}

TEST_CASE("scalar ops") {
  Tensor x = random_tensor({2, 3}, 5, 0.5, 2);
  expect_gradcheck([](const std::vector<Tensor>& v) { return add_scalar(v[0], 1.5); }, {x});
  expect_gradcheck([](const std::vector<Tensor>& v) { return mul_scalar(v[0], -2.5); }, {x});
  expect_gradcheck([](const std::vector<Tensor>& v) { return pow(v[0], 3.5); }, {x});
  expect_gradcheck([](const std::vector<Tensor>& v) { return pow(v[0], -1) * v[0]; }, {x});
  Tensor one = random_tensor({1, 1}, 6, 0.5, 2);
  expect_gradcheck([](const std::vector<Tensor>& v) { return 2.0 - v[0] / 4.0; }, {one});
}

TEST_CASE("unary math ops") {
  using Unary = Tensor (*)(const Tensor&);
  const std::vector<std::pair<const char*, Unary>> ops = {
      {"neg", neg}, {"exp", exp}, {"log", log}, {"sqrt", sqrt}, {"abs", abs}, {"square", square}};
  for (const auto& [name, op] : ops) {
    const bool positive_only = std::string(name) == "log" || std::string(name) == "sqrt";
    for (const Shape& shape : {Shape{3, 4}, Shape{1, 1}, Shape{1, 6}, Shape{2, 2, 2}}) {
      CAPTURE(name);
      Tensor x = positive_only ? random_tensor(shape, 7, 0.2, 3) : away_from_zero(shape, 7);
      expect_gradcheck([op](const std::vector<Tensor>& v) { return op(v[0]); }, {x});
      expect_gradcheck([op](const std::vector<Tensor>& v) { return op(v[0]) * v[0]; }, {x});
    }
  }
}

TEST_CASE("activations, including large arguments") {
  using Unary = Tensor (*)(const Tensor&);
  const std::vector<std::pair<const char*, Unary>> ops = {
      {"relu", relu},
      {"sigmoid", sigmoid},
      {"tanh", tanh},
      {"softplus", softplus},
      {"log_sigmoid", log_sigmoid},
      {"swish", swish},
  };
  for (const auto& [name, op] : ops) {
    for (const Shape& shape : {Shape{3, 4}, Shape{1, 1}, Shape{1, 5}}) {
      CAPTURE(name);
      Tensor x = away_from_zero(shape, 8, 0.1, 3);
      expect_gradcheck([op](const std::vector<Tensor>& v) { return op(v[0]); }, {x});
    }
    Tensor wide = Tensor({4}, {-40, -12, 12, 40}, true);  // stable forms must not overflow here
    CAPTURE(name);
    expect_gradcheck([op](const std::vector<Tensor>& v) { return op(v[0]); }, {wide});
  }
  Tensor x = away_from_zero({3, 4}, 9);
  expect_gradcheck([](const std::vector<Tensor>& v) { return leaky_relu(v[0], 0.2); }, {x});
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
  CHECK(logsumexp(Tensor({3}, {1000, 1000, 1000}), 0).item() == doctest::Approx(1000 + std::log(3.0)));
}
