#include "nn/newton_cg.hpp"

#include <algorithm>
#include <cmath>

#include "autograd/functional.hpp"
#include "autograd/graph_backward.hpp"
#include "autograd/operators.hpp"
#include "autograd/tape.hpp"

namespace nn {

using autograd::Tensor;

namespace {

// a + c b, tensor by tensor (plain values: nothing here is recorded).
std::vector<Tensor> plus_multiple(const std::vector<Tensor>& a, double c,
                                  const std::vector<Tensor>& b) {
  const autograd::NoGradGuard no_tape;
  std::vector<Tensor> sum;
  for (size_t k = 0; k < a.size(); ++k)
    sum.push_back(a[k] + b[k] * static_cast<autograd::Scalar>(c));
  return sum;
}

std::vector<Tensor> detached(const std::vector<Tensor>& tensors) {
  std::vector<Tensor> values;
  for (const Tensor& t : tensors) values.push_back(t.detach());
  return values;
}

// Approximately solves H d = -g by conjugate gradients from d = 0, H v = hessian_times(v).
std::vector<Tensor> newton_direction(const std::vector<Tensor>& recorded_gradient,
                                     const std::vector<Tensor>& parameters,
                                     const std::vector<Tensor>& g, int max_iterations,
                                     int& iterations) {
  const double g_norm = std::sqrt(dot(g, g));
  const double tolerance = std::min(0.5, std::sqrt(g_norm)) * g_norm;
  std::vector<Tensor> d = plus_multiple(g, -1, g);  // zeros
  std::vector<Tensor> r = plus_multiple(d, -1, g);  // r = -g - H d
  std::vector<Tensor> p = r;
  double rr = dot(r, r);
  for (iterations = 0; iterations < max_iterations && std::sqrt(rr) > tolerance; ++iterations) {
    const std::vector<Tensor> hp =
        detached(autograd::hvp_from_gradient(recorded_gradient, parameters, p));
    const double curvature = dot(p, hp);
    if (curvature <= 0) return iterations == 0 ? r : d;  // H not positive definite along p
    const double alpha = rr / curvature;
    d = plus_multiple(d, alpha, p);
    r = plus_multiple(r, -alpha, hp);
    const double rr_next = dot(r, r);
    p = plus_multiple(r, rr_next / rr, p);
    rr = rr_next;
  }
  return d;
}

}  // namespace

DescentStep newton_cg_step(const LossFn& loss, const std::vector<Tensor>& parameters,
                           const NewtonCgOptions& options) {
  const Tensor f = loss();
  const std::vector<Tensor> recorded_gradient =
      autograd::grad(f, parameters, {.seed = {}, .create_graph = true});
  const std::vector<Tensor> g = detached(recorded_gradient);
  DescentStep step{.loss = f.item(), .gradient_norm = std::sqrt(dot(g, g))};
  if (step.gradient_norm == 0) {
    autograd::clear_tape();
    return step;
  }
  const std::vector<Tensor> direction = newton_direction(
      recorded_gradient, parameters, g, options.max_cg_iterations, step.inner_iterations);
  autograd::clear_tape();
  step.step_size = backtracking_line_search(loss, parameters, direction, step.loss,
                                            dot(g, direction), options.line_search);
  return step;
}

}  // namespace nn
