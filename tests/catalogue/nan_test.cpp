// NaN inputs. The documented behaviour (tests/catalogue/README.md):
// - every op propagates a NaN (as IEEE arithmetic, NumPy and PyTorch do): no op turns one into a
//   number, so a diverged run shows NaN in its loss instead of training on quietly;
// - anomaly mode stops at the first op whose output or gradient holds a NaN, and names it;
// - gradcheck refuses non-finite inputs (finite differences around them mean nothing);
// - Sgd and Adam carry a NaN gradient into that parameter element only, as PyTorch does;
//   clip_grad_norm refuses a non-finite norm instead of scaling every gradient by it;
// - file loaders refuse NaN values (tests/catalogue/loaders_test.cpp).
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "autograd/ops/softmax_cross_entropy.hpp"
#include "autograd/sparse/csr.hpp"
#include "autograd/ops/spmm.hpp"
#include "nn/adam.hpp"
#include "nn/clip.hpp"
#include "nn/inner_product_bce.hpp"
#include "nn/losses.hpp"
#include "nn/sgd.hpp"
#include "tests/catalogue/refusal.hpp"

using namespace autograd;
using catalogue::check_refusals;

namespace {

constexpr Scalar kNaN = std::numeric_limits<Scalar>::quiet_NaN();
constexpr Scalar kInf = std::numeric_limits<Scalar>::infinity();

// [1, NaN, 2]: a NaN between two ordinary values, so an op that skips it has a number to return.
Tensor with_nan(const Shape& shape = {3}) {
  return Tensor(shape, {1, kNaN, 2});
}

struct NanCase {
  std::string what;
  std::function<Tensor()> op;
  int64_t nan_at;  // the output element that must be NaN
};

CsrMatrix pair_pattern() {
  const std::vector<int64_t> rows = {0, 1}, cols = {1, 0};
  const std::vector<Scalar> values = {1, 1};
  return CsrMatrix::from_coo(3, 3, rows, cols, values);
}

// One case per line, as a table: what, the op on an input holding a NaN, the output element
// that must be NaN.
// clang-format off
const std::vector<NanCase> cases = {
  {"neg", [] { return neg(with_nan()); }, 1},
  {"exp", [] { return exp(with_nan()); }, 1},
  {"log", [] { return log(with_nan()); }, 1},
  {"sqrt", [] { return sqrt(with_nan()); }, 1},
  {"abs", [] { return abs(with_nan()); }, 1},
  {"square", [] { return square(with_nan()); }, 1},
  {"pow", [] { return pow(with_nan(), 3); }, 1},
  {"add_scalar", [] { return with_nan() + Scalar(1); }, 1},
  {"mul_scalar by 0", [] { return with_nan() * Scalar(0); }, 1},
  {"add", [] { return with_nan() + Tensor::ones({3}); }, 1},
  {"sub", [] { return Tensor::ones({3}) - with_nan(); }, 1},
  {"mul by 0", [] { return with_nan() * Tensor::zeros({3}); }, 1},
  {"div", [] { return Tensor::ones({3}) / with_nan(); }, 1},
  {"relu", [] { return relu(with_nan()); }, 1},
  {"leaky_relu", [] { return leaky_relu(with_nan()); }, 1},
  {"sigmoid", [] { return sigmoid(with_nan()); }, 1},
  {"tanh", [] { return tanh(with_nan()); }, 1},
  {"softplus", [] { return softplus(with_nan()); }, 1},
  {"log_sigmoid", [] { return log_sigmoid(with_nan()); }, 1},
  {"swish", [] { return swish(with_nan()); }, 1},
  {"softmax_cross_entropy", [] { return softmax_cross_entropy(with_nan({1, 3}), {0}); }, 0},
  {"sum", [] { return sum(with_nan()); }, 0},
  {"sum over an axis", [] { return sum(with_nan({1, 3}), 1); }, 0},
  {"mean", [] { return mean(with_nan()); }, 0},
  {"mean over an axis", [] { return mean(with_nan({3, 1}), 0); }, 0},
  {"max, NaN after a number", [] { return max(with_nan(), 0); }, 0},
  {"max, NaN first", [] { return max(Tensor({3}, {kNaN, 1, 2}), 0); }, 0},
  {"logsumexp", [] { return logsumexp(with_nan(), 0); }, 0},
  {"logsumexp, -inf and NaN", [] { return logsumexp(Tensor({2}, {-kInf, kNaN}), 0); }, 0},
  {"logsumexp, +inf and NaN", [] { return logsumexp(Tensor({2}, {kInf, kNaN}), 0); }, 0},
  {"reshape", [] { return reshape(with_nan(), {3, 1}); }, 1},
  {"transpose", [] { return transpose(with_nan({1, 3})); }, 1},
  {"slice_rows", [] { return slice_rows(with_nan(), 1, 3); }, 0},
  {"concat", [] { return concat({Tensor::ones({2}), with_nan()}, 0); }, 3},
  {"index_select", [] { return index_select(with_nan(), {2, 1}); }, 1},
  {"pair_dot", [] { return pair_dot(with_nan({3, 1}), {0}, {1}); }, 0},
  {"matmul", [] { return matmul(with_nan({1, 3}), Tensor::ones({3, 2})); }, 1},
  {"linear", [] { return linear(Tensor::ones({2, 3}), with_nan({1, 3})); }, 1},
  {"linear_relu", [] { return linear_relu(Tensor::ones({2, 3}), with_nan({1, 3})); }, 1},
  {"spmm", [] { return spmm(CsrMatrix::identity(3), with_nan({3, 1})); }, 1},
  {"spmm_values", [] { return spmm_values(CsrMatrix::identity(3), with_nan(), Tensor::ones({3, 1})); }, 1},
  {"bce_with_logits", [] { return nn::bce_with_logits(with_nan(), Tensor::zeros({3})); }, 0},
  {"mse_loss", [] { return nn::mse_loss(with_nan(), Tensor::zeros({3})); }, 0},
  {"gaussian_nll", [] { return nn::gaussian_nll(Tensor::zeros({3}), Tensor::zeros({3}), with_nan()); }, 0},
  {"kl_standard_normal", [] { return nn::kl_standard_normal(with_nan(), Tensor::zeros({3})); }, 0},
  {"inner_product_bce", [] { return nn::inner_product_bce(with_nan({3, 1}), pair_pattern(), 1, 1); }, 0},
};
// clang-format on

// Turns anomaly mode on for one test and always off again.
struct AnomalyMode {
  AnomalyMode() { set_anomaly_detection(true); }
  ~AnomalyMode() { set_anomaly_detection(false); }
};

}  // namespace

TEST_CASE("every op carries a NaN input through to its output") {
  for (const NanCase& c : cases) {
    INFO(c.what);
    const Tensor out = c.op();
    REQUIRE(c.nan_at < out.numel());
    CHECK(std::isnan(out.values()[c.nan_at]));
  }
}

TEST_CASE("max sends the gradient to the NaN it returned") {
  clear_tape();
  Tensor x = Tensor({3}, {1, kNaN, 2}, true);
  backward(sum(max(x, 0)));
  CHECK(x.grad().at({0}) == 0);
  CHECK(x.grad().at({1}) == 1);
  CHECK(x.grad().at({2}) == 0);
  clear_tape();
}

TEST_CASE("anomaly mode stops at the first op that makes or meets a NaN, forward or backward") {
  clear_tape();
  AnomalyMode on;
  Tensor x = Tensor({2}, {4, 0}, true);
  Tensor w = Tensor::scalar(0, true);
  Tensor y = sum(sqrt(x) * w);  // d sqrt(x)/dx at 0 is Inf, times a gradient of 0: NaN
  // clang-format off
  check_refusals<AnomalyError>({
      {"sqrt of a negative number", [] { sqrt(Tensor({2}, {1, -1})); },
       "anomaly: op 'sqrt' (not recorded on the tape) (inputs [2]) produced NaN in its output at "
       "element 1"},
      {"a NaN input at the first op that reads it", [] { exp(with_nan()); },
       "anomaly: op 'exp' (not recorded on the tape) (inputs [3]) produced NaN in its output at "
       "element 1"},
      {"0 times Inf in the backward of sqrt", [&] { backward(y); },
       "anomaly: op 'sqrt' at tape position 0 (inputs [2]) produced NaN in the gradient of input 0 "
       "at element 1"},
  });
  // clang-format on
  clear_tape();
}

TEST_CASE("gradcheck refuses inputs that are not finite") {
  const GradcheckFn square_sum = [](const std::vector<Tensor>& x) { return sum(square(x[0])); };
  const Tensor finite = Tensor::ones({2}, true);
  // clang-format off
  check_refusals<std::invalid_argument>({
      {"a NaN input", [&] { gradcheck(square_sum, {Tensor({3}, {1, kNaN, 2}, true)}); },
       "gradcheck: input 0 (shape [3]) holds NaN at element 1"},
      {"an Inf input after a finite one",
       [&] { gradcheck(square_sum, {finite, Tensor({2}, {kInf, 1}, true)}); },
       "gradcheck: input 1 (shape [2]) holds Inf at element 0"},
  });
  // clang-format on
}

TEST_CASE("Sgd and Adam carry a NaN gradient into that parameter element only") {
  for (const bool adam : {false, true}) {
    INFO((adam ? "Adam" : "Sgd"));
    Tensor p = Tensor::ones({3}, true);
    const nn::NamedTensors parameters = {{"p", p}};
    std::unique_ptr<nn::Optimizer> optimizer;
    if (adam)
      optimizer = std::make_unique<nn::Adam>(parameters);
    else
      optimizer = std::make_unique<nn::Sgd>(parameters);
    p.grad_values()[0] = 1;
    p.grad_values()[1] = kNaN;
    optimizer->step();
    CHECK(p.values()[0] < 1);
    CHECK(std::isnan(p.values()[1]));
    CHECK(p.values()[2] == 1);
  }
}

TEST_CASE("clip_grad_norm refuses a norm that is not finite and leaves the gradients alone") {
  Tensor a = Tensor::ones({2}, true), b = Tensor::ones({2}, true);
  a.grad_values()[0] = 3;
  b.grad_values()[1] = kNaN;
  // clang-format off
  check_refusals<std::domain_error>({
      {"a NaN gradient", [&] { nn::clip_grad_norm({a, b}, 1); },
       "clip_grad_norm: the gradient norm is not finite: parameter 1 (shape [2]) holds NaN at "
       "element 1"},
  });
  // clang-format on
  b.grad_values()[1] = kInf;
  // clang-format off
  check_refusals<std::domain_error>({
      {"an Inf gradient", [&] { nn::clip_grad_norm({a, b}, 1); },
       "parameter 1 (shape [2]) holds Inf at element 1"},
  });
  // clang-format on
  CHECK(a.grad_values()[0] == 3);
  CHECK(std::isinf(b.grad_values()[1]));
}
