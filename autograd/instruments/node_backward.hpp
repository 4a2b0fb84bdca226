#pragma once
// One node's backward as the reverse sweep runs it: the closure, timed when profiling is on,
// its input gradients checked for NaN and Inf in anomaly mode, then the backward observer.
// Every instrument the sweep has sits behind this one call.
#include <cstdint>

#include "autograd/tape.hpp"

namespace autograd::detail {

void run_node_backward(Node& node, int64_t position);

}  // namespace autograd::detail
