// The reverse sweep. See tape.hpp for why one backwards loop over the tape is enough.
#include "autograd/instruments/anomaly.hpp"
#include "autograd/tape.hpp"

namespace autograd {

namespace {

thread_local BackwardObserver observer;

// Runs once a tensor's gradient is complete: every consumer has pushed into it.
void run_hooks(TensorImpl& impl) {
  for (const GradHook& hook : impl.hooks) {
    Tensor replacement = hook(Tensor(impl.shape, impl.grad));
    if (!replacement.defined()) continue;
    if (replacement.shape() != impl.shape)
      throw std::invalid_argument("gradient hook: returned shape " +
                                  to_string(replacement.shape()) + " for a gradient of shape " +
                                  to_string(impl.shape));
    impl.grad.assign(replacement.values().begin(), replacement.values().end());
  }
}

// A sweep must push only its own gradient: a retained non-leaf still holding the last sweep's
// gradient would pass it on again, and a hook that clips must see this sweep's gradient, not
// the sum over sweeps. So such tensors (non-leaves that retain_grad, leaves with hooks) start
// each sweep from zero; what they held waits here and is added back once they are done.
class EarlierGradients {
 public:
  EarlierGradients() = default;
  EarlierGradients(const EarlierGradients&) = delete;
  EarlierGradients& operator=(const EarlierGradients&) = delete;
  // A sweep stopped by an exception (an anomaly, a failing hook) must not lose them either.
  ~EarlierGradients() {
    for (auto& entry : entries_)
      if (!entry.earlier.empty()) add_back(*entry.tensor);
  }
  static bool applies_to(const TensorImpl& impl) {
    return impl.requires_grad && (impl.node >= 0 ? impl.retains_grad : !impl.hooks.empty());
  }
  void set_aside(const std::shared_ptr<TensorImpl>& impl) {
    for (const auto& entry : entries_)
      if (entry.tensor == impl) return;
    entries_.push_back({impl, std::move(impl->grad)});
    impl->grad.clear();
  }
  void add_back(TensorImpl& impl) {
    for (auto& entry : entries_)
      if (entry.tensor.get() == &impl) {
        if (impl.grad.empty())
          impl.grad = std::move(entry.earlier);
        else
          for (size_t i = 0; i < entry.earlier.size(); ++i) impl.grad[i] += entry.earlier[i];
        entry.earlier.clear();
      }
  }
  // Leaves are complete only when the sweep is over: their hooks run last.
  void finish_leaves() {
    for (auto& entry : entries_) {
      if (entry.tensor->node >= 0) continue;
      if (!entry.tensor->grad.empty()) run_hooks(*entry.tensor);
      add_back(*entry.tensor);
    }
  }

 private:
  struct Entry {
    std::shared_ptr<TensorImpl> tensor;
    std::vector<Scalar> earlier;
  };
  std::vector<Entry> entries_;
};

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

void check_input_gradients(const Node& node, int64_t position) {
  for (size_t k = 0; k < node.inputs.size(); ++k)
    if (!node.inputs[k]->grad.empty())
      check_finite(node.inputs[k]->grad, *node.op, position, node.inputs, static_cast<int>(k));
}

}  // namespace

void set_backward_observer(BackwardObserver new_observer) {
  observer = std::move(new_observer);
}

void backward(const Tensor& root, const Tensor& seed, bool retain_graph) {
  EarlierGradients earlier;
  if (EarlierGradients::applies_to(root.impl())) earlier.set_aside(root.impl_ptr());
  seed_root(root, seed);
  std::vector<Node>& nodes = Tape::current().nodes();

  for (int64_t i = root.impl().node; i >= 0; --i) {
    Node& node = nodes[i];
    TensorImpl& out = *node.output;
    if (out.grad.empty()) continue;  // not on a path from the root
    if (!node.backward)
      throw std::logic_error("backward: op '" + std::string(node.op->name) +
                             "' at tape position " + std::to_string(i) +
                             " was already consumed by an earlier backward (its saved buffers are "
                             "freed); pass retain_graph = true to the first backward");
    run_hooks(out);
    for (const auto& input : node.inputs)
      if (EarlierGradients::applies_to(*input)) earlier.set_aside(input);

    if (profiling()) {
      const auto start = std::chrono::steady_clock::now();
      node.backward();
      node.backward_seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } else {
      node.backward();
    }
    if (anomaly_detection()) check_input_gradients(node, i);
    if (observer) observer(node, static_cast<size_t>(i));

    if (!retain_graph) node.backward = nullptr;
    if (out.retains_grad)
      earlier.add_back(out);
    else
      out.drop_grad();
  }
  earlier.finish_leaves();
}

}  // namespace autograd
