#pragma once
// Runs a program to its end and captures what it printed: the catalogue sees the example programs
// from outside, as a user's shell does, so an abort, a crash or a stack trace cannot hide.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace catalogue {

struct ProgramRun {
  bool exited = false;  // false: ended by a signal (an abort, a crash) or killed at the time limit
  int status = -1;      // the exit status, when it exited
  int signal = 0;       // the signal that ended it, when it did not
  std::string out, err;
};

// Called about ten times a second while the program runs, with what it printed on stdout so far
// (a test that stops one process of a job when the job is far enough along).
using WatchOutput = std::function<void(const std::string& out)>;

// Starts `program` with `arguments` (stdin empty, the environment inherited) and waits for it;
// after `limit` it is killed, and the run counts as ended by that signal.
ProgramRun run_program(const std::string& program, const std::vector<std::string>& arguments,
                       std::chrono::seconds limit, const WatchOutput& watch = {});

}  // namespace catalogue
