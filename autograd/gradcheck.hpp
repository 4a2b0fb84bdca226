#pragma once
// gradcheck: compares every analytic partial derivative with a central finite difference,
// (f(x + eps) - f(x - eps)) / (2 eps), over the full Jacobian of f at `inputs`.
// Meant for the float64 build (AUTOGRAD_DOUBLE), where a tolerance of 1e-6 is meaningful.
//
// error(analytic, numeric) = |analytic - numeric| / max(1, |analytic|, |numeric|):
// relative for large derivatives, absolute near zero. Inputs that require a gradient are
// checked; the others are constants. f must be deterministic (fix any noise outside it). Every
// input must be finite: a NaN or an Inf is refused with std::invalid_argument.
// gradcheck clears the tape before and after it runs.
#include <array>
#include <functional>
#include <string>
#include <vector>

#include "autograd/op_table.hpp"
#include "autograd/tensor.hpp"

namespace autograd {

struct GradcheckResult {
  bool ok = true;
  double max_error = 0;
  size_t worst_input = 0, worst_element = 0, worst_output = 0;
  double worst_analytic = 0, worst_numeric = 0;
  std::string report;  // names the ops on the tape and the worst element
};

using GradcheckFn = std::function<Tensor(const std::vector<Tensor>& inputs)>;

GradcheckResult gradcheck(const GradcheckFn& f, const std::vector<Tensor>& inputs, double eps = 1e-6,
                          double tolerance = 1e-6);

// Second derivatives, as PyTorch's gradgradcheck: with u a fixed random direction at the output
// (an input too), gradcheck of (inputs, u) -> d <u, f(inputs)> / d inputs, the gradient that
// grad() records with create_graph. First it checks that this recorded gradient equals
// backward()'s, so the two backward paths of every op agree.
GradcheckResult gradgradcheck(const GradcheckFn& f, const std::vector<Tensor>& inputs,
                              double eps = 1e-6, double tolerance = 1e-6);

// Forward mode against reverse mode: <u, J v> by jvp() equals <J^T u, v> by grad(), for fixed
// random u and v (both are exact, so the tolerance is near rounding: 1e-10 in float64).
GradcheckResult check_jvp_against_vjp(const GradcheckFn& f, const std::vector<Tensor>& inputs,
                                      double tolerance = 1e-10);

// Which ops of op_table.hpp each kind of check in this process has seen; the test suite uses
// them to fail when an op lacks any of the three.
const std::array<bool, kOpCount>& gradchecked_ops();
const std::array<bool, kOpCount>& gradgradchecked_ops();
const std::array<bool, kOpCount>& jvp_checked_ops();

}  // namespace autograd
