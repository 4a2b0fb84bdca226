#pragma once
// The tape: every differentiable op, as it runs, appends one Node holding its inputs, its output
// and a closure that pushes the output's gradient to the inputs. Because nodes are appended in
// creation order, walking the tape backwards is already a reverse topological order: backward()
// is one reverse for-loop, no recursion, no graph search (Stan Math's design).
//
// One tape per thread. clear_tape() ends an iteration: nodes are destroyed (freeing what they
// saved) but the node array keeps its capacity, so a training loop's tape stops growing.
#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <span>
#include <stdexcept>
#include <vector>

#include "autograd/op_info.hpp"
#include "autograd/tensor.hpp"

namespace autograd {

// A node's backward, asked one of two ways. Plain backward() passes create_graph = false: the
// fast kernels add numbers into the inputs' grad buffers. grad() with create_graph passes true:
// the same derivative is computed with differentiable ops from the output's gradient tensor
// (graph_grad) into the inputs' (accumulate_graph_grad), so it is recorded on
// the tape in its turn and can be differentiated again (graph_backward.hpp).
using BackwardFn = std::function<void(bool create_graph)>;

struct Node {
  const OpInfo* op;  // its row of kOpTable
  std::vector<std::shared_ptr<TensorImpl>> inputs;
  std::shared_ptr<TensorImpl> output;
  BackwardFn backward;  // empty once consumed by a backward() without retain_graph
  double forward_seconds = 0;   // time since the previous node was recorded (profiling)
  double backward_seconds = 0;  // measured during the last backward()
};

class Tape {
 public:
  static Tape& current();  // this thread's tape

  const std::vector<Node>& nodes() const { return nodes_; }
  std::vector<Node>& nodes() { return nodes_; }
  size_t size() const { return nodes_.size(); }
  uint64_t generation() const { return generation_; }
  size_t capacity() const { return nodes_.capacity(); }

  Node& push(Node node);
  void clear();  // destroys the nodes, keeps capacity, starts a new generation

 private:
  std::vector<Node> nodes_;
  uint64_t generation_ = 1;
  std::chrono::steady_clock::time_point last_push_ = std::chrono::steady_clock::now();
};

void clear_tape();

// Appends `out` to the tape as made by `op` from `inputs`, with `backward` to run in reverse,
// if gradients are enabled and some input requires one. Otherwise `out` stays a plain leaf and
// `backward` is dropped. Throws if an input came from a tape that has since been cleared.
void record(const OpInfo& op, std::span<const Tensor> inputs, Tensor& out, BackwardFn backward);
inline void record(const OpInfo& op, std::initializer_list<Tensor> inputs, Tensor& out,
                   BackwardFn backward) {
  record(op, std::span<const Tensor>(inputs.begin(), inputs.size()), out, std::move(backward));
}

// True when an op's result will need a gradient (grad mode on and some input requires one).
bool needs_grad(std::span<const Tensor> inputs);
inline bool needs_grad(std::initializer_list<Tensor> inputs) {
  return needs_grad(std::span<const Tensor>(inputs.begin(), inputs.size()));
}

// Reverse sweep from `root`. A root with one element is seeded with 1; any other root needs
// `seed`, a gradient of its shape. Gradients accumulate (+=) into every tensor that requires
// one. Non-leaf gradients are freed as the sweep passes them unless retain_grad() was called.
// A hook (Tensor::register_hook) sees, and may replace, only this sweep's gradient. Without retain_graph the nodes it runs are consumed: a second backward through them throws.
void backward(const Tensor& root, const Tensor& seed = Tensor{}, bool retain_graph = false);

// Called by backward() right after each node's closure ran, with the node and its position on
// the tape: its output's gradient and its inputs' gradients, as just accumulated, are readable.
// For watching the sweep step by step (examples/tape_tour). One per thread; empty = none.
using BackwardObserver = std::function<void(const Node& node, size_t position)>;
void set_backward_observer(BackwardObserver observer);

// Gradient mode: inside a NoGradGuard ops record nothing (evaluation, optimizer updates).
// GradModeGuard sets it either way for a scope (grad() turns it on to record a backward pass).
bool grad_enabled();
class GradModeGuard {
 public:
  explicit GradModeGuard(bool enabled);
  ~GradModeGuard();
  GradModeGuard(const GradModeGuard&) = delete;
  GradModeGuard& operator=(const GradModeGuard&) = delete;

 private:
  bool previous_;
};
class NoGradGuard : public GradModeGuard {
 public:
  NoGradGuard() : GradModeGuard(false) {}
};

// Profiling: when on, record() and backward() time each node (see Node's timing fields).
bool profiling();
void set_profiling(bool on);

}  // namespace autograd
