#pragma once
// Progress of a loop over examples. On a terminal: one line redrawn in place (at most ten times
// a second) with a bar, the count, examples per second and a caller's note such as the running
// loss. Elsewhere (a log file, CI): no redrawing, one plain line every few seconds and at the end.
//
//   examples::ProgressBar bar("epoch 1", train.size());
//   for (...) { ...; bar.advance(batch_size, "loss 0.123"); }
//   bar.finish("loss 0.118");
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace examples {

bool stdout_is_terminal();

class ProgressBar {
 public:
  ProgressBar(std::string label, int64_t total);  // draws on std::cout
  ProgressBar(std::string label, int64_t total, std::ostream& out, bool terminal);

  void advance(int64_t examples, const std::string& note = "");
  void finish(const std::string& note = "");  // final line; also done by the destructor
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  double examples_per_second() const;

 private:
  using Clock = std::chrono::steady_clock;
  void draw(bool final);

  std::string label_;
  int64_t total_;
  int64_t done_ = 0;
  std::string note_;
  std::ostream& out_;
  bool terminal_;
  bool finished_ = false;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_ = start_;
};

}  // namespace examples
