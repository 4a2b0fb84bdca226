#include "autograd/instruments/anomaly.hpp"

#include <cmath>
#include <string>

namespace autograd {

namespace {

size_t first_non_finite(std::span<const Scalar> values) {
  for (size_t i = 0; i < values.size(); ++i)
    if (!std::isfinite(values[i])) return i;
  return values.size();
}

[[noreturn]] void throw_anomaly(const OpInfo& op, int64_t position, const std::string& input_shapes,
                                int input_index, Scalar value, size_t index) {
  const std::string where = position >= 0 ? "at tape position " + std::to_string(position)
                                          : std::string("(not recorded on the tape)");
  throw AnomalyError("anomaly: op '" + std::string(op.name) + "' " + where + " (inputs " +
                     input_shapes + ") produced " + (std::isnan(value) ? "NaN" : "Inf") + " in " +
                     (input_index < 0 ? std::string("its output")
                                      : "the gradient of input " + std::to_string(input_index)) +
                     " at element " + std::to_string(index));
}

template <class Inputs, class ShapeOf>
std::string join_shapes(const Inputs& inputs, ShapeOf shape_of) {
  std::string shapes;
  for (const auto& input : inputs) {
    if (!shapes.empty()) shapes += ", ";
    shapes += to_string(shape_of(input));
  }
  return shapes;
}

}  // namespace

void check_finite(std::span<const Scalar> values, const OpInfo& op, int64_t position,
                  std::span<const std::shared_ptr<TensorImpl>> inputs, int input_index) {
  const size_t bad = first_non_finite(values);
  if (bad == values.size()) return;
  throw_anomaly(op, position, join_shapes(inputs, [](const auto& impl) { return impl->shape; }),
                input_index, values[bad], bad);
}

void check_finite(std::span<const Scalar> values, const OpInfo& op, int64_t position,
                  std::span<const Tensor> inputs) {
  const size_t bad = first_non_finite(values);
  if (bad == values.size()) return;
  throw_anomaly(op, position, join_shapes(inputs, [](const Tensor& t) { return t.shape(); }), -1,
                values[bad], bad);
}

}  // namespace autograd
