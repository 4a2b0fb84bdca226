#include "tests/fuzz/input_file.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace fuzz {

InputFile::InputFile(const char* name) : fd_(::memfd_create(name, MFD_CLOEXEC)) {
  if (fd_ < 0) throw std::runtime_error(std::string("memfd_create: ") + std::strerror(errno));
  path_ = "/proc/self/fd/" + std::to_string(fd_);
}

InputFile::~InputFile() {
  ::close(fd_);
}

const std::string& InputFile::hold(std::span<const uint8_t> bytes) {
  if (::ftruncate(fd_, 0) != 0)
    throw std::runtime_error(std::string("ftruncate: ") + std::strerror(errno));
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::pwrite(fd_, bytes.data() + done, bytes.size() - done, off_t(done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(std::string("pwrite: ") + std::strerror(errno));
    done += size_t(n);
  }
  return path_;
}

}  // namespace fuzz
