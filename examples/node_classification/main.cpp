// node_classification: learned features for a downstream task, on citation graphs. Node labels are
// predicted from 20 labelled nodes per class (the Planetoid split: datasets/planetoid_split.hpp) by
//   - a linear probe (softmax regression) on the raw bag-of-words features,
//   - the same probe on frozen GAE and VGAE embeddings (mu), trained on the whole graph without
//     labels (models/graph_embeddings.hpp),
//   - a two-layer GCN trained on the labels end to end (Kipf & Welling 2017: 81.5% on Cora,
//     70.3% on Citeseer).
// Each method runs --runs seeds (42, 43, ...); the table prints mean +- standard deviation of the
// test accuracy. Writes results.csv (one row per graph, method and seed) and, per graph,
// embedding_pca.png: the first run's VGAE embeddings on their two principal components, coloured
// by class.
//
//   node_classification                                   # Cora and Citeseer, 10 seeds
//   node_classification --data ../shared/datasets/cora --runs 3
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <sstream>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "autograd/sparse/graph.hpp"
#include "datasets/graph.hpp"
#include "datasets/planetoid_split.hpp"
#include "examples/common/cli.hpp"
#include "examples/common/csv_logger.hpp"
#include "examples/common/image.hpp"
#include "examples/common/plot.hpp"
#include "examples/common/progress.hpp"
#include "models/graph_embeddings.hpp"
#include "models/linear_probe.hpp"
#include "models/node_classifier.hpp"
#include "models/pca.hpp"

namespace fs = std::filesystem;
using autograd::Tensor;

namespace {

struct Options {
  std::string data = "../shared/datasets/cora,../shared/datasets/citeseer";
  int runs = 10;
  int epochs = 200;
  int probe_epochs = 300;
  std::string out = "out/node_classification";
};

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, ',');)
    if (!part.empty()) parts.push_back(part);
  return parts;
}

struct Stats {
  double mean = 0, stddev = 0;
};
Stats stats(const std::vector<double>& v) {
  Stats s;
  for (double x : v) s.mean += x / double(v.size());
  for (double x : v) s.stddev += (x - s.mean) * (x - s.mean);
  s.stddev = v.size() > 1 ? std::sqrt(s.stddev / double(v.size() - 1)) : 0;
  return s;
}

// One method: its name and how it scores (validation, test) for a seed.
struct Method {
  std::string name;
  std::function<models::NodeAccuracy(uint64_t seed)> run;
};

void write_embedding_picture(const Tensor& embedding, const std::vector<int>& labels,
                             const std::string& graph_name, const fs::path& path) {
  const models::Pca pca = models::fit_pca(embedding, 2);
  const Tensor xy = pca.encode(embedding);
  const std::vector<int64_t> colours(labels.begin(), labels.end());
  std::vector<float> points(xy.values().begin(), xy.values().end());
  examples::write_png(path, examples::scatter_plot(points, colours,
                                                   {.title = graph_name + ": VGAE embeddings",
                                                    .x_label = "first principal component",
                                                    .y_label = "second"}));
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  examples::ArgParser args(
      "node_classification",
      "Node classification on citation graphs (Planetoid split): a linear probe on raw features "
      "and on frozen GAE / VGAE embeddings, against a two-layer GCN trained on the labels.");
  args.option("data", o.data, "graph folders, comma-separated (adjacency.mtx, features.mtx, labels.txt)");
  args.option("runs", o.runs, "seeds per method (42, 43, ...)");
  args.option("epochs", o.epochs, "epochs of the GCN and of the graph autoencoders");
  args.option("probe-epochs", o.probe_epochs, "epochs of each linear probe");
  args.option("out", o.out, "output folder");
  args.parse(argc, argv);
  args.require(o.runs >= 1 && o.epochs >= 0 && o.probe_epochs >= 0,
               "--runs must be at least 1, --epochs and --probe-epochs >= 0");
  const std::vector<std::string> folders = split_list(o.data);
  args.require(!folders.empty(), "--data names no folder");
  for (const std::string& folder : folders)
    args.require(fs::is_directory(folder), "--data: " + folder + " is not a folder");

  return examples::run_main("node_classification", [&] {
    // Every graph is read and split before anything is written: a bad folder leaves no output.
    std::vector<datasets::GraphDataset> graphs;
    std::vector<datasets::NodeSplit> splits;
    for (const std::string& folder : folders) {
      graphs.push_back(datasets::load_graph(folder));
      if (!graphs.back().features || graphs.back().labels.empty())
        throw std::runtime_error(folder + ": needs features.mtx and labels.txt");
      splits.push_back(datasets::planetoid_split(graphs.back().labels));
    }
    const fs::path out(o.out);
    examples::CsvLogger csv(out / "results.csv",
                            {"graph", "method", "seed", "validation_accuracy", "test_accuracy"});
    std::vector<std::string> table;
    for (size_t g = 0; g < folders.size(); ++g) {
      const std::string name = fs::path(folders[g]).filename().string();
      const datasets::GraphDataset& graph = graphs[g];
      const datasets::NodeSplit& split = splits[g];
      const int64_t classes = datasets::class_count(graph.labels);
      const autograd::CsrMatrix a_hat = autograd::gcn_normalize(graph.adjacency);
      const autograd::CsrMatrix features = models::row_normalize(*graph.features);
      const std::vector<int64_t> train_labels = models::labels_of(graph.labels, split.train);
      const std::vector<int64_t> val_labels = models::labels_of(graph.labels, split.validation);
      const std::vector<int64_t> test_labels = models::labels_of(graph.labels, split.test);
      std::printf("%s: %lld nodes, %lld edges, %lld classes; %zu training, %zu validation, %zu "
                  "test nodes\n",
                  name.c_str(), (long long)graph.num_nodes, (long long)graph.num_edges(),
                  (long long)classes, split.train.size(), split.validation.size(),
                  split.test.size());

      // A probe on rows of `x`: trained on the training nodes, scored on the other two sets.
      const auto probe = [&](const Tensor& x, uint64_t seed) {
        const models::ProbeOptions po{.epochs = o.probe_epochs, .seed = seed};
        const models::LinearProbe p = models::fit_linear_probe(
            autograd::index_select(x, split.train), train_labels, classes, po);
        return models::NodeAccuracy{
            p.accuracy(autograd::index_select(x, split.validation), val_labels),
            p.accuracy(autograd::index_select(x, split.test), test_labels)};
      };
      const Tensor raw = features.to_dense();
      Tensor first_vgae;
      const auto embedding_probe = [&](bool variational, uint64_t seed) {
        const Tensor mu = models::train_graph_embeddings(
            graph.adjacency, &features,
            {.model = {.variational = variational}, .epochs = o.epochs, .seed = seed});
        if (variational && !first_vgae.defined()) first_vgae = mu;
        return probe(mu, seed);
      };
      const std::vector<Method> methods = {
          {"raw features + probe", [&](uint64_t seed) { return probe(raw, seed); }},
          {"GAE embeddings + probe", [&](uint64_t seed) { return embedding_probe(false, seed); }},
          {"VGAE embeddings + probe", [&](uint64_t seed) { return embedding_probe(true, seed); }},
          {"GCN (trained on the labels)", [&](uint64_t seed) {
             return models::train_gcn_classifier(a_hat, features, graph.labels, split.train,
                                                 split.validation, split.test,
                                                 {.epochs = o.epochs, .seed = seed});
           }},
      };
      for (size_t m = 0; m < methods.size(); ++m) {
        examples::ProgressBar bar(name + ": " + methods[m].name, o.runs);
        std::vector<double> test, val;
        for (int run = 0; run < o.runs; ++run) {
          const uint64_t seed = args.common().seed + uint64_t(run);
          const models::NodeAccuracy a = methods[m].run(seed);
          val.push_back(100 * a.validation);
          test.push_back(100 * a.test);
          csv.row({double(g), double(m), double(seed), a.validation, a.test});
          bar.advance(1, "test accuracy " + std::to_string(100 * a.test));
        }
        bar.finish();
        const Stats t = stats(test), v = stats(val);
        char line[200];
        std::snprintf(line, sizeof line, "| %s | %s | %.1f +- %.1f | %.1f +- %.1f |",
                      name.c_str(), methods[m].name.c_str(), t.mean, t.stddev, v.mean, v.stddev);
        table.push_back(line);
        std::cout << line << "\n";
      }
      write_embedding_picture(first_vgae, graph.labels, name, out / (name + "_embedding_pca.png"));
    }
    std::cout << "\n| graph | method | test accuracy % | validation accuracy % |\n|---|---|---|---|\n";
    for (const std::string& line : table) std::cout << line << "\n";
    std::cout << "wrote " << (out / "results.csv").string()
              << " (graph and method as their index in the table's order) and the embedding "
                 "pictures\n";
    return 0;
  });
}
