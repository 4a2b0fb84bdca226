#pragma once
// Data-parallel training, as PyTorch's DistributedDataParallel does it: every rank holds a
// replica of the model, computes the gradient of its own shard of each global batch, and the
// gradients are averaged over the ranks, so every replica takes the same optimizer step.
//
//   nn::DataParallel parallel(model.named_parameters(), nn::world());  // rank 0's parameters
//   parallel.begin_step(shard_rows, batch_rows);
//   autograd::backward(loss_of_the_shard);    // buckets start their allreduce as they fill
//   parallel.finish_step();                   // now every .grad is the global batch's mean
//   optimizer.step();
//
// The gradients travel in buckets of about `bucket_bytes`, parameters taken in the reverse of
// their registration order (the order backward completes them). A leaf's ready hook
// (Tensor::register_ready_hook) tells the bucket when that gradient is final, and a full bucket
// starts its sum at once, so sending the last layers overlaps the backward of the first ones.
// Buckets start in one fixed order on every rank, as MPI's collectives require.
#include <cstdint>
#include <utility>
#include <vector>

#include "nn/communicator.hpp"
#include "nn/module.hpp"

namespace nn {

struct DataParallelOptions {
  int64_t bucket_bytes = 256 << 10;
  int64_t check_every = 100;  // steps between the replicas' checksum comparisons; 0: never
};

// Where the time of a step's gradient averaging went (seconds, summed over steps).
struct DataParallelTimes {
  int64_t steps = 0, buckets = 0;
  double waited = 0;  // in finish_step: the part of the sums not hidden behind backward
};

// Rows [begin, end) of `count` that rank `rank` of `size` takes: contiguous shards, the first
// count % size ranks one row more.
std::pair<int64_t, int64_t> shard_range(int64_t count, int rank, int size);

// Rows [begin, end) of each block of `block` rows of x: a shard's images ([block, ...], one
// block), or its noise rows of every sample (L blocks, sample-major as Vae::negative_elbo takes
// them). x itself when the shard is the whole block.
Tensor shard_rows(const Tensor& x, int64_t block, int64_t begin, int64_t end);

class DataParallel {
 public:
  DataParallel(NamedTensors parameters, Communicator& communicator,
               DataParallelOptions options = {});
  ~DataParallel();  // removes the ready hooks it put on the parameters
  DataParallel(const DataParallel&) = delete;
  DataParallel& operator=(const DataParallel&) = delete;

  // Every replica gets rank 0's parameters (the constructor does it; again after a rank loaded
  // a checkpoint).
  void broadcast_parameters();

  // This rank's loss is the mean over `local` of the global batch's `global` examples, so its
  // gradient counts local / global of the global mean. Call before backward.
  void begin_step(int64_t local, int64_t global);
  // One backward per step (sum the losses first to accumulate several). After backward: starts what
  // backward did not, waits for every bucket and writes the sums back: every parameter's .grad is
  // then the global batch's mean gradient, on every rank.
  void finish_step();

  // Means over this rank's `local` examples of a global batch of `global` (a loss, its terms)
  // -> the means over the global batch, summed in rank order: the same numbers on every rank.
  std::vector<double> global_means(const std::vector<double>& shard_means, int64_t local,
                                   int64_t global);

  // Every check_every steps (counted by finish_step): throws, naming the ranks, if the replicas'
  // parameters are no longer bit for bit the same. check_replicas() compares now.
  void check_replicas();

  Communicator& communicator() { return communicator_; }
  const DataParallelTimes& times() const { return times_; }

 private:
  struct Bucket {
    std::vector<Tensor> parameters;
    std::vector<Scalar> flat;
    int64_t unready = 0;
    bool started = false;
    int ticket = 0;
  };
  void parameter_ready(size_t bucket);
  void start_ready_buckets();
  void start(Bucket& bucket);

  NamedTensors parameters_;
  Communicator& communicator_;
  DataParallelOptions options_;
  std::vector<Bucket> buckets_;
  size_t next_bucket_ = 0;  // buckets start in index order
  Scalar share_ = 1;        // local / global of the step
  int64_t step_ = 0;
  bool in_step_ = false;  // between begin_step and finish_step: other backwards send nothing
  DataParallelTimes times_;
};

}  // namespace nn
