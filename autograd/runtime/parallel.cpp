#include "autograd/runtime/parallel.hpp"

#include <cblas.h>
#include <immintrin.h>
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace autograd {

namespace {

// Workers wait for a new job, run their chunk, and report back. Training calls parallel_for and
// gemm back to back, so both sides watch before they sleep: a worker watches the job word and the
// caller the count of pending chunks, for a moment (kSpin) each. A quick handover touches only
// atomics: the mutex and condition variables serve a side that went to sleep, and the other side
// takes the mutex only when it sees a sleeper (a handover through a held mutex costs a futex
// round trip, several microseconds, as much as a small parallel loop).
class ThreadPool {
 public:
  explicit ThreadPool(int workers) {
    for (int w = 0; w < workers; ++w) threads_.emplace_back([this, w] { work(w); });
  }
  ~ThreadPool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& thread : threads_) thread.join();
  }
  int workers() const { return static_cast<int>(threads_.size()); }

  // Runs task(0) on the caller and task(1..chunks-1) on workers.
  void run(int chunks, const std::function<void(int)>& task) {
    task_ = &task;  // read by workers only after they see the job word below
    error_ = nullptr;
    pending_.store(chunks - 1, std::memory_order_relaxed);
    const uint64_t sequence = (job_.load(std::memory_order_relaxed) >> 32) + 1;
    job_.store(sequence << 32 | static_cast<uint32_t>(chunks));  // seq_cst: see work()
    if (sleeping_workers_.load() > 0) {
      std::lock_guard lock(mutex_);
      wake_.notify_all();
    }
    std::exception_ptr caller_error;
    try {
      task(0);
    } catch (...) {
      caller_error = std::current_exception();
    }
    if (!spin_while([this] { return pending_.load(std::memory_order_acquire) != 0; })) {
      std::unique_lock lock(mutex_);
      caller_sleeping_.store(true);
      done_.wait(lock, [this] { return pending_.load() == 0; });
      caller_sleeping_.store(false, std::memory_order_relaxed);
    }
    if (caller_error) std::rethrow_exception(caller_error);
    if (error_) std::rethrow_exception(error_);
  }

 private:
  // A side about to sleep announces it (a seq_cst counter or flag), then checks its condition
  // once more under the mutex; the other side changes the condition (seq_cst), then looks for
  // the announcement. One of the two always sees the other, so no wake-up is lost.
  void work(int w) {
    uint64_t seen = 0;
    for (;;) {
      if (!spin_while([&] { return job_.load(std::memory_order_acquire) == seen; })) {
        std::unique_lock lock(mutex_);
        sleeping_workers_.fetch_add(1);
        wake_.wait(lock, [&] { return stopping_ || job_.load() != seen; });
        sleeping_workers_.fetch_sub(1);
        if (stopping_) return;
      }
      seen = job_.load(std::memory_order_acquire);
      const int chunk = w + 1;
      if (chunk >= static_cast<int>(seen & 0xffffffffu)) continue;
      std::exception_ptr error;
      try {
        (*task_)(chunk);
      } catch (...) {
        error = std::current_exception();
      }
      if (error) {
        std::lock_guard lock(mutex_);
        if (!error_) error_ = error;
      }
      if (pending_.fetch_sub(1) == 1 && caller_sleeping_.load()) {
        std::lock_guard lock(mutex_);
        done_.notify_one();
      }
    }
  }

  // Waking a thread that went to sleep costs ~25 us on this virtual machine (against 0.4 us for
  // one still watching), and training has serial stretches of 50-200 us between parallel loops,
  // longer when the host preempts us; so a side watches for up to 250 us before it sleeps.
  static constexpr std::chrono::microseconds kSpin{250};
  // Pauses between two looks: a pause takes ~20 ns on AMD's recent cores, so 64 of them made
  // every hand-over 1.5 us slower (1.9 against 0.4 us for an empty two-piece parallel_for).
  static constexpr int kPausesPerLook = 4;

  // Waits while `condition` holds, for at most kSpin; says whether it stopped holding.
  template <class Condition>
  static bool spin_while(Condition condition) {
    const auto until = std::chrono::steady_clock::now() + kSpin;
    while (condition()) {
      for (int i = 0; i < kPausesPerLook; ++i) _mm_pause();
      if (std::chrono::steady_clock::now() > until) return !condition();
    }
    return true;
  }

  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(int)>* task_ = nullptr;
  std::atomic<uint64_t> job_ = 0;  // sequence number << 32 | chunk count: read as one
  std::atomic<int> pending_ = 0;   // chunks handed to workers and not yet finished
  std::atomic<int> sleeping_workers_ = 0;
  std::atomic<bool> caller_sleeping_ = false;
  bool stopping_ = false;
  std::exception_ptr error_;
};

int thread_count = 0;  // 0 until first use, then the process-wide setting
// Enough that the last piece to finish, while the other thread waits, is short (Adam over 0.65M
// parameters: 4 per thread left ~17 us of waiting per step, 8 leave ~5).
constexpr int64_t kPiecesPerThread = 8;
std::unique_ptr<ThreadPool> pool;
std::mutex pool_in_use;                     // one parallel_for at a time uses the pool
thread_local bool inside_parallel = false;  // nested calls run serially instead of deadlocking

void ensure_initialized() {
  if (thread_count == 0) set_num_threads(available_cores());
}

}  // namespace

void set_num_threads(int n) {
  if (n < 1)
    throw std::invalid_argument("set_num_threads: need at least 1 thread, got " +
                                std::to_string(n));
  static bool warned = false;
  if (n > available_cores() && !warned) {
    warned = true;
    std::fprintf(stderr,
                 "warning: set_num_threads(%d) on %d available cores: the threads will take turns "
                 "on the cores, which is slower, not faster\n",
                 n, available_cores());
  }
  thread_count = n;
  openblas_set_num_threads(1);  // blas::gemm splits products over our pool instead
  pool = n > 1 ? std::make_unique<ThreadPool>(n - 1) : nullptr;
}

int available_cores() {
  const int hardware = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  cpu_set_t mask;
  CPU_ZERO(&mask);
  if (sched_getaffinity(0, sizeof(mask), &mask) != 0) return hardware;
  return std::clamp(CPU_COUNT(&mask), 1, hardware);
}

int num_threads() {
  ensure_initialized();
  return thread_count;
}

void parallel_for(int64_t begin, int64_t end, int64_t grain,
                  const std::function<void(int64_t, int64_t)>& body) {
  if (end <= begin) return;
  ensure_initialized();
  const int64_t length = end - begin;
  const int64_t pieces = std::min<int64_t>(
      kPiecesPerThread * thread_count, std::max<int64_t>(1, length / std::max<int64_t>(grain, 1)));
  const int64_t parties = std::min<int64_t>(thread_count, pieces);
  std::unique_lock lock(pool_in_use, std::defer_lock);
  if (parties <= 1 || !pool || inside_parallel || !lock.try_lock()) {
    body(begin, end);
    return;
  }
  std::atomic<int64_t> next_piece{0};
  const auto task = [&](int) {
    struct Mark {
      Mark() { inside_parallel = true; }
      ~Mark() { inside_parallel = false; }
    } mark;
    for (int64_t p; (p = next_piece.fetch_add(1, std::memory_order_relaxed)) < pieces;)
      body(begin + length * p / pieces, begin + length * (p + 1) / pieces);
  };
  pool->run(static_cast<int>(parties), task);
}

}  // namespace autograd
