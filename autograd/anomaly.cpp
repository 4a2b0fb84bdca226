#include "autograd/anomaly.hpp"

#include <cmath>
#include <string>

namespace autograd {

namespace {

size_t first_non_finite(std::span<const Scalar> values) {
  for (size_t i = 0; i < values.size(); ++i)
    if (!std::isfinite(values[i])) return i;
  return values.size();
}

[[noreturn]] void throw_anomaly(OpKind op, int64_t position, const std::string& input_shapes,
                                std::string_view what, Scalar value, size_t index) {
  const std::string where = position >= 0 ? "at tape position " + std::to_string(position)
                                          : std::string("(not recorded on the tape)");
  throw AnomalyError("anomaly: op '" + std::string(op_name(op)) + "' " + where + " (inputs " +
                     input_shapes + ") produced " + (std::isnan(value) ? "NaN" : "Inf") + " in " +
                     std::string(what) + " at element " + std::to_string(index));
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

void check_finite(std::span<const Scalar> values, OpKind op, int64_t position,
                  std::span<const std::shared_ptr<TensorImpl>> inputs, std::string_view what) {
  const size_t bad = first_non_finite(values);
  if (bad == values.size()) return;
  throw_anomaly(op, position, join_shapes(inputs, [](const auto& impl) { return impl->shape; }),
                what, values[bad], bad);
}

void check_finite(std::span<const Scalar> values, OpKind op, int64_t position,
                  std::span<const Tensor> inputs, std::string_view what) {
  const size_t bad = first_non_finite(values);
  if (bad == values.size()) return;
  throw_anomaly(op, position, join_shapes(inputs, [](const Tensor& t) { return t.shape(); }), what,
                values[bad], bad);
}

}  // namespace autograd
