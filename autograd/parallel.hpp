#pragma once
// One thread setting for the whole process. set_num_threads(n) sets both OpenBLAS's pool and
// ours, so the two never oversubscribe the cores: our workers sleep on a condition variable
// between jobs (no spinning) and a BLAS call and a parallel_for never run at the same time.
#include <cstdint>
#include <functional>

namespace autograd {

void set_num_threads(int n);  // n >= 1
int num_threads();

// Splits [begin, end) into at most num_threads() contiguous chunks of at least `grain`
// elements and runs body(chunk_begin, chunk_end) on each; returns when all are done. The split
// depends only on the range, grain and thread count, so results are reproducible.
void parallel_for(int64_t begin, int64_t end, int64_t grain,
                  const std::function<void(int64_t, int64_t)>& body);

}  // namespace autograd
