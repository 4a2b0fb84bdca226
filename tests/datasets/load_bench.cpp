// Loading benchmark: how long the real datasets take to read, and how the synthetic graph and the
// link split scale. Prints the median of several runs of each.
//
//   meson test -C build --benchmark data_loading --verbose
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "datasets/batcher.hpp"
#include "datasets/graph.hpp"
#include "datasets/idx.hpp"
#include "datasets/link_split.hpp"
#include "datasets/sbm.hpp"
#include "tests/bench_table.hpp"
#include "tests/bench_timing.hpp"

namespace {

using bench::median_seconds;

// Prints the figure with its detail, and reports it to the benchmark table.
void report(const std::string& what, int runs, double seconds, const std::string& detail) {
  std::printf("%-44s median of %d: %9.1f ms   %s\n", what.c_str(), runs, seconds * 1e3,
              detail.c_str());
  bench::report({.benchmark = "data_loading",
                 .what = what,
                 .figure = seconds * 1e3,
                 .unit = "ms",
                 .runs = runs});
}

}  // namespace

int main() {
  const std::string fashion = "/usr/share/datasets/fashion-mnist";
  if (std::filesystem::exists(fashion + "/train-images-idx3-ubyte.gz")) {
    int64_t images = 0;
    const double seconds = median_seconds(0, 5, [&] {
      images = datasets::load_mnist_split(fashion, "train").count +
               datasets::load_mnist_split(fashion, "t10k").count;
    });
    report("Fashion-MNIST train + t10k (gzip IDX)", 5, seconds,
           std::to_string(images) + " images, " +
               std::to_string(static_cast<int>(images / seconds)) + " images/s");

    // One training epoch of batches as the VAE draws them: 469 batches of 128.
    const datasets::ImageDataset train = datasets::load_mnist_split(fashion, "train");
    for (bool dynamic : {false, true}) {
      datasets::Batcher batcher(train,
                                {.batch_size = 128, .dynamic_binarization = dynamic, .seed = 1});
      int64_t rows = 0;
      const double epoch = median_seconds(0, 5, [&] {
        for (const datasets::Batch& batch : batcher.next_epoch()) rows += batch.size();
      });
      report(dynamic ? "one epoch of batches, dynamic binarization"
                     : "one epoch of batches (469 x 128)",
             5, epoch,
             std::to_string(batcher.batches_per_epoch()) + " batches, " + std::to_string(rows / 5) +
                 " rows");
    }
  } else {
    std::printf("Fashion-MNIST: skipped (package dataset-fashion-mnist not installed)\n");
  }

  const char* shared = std::getenv("ZOO_DATASETS");
  if (shared && std::filesystem::exists(std::string(shared) + "/cora/adjacency.mtx")) {
    for (const char* name : {"cora", "citeseer", "pubmed"}) {
      datasets::GraphDataset graph;
      const double seconds = median_seconds(
          0, 9, [&] { graph = datasets::load_graph(std::string(shared) + "/" + name); });
      report("load_graph " + std::string(name), 9, seconds,
             std::to_string(graph.num_nodes) + " nodes, " + std::to_string(graph.num_edges()) +
                 " edges");
    }
    const datasets::GraphDataset cora = datasets::load_graph(std::string(shared) + "/cora");
    const double seconds =
        median_seconds(0, 9, [&] { datasets::split_edges(cora, 0.05, 0.10, 1); });
    report("split_edges cora (85/5/10)", 9, seconds, "");
  } else {
    std::printf("citation graphs: skipped (ZOO_DATASETS not set)\n");
  }

  // The scale the synthetic generator promises: a million nodes, about ten million edges.
  const auto p = datasets::sbm_probabilities(1'000'000, 10, 20.0, 20.0);
  datasets::GraphDataset big;
  const double sbm_seconds = median_seconds(0, 3, [&] {
    big = datasets::stochastic_block_model(
        {.nodes = 1'000'000, .communities = 10, .p_in = p.p_in, .p_out = p.p_out, .seed = 7});
  });
  report("stochastic_block_model 1M nodes, degree 20", 3, sbm_seconds,
         std::to_string(big.num_edges()) + " edges");
  const double split_seconds =
      median_seconds(0, 3, [&] { datasets::split_edges(big, 0.05, 0.10, 7); });
  report("split_edges of that graph (85/5/10)", 3, split_seconds, "");
  return 0;
}
