#include "autograd/instruments/node_backward.hpp"

#include <chrono>

#include "autograd/instruments/anomaly.hpp"

namespace autograd {

namespace {

thread_local BackwardObserver observer;

void check_input_gradients(const Node& node, int64_t position) {
  for (size_t k = 0; k < node.inputs.size(); ++k)
    if (!node.inputs[k]->grad.empty())
      check_finite(node.inputs[k]->grad, *node.op, position, node.inputs, static_cast<int>(k));
}

}  // namespace

void set_backward_observer(BackwardObserver new_observer) {
  observer = std::move(new_observer);
}

void detail::run_node_backward(Node& node, int64_t position) {
  if (profiling()) {
    const auto start = std::chrono::steady_clock::now();
    node.backward(false);
    node.backward_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } else {
    node.backward(false);
  }
  if (anomaly_detection()) check_input_gradients(node, position);
  if (observer) observer(node, static_cast<size_t>(position));
}

}  // namespace autograd
