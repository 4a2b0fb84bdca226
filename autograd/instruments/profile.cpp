#include "autograd/instruments/profile.hpp"

#include <algorithm>
#include <cstdio>

namespace autograd {

TapeProfile profile_tape(const Tape& tape, ProfileOrder order) {
  TapeProfile profile;
  profile.rows.reserve(tape.size());
  for (size_t i = 0; i < tape.size(); ++i) {
    const Node& node = tape.nodes()[i];
    const size_t bytes = node.output->storage->size() * sizeof(Scalar);
    profile.rows.push_back(
        {i, node.op, node.output->shape, bytes, node.forward_seconds, node.backward_seconds});
    profile.total_bytes += bytes;
    profile.total_forward_seconds += node.forward_seconds;
    profile.total_backward_seconds += node.backward_seconds;
  }
  auto total = [](const ProfileRow& row) { return row.forward_seconds + row.backward_seconds; };
  if (order == ProfileOrder::Time)
    std::stable_sort(profile.rows.begin(), profile.rows.end(),
                     [&](const ProfileRow& a, const ProfileRow& b) { return total(a) > total(b); });
  if (order == ProfileOrder::Memory)
    std::stable_sort(profile.rows.begin(), profile.rows.end(),
                     [](const ProfileRow& a, const ProfileRow& b) { return a.bytes > b.bytes; });
  return profile;
}

std::string format_bytes(size_t bytes) {
  char text[32];
  if (bytes < 1024) {
    std::snprintf(text, sizeof text, "%zu B", bytes);
  } else {
    const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes) / 1024;
    int unit = 0;
    for (; value >= 1024 && unit < 3; ++unit) value /= 1024;
    std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
  }
  return text;
}

std::string format_profile(const TapeProfile& profile, size_t max_rows) {
  std::string table;
  char line[160];
  auto row = [&](const std::string& position, const std::string& op, const std::string& shape,
                 const std::string& bytes, double forward, double backward) {
    std::snprintf(line, sizeof line, "%6s  %-14s %-18s %10s %12.1f %12.1f %12.1f\n",
                  position.c_str(), op.c_str(), shape.c_str(), bytes.c_str(), forward * 1e6,
                  backward * 1e6, (forward + backward) * 1e6);
    table += line;
  };
  std::snprintf(line, sizeof line, "%6s  %-14s %-18s %10s %12s %12s %12s\n", "#", "op",
                "output shape", "memory", "forward us", "backward us", "total us");
  table += line;
  const size_t shown = std::min(max_rows, profile.rows.size());
  for (size_t i = 0; i < shown; ++i) {
    const ProfileRow& r = profile.rows[i];
    row(std::to_string(r.position), std::string(r.op->name), to_string(r.shape),
        format_bytes(r.bytes), r.forward_seconds, r.backward_seconds);
  }
  if (shown < profile.rows.size())
    table += "     ... " + std::to_string(profile.rows.size() - shown) + " more ops\n";
  row("", "total", std::to_string(profile.rows.size()) + " ops", format_bytes(profile.total_bytes),
      profile.total_forward_seconds, profile.total_backward_seconds);
  return table;
}

}  // namespace autograd
