#include "autograd/gradcheck.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "autograd/tape.hpp"

namespace autograd {

namespace {
std::array<bool, kOpCount> seen_ops{};

std::string ops_on_tape() {
  std::string names;
  for (const Node& node : Tape::current().nodes()) {
    if (op_index(*node.op) < kOpCount) seen_ops[op_index(*node.op)] = true;  // custom ops are not
    if (!names.empty()) names += ' ';
    names += node.op->name;
  }
  return names;
}

// Differences around a NaN or an Inf mean nothing, and every comparison would fail with a
// report that hides why: refuse such inputs, constants included, before computing anything.
void require_finite(const std::vector<Tensor>& inputs) {
  for (size_t p = 0; p < inputs.size(); ++p) {
    const auto values = inputs[p].values();
    const auto bad =
        std::find_if(values.begin(), values.end(), [](Scalar v) { return !std::isfinite(v); });
    if (bad != values.end())
      throw std::invalid_argument(
          "gradcheck: input " + std::to_string(p) + " (shape " + to_string(inputs[p].shape()) +
          ") holds " + (std::isnan(*bad) ? "NaN" : "Inf") + " at element " +
          std::to_string(bad - values.begin()) + "; finite differences need finite inputs");
  }
}
}  // namespace

const std::array<bool, kOpCount>& gradchecked_ops() { return seen_ops; }

GradcheckResult gradcheck(const GradcheckFn& f, const std::vector<Tensor>& inputs, double eps,
                          double tolerance) {
  std::vector<Tensor> checked;
  for (const Tensor& input : inputs)
    if (input.requires_grad()) {
      if (!input.is_leaf()) throw std::invalid_argument("gradcheck: inputs must be leaves");
      checked.push_back(input);
    }
  if (checked.empty()) throw std::invalid_argument("gradcheck: no input requires a gradient");
  require_finite(inputs);

  // Analytic Jacobian, one row per output element: backward seeded with a one-hot vector.
  clear_tape();
  Tensor out = f(inputs);
  const std::string ops = ops_on_tape();
  if (!out.requires_grad()) throw std::invalid_argument("gradcheck: the output does not depend on any checked input");
  const int64_t outputs = out.numel();
  std::vector<std::vector<std::vector<double>>> analytic(checked.size());
  for (size_t p = 0; p < checked.size(); ++p)
    analytic[p].assign(checked[p].numel(), std::vector<double>(outputs, 0.0));
  for (int64_t j = 0; j < outputs; ++j) {
    for (Tensor& input : checked) input.zero_grad();
    Tensor seed = Tensor::zeros(out.shape());
    seed.data()[j] = 1;
    backward(out, seed, /*retain_graph=*/true);
    for (size_t p = 0; p < checked.size(); ++p)
      if (checked[p].has_grad())
        for (int64_t i = 0; i < checked[p].numel(); ++i) analytic[p][i][j] = checked[p].grad_values()[i];
  }
  for (Tensor& input : checked) input.zero_grad();
  clear_tape();

  // Numeric Jacobian, one column per input element, and the comparison. f may record (as
  // gradgradcheck's f, which takes a gradient): the tape is cleared after each call.
  GradcheckResult result;
  for (size_t p = 0; p < checked.size(); ++p) {
    Scalar* values = checked[p].data();
    for (int64_t i = 0; i < checked[p].numel(); ++i) {
      const Scalar original = values[i];
      values[i] = original + static_cast<Scalar>(eps);
      const Tensor plus = f(inputs).clone();
      clear_tape();
      values[i] = original - static_cast<Scalar>(eps);
      const Tensor minus = f(inputs).clone();
      clear_tape();
      values[i] = original;
      if (plus.numel() != outputs) throw std::logic_error("gradcheck: output size changed between calls");
      for (int64_t j = 0; j < outputs; ++j) {
        const double numeric = (double(plus.data()[j]) - double(minus.data()[j])) / (2 * eps);
        const double a = analytic[p][i][j];
        const double error = std::abs(a - numeric) / std::max({1.0, std::abs(a), std::abs(numeric)});
        if (!(error <= result.max_error) || (std::isnan(error))) {
          result.max_error = std::isnan(error) ? INFINITY : error;
          result.worst_input = p, result.worst_element = i, result.worst_output = j;
          result.worst_analytic = a, result.worst_numeric = numeric;
        }
      }
    }
  }
  result.ok = result.max_error <= tolerance;
  std::ostringstream report;
  report << "gradcheck " << (result.ok ? "passed" : "FAILED") << " (ops: " << ops << "): worst error "
         << result.max_error << " at input " << result.worst_input << " element " << result.worst_element
         << " output " << result.worst_output << ": analytic " << result.worst_analytic << ", numeric "
         << result.worst_numeric << " (tolerance " << tolerance << ")";
  result.report = report.str();
  return result;
}

}  // namespace autograd
