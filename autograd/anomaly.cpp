#include "autograd/anomaly.hpp"

#include <cmath>

namespace autograd {

void check_finite(std::span<const Scalar> values, OpKind op, size_t position,
                  std::span<const std::shared_ptr<TensorImpl>> inputs, const std::string& what) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (std::isfinite(values[i])) continue;
    std::string shapes;
    for (const auto& input : inputs) {
      if (!shapes.empty()) shapes += ", ";
      shapes += to_string(input->shape);
    }
    throw AnomalyError("anomaly: op '" + std::string(op_name(op)) + "' at tape position " +
                       std::to_string(position) + " (inputs " + shapes + ") produced " +
                       (std::isnan(values[i]) ? "NaN" : "Inf") + " in " + what + " at element " +
                       std::to_string(i));
  }
}

}  // namespace autograd
