#pragma once
// Adam (Kingma and Ba) with bias correction, in PyTorch's form: after t steps
//   m = b1 m + (1 - b1) g,  v = b2 v + (1 - b2) g^2,
//   p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
// Weight decay is either L2 (added to g, as in Adam) or decoupled (AdamW: p *= 1 - lr * decay
// before the update). The step count t is shared by all parameters.
#include "nn/optimizer.hpp"

namespace nn {

struct AdamOptions {
  double lr = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double weight_decay = 0;
  bool decoupled_weight_decay = false;
};

class Adam : public Optimizer {
 public:
  Adam(NamedTensors parameters, AdamOptions options = {});
  void step() override;
  NamedTensors state() const override;  // "exp_avg.<param>", then "exp_avg_sq.<param>"
  AdamOptions& options() { return options_; }

 private:
  AdamOptions options_;
  NamedTensors exp_avg_, exp_avg_sq_;
};

}  // namespace nn
