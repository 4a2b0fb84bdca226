#pragma once
// Line-by-line reading of a text file held in memory, for the text formats (Matrix Market, label
// lists): lines are counted from 1 so every error can name its line, and a line is split into
// whitespace-separated tokens without copying.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

namespace datasets {

class LineReader {
 public:
  explicit LineReader(std::string_view text) : rest_(text) {}

  // The next line without its '\n' (or "\r\n"); false at the end of the text.
  bool next(std::string_view& line) {
    if (rest_.empty()) return false;
    const size_t end = rest_.find('\n');
    line = rest_.substr(0, end);
    rest_.remove_prefix(end == std::string_view::npos ? rest_.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++number_;
    return true;
  }
  int64_t number() const { return number_; }

 private:
  std::string_view rest_;
  int64_t number_ = 0;
};

inline bool is_blank(char c) {
  return c == ' ' || c == '\t';
}
inline bool is_blank_line(std::string_view line) {
  return std::all_of(line.begin(), line.end(), is_blank);
}

// Splits off the next token of `line`; empty when the line is used up.
inline std::string_view next_token(std::string_view& line) {
  size_t begin = 0;
  while (begin < line.size() && is_blank(line[begin])) ++begin;
  size_t end = begin;
  while (end < line.size() && !is_blank(line[end])) ++end;
  const std::string_view token = line.substr(begin, end - begin);
  line.remove_prefix(end);
  return token;
}

// 'text' in quotes for an error message, cut short if long.
inline std::string quoted(std::string_view text) {
  constexpr size_t kShown = 60;
  std::string out = "'";
  out += text.substr(0, kShown);
  out += text.size() > kShown ? "...'" : "'";
  return out;
}

}  // namespace datasets
