#include "tests/catalogue/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace catalogue {

namespace {

// An unlinked temporary file: the child writes into it, the parent reads it back.
class CaptureFile {
 public:
  CaptureFile() {
    std::string path = (std::filesystem::temp_directory_path() / "zoo_catalogue_XXXXXX").string();
    fd_ = ::mkstemp(path.data());
    if (fd_ < 0) throw std::runtime_error("mkstemp: " + std::string(std::strerror(errno)));
    ::unlink(path.c_str());
  }
  ~CaptureFile() { ::close(fd_); }
  CaptureFile(const CaptureFile&) = delete;
  CaptureFile& operator=(const CaptureFile&) = delete;

  int fd() const { return fd_; }
  std::string contents() const {
    std::string text;
    char buffer[4096];
    ssize_t got;
    for (off_t at = 0; (got = ::pread(fd_, buffer, sizeof buffer, at)) > 0; at += got)
      text.append(buffer, static_cast<size_t>(got));
    return text;
  }

 private:
  int fd_ = -1;
};

}  // namespace

ProgramRun run_program(const std::string& program, const std::vector<std::string>& arguments,
                       std::chrono::seconds limit, const WatchOutput& watch) {
  CaptureFile out, err;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.fd(), 1);
  posix_spawn_file_actions_adddup2(&actions, err.fd(), 2);
  std::vector<std::string> words = {program};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int failed = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (failed) throw std::runtime_error("cannot start " + program + ": " + std::strerror(failed));

  const auto deadline = std::chrono::steady_clock::now() + limit;
  auto next_watch = std::chrono::steady_clock::now();
  int wait_status = 0;
  while (::waitpid(pid, &wait_status, WNOHANG) == 0) {
    if (watch && std::chrono::steady_clock::now() >= next_watch) {
      watch(out.contents());
      next_watch += std::chrono::milliseconds(100);
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &wait_status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ProgramRun run;
  run.exited = WIFEXITED(wait_status);
  run.status = run.exited ? WEXITSTATUS(wait_status) : -1;
  run.signal = WIFSIGNALED(wait_status) ? WTERMSIG(wait_status) : 0;
  run.out = out.contents();
  run.err = err.contents();
  return run;
}

}  // namespace catalogue
