// Wrong command lines for every example program, run as a user would run them. Each must end with
// the expected non-zero status (2: a bad argument, refused before any work; 1: a bad input file),
// one line on stderr that names the flag or the file, no abort or stack trace, nothing on stdout
// for a bad argument, and nothing left in --out. meson passes each program's path in
// ZOO_EXAMPLE_<NAME> (tests/catalogue/meson.build).
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/catalogue/child_process.hpp"
#include "tests/datasets/scratch_file.hpp"

namespace fs = std::filesystem;
using datasets_test::idx_header;
using datasets_test::ScratchDir;

namespace {

const std::vector<std::string> kPrograms = {"tape_tour",           "vae",       "ae",
                                            "pca_vs_linear_ae",    "vgae",      "dae_field",
                                            "node_classification", "ae_vs_vae", "feature_probes",
                                            "discrete_latents",    "newton_cg", "graph_vae"};
constexpr int kBadArgument = 2, kBadInput = 1;

struct BadCommandLine {
  std::string program;
  std::vector<std::string> arguments;
  int status;           // kBadArgument or kBadInput
  std::string message;  // must appear in the one line on stderr
};

std::string program_path(const std::string& name) {
  std::string variable = "ZOO_EXAMPLE_";
  for (char c : name) variable += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const char* path = std::getenv(variable.c_str());
  return path ? path : "";
}

// Writes an MNIST split of `count` gray images of 2x2 pixels, and `labels` labels.
void write_split(const ScratchDir& dir, const std::string& split, uint32_t count, uint32_t labels) {
  dir.write(split + "-images-idx3-ubyte",
            idx_header(0x08, {count, 2, 2}) + std::string(4 * count, '\x80'));
  dir.write(split + "-labels-idx1-ubyte", idx_header(0x08, {labels}) + std::string(labels, '\1'));
}

// Input folders for the rows that get as far as reading data. MNIST-format folders of 2x2 images:
// a tiny one every program accepts (3 training, 32 test images: the most any program shows), one
// whose test labels are one short, one with 3 test images, one with no training images; and two
// graph folders.
struct Fixtures {
  ScratchDir mnist{"catalogue_mnist"}, mismatch{"catalogue_mismatch"};
  ScratchDir few_tests{"catalogue_few_tests"}, no_training{"catalogue_no_training"};
  ScratchDir small_graph{"catalogue_small_graph"}, broken_graph{"catalogue_broken_graph"};
  Fixtures() {
    write_split(mnist, "train", 3, 3);
    write_split(mnist, "t10k", 32, 32);
    write_split(mismatch, "train", 3, 3);
    write_split(mismatch, "t10k", 32, 31);
    write_split(few_tests, "train", 3, 3);
    write_split(few_tests, "t10k", 3, 3);
    write_split(no_training, "train", 0, 0);
    write_split(no_training, "t10k", 32, 32);
    small_graph.write("adjacency.mtx",
                      "%%MatrixMarket matrix coordinate pattern symmetric\n4 4 2\n2 1\n4 3\n");
    broken_graph.write("adjacency.mtx",
                       "%%MatrixMarket matrix coordinate pattern symmetric\n4 4 1\n5 1\n");
  }
};

std::vector<BadCommandLine> catalogue_of(const Fixtures& f) {
  const std::string missing = "/nonexistent/zoo_data";
  std::vector<BadCommandLine> rows;
  // What ArgParser refuses for every program, then what each program checks itself. One command
  // line per line, as a table: program, arguments, exit status, message.
  // clang-format off
  for (const std::string& program : kPrograms) {
    rows.push_back({program, {"--bogus"}, kBadArgument, "unknown option '--bogus'"});
    rows.push_back({program, {"--seed"}, kBadArgument, "option --seed needs a value"});
    rows.push_back({program, {"--seed", "-1"}, kBadArgument, "invalid value '-1' for --seed"});
    rows.push_back({program, {"--threads", "two"}, kBadArgument, "invalid value 'two' for --threads"});
    rows.push_back({program, {"--threads", "0"}, kBadArgument, "--threads must be at least 1"});
    rows.push_back({program, {"--threads", "1000"}, kBadArgument, "available core"});
    rows.push_back({program, {"stray"}, kBadArgument, "unexpected argument 'stray'"});
  }
  const std::vector<BadCommandLine> specific = {
    {"tape_tour", {"--eps", "0"}, kBadArgument, "--eps and --tolerance must be positive"},
    {"tape_tour", {"--eps", "small"}, kBadArgument, "invalid value 'small' for --eps"},
    {"tape_tour", {"--eps", "inf"}, kBadArgument, "invalid value 'inf' for --eps"},
    {"tape_tour", {"--tolerance", "-1"}, kBadArgument, "--eps and --tolerance must be positive"},
    {"vae", {"--decoder", "foo"}, kBadArgument, "--decoder must be bernoulli or gaussian"},
    {"vae", {"--variance", "-1"},
       kBadArgument,
       "--variance must be 'learned'"},
    {"vae", {"--variance", "0.5x"},
       kBadArgument,
       "--variance must be 'learned'"},
    {"vae", {"--latent", "0"}, kBadArgument, "--latent"},
    {"vae", {"--samples", "-1"}, kBadArgument, "--samples"},
    {"vae", {"--batch", "0"}, kBadArgument, "--batch"},
    {"vae", {"--lr", "0"}, kBadArgument, "--lr"},
    {"vae", {"--lr", "nan"}, kBadArgument, "invalid value 'nan' for --lr"},
    {"vae", {"--epochs", "-1"}, kBadArgument, "--epochs >= 0"},
    {"vae", {"--epochs", "1.5"}, kBadArgument, "invalid value '1.5' for --epochs"},
    {"vae", {"--iw-samples", "-1"}, kBadArgument, "--iw-samples must be >= 0"},
    {"vae", {"--hidden", "abc"}, kBadArgument, "invalid value 'abc' for --hidden"},
    {"vae", {"--hidden", "400,0"}, kBadArgument, "--hidden widths must be positive"},
    {"vae", {"--binarize=maybe"}, kBadArgument, "invalid value 'maybe' for --binarize"},
    {"vae", {"--data", missing}, kBadArgument, "--data: " + missing + " is not a folder"},
    {"vae", {"--resume", "--data", f.mnist.path()}, kBadArgument, "--resume: no checkpoint"},
    {"vae", {"--data", f.mismatch.path()}, kBadInput, "31 labels for the 32 images"},
    {"vae", {"--data", f.few_tests.path()}, kBadInput, "3 training and 3 test images; needs at least 1 and 32"},
    {"vae", {"--data", f.no_training.path()}, kBadInput, "0 training and 32 test images; needs at least 1 and 32"},
    {"ae", {"--loss", "foo"}, kBadArgument, "--loss must be bce or mse"},
    {"ae", {"--noise", "foo"}, kBadArgument, "--noise must be none, gaussian or masking"},
    {"ae", {"--noise-level", "-0.1"}, kBadArgument, "--noise-level >= 0"},
    {"ae", {"--code", "0"}, kBadArgument, "--code"},
    {"ae", {"--hidden", "-3"}, kBadArgument, "--hidden widths must be positive"},
    {"ae", {"--hidden", "256,,64"}, kBadArgument, "invalid value '256,,64' for --hidden"},
    {"ae", {"--batch", "0"}, kBadArgument, "--batch"},
    {"ae", {"--lr", "-1"}, kBadArgument, "--lr"},
    {"ae", {"--epochs", "-1"}, kBadArgument, "--epochs"},
    {"ae", {"--data", missing}, kBadArgument, "--data: " + missing + " is not a folder"},
    {"ae", {"--data", f.mismatch.path()}, kBadInput, "31 labels for the 32 images"},
    {"ae", {"--data", f.few_tests.path()}, kBadInput, "3 training and 3 test images; needs at least 1 and 32"},
    {"ae", {"--data", f.no_training.path()}, kBadInput, "0 training and 32 test images; needs at least 1 and 32"},
    {"pca_vs_linear_ae", {"--components", "0"}, kBadArgument, "--components"},
    {"pca_vs_linear_ae", {"--components", "5", "--data", f.mnist.path()},
       kBadArgument,
       "--components must be at most the pixel count, 4"},
    {"pca_vs_linear_ae", {"--batch", "0"}, kBadArgument, "--batch"},
    {"pca_vs_linear_ae", {"--lr", "inf"}, kBadArgument, "invalid value 'inf' for --lr"},
    {"pca_vs_linear_ae", {"--epochs", "-1"}, kBadArgument, "--epochs >= 0"},
    {"pca_vs_linear_ae", {"--data", missing},
       kBadArgument,
       "--data: " + missing + " is not a folder"},
    {"pca_vs_linear_ae", {"--data", f.mismatch.path()}, kBadInput, "31 labels for the 32 images"},
    {"pca_vs_linear_ae", {"--data", f.few_tests.path()}, kBadInput, "3 training and 3 test images; needs at least 1 and 16"},
    {"pca_vs_linear_ae", {"--data", f.no_training.path()}, kBadInput, "0 training and 32 test images; needs at least 1 and 16"},
    {"vgae", {"--model", "foo"}, kBadArgument, "--model must be gae or vgae"},
    {"vgae", {"--loss", "foo"}, kBadArgument, "--loss must be dense, fused or sampled"},
    {"vgae", {"--epochs", "0"}, kBadArgument, "--epochs"},
    {"vgae", {"--lr", "0"}, kBadArgument, "--lr"},
    {"vgae", {"--hidden", "0"}, kBadArgument, "--hidden"},
    {"vgae", {"--latent", "-1"}, kBadArgument, "--latent"},
    {"vgae", {"--runs", "0"}, kBadArgument, "--runs"},
    {"vgae", {"--no-features=maybe"}, kBadArgument, "invalid value 'maybe' for --no-features"},
    {"vgae", {"--feature-weight", "0"}, kBadArgument, "--feature-weight must be positive"},
    {"vgae", {"--feature-decoder", "--no-features"}, kBadArgument, "--feature-decoder needs node features to rebuild"},
    {"vgae", {"--data", missing}, kBadArgument, "--data: " + missing + " is not a folder"},
    {"vgae", {"--data", f.broken_graph.path()},
       kBadInput,
       "adjacency.mtx, line 3: row index 5 is outside 1..4"},
    {"vgae", {"--data", f.small_graph.path()}, kBadInput, "2 edges are too few to hold out"},
    {"dae_field", {"--grid", "1"}, kBadArgument, "--grid at least 2"},
    {"newton_cg", {"--condition", "0.5"}, kBadArgument, "--condition must be >= 1"},
    {"newton_cg", {"--tolerance", "1"}, kBadArgument, "--tolerance must be in (0, 1)"},
    {"dae_field", {"--epochs", "-1"}, kBadArgument, "--epochs >= 0"},
    {"dae_field", {"--noise-level", "0"}, kBadArgument, "--noise-level must be positive"},
    {"vae", {"--kl-warmup", "-1"}, kBadArgument, "--kl-warmup must be >= 0"},
    {"vgae", {"--kl-warmup", "-1"}, kBadArgument, "--kl-warmup must be >= 0"},
    {"ae_vs_vae", {"--measured", "10"}, kBadArgument, "--measured at least 64"},
    {"ae_vs_vae", {"--data", missing}, kBadArgument, "--data: " + missing + " is not a folder"},
    {"ae_vs_vae", {"--data", f.mnist.path()}, kBadInput, "3 training and 32 test images; needs more than 20 and 1000"},
    {"feature_probes", {"--code", "0"}, kBadArgument, "--hidden and --code must be positive"},
    {"feature_probes", {"--data", missing}, kBadArgument, "--data: " + missing + " is not a folder"},
    {"feature_probes", {"--data", f.mnist.path()}, kBadInput, "3 labelled training images; needs 60000"},
    {"discrete_latents", {"--draws", "1"}, kBadArgument, "--draws >= 2"},
    {"discrete_latents", {"--data", missing}, kBadArgument, "--data: " + missing + " is not a folder"},
    {"discrete_latents", {"--data", f.few_tests.path()}, kBadInput, "3 training and 3 test images; needs 1 and 128"},
    {"graph_vae", {"--family", "foo"}, kBadArgument, "--family must be community-small, ego-small, grid, trees or cycles (got 'foo')"},
    {"graph_vae", {"--order", "bfs"}, kBadArgument, "--order must be canonical, sampled, matching or as-given (got 'bfs')"},
    {"graph_vae", {"--count", "poisson"}, kBadArgument, "--count must be categorical or slots (got 'poisson')"},
    {"graph_vae", {"--batch", "0"}, kBadArgument, "--epochs must be >= 0; --batch"},
    {"graph_vae", {"--family", "ego-small", "--data", missing}, kBadArgument, "--data: " + missing + " is not a folder"},
    {"graph_vae", {"--family", "ego-small", "--data", f.broken_graph.path()}, kBadInput, "adjacency.mtx, line 3: row index 5 is outside 1..4"},
    {"node_classification", {"--runs", "0"}, kBadArgument, "--runs must be at least 1"},
    {"node_classification", {"--data", missing}, kBadArgument, "--data: " + missing + " is not a folder"},
    {"node_classification", {"--data", f.small_graph.path()}, kBadInput, "needs features.mtx and labels.txt"},
  };
  // clang-format on
  rows.insert(rows.end(), specific.begin(), specific.end());
  return rows;
}

bool empty_or_absent(const fs::path& folder) {
  return !fs::exists(folder) || fs::is_empty(folder);
}

// Runs `program` and checks it refused cleanly: the status, one line on stderr that starts with
// the program's name and holds `message`, no abort, and nothing on stdout for a bad argument.
void check_refused(const std::string& program, const std::vector<std::string>& arguments,
                   int status, const std::string& message) {
  std::string command = program;
  for (const std::string& argument : arguments) command += " " + argument;
  INFO(command);
  const catalogue::ProgramRun run =
      catalogue::run_program(program_path(program), arguments, std::chrono::seconds(60));
  INFO("stderr: ", run.err);
  CHECK_MESSAGE(run.exited, "ended by signal ", run.signal);
  CHECK(run.status == status);
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  CHECK(run.err.starts_with(program + ": "));
  CHECK(run.err.find(message) != std::string::npos);
  CHECK(run.err.find("terminate called") == std::string::npos);
  if (status == kBadArgument) CHECK(run.out.empty());
}

}  // namespace

TEST_CASE("every example program refuses a wrong command line cleanly") {
  for (const std::string& program : kPrograms) {
    INFO("ZOO_EXAMPLE_ for ", program);
    REQUIRE_FALSE(program_path(program).empty());
  }
  const Fixtures fixtures;
  ScratchDir outputs("catalogue_outputs");
  int run_number = 0;
  for (const BadCommandLine& row : catalogue_of(fixtures)) {
    // A fresh --out per run, given first so that a flag missing its value stays last.
    const fs::path out = outputs.file("run" + std::to_string(run_number++));
    std::vector<std::string> arguments = {"--out", out.string()};
    arguments.insert(arguments.end(), row.arguments.begin(), row.arguments.end());
    check_refused(row.program, arguments, row.status, row.message);
    INFO("--out ", out.string());
    CHECK(empty_or_absent(out));
  }
}

TEST_CASE("vae --resume refuses a damaged log, naming the line, and leaves the run's files alone") {
  REQUIRE_FALSE(program_path("vae").empty());
  const Fixtures fixtures;
  ScratchDir outputs("catalogue_resume");
  const std::vector<std::string> run = {
      "--out", outputs.path(), "--data", fixtures.mnist.path(), "--hidden", "4",         "--latent",
      "3",     "--epochs",     "1",      "--iw-samples",        "0",        "--threads", "1"};
  REQUIRE(catalogue::run_program(program_path("vae"), run, std::chrono::seconds(60)).status == 0);
  const std::string log = outputs.file("log.csv"), checkpoint = outputs.file("vae.ckpt");
  const std::string written = datasets_test::read_file(log);
  const std::string header = written.substr(0, written.find('\n') + 1);
  outputs.write("log.csv", header + "1,2,3,abc,5,6,7,8,9\n");
  const std::string damaged = datasets_test::read_file(log);
  const std::string saved = datasets_test::read_file(checkpoint);

  std::vector<std::string> resume = run;
  resume.insert(resume.end(), {"--epochs", "2", "--resume"});
  check_refused("vae", resume, kBadInput, log + ", line 2: 'abc' is not a number");
  CHECK(datasets_test::read_file(log) == damaged);
  CHECK(datasets_test::read_file(checkpoint) == saved);
}

TEST_CASE(
    "vae --resume at a learning rate that diverges stops at the first NaN, naming the op, "
    "and the good checkpoint survives and resumes") {
  REQUIRE_FALSE(program_path("vae").empty());
  const Fixtures fixtures;
  ScratchDir outputs("catalogue_diverge");
  const std::vector<std::string> run = {
      "--out",        outputs.path(),
      "--data",       fixtures.mnist.path(),
      "--hidden",     "4",
      "--latent",     "3",
      "--epochs",     "1",
      "--iw-samples", "0",
      "--threads",    "1",
      "--batch",      "1"};  // three steps an epoch: the second step after resuming diverges
  REQUIRE(catalogue::run_program(program_path("vae"), run, std::chrono::seconds(60)).status == 0);
  const std::string checkpoint = outputs.file("vae.ckpt");
  const std::string saved = datasets_test::read_file(checkpoint);

  std::vector<std::string> diverging = run;
  diverging.insert(diverging.end(), {"--epochs", "3", "--lr", "1e30", "--resume"});
  check_refused("vae", diverging, kBadInput, "training diverged: the loss is");
  const catalogue::ProgramRun again =
      catalogue::run_program(program_path("vae"), diverging, std::chrono::seconds(60));
  CHECK(again.err.find("at epoch 2, step") != std::string::npos);
  CHECK(again.err.find("the last finite loss was") != std::string::npos);
  CHECK(again.err.find("replayed under anomaly detection: anomaly: op '") != std::string::npos);
  CHECK(datasets_test::read_file(checkpoint) == saved);

  std::vector<std::string> resumed = run;
  resumed.insert(resumed.end(), {"--epochs", "2", "--resume"});
  const catalogue::ProgramRun good =
      catalogue::run_program(program_path("vae"), resumed, std::chrono::seconds(60));
  CHECK(good.status == 0);
  CHECK(good.out.find("resumed from " + checkpoint + " after epoch 1") != std::string::npos);
  CHECK(datasets_test::read_file(outputs.file("vae.ckpt.1")) == saved);  // kept beside the new one
}
