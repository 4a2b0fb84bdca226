// graph_vae: GraphVAE (models/graph_vae.hpp) on a family of small graphs. It trains on 80% of
// the graphs (datasets/small_graphs.hpp), draws --samples graphs from the prior and scores them
// against the held-out 20% by the graph-generation literature's MMDs of the degree, clustering
// and 4-node orbit statistics (GraphRNN's kernels, models/graph_mmd.hpp), beside two classical
// baselines fitted to the same training graphs (Erdos-Renyi, a two-block SBM) and the training
// graphs themselves (how close a perfect generator of the training distribution gets), with the
// validity, uniqueness and novelty of each set. Writes log.csv (epoch, loss and its two terms),
// results.csv (model: 0 GraphVAE, 1 Erdos-Renyi, 2 block model, 3 training graphs) and graphs.png
// (training graphs above generated ones) into --out.
//
//   graph_vae                                   community-small, canonical BFS order
//   graph_vae --family ego-small --order matching
//   graph_vae --count slots                     the paper's node-existence slots
//   graph_vae --family grid --epochs 1000
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "datasets/ego_graphs.hpp"
#include "datasets/small_graphs.hpp"
#include "examples/common/cli.hpp"
#include "examples/common/csv_logger.hpp"
#include "examples/common/image.hpp"
#include "examples/common/progress.hpp"
#include "examples/graph_vae/graph_grid.hpp"
#include "models/graph_baselines.hpp"
#include "models/graph_isomorphism.hpp"
#include "models/graph_mmd.hpp"
#include "models/graph_vae.hpp"
#include "nn/adam.hpp"

namespace fs = std::filesystem;
using autograd::Generator;
using datasets::GraphDataset;

namespace {

struct Options {
  std::string family = "community-small";
  std::string data = "../shared/datasets/citeseer";  // ego-small's source graph
  std::string order = "canonical";
  std::string count = "categorical";
  int64_t permutations = 8;
  int epochs = 3000;
  int64_t batch = 32;
  int64_t hidden = 128;
  int64_t latent = 32;
  double lr = 1e-3;
  int64_t samples = 256;
  std::string out = "out/graph_vae";
};

const std::map<std::string, models::NodeOrder> kOrders = {
    {"as-given", models::NodeOrder::AsGiven},
    {"canonical", models::NodeOrder::Canonical},
    {"sampled", models::NodeOrder::SampledPermutations},
    {"matching", models::NodeOrder::Matching}};

const std::map<std::string, models::NodeCount> kCounts = {
    {"categorical", models::NodeCount::Categorical}, {"slots", models::NodeCount::SlotBernoulli}};

std::vector<GraphDataset> load_family(const Options& o, uint64_t seed) {
  if (o.family == "community-small") return datasets::community_small({.seed = seed});
  if (o.family == "grid") return datasets::grid_small();
  if (o.family == "trees") return datasets::random_trees({.seed = seed});
  if (o.family == "cycles") return datasets::cycles({.min_nodes = 3, .seed = seed});
  return datasets::ego_small(o.data, {.seed = seed});  // "ego-small", checked by the caller
}

// One epoch over the training graphs in a fresh random order; the mean loss terms per graph.
void train_epoch(models::GraphVae& model, nn::Adam& adam, const std::vector<GraphDataset>& train,
                 int64_t batch, Generator& gen, double* loss, double* reconstruction, double* kl) {
  const std::vector<int64_t> order = gen.permutation(int64_t(train.size()));
  *loss = *reconstruction = *kl = 0;
  for (size_t first = 0; first < order.size(); first += size_t(batch)) {
    std::vector<GraphDataset> graphs;
    for (size_t i = first; i < std::min(order.size(), first + size_t(batch)); ++i)
      graphs.push_back(train[size_t(order[i])]);
    const int64_t b = int64_t(graphs.size());
    adam.zero_grad();
    const models::GraphVaeLoss last =
        model.negative_elbo(graphs, gen.normal_tensor({b, model.options().latent}), gen);
    autograd::backward(last.loss);
    adam.step();
    autograd::clear_tape();
    const double share = double(b) / double(train.size());
    *loss += last.loss.item() * share;
    *reconstruction += last.reconstruction.item() * share;
    *kl += last.kl.item() * share;
  }
}

struct Scores {
  models::GenerationMmd mmd;
  models::GenerationQuality quality;
};

Scores score(const std::vector<GraphDataset>& generated, const std::vector<GraphDataset>& test,
             const std::vector<GraphDataset>& train) {
  return {models::generation_mmd(test, generated), models::generation_quality(generated, train)};
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  examples::ArgParser args("graph_vae",
                           "Trains GraphVAE on a family of small graphs, samples new graphs and "
                           "scores them against held-out graphs and two classical baselines.");
  args.option("family", o.family, "community-small, ego-small, grid, trees or cycles");
  args.option("data", o.data, "folder of the graph ego-small is cut from (Citeseer)");
  args.option("order", o.order,
              "node order of the decoder's targets: canonical, sampled, matching or as-given");
  args.option("count", o.count,
              "how the decoder gives the number of nodes: categorical (n ~ softmax over 1..k, "
              "nodes in the first n slots) or slots (a Bernoulli per slot, as in the paper)");
  args.option("permutations", o.permutations, "sampled orders per graph, for --order sampled");
  args.option("epochs", o.epochs, "passes over the training graphs");
  args.option("batch", o.batch, "graphs per step");
  args.option("hidden", o.hidden, "width of the encoder's GCN layers and the decoder's MLP");
  args.option("latent", o.latent, "latent dimensions, one vector per graph");
  args.option("lr", o.lr, "Adam's learning rate");
  args.option("samples", o.samples, "graphs drawn from the model and from each baseline");
  args.option("out", o.out, "output folder");
  args.parse(argc, argv);
  args.require(o.family == "community-small" || o.family == "ego-small" || o.family == "grid" ||
                   o.family == "trees" || o.family == "cycles",
               "--family must be community-small, ego-small, grid, trees or cycles (got '" +
                   o.family + "')");
  args.require(kOrders.count(o.order) == 1,
               "--order must be canonical, sampled, matching or as-given (got '" + o.order + "')");
  args.require(kCounts.count(o.count) == 1,
               "--count must be categorical or slots (got '" + o.count + "')");
  args.require(o.epochs >= 0 && o.batch > 0 && o.hidden > 0 && o.latent > 0 && o.lr > 0 &&
                   o.samples > 0 && o.permutations > 0,
               "--epochs must be >= 0; --batch, --hidden, --latent, --lr, --samples and "
               "--permutations positive");
  args.require(o.family != "ego-small" || fs::is_directory(o.data),
               "--data: " + o.data + " is not a folder");

  return examples::run_main("graph_vae", [&] {
    const uint64_t seed = args.common().seed;
    const datasets::GraphSplit split = datasets::split_graphs(load_family(o, seed), seed);
    const int64_t k = datasets::max_nodes(split.train);
    Generator gen(seed);
    models::GraphVae model({.max_nodes = k,
                            .hidden = o.hidden,
                            .latent = o.latent,
                            .order = kOrders.at(o.order),
                            .permutations = o.permutations,
                            .count = kCounts.at(o.count)},
                           gen);
    nn::Adam adam(model.named_parameters(), {.lr = o.lr});
    std::cout << o.family << ": " << split.train.size() << " training and " << split.test.size()
              << " test graphs of up to " << k << " nodes; GraphVAE hidden " << o.hidden
              << ", latent " << o.latent << ", node order " << o.order << ", node count " << o.count
              << "\n";

    const fs::path out(o.out);
    examples::CsvLogger log(out / "log.csv", {"epoch", "loss", "reconstruction", "kl"});
    const auto start = std::chrono::steady_clock::now();
    {
      examples::ProgressBar bar("training", o.epochs);
      for (int epoch = 1; epoch <= o.epochs; ++epoch) {
        double loss = 0, reconstruction = 0, kl = 0;
        train_epoch(model, adam, split.train, o.batch, gen, &loss, &reconstruction, &kl);
        log.row({double(epoch), loss, reconstruction, kl});
        std::ostringstream note;
        note << std::fixed << std::setprecision(2) << "-ELBO " << loss << " (rec " << reconstruction
             << ", kl " << kl << ")";
        bar.advance(1, note.str());
      }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "trained in " << std::fixed << std::setprecision(1) << seconds << " s\n";

    std::vector<GraphDataset> generated;
    {
      const autograd::NoGradGuard no_tape;
      generated = model.sample(o.samples, gen);
    }
    const models::ErdosRenyiBaseline erdos_renyi(split.train);
    const models::BlockModelBaseline block_model(split.train);
    const std::vector<std::pair<std::string, std::vector<GraphDataset>>> sets = {
        {"GraphVAE", generated},
        {"Erdos-Renyi", erdos_renyi.sample(o.samples, gen)},
        {"block model", block_model.sample(o.samples, gen)},
        {"training graphs", split.train}};

    examples::CsvLogger results(out / "results.csv",
                                {"model", "degree_mmd", "clustering_mmd", "orbit_mmd", "validity",
                                 "uniqueness", "novelty", "train_seconds"});
    std::cout << "MMD^2 against the " << split.test.size() << " test graphs (GraphRNN's kernels)\n"
              << std::left << std::setw(17) << "" << std::right << std::setw(9) << "degree"
              << std::setw(12) << "clustering" << std::setw(9) << "orbit" << std::setw(10)
              << "valid" << std::setw(8) << "unique" << std::setw(8) << "novel"
              << "\n";
    for (size_t m = 0; m < sets.size(); ++m) {
      const Scores s = score(sets[m].second, split.test, split.train);
      std::cout << std::left << std::setw(17) << sets[m].first << std::right << std::fixed
                << std::setprecision(4) << std::setw(9) << s.mmd.degree << std::setw(12)
                << s.mmd.clustering << std::setw(9) << s.mmd.orbit << std::setprecision(3)
                << std::setw(10) << s.quality.validity << std::setw(8) << s.quality.uniqueness
                << std::setw(8) << s.quality.novelty << "\n";
      results.row({double(m), s.mmd.degree, s.mmd.clustering, s.mmd.orbit, s.quality.validity,
                   s.quality.uniqueness, s.quality.novelty, m == 0 ? seconds : 0});
    }

    constexpr int kColumns = 10;
    const std::span<const GraphDataset> shown_train(split.train.data(),
                                                    std::min<size_t>(kColumns, split.train.size()));
    const std::span<const GraphDataset> shown_generated(
        generated.data(), std::min<size_t>(kColumns, generated.size()));
    examples::write_png(out / "graphs.png",
                        examples::graph_grid({{"training graphs", shown_train},
                                              {"generated by GraphVAE", shown_generated}},
                                             kColumns));
    std::cout << "wrote " << (out / "log.csv").string() << ", results.csv and graphs.png\n";
    return 0;
  });
}
