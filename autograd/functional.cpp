#include "autograd/functional.hpp"

#include <stdexcept>
#include <string>

#include "autograd/graph_backward.hpp"
#include "autograd/ops.hpp"
#include "autograd/tape.hpp"

namespace autograd {

namespace {

// Leaves that share the inputs' values and require a gradient: what f is differentiated at.
std::vector<Tensor> differentiable_copies(const std::vector<Tensor>& inputs) {
  std::vector<Tensor> leaves;
  for (const Tensor& input : inputs) leaves.push_back(input.detach().set_requires_grad(true));
  return leaves;
}

std::vector<Tensor> zeros_like_each(const std::vector<Tensor>& inputs) {
  std::vector<Tensor> zeros;
  for (const Tensor& x : inputs) zeros.push_back(Tensor::zeros(x.shape()));
  return zeros;
}

Tensor one_hot(const Shape& shape, int64_t at) {
  Tensor e = Tensor::zeros(shape);
  e.data()[at] = 1;
  return e;
}

void require_one_element(const char* who, const Tensor& y) {
  if (y.numel() != 1)
    throw std::invalid_argument(std::string(who) + ": f must return one element, got shape " +
                                to_string(y.shape()));
}

void require_same_shapes(const char* who, const std::vector<Tensor>& inputs,
                         const std::vector<Tensor>& v) {
  if (v.size() != inputs.size())
    throw std::invalid_argument(std::string(who) + ": " + std::to_string(v.size()) +
                                " directions for " + std::to_string(inputs.size()) + " inputs");
  for (size_t i = 0; i < v.size(); ++i)
    if (v[i].shape() != inputs[i].shape())
      throw std::invalid_argument(std::string(who) + ": direction " + std::to_string(i) +
                                  " has shape " + to_string(v[i].shape()) + " but input " +
                                  std::to_string(i) + " has shape " + to_string(inputs[i].shape()));
}

}  // namespace

std::vector<Tensor> vjp(const TensorFn& f, const std::vector<Tensor>& inputs, const Tensor& u) {
  const std::vector<Tensor> leaves = differentiable_copies(inputs);
  const Tensor y = f(leaves);
  if (!y.requires_grad()) return zeros_like_each(inputs);
  return grad(y, leaves, {.seed = u});
}

std::vector<Tensor> hvp(const TensorFn& f, const std::vector<Tensor>& inputs,
                        const std::vector<Tensor>& v) {
  require_same_shapes("hvp", inputs, v);
  const std::vector<Tensor> leaves = differentiable_copies(inputs);
  const Tensor y = f(leaves);
  require_one_element("hvp", y);
  if (!y.requires_grad()) return zeros_like_each(inputs);
  return hvp_from_gradient(grad(y, leaves, {.seed = {}, .create_graph = true}), leaves, v);
}

std::vector<Tensor> hvp_from_gradient(const std::vector<Tensor>& gradient,
                                      const std::vector<Tensor>& leaves,
                                      const std::vector<Tensor>& v) {
  require_same_shapes("hvp", leaves, v);
  if (gradient.size() != leaves.size())
    throw std::invalid_argument("hvp: " + std::to_string(gradient.size()) + " gradients for " +
                                std::to_string(leaves.size()) + " leaves");
  // d/dx (g(x) . v) = H v.
  Tensor g_dot_v;
  for (size_t i = 0; i < gradient.size(); ++i)
    if (gradient[i].requires_grad())
      g_dot_v = add_defined(g_dot_v, sum(gradient[i] * v[i].detach()));
  if (!g_dot_v.defined()) return zeros_like_each(leaves);  // f is linear in them: no curvature
  return grad(g_dot_v, leaves);
}

Tensor jacobian_by_jvp(const TensorToTensor& f, const Tensor& x) {
  const TensorFn of_list = [&](const std::vector<Tensor>& in) { return f(in[0]); };
  Tensor jacobian;
  for (int64_t j = 0; j < x.numel(); ++j) {
    const Tensor column = jvp(of_list, {x}, {one_hot(x.shape(), j)}).tangent;
    if (!jacobian.defined()) jacobian = Tensor::zeros({column.numel(), x.numel()});
    for (int64_t i = 0; i < column.numel(); ++i)
      jacobian.data()[i * x.numel() + j] = column.data()[i];
  }
  return jacobian;
}

Tensor jacobian_by_vjp(const TensorToTensor& f, const Tensor& x) {
  const Tensor leaf = x.detach().set_requires_grad(true);
  const Tensor y = f(leaf);
  Tensor jacobian = Tensor::zeros({y.numel(), x.numel()});
  if (!y.requires_grad()) return jacobian;
  for (int64_t i = 0; i < y.numel(); ++i) {
    const Tensor row = grad(y, {leaf}, {.seed = one_hot(y.shape(), i)})[0];
    std::copy(row.values().begin(), row.values().end(), jacobian.data() + i * x.numel());
  }
  return jacobian;
}

Tensor hessian(const TensorToTensor& f, const Tensor& x) {
  const Tensor leaf = x.detach().set_requires_grad(true);
  const Tensor y = f(leaf);
  require_one_element("hessian", y);
  Tensor h = Tensor::zeros({x.numel(), x.numel()});
  if (!y.requires_grad()) return h;
  const Tensor g = grad(y, {leaf}, {.seed = {}, .create_graph = true})[0];
  if (!g.requires_grad()) return h;
  for (int64_t i = 0; i < x.numel(); ++i) {  // row i: d g_i / d x, by sweeping the recorded g
    const Tensor row = grad(g, {leaf}, {.seed = one_hot(g.shape(), i)})[0];
    std::copy(row.values().begin(), row.values().end(), h.data() + i * x.numel());
  }
  return h;
}

}  // namespace autograd
