// vgae: link prediction with a graph autoencoder (Kipf & Welling 2016). Hides 15% of the edges
// (5% validation, 10% test), trains a GAE or VGAE on the rest, and scores the hidden edges against
// as many non-edges by ROC-AUC and average precision. With no --data it runs on a built-in
// planted-partition graph; --data names a folder with adjacency.mtx (and optionally features.mtx,
// labels.txt), e.g. ../shared/datasets/cora.
//
//   vgae --data ../shared/datasets/cora --runs 10
//   vgae --data ../shared/datasets/pubmed --loss fused          # featureless (no features.mtx)
//   vgae --model gae --no-features --loss sampled
//   vgae --data ../shared/datasets/cora --feature-decoder   # also rebuilds X: p(X | A, Z)
//   mpirun -np 2 vgae --loss sampled --threads 1     # data-parallel over the edges
//
// Under mpirun (sampled loss only) every rank holds a replica and the whole graph: the encoder
// runs on every rank, and each rank scores its shard of the training edges and of the negatives
// (models::LossShard; the negatives and the noise are drawn on every rank from the same
// generator), so any number of ranks trains the same model as one process, up to the order of
// the gradient sums. Rank 0 prints and writes the files.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "autograd/sparse/graph.hpp"
#include "datasets/graph.hpp"
#include "datasets/link_split.hpp"
#include "datasets/non_edges.hpp"
#include "datasets/sbm.hpp"
#include "examples/common/cli.hpp"
#include "examples/common/csv_logger.hpp"
#include "examples/common/image.hpp"
#include "examples/common/plot.hpp"
#include "examples/common/progress.hpp"
#include "examples/common/step_profile.hpp"
#include "models/graph_autoencoder.hpp"
#include "models/latent_usage.hpp"
#include "models/pca.hpp"
#include "nn/adam.hpp"
#include "nn/data_parallel.hpp"
#include "nn/divergence_guard.hpp"

namespace fs = std::filesystem;
using autograd::Generator;
using autograd::Tensor;

namespace {

struct Options {
  std::string data;  // empty: the built-in planted-partition graph
  std::string model = "vgae";
  bool no_features = false;
  bool feature_decoder = false;
  double feature_weight = 1;
  std::string loss = "fused";
  int epochs = 200;
  double lr = 0.01;
  int64_t hidden = 32;
  int64_t latent = 16;
  int runs = 1;
  int kl_warmup = 0;
  std::string out = "out/vgae";
};

// Each run hides these fractions of the edges (rounded down) for validation and test.
constexpr double kValidationFraction = 0.05, kTestFraction = 0.10;

models::LinkLoss parse_loss(const std::string& name) {
  return name == "dense"     ? models::LinkLoss::Dense
         : name == "sampled" ? models::LinkLoss::Sampled
                             : models::LinkLoss::Fused;
}

double peak_memory_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // Linux reports kilobytes
}

struct RunResult {
  models::LinkMetrics test;
  double seconds_per_epoch = 0;
};

struct Curves {
  std::vector<double> loss, val_auc, val_ap;
};

// One training run from `seed`: split, train, evaluate. Logs every epoch to `csv` (rank 0's;
// null on the others) and shows progress on `terminal`.
RunResult train_once(const Options& o, const datasets::GraphDataset& graph, uint64_t seed, int run,
                     examples::CsvLogger* csv, std::ostream& terminal, Curves& curves,
                     Tensor& embedding, examples::StepProfile& profile) {
  const datasets::LinkSplit split =
      datasets::split_edges(graph, kValidationFraction, kTestFraction, seed);
  const autograd::CsrMatrix a_hat = autograd::gcn_normalize(split.train_adjacency);
  const auto targets = models::LinkTargets::from_training_adjacency(split.train_adjacency);
  const bool featureless = o.no_features || !graph.features;
  const autograd::CsrMatrix* features = featureless ? nullptr : &*graph.features;
  Generator gen(seed);
  models::GraphAutoencoder model(
      featureless ? graph.num_nodes : graph.features->cols(),
      {.variational = o.model == "vgae",
       .hidden = o.hidden,
       .latent = o.latent,
       .feature_decoder = o.feature_decoder,
       .feature_weight = static_cast<autograd::Scalar>(o.feature_weight)},
      gen);
  const models::FeatureTargets feature_targets{a_hat, features ? *features : autograd::CsrMatrix()};
  nn::Adam adam(model.named_parameters(), {.lr = o.lr});
  const models::LinkLoss kind = parse_loss(o.loss);
  nn::Communicator& world = nn::world();
  nn::DataParallel parallel(model.named_parameters(), world);  // rank 0's parameters everywhere
  const models::LossShard shard{world.rank(), world.size()};
  const models::FeatureTargets* decoded = o.feature_decoder ? &feature_targets : nullptr;

  examples::ProgressBar bar("run " + std::to_string(run) + " epochs", o.epochs, terminal,
                            csv && examples::stdout_is_terminal());
  double train_seconds = 0;
  nn::DivergenceGuard guard;
  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    const auto start = std::chrono::steady_clock::now();
    const Tensor noise =
        o.model == "vgae" ? gen.normal_tensor({graph.num_nodes, o.latent}) : Tensor();
    std::vector<datasets::Edge> negatives;
    if (kind == models::LinkLoss::Sampled)
      negatives =
          datasets::sample_non_edges(split.train_adjacency, int64_t(targets.edge_a.size()), gen);
    const auto encoding = model.encode(a_hat, features, noise);
    const models::LossTerms terms =
        model.loss_terms(encoding, targets, kind, negatives, decoded, shard);
    const double kl_weight = models::kl_warmup_weight(epoch - 1, o.kl_warmup);
    const Tensor loss = terms.total(static_cast<autograd::Scalar>(kl_weight));
    // The ranks' shard losses sum to the loss (the shards are weighted): local 1 of global 1.
    const std::vector<double> sums =
        parallel.global_means({loss.item(), o.feature_decoder ? terms.features.item() : 0.0}, 1, 1);
    const auto replay = [&] {
      autograd::backward(model
                             .loss_terms(model.encode(a_hat, features, noise), targets, kind,
                                         negatives, decoded, shard)
                             .total(static_cast<autograd::Scalar>(kl_weight)));
    };
    guard.check(autograd::Scalar(sums[0]), epoch, epoch, replay);
    parallel.begin_step(1, 1);
    autograd::backward(loss);
    parallel.finish_step();
    guard.check_gradients(adam.parameters(), epoch, epoch, replay);
    profile.after_backward();
    adam.step();
    model.zero_grad();
    autograd::clear_tape();
    train_seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    autograd::NoGradGuard no_grad;
    const auto posterior = model.encode(a_hat, features, noise);
    const Tensor& mu = posterior.mu;  // scored by the mean, as in the paper
    const models::LinkMetrics val = models::evaluate_links(mu, split.val_pos, split.val_neg);
    std::vector<double> row = {double(run), double(epoch), sums[0], val.auc, val.ap};
    if (o.feature_decoder) row.insert(row.begin() + 3, sums[1]);
    if (o.model == "vgae") {  // posterior collapse: active units and each dimension's KL
      const models::LatentUsage usage =
          models::latent_usage(mu, posterior.log_std * autograd::Scalar(2));
      row.push_back(kl_weight);
      row.push_back(double(usage.active_units));
      row.insert(row.end(), usage.kl.begin(), usage.kl.end());
    }
    if (csv) csv->row(row);
    if (run == 1) {
      curves.loss.push_back(sums[0]);
      curves.val_auc.push_back(val.auc);
      curves.val_ap.push_back(val.ap);
    }
    char note[96];
    std::snprintf(note, sizeof note, "loss %.4f  val AUC %.4f  AP %.4f", sums[0], val.auc, val.ap);
    bar.advance(1, note);
  }
  bar.finish();
  autograd::NoGradGuard no_grad;
  const Tensor mu = model.encode(a_hat, features, Tensor::zeros({graph.num_nodes, o.latent})).mu;
  if (run == 1) embedding = mu.clone();
  return {models::evaluate_links(mu, split.test_pos, split.test_neg),
          train_seconds / std::max(1, o.epochs)};
}

void write_pictures(const Curves& curves, const Tensor& embedding,
                    const datasets::GraphDataset& graph, const fs::path& out) {
  examples::write_png(
      out / "loss.png",
      examples::line_plot({{"training loss", curves.loss}},
                          {.title = "loss", .x_label = "epoch", .y_label = "loss"}));
  examples::write_png(
      out / "validation.png",
      examples::line_plot({{"val AUC", curves.val_auc}, {"val AP", curves.val_ap}},
                          {.title = "validation", .x_label = "epoch", .y_label = "score"}));
  if (graph.labels.empty()) return;
  const models::Pca pca = models::fit_pca(embedding, 2);
  const Tensor xy = pca.encode(embedding);
  std::vector<float> points(xy.values().begin(), xy.values().end());
  std::vector<int64_t> labels(graph.labels.begin(), graph.labels.end());
  examples::write_png(
      out / "embedding_pca.png",
      examples::scatter_plot(points, labels, {.title = "embeddings (PCA), coloured by label"}));
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  examples::ArgParser args(
      "vgae",
      "Link prediction with a GAE or VGAE: trains on 85% of the edges and scores the held-out "
      "5% (validation) and 10% (test) by ROC-AUC and average precision.");
  args.option("data", o.data,
              "folder with adjacency.mtx [features.mtx labels.txt]; empty: a built-in graph");
  args.option("model", o.model, "gae or vgae");
  args.option("no-features", o.no_features, "ignore features.mtx: featureless, X = I");
  args.option("feature-decoder", o.feature_decoder,
              "also rebuild the node features, p(X | A, Z), by a two-layer GCN from z (needs "
              "features); logs its term as feature_loss");
  args.option("feature-weight", o.feature_weight,
              "weight of the feature term (1: the ELBO's, -log p(X | A, Z) / N^2 like the KL)");
  args.option("loss", o.loss,
              "dense (N x N), fused (row blocks, same value) or sampled (edges vs non-edges)");
  args.option("epochs", o.epochs, "full-batch training steps");
  args.option("lr", o.lr, "Adam's learning rate");
  args.option("hidden", o.hidden, "width of the first GCN layer");
  args.option("latent", o.latent, "width of the embeddings");
  args.option("runs", o.runs, "independent runs (seeds seed, seed+1, ...); prints mean and std");
  args.option("kl-warmup", o.kl_warmup,
              "VGAE: epochs over which the KL weight rises linearly from 0 to 1; 0: none");
  args.option("out", o.out, "output folder");
  args.parse(argc, argv);
  args.require(o.model == "gae" || o.model == "vgae", "--model must be gae or vgae");
  args.require(o.loss == "dense" || o.loss == "fused" || o.loss == "sampled",
               "--loss must be dense, fused or sampled");
  args.require(o.epochs >= 1 && o.lr > 0 && o.hidden > 0 && o.latent > 0 && o.runs >= 1,
               "--epochs, --lr, --hidden, --latent and --runs must be positive");
  args.require(o.feature_weight > 0, "--feature-weight must be positive");
  args.require(o.kl_warmup >= 0, "--kl-warmup must be >= 0");
  args.require(o.data.empty() || fs::is_directory(o.data),
               "--data: " + o.data + " is not a folder");

  args.require(!nn::launched_by_mpi() || o.loss == "sampled",
               "under mpirun only --loss sampled trains data-parallel (the dense and fused losses "
               "score all N^2 pairs on one process)");

  return examples::run_main("vgae", [&] {
    const uint64_t seed = args.common().seed;
    nn::Communicator& world = nn::world();
    const bool writer = world.rank() == 0;  // rank 0 prints and writes every file
    static std::ostream discard(nullptr);   // the progress of the other ranks
    std::ostream& terminal = writer ? std::cout : discard;
    datasets::GraphDataset graph;
    if (o.data.empty()) {
      // 20 communities of 100 nodes: about 10 neighbours inside a node's community, 1 outside.
      graph = datasets::stochastic_block_model({.nodes = 2000,
                                                .communities = 20,
                                                .p_in = 0.1,
                                                .p_out = 0.0005,
                                                .seed = seed,
                                                .feature_dim = 64});
    } else {
      graph = datasets::load_graph(o.data);
    }
    // Refused before anything is written: a validation set of no edges cannot be scored.
    if (graph.num_edges() * kValidationFraction < 1)
      throw std::runtime_error(o.data + ": " + std::to_string(graph.num_edges()) +
                               " edges are too few to hold out 5% for validation and 10% for test");
    const bool featureless = o.no_features || !graph.features;
    args.require(!(o.feature_decoder && featureless),
                 "--feature-decoder needs node features to rebuild: " +
                     (o.no_features ? std::string("--no-features drops them")
                                    : o.data + " has no features.mtx"));
    terminal << (o.data.empty() ? "planted-partition graph" : o.data) << ": " << graph.num_nodes
             << " nodes, " << graph.num_edges() << " edges, "
             << (featureless ? "featureless" : std::to_string(graph.features->cols()) + " features")
             << "; " << o.model << (o.feature_decoder ? " with a feature decoder" : "") << ", "
             << o.loss << " loss, " << o.epochs << " epochs, " << autograd::num_threads()
             << " thread(s)";
    if (world.size() > 1) terminal << " on each of " << world.size() << " ranks";
    terminal << std::endl;
    if (world.size() > 1)  // each rank says who it is, so a rank can be found (and stopped)
      std::cout << nn::rank_prefix() << "pid " << ::getpid() << std::endl;
    const fs::path out(o.out);
    std::vector<std::string> columns = {"run", "epoch", "loss", "val_auc", "val_ap"};
    if (o.feature_decoder) columns.insert(columns.begin() + 3, "feature_loss");
    if (o.model == "vgae") {
      columns.push_back("kl_weight");
      columns.push_back("active_units");
      for (int64_t j = 0; j < o.latent; ++j) columns.push_back("kl_" + std::to_string(j));
    }
    std::optional<examples::CsvLogger> csv;
    if (writer) csv.emplace(out / "log.csv", columns);
    Curves curves;
    Tensor embedding;
    std::vector<double> aucs, aps;
    double seconds_per_epoch = 0;
    examples::StepProfile profile(args.common().profile);  // prints once, in the first run
    for (int run = 1; run <= o.runs; ++run) {
      const RunResult r = train_once(o, graph, seed + run - 1, run, csv ? &*csv : nullptr, terminal,
                                     curves, embedding, profile);
      aucs.push_back(r.test.auc);
      aps.push_back(r.test.ap);
      seconds_per_epoch += r.seconds_per_epoch / o.runs;
      if (writer)
        std::printf("run %d: test AUC %.4f  AP %.4f  (%.1f ms per epoch)\n", run, r.test.auc,
                    r.test.ap, r.seconds_per_epoch * 1e3);
    }
    const auto mean_std = [](const std::vector<double>& v) {
      double mean = 0, var = 0;
      for (double x : v) mean += x / v.size();
      for (double x : v) var += (x - mean) * (x - mean) / v.size();
      return std::pair(mean, std::sqrt(var));
    };
    if (!writer) return 0;
    const auto [auc, auc_std] = mean_std(aucs);
    const auto [ap, ap_std] = mean_std(aps);
    std::printf(
        "test AUC %.2f +- %.2f, AP %.2f +- %.2f (%d run%s); %.1f ms per epoch; peak memory %.0f "
        "MB\n",
        100 * auc, 100 * auc_std, 100 * ap, 100 * ap_std, o.runs, o.runs > 1 ? "s" : "",
        seconds_per_epoch * 1e3, peak_memory_mb());
    write_pictures(curves, embedding, graph, out);
    std::printf("wrote %s, loss.png, validation.png%s\n", (out / "log.csv").c_str(),
                graph.labels.empty() ? "" : ", embedding_pca.png");
    return 0;
  });
}
