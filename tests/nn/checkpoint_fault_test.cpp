// Faults during a save, caused rather than hoped for: a writer killed with SIGKILL at random
// moments, and a disk that runs out of room (a file-size limit). Either way the file on disk must
// be the old checkpoint or the new one, whole, and load.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "nn/checkpoint.hpp"
#include "nn/linear.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A layer whose every value is `value`, so two saves differ in every byte of their tensors.
std::unique_ptr<nn::Linear> filled(autograd::Scalar value) {
  autograd::Generator gen(1);
  auto layer = std::make_unique<nn::Linear>(40, 40, gen);
  for (const auto& p : layer->parameters()) std::fill(p.values().begin(), p.values().end(), value);
  return layer;
}

std::string scratch_dir(const char* name) {
  const fs::path dir =
      fs::temp_directory_path() / ("zoo_fault_" + std::string(name) + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

}  // namespace

TEST_CASE("a writer killed at random moments always leaves the old or the new checkpoint") {
  const std::string dir = scratch_dir("kill"), path = dir + "/run.ckpt";
  const auto a = filled(1), b = filled(2);
  nn::save_checkpoint(path, *a, nullptr, nullptr, {.keep = 1});
  const std::string old_bytes = read_text(path);
  nn::save_checkpoint(dir + "/b.ckpt", *b, nullptr, nullptr, {.keep = 1});
  const std::string new_bytes = read_text(dir + "/b.ckpt");

  std::mt19937 rng(7);
  std::uniform_int_distribution<int> delay_us(0, 3000);
  int saw_old = 0, saw_new = 0;
  for (int trial = 0; trial < 200; ++trial) {
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {  // saves b, then a, then b, ... until killed
      for (int i = 0;; ++i)
        nn::save_checkpoint(path, i % 2 ? *a : *b, nullptr, nullptr, {.keep = 1});
    }
    usleep(static_cast<useconds_t>(delay_us(rng)));
    ::kill(child, SIGKILL);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    const std::string on_disk = read_text(path);
    CAPTURE(trial);
    REQUIRE((on_disk == old_bytes || on_disk == new_bytes));
    (on_disk == old_bytes ? saw_old : saw_new) += 1;
    const auto loaded = filled(0);
    nn::load_checkpoint(path, *loaded);
  }
  MESSAGE("after 200 kills: " << saw_old << " times the old file, " << saw_new << " the new");
  CHECK(saw_old + saw_new == 200);
  fs::remove_all(dir);
}

TEST_CASE("a disk that fills up during a save leaves the old checkpoint and says why") {
  const std::string dir = scratch_dir("full"), path = dir + "/run.ckpt";
  const auto a = filled(1);
  nn::save_checkpoint(path, *a, nullptr, nullptr, {.keep = 1});
  const std::string old_bytes = read_text(path);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::signal(SIGXFSZ, SIG_IGN);  // the write then fails with EFBIG instead of killing us
    const rlimit limit{old_bytes.size() / 2, old_bytes.size() / 2};
    if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(3);
    try {
      nn::save_checkpoint(path, *filled(2), nullptr, nullptr, {.keep = 1});
    } catch (const std::runtime_error& e) {
      const std::string message = e.what();
      _exit(message.find("write failed: File too large") != std::string::npos ? 0 : 2);
    }
    _exit(1);  // the save claimed success
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(read_text(path) == old_bytes);
  CHECK_FALSE(fs::exists(path + ".tmp"));
  const auto loaded = filled(0);
  nn::load_checkpoint(path, *loaded);
  CHECK(loaded->weight.values()[0] == 1);
  fs::remove_all(dir);
}
