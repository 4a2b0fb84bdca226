// Shards, buckets of gradients started as backward completes them, and the replicas' checksum.
#include "nn/data_parallel.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "autograd/ops/shape_ops.hpp"

namespace nn {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// FNV-1a over the bits of every parameter, cut to 52 bits so that a double carries it exactly.
double parameter_checksum(const NamedTensors& parameters) {
  uint64_t hash = 14695981039346656037ull;
  for (const auto& [name, p] : parameters)
    for (Scalar v : p.values()) {
      const auto bits =
          std::bit_cast<std::conditional_t<sizeof(Scalar) == 4, uint32_t, uint64_t>>(v);
      for (size_t byte = 0; byte < sizeof bits; ++byte)
        hash = (hash ^ ((bits >> (8 * byte)) & 0xff)) * 1099511628211ull;
    }
  return double(hash & ((uint64_t(1) << 52) - 1));
}

}  // namespace

std::pair<int64_t, int64_t> shard_range(int64_t count, int rank, int size) {
  if (size < 1 || rank < 0 || rank >= size || count < 0)
    throw std::invalid_argument("shard_range: rank " + std::to_string(rank) + " of " +
                                std::to_string(size) + ", " + std::to_string(count) + " rows");
  const int64_t base = count / size, extra = count % size;
  const int64_t begin = rank * base + std::min<int64_t>(rank, extra);
  return {begin, begin + base + (rank < extra ? 1 : 0)};
}

Tensor shard_rows(const Tensor& x, int64_t block, int64_t begin, int64_t end) {
  if (begin == 0 && end == block && x.size(0) == block) return x;
  std::vector<Tensor> parts;
  for (int64_t first = 0; first < x.size(0); first += block)
    parts.push_back(autograd::slice_rows(x, first + begin, first + end));
  return parts.size() == 1 ? parts[0] : autograd::concat(parts, 0);
}

DataParallel::DataParallel(NamedTensors parameters, Communicator& communicator,
                           DataParallelOptions options)
    : parameters_(std::move(parameters)), communicator_(communicator), options_(options) {
  // Reverse registration order: the output layer's gradients are complete first.
  for (auto it = parameters_.rbegin(); it != parameters_.rend(); ++it) {
    const Tensor& p = it->second;
    const int64_t bytes = p.numel() * int64_t(sizeof(Scalar));
    if (buckets_.empty() ||
        (int64_t(buckets_.back().flat.size() * sizeof(Scalar)) + bytes > options_.bucket_bytes &&
         !buckets_.back().parameters.empty()))
      buckets_.emplace_back();
    Bucket& bucket = buckets_.back();
    bucket.parameters.push_back(p);
    bucket.flat.resize(bucket.flat.size() + p.numel());  // released below if p stays alone
    const size_t index = buckets_.size() - 1;
    Tensor(p).register_ready_hook([this, index] { parameter_ready(index); });
  }
  for (Bucket& bucket : buckets_)
    if (bucket.parameters.size() == 1) bucket.flat = {};
  broadcast_parameters();
}

DataParallel::~DataParallel() {
  for (auto& [name, p] : parameters_) p.impl().ready_hooks.clear();
}

void DataParallel::broadcast_parameters() {
  for (auto& [name, p] : parameters_) communicator_.broadcast(p.values(), 0);
}

void DataParallel::begin_step(int64_t local, int64_t global) {
  if (local < 0 || global < 1 || local > global)
    throw std::invalid_argument("DataParallel::begin_step: " + std::to_string(local) + " of " +
                                std::to_string(global) + " examples");
  share_ = Scalar(double(local) / double(global));
  for (Bucket& bucket : buckets_) {
    bucket.unready = int64_t(bucket.parameters.size());
    bucket.started = false;
  }
  next_bucket_ = 0;
  in_step_ = true;
}

void DataParallel::parameter_ready(size_t index) {
  if (!in_step_) return;  // a backward outside a step (a diagnosis, a probe) sends nothing
  Bucket& bucket = buckets_[index];
  if (bucket.started || bucket.unready == 0)
    throw std::logic_error(
        "DataParallel: a second backward in one step (its gradients were "
        "already sent); sum the losses and call backward once");
  if (--bucket.unready == 0) start_ready_buckets();
  if (next_bucket_ > 0) communicator_.test(buckets_[next_bucket_ - 1].ticket);  // move sums on
}

void DataParallel::start_ready_buckets() {
  while (next_bucket_ < buckets_.size() && buckets_[next_bucket_].unready == 0)
    start(buckets_[next_bucket_++]);
}

// The bucket's gradients, each scaled by this rank's share; then the sum. A bucket of one
// parameter (a large weight) is summed in its gradient buffer itself, a bucket of several in its
// flat buffer, copied in here and back in finish_step.
void DataParallel::start(Bucket& bucket) {
  const auto scale = [this](std::span<Scalar> grad) {
    if (share_ != 1)
      for (Scalar& g : grad) g *= share_;
  };
  std::span<Scalar> sum = bucket.flat;
  if (bucket.parameters.size() == 1) {
    sum = bucket.parameters[0].grad_values();  // zeros if no gradient reached it this step
    scale(sum);
  } else {
    Scalar* out = bucket.flat.data();
    for (const Tensor& p : bucket.parameters) {
      if (p.has_grad()) {
        for (Scalar g : p.grad_values()) *out++ = share_ * g;
      } else {  // no gradient reached it this step: it sends zeros, as the other ranks expect
        out = std::fill_n(out, p.numel(), Scalar(0));
      }
    }
  }
  bucket.ticket = communicator_.start_allreduce_sum(sum);
  bucket.started = true;
  ++times_.buckets;
}

void DataParallel::finish_step() {
  if (!in_step_) throw std::logic_error("DataParallel::finish_step without begin_step");
  const auto start_waiting = std::chrono::steady_clock::now();
  for (Bucket& bucket : buckets_) bucket.unready = 0;  // unreached parameters: send what they have
  start_ready_buckets();
  for (Bucket& bucket : buckets_) {
    communicator_.wait(bucket.ticket);
    if (bucket.parameters.size() == 1) continue;  // summed in place
    const Scalar* in = bucket.flat.data();
    for (const Tensor& p : bucket.parameters) {
      std::span<Scalar> grad = p.grad_values();
      std::copy(in, in + p.numel(), grad.begin());
      in += p.numel();
    }
  }
  times_.waited += seconds_since(start_waiting);
  in_step_ = false;
  ++times_.steps;
  if (options_.check_every > 0 && ++step_ % options_.check_every == 0) check_replicas();
}

std::vector<double> DataParallel::global_means(const std::vector<double>& shard_means,
                                               int64_t local, int64_t global) {
  if (shard_means.empty()) return {};
  std::vector<double> weighted = shard_means;
  for (double& v : weighted) v *= double(local) / double(global);
  const std::vector<double> all = communicator_.allgather(weighted);
  std::vector<double> means(shard_means.size(), 0.0);
  for (size_t i = 0; i < all.size(); ++i) means[i % means.size()] += all[i];
  return means;
}

void DataParallel::check_replicas() {
  const double checksum = parameter_checksum(parameters_);
  const std::vector<double> sums = communicator_.allgather({&checksum, 1});
  std::string differing;
  for (size_t r = 1; r < sums.size(); ++r)
    if (sums[r] != sums[0]) differing += (differing.empty() ? "" : ", ") + std::to_string(r);
  if (!differing.empty())
    throw std::runtime_error("DataParallel: after step " + std::to_string(step_) +
                             " the parameters of rank(s) " + differing +
                             " differ from rank 0's (a replica diverged: a different input, "
                             "seed or build on some rank)");
}

}  // namespace nn
