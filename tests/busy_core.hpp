#pragma once
// A busy machine for the contended benchmark rows (issue 19): BusyCore starts a child process
// that keeps one core busy (a plain spinning loop, one thread, as "another program running" is
// on a laptop or a shared server) until the object goes out of scope. The child is bounded three
// ways, so it never outlives the benchmark: it is killed and reaped by the destructor, it dies
// with its parent (PR_SET_PDEATHSIG), and it stops by itself after `limit` (alarm).
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>

namespace bench {

class BusyCore {
 public:
  explicit BusyCore(std::chrono::seconds limit = std::chrono::seconds(600)) {
    std::fflush(stdout);  // the child must not print the parent's buffered output again
    child_ = fork();
    if (child_ < 0) throw std::runtime_error("BusyCore: fork failed");
    if (child_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      alarm(static_cast<unsigned>(limit.count()));
      for (;;) asm volatile("" ::: "memory");  // a loop the compiler must keep
    }
    // Let the scheduler see the spinner as a running task before anything is timed.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ~BusyCore() {
    kill(child_, SIGKILL);
    waitpid(child_, nullptr, 0);
  }
  BusyCore(const BusyCore&) = delete;
  BusyCore& operator=(const BusyCore&) = delete;

 private:
  pid_t child_ = -1;
};

}  // namespace bench
