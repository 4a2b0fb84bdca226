// Double-precision gradient check of the whole GraphVAE loss, for every node order and both
// node-count heads, fixed noise (and, for the sampled permutations, the same orders every
// evaluation).
#include "datasets/small_graphs.hpp"
#include "models/graph_vae.hpp"
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using models::NodeCount;
using models::NodeOrder;

TEST_CASE("GraphVAE's negative ELBO, every node order, both node-count heads") {
  const std::vector<datasets::GraphDataset> graphs = {
      datasets::cycle_graph(4), datasets::grid_graph(2, 3),
      datasets::make_graph(3, {{0, 1}})};  // one node isolated
  for (NodeCount count : {NodeCount::Categorical, NodeCount::SlotBernoulli})
    for (NodeOrder order : {NodeOrder::AsGiven, NodeOrder::Canonical,
                            NodeOrder::SampledPermutations, NodeOrder::Matching}) {
      CAPTURE(static_cast<int>(count));
      CAPTURE(static_cast<int>(order));
      Generator gen(5);
      models::GraphVae model({.max_nodes = 6,
                              .hidden = 4,
                              .latent = 3,
                              .order = order,
                              .permutations = 3,
                              .count = count},
                             gen);
      // Biases start at zero; a decoder row whose hidden units are all off would then put the
      // next layer's ReLU exactly at its kink, where no finite difference is meaningful.
      for (const auto& [name, p] : model.named_parameters())
        if (name.ends_with("bias"))
          for (Scalar& v : p.values()) v = static_cast<Scalar>(gen.uniform(-0.5, 0.5));
      const Tensor noise = gen.normal_tensor({3, 3});
      // The order is a discrete choice made before the loss: held fixed while parameters move, as
      // its gradient is (a matching would otherwise switch inside a finite difference).
      Tensor targets;
      {
        const NoGradGuard no_tape;
        Generator orders(11);
        const models::Posterior q = model.encode(graphs);
        targets =
            model.targets(graphs, model.decode(q.mean + exp(q.log_variance * 0.5) * noise), orders);
      }
      testing::expect_gradcheck(
          [&](const std::vector<Tensor>&) {
            return model.negative_elbo(graphs, noise, targets).loss;
          },
          model.parameters());
    }
}
