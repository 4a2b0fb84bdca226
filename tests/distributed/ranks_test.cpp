// The vae and vgae examples as jobs of two MPI ranks, seen from outside (as a user's shell sees
// mpirun): a rank killed mid-epoch ends the job in bounded time and its last checkpoint resumes
// with another number of ranks; bad input on one rank is reported with its rank; threads that
// would oversubscribe the cores are refused; the sampled VGAE logs one process's losses.
#include <doctest/doctest.h>
#include <signal.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/catalogue/child_process.hpp"

namespace fs = std::filesystem;
using catalogue::ProgramRun;
using catalogue::run_program;

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  REQUIRE_MESSAGE(value, name << " is not set (meson sets it)");
  return value;
}

std::string mnist_dir() {
  return env("ZOO_DATASETS") + "/mnist";
}

// mpiexec with the arguments CI needs as root on 2 cores, then `ranks` (each "-np N program ...").
ProgramRun mpirun(const std::vector<std::string>& ranks, std::chrono::seconds limit,
                  const catalogue::WatchOutput& watch = {}) {
  std::vector<std::string> arguments = {"--oversubscribe"};
  arguments.insert(arguments.end(), ranks.begin(), ranks.end());
  return run_program(env("ZOO_MPIEXEC"), arguments, limit, watch);
}

// The vae example's command line (program first) for a small model, quick on 9000 images.
std::vector<std::string> small_vae(const fs::path& out, int epochs) {
  return {env("ZOO_EXAMPLE_VAE"),
          "--data",
          mnist_dir(),
          "--hidden",
          "32",
          "--latent",
          "4",
          "--epochs",
          std::to_string(epochs),
          "--iw-samples",
          "0",
          "--threads",
          "1",
          "--out",
          out.string()};
}

// The same in one process, without mpiexec.
ProgramRun run_alone(const std::vector<std::string>& command) {
  return run_program(command[0], {command.begin() + 1, command.end()}, std::chrono::seconds(60));
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("zoo_ranks_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("a rank killed mid-epoch ends the job in bounded time; the last checkpoint resumes") {
  const std::string kMnist = mnist_dir();
  REQUIRE_MESSAGE(fs::exists(kMnist), kMnist << " is missing (../shared/datasets)");
  const fs::path out = scratch("killed");
  std::vector<std::string> job = {"-np", "2"};
  const std::vector<std::string> vae = small_vae(out, 200);
  job.insert(job.end(), vae.begin(), vae.end());
  bool killed = false;
  const auto start = std::chrono::steady_clock::now();
  const ProgramRun run = mpirun(job, std::chrono::seconds(120), [&](const std::string& printed) {
    std::smatch pid;
    if (killed || !fs::exists(out / "vae.ckpt") ||
        !std::regex_search(printed, pid, std::regex("rank 1 of 2: pid ([0-9]+)")))
      return;
    ::kill(std::stoi(pid[1]), SIGKILL);  // after epoch 1's checkpoint, somewhere in a later epoch
    killed = true;
  });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(killed);
  CHECK(run.exited);  // mpirun itself ended, and said why
  CHECK(run.status != 0);
  CHECK(seconds < 100);  // not the 120 s limit: the surviving rank did not hang
  CHECK((run.out + run.err).find("signal 9") != std::string::npos);

  // The checkpoint rank 0 wrote last loads, in one process (another number of ranks).
  std::vector<std::string> resume = small_vae(out, 0);
  resume.push_back("--resume");
  const ProgramRun resumed = run_alone(resume);
  INFO(resumed.out, resumed.err);
  CHECK(resumed.status == 0);
  CHECK(resumed.out.find("resumed from") != std::string::npos);
}

TEST_CASE("a checkpoint of one process resumes on two ranks, which train on") {
  const std::string kMnist = mnist_dir();
  REQUIRE_MESSAGE(fs::exists(kMnist), kMnist << " is missing (../shared/datasets)");
  const fs::path out = scratch("resume_on_two");
  const ProgramRun first = run_alone(small_vae(out, 1));
  REQUIRE(first.status == 0);
  std::vector<std::string> job = {"-np", "2"};
  std::vector<std::string> vae = small_vae(out, 2);
  vae.push_back("--resume");
  job.insert(job.end(), vae.begin(), vae.end());
  const ProgramRun second = mpirun(job, std::chrono::seconds(120));
  INFO(second.out, second.err);
  CHECK(second.status == 0);
  CHECK(second.out.find("resumed from") != std::string::npos);
  CHECK(second.out.find("epoch 2: train -ELBO") != std::string::npos);
  CHECK(second.out.find("on each of 2 ranks") != std::string::npos);
}

TEST_CASE("bad input on one rank ends the job with that rank's name on the message") {
  const std::string kMnist = mnist_dir();
  REQUIRE_MESSAGE(fs::exists(kMnist), kMnist << " is missing (../shared/datasets)");
  const fs::path broken = scratch("broken_data");
  fs::copy_file(kMnist + "/t10k-labels-idx1-ubyte.gz", broken / "t10k-labels-idx1-ubyte.gz");
  std::ofstream(broken / "t10k-images-idx3-ubyte") << std::string("\0\0\x08\x03", 4) << "short";
  std::vector<std::string> job = {"-np", "1"};
  const std::vector<std::string> good = small_vae(scratch("good_rank"), 1);
  job.insert(job.end(), good.begin(), good.end());
  job.insert(job.end(), {":", "-np", "1"});
  std::vector<std::string> bad = small_vae(scratch("bad_rank"), 1);
  bad[2] = broken.string();  // --data
  job.insert(job.end(), bad.begin(), bad.end());
  const ProgramRun run = mpirun(job, std::chrono::seconds(60));
  INFO(run.out, run.err);
  CHECK(run.exited);
  CHECK(run.status != 0);
  CHECK(run.err.find("vae: rank 1 of 2: error: ") != std::string::npos);
  CHECK(run.err.find("t10k-images-idx3-ubyte") != std::string::npos);
}

TEST_CASE("threads that would oversubscribe the cores of the machine are refused") {
  // Two ranks on this machine's cores, unbound: each may use half; --threads above that stops.
  std::vector<std::string> job = {"-np",       "2", "--bind-to", "none", env("ZOO_EXAMPLE_VAE"),
                                  "--threads", "2", "--epochs",  "0"};
  const ProgramRun run = mpirun(job, std::chrono::seconds(60));
  CHECK(run.status != 0);
  CHECK(run.err.find("of each of the 2 processes of this job on this machine") !=
        std::string::npos);
}

namespace {

// The loss column of a vgae log.csv, one value per epoch.
std::vector<double> vgae_losses(const fs::path& log) {
  std::ifstream in(log);
  REQUIRE_MESSAGE(in, log.string() << " was not written");
  std::string line;
  std::getline(in, line);
  REQUIRE(line.rfind("run,epoch,loss,", 0) == 0);
  std::vector<double> losses;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string run, epoch, loss;
    std::getline(fields, run, ',');
    std::getline(fields, epoch, ',');
    std::getline(fields, loss, ',');
    losses.push_back(std::stod(loss));
  }
  return losses;
}

}  // namespace

TEST_CASE("the sampled VGAE on two ranks logs the losses of one process, and only rank 0 writes") {
  const auto vgae = [](const fs::path& out) {
    return std::vector<std::string>{env("ZOO_EXAMPLE_VGAE"),
                                    "--loss",
                                    "sampled",
                                    "--epochs",
                                    "20",
                                    "--threads",
                                    "1",
                                    "--out",
                                    out.string()};
  };
  const fs::path alone_out = scratch("vgae_alone"), ranks_out = scratch("vgae_ranks");
  const ProgramRun alone = run_alone(vgae(alone_out));
  REQUIRE_MESSAGE(alone.status == 0, alone.err);
  std::vector<std::string> job = {"-np", "2"};
  const std::vector<std::string> command = vgae(ranks_out);
  job.insert(job.end(), command.begin(), command.end());
  const ProgramRun ranks = mpirun(job, std::chrono::seconds(120));
  INFO(ranks.out, ranks.err);
  REQUIRE(ranks.status == 0);
  CHECK(ranks.out.find("on each of 2 ranks") != std::string::npos);
  CHECK(ranks.out.find("rank 1 of 2: pid ") != std::string::npos);
  const std::vector<double> one = vgae_losses(alone_out / "log.csv"),
                            two = vgae_losses(ranks_out / "log.csv");
  REQUIRE(one.size() == 20);
  REQUIRE(two.size() == 20);
  for (size_t epoch = 0; epoch < one.size(); ++epoch) {
    CAPTURE(epoch);
    CHECK(std::abs(two[epoch] - one[epoch]) <= 1e-5 * std::abs(one[epoch]));
  }
  CHECK(two.back() < two.front());

  job = {"-np", "2", env("ZOO_EXAMPLE_VGAE"), "--loss", "fused", "--epochs", "1"};
  const ProgramRun fused = mpirun(job, std::chrono::seconds(60));
  CHECK(fused.status != 0);
  CHECK(fused.err.find("under mpirun only --loss sampled") != std::string::npos);
}
