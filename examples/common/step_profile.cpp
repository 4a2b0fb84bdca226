#include "examples/common/step_profile.hpp"

#include <iostream>

#include "autograd/instruments/profile.hpp"

namespace examples {

StepProfile::StepProfile(bool enabled, int64_t report_step, size_t rows)
    : StepProfile(enabled, report_step, rows, std::cout) {}

StepProfile::StepProfile(bool enabled, int64_t report_step, size_t rows, std::ostream& out)
    : enabled_(enabled), report_step_(report_step), rows_(rows), out_(out) {}

void StepProfile::after_backward() {
  if (!enabled_ || ++step_ != report_step_) return;
  const autograd::Tape& tape = autograd::Tape::current();
  out_ << "\ntape profile of training step " << step_ << " (" << tape.size()
       << " ops, costliest first):\n"
       << autograd::format_profile(autograd::profile_tape(tape, autograd::ProfileOrder::Time),
                                   rows_)
       << '\n';
}

}  // namespace examples
