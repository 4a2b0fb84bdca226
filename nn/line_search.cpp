#include "nn/line_search.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "autograd/graph_backward.hpp"
#include "autograd/operators.hpp"
#include "autograd/tape.hpp"

namespace nn {

using autograd::Scalar;
using autograd::Tensor;

double dot(const std::vector<Tensor>& a, const std::vector<Tensor>& b) {
  if (a.size() != b.size()) throw std::invalid_argument("dot: lists of different lengths");
  double sum = 0;
  for (size_t k = 0; k < a.size(); ++k) {
    if (a[k].numel() != b[k].numel())
      throw std::invalid_argument("dot: tensor " + std::to_string(k) + " sizes differ");
    const Scalar *x = a[k].data(), *y = b[k].data();
    for (int64_t i = 0; i < a[k].numel(); ++i) sum += double(x[i]) * double(y[i]);
  }
  return sum;
}

namespace {

// parameters = origin + t * direction, in place (the tensors the loss reads).
void move_to(const std::vector<Tensor>& parameters, const std::vector<std::vector<Scalar>>& origin,
             const std::vector<Tensor>& direction, double t) {
  for (size_t k = 0; k < parameters.size(); ++k) {
    Scalar* p = parameters[k].data();
    const Scalar* d = direction[k].data();
    for (size_t i = 0; i < origin[k].size(); ++i)
      p[i] = static_cast<Scalar>(origin[k][i] + t * d[i]);
  }
}

double loss_value(const LossFn& loss) {
  const autograd::NoGradGuard no_tape;
  return loss().item();
}

}  // namespace

double backtracking_line_search(const LossFn& loss, const std::vector<Tensor>& parameters,
                                const std::vector<Tensor>& direction, double loss_at_x,
                                double slope, const LineSearchOptions& options) {
  if (!(slope < 0))
    throw std::invalid_argument("backtracking_line_search: <g, d> = " + std::to_string(slope) +
                                " is not negative: d is not a descent direction");
  std::vector<std::vector<Scalar>> origin;
  for (const Tensor& p : parameters) origin.emplace_back(p.data(), p.data() + p.numel());
  double t = 1;
  for (int halving = 0; halving <= options.max_halvings; ++halving, t /= 2) {
    move_to(parameters, origin, direction, t);
    const double f = loss_value(loss);
    if (std::isfinite(f) && f <= loss_at_x + options.armijo * t * slope) return t;
  }
  move_to(parameters, origin, direction, 0);
  throw std::runtime_error("backtracking_line_search: no step in " +
                           std::to_string(options.max_halvings) +
                           " halvings decreased the loss (from " + std::to_string(loss_at_x) + ")");
}

DescentStep steepest_descent_step(const LossFn& loss, const std::vector<Tensor>& parameters,
                                  const LineSearchOptions& options) {
  const Tensor f = loss();
  const std::vector<Tensor> g = autograd::grad(f, parameters);
  autograd::clear_tape();
  std::vector<Tensor> direction;
  for (const Tensor& gk : g) direction.push_back(-gk);
  DescentStep step{.loss = f.item(), .gradient_norm = std::sqrt(dot(g, g))};
  if (step.gradient_norm == 0) return step;  // stationary: nowhere to go
  step.step_size =
      backtracking_line_search(loss, parameters, direction, step.loss, -dot(g, g), options);
  return step;
}

}  // namespace nn
