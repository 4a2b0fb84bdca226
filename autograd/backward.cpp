// The reverse sweep. See tape.hpp for why one backwards loop over the tape is enough; the
// bookkeeping for hooks and retained gradients is in gradient_hooks.hpp, the instruments behind
// run_node_backward (instruments/node_backward.hpp).
#include "autograd/gradient_hooks.hpp"
#include "autograd/instruments/node_backward.hpp"
#include "autograd/tape.hpp"

namespace autograd {

namespace {

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
  auto grad = root.grad_values();
  for (size_t i = 0; i < grad.size(); ++i) grad[i] += seed.defined() ? seed.data()[i] : Scalar(1);
}

void check_not_consumed(const Node& node, int64_t position) {
  if (!node.backward)
    throw std::logic_error("backward: op '" + std::string(node.op->name) + "' at tape position " +
                           std::to_string(position) +
                           " was already consumed by an earlier backward (its saved buffers are "
                           "freed); pass retain_graph = true to the first backward");
}

}  // namespace

void backward(const Tensor& root, const Tensor& seed, bool retain_graph) {
  detail::EarlierGradients earlier;
  earlier.set_aside_if_kept(root.impl_ptr());
  seed_root(root, seed);
  std::vector<Node>& nodes = Tape::current().nodes();
  for (int64_t i = root.impl().node; i >= 0; --i) {
    Node& node = nodes[i];
    if (node.output->grad.empty()) continue;  // not on a path from the root
    check_not_consumed(node, i);
    detail::run_hooks(*node.output);  // complete: all its consumers came later on the tape
    for (const auto& input : node.inputs) earlier.set_aside_if_kept(input);
    detail::run_node_backward(node, i);
    if (!retain_graph) node.backward = nullptr;
    earlier.finish_output(*node.output);
  }
  earlier.finish_leaves();
}

}  // namespace autograd
