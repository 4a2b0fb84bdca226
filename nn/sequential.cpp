#include "nn/sequential.hpp"

#include <string>
#include <typeinfo>

#include "autograd/ops.hpp"
#include "nn/activation.hpp"
#include "nn/linear.hpp"

namespace nn {

Sequential& Sequential::add(std::shared_ptr<Layer> layer) {
  layers_.push_back(register_module(std::to_string(layers_.size()), std::move(layer)));
  return *this;
}

Tensor Sequential::forward(const Tensor& x) {
  Tensor h = x;
  for (size_t i = 0; i < layers_.size(); ++i) {
    // Exact types: a subclass of Linear may compute something else.
    const Layer& layer = *layers_[i];
    const auto* linear =
        typeid(layer) == typeid(Linear) ? static_cast<const Linear*>(&layer) : nullptr;
    const auto* next = i + 1 < layers_.size() && typeid(*layers_[i + 1]) == typeid(ActivationLayer)
                           ? static_cast<const ActivationLayer*>(layers_[i + 1].get())
                           : nullptr;
    if (linear && next && next->kind() == Activation::Relu) {
      h = autograd::linear_relu(h, linear->weight, linear->bias);
      ++i;
    } else {
      h = layers_[i]->forward(h);
    }
  }
  return h;
}

}  // namespace nn
