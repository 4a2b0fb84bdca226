// vae_data_parallel: a VAE epoch on 2 ranks x 1 thread against 1 process x 2 threads on this
// 2-core machine, the time of one allreduce of the whole gradient and the part of it hidden
// behind backward, and the allreduce's latency and bandwidth (an alpha-beta fit) for the cost
// model of tests/README.md. Run as `mpiexec -np 2 --bind-to none vae_data_parallel` (meson does).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <vector>

#include "autograd/autograd.hpp"
#include "datasets/batcher.hpp"
#include "datasets/idx.hpp"
#include "models/vae.hpp"
#include "nn/adam.hpp"
#include "nn/data_parallel.hpp"
#include "tests/bench_images.hpp"
#include "tests/bench_table.hpp"
#include "tests/bench_timing.hpp"

using autograd::Generator;
using autograd::Scalar;
using autograd::Tensor;

namespace {

constexpr int kRuns = 3;
constexpr int64_t kBatch = 128;

struct Epoch {
  double seconds = 0;
  double waited_per_step = 0;  // finish_step's wait: the allreduce time backward did not hide
  int64_t parameters = 0, steps = 0;
};

// One epoch of the example's VAE (784-400-20, batch 128, Adam) on the shards of rank `rank` of
// `ranks`, its gradients summed over `comm` (a single process: not summed at all, the same
// work without the communication).
Epoch train_epoch(nn::Communicator& comm, const datasets::ImageDataset& images, int rank,
                  int ranks) {
  Generator gen(7);
  models::Vae vae({}, gen);
  nn::Adam adam(vae.named_parameters(), {.lr = 1e-3});
  nn::DataParallel parallel(vae.named_parameters(), comm, {.check_every = 0});
  datasets::Batcher batcher(images, {.batch_size = kBatch, .seed = 8});
  if (ranks > 1) {  // start together
    const double go = 0;
    nn::world().allgather({&go, 1});
  }
  const auto start = bench::Clock::now();
  for (const datasets::Batch& batch : batcher.next_epoch()) {
    adam.zero_grad();
    const Tensor noise = gen.normal_tensor({batch.size(), 20});
    const auto [begin, end] = nn::shard_range(batch.size(), rank, ranks);
    const models::NegativeElbo elbo = vae.negative_elbo(
        autograd::slice_rows(batch.inputs, begin, end), autograd::slice_rows(noise, begin, end));
    parallel.begin_step(end - begin, batch.size());
    autograd::backward(elbo.loss);
    parallel.finish_step();
    adam.step();
    autograd::clear_tape();
  }
  Epoch epoch{bench::seconds_since(start), parallel.times().waited / parallel.times().steps,
              vae.parameter_count(), parallel.times().steps};
  return epoch;
}

// Waits for rank 0 without spinning a core (a blocking MPI call would poll and take the core
// the other process's second thread needs). Both sides start the same sum: MPI never matches a
// started collective with a blocking one.
void idle_until_rank_zero_is_done(nn::Communicator& comm) {
  std::vector<Scalar> token = {0};
  const int ticket = comm.start_allreduce_sum(token);
  while (!comm.test(ticket)) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}
void release_the_others(nn::Communicator& comm) {
  std::vector<Scalar> token = {0};
  comm.wait(comm.start_allreduce_sum(token));
}

double median_allreduce_seconds(nn::Communicator& comm, int64_t count, int runs) {
  std::vector<Scalar> values(count, 1.0f);
  return bench::median_seconds(2, runs, [&] { comm.allreduce_sum(values); });
}

}  // namespace

int main() {
  nn::Communicator& world = nn::world();
  if (world.size() != 2) {
    std::fprintf(stderr, "vae_data_parallel: run it on 2 ranks (mpiexec -np 2), not %d\n",
                 world.size());
    return 2;
  }
  const bool lead = world.rank() == 0;
  const datasets::ImageDataset images = bench::training_images();
  std::vector<double> two_ranks, no_sums, one_process, waited;
  int64_t parameters = 0, steps = 0;
  const auto alone = nn::single_process();
  for (int run = 0; run < kRuns; ++run) {
    autograd::set_num_threads(1);
    const Epoch distributed = train_epoch(world, images, world.rank(), 2);
    two_ranks.push_back(distributed.seconds);
    waited.push_back(distributed.waited_per_step);
    parameters = distributed.parameters;
    steps = distributed.steps;
    no_sums.push_back(train_epoch(*alone, images, world.rank(), 2).seconds);
    if (lead) {
      autograd::set_num_threads(2);
      one_process.push_back(train_epoch(*alone, images, 0, 1).seconds);
      release_the_others(world);
    } else {
      idle_until_rank_zero_is_done(world);
    }
  }
  autograd::set_num_threads(1);
  const double gradient_allreduce = median_allreduce_seconds(world, parameters, 21);
  const double latency = median_allreduce_seconds(world, 1, 201);
  const int64_t large = 4 << 20;  // 16 MB of floats
  const double large_allreduce = median_allreduce_seconds(world, large, 9);
  // t(n) = alpha + n bytes / bandwidth, fitted through the smallest and the largest sum.
  const double bandwidth = double(large - 1) * sizeof(Scalar) / (large_allreduce - latency);
  // Communication exposed: the epoch with the sums against the same shards without them; the
  // rest of the sums' time was hidden behind backward.
  const double two = bench::median(two_ranks);
  const double exposed = std::max(0.0, two - bench::median(no_sums));
  const double hidden = std::clamp(1 - exposed / (steps * gradient_allreduce), 0.0, 1.0);
  if (!lead) return 0;
  const double one = bench::median(one_process);  // timed on rank 0 only
  const std::string name = "vae_data_parallel";
  bench::report({name, "VAE epoch, 2 ranks x 1 thread", two, "s", kRuns,
                 "2 ranks / 1 process x 2 threads", two / one});
  bench::report({name, "VAE epoch, 1 process x 2 threads", one, "s", kRuns});
  bench::report({name, "allreduce of the gradient (" + std::to_string(parameters) + " floats)",
                 gradient_allreduce * 1e3, "ms", 21});
  bench::report({name, "VAE epoch, 2 ranks x 1 thread, no gradient sums", bench::median(no_sums),
                 "s", kRuns});
  bench::report({name, "allreduce time hidden behind backward", hidden * 100, "%", kRuns,
                 "exposed / (steps x allreduce)", exposed / (steps * gradient_allreduce)});
  bench::report({name, "finish_step's wait per step (sums + the other rank)",
                 bench::median(waited) * 1e3, "ms", kRuns});
  bench::report({name, "allreduce latency (1 float): alpha", latency * 1e6, "us", 201});
  bench::report({name, "allreduce bandwidth (16 MB): 1 / beta", bandwidth / 1e9, "GB/s", 9});
  return 0;
}
