// A user's op, defined here, outside autograd/, with the custom-op API (autograd/custom_op.hpp):
// softsign x / (1 + |x|), gradient-checked to every order like the built-in ops, and the errors
// that a once-differentiable op and an op without a forward-mode rule give.
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::away_from_zero;

namespace {

Tensor softsign_value(const std::vector<Tensor>& in) {
  return in[0] / (1 + abs(in[0]));
}

// softsign x = x / (1 + |x|); d/dx = 1 / (1 + |x|)^2. The backward is written with ops, so it is
// differentiable in its turn: grad() with create_graph records it.
const CustomOp kSoftsign{
    .row = {"softsign", "d/dx x / (1 + |x|) = 1 / (1 + |x|)^2",
            "tests/autograd/custom_op_test.cpp"},
    .forward = softsign_value,
    .backward =
        [](const std::vector<Tensor>& in, const Tensor&, const Tensor& grad_output) {
          return std::vector<Tensor>{grad_output / square(1 + abs(in[0]))};
        },
    .jvp = [](const std::vector<Tensor>& in, const Tensor&,
              const std::vector<Tensor>& tangents) { return tangents[0] / square(1 + abs(in[0])); },
};

// The same op with a raw-loop backward, declared once_differentiable, and no forward-mode rule.
const CustomOp kSoftsignLoops{
    .row = {"softsign_loops", "d/dx x / (1 + |x|) = 1 / (1 + |x|)^2",
            "tests/autograd/custom_op_test.cpp"},
    .forward = softsign_value,
    .backward =
        [](const std::vector<Tensor>& in, const Tensor&, const Tensor& grad_output) {
          Tensor g = Tensor::empty(in[0].shape());
          for (int64_t i = 0; i < g.numel(); ++i) {
            const Scalar d = 1 + std::abs(in[0].data()[i]);
            g.data()[i] = grad_output.data()[i] / (d * d);
          }
          return std::vector<Tensor>{g};
        },
    .jvp = nullptr,
    .once_differentiable = true,
};

}  // namespace

TEST_CASE("a custom op passes all three checks, alone and inside other ops") {
  Tensor x = away_from_zero({3, 4}, 21);
  testing::expect_derivatives([](const std::vector<Tensor>& v) { return kSoftsign({v[0]}); }, {x});
  Tensor w = away_from_zero({4, 2}, 22);
  testing::expect_derivatives(
      [](const std::vector<Tensor>& v) {
        return matmul(kSoftsign({matmul(v[0], v[1])}), v[1], false, true) * v[0];
      },
      {x, w});
}

TEST_CASE("a once-differentiable custom op: first order works, second order is refused by name") {
  Tensor x = away_from_zero({5}, 23);
  testing::expect_gradcheck([](const std::vector<Tensor>& v) { return kSoftsignLoops({v[0]}); },
                            {x});
  const Tensor y = sum(kSoftsignLoops({x}));
  CHECK_THROWS_WITH(grad(y, {x}, {.seed = {}, .create_graph = true}),
                    doctest::Contains("custom op 'softsign_loops' is once_differentiable"));
  clear_tape();
  CHECK_THROWS_WITH(
      jvp([](const std::vector<Tensor>& v) { return kSoftsignLoops({v[0]}); }, {x}, {x.detach()}),
      doctest::Contains("op 'softsign_loops' has no forward-mode rule"));
}

TEST_CASE("a custom op whose backward returns the wrong shape is named") {
  static const CustomOp kWrongShape{
      .row = {"wrong_shape", "none", "tests/autograd/custom_op_test.cpp"},
      .forward = [](const std::vector<Tensor>& in) { return in[0] * 2; },
      .backward = [](const std::vector<Tensor>&, const Tensor&,
                     const Tensor&) { return std::vector<Tensor>{Tensor::zeros({2})}; },
      .jvp = nullptr,
      .once_differentiable = false,
  };
  Tensor x = away_from_zero({3}, 24);
  CHECK_THROWS_WITH(backward(sum(kWrongShape({x}))),
                    "custom op 'wrong_shape': backward returned a gradient of shape [2] for input "
                    "0 of shape [3]");
  clear_tape();
}
