// The checks of the second derivatives and of forward mode (gradcheck.hpp), both built on the
// first-order gradcheck and on grad() and jvp().
#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>
#include <stdexcept>

#include "autograd/forward_mode.hpp"
#include "autograd/gradcheck.hpp"
#include "autograd/graph_backward.hpp"
#include "autograd/tape.hpp"

namespace autograd {

namespace {

std::array<bool, kOpCount> second_order_seen{}, tangent_seen{};

void mark(std::array<bool, kOpCount>& seen, const OpInfo& op) {
  if (op_index(op) < kOpCount) seen[op_index(op)] = true;
}

// A fixed pseudo-random direction: the same checks on every run.
Tensor direction(const Shape& shape, unsigned seed, bool requires_grad = false) {
  std::mt19937 engine(seed);
  std::uniform_real_distribution<double> uniform(-1, 1);
  Tensor t = Tensor::zeros(shape, requires_grad);
  for (Scalar& v : t.values()) v = static_cast<Scalar>(uniform(engine));
  return t;
}

std::vector<Tensor> checked_inputs(const char* check, const std::vector<Tensor>& inputs) {
  std::vector<Tensor> checked;
  for (const Tensor& input : inputs)
    if (input.requires_grad()) {
      if (!input.is_leaf())
        throw std::invalid_argument(std::string(check) + ": inputs must be leaves");
      checked.push_back(input);
    }
  if (checked.empty())
    throw std::invalid_argument(std::string(check) + ": no input requires a gradient");
  return checked;
}

std::string op_names(size_t first, size_t last) {
  std::string names;
  for (size_t i = first; i < last; ++i) {
    if (!names.empty()) names += ' ';
    names += Tape::current().nodes()[i].op->name;
  }
  return names;
}

double relative_error(double a, double b) {
  return std::abs(a - b) / std::max({1.0, std::abs(a), std::abs(b)});
}

// The recorded gradient (grad) against backward()'s, at direction u.
GradcheckResult compare_backward_paths(const GradcheckFn& f, const std::vector<Tensor>& inputs,
                                       const std::vector<Tensor>& checked, const Tensor& u,
                                       double tolerance) {
  clear_tape();
  const Tensor out = f(inputs);
  const std::string ops = op_names(0, Tape::current().size());
  for (const Node& node : Tape::current().nodes()) mark(second_order_seen, *node.op);
  const std::vector<Tensor> recorded = grad(out, checked, {.seed = u.detach()});
  for (const Tensor& input : checked) input.zero_grad();
  backward(out, u.detach(), /*retain_graph=*/true);
  GradcheckResult result;
  for (size_t p = 0; p < checked.size(); ++p)
    for (int64_t i = 0; i < checked[p].numel(); ++i) {
      const double a = recorded[p].data()[i];
      const double b = checked[p].has_grad() ? checked[p].grad_values()[i] : 0.0;
      const double error = relative_error(a, b);
      if (!(error <= result.max_error)) {
        result.max_error = std::isnan(error) ? INFINITY : error;
        result.worst_input = p, result.worst_element = i;
        result.worst_analytic = a, result.worst_numeric = b;
      }
    }
  for (const Tensor& input : checked) input.zero_grad();
  clear_tape();
  result.ok = result.max_error <= tolerance;
  std::ostringstream report;
  report << "gradgradcheck: the recorded backward of (" << ops << ") "
         << (result.ok ? "agrees" : "DISAGREES") << " with backward(): worst error "
         << result.max_error << " at input " << result.worst_input << " element "
         << result.worst_element << ": grad() " << result.worst_analytic << ", backward() "
         << result.worst_numeric;
  result.report = report.str();
  return result;
}

}  // namespace

const std::array<bool, kOpCount>& gradgradchecked_ops() {
  return second_order_seen;
}
const std::array<bool, kOpCount>& jvp_checked_ops() {
  return tangent_seen;
}

GradcheckResult gradgradcheck(const GradcheckFn& f, const std::vector<Tensor>& inputs, double eps,
                              double tolerance) {
  const std::vector<Tensor> checked = checked_inputs("gradgradcheck", inputs);
  Shape out_shape;
  {
    NoGradGuard no_tape;
    out_shape = f(inputs).shape();
  }
  const Tensor u = direction(out_shape, 7, /*requires_grad=*/true);
  GradcheckResult paths = compare_backward_paths(f, inputs, checked, u, tolerance);
  if (!paths.ok) return paths;

  std::vector<Tensor> with_u = inputs;
  with_u.push_back(u);
  const GradcheckFn first_derivative = [&](const std::vector<Tensor>& in) {
    const std::vector<Tensor> x(in.begin(), in.end() - 1);
    const std::vector<Tensor> gradients =
        grad(f(x), checked, {.seed = in.back(), .create_graph = true});
    std::vector<Tensor> flat;
    for (const Tensor& g : gradients) flat.push_back(reshape(g, {-1}));
    return concat(flat, 0);
  };
  GradcheckResult result = gradcheck(first_derivative, with_u, eps, tolerance);
  result.report = "gradgradcheck (second derivatives, the direction u last): " + result.report;
  return result;
}

GradcheckResult check_jvp_against_vjp(const GradcheckFn& f, const std::vector<Tensor>& inputs,
                                      double tolerance) {
  checked_inputs("check_jvp_against_vjp", inputs);
  std::vector<Tensor> tangents;
  for (size_t i = 0; i < inputs.size(); ++i)
    tangents.push_back(inputs[i].requires_grad() ? direction(inputs[i].shape(), 100 + unsigned(i))
                                                 : Tensor{});
  take_ops_with_tangents();
  const JvpResult forward = jvp(f, inputs, tangents);
  for (const OpInfo* op : take_ops_with_tangents()) mark(tangent_seen, *op);
  const Tensor u = direction(forward.value.shape(), 11);
  double u_jv = 0;
  for (int64_t j = 0; j < u.numel(); ++j) u_jv += double(u.data()[j]) * forward.tangent.data()[j];

  clear_tape();
  const Tensor out = f(inputs);
  const std::string ops = op_names(0, Tape::current().size());
  std::vector<Tensor> checked = checked_inputs("check_jvp_against_vjp", inputs);
  const std::vector<Tensor> vjp = grad(out, checked, {.seed = u});
  clear_tape();
  double jtu_v = 0;
  for (size_t i = 0, p = 0; i < inputs.size(); ++i) {
    if (!inputs[i].requires_grad()) continue;
    for (int64_t k = 0; k < inputs[i].numel(); ++k)
      jtu_v += double(vjp[p].data()[k]) * tangents[i].data()[k];
    ++p;
  }
  GradcheckResult result;
  result.max_error =
      std::isnan(relative_error(u_jv, jtu_v)) ? INFINITY : relative_error(u_jv, jtu_v);
  result.worst_analytic = u_jv;
  result.worst_numeric = jtu_v;
  result.ok = result.max_error <= tolerance;
  std::ostringstream report;
  report.precision(17);
  report << "check_jvp_against_vjp " << (result.ok ? "passed" : "FAILED") << " (ops: " << ops
         << "): <u, J v> = " << u_jv << " by forward mode, <J^T u, v> = " << jtu_v
         << " by reverse mode, error " << result.max_error << " (tolerance " << tolerance << ")";
  result.report = report.str();
  return result;
}

}  // namespace autograd
