#pragma once
// A training loop's stop at the first loss or gradient that is not finite. Without it a diverged
// run goes on training on NaN, printing -nan, and (before save_checkpoint refused non-finite
// values) wrote its NaN parameters over the last good checkpoint. check() is called with each
// step's loss before backward, check_gradients() after it and before the optimizer step, so the
// parameters are still those the step started from: the replay, the same step run again under
// anomaly detection, then names the first op that made a NaN or Inf.
//
// With skip_nonfinite set (as mixed-precision loss scalers do), both return false instead of
// throwing: the caller drops the step (zero_grad, no optimizer step) and skipped() counts them.
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

#include "nn/module.hpp"

namespace nn {

struct Diverged : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct DivergenceGuardOptions {
  bool skip_nonfinite = false;
};

class DivergenceGuard {
 public:
  explicit DivergenceGuard(DivergenceGuardOptions options = {}) : options_(options) {}

  // True for a finite loss. Otherwise throws Diverged naming the epoch and step, the last finite
  // loss, and what `replay` (the step's forward and backward, run under anomaly detection)
  // reports; or, when skipping, counts the step and returns false.
  bool check(double loss, int epoch, int64_t step, const std::function<void()>& replay = {});
  // The same for the gradients backward left in `parameters`, naming the first non-finite one.
  bool check_gradients(const NamedTensors& parameters, int epoch, int64_t step,
                       const std::function<void()>& replay = {});

  double last_finite_loss() const { return last_finite_; }
  int64_t skipped() const { return skipped_; }

 private:
  bool stop(const std::string& what, int epoch, int64_t step, const std::function<void()>& replay);

  DivergenceGuardOptions options_;
  double last_finite_ = 0;
  bool seen_finite_ = false;
  int64_t skipped_ = 0;
};

}  // namespace nn
