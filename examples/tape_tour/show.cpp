#include "examples/tape_tour/show.hpp"

#include <cstdio>

namespace tape_tour {

namespace {
std::string number(autograd::Scalar v) {
  char text[32];
  std::snprintf(text, sizeof text, "%9.5f", static_cast<double>(v));
  return text;
}

std::string row(std::span<const autograd::Scalar> values) {
  std::string text = "[";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) text += ' ';
    text += number(values[i]);
  }
  return text + " ]";
}
}  // namespace

std::string show_values(const autograd::Shape& shape, std::span<const autograd::Scalar> values,
                        int indent) {
  if (shape.empty()) return number(values[0]);
  if (shape.size() == 1) return row(values);
  if (shape.size() == 2 && shape[1] == 1) return row(values) + "^T";  // a column, laid flat
  const size_t columns = static_cast<size_t>(shape.back());
  std::string text;
  for (size_t start = 0; start < values.size(); start += columns) {
    if (start) text.append(1, '\n').append(indent, ' ');
    text += row(values.subspan(start, columns));
  }
  return text;
}

std::string label(const autograd::TensorImpl& tensor) {
  if (!tensor.name.empty()) return tensor.name;
  if (tensor.node >= 0) return std::string(1, '#').append(std::to_string(tensor.node));
  return tensor.requires_grad ? "parameter" : "constant";
}

}  // namespace tape_tour
