#pragma once
// Optimizer: updates parameters in place from their gradients. Each optimizer allocates its state
// (moment buffers) once, at construction, and a step is one fused loop over the elements of all
// parameters, split over threads: no allocation per step. Parameters without a gradient are
// skipped.
//
// For checkpoints, state() names the state tensors ("exp_avg.encoder.fc1.weight", ...) and
// step_count() the number of steps taken; restoring copies values into those same tensors.
// Hyperparameters (learning rate, betas, ...) are not state: construct with the same options.
#include <cstdint>
#include <functional>
#include <vector>

#include "nn/module.hpp"

namespace nn {

class Optimizer {
 public:
  explicit Optimizer(NamedTensors parameters);
  virtual ~Optimizer() = default;
  Optimizer(const Optimizer&) = delete;
  Optimizer& operator=(const Optimizer&) = delete;

  virtual void step() = 0;
  void zero_grad();

  const NamedTensors& parameters() const { return parameters_; }
  virtual NamedTensors state() const = 0;
  int64_t step_count() const { return steps_; }
  void set_step_count(int64_t steps);

 protected:
  // One state buffer per parameter, zero, named prefix + "." + parameter name.
  NamedTensors make_state(const std::string& prefix) const;

  // One parallel loop over the elements of every parameter that has a gradient, as if they were
  // one flat array: update(k, lo, hi) updates elements [lo, hi) of parameters_[k]. Small
  // parameters (biases, narrow heads) share a piece with their neighbours instead of each taking
  // a serial loop, or a hand-over between threads, of its own.
  void for_each_gradient_range(const std::function<void(size_t k, int64_t lo, int64_t hi)>& update);

  NamedTensors parameters_;
  int64_t steps_ = 0;

 private:
  std::vector<size_t> with_grad_;  // this step's parameters with a gradient, and where each
  std::vector<int64_t> offsets_;   // starts in the flat range (kept: no allocation per step)
};

// Elements per thread chunk in update loops.
constexpr int64_t kUpdateGrain = 1 << 14;

}  // namespace nn
