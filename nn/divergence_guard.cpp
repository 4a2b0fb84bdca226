#include "nn/divergence_guard.hpp"

#include <cmath>
#include <cstdio>

#include "autograd/instruments/anomaly.hpp"
#include "autograd/tape.hpp"

namespace nn {

namespace {

// What a replay of the step under anomaly detection finds.
std::string replay_report(const std::function<void()>& replay) {
  if (!replay) return "";
  autograd::clear_tape();
  const bool was_on = autograd::anomaly_detection();
  autograd::set_anomaly_detection(true);
  std::string report = "; replayed under anomaly detection, no op made a NaN or Inf";
  try {
    replay();
  } catch (const autograd::AnomalyError& e) {
    report = "; replayed under anomaly detection: " + std::string(e.what());
  }
  autograd::set_anomaly_detection(was_on);
  autograd::clear_tape();
  return report;
}

}  // namespace

void DivergenceGuard::check(double loss, int epoch, int64_t step,
                            const std::function<void()>& replay) {
  if (std::isfinite(loss)) {
    last_finite_ = loss;
    seen_finite_ = true;
    return;
  }
  char where[160];
  std::snprintf(where, sizeof where, "training diverged: the loss is %s at epoch %d, step %lld",
                std::isnan(loss) ? "NaN" : "infinite", epoch, static_cast<long long>(step));
  char last[96] = "no finite loss before it";
  if (seen_finite_) std::snprintf(last, sizeof last, "the last finite loss was %.6g", last_finite_);
  throw Diverged(std::string(where) + " (" + last + ")" + replay_report(replay) +
                 "; stopped, the last checkpoint is untouched");
}

}  // namespace nn
