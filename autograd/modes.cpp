// Thread-local switches: gradient recording, anomaly detection, profiling.
#include "autograd/instruments/anomaly.hpp"
#include "autograd/tape.hpp"

namespace autograd {

namespace {
thread_local bool grad_mode = true;
thread_local bool anomaly_mode = false;
thread_local bool profile_mode = false;
}  // namespace

bool grad_enabled() { return grad_mode; }
GradModeGuard::GradModeGuard(bool enabled) : previous_(grad_mode) {
  grad_mode = enabled;
}
GradModeGuard::~GradModeGuard() {
  grad_mode = previous_;
}

bool anomaly_detection() { return anomaly_mode; }
void set_anomaly_detection(bool on) { anomaly_mode = on; }

bool profiling() { return profile_mode; }
void set_profiling(bool on) { profile_mode = on; }

}  // namespace autograd
