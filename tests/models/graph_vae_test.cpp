// GraphVAE: it learns community-small; the loss of a relabelled input, P A P^T, against the
// original's, for every node order; the count head's targets are a prefix in every order, and its
// samples take the training graphs' sizes; bad input is named.
#include "models/graph_vae.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "autograd/autograd.hpp"
#include "datasets/small_graphs.hpp"
#include "models/graph_isomorphism.hpp"
#include "models/graph_orderings.hpp"
#include "nn/adam.hpp"

using autograd::Generator;
using autograd::Tensor;
using models::NodeCount;
using models::NodeOrder;

namespace {

std::vector<datasets::GraphDataset> training_graphs() {
  return datasets::community_small({.graphs = 24, .seed = 2});
}

// Trains briefly, so that the decoder's slots differ and matching has something to match.
std::unique_ptr<models::GraphVae> trained_model(NodeOrder order, int steps, double* first_loss,
                                                double* last_loss,
                                                NodeCount count = NodeCount::Categorical) {
  Generator gen(1);
  auto model = std::make_unique<models::GraphVae>(
      models::GraphVaeOptions{
          .max_nodes = 20, .hidden = 32, .latent = 8, .order = order, .count = count},
      gen);
  nn::Adam adam(model->named_parameters(), {.lr = 3e-3});
  const std::vector<datasets::GraphDataset> graphs = training_graphs();
  for (int step = 0; step < steps; ++step) {
    adam.zero_grad();
    const models::GraphVaeLoss l = model->negative_elbo(graphs, gen.normal_tensor({24, 8}), gen);
    autograd::backward(l.loss);
    adam.step();
    autograd::clear_tape();
    if (step == 0 && first_loss) *first_loss = l.loss.item();
    if (last_loss) *last_loss = l.loss.item();
  }
  return model;
}

double loss_of(models::GraphVae& model, const datasets::GraphDataset& g, const Tensor& noise) {
  const autograd::NoGradGuard no_tape;
  Generator orders(4);
  return model.negative_elbo(std::vector<datasets::GraphDataset>{g}, noise, orders).loss.item();
}

}  // namespace

TEST_CASE("GraphVAE learns community-small with every node order, both node-count heads") {
  for (NodeCount count : {NodeCount::Categorical, NodeCount::SlotBernoulli})
    for (NodeOrder order : {NodeOrder::AsGiven, NodeOrder::Canonical,
                            NodeOrder::SampledPermutations, NodeOrder::Matching}) {
      CAPTURE(static_cast<int>(count));
      CAPTURE(static_cast<int>(order));
      double first = 0, last = 0;
      trained_model(order, 60, &first, &last, count);
      MESSAGE("count ", static_cast<int>(count), ", order ", static_cast<int>(order),
              ": negative ELBO per graph ", first, " -> ", last);
      // The bound over random orders falls slowest: no fixed order means no slot the decoder can
      // specialize (about 150 -> 70 in 60 steps for the others, -> 92 for it).
      // The count head has no pairs of empty slots to learn to switch off (its first loss is about
      // 90, not 150), so less of its loss goes in 60 steps: 90 -> 58, -> 82 over sampled orders.
      const bool counted = count == NodeCount::Categorical;
      if (order == NodeOrder::SampledPermutations)
        CHECK(last < (counted ? 0.95 : 0.7) * first);
      else
        CHECK(last < (counted ? 0.7 : 0.6) * first);
    }
}

TEST_CASE("the loss of P A P^T against A: invariant orders keep it, the given order does not") {
  const std::vector<datasets::GraphDataset> graphs = training_graphs();
  Generator gen(8);
  for (NodeOrder order : {NodeOrder::AsGiven, NodeOrder::Canonical, NodeOrder::Matching}) {
    const auto model = trained_model(order, 40, nullptr, nullptr);
    int unchanged = 0, trials = 0;
    double largest_move = 0;
    for (const datasets::GraphDataset& g : graphs) {
      const Tensor noise = gen.normal_tensor({1, 8});
      const datasets::GraphDataset relabelled =
          models::permute_graph(g, models::random_node_order(g.num_nodes, gen));
      const double a = loss_of(*model, g, noise), b = loss_of(*model, relabelled, noise);
      const double move = std::abs(a - b) / std::abs(a);
      largest_move = std::max(largest_move, move);
      unchanged += move < 1e-5, ++trials;
    }
    MESSAGE("order ", static_cast<int>(order), ": loss unchanged by relabelling for ", unchanged,
            " of ", trials, " graphs; largest relative move ", largest_move);
    if (order == NodeOrder::AsGiven)
      CHECK(unchanged <= trials / 4);  // the encoder is invariant; the fixed order's target is not
    else
      CHECK(unchanged >= trials * 3 / 4);
  }
}

TEST_CASE("the bound over sampled orders is invariant in distribution") {
  // The same S random orders composed with a relabelling are again uniform random orders: the
  // mean of the bound over many draws is the same for A and P A P^T, within its standard error.
  const auto model = trained_model(NodeOrder::SampledPermutations, 40, nullptr, nullptr);
  const datasets::GraphDataset g = training_graphs()[0];
  Generator gen(9);
  const datasets::GraphDataset relabelled =
      models::permute_graph(g, models::random_node_order(g.num_nodes, gen));
  const Tensor noise = gen.normal_tensor({1, 8});
  const std::vector<datasets::GraphDataset> one{g}, other{relabelled};
  double sum[2] = {0, 0}, squares[2] = {0, 0};
  const int draws = 200;
  const autograd::NoGradGuard no_tape;
  for (int d = 0; d < draws; ++d)
    for (int which = 0; which < 2; ++which) {
      const double v = model->negative_elbo(which ? other : one, noise, gen).loss.item();
      sum[which] += v, squares[which] += v * v;
    }
  double se2 = 0;
  for (int which = 0; which < 2; ++which) {
    const double mean = sum[which] / draws;
    se2 += (squares[which] / draws - mean * mean) / draws;
  }
  CHECK(std::abs(sum[0] - sum[1]) / draws < 4 * std::sqrt(se2));
}

TEST_CASE("the loss against targets chosen beforehand is the loss that chooses them") {
  const std::vector<datasets::GraphDataset> graphs = training_graphs();
  for (NodeOrder order : {NodeOrder::SampledPermutations, NodeOrder::Matching}) {
    Generator gen(6);
    models::GraphVae model({.max_nodes = 20, .hidden = 16, .latent = 4, .order = order}, gen);
    const Tensor noise = gen.normal_tensor({24, 4});
    const autograd::NoGradGuard no_tape;
    Generator orders(2), same_orders(2);
    const double chosen = model.negative_elbo(graphs, noise, orders).loss.item();
    const models::Posterior q = model.encode(graphs);
    const Tensor logits = model.decode(q.mean + autograd::exp(q.log_variance * 0.5f) * noise);
    const Tensor targets = model.targets(graphs, logits, same_orders);
    CHECK(model.negative_elbo(graphs, noise, targets).loss.item() == doctest::Approx(chosen));
    CHECK_THROWS_WITH(model.negative_elbo(graphs, noise, Tensor::zeros({1, 3})),
                      doctest::Contains("GraphVae::negative_elbo: targets of shape [1, 3]"));
  }
}

TEST_CASE("the count head's targets fill the first n slots in every node order") {
  const std::vector<datasets::GraphDataset> graphs = training_graphs();
  for (NodeOrder order : {NodeOrder::AsGiven, NodeOrder::Canonical, NodeOrder::SampledPermutations,
                          NodeOrder::Matching}) {
    CAPTURE(static_cast<int>(order));
    const auto model = trained_model(order, 20, nullptr, nullptr);
    const autograd::NoGradGuard no_tape;
    Generator gen(12);
    const Tensor targets = model->targets(graphs, model->decode(model->encode(graphs).mean), gen);
    const std::vector<int64_t> counts = models::prefix_node_counts(targets, 20);  // or throws
    for (size_t r = 0; r < counts.size(); ++r)
      CHECK(counts[r] == graphs[r % graphs.size()].num_nodes);
  }
}

TEST_CASE("the count head samples the training graphs' sizes closer than the slots' head") {
  // The distance is the total variation between the sizes of 400 samples and of the 24 training
  // graphs. The slots' sizes are a sum of k independent Bernoullis, so their spread around the
  // mean cannot follow the training sizes; the count head learns their histogram itself.
  const std::vector<datasets::GraphDataset> graphs = training_graphs();
  std::vector<double> train_sizes(21, 0);
  for (const datasets::GraphDataset& g : graphs) train_sizes[g.num_nodes] += 1.0 / 24;
  double distance[2] = {0, 0};
  for (NodeCount count : {NodeCount::Categorical, NodeCount::SlotBernoulli}) {
    const auto model = trained_model(NodeOrder::Canonical, 150, nullptr, nullptr, count);
    Generator gen(13);
    std::vector<double> sizes(21, 0);
    for (const datasets::GraphDataset& g : model->sample(400, gen)) sizes[g.num_nodes] += 1.0 / 400;
    for (int n = 0; n <= 20; ++n)
      distance[static_cast<int>(count)] += std::abs(sizes[n] - train_sizes[n]) / 2;
  }
  const double counted = distance[static_cast<int>(NodeCount::Categorical)];
  const double slots = distance[static_cast<int>(NodeCount::SlotBernoulli)];
  MESSAGE("total variation of the sample sizes from the training sizes: count head ", counted,
          ", slots ", slots);
  CHECK(counted < slots);
}

TEST_CASE("GraphVAE samples graphs and names bad input") {
  Generator gen(3);
  models::GraphVae model({.max_nodes = 6, .hidden = 8, .latent = 2}, gen);
  const std::vector<datasets::GraphDataset> samples = model.sample(5, gen);
  CHECK(samples.size() == 5);
  for (const auto& s : samples) CHECK((s.num_nodes >= 1 && s.num_nodes <= 6));
  const std::vector<datasets::GraphDataset> too_big = {datasets::cycle_graph(7)};
  CHECK_THROWS_WITH(model.negative_elbo(too_big, gen.normal_tensor({1, 2}), gen),
                    "make_graph_batch: graph 0 has 7 nodes; the model takes 1 to 6");
  const std::vector<datasets::GraphDataset> fine = {datasets::cycle_graph(5)};
  CHECK_THROWS_WITH(model.negative_elbo(fine, gen.normal_tensor({2, 2}), gen),
                    "GraphVae::negative_elbo: noise of shape [2, 2] for 1 graphs of latent 2");
  CHECK_THROWS_WITH(models::GraphVae({.max_nodes = 1}, gen),
                    "GraphVae: needs max_nodes >= 2 and positive hidden, latent and permutations");
}
