#pragma once
// What the reverse sweep does around each node's closure for tensors with hooks or retained
// gradients (internal to backward.cpp). Hooks run when a tensor's gradient for this sweep is
// complete; a tensor that keeps gradients across sweeps starts each sweep from zero and gets
// what it held added back when the sweep is done with it.
#include <memory>
#include <vector>

#include "autograd/tensor.hpp"

namespace autograd::detail {

// Runs impl's hooks in order, each on the gradient the one before returned.
void run_hooks(TensorImpl& impl);

// A sweep must push only its own gradient: a retained non-leaf still holding the last sweep's
// gradient would pass it on again, and a hook that clips must see this sweep's gradient, not
// the sum over sweeps. So such tensors (non-leaves that retain_grad, leaves with hooks) start
// each sweep from zero; what they held waits here and is added back once they are done.
class EarlierGradients {
 public:
  EarlierGradients() = default;
  EarlierGradients(const EarlierGradients&) = delete;
  EarlierGradients& operator=(const EarlierGradients&) = delete;
  ~EarlierGradients();  // a sweep stopped by an exception must not lose them either

  // Before the sweep first pushes into impl: sets its gradient aside if it keeps one.
  void set_aside_if_kept(const std::shared_ptr<TensorImpl>& impl);
  // After a node ran: its output's gradient is kept (plus what it held before) or freed.
  void finish_output(TensorImpl& output);
  // Leaves are complete only when the sweep is over: their hooks run last.
  void finish_leaves();

 private:
  void add_back(TensorImpl& impl);
  struct Entry {
    std::shared_ptr<TensorImpl> tensor;
    std::vector<Scalar> earlier;
  };
  std::vector<Entry> entries_;
};

}  // namespace autograd::detail
