#include "autograd/custom_op.hpp"

#include <stdexcept>
#include <string>

#include "autograd/forward_mode.hpp"
#include "autograd/graph_backward.hpp"
#include "autograd/tape.hpp"

namespace autograd {

namespace {

std::vector<Tensor> detached(const std::vector<Tensor>& inputs) {
  std::vector<Tensor> plain;
  for (const Tensor& x : inputs) plain.push_back(x.detach());
  return plain;
}

// The gradients a user's backward returned: one per input, each of its input's shape.
void check_gradients(const OpInfo& row, const std::vector<Tensor>& inputs,
                     const std::vector<Tensor>& gradients) {
  const std::string op = "custom op '" + std::string(row.name) + "': ";
  if (gradients.size() != inputs.size())
    throw std::logic_error(op + "backward returned " + std::to_string(gradients.size()) +
                           " gradients for " + std::to_string(inputs.size()) + " inputs");
  for (size_t k = 0; k < inputs.size(); ++k)
    if (gradients[k].defined() && inputs[k].requires_grad() &&
        gradients[k].shape() != inputs[k].shape())
      throw std::logic_error(op + "backward returned a gradient of shape " +
                             to_string(gradients[k].shape()) + " for input " + std::to_string(k) +
                             " of shape " + to_string(inputs[k].shape()));
}

}  // namespace

Tensor CustomOp::operator()(const std::vector<Tensor>& inputs) const {
  if (!forward || !backward)
    throw std::invalid_argument("custom op '" + std::string(row.name) +
                                "': needs both a forward and a backward");
  Tensor out;
  {
    NoGradGuard no_tape;
    TangentRuleScope no_tangents;
    out = forward(detached(inputs)).detach();
  }
  if (jvp)
    push_tangent(row, inputs, out, [&] {
      std::vector<Tensor> tangents;
      for (const Tensor& x : inputs) tangents.push_back(x.tangent());
      return jvp(detached(inputs), out.detach(), tangents);
    });
  record(row, inputs, out, [this, inputs, out](bool create_graph) {
    if (create_graph && once_differentiable)
      throw std::logic_error("grad with create_graph: custom op '" + std::string(row.name) +
                             "' is once_differentiable (its backward is not written with ops), "
                             "so it has no second derivative");
    std::vector<Tensor> gradients;
    if (create_graph) {
      gradients = backward(inputs, out, graph_grad(out));
    } else {
      NoGradGuard no_tape;
      const auto g = out.grad_values();
      gradients = backward(detached(inputs), out.detach(),
                           Tensor(out.shape(), std::vector<Scalar>(g.begin(), g.end())));
    }
    check_gradients(row, inputs, gradients);
    for (size_t k = 0; k < inputs.size(); ++k) {
      if (!inputs[k].requires_grad() || !gradients[k].defined()) continue;
      if (create_graph) {
        accumulate_graph_grad(inputs[k], gradients[k]);
      } else {
        const auto into = inputs[k].grad_values();
        for (size_t i = 0; i < into.size(); ++i) into[i] += gradients[k].data()[i];
      }
    }
  });
  return out;
}

}  // namespace autograd
