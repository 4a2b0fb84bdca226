// The reverse sweeps: backward() into grad buffers and grad() into tensors (graph_backward.hpp).
// See tape.hpp for why one backwards loop over the tape is enough; the bookkeeping for hooks and
// retained gradients is in gradient_hooks.hpp, the instruments behind run_node_backward
// (instruments/node_backward.hpp).
#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "autograd/gradient_hooks.hpp"
#include "autograd/graph_backward.hpp"
#include "autograd/instruments/node_backward.hpp"
#include "autograd/ops/binary.hpp"
#include "autograd/tape.hpp"

namespace autograd {

namespace {

void check_root(const std::string& sweep, const Tensor& root, const Tensor& seed) {
  if (!root.requires_grad())
    throw std::logic_error(sweep + ": " + describe(root) +
                           " does not require a gradient (no input of it requires one, or it was "
                           "made under NoGradGuard)");
  if (!seed.defined() && root.numel() != 1)
    throw std::invalid_argument(sweep + ": root " + describe(root) +
                                " is not a scalar; pass a seed gradient of the same shape");
  if (seed.defined() && seed.shape() != root.shape())
    throw std::invalid_argument(sweep + ": seed shape " + to_string(seed.shape()) +
                                " differs from root shape " + to_string(root.shape()));
  const Tape& tape = Tape::current();
  const TensorImpl& impl = root.impl();
  if (impl.node >= 0 && impl.generation != tape.generation())
    throw std::logic_error(sweep + ": root " + describe(root) +
                           " was made on a tape that has since been cleared");
}

void seed_root(const Tensor& root, const Tensor& seed) {
  check_root("backward", root, seed);
  auto grad = root.grad_values();
  for (size_t i = 0; i < grad.size(); ++i) grad[i] += seed.defined() ? seed.data()[i] : Scalar(1);
}

void check_not_consumed(const Node& node, int64_t position) {
  if (!node.backward)
    throw std::logic_error("backward or grad: op '" + std::string(node.op->name) +
                           "' at tape position " + std::to_string(position) +
                           " was already consumed by an earlier backward (its saved buffers are "
                           "freed); pass retain_graph = true to the first backward");
}

// The gradient tensors of one grad() sweep, by tensor. Sweeps nest (a graph backward never calls
// grad, but a user's function given to hvp may): each restores the one it interrupted.
struct GraphGradients {
  std::unordered_map<const TensorImpl*, Tensor> by_tensor;
  GraphGradients* interrupted;
};
thread_local GraphGradients* active_sweep = nullptr;

// The leaves with ready hooks that root's sweep can reach, each with the tape position of its
// earliest reader, latest position first (the order the sweep passes them). After that node, no
// gradient flows into the leaf any more.
std::vector<std::pair<int64_t, TensorImpl*>> leaves_by_earliest_reader(int64_t root_node) {
  std::vector<std::pair<int64_t, TensorImpl*>> leaves;
  std::unordered_map<TensorImpl*, bool> seen;
  const std::vector<Node>& nodes = Tape::current().nodes();
  for (int64_t i = 0; i <= root_node; ++i)
    for (const auto& input : nodes[i].inputs)
      if (input->node < 0 && !input->ready_hooks.empty() && seen.emplace(input.get(), true).second)
        leaves.emplace_back(i, input.get());
  std::reverse(leaves.begin(), leaves.end());
  return leaves;
}

void run_ready_hooks(TensorImpl& leaf) {
  for (const auto& hook : leaf.ready_hooks) hook();
}

}  // namespace

const Tensor& graph_grad(const Tensor& output) {
  return active_sweep->by_tensor.at(&output.impl());
}

void accumulate_graph_grad(const Tensor& input, const Tensor& gradient) {
  if (!input.requires_grad() || !gradient.defined()) return;
  if (gradient.shape() != input.shape())
    throw std::logic_error("grad: a gradient of shape " + to_string(gradient.shape()) + " for " +
                           describe(input));
  auto [entry, first] = active_sweep->by_tensor.try_emplace(&input.impl(), gradient);
  if (!first) entry->second = add(entry->second, gradient);
}

std::vector<Tensor> grad(const Tensor& output, const std::vector<Tensor>& inputs,
                         const GradOptions& options) {
  check_root("grad", output, options.seed);
  GraphGradients sweep{{}, active_sweep};
  active_sweep = &sweep;
  struct Restore {
    GraphGradients& sweep;
    ~Restore() { active_sweep = sweep.interrupted; }
  } restore{sweep};
  GradModeGuard record_backward(options.create_graph);
  sweep.by_tensor[&output.impl()] =
      options.seed.defined() ? options.seed : Tensor::ones(output.shape());
  std::vector<const TensorImpl*> wanted;
  for (const Tensor& input : inputs) wanted.push_back(&input.impl());
  for (int64_t i = output.impl().node; i >= 0; --i) {
    const Node& node = Tape::current().nodes()[i];
    const auto reached = sweep.by_tensor.find(node.output.get());
    if (reached == sweep.by_tensor.end()) continue;
    check_not_consumed(node, i);
    const BackwardFn backward_of_node = node.backward;  // it appends nodes: `node` may move
    const auto output_impl = node.output;
    backward_of_node(true);
    if (std::find(wanted.begin(), wanted.end(), output_impl.get()) == wanted.end())
      sweep.by_tensor.erase(output_impl.get());  // every consumer has sent its part
  }
  std::vector<Tensor> gradients;
  for (const Tensor& input : inputs) {
    const auto found = sweep.by_tensor.find(&input.impl());
    gradients.push_back(found != sweep.by_tensor.end() ? found->second
                                                       : Tensor::zeros(input.shape()));
  }
  return gradients;
}

void backward(const Tensor& root, const Tensor& seed, bool retain_graph) {
  detail::EarlierGradients earlier;
  earlier.set_aside_if_kept(root.impl_ptr());
  seed_root(root, seed);
  std::vector<Node>& nodes = Tape::current().nodes();
  const auto ready = leaves_by_earliest_reader(root.impl().node);
  auto next_ready = ready.begin();
  for (int64_t i = root.impl().node; i >= 0; --i) {
    Node& node = nodes[i];
    if (!node.output->grad.empty()) {  // else not on a path from the root
      check_not_consumed(node, i);
      detail::run_hooks(*node.output);  // complete: all its consumers came later on the tape
      for (const auto& input : node.inputs) earlier.set_aside_if_kept(input);
      detail::run_node_backward(node, i);
      if (!retain_graph) node.backward = nullptr;
      earlier.finish_output(*node.output);
    }
    for (; next_ready != ready.end() && next_ready->first == i; ++next_ready)
      run_ready_hooks(*next_ready->second);
  }
  earlier.finish_leaves();
}

}  // namespace autograd
