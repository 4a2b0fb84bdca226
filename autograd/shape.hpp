#pragma once
// Shapes: a list of extents, row-major. Helpers to count elements, print shapes in error
// messages and apply NumPy's broadcasting rule.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace autograd {

using Shape = std::vector<int64_t>;

int64_t numel(const Shape& shape);
std::string to_string(const Shape& shape);  // "[128, 784]"

// Throws std::invalid_argument naming `op` unless every extent is >= 0.
void check_shape(std::string_view op, const Shape& shape);

// NumPy rule: align from the right; extents must match or one of them be 1.
Shape broadcast_shapes(std::string_view op, const Shape& a, const Shape& b);

// Resolves a possibly negative axis (-1 = last) and checks it is in range.
int64_t normalize_axis(std::string_view op, int64_t axis, int64_t rank);

}  // namespace autograd
