#pragma once
// Gradients as tensors, and gradients of gradients. grad() runs the same reverse sweep as
// backward(), but each node's backward computes its inputs' gradients as tensors (with the
// differentiable ops of ops/, written beside each op's fast kernel) instead of adding numbers into
// grad buffers. With create_graph those ops are recorded: the backward pass is itself on the tape,
// after the forward pass, and differentiating its result again gives second derivatives
// (reverse-over-reverse: Hessian-vector products, functional.hpp).
#include <vector>

#include "autograd/tensor.hpp"

namespace autograd {

struct GradOptions {
  Tensor seed;                // d loss / d output; may be left out for a one-element output
  bool create_graph = false;  // record the backward pass, so that its results are differentiable
};

// d output / d inputs (each seeded by `seed`), one tensor per input, zeros for an input the output
// does not depend on. Leaves the inputs' grad buffers alone and keeps the tape (the nodes it passes
// can be swept again). Gradient hooks do not run here; only backward() runs them.
std::vector<Tensor> grad(const Tensor& output, const std::vector<Tensor>& inputs,
                         const GradOptions& options = {});

// For op writers: a node's backward during grad() reads the gradient tensor that has reached its
// output and adds its inputs' gradients (to what their other consumers sent).
const Tensor& graph_grad(const Tensor& output);
void accumulate_graph_grad(const Tensor& input, const Tensor& gradient);

}  // namespace autograd
