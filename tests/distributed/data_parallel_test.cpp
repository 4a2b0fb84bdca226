// Data-parallel training on two MPI ranks: the collectives, the same losses as one process at
// the same global batch (a VAE's images, a sampled VGAE's edges and negatives), the same numbers
// run to run, and a diverged replica reported.
#include "nn/data_parallel.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "autograd/autograd.hpp"
#include "autograd/sparse/graph.hpp"
#include "datasets/non_edges.hpp"
#include "datasets/sbm.hpp"
#include "models/graph_autoencoder.hpp"
#include "models/vae.hpp"
#include "nn/adam.hpp"

using namespace autograd;

TEST_CASE("the collectives of MPI's world: sum, started sums, broadcast, allgather") {
  nn::Communicator& world = nn::world();
  REQUIRE(world.size() == 2);
  const Scalar r = Scalar(world.rank());
  std::vector<Scalar> values = {1 + r, 10 * r};
  world.allreduce_sum(values);
  CHECK(values == std::vector<Scalar>{3, 10});
  std::vector<Scalar> a = {r}, b = {2 * r, 1};
  const int ta = world.start_allreduce_sum(a), tb = world.start_allreduce_sum(b);
  world.test(ta);
  world.wait(tb);
  world.wait(ta);
  CHECK(a == std::vector<Scalar>{1});
  CHECK(b == std::vector<Scalar>{2, 2});
  std::vector<Scalar> root = {5 + r, 7 + r};
  world.broadcast(root, 1);
  CHECK(root == std::vector<Scalar>{6, 8});
  const double mine[] = {double(world.rank()), 0.5};
  CHECK(world.allgather(mine) == std::vector<double>{0, 0.5, 1, 0.5});
}

namespace {

// `steps` Adam steps of a small VAE on a fixed stream of batches of `batch` rows, each rank
// taking its shard; the global negative ELBO of every step.
std::vector<double> train(nn::Communicator& comm, int steps, int64_t batch) {
  clear_tape();
  Generator gen(11);
  models::VaeOptions options;
  options.input = 24;
  options.hidden = {16};
  options.latent = 3;
  models::Vae vae(options, gen);
  nn::Adam adam(vae.named_parameters(), {.lr = 1e-2});
  nn::DataParallel parallel(vae.named_parameters(), comm, {.bucket_bytes = 512, .check_every = 3});
  Generator data(12);
  std::vector<double> losses;
  for (int step = 0; step < steps; ++step) {
    Tensor x = data.uniform_tensor({batch, options.input});
    const Tensor noise = gen.normal_tensor({batch, options.latent});
    const auto [begin, end] = nn::shard_range(batch, comm.rank(), comm.size());
    adam.zero_grad();
    const models::NegativeElbo elbo =
        vae.negative_elbo(slice_rows(x, begin, end), slice_rows(noise, begin, end));
    losses.push_back(parallel.global_means({double(elbo.loss.item())}, end - begin, batch)[0]);
    parallel.begin_step(end - begin, batch);
    backward(elbo.loss);
    parallel.finish_step();
    adam.step();
    clear_tape();
  }
  return losses;
}

}  // namespace

TEST_CASE("two ranks at global batch B give one process's losses at batch B, run after run") {
  nn::Communicator& world = nn::world();
  const int steps = 12;
  for (int64_t batch : {16, 15}) {  // 15: shards of 8 and 7 rows
    CAPTURE(batch);
    const std::vector<double> two_ranks = train(world, steps, batch);
    const std::vector<double> again = train(world, steps, batch);
    CHECK(two_ranks == again);  // bit for bit
    const auto alone = nn::single_process();
    const std::vector<double> one_process = train(*alone, steps, batch);
    for (int step = 0; step < steps; ++step) {
      CAPTURE(step);
      CHECK(std::abs(two_ranks[step] - one_process[step]) <= 1e-5 * std::abs(one_process[step]));
    }
    CHECK(two_ranks.back() < two_ranks.front());  // it trains
  }
}

namespace {

// `steps` Adam steps of a sampled VGAE with the feature decoder on a planted-partition graph,
// each rank scoring its shard of the edges and negatives; the whole loss of every step.
std::vector<double> train_vgae(nn::Communicator& comm, int steps) {
  clear_tape();
  const datasets::GraphDataset graph = datasets::stochastic_block_model(
      {.nodes = 120, .communities = 4, .p_in = 0.2, .p_out = 0.01, .seed = 3, .feature_dim = 8});
  const CsrMatrix a_hat = gcn_normalize(graph.adjacency);
  const auto targets = models::LinkTargets::from_training_adjacency(graph.adjacency);
  const models::FeatureTargets features{a_hat, *graph.features};
  Generator gen(4);
  models::GraphAutoencoder model(
      8, {.variational = true, .hidden = 16, .latent = 4, .feature_decoder = true}, gen);
  nn::Adam adam(model.named_parameters(), {.lr = 1e-2});
  nn::DataParallel parallel(model.named_parameters(), comm, {.bucket_bytes = 256});
  std::vector<double> losses;
  for (int step = 0; step < steps; ++step) {
    const Tensor noise = gen.normal_tensor({graph.num_nodes, 4});
    const auto negatives =
        datasets::sample_non_edges(graph.adjacency, int64_t(targets.edge_a.size()), gen);
    adam.zero_grad();
    const Tensor loss =
        model.loss(model.encode(a_hat, &*graph.features, noise), targets, models::LinkLoss::Sampled,
                   negatives, &features, {comm.rank(), comm.size()});
    losses.push_back(parallel.global_means({loss.item()}, 1, 1)[0]);  // the shards sum to it
    parallel.begin_step(1, 1);
    backward(loss);
    parallel.finish_step();
    adam.step();
    clear_tape();
  }
  return losses;
}

}  // namespace

TEST_CASE("a sampled VGAE on two ranks, sharding edges and negatives, gives one process's losses") {
  nn::Communicator& world = nn::world();
  const int steps = 15;
  const std::vector<double> two_ranks = train_vgae(world, steps);
  CHECK(two_ranks == train_vgae(world, steps));  // bit for bit
  const auto alone = nn::single_process();
  const std::vector<double> one_process = train_vgae(*alone, steps);
  for (int step = 0; step < steps; ++step) {
    CAPTURE(step);
    CHECK(std::abs(two_ranks[step] - one_process[step]) <= 1e-5 * std::abs(one_process[step]));
  }
  CHECK(two_ranks.back() < 0.95 * two_ranks.front());  // it trains
}

TEST_CASE("a replica whose parameters changed is reported, naming its rank") {
  nn::Communicator& world = nn::world();
  Generator gen(3);
  Tensor w = gen.normal_tensor({4, 4});
  w.set_requires_grad(true);
  nn::DataParallel parallel({{"w", w}}, world, {.check_every = 0});
  parallel.check_replicas();  // the same after the broadcast
  if (world.rank() == 1) w.data()[5] += 1e-6f;
  CHECK_THROWS_WITH_AS(parallel.check_replicas(), doctest::Contains("rank(s) 1 differ"),
                       std::runtime_error);
}
