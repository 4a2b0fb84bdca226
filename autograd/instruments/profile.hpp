#pragma once
// The tape summary: what each recorded op made and what it cost. One row per node with its
// output shape, the bytes of its output, its forward and backward time, and totals; sorted in
// tape order, by time or by memory. Times are filled in only while profiling is on
// (set_profiling, see tape.hpp); a node's forward time is the time since the node before it was
// recorded, so it includes any unrecorded work in between (the first node's, since clear_tape).
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "autograd/tape.hpp"

namespace autograd {

struct ProfileRow {
  size_t position;  // on the tape
  const OpInfo* op;
  Shape shape;   // of the output
  size_t bytes;  // of the output's values
  double forward_seconds;
  double backward_seconds;
};

struct TapeProfile {
  std::vector<ProfileRow> rows;
  size_t total_bytes = 0;
  double total_forward_seconds = 0;
  double total_backward_seconds = 0;
};

enum class ProfileOrder { Tape, Time, Memory };  // Time: forward + backward, largest first

TapeProfile profile_tape(const Tape& tape, ProfileOrder order = ProfileOrder::Tape);

// The table as text. Rows beyond max_rows are counted in one line; totals cover every row.
std::string format_profile(const TapeProfile& profile,
                           size_t max_rows = std::numeric_limits<size_t>::max());

std::string format_bytes(size_t bytes);  // "512 B", "1.5 KiB", "200.0 MiB"

}  // namespace autograd
