// parallel_for and its pool: every index runs exactly once, errors reach the caller, nested calls
// run serially, and hand-overs work both while the workers spin and after they fell asleep.
#include "autograd/runtime/parallel.hpp"

#include <doctest/doctest.h>
#include <pthread.h>
#include <sched.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "tests/busy_core.hpp"

using namespace autograd;

namespace {

// Restores the process-wide thread count when a test ends, however it ends.
class Threads {
 public:
  explicit Threads(int n) : saved_(num_threads()) { set_num_threads(n); }
  ~Threads() { set_num_threads(saved_); }
  Threads(const Threads&) = delete;
  Threads& operator=(const Threads&) = delete;

 private:
  int saved_;
};

// How many times each index of [0, n) was visited by one parallel_for.
std::vector<int> visits(int64_t n, int64_t grain) {
  std::vector<std::atomic<int>> counts(n);
  parallel_for(0, n, grain, [&](int64_t lo, int64_t hi) {
    for (int64_t i = lo; i < hi; ++i) counts[i].fetch_add(1, std::memory_order_relaxed);
  });
  std::vector<int> plain(n);
  for (int64_t i = 0; i < n; ++i) plain[i] = counts[i].load();
  return plain;
}

// Confines the calling thread to the CPU it is on, until release() or the end of the scope;
// a pool made inside inherits the mask, so its worker runs only when the caller is preempted.
// release() restores the mask and makes the pool anew, its worker free to use every core again.
class OneCpu {
 public:
  OneCpu() {
    CPU_ZERO(&saved_);
    REQUIRE(pthread_getaffinity_np(pthread_self(), sizeof(saved_), &saved_) == 0);
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(sched_getcpu(), &one);
    REQUIRE(pthread_setaffinity_np(pthread_self(), sizeof(one), &one) == 0);
  }
  ~OneCpu() { release(); }
  void release() {
    if (released_) return;
    released_ = true;
    pthread_setaffinity_np(pthread_self(), sizeof(saved_), &saved_);
    set_num_threads(num_threads());
  }
  OneCpu(const OneCpu&) = delete;
  OneCpu& operator=(const OneCpu&) = delete;

 private:
  cpu_set_t saved_;
  bool released_ = false;
};

}  // namespace

TEST_CASE("parallel_for visits every index exactly once, for any range, grain and thread count") {
  for (int threads : {1, 2, 3}) {
    const Threads scope(threads);
    for (int64_t n : {1, 2, 7, 100, 4097})
      for (int64_t grain : {1, 3, 64, 100000}) {
        CAPTURE(threads);
        CAPTURE(n);
        CAPTURE(grain);
        const std::vector<int> counts = visits(n, grain);
        CHECK(std::count(counts.begin(), counts.end(), 1) == n);
      }
  }
}

TEST_CASE("parallel_for hands over thousands of jobs in a row, and again after the pool slept") {
  const Threads scope(2);
  std::atomic<int64_t> total{0};
  const auto add_range = [&] {
    parallel_for(0, 64, 1, [&](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; ++i) total.fetch_add(i, std::memory_order_relaxed);
    });
  };
  for (int job = 0; job < 20000; ++job) add_range();  // workers spinning between jobs
  CHECK(total.load() == 20000 * (63 * 64 / 2));
  total = 0;
  for (int job = 0; job < 20; ++job) {  // workers asleep when each job arrives
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    add_range();
  }
  CHECK(total.load() == 20 * (63 * 64 / 2));
}

TEST_CASE("parallel_for waits for a slow worker piece, sleeping if it must") {
  const Threads scope(2);
  std::atomic<int> finished{0};
  parallel_for(0, 2, 1, [&](int64_t lo, int64_t) {
    if (lo == 1) std::this_thread::sleep_for(std::chrono::milliseconds(5));  // outlasts the spin
    finished.fetch_add(1);
  });
  CHECK(finished.load() == 2);
}

TEST_CASE("an exception in any piece reaches the caller, and the pool still works after it") {
  const Threads scope(2);
  for (int64_t failing : {0, 1, 7}) {
    CAPTURE(failing);
    CHECK_THROWS_WITH_AS(parallel_for(0, 8, 1,
                                      [&](int64_t lo, int64_t hi) {
                                        for (int64_t i = lo; i < hi; ++i)
                                          if (i == failing)
                                            throw std::runtime_error("piece failed");
                                      }),
                         "piece failed", std::runtime_error);
    const std::vector<int> counts = visits(1000, 10);
    CHECK(std::count(counts.begin(), counts.end(), 1) == 1000);
  }
}

TEST_CASE("a parallel_for inside a parallel_for runs serially instead of deadlocking") {
  const Threads scope(2);
  std::atomic<int64_t> inner_total{0};
  parallel_for(0, 4, 1, [&](int64_t lo, int64_t hi) {
    for (int64_t i = lo; i < hi; ++i)
      parallel_for(0, 100, 1, [&](int64_t a, int64_t b) { inner_total.fetch_add(b - a); });
  });
  CHECK(inner_total.load() == 400);
}

TEST_CASE("available_cores follows the CPU affinity mask, not just the machine") {
  const int hardware = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  CHECK(autograd::available_cores() >= 1);
  CHECK(autograd::available_cores() <= hardware);
  // A child pinned to one CPU (as `taskset -c 0` would) sees one core.
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(sched_getcpu(), &one);
    const bool pinned = sched_setaffinity(0, sizeof(one), &one) == 0;
    _exit(pinned && autograd::available_cores() == 1 ? 0 : 1);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

namespace {

int affinity_count() {
  cpu_set_t mask;
  CPU_ZERO(&mask);
  pthread_getaffinity_np(pthread_self(), sizeof(mask), &mask);
  return CPU_COUNT(&mask);
}

}  // namespace

TEST_CASE("set_pin_threads keeps each thread on a core of its own, and off restores the caller") {
  const Threads scope(2);
  const int before = affinity_count();
  set_pin_threads(true);
  CHECK(pin_threads());
  CHECK(affinity_count() == 1);
  const auto caller = std::this_thread::get_id();
  std::atomic<int> worker_pieces{0}, worker_unpinned{0};
  for (int job = 0; job < 200 && worker_pieces.load() == 0; ++job)
    parallel_for(0, 16, 1, [&](int64_t, int64_t) {
      if (std::this_thread::get_id() == caller) return;
      worker_pieces.fetch_add(1);
      if (affinity_count() != 1) worker_unpinned.fetch_add(1);
      std::this_thread::sleep_for(std::chrono::microseconds(50));  // let the other side in
    });
  if (available_cores() >= 2) CHECK(worker_pieces.load() > 0);
  CHECK(worker_unpinned.load() == 0);
  set_pin_threads(false);
  CHECK_FALSE(pin_threads());
  CHECK(affinity_count() == before);
}

TEST_CASE("on one shared core, two threads give the same sums as one, job after job") {
  // The caller confined to one CPU, and the pool made anew, so its worker inherits the mask: the
  // worker runs only when the caller is preempted, so most jobs end before it wakes. Every index
  // must still be visited exactly once, and every element gets the one-thread bits.
  OneCpu confined;
  // Each element computed by whichever thread runs its piece, as the ops compute theirs.
  const auto piece_sums = [] {
    std::vector<double> out(1 << 12);
    parallel_for(0, int64_t(out.size()), 64, [&](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; ++i)
        for (int64_t j = 0; j < 64; ++j) out[i] += 1.0 / double(i + j + 1);
    });
    return out;
  };
  int mismatches = 0, missed_indices = 0;
  {
    const Threads scope(1);
    const std::vector<double> serial = piece_sums();
    set_num_threads(2);
    for (int job = 0; job < 2000; ++job) {
      mismatches += piece_sums() != serial;
      missed_indices += visits(257, 4) != std::vector<int>(257, 1);
    }
  }
  confined.release();  // a pool whose worker may use every core again
  CHECK(mismatches == 0);
  CHECK(missed_indices == 0);
}

// Jobs run for `span` at 2 threads with caller and worker confined to one CPU, as when another
// program holds the other core: how many there were, how many ran alone, and in how many some
// index was not visited exactly once.
struct ConfinedJobs {
  int64_t jobs = 0, alone = 0;
  int missed_indices = 0;
};
ConfinedJobs jobs_on_one_cpu(std::chrono::milliseconds span) {
  OneCpu confined;
  ConfinedJobs result;
  const Threads scope(2);
  const ParallelCounts before = parallel_counts();
  const auto until = std::chrono::steady_clock::now() + span;
  while (std::chrono::steady_clock::now() < until)
    result.missed_indices += visits(1 << 14, 64) != std::vector<int>(1 << 14, 1);
  const ParallelCounts after = parallel_counts();
  result.jobs = after.jobs - before.jobs;
  result.alone = after.jobs_alone - before.jobs_alone;
  return result;
}

TEST_CASE("with its worker kept off the cores, the pool backs off and runs jobs alone") {
  // The worker misses nearly every job, and after the first window the caller stops offering
  // them for a while.
  const ConfinedJobs run = jobs_on_one_cpu(std::chrono::milliseconds(400));
  CHECK(run.missed_indices == 0);
  CHECK(run.jobs > 100);
  CHECK(run.alone * 2 > run.jobs);  // at least 20 + 40 + 80 + 160 ms alone of the 400
}

TEST_CASE("with every other core busy, the backed-off pool stays alone instead of probing") {
  // Spinners on all cores but one: the run queues leave no core for the worker, so after the
  // first window the caller offers no more jobs (without asking the run queues it probed again
  // after 20, 40, 80, ... ms: 6 windows in 1 s).
  std::vector<std::unique_ptr<bench::BusyCore>> spinners;
  for (int core = 1; core < get_nprocs(); ++core)
    spinners.push_back(std::make_unique<bench::BusyCore>(std::chrono::seconds(30)));
  const ConfinedJobs run = jobs_on_one_cpu(std::chrono::seconds(1));
  spinners.clear();
  MESSAGE("jobs " << run.jobs << ", offered to the worker " << run.jobs - run.alone);
  CHECK(run.missed_indices == 0);
  CHECK(run.jobs > 100);
  CHECK(run.jobs - run.alone <= 16);  // one window
}
