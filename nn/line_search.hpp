#pragma once
// Backtracking (Armijo) line search, shared by the full-batch methods that choose a direction
// and then a step along it: steepest descent here, Newton-CG in newton_cg.hpp.
//   accept the first t in 1, 1/2, 1/4, ... with  f(x + t d) <= f(x) + c t <g, d>
#include <functional>
#include <vector>

#include "autograd/tensor.hpp"

namespace nn {

using LossFn = std::function<autograd::Tensor()>;  // recomputes the loss from the parameters

struct LineSearchOptions {
  double armijo = 1e-4;  // c: the fraction of the linear decrease a step must achieve
  int max_halvings = 50;
};

struct DescentStep {
  double loss = 0;           // f(x) before the step
  double gradient_norm = 0;  // |g| before the step
  double step_size = 0;      // the t accepted; the parameters moved by t d
  int inner_iterations = 0;  // work spent choosing d (CG iterations for Newton-CG)
};

// <a, b> summed over the tensors of two lists of matching shapes, in double.
double dot(const std::vector<autograd::Tensor>& a, const std::vector<autograd::Tensor>& b);

// Moves `parameters` to x + t d for the first t the Armijo condition accepts, given f(x) and the
// slope <g, d> (which must be negative: d a descent direction). Returns t; throws naming the
// line search when no t is accepted (d not a descent direction for f, or f not finite).
double backtracking_line_search(const LossFn& loss, const std::vector<autograd::Tensor>& parameters,
                                const std::vector<autograd::Tensor>& direction, double loss_at_x,
                                double slope, const LineSearchOptions& options = {});

// One step of gradient descent with the line search: d = -g.
DescentStep steepest_descent_step(const LossFn& loss,
                                  const std::vector<autograd::Tensor>& parameters,
                                  const LineSearchOptions& options = {});

}  // namespace nn
