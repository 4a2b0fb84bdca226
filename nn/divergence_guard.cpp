#include "nn/divergence_guard.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>

#include "autograd/instruments/anomaly.hpp"
#include "autograd/runtime/parallel.hpp"
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

// g * 0 is 0 for every finite g and NaN for an Inf or a NaN: a sum of them never overflows,
// needs no branch, and vectorizes.
bool all_finite(std::span<const autograd::Scalar> values) {
  std::atomic<bool> finite = true;
  autograd::parallel_for(0, static_cast<int64_t>(values.size()), 1 << 16,
                         [&](int64_t lo, int64_t hi) {
                           autograd::Scalar part = 0;
                           for (int64_t i = lo; i < hi; ++i) part += values[i] * 0;
                           if (!(part == 0)) finite = false;
                         });
  return finite;
}

}  // namespace

bool DivergenceGuard::check(double loss, int epoch, int64_t step,
                            const std::function<void()>& replay) {
  if (std::isfinite(loss)) {
    last_finite_ = loss;
    seen_finite_ = true;
    return true;
  }
  return stop(std::string("the loss is ") + (std::isnan(loss) ? "NaN" : "infinite"), epoch, step,
              replay);
}

bool DivergenceGuard::check_gradients(const NamedTensors& parameters, int epoch, int64_t step,
                                      const std::function<void()>& replay) {
  for (const auto& [name, p] : parameters) {
    if (!p.has_grad() || all_finite(p.grad_values())) continue;
    const auto g = p.grad_values();
    const auto bad = std::find_if(g.begin(), g.end(), [](auto v) { return !std::isfinite(v); });
    return stop("the gradient of '" + name + "' is " + (std::isnan(*bad) ? "NaN" : "infinite") +
                    " at element " + std::to_string(bad - g.begin()),
                epoch, step, replay);
  }
  return true;
}

bool DivergenceGuard::stop(const std::string& what, int epoch, int64_t step,
                           const std::function<void()>& replay) {
  if (options_.skip_nonfinite) {
    ++skipped_;
    return false;
  }
  char where[64];
  std::snprintf(where, sizeof where, " at epoch %d, step %lld", epoch,
                static_cast<long long>(step));
  char last[96] = "no finite loss before it";
  if (seen_finite_) std::snprintf(last, sizeof last, "the last finite loss was %.6g", last_finite_);
  throw Diverged("training diverged: " + what + where + " (" + last + ")" + replay_report(replay) +
                 "; stopped, the last checkpoint is untouched");
}

}  // namespace nn
