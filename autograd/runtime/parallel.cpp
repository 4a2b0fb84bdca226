#include "autograd/runtime/parallel.hpp"

#include <cblas.h>
#include <immintrin.h>
#include <pthread.h>
#include <sched.h>
#include <sys/sysinfo.h>

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

// The n-th CPU of the process's affinity mask (wrapping around), for pinning; -1 if none.
int nth_allowed_cpu(const cpu_set_t& allowed, int n) {
  const int count = CPU_COUNT(&allowed);
  if (count == 0) return -1;
  for (int cpu = 0, seen = 0; cpu < CPU_SETSIZE; ++cpu)
    if (CPU_ISSET(cpu, &allowed) && seen++ == n % count) return cpu;
  return -1;
}

void pin_current_thread(int cpu) {
  if (cpu < 0) return;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(cpu, &one);
  pthread_setaffinity_np(pthread_self(), sizeof(one), &one);
}

// Workers wait for a new job, claim a place in it, take pieces until none are left, and report
// back. A job is one word, its sequence number and the places still open: a worker claims a place
// by decrementing it, and the caller, once it has run out of pieces itself, closes the job by
// taking the places nobody claimed. So the caller waits only for the workers that joined and are
// working, never for one that has not woken yet: on a busy machine a descheduled worker costs a
// late start, not a stall, and the caller simply does its share. Which thread runs which piece
// changes nothing in the results: the pieces are fixed by the range, the grain and the thread
// count.
//
// Training calls parallel_for and gemm back to back, so both sides watch before they sleep: a
// worker watches the job word and the caller the count of finished workers, for a moment (kSpin)
// each. A quick handover touches only atomics: the mutex and condition variables serve a side
// that went to sleep, and the other side takes the mutex only when it sees a sleeper (a handover
// through a held mutex costs a futex round trip, several microseconds, as much as a small loop).
class ThreadPool {
 public:
  // With `allowed`, worker w pins itself to the (w + 1)-th CPU of it.
  ThreadPool(int workers, const cpu_set_t* allowed) {
    for (int w = 0; w < workers; ++w)
      threads_.emplace_back([this, pin = allowed ? nth_allowed_cpu(*allowed, w + 1) : -1] {
        pin_current_thread(pin);
        work();
      });
  }
  ~ThreadPool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& thread : threads_) thread.join();
  }

  // Whether the next job should run on the caller alone: the pool backs off while another
  // program holds a core (below). When a back-off ends, the kernel's run queues say whether a
  // worker would find a core: if not, the caller stays alone and looks again kMinBackoff later,
  // rather than offer a probe window that the other program would only stall.
  bool advise_serial() {
    const auto now = Clock::now();
    if (now < alone_until_) return true;
    if (!backing_off_) return false;
    if (!core_left_for_a_worker()) {
      alone_until_ = now + kMinBackoff;
      return true;
    }
    backing_off_ = false;  // the next window probes
    return false;
  }

  // Runs `task` on the caller and on up to `helpers` workers; returns when every one that
  // joined has finished. The task must take its pieces from a shared counter.
  void run(int helpers, const std::function<void()>& task) {
    task_ = &task;  // read by workers only after they claim a place (below)
    error_ = nullptr;
    finished_.store(0, std::memory_order_relaxed);
    const uint64_t sequence = (job_.load(std::memory_order_relaxed) >> 32) + 1;
    job_.store(sequence << 32 | static_cast<uint32_t>(helpers));  // seq_cst: see work()
    if (sleeping_workers_.load() > 0) {
      std::lock_guard lock(mutex_);
      wake_.notify_all();
    }
    std::exception_ptr caller_error;
    const auto started = Clock::now();
    try {
      task();
    } catch (...) {
      caller_error = std::current_exception();
    }
    const auto caller_done = Clock::now();
    const int unclaimed = static_cast<int>(job_.exchange(sequence << 32) & 0xffffffffu);
    const int joined = helpers - unclaimed;
    const auto all_finished = [&] { return finished_.load(std::memory_order_acquire) == joined; };
    if (!spin_until(all_finished)) {
      std::unique_lock lock(mutex_);
      caller_sleeping_.store(true);
      done_.wait(lock, all_finished);
      caller_sleeping_.store(false, std::memory_order_relaxed);
    }
    const bool stalled = joined > 0 && Clock::now() - caller_done > caller_done - started + kWakeUp;
    note_job(helpers, helpers - joined + stalled);
    if (caller_error) std::rethrow_exception(caller_error);
    if (error_) std::rethrow_exception(error_);
  }

 private:
  using Clock = std::chrono::steady_clock;

  // With one core busy with another program, three threads take turns on two cores: a worker
  // then often misses a job (it is not on a core when the job starts, and the caller does the
  // job alone), or joins and is descheduled holding a piece, which the caller must wait for (a
  // stall: a wait longer than the caller's own work plus a wake-up). Worse, a worker that
  // watches for the next job takes turns on a core with the caller, which then runs at two
  // thirds of its speed: measured on the VAE, two threads took 1.26-1.44x as long as one.
  //
  // So the caller keeps score over windows of kWindow jobs: when a quarter of the places it
  // offered were missed or stalled, it runs alone for `backoff_` (its workers go to sleep and
  // leave the core to it), then, if the run queues leave a core free (advise_serial), offers
  // work again and scores the next window; a window that has lost a quarter of a full window's
  // places is judged at once. The backoff doubles with every bad window in a row, from
  // kMinBackoff up to kMaxBackoff, and a good window resets it. On a quiet machine a window loses
  // at most a place or two (a worker asleep after a long serial stretch wakes late for one short
  // job), so the pool never backs off; with a core busy it spends almost all its time alone and
  // two threads cost what one does: each probe window cost a few stalls, ~4% of a VAE epoch
  // before the run queues were asked. Only the caller (one at a time: pool_in_use) touches
  // these counters.
  void note_job(int places, int lost) {
    window_jobs_ += 1;
    window_places_ += places;
    window_lost_ += lost;
    const bool lost_a_quarter = 4 * window_lost_ >= kWindow * places;
    if (window_jobs_ < kWindow && !lost_a_quarter) return;
    const bool contended = lost_a_quarter || 4 * window_lost_ >= window_places_;
    window_jobs_ = window_places_ = window_lost_ = 0;
    if (!contended) {
      backoff_ = kMinBackoff;
      return;
    }
    alone_until_ = Clock::now() + backoff_;
    backing_off_ = true;
    backoff_ = std::min(2 * backoff_, kMaxBackoff);
  }

  // Whether a worker woken now would find a core: the kernel's count of threads runnable at this
  // moment, machine-wide and the caller included (/proc/loadavg's fourth field, "running/total"),
  // is below the machine's cores. Where that cannot be read, yes, and the probe window decides.
  static bool core_left_for_a_worker() {
    FILE* file = std::fopen("/proc/loadavg", "r");
    if (!file) return true;
    double minute, five_minutes, quarter_hour;
    int runnable = 0, threads = 0;
    const bool read = std::fscanf(file, "%lf %lf %lf %d/%d", &minute, &five_minutes, &quarter_hour,
                                  &runnable, &threads) == 5;
    std::fclose(file);
    return !read || runnable < get_nprocs();
  }
  static constexpr Clock::duration kWakeUp = std::chrono::microseconds(50);
  static constexpr int kWindow = 16;
  static constexpr Clock::duration kMinBackoff = std::chrono::milliseconds(20);
  static constexpr Clock::duration kMaxBackoff = std::chrono::seconds(1);
  int window_jobs_ = 0, window_places_ = 0, window_lost_ = 0;
  Clock::duration backoff_ = kMinBackoff;
  Clock::time_point alone_until_{};
  bool backing_off_ = false;  // from a bad window until the run queues leave a core free

  // A side about to sleep announces it (a seq_cst counter or flag), then checks its condition
  // once more under the mutex; the other side changes the condition (seq_cst), then looks for
  // the announcement. One of the two always sees the other, so no wake-up is lost.
  void work() {
    uint64_t seen = 0;  // the sequence number of the last job this worker looked at
    const auto new_job = [&] { return job_.load(std::memory_order_acquire) >> 32 != seen; };
    for (;;) {
      if (!spin_until(new_job)) {
        std::unique_lock lock(mutex_);
        sleeping_workers_.fetch_add(1);
        wake_.wait(lock, [&] { return stopping_ || new_job(); });
        sleeping_workers_.fetch_sub(1);
        if (stopping_) return;
      }
      uint64_t word = job_.load(std::memory_order_acquire);
      seen = word >> 32;
      if (!claim_place(word)) continue;  // too late: the caller did this job without us
      std::exception_ptr error;
      try {
        (*task_)();
      } catch (...) {
        error = std::current_exception();
      }
      if (error) {
        std::lock_guard lock(mutex_);
        if (!error_) error_ = error;
      }
      finished_.fetch_add(1);
      if (caller_sleeping_.load()) {
        std::lock_guard lock(mutex_);
        done_.notify_one();
      }
    }
  }

  // Takes one open place of the job `word` names, unless the job was closed or replaced.
  bool claim_place(uint64_t word) {
    const uint64_t sequence = word >> 32;
    while ((word >> 32) == sequence && (word & 0xffffffffu) > 0)
      if (job_.compare_exchange_weak(word, word - 1, std::memory_order_acq_rel)) return true;
    return false;
  }

  // Waking a thread that went to sleep costs ~25 us on this virtual machine (against 0.4 us for
  // one still watching), and training has serial stretches of 50-200 us between parallel loops,
  // longer when the host preempts us; so a side watches for up to 250 us before it sleeps.
  static constexpr std::chrono::microseconds kSpin{250};
  // Pauses between two looks: a pause takes ~20 ns on AMD's recent cores, so 64 of them made
  // every hand-over 1.5 us slower (1.9 against 0.4 us for an empty two-piece parallel_for).
  static constexpr int kPausesPerLook = 4;

  // Waits until `done` holds, for at most kSpin; says whether it does.
  template <class Done>
  static bool spin_until(Done done) {
    const auto until = std::chrono::steady_clock::now() + kSpin;
    while (!done()) {
      for (int i = 0; i < kPausesPerLook; ++i) _mm_pause();
      if (std::chrono::steady_clock::now() > until) return done();
    }
    return true;
  }

  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void()>* task_ = nullptr;
  std::atomic<uint64_t> job_ = 0;  // sequence number << 32 | places open to workers: one word
  std::atomic<int> finished_ = 0;  // workers that joined the job and are done
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
std::atomic<int64_t> jobs_offered = 0, jobs_alone = 0;

void ensure_initialized() {
  if (thread_count == 0) set_num_threads(available_cores());
}

bool pinning = false;
cpu_set_t caller_mask;  // the caller's affinity before pinning, restored when pinning ends

void make_pool() {
  if (!pinning) {
    pool = thread_count > 1 ? std::make_unique<ThreadPool>(thread_count - 1, nullptr) : nullptr;
    return;
  }
  pin_current_thread(nth_allowed_cpu(caller_mask, 0));
  pool = thread_count > 1 ? std::make_unique<ThreadPool>(thread_count - 1, &caller_mask) : nullptr;
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
  pool = nullptr;               // the old workers end before the new ones start
  make_pool();
}

void set_pin_threads(bool pin) {
  ensure_initialized();
  if (pin == pinning) return;
  if (pin) {
    CPU_ZERO(&caller_mask);
    if (pthread_getaffinity_np(pthread_self(), sizeof(caller_mask), &caller_mask) != 0) return;
  } else {
    pthread_setaffinity_np(pthread_self(), sizeof(caller_mask), &caller_mask);
  }
  pinning = pin;
  pool = nullptr;
  make_pool();
}

bool pin_threads() {
  return pinning;
}

int available_cores() {
  const int hardware = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  cpu_set_t mask;
  CPU_ZERO(&mask);
  if (sched_getaffinity(0, sizeof(mask), &mask) != 0) return hardware;
  return std::clamp(CPU_COUNT(&mask), 1, hardware);
}

ParallelCounts parallel_counts() {
  return {jobs_offered.load(std::memory_order_relaxed), jobs_alone.load(std::memory_order_relaxed)};
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
  struct Mark {  // while set, a nested parallel_for runs serially
    Mark() { inside_parallel = true; }
    ~Mark() { inside_parallel = false; }
  };
  // Backing off, the caller runs the whole range in one call, as one thread does: a body's
  // results never depend on where the range is cut (the pieces already vary with the thread
  // count), and one call saves the per-piece overhead (~1% of a Cora epoch with a core busy).
  jobs_offered.fetch_add(1, std::memory_order_relaxed);
  if (pool->advise_serial()) {
    jobs_alone.fetch_add(1, std::memory_order_relaxed);
    const Mark mark;
    body(begin, end);
    return;
  }
  std::atomic<int64_t> next_piece{0};
  const std::function<void()> task = [&] {
    const Mark mark;
    for (int64_t p; (p = next_piece.fetch_add(1, std::memory_order_relaxed)) < pieces;)
      body(begin + length * p / pieces, begin + length * (p + 1) / pieces);
  };
  pool->run(static_cast<int>(parties) - 1, task);
}

}  // namespace autograd
