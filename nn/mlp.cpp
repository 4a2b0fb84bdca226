#include "nn/mlp.hpp"

#include <stdexcept>
#include <string>

#include "nn/dropout.hpp"

namespace nn {

std::shared_ptr<Sequential> mlp(const std::vector<int64_t>& widths, autograd::Generator& gen,
                                MlpOptions options) {
  if (widths.size() < 2)
    throw std::invalid_argument("mlp: needs at least an input and an output width, got " +
                                std::to_string(widths.size()) + " widths");
  auto net = std::make_shared<Sequential>();
  for (size_t i = 0; i + 1 < widths.size(); ++i) {
    const bool last = i + 2 == widths.size();
    const Activation activation = last ? options.output : options.hidden;
    if (activation == Activation::Relu) {  // one fused layer (linear.hpp)
      net->add(std::make_shared<LinearRelu>(widths[i], widths[i + 1], gen, options.linear));
    } else {
      net->add(std::make_shared<Linear>(widths[i], widths[i + 1], gen, options.linear));
      if (activation != Activation::Identity)
        net->add(std::make_shared<ActivationLayer>(activation));
    }
    if (!last && options.dropout > 0) net->add(std::make_shared<Dropout>(options.dropout, gen));
  }
  return net;
}

}  // namespace nn
