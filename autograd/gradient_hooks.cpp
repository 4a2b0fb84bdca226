#include "autograd/gradient_hooks.hpp"

#include <stdexcept>

namespace autograd::detail {

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

EarlierGradients::~EarlierGradients() {
  for (auto& entry : entries_)
    if (!entry.earlier.empty()) add_back(*entry.tensor);
}

void EarlierGradients::set_aside_if_kept(const std::shared_ptr<TensorImpl>& impl) {
  const bool non_leaf = impl->node >= 0;
  if (!impl->requires_grad || !(non_leaf ? impl->retains_grad : !impl->hooks.empty())) return;
  for (const auto& entry : entries_)
    if (entry.tensor == impl) return;
  entries_.push_back({impl, std::move(impl->grad)});
  impl->grad.clear();
}

void EarlierGradients::finish_output(TensorImpl& output) {
  if (output.retains_grad)
    add_back(output);
  else
    output.drop_grad();
}

void EarlierGradients::finish_leaves() {
  for (auto& entry : entries_) {
    if (entry.tensor->node >= 0) continue;
    if (!entry.tensor->grad.empty()) run_hooks(*entry.tensor);
    add_back(*entry.tensor);
  }
}

void EarlierGradients::add_back(TensorImpl& impl) {
  for (auto& entry : entries_)
    if (entry.tensor.get() == &impl) {
      if (impl.grad.empty())
        impl.grad = std::move(entry.earlier);
      else
        for (size_t i = 0; i < entry.earlier.size(); ++i) impl.grad[i] += entry.earlier[i];
      entry.earlier.clear();
    }
}

}  // namespace autograd::detail
