#pragma once
// Forward mode (JVP): the derivative pushed forward instead of pulled back. Inside jvp(), a tensor
// may carry a tangent, the direction dx its value moves in; every op that sees a tangent on an
// input computes its output's tangent dy = J dx by its own rule, written next to its forward and
// its backward in ops/. Nothing is recorded: the tangents travel with the values, so memory does
// not grow with the depth of the computation as the tape does, and one pass gives J v for one
// direction v (reverse mode gives u^T J for one u).
#include <algorithm>
#include <functional>
#include <initializer_list>
#include <span>
#include <vector>

#include "autograd/op_info.hpp"
#include "autograd/tensor.hpp"

namespace autograd {

using TensorFn = std::function<Tensor(const std::vector<Tensor>& inputs)>;

struct JvpResult {
  Tensor value;    // f(inputs)
  Tensor tangent;  // J v: the directional derivative of f along the tangents
};

// Runs f once on `inputs`, each carrying its tangent (an undefined tangent means that input is
// held fixed), with no tape. A tangent of the wrong shape, or an op without a forward-mode rule
// on the way, is an error that names it.
JvpResult jvp(const TensorFn& f, const std::vector<Tensor>& inputs,
              const std::vector<Tensor>& tangents);

// The same for a computation that reads tensors it is not handed, such as a module's parameters:
// each of `tensors` carries its tangent while run() runs, and none afterwards (PyTorch's
// forward-AD make_dual inside a dual_level).
JvpResult jvp_through(const std::function<Tensor()>& run, const std::vector<Tensor>& tensors,
                      const std::vector<Tensor>& tangents);

// For op writers, beside record() (tape.hpp).
// True inside jvp() while ops run; false inside a tangent rule, so that a rule's own ops
// compute no tangent of a tangent.
// Read inline by every op (a plain thread-local flag, constant-initialized, so no TLS wrapper).
namespace detail {
extern constinit thread_local bool forward_mode_on;
}
inline bool forward_mode() {
  return detail::forward_mode_on;
}

// What record() checks: an op that saw a tangent and set none has no forward-mode rule.
void check_tangent_rule(const OpInfo& op, std::span<const Tensor> inputs, const Tensor& out);

// The ops whose forward-mode rule has run in this thread since the last call (for the
// coverage check of check_jvp_against_vjp).
std::vector<const OpInfo*> take_ops_with_tangents();

class TangentRuleScope {  // forward mode off while a rule runs (jvp() records no tape anyway)
 public:
  TangentRuleScope();
  ~TangentRuleScope();
  TangentRuleScope(const TangentRuleScope&) = delete;
  TangentRuleScope& operator=(const TangentRuleScope&) = delete;

 private:
  bool previous_;
};

bool any_tangent(std::span<const Tensor> inputs);

// Sets out's tangent to rule() when an input of the op carries one. The rule reads the inputs'
// tangents (Tensor::tangent(), undefined where there is none) and computes with ordinary ops.
void set_tangent(const OpInfo& op, Tensor& out, Tensor tangent);
template <class Rule>
void push_tangent(const OpInfo& op, std::span<const Tensor> inputs, Tensor& out, Rule rule) {
  if (!forward_mode() || !any_tangent(inputs)) return;
  Tensor tangent;
  {
    TangentRuleScope scope;
    tangent = rule();
  }
  set_tangent(op, out, tangent);
}
// An op's input borrowed for the list {x, w, b} of push_tangent: building the list touches no
// reference count, so an op pays one flag test for forward mode when it is off.
struct BorrowedTensor {
  BorrowedTensor(const Tensor& t) : tensor(&t) {}  // implicit: call sites write {x, w}
  const Tensor* tensor;
};
template <class Rule>
void push_tangent(const OpInfo& op, std::initializer_list<BorrowedTensor> inputs, Tensor& out,
                  Rule rule) {
  if (!forward_mode()) return;
  const bool any = std::any_of(inputs.begin(), inputs.end(), [](const BorrowedTensor& x) {
    return x.tensor->defined() && x.tensor->impl().tangent != nullptr;
  });
  if (!any) return;
  Tensor tangent;
  {
    TangentRuleScope scope;
    tangent = rule();
  }
  set_tangent(op, out, tangent);
}

// a + b where an undefined term counts as zero: a rule's sum over the inputs that carry tangents.
Tensor add_defined(const Tensor& a, const Tensor& b);

}  // namespace autograd
