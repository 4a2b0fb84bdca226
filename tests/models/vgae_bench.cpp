// VGAE benchmark (issue 7). Full-batch training epochs (forward, backward, Adam) at the thread
// count of the machine, median of several epochs, and the process's peak memory after each case:
//   1. Pubmed, featureless, fused loss (goal: <= 1.5 s per epoch, peak < 300 MB);
//   2. Cora, fused vs dense (goal: fused <= 25 ms per epoch), with the ratio dense / fused;
//   3. a 1,000,000-node, ~10M-edge planted-partition graph with the sampled loss (goal: < 10 s
//      per epoch, peak < 4 GB).
// Cases run in increasing order of memory, since peak memory only grows.
//
//   meson test -C build --benchmark vgae --verbose
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "autograd/autograd.hpp"
#include "autograd/sparse/graph.hpp"
#include "datasets/graph.hpp"
#include "datasets/sbm.hpp"
#include "models/graph_autoencoder.hpp"
#include "nn/adam.hpp"
#include "tests/bench_timing.hpp"

using namespace autograd;
using models::LinkLoss;

namespace {

double peak_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

// Median seconds of a full-batch VGAE training epoch on the whole graph.
double epoch_seconds(const datasets::GraphDataset& graph, LinkLoss kind, int epochs) {
  const CsrMatrix a_hat = gcn_normalize(graph.adjacency);
  const auto targets = models::LinkTargets::from_training_adjacency(graph.adjacency);
  const CsrMatrix* features = graph.features ? &*graph.features : nullptr;
  Generator gen(1);
  models::GraphAutoencoder model(features ? features->cols() : graph.num_nodes, {}, gen);
  nn::Adam adam(model.named_parameters(), {.lr = 0.01});
  return bench::median_seconds(1, epochs, [&] {
    const Tensor noise = gen.normal_tensor({graph.num_nodes, 16});
    std::vector<models::NodePair> negatives;
    if (kind == LinkLoss::Sampled)
      negatives = models::sample_non_edges(graph.adjacency, int64_t(targets.edge_a.size()), gen);
    backward(model.loss(model.encode(a_hat, features, noise), targets, kind, negatives));
    adam.step();
    model.zero_grad();
    clear_tape();
  });
}

}  // namespace

int main() {
  const char* root = std::getenv("ZOO_DATASETS");
  const std::string dir = root ? root : "../shared/datasets";
  std::printf("VGAE training epochs, %d threads, medians\n", num_threads());
  if (std::filesystem::exists(dir + "/pubmed/adjacency.mtx")) {
    const auto pubmed = datasets::load_graph(dir + "/pubmed");
    const double fused = epoch_seconds(pubmed, LinkLoss::Fused, 5);
    std::printf(
        "pubmed (19717 nodes, featureless) fused: %8.3f s per epoch (goal 1.5 s), peak %.0f MB "
        "(goal 300 MB)\n",
        fused, peak_mb());
  }
  if (std::filesystem::exists(dir + "/cora/adjacency.mtx")) {
    const auto cora = datasets::load_graph(dir + "/cora");
    const double fused = epoch_seconds(cora, LinkLoss::Fused, 21);
    const double fused_peak = peak_mb();
    const double dense = epoch_seconds(cora, LinkLoss::Dense, 11);
    std::printf(
        "cora fused: %8.2f ms per epoch (goal 25 ms), peak %.0f MB | dense: %8.2f ms, peak %.0f MB "
        "| "
        "dense / fused %.2f\n",
        fused * 1e3, fused_peak, dense * 1e3, peak_mb(), dense / fused);
  }
  const auto p = datasets::sbm_probabilities(1'000'000, 10, 20.0, 20.0);
  const auto big = datasets::stochastic_block_model(
      {.nodes = 1'000'000, .communities = 10, .p_in = p.p_in, .p_out = p.p_out, .seed = 7});
  const double sampled = epoch_seconds(big, LinkLoss::Sampled, 3);
  std::printf(
      "planted partition, %lld nodes, %lld edges, sampled: %6.2f s per epoch (goal 10 s), peak "
      "%.0f MB "
      "(goal 4096 MB)\n",
      (long long)big.num_nodes, (long long)big.num_edges(), sampled, peak_mb());
}
