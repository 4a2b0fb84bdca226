#pragma once
// --profile in a training loop: the tape summary (autograd/instruments/profile.hpp) of one step. Call
// after_backward() on every step, after backward() and before clear_tape(); on the chosen step
// it prints the costliest ops by time with totals, once. The default is the third step: the
// first ones pay for warming allocations and caches up.
//
//   examples::StepProfile profile(args.common().profile);
//   for (...) { loss = ...; backward(loss); profile.after_backward(); ...; clear_tape(); }
#include <cstdint>
#include <iosfwd>

namespace examples {

class StepProfile {
 public:
  explicit StepProfile(bool enabled, int64_t report_step = 3, size_t rows = 25);
  StepProfile(bool enabled, int64_t report_step, size_t rows, std::ostream& out);

  void after_backward();

 private:
  bool enabled_;
  int64_t report_step_;
  size_t rows_;
  std::ostream& out_;
  int64_t step_ = 0;
};

}  // namespace examples
