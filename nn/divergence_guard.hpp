#pragma once
// A training loop's stop at the first loss that is not finite. Without it a diverged run goes on
// training on NaN, printing -nan, and (before save_checkpoint refused non-finite values) wrote
// its NaN parameters over the last good checkpoint. check() is called with each step's loss
// before backward, so the parameters are still those the step started from: the replay, the
// same step run again under anomaly detection, then names the first op that made a NaN or Inf.
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

namespace nn {

struct Diverged : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class DivergenceGuard {
 public:
  // Throws Diverged when `loss` is not finite, naming the epoch and step, the last finite loss,
  // and what `replay` (the step's forward and backward, run under anomaly detection) reports.
  void check(double loss, int epoch, int64_t step, const std::function<void()>& replay = {});
  double last_finite_loss() const { return last_finite_; }

 private:
  double last_finite_ = 0;
  bool seen_finite_ = false;
};

}  // namespace nn
