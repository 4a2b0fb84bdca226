#pragma once
// A differentiable function defined outside autograd/, as PyTorch's autograd.Function: its own
// forward, its own backward and, optionally, its forward-mode rule. Calling it records one node
// on the tape under the op's own row, so backward(), grad(), jvp(), gradcheck and every instrument
// treat it as they treat the built-in ops (it is not in op_table.hpp, which lists the engine's).
//
// - forward(inputs): the value, from plain tensors; nothing it does is recorded.
// - backward(inputs, output, grad_output): one gradient per input (undefined for none). Written
//   with ops, it is differentiable in its turn: grad() with create_graph records it, giving
//   second derivatives.
// - jvp(inputs, output, tangents), optional: the output's tangent (tangents undefined where an
//   input carries none); without it, jvp() through the op is an error naming it.
// - once_differentiable: set when backward computes with raw loops rather than ops; a second
//   derivative through it is then refused with the op's name instead of coming out silently 0.
//
// The tape points at the row, so define each op once and keep it for as long as its tapes live
// (a `static const CustomOp`), as the built-in rows are constants.
#include <functional>
#include <vector>

#include "autograd/op_info.hpp"
#include "autograd/tensor.hpp"

namespace autograd {

struct CustomOp {
  OpInfo row;  // name, derivative as a line of math, the file that defines it
  std::function<Tensor(const std::vector<Tensor>& inputs)> forward;
  std::function<std::vector<Tensor>(const std::vector<Tensor>& inputs, const Tensor& output,
                                    const Tensor& grad_output)>
      backward;
  std::function<Tensor(const std::vector<Tensor>& inputs, const Tensor& output,
                       const std::vector<Tensor>& tangents)>
      jvp;
  bool once_differentiable = false;

  Tensor operator()(const std::vector<Tensor>& inputs) const;
};

}  // namespace autograd
