// The reverse sweep. See tape.hpp for why one backwards loop over the tape is enough.
#include <algorithm>

#include "autograd/anomaly.hpp"
#include "autograd/tape.hpp"

namespace autograd {

namespace {

// A gradient is complete once every consumer has pushed into it; hooks see it then.
void run_hooks(const std::shared_ptr<TensorImpl>& impl) {
  for (const GradHook& hook : impl->hooks) {
    Tensor replacement = hook(Tensor(impl->shape, impl->grad));
    if (!replacement.defined()) continue;
    if (replacement.shape() != impl->shape)
      throw std::invalid_argument("gradient hook: returned shape " +
                                  to_string(replacement.shape()) + " for a gradient of shape " +
                                  to_string(impl->shape));
    impl->grad.assign(replacement.values().begin(), replacement.values().end());
  }
}

void seed_root(const Tensor& root, const Tensor& seed) {
  if (!root.requires_grad())
    throw std::logic_error("backward: " + describe(root) +
                           " does not require a gradient (no input of it requires one, or it was "
                           "made under NoGradGuard)");
  if (!seed.defined() && root.numel() != 1)
    throw std::invalid_argument("backward: root " + describe(root) +
                                " is not a scalar; pass a seed gradient of the same shape");
  if (seed.defined() && seed.shape() != root.shape())
    throw std::invalid_argument("backward: seed shape " + to_string(seed.shape()) +
                                " differs from root shape " + to_string(root.shape()));
  const Tape& tape = Tape::current();
  const TensorImpl& impl = root.impl();
  if (impl.node >= 0 && impl.generation != tape.generation())
    throw std::logic_error("backward: root " + describe(root) +
                           " was made on a tape that has since been cleared");
  auto grad = Tensor(root).grad_values();
  for (size_t i = 0; i < grad.size(); ++i) grad[i] += seed.defined() ? seed.data()[i] : Scalar(1);
}

}  // namespace

void backward(const Tensor& root, const Tensor& seed, bool retain_graph) {
  seed_root(root, seed);
  std::vector<Node>& nodes = Tape::current().nodes();
  std::vector<std::shared_ptr<TensorImpl>> hooked_leaves;
  if (root.is_leaf() && !root.impl().hooks.empty()) hooked_leaves.push_back(root.impl_ptr());

  for (int64_t i = root.impl().node; i >= 0; --i) {
    Node& node = nodes[i];
    TensorImpl& out = *node.output;
    if (out.grad.empty()) continue;  // not on a path from the root
    if (!node.backward)
      throw std::logic_error("backward: op '" + std::string(op_name(node.op)) +
                             "' at tape position " + std::to_string(i) +
                             " was already consumed by an earlier backward (its saved buffers are "
                             "freed); pass retain_graph = true to the first backward");
    run_hooks(node.output);
    const auto start = std::chrono::steady_clock::now();
    node.backward();
    if (profiling())
      node.backward_seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (const auto& input : node.inputs) {
      if (anomaly_detection() && !input->grad.empty())
        check_finite(input->grad, node.op, i, node.inputs, "the gradient of an input");
      const bool hooked_leaf = input->node < 0 && !input->hooks.empty();
      if (hooked_leaf && std::find(hooked_leaves.begin(), hooked_leaves.end(), input) ==
                             hooked_leaves.end())
        hooked_leaves.push_back(input);
    }
    if (!retain_graph) node.backward = nullptr;
    if (!out.retains_grad) std::vector<Scalar>().swap(out.grad);
  }
  for (const auto& leaf : hooked_leaves) run_hooks(leaf);
}

}  // namespace autograd
