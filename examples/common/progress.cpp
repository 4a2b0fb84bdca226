#include "examples/common/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace examples {

namespace {
constexpr int kBarWidth = 30;
constexpr double kTerminalRedrawSeconds = 0.1;
constexpr double kPlainLineSeconds = 5;
}  // namespace

bool stdout_is_terminal() {
  return ::isatty(STDOUT_FILENO) == 1;
}

ProgressBar::ProgressBar(std::string label, int64_t total)
    : ProgressBar(std::move(label), total, std::cout, stdout_is_terminal()) {}

ProgressBar::ProgressBar(std::string label, int64_t total, std::ostream& out, bool terminal)
    : label_(std::move(label)),
      total_(std::max<int64_t>(total, 0)),
      out_(out),
      terminal_(terminal) {}

ProgressBar::~ProgressBar() {
  finish(note_);
}

double ProgressBar::examples_per_second() const {
  const double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
  return seconds > 0 ? static_cast<double>(done_) / seconds : 0;
}

void ProgressBar::advance(int64_t examples, const std::string& note) {
  done_ = std::min(done_ + examples, total_);
  note_ = note;
  const double since_draw = std::chrono::duration<double>(Clock::now() - last_draw_).count();
  if (since_draw >= (terminal_ ? kTerminalRedrawSeconds : kPlainLineSeconds)) draw(false);
}

void ProgressBar::finish(const std::string& note) {
  if (finished_) return;
  finished_ = true;
  note_ = note;
  draw(true);
}

void ProgressBar::draw(bool final) {
  last_draw_ = Clock::now();
  const double fraction = total_ ? static_cast<double>(done_) / static_cast<double>(total_) : 1;
  char counts[96];
  std::snprintf(counts, sizeof counts, "%3.0f%% %lld/%lld  %.0f ex/s", 100 * fraction,
                static_cast<long long>(done_), static_cast<long long>(total_),
                examples_per_second());
  std::string line = label_ + " ";
  if (terminal_) {
    const int filled = static_cast<int>(fraction * kBarWidth);
    line += '[';
    line.append(filled, '#').append(kBarWidth - filled, '.');
    line += "] ";
  }
  line += counts;
  if (!note_.empty()) line += "  " + note_;
  // On a terminal "\r...\033[K" redraws the line in place and erases what a longer one left.
  if (terminal_)
    out_ << '\r' << line << "\033[K" << (final ? "\n" : "") << std::flush;
  else
    out_ << line << '\n' << std::flush;
}

}  // namespace examples
