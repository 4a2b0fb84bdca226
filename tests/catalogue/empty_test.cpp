// Zero-size tensors: every op family given a shape with a 0 extent. Where the result is defined
// (sums of nothing are 0, a product over an inner dimension of 0 is a matrix of zeros, logsumexp of
// nothing is -inf as in NumPy and PyTorch) it has the right shape and values and backward runs,
// leaving every input a gradient of its own shape. Where it is not (the mean or max of nothing,
// one element of none) the call refuses, naming the op and the empty shape.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "autograd/sparse/csr.hpp"
#include "autograd/ops/spmm.hpp"
#include "nn/graph_conv.hpp"
#include "nn/losses.hpp"
#include "tests/catalogue/refusal.hpp"

using namespace autograd;
using catalogue::check_refusals;

namespace {

constexpr Scalar kMinusInf = -std::numeric_limits<Scalar>::infinity();

struct EmptyCase {
  std::string what;
  std::vector<Shape> inputs;  // filled with ones, each requiring a gradient
  std::function<Tensor(const std::vector<Tensor>&)> op;
  Shape out_shape;
  Scalar out_value = 0;   // of every output element, if there are any
  Scalar grad_value = 0;  // of every gradient element of d sum(out) / d input, if any
};

const CsrMatrix no_entries_3x3 = CsrMatrix::from_coo(3, 3, {}, {}, {});
constexpr nn::Reduction kSum = nn::Reduction::Sum;

// One case per line, as a table: what, input shapes, the op, output shape, output value, gradient.
// clang-format off
const std::vector<EmptyCase> cases = {
  {"add, broadcast over 0 rows", {{0, 3}, {3}}, [](auto& x) { return x[0] + x[1]; }, {0, 3}},
  {"mul, 0-wide by a column", {{2, 0}, {2, 1}}, [](auto& x) { return x[0] * x[1]; }, {2, 0}},
  {"div, empty by a scalar", {{0}, {1}}, [](auto& x) { return x[0] / x[1]; }, {0}},
  {"add_scalar", {{0, 2}}, [](auto& x) { return x[0] + Scalar(1); }, {0, 2}},
  {"mul_scalar", {{0, 2}}, [](auto& x) { return x[0] * Scalar(2); }, {0, 2}},
  {"pow", {{0, 2}}, [](auto& x) { return pow(x[0], 3); }, {0, 2}},
  {"neg", {{0, 2}}, [](auto& x) { return neg(x[0]); }, {0, 2}},
  {"exp", {{0, 2}}, [](auto& x) { return exp(x[0]); }, {0, 2}},
  {"log", {{0, 2}}, [](auto& x) { return log(x[0]); }, {0, 2}},
  {"sqrt", {{0, 2}}, [](auto& x) { return sqrt(x[0]); }, {0, 2}},
  {"abs", {{0, 2}}, [](auto& x) { return abs(x[0]); }, {0, 2}},
  {"square", {{0, 2}}, [](auto& x) { return square(x[0]); }, {0, 2}},
  {"relu", {{0, 2}}, [](auto& x) { return relu(x[0]); }, {0, 2}},
  {"leaky_relu", {{0, 2}}, [](auto& x) { return leaky_relu(x[0]); }, {0, 2}},
  {"sigmoid", {{0, 2}}, [](auto& x) { return sigmoid(x[0]); }, {0, 2}},
  {"tanh", {{0, 2}}, [](auto& x) { return tanh(x[0]); }, {0, 2}},
  {"softplus", {{0, 2}}, [](auto& x) { return softplus(x[0]); }, {0, 2}},
  {"log_sigmoid", {{0, 2}}, [](auto& x) { return log_sigmoid(x[0]); }, {0, 2}},
  {"swish", {{0, 2}}, [](auto& x) { return swish(x[0]); }, {0, 2}},
  {"sum of nothing is 0", {{0, 3}}, [](auto& x) { return sum(x[0]); }, {}, 0},
  {"sum over an empty axis", {{0, 3}}, [](auto& x) { return sum(x[0], 0); }, {3}, 0},
  {"sum over a full axis", {{0, 3}}, [](auto& x) { return sum(x[0], 1); }, {0}},
  {"mean over a full axis", {{0, 3}}, [](auto& x) { return mean(x[0], 1); }, {0}},
  {"max over a full axis", {{0, 3}}, [](auto& x) { return max(x[0], 1, true); }, {0, 1}},
  {"logsumexp of nothing", {{2, 0}}, [](auto& x) { return logsumexp(x[0], 1); }, {2}, kMinusInf},
  {"reshape, -1 inferred", {{0, 3}}, [](auto& x) { return reshape(x[0], {-1, 3}); }, {0, 3}},
  {"reshape, 0 moved", {{0, 3}}, [](auto& x) { return reshape(x[0], {3, 0}); }, {3, 0}},
  {"transpose", {{0, 3}}, [](auto& x) { return transpose(x[0]); }, {3, 0}},
  {"slice_rows, no rows", {{3, 2}}, [](auto& x) { return slice_rows(x[0], 1, 1); }, {0, 2}},
  {"concat, axis 0", {{0, 3}, {2, 3}}, [](auto& x) { return concat(x, 0); }, {2, 3}, 1, 1},
  {"concat, axis 1", {{2, 0}, {2, 3}}, [](auto& x) { return concat(x, 1); }, {2, 3}, 1, 1},
  {"index_select, no rows", {{3, 2}}, [](auto& x) { return index_select(x[0], {}); }, {0, 2}},
  {"pair_dot, no pairs", {{0, 4}}, [](auto& x) { return pair_dot(x[0], {}, {}); }, {0}},
  {"pair_dot, 0-wide rows", {{3, 0}}, [](auto& x) { return pair_dot(x[0], {0}, {2}); }, {1}, 0},
  {"matmul, inner 0", {{2, 0}, {0, 3}}, [](auto& x) { return matmul(x[0], x[1]); }, {2, 3}, 0},
  {"matmul^T, inner 0", {{0, 2}, {3, 0}}, [](auto& x) { return matmul(x[0], x[1], true, true); }, {2, 3}, 0},
  {"matmul, no rows", {{0, 2}, {2, 3}}, [](auto& x) { return matmul(x[0], x[1]); }, {0, 3}},
  {"matmul, no columns", {{2, 3}, {3, 0}}, [](auto& x) { return matmul(x[0], x[1]); }, {2, 0}},
  {"linear, no rows", {{0, 4}, {3, 4}, {3}}, [](auto& x) { return linear(x[0], x[1], x[2]); }, {0, 3}},
  {"linear, no features", {{2, 0}, {3, 0}, {3}}, [](auto& x) { return linear(x[0], x[1], x[2]); }, {2, 3}, 1, 2},
  {"linear_relu, no rows", {{0, 4}, {3, 4}, {3}}, [](auto& x) { return linear_relu(x[0], x[1], x[2]); }, {0, 3}},
  {"linear_relu, no features", {{2, 0}, {3, 0}, {3}}, [](auto& x) { return linear_relu(x[0], x[1], x[2]); }, {2, 3}, 1, 2},
  {"spmm, 0 x 0", {{0, 4}}, [](auto& x) { return spmm(CsrMatrix(), x[0]); }, {0, 4}},
  {"spmm, no entries", {{3, 2}}, [](auto& x) { return spmm(no_entries_3x3, x[0]); }, {3, 2}, 0},
  {"spmm, 0 columns", {{3, 0}}, [](auto& x) { return spmm(CsrMatrix::identity(3), x[0]); }, {3, 0}},
  {"spmm_values, no values", {{0}, {3, 2}}, [](auto& x) { return spmm_values(no_entries_3x3, x[0], x[1]); }, {3, 2}, 0},
  {"bce_with_logits, sum", {{0, 3}, {0, 3}}, [](auto& x) { return nn::bce_with_logits(x[0], x[1], kSum); }, {}, 0},
  {"mse_loss, sum", {{0, 3}, {0, 3}}, [](auto& x) { return nn::mse_loss(x[0], x[1], kSum); }, {}, 0},
  {"gaussian_nll, sum", {{0, 3}, {0, 3}, {3}}, [](auto& x) { return nn::gaussian_nll(x[0], x[1], x[2], kSum); }, {}, 0},
  {"kl_standard_normal, sum", {{0, 3}, {0, 3}}, [](auto& x) { return nn::kl_standard_normal(x[0], x[1], kSum); }, {}, 0},
};
// clang-format on

bool all_equal(std::span<const Scalar> values, Scalar expected) {
  for (Scalar v : values)
    if (v != expected) return false;
  return true;
}

}  // namespace

TEST_CASE(
    "every op family on zero-size tensors: the right empty or constant result, and backward") {
  for (const EmptyCase& c : cases) {
    INFO(c.what);
    clear_tape();
    std::vector<Tensor> inputs;
    for (const Shape& shape : c.inputs) inputs.push_back(Tensor::ones(shape, true));
    const Tensor out = c.op(inputs);
    CHECK(out.shape() == c.out_shape);
    CHECK(all_equal(out.values(), c.out_value));
    // The loss of a training step over an empty batch: its gradients are zero (or the constant
    // the case states), never missing in shape or NaN.
    const Tensor loss = sum(out);
    if (loss.requires_grad()) backward(loss);
    for (const Tensor& input : inputs) {
      CHECK(input.grad().shape() == input.shape());
      CHECK(all_equal(input.grad().values(), c.grad_value));
    }
    clear_tape();
  }
}

TEST_CASE("a graph layer over a graph of no nodes gives no rows, and zero gradients") {
  clear_tape();
  Generator gen(2);
  nn::GraphConv conv(4, 2, gen);
  const Tensor out = conv.forward(CsrMatrix(), Tensor::zeros({0, 4}));
  CHECK(out.shape() == Shape{0, 2});
  backward(sum(out));
  CHECK(all_equal(conv.weight.grad().values(), 0));
  clear_tape();
}

TEST_CASE("where the math has no value for no elements, the op refuses and says so") {
  const Tensor none = Tensor::zeros({0, 2});
  // clang-format off
  check_refusals<std::invalid_argument>({
      {"mean of no elements", [] { mean(Tensor::zeros({0, 3})); },
       "mean: tensor of shape [0, 3] is empty"},
      {"mean over an empty axis", [] { mean(Tensor::zeros({0, 3}), 0); },
       "mean: axis 0 of shape [0, 3] is empty"},
      {"max over an empty axis", [] { max(Tensor::zeros({2, 0}), -1); },
       "max: axis -1 of shape [2, 0] is empty"},
      {"a loss averaged over no elements", [&] { nn::kl_standard_normal(none, none); },
       "kl_standard_normal: mean of no elements"},
      {"a loss averaged over a batch of none",
       [&] { nn::gaussian_nll(none, none, 0, nn::Reduction::BatchMean); },
       "gaussian_nll: batch mean needs a non-empty axis 0, got shape [0, 2]"},
      {"the one element of an empty tensor", [] { Tensor::zeros({0}).item(); },
       "item: tensor of shape [0] has 0 elements, not one"},
  });
  // clang-format on
}
