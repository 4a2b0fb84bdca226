#pragma once
// mlp({784, 400, 20}, gen): a multilayer perceptron as a Sequential of Linear layers of the given
// widths, with an activation (and optional dropout) after every hidden layer and a separate
// choice of activation after the last one.
#include <cstdint>
#include <memory>
#include <vector>

#include "autograd/random.hpp"
#include "nn/activation.hpp"
#include "nn/linear.hpp"
#include "nn/sequential.hpp"

namespace nn {

struct MlpOptions {
  Activation hidden = Activation::Relu;
  Activation output = Activation::Identity;
  LinearOptions linear{};
  double dropout = 0;  // after each hidden activation, when > 0
};

// widths = {in, hidden..., out}: at least two. `gen` draws the weights and, with dropout, the
// masks (it must then outlive the model).
std::shared_ptr<Sequential> mlp(const std::vector<int64_t>& widths, autograd::Generator& gen,
                                MlpOptions options = {});

}  // namespace nn
