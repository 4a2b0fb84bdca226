#pragma once
// NumPy broadcasting as one loop. for_each_broadcast calls visit(out_i, a_i, b_i) for every
// element of the broadcast result, with a_i and b_i the matching flat indices into the inputs.
// Backward runs the same walk with `grad_a[a_i] += ...`: accumulating into a broadcast index
// sums the gradient over the broadcast axes, which is the "unbroadcast" every binary op needs.
#include <array>
#include <stdexcept>
#include <string>

#include "autograd/shape.hpp"

namespace autograd {

template <class Visit>
void for_each_broadcast(const Shape& out, const Shape& a, const Shape& b, Visit visit) {
  const int64_t total = numel(out);
  if (total == 0) return;
  if (a == out && b == out) {  // the common case: no broadcasting at all
    for (int64_t i = 0; i < total; ++i) visit(i, i, i);
    return;
  }
  constexpr size_t kMaxRank = 8;
  const size_t rank = out.size();
  if (rank > kMaxRank)
    throw std::invalid_argument("broadcast: rank " + std::to_string(rank) + " exceeds " + std::to_string(kMaxRank));
  // Strides of a and b laid against out's axes; 0 where an input is broadcast.
  std::array<int64_t, kMaxRank> stride_a{}, stride_b{}, counter{};
  for (int64_t i = static_cast<int64_t>(rank) - 1, sa = 1, sb = 1; i >= 0; --i) {
    const int64_t ia = i - static_cast<int64_t>(rank - a.size());
    const int64_t ib = i - static_cast<int64_t>(rank - b.size());
    if (ia >= 0) {
      stride_a[i] = a[ia] == 1 ? 0 : sa;
      sa *= a[ia];
    }
    if (ib >= 0) {
      stride_b[i] = b[ib] == 1 ? 0 : sb;
      sb *= b[ib];
    }
  }
  const int64_t inner = out[rank - 1];  // rank >= 1 here: rank-0 shapes took the fast path
  const int64_t step_a = stride_a[rank - 1], step_b = stride_b[rank - 1];
  int64_t offset_a = 0, offset_b = 0;
  for (int64_t base = 0; base < total; base += inner) {
    for (int64_t k = 0; k < inner; ++k) visit(base + k, offset_a + k * step_a, offset_b + k * step_b);
    for (int64_t axis = static_cast<int64_t>(rank) - 2; axis >= 0; --axis) {  // odometer step
      offset_a += stride_a[axis];
      offset_b += stride_b[axis];
      if (++counter[axis] < out[axis]) break;
      offset_a -= stride_a[axis] * out[axis];
      offset_b -= stride_b[axis] * out[axis];
      counter[axis] = 0;
    }
  }
}

}  // namespace autograd
