#pragma once
// One thread setting for the whole process. set_num_threads(n) sizes our pool (the caller and
// n - 1 workers) and keeps OpenBLAS on one thread: blas::gemm splits large products over our
// pool, so BLAS threads and ours never compete for the cores. Workers watch for up to
// 250 us after a job (the next one usually follows at once), then sleep.
#include <cstdint>
#include <functional>

namespace autograd {

// n >= 1. More threads than available_cores() are allowed (a test may want them) but warned
// about once on stderr: each thread would wait for a core, slower rather than faster.
void set_num_threads(int n);
int num_threads();

// Opt-in: each thread of the pool kept on a core of its own (the caller of set_pin_threads on
// the first core of the affinity mask, worker w on the (w + 1)-th), as `--pin-threads` asks.
// Small sparse products hand over fastest when caller and worker never share a core; on a busy
// machine a pinned thread cannot move away from the other program, so it is off by default.
// Off restores the caller's affinity mask.
void set_pin_threads(bool pin);
bool pin_threads();

// The cores this process may run on: the smaller of the machine's hardware threads and the CPU
// affinity mask (taskset, a container's cpuset). The default thread count.
int available_cores();

// Splits [begin, end) into contiguous pieces of at least `grain` elements (at most eight per
// thread) and runs body(piece_begin, piece_end) on each; returns when all are done. Threads take
// pieces as they become free, and the caller never waits for a worker that has not started: a
// worker that wakes late (its core busy with another process) finds the pieces done and stays
// out; and while workers keep missing jobs or stalling, the caller runs them alone for a while
// (up to a second, then it tries again), so on a busy machine two threads cost no more than
// one. The split depends only on the
// range, grain and thread count, never on who ran which piece, so results are reproducible.
void parallel_for(int64_t begin, int64_t end, int64_t grain,
                  const std::function<void(int64_t, int64_t)>& body);

// What the pool did since the process started: parallel_for calls that offered work to the
// workers, and how many of them the caller ran alone because the pool was backing off (another
// program holding a core). For benchmarks and profiles.
struct ParallelCounts {
  int64_t jobs = 0, jobs_alone = 0;
};
ParallelCounts parallel_counts();

}  // namespace autograd
