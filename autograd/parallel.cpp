#include "autograd/parallel.hpp"

#include <cblas.h>
#include <immintrin.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace autograd {

namespace {

// Workers wait for a job number to change, run their chunk, and report back. Training calls
// parallel_for and gemm back to back, so both sides watch before they sleep: a worker watches the
// job number and the caller the count of pending chunks, for a moment (kSpin) each, and a
// handover that is quick needs no wake-up through the kernel.
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
    {
      std::lock_guard lock(mutex_);
      task_ = &task;
      chunks_ = chunks;
      pending_.store(chunks - 1, std::memory_order_relaxed);
      error_ = nullptr;
      job_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    std::exception_ptr caller_error;
    try {
      task(0);
    } catch (...) {
      caller_error = std::current_exception();
    }
    spin_while([this] { return pending_.load(std::memory_order_acquire) != 0; });
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return pending_.load(std::memory_order_acquire) == 0; });
    if (caller_error) std::rethrow_exception(caller_error);
    if (error_) std::rethrow_exception(error_);
  }

 private:
  void work(int w) {
    uint64_t seen = 0;
    for (;;) {
      spin_while([&] { return job_.load(std::memory_order_acquire) == seen; });
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || job_.load() != seen; });
      if (stopping_) return;
      seen = job_;
      const int chunk = w + 1;
      if (chunk >= chunks_) continue;
      const auto* task = task_;
      lock.unlock();
      std::exception_ptr error;
      try {
        (*task)(chunk);
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();  // also orders the count's last step before a sleeping caller's check
      if (error && !error_) error_ = error;
      if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) done_.notify_one();
    }
  }

  static constexpr std::chrono::microseconds kSpin{50};

  template <class Condition>
  static void spin_while(Condition condition) {
    const auto until = std::chrono::steady_clock::now() + kSpin;
    while (condition()) {
      for (int i = 0; i < 64; ++i) _mm_pause();
      if (std::chrono::steady_clock::now() > until) return;
    }
  }

  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(int)>* task_ = nullptr;
  int chunks_ = 0;
  std::atomic<int> pending_ = 0;
  std::atomic<uint64_t> job_ = 0;
  bool stopping_ = false;
  std::exception_ptr error_;
};

int default_threads() {
  return std::max(1u, std::thread::hardware_concurrency());
}

int thread_count = 0;  // 0 until first use, then the process-wide setting
constexpr int64_t kPiecesPerThread = 4;
std::unique_ptr<ThreadPool> pool;
std::mutex pool_in_use;                     // one parallel_for at a time uses the pool
thread_local bool inside_parallel = false;  // nested calls run serially instead of deadlocking

void ensure_initialized() {
  if (thread_count == 0) set_num_threads(default_threads());
}

}  // namespace

void set_num_threads(int n) {
  if (n < 1)
    throw std::invalid_argument("set_num_threads: need at least 1 thread, got " +
                                std::to_string(n));
  thread_count = n;
  openblas_set_num_threads(1);  // blas::gemm splits products over our pool instead
  pool = n > 1 ? std::make_unique<ThreadPool>(n - 1) : nullptr;
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
