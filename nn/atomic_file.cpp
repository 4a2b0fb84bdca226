#include "nn/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

namespace nn {

namespace {

// Writes the first `size` bytes; returns an error message, or "" on success.
std::string write_all(int fd, const char* data, size_t size) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::string("write failed: ") + std::strerror(errno);
    done += static_cast<size_t>(n);
  }
  return "";
}

// Without this, the rename itself may not survive a power cut.
std::string fsync_directory_of(const std::filesystem::path& path) {
  const std::filesystem::path parent = path.parent_path();
  const std::filesystem::path dir = parent.empty() ? std::filesystem::current_path() : parent;
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return "cannot open its directory to sync the rename: " + std::string(std::strerror(errno));
  const int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? "" : std::string("fsync of its directory failed: ") + std::strerror(errno);
}

}  // namespace

void write_file_atomically(const char* who, const std::filesystem::path& path,
                           std::string_view bytes, const AtomicWriteOptions& options) {
  const auto fail = [&](const std::string& what) {
    throw std::runtime_error(std::string(who) + " '" + path.string() + "': " + what);
  };
  if (options.create_directories && path.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
    if (error) fail("cannot create its directory: " + error.message());
  }
  const std::string tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("cannot create " + tmp + ": " + std::strerror(errno));
  if (options.fail_after_bytes >= 0) {  // the test seam: stop as a crash would, leaving tmp behind
    const size_t partial = std::min(bytes.size(), static_cast<size_t>(options.fail_after_bytes));
    const std::string error = write_all(fd, bytes.data(), partial);
    ::close(fd);
    fail("simulated failure after writing " + std::to_string(partial) + " bytes of " + tmp +
         (error.empty() ? "" : " (" + error + ")"));
  }
  std::string error = write_all(fd, bytes.data(), bytes.size());
  if (error.empty() && ::fsync(fd) != 0)
    error = std::string("fsync failed: ") + std::strerror(errno);
  if (::close(fd) != 0 && error.empty())
    error = std::string("close failed: ") + std::strerror(errno);
  if (error.empty() && ::rename(tmp.c_str(), path.c_str()) != 0)
    error = "cannot rename " + tmp + " over it: " + std::strerror(errno);
  if (!error.empty()) {
    ::unlink(tmp.c_str());
    fail(error);
  }
  error = fsync_directory_of(path);
  if (!error.empty()) fail(error);
}

}  // namespace nn
