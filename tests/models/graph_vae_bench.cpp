// GraphVAE on community-small as issue #16 measures it: the graph_vae example with its defaults
// (canonical BFS order, the node-count head, 3000 epochs) for seeds 1, 2, 3, each scored against
// its own 20% of test graphs; the table gets the mean MMDs against the Erdos-Renyi baseline of
// the same runs and the training time. A child process per seed, as a user runs it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/bench_table.hpp"
#include "tests/catalogue/child_process.hpp"

namespace fs = std::filesystem;

namespace {

constexpr int kSeeds = 3;
enum Model { kGraphVae = 0, kErdosRenyi = 1 };  // results.csv's model codes

// results.csv of one run: model code -> its row (degree, clustering, orbit MMD, ..., seconds).
std::map<int, std::vector<double>> read_results(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file.string() + " was not written");
  std::string line;
  std::getline(in, line);  // the header
  std::map<int, std::vector<double>> rows;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::vector<double> row;
    for (std::string cell; std::getline(fields, cell, ',');) row.push_back(std::stod(cell));
    if (row.size() != 8) throw std::runtime_error(file.string() + ": a row of " + line);
    rows[int(row[0])] = {row.begin() + 1, row.end()};
  }
  return rows;
}

}  // namespace

int main() {
  const char* example = std::getenv("ZOO_EXAMPLE_GRAPH_VAE");
  if (!example) {
    std::fprintf(stderr, "graph_vae_bench: ZOO_EXAMPLE_GRAPH_VAE is not set (meson sets it)\n");
    return 1;
  }
  // Mean over the seeds of GraphVAE's and Erdos-Renyi's degree, clustering and orbit MMDs.
  double model[3] = {0, 0, 0}, erdos_renyi[3] = {0, 0, 0};
  std::vector<double> train_seconds;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    const fs::path out =
        fs::temp_directory_path() / ("zoo_graph_vae_bench_" + std::to_string(seed));
    fs::remove_all(out);
    const catalogue::ProgramRun run =
        catalogue::run_program(example, {"--seed", std::to_string(seed), "--out", out.string()},
                               std::chrono::seconds(900));
    if (!run.exited || run.status != 0) {
      std::fprintf(stderr, "graph_vae --seed %d failed:\n%s\n", seed, run.err.c_str());
      return 1;
    }
    const auto rows = read_results(out / "results.csv");
    for (int stat = 0; stat < 3; ++stat) {
      model[stat] += rows.at(kGraphVae)[stat] / kSeeds;
      erdos_renyi[stat] += rows.at(kErdosRenyi)[stat] / kSeeds;
    }
    train_seconds.push_back(rows.at(kGraphVae)[6]);
    std::printf("seed %d: degree %.4f (Erdos-Renyi %.4f), clustering %.4f, orbit %.4f, %.1f s\n",
                seed, rows.at(kGraphVae)[0], rows.at(kErdosRenyi)[0], rows.at(kGraphVae)[1],
                rows.at(kGraphVae)[2], train_seconds.back());
    fs::remove_all(out);
  }
  // GraphRNN's figures as later papers quote them; the issue asks within 2x of them and below
  // Erdos-Renyi (the ratio) on each.
  const char* names[3] = {"degree", "clustering", "orbit"};
  const double graph_rnn[3] = {0.08, 0.12, 0.04};
  for (int stat = 0; stat < 3; ++stat)
    bench::report({.benchmark = "graph_vae_community_small",
                   .what = std::string(names[stat]) + " MMD, mean of 3 seeds (<= 2x GraphRNN's " +
                           bench::three_digits(graph_rnn[stat]) + ")",
                   .figure = model[stat],
                   .unit = "MMD^2",
                   .runs = kSeeds,
                   .ratio_of = "GraphVAE / Erdos-Renyi",
                   .ratio = model[stat] / erdos_renyi[stat],
                   .goal = bench::at_most(2 * graph_rnn[stat])});
  std::sort(train_seconds.begin(), train_seconds.end());
  bench::report({.benchmark = "graph_vae_community_small",
                 .what = "training, 3000 epochs, 2 threads",
                 .figure = train_seconds[kSeeds / 2],
                 .unit = "s",
                 .runs = kSeeds,
                 .goal = bench::below(300)});
  return 0;
}
