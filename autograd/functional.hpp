#pragma once
// Derivatives of a function, as functions (torch.autograd.functional, JAX's vjp/jvp/hessian),
// built on the two sweeps: grad() (reverse mode, graph_backward.hpp) and jvp() (forward mode,
// forward_mode.hpp).
//
//   vjp       u^T J     one reverse sweep
//   jvp       J v       one forward pass (forward_mode.hpp)
//   hvp       H v       reverse over reverse: the gradient recorded (create_graph), then
//                       differentiated along v; about the cost of two or three gradients
//   jacobian  J         columns by jvp (one per input element) or rows by vjp (one per output
//                       element): the same matrix, cheaper by the narrower side
//   hessian   H         the gradient recorded once, then one sweep of it per input element
//
// Each runs f on detached copies of its inputs, so it never touches their grad buffers; hvp,
// vjp, jacobian and hessian record on the tape (clear_tape() afterwards, as in a training step).
#include <functional>
#include <vector>

#include "autograd/forward_mode.hpp"
#include "autograd/tensor.hpp"

namespace autograd {

// J^T u for f at inputs: one gradient per input.
std::vector<Tensor> vjp(const TensorFn& f, const std::vector<Tensor>& inputs, const Tensor& u);

// H v for a scalar f: sum over inputs j of d^2 f / d x_i d x_j v_j, one tensor per input.
std::vector<Tensor> hvp(const TensorFn& f, const std::vector<Tensor>& inputs,
                        const std::vector<Tensor>& v);

// H v from a gradient already recorded with create_graph = true, with respect to `leaves` (a
// model's parameters, say): one more reverse sweep per call, the recorded gradient reused, as
// the inner loop of Newton-CG does. Leaves the tape as it is.
std::vector<Tensor> hvp_from_gradient(const std::vector<Tensor>& gradient,
                                      const std::vector<Tensor>& leaves,
                                      const std::vector<Tensor>& v);

using TensorToTensor = std::function<Tensor(const Tensor& x)>;

// d f / d x as a [f(x).numel(), x.numel()] matrix, built column by column with jvp.
Tensor jacobian_by_jvp(const TensorToTensor& f, const Tensor& x);
// The same matrix, built row by row with vjp (one tape, one sweep per row).
Tensor jacobian_by_vjp(const TensorToTensor& f, const Tensor& x);
// The dense [x.numel(), x.numel()] Hessian of a scalar f: for small inputs.
Tensor hessian(const TensorToTensor& f, const Tensor& x);

}  // namespace autograd
