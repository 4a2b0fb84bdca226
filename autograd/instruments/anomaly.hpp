#pragma once
// Anomaly mode's checks, shared by record() (op outputs) and backward() (gradients): find the
// first non-finite value, and if there is one, throw an AnomalyError that says where it is.
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>

#include "autograd/op_info.hpp"
#include "autograd/tensor.hpp"

namespace autograd {

// Anomaly mode: every recorded op's output and every gradient made in backward is checked for
// NaN and Inf; the first offender raises AnomalyError naming the op, its tape position and its
// input shapes, and stops the forward pass or the sweep there. Off, it costs one flag test.
struct AnomalyError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
bool anomaly_detection();
void set_anomaly_detection(bool on);

// Throws AnomalyError if `values` holds a NaN or an Inf. `position` is the op's place on the
// tape (-1: not recorded) and `inputs` its inputs. The values are the op's output, or with
// `input_index` >= 0, the gradient backward just pushed into that input.
void check_finite(std::span<const Scalar> values, const OpInfo& op, int64_t position,
                  std::span<const std::shared_ptr<TensorImpl>> inputs, int input_index);
void check_finite(std::span<const Scalar> values, const OpInfo& op, int64_t position,
                  std::span<const Tensor> inputs);

}  // namespace autograd
