#include "autograd/forward_mode.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include "autograd/ops/binary.hpp"
#include "autograd/tape.hpp"

namespace autograd {

namespace detail {
constinit thread_local bool forward_mode_on = false;
}
using detail::forward_mode_on;

namespace {
thread_local std::vector<const OpInfo*> seen_ops;

class ForwardModeScope {
 public:
  ForwardModeScope() : previous_(forward_mode_on) { forward_mode_on = true; }
  ~ForwardModeScope() { forward_mode_on = previous_; }

 private:
  bool previous_;
};
}  // namespace

std::vector<const OpInfo*> take_ops_with_tangents() {
  return std::exchange(seen_ops, {});
}

TangentRuleScope::TangentRuleScope() : previous_(forward_mode_on) {
  forward_mode_on = false;
}
TangentRuleScope::~TangentRuleScope() {
  forward_mode_on = previous_;
}

bool any_tangent(std::span<const Tensor> inputs) {
  return std::any_of(inputs.begin(), inputs.end(),
                     [](const Tensor& x) { return x.defined() && x.impl().tangent != nullptr; });
}

void set_tangent(const OpInfo& op, Tensor& out, Tensor tangent) {
  if (!tangent.defined()) tangent = Tensor::zeros(out.shape());
  if (tangent.shape() != out.shape())
    throw std::logic_error(
        "op '" + std::string(op.name) + "': its forward-mode rule gave a tangent of shape " +
        to_string(tangent.shape()) + " for an output of shape " + to_string(out.shape()));
  out.impl().tangent = tangent.detach().impl_ptr();
  if (std::find(seen_ops.begin(), seen_ops.end(), &op) == seen_ops.end()) seen_ops.push_back(&op);
}

void check_tangent_rule(const OpInfo& op, std::span<const Tensor> inputs, const Tensor& out) {
  if (forward_mode_on && !out.impl().tangent && any_tangent(inputs))
    throw std::logic_error("jvp: op '" + std::string(op.name) +
                           "' has no forward-mode rule, so the tangent cannot pass it (" +
                           std::string(op.file) + ")");
}

Tensor add_defined(const Tensor& a, const Tensor& b) {
  if (!a.defined()) return b;
  if (!b.defined()) return a;
  return add(a, b);
}

namespace {
// Clears the tangents jvp_through put on its tensors, also when run() throws.
class TangentsOn {
 public:
  TangentsOn(const std::vector<Tensor>& tensors, const std::vector<Tensor>& tangents)
      : tensors_(tensors) {
    if (tangents.size() != tensors.size())
      throw std::invalid_argument("jvp: " + std::to_string(tangents.size()) + " tangents for " +
                                  std::to_string(tensors.size()) + " inputs");
    for (size_t i = 0; i < tensors.size(); ++i)
      if (tangents[i].defined() && tangents[i].shape() != tensors[i].shape())
        throw std::invalid_argument(
            "jvp: tangent " + std::to_string(i) + " has shape " + to_string(tangents[i].shape()) +
            " but input " + std::to_string(i) + " has shape " + to_string(tensors[i].shape()));
    for (size_t i = 0; i < tensors.size(); ++i)
      if (tangents[i].defined()) tensors_[i].impl().tangent = tangents[i].detach().impl_ptr();
  }
  ~TangentsOn() {
    for (Tensor& t : tensors_) t.impl().tangent.reset();
  }
  TangentsOn(const TangentsOn&) = delete;
  TangentsOn& operator=(const TangentsOn&) = delete;

 private:
  std::vector<Tensor> tensors_;
};
}  // namespace

JvpResult jvp_through(const std::function<Tensor()>& run, const std::vector<Tensor>& tensors,
                      const std::vector<Tensor>& tangents) {
  JvpResult result;
  {
    const TangentsOn dual(tensors, tangents);
    ForwardModeScope forward;
    NoGradGuard no_tape;
    result.value = run();
  }
  result.tangent = result.value.tangent();
  if (!result.tangent.defined()) result.tangent = Tensor::zeros(result.value.shape());
  result.value.impl().tangent.reset();
  return result;
}

JvpResult jvp(const TensorFn& f, const std::vector<Tensor>& inputs,
              const std::vector<Tensor>& tangents) {
  std::vector<Tensor> duals;
  for (const Tensor& input : inputs) duals.push_back(input.detach());
  return jvp_through([&] { return f(duals); }, duals, tangents);
}

}  // namespace autograd
