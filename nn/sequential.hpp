#pragma once
// Sequential: layers applied one after another. The i-th layer is registered as submodule "i",
// so parameters are named "0.weight", "2.bias", ... as in PyTorch.
#include <cstddef>
#include <memory>
#include <vector>

#include "nn/module.hpp"

namespace nn {

class Sequential : public Layer {
 public:
  Sequential& add(std::shared_ptr<Layer> layer);
  Tensor forward(const Tensor& x) override;

  size_t size() const { return layers_.size(); }
  Layer& operator[](size_t i) const { return *layers_.at(i); }

 private:
  std::vector<std::shared_ptr<Layer>> layers_;
};

}  // namespace nn
