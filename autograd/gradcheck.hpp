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

// Which ops any gradcheck in this process has seen on the tape; the test suite uses it to
// fail when an op in op_table.hpp has no gradient check.
const std::array<bool, kOpCount>& gradchecked_ops();

}  // namespace autograd
