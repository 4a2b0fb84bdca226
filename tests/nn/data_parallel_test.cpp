// DataParallel in one process: shards, bucket order, the overlap with backward and the scaling,
// against a recording communicator that plays a second rank with known gradients.
#include "nn/data_parallel.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <vector>

#include "autograd/autograd.hpp"
#include "nn/mlp.hpp"

using namespace autograd;

namespace {

// Size 2: the "other rank" sends `other` times each value (so the sum is known), a broadcast
// from rank 0 keeps this rank's values, and every start is recorded.
class TwoRankRecorder final : public nn::Communicator {
 public:
  explicit TwoRankRecorder(Scalar other) : other_(other) {}
  int rank() const override { return 0; }
  int size() const override { return 2; }
  void allreduce_sum(std::span<Scalar> values) override {
    for (Scalar& v : values) v += other_ * v;
  }
  int start_allreduce_sum(std::span<Scalar> values) override {
    started_sizes.push_back(int64_t(values.size()));
    started_before_first_layer_grad.push_back(!first_layer_weight.has_grad());
    pending.push_back(values);
    return int(pending.size()) - 1;
  }
  bool test(int) override { return false; }
  void wait(int ticket) override { allreduce_sum(pending.at(ticket)); }
  void broadcast(std::span<Scalar>, int) override { ++broadcasts; }
  std::vector<double> allgather(std::span<const double> values) override {
    std::vector<double> all(values.begin(), values.end());
    all.insert(all.end(), values.begin(), values.end());  // the other rank: the same values
    return all;
  }
  [[noreturn]] void abort(int) override { throw std::logic_error("abort"); }

  Tensor first_layer_weight;
  std::vector<int64_t> started_sizes;
  std::vector<bool> started_before_first_layer_grad;
  std::vector<std::span<Scalar>> pending;
  int broadcasts = 0;

 private:
  Scalar other_;
};

}  // namespace

TEST_CASE("shard_range splits rows into contiguous shards, the first ones one row longer") {
  CHECK(nn::shard_range(10, 0, 3) == std::pair<int64_t, int64_t>{0, 4});
  CHECK(nn::shard_range(10, 1, 3) == std::pair<int64_t, int64_t>{4, 7});
  CHECK(nn::shard_range(10, 2, 3) == std::pair<int64_t, int64_t>{7, 10});
  CHECK(nn::shard_range(1, 1, 2) == std::pair<int64_t, int64_t>{1, 1});  // an empty shard
  CHECK_THROWS_WITH_AS(nn::shard_range(10, 2, 2), doctest::Contains("rank 2 of 2"),
                       std::invalid_argument);
}

TEST_CASE("buckets start during backward, last layer first, and come back as the mean") {
  clear_tape();
  Generator gen(5);
  auto model = nn::mlp({6, 40, 30, 3}, gen);
  const nn::NamedTensors parameters = model->named_parameters();
  TwoRankRecorder comm(3);  // the other rank's gradient: 3 times this one's
  comm.first_layer_weight = parameters.front().second;
  nn::DataParallel parallel(parameters, comm, {.bucket_bytes = 1024, .check_every = 0});
  CHECK(comm.broadcasts == int(parameters.size()));

  const Tensor x = gen.normal_tensor({5, 6});
  const auto loss_of_model = [&] {
    const Tensor y = model->forward(x);
    return sum(y * y);
  };
  backward(loss_of_model());  // the reference gradient, without DataParallel's step
  std::vector<std::vector<Scalar>> reference;
  for (const auto& [name, p] : parameters) {
    reference.emplace_back(p.grad_values().begin(), p.grad_values().end());
    p.zero_grad();
  }
  clear_tape();

  parallel.begin_step(2, 5);  // this rank: 2 of 5 examples
  backward(loss_of_model());
  parallel.finish_step();
  REQUIRE(comm.started_sizes.size() >= 3);
  CHECK(comm.started_sizes.front() <= 256);  // 1024 bytes: the last layer's 93 values first
  CHECK(comm.started_before_first_layer_grad.front());  // sent while backward went on
  CHECK_FALSE(comm.started_before_first_layer_grad.back());
  int64_t sent = 0;
  for (int64_t n : comm.started_sizes) sent += n;
  CHECK(sent == 6 * 40 + 40 + 40 * 30 + 30 + 30 * 3 + 3);
  // (2/5 g) + 3 (2/5 g) = 8/5 g: the scaled share of this rank plus the other rank's.
  for (size_t i = 0; i < parameters.size(); ++i)
    for (size_t j = 0; j < reference[i].size(); ++j)
      CHECK(parameters[i].second.grad_values()[j] ==
            doctest::Approx(1.6 * reference[i][j]).epsilon(1e-5));
  clear_tape();
}

TEST_CASE("a second backward in one step is refused; a backward outside a step sends nothing") {
  clear_tape();
  Generator gen(6);
  auto model = nn::mlp({3, 4, 1}, gen);
  TwoRankRecorder comm(1);
  comm.first_layer_weight = model->named_parameters().front().second;
  nn::DataParallel parallel(model->named_parameters(), comm, {.check_every = 0});
  const Tensor x = gen.normal_tensor({2, 3});
  backward(sum(model->forward(x)));
  CHECK(comm.started_sizes.empty());
  parallel.begin_step(2, 4);
  backward(sum(model->forward(x)));
  CHECK_THROWS_WITH_AS(backward(sum(model->forward(x))), doctest::Contains("second backward"),
                       std::logic_error);
  clear_tape();
}

TEST_CASE("global_means weighs each rank's shard mean by its share of the batch") {
  TwoRankRecorder comm(1);
  Generator gen(7);
  auto model = nn::mlp({2, 1}, gen);
  nn::DataParallel parallel(model->named_parameters(), comm, {.check_every = 0});
  // Both "ranks" report 2.0 and 4.0 over 3 of 4 examples: (3/4 + 3/4) * value.
  const std::vector<double> means = parallel.global_means({2.0, 4.0}, 3, 4);
  CHECK(means == std::vector<double>{3.0, 6.0});
  parallel.check_replicas();  // the recorder's other rank has the same checksum
}
