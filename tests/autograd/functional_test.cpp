// Higher-order derivatives (float64): hvp against the dense Hessian and against finite
// differences of the gradient on a two-layer MLP's loss; the Jacobian built by forward mode
// against the one built by reverse mode; a third derivative; and the errors that name what is
// wrong.
#include <cmath>

#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::random_tensor;

namespace {

// A two-layer tanh MLP's mean squared error on fixed data, its 26 parameters packed in one
// vector theta: W1 [5, 3], b1 [5], W2 [1, 5], b2 [1].
Tensor mlp_loss(const Tensor& theta) {
  const Tensor x = random_tensor({4, 3}, 1, -1, 1, false);
  const Tensor y = random_tensor({4, 1}, 2, -1, 1, false);
  const Tensor w1 = reshape(slice_rows(theta, 0, 15), {5, 3});
  const Tensor b1 = slice_rows(theta, 15, 20);
  const Tensor w2 = reshape(slice_rows(theta, 20, 25), {1, 5});
  const Tensor b2 = slice_rows(theta, 25, 26);
  return mse_loss(linear(tanh(linear(x, w1, b1)), w2, b2), y);
}

double max_difference(const Tensor& a, const Tensor& b) {
  REQUIRE(a.shape() == b.shape());
  double worst = 0;
  for (int64_t i = 0; i < a.numel(); ++i)
    worst = std::max(worst, std::abs(double(a.data()[i]) - double(b.data()[i])));
  return worst;
}

Tensor gradient_at(const Tensor& theta) {
  const Tensor leaf = theta.detach().set_requires_grad(true);
  const Tensor g = grad(mlp_loss(leaf), {leaf})[0];
  clear_tape();
  return g;
}

}  // namespace

TEST_CASE("hvp of an MLP's loss matches the dense Hessian and differences of the gradient") {
  const Tensor theta = random_tensor({26}, 3, -1, 1, false);
  const Tensor v = random_tensor({26}, 4, -1, 1, false);
  const TensorFn f = [](const std::vector<Tensor>& in) { return mlp_loss(in[0]); };
  const Tensor hv = hvp(f, {theta}, {v})[0];
  const Tensor h = hessian(mlp_loss, theta);
  clear_tape();
  REQUIRE(h.shape() == Shape{26, 26});
  Tensor h_times_v = Tensor::zeros({26});
  for (int64_t i = 0; i < 26; ++i)
    for (int64_t j = 0; j < 26; ++j) h_times_v.data()[i] += h.data()[i * 26 + j] * v.data()[j];
  CHECK(max_difference(hv, h_times_v) < 1e-12);
  CHECK(max_difference(h, transpose(h)) < 1e-12);  // second derivatives commute

  const double eps = 1e-6;
  Tensor plus = theta.clone(), minus = theta.clone();
  for (int64_t i = 0; i < 26; ++i) {
    plus.data()[i] += eps * v.data()[i];
    minus.data()[i] -= eps * v.data()[i];
  }
  const Tensor difference = (gradient_at(plus) - gradient_at(minus)) / (2 * eps);
  CHECK(max_difference(hv, difference) < 1e-7);
  double norm = 0;
  for (Scalar value : hv.values()) norm += value * value;
  CHECK(norm > 1e-4);  // a curved loss: the comparison is not between zeros
}

TEST_CASE("hvp over several inputs equals the packed one") {
  const Tensor theta = random_tensor({26}, 3, -1, 1, false);
  const Tensor v = random_tensor({26}, 4, -1, 1, false);
  const auto pieces = [](const Tensor& t) {
    return std::vector<Tensor>{slice_rows(t, 0, 15), slice_rows(t, 15, 20), slice_rows(t, 20, 25),
                               slice_rows(t, 25, 26)};
  };
  const TensorFn by_parts = [](const std::vector<Tensor>& p) { return mlp_loss(concat(p, 0)); };
  const std::vector<Tensor> parts = hvp(by_parts, pieces(theta), pieces(v));
  const Tensor packed =
      hvp([](const std::vector<Tensor>& in) { return mlp_loss(in[0]); }, {theta}, {v})[0];
  clear_tape();
  CHECK(max_difference(concat(parts, 0), packed) < 1e-12);
}

TEST_CASE("the Jacobian by forward mode equals the Jacobian by reverse mode") {
  const Tensor w = random_tensor({3, 4}, 5, -1, 1, false);
  const TensorToTensor f = [&](const Tensor& x) {
    return softplus(matmul(reshape(x, {2, 4}), w, false, true)) * sum(x);
  };
  const Tensor x = random_tensor({8}, 6, -1, 1, false);
  const Tensor by_columns = jacobian_by_jvp(f, x);
  const Tensor by_rows = jacobian_by_vjp(f, x);
  clear_tape();
  REQUIRE(by_columns.shape() == Shape{6, 8});
  CHECK(max_difference(by_columns, by_rows) < 1e-12);
  const Tensor gradient_row =
      jacobian_by_vjp([](const Tensor& t) { return sum(square(t)); }, x);  // [1, 8] = 2 x^T
  CHECK(max_difference(reshape(gradient_row, {8}), 2 * x) < 1e-12);
  clear_tape();
}

TEST_CASE("derivatives of any order: d^3/dx^3 x^4 = 24 x") {
  const Tensor x = Tensor({3}, {0.5, -1, 2}, true);
  const Tensor y = sum(pow(x, 4));
  const Tensor g1 = grad(y, {x}, {.seed = {}, .create_graph = true})[0];
  const Tensor g2 = grad(sum(g1), {x}, {.seed = {}, .create_graph = true})[0];
  const Tensor g3 = grad(sum(g2), {x})[0];
  CHECK(max_difference(g2, 12 * square(x.detach())) < 1e-12);
  CHECK(max_difference(g3, 24 * x.detach()) < 1e-12);
  clear_tape();
}

TEST_CASE("grad leaves the inputs' grad buffers alone and gives zeros for an unused input") {
  const Tensor x = Tensor({2}, {1, 2}, true), unused = Tensor({3}, {0, 0, 0}, true);
  const std::vector<Tensor> g = grad(sum(square(x)), {x, unused});
  CHECK(max_difference(g[0], 2 * x.detach()) < 1e-15);
  CHECK(max_difference(g[1], Tensor::zeros({3})) == 0);
  CHECK_FALSE(x.has_grad());
  clear_tape();
}

TEST_CASE("bad input to the higher-order functions is named") {
  const Tensor x = random_tensor({3}, 7, -1, 1, false);
  const TensorFn vector_valued = [](const std::vector<Tensor>& in) { return exp(in[0]); };
  CHECK_THROWS_WITH(hvp(vector_valued, {x}, {x}), "hvp: f must return one element, got shape [3]");
  CHECK_THROWS_WITH(hvp(vector_valued, {x}, {Tensor::zeros({2})}),
                    "hvp: direction 0 has shape [2] but input 0 has shape [3]");
  CHECK_THROWS_WITH(jvp(vector_valued, {x}, {Tensor::zeros({3, 1})}),
                    "jvp: tangent 0 has shape [3, 1] but input 0 has shape [3]");
  clear_tape();
}

TEST_CASE("jvp_through and hvp_from_gradient work on tensors a computation owns") {
  // As a module's parameters: the closure reads theta, it is not handed it.
  const Tensor theta = random_tensor({26}, 3, -1, 1, true);
  const Tensor v = random_tensor({26}, 4, -1, 1, false);
  const TensorFn f = [](const std::vector<Tensor>& in) { return mlp_loss(in[0]); };

  const JvpResult owned = jvp_through([&] { return mlp_loss(theta); }, {theta}, {v});
  const JvpResult handed = jvp(f, {theta}, {v});
  CHECK(max_difference(owned.tangent, handed.tangent) == 0);
  CHECK_FALSE(theta.tangent().defined());  // the tangent was taken off again
  CHECK_THROWS_WITH(jvp_through([&] { return mlp_loss(theta); }, {theta}, {Tensor::zeros({2})}),
                    "jvp: tangent 0 has shape [2] but input 0 has shape [26]");
  CHECK_FALSE(theta.tangent().defined());

  // The gradient recorded once serves several directions, as in the inner loop of Newton-CG.
  const std::vector<Tensor> g = grad(mlp_loss(theta), {theta}, {.seed = {}, .create_graph = true});
  const Tensor w = random_tensor({26}, 5, -1, 1, false);
  CHECK(max_difference(hvp_from_gradient(g, {theta}, {v})[0], hvp(f, {theta}, {v})[0]) < 1e-12);
  CHECK(max_difference(hvp_from_gradient(g, {theta}, {w})[0], hvp(f, {theta}, {w})[0]) < 1e-12);
  CHECK_FALSE(theta.has_grad());
  clear_tape();
}
