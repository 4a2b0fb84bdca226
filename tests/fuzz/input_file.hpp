#pragma once
// The loaders take a path, so a fuzz input must become a file. InputFile keeps one anonymous
// in-memory file (memfd) per process and rewrites it for each input: no disk, no cleanup, and the
// loaders are exercised through the same fopen/ifstream calls they make on real files.
#include <cstdint>
#include <span>
#include <string>

namespace fuzz {

class InputFile {
 public:
  explicit InputFile(const char* name);  // the name shows in /proc, for debugging only
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // Replaces the contents; returns the path that opens them ("/proc/self/fd/N").
  const std::string& hold(std::span<const uint8_t> bytes);
  const std::string& path() const { return path_; }

 private:
  int fd_;
  std::string path_;
};

}  // namespace fuzz
