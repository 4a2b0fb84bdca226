#include "autograd/tape.hpp"

#include "autograd/forward_mode.hpp"
#include "autograd/instruments/anomaly.hpp"

namespace autograd {

Tape& Tape::current() {
  thread_local Tape tape;
  return tape;
}

Node& Tape::push(Node node) {
  if (profiling()) {
    const auto now = std::chrono::steady_clock::now();
    node.forward_seconds = std::chrono::duration<double>(now - last_push_).count();
    last_push_ = now;
  }
  nodes_.push_back(std::move(node));
  return nodes_.back();
}

void Tape::clear() {
  nodes_.clear();
  ++generation_;
  last_push_ = std::chrono::steady_clock::now();
}

void clear_tape() { Tape::current().clear(); }

bool needs_grad(std::span<const Tensor> inputs) {
  if (!grad_enabled()) return false;
  for (const Tensor& input : inputs)
    if (input.requires_grad()) return true;
  return false;
}

void record(const OpInfo& op, std::span<const Tensor> inputs, Tensor& out, BackwardFn backward) {
  Tape& tape = Tape::current();
  for (const Tensor& input : inputs) {
    const TensorImpl& impl = input.impl();
    if (impl.node >= 0 && impl.generation != tape.generation())
      throw std::logic_error("op '" + std::string(op.name) + "': input " + describe(input) +
                             " was made on a tape that has since been cleared; recompute it, or "
                             "detach() it before clear_tape() to keep its values");
  }
  if (forward_mode()) check_tangent_rule(op, inputs, out);
  const bool recorded = needs_grad(inputs);
  if (anomaly_detection())
    check_finite(out.values(), op, recorded ? static_cast<int64_t>(tape.size()) : -1, inputs);
  if (!recorded) return;

  std::vector<std::shared_ptr<TensorImpl>> input_impls;
  input_impls.reserve(inputs.size());
  for (const Tensor& input : inputs) input_impls.push_back(input.impl_ptr());
  TensorImpl& result = out.impl();
  result.requires_grad = true;
  result.node = static_cast<int64_t>(tape.size());
  result.generation = tape.generation();
  tape.push(Node{&op, std::move(input_impls), out.impl_ptr(), std::move(backward)});
}

}  // namespace autograd
