// Checkpoints: exact round trips, resuming training bit for bit, and every kind of bad file
// refused with a message that says what is wrong; a failure in the middle of a save leaves the
// previous checkpoint loadable and unchanged.
#include "nn/checkpoint.hpp"

#include <doctest/doctest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "autograd/autograd.hpp"
#include "nn/adam.hpp"
#include "nn/losses.hpp"
#include "nn/mlp.hpp"

using namespace autograd;
namespace fs = std::filesystem;

namespace {

// A directory of its own per test case, removed with everything in it at the end.
class ScratchDir {
 public:
  ScratchDir()
      : dir_(fs::temp_directory_path() /
             ("zoo_nn_ckpt_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++))) {
    fs::create_directories(dir_);
  }
  ~ScratchDir() { fs::remove_all(dir_); }
  std::string file(const std::string& name) const { return (dir_ / name).string(); }

 private:
  static inline int counter_ = 0;
  fs::path dir_;
};

std::vector<unsigned char> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
void write_bytes(const std::string& path, const std::vector<unsigned char>& bytes) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

// A checkpoint built byte by byte from the table in nn/README.md: one tensor "w" of shape [2]
// holding `values` stored with `width` bytes each, and one integer list "n" = {7}.
template <class Stored>
std::vector<unsigned char> documented_file(const std::vector<Stored>& values) {
  std::vector<unsigned char> out;
  const auto put = [&](const auto& value) {
    const auto* p = reinterpret_cast<const unsigned char*>(&value);
    out.insert(out.end(), p, p + sizeof(value));
  };
  const auto put_name = [&](const std::string& name) {
    put(uint32_t(name.size()));
    out.insert(out.end(), name.begin(), name.end());
  };
  out.insert(out.end(), {'Z', 'O', 'O', 'C', 'K', 'P', 'T', '\0'});
  put(uint32_t(1));
  put(uint32_t(sizeof(Stored)));
  const size_t size_at = out.size();
  put(uint64_t(0));
  put(uint32_t(1));
  put_name("w");
  put(uint32_t(1));
  put(int64_t(values.size()));
  for (Stored v : values) put(v);
  put(uint32_t(1));
  put_name("n");
  put(uint32_t(1));
  put(uint64_t(7));
  const uint64_t total = out.size() + 4;
  std::memcpy(out.data() + size_at, &total, sizeof(total));
  put(uint32_t(crc32(0, out.data(), static_cast<uInt>(out.size()))));
  return out;
}

bool same_bits(const Tensor& a, const Tensor& b) {
  return a.shape() == b.shape() && std::memcmp(a.data(), b.data(), a.numel() * sizeof(Scalar)) == 0;
}

// A small training setup whose state after a few steps is far from its initial state.
struct Run {
  explicit Run(uint64_t seed)
      : gen(seed), model(nn::mlp({3, 5, 2}, gen)), adam(model->named_parameters()) {}
  float step() {
    adam.zero_grad();
    Tensor x = gen.normal_tensor({4, 3}), t = gen.bernoulli_tensor({4, 2}, 0.5);
    Tensor loss = nn::bce_with_logits(model->forward(x), t);
    backward(loss);
    adam.step();
    clear_tape();
    return loss.item();
  }
  Generator gen;
  std::shared_ptr<nn::Sequential> model;
  nn::Adam adam;
};

}  // namespace

TEST_CASE("a checkpoint round trip restores parameters, optimizer and generator exactly") {
  ScratchDir dir;
  const std::string path = dir.file("run.ckpt");
  Run original(1);
  for (int i = 0; i < 3; ++i) original.step();
  nn::save_checkpoint(path, *original.model, &original.adam, &original.gen);

  Run restored(2);  // different initial weights and stream
  nn::load_checkpoint(path, *restored.model, &restored.adam, &restored.gen);
  const auto a = original.model->named_parameters(), b = restored.model->named_parameters();
  for (size_t i = 0; i < a.size(); ++i) CHECK(same_bits(a[i].second, b[i].second));
  const auto sa = original.adam.state(), sb = restored.adam.state();
  REQUIRE(sa.size() == sb.size());
  for (size_t i = 0; i < sa.size(); ++i) CHECK(same_bits(sa[i].second, sb[i].second));
  CHECK(restored.adam.step_count() == 3);

  // Resuming continues the same run, bit for bit.
  for (int i = 0; i < 3; ++i) {
    const float expected = original.step(), resumed = restored.step();
    CHECK(std::memcmp(&expected, &resumed, sizeof(float)) == 0);
  }
  CHECK_FALSE(fs::exists(path + ".tmp"));
}

TEST_CASE("the file format is the one nn/README.md documents, in either scalar width") {
  ScratchDir dir;
  const std::string path = dir.file("doc.ckpt");
  nn::write_checkpoint(path, {{{"w", Tensor({2}, {1.5f, -2.25f})}}, {{"n", {7}}}});
  CHECK(read_bytes(path) == documented_file<float>({1.5f, -2.25f}));

  write_bytes(
      path, documented_file<double>({0.5, -3.0}));  // a float64 file, as the gradcheck build writes
  const nn::CheckpointContents contents = nn::read_checkpoint(path);
  REQUIRE(contents.tensors.size() == 1);
  CHECK(contents.tensors[0].first == "w");
  CHECK(contents.tensors[0].second.at({0}) == 0.5f);
  CHECK(contents.tensors[0].second.at({1}) == -3.0f);
  REQUIRE(contents.integers.size() == 1);
  CHECK(contents.integers[0].second == std::vector<uint64_t>{7});
}

TEST_CASE("weights alone can be loaded from a training checkpoint") {
  ScratchDir dir;
  Run original(3);
  original.step();
  nn::save_checkpoint(dir.file("w.ckpt"), *original.model, &original.adam);
  Generator gen(4);
  auto model = nn::mlp({3, 5, 2}, gen);
  nn::load_checkpoint(dir.file("w.ckpt"), *model);
  CHECK(same_bits(model->parameters()[0], original.model->parameters()[0]));
}

TEST_CASE("a truncated file, a flipped byte, a foreign file and a newer version are refused") {
  ScratchDir dir;
  const std::string path = dir.file("model.ckpt");
  Generator gen(5);
  auto model = nn::mlp({3, 5, 2}, gen);
  nn::save_checkpoint(path, *model);
  const std::vector<unsigned char> good = read_bytes(path);

  std::vector<unsigned char> bytes(good.begin(), good.begin() + good.size() / 2);
  write_bytes(path, bytes);
  CHECK_THROWS_WITH_AS(nn::load_checkpoint(path, *model),
                       doctest::Contains("model.ckpt': truncated"), std::runtime_error);
  write_bytes(path, {good.begin(), good.begin() + 10});
  CHECK_THROWS_WITH_AS(nn::load_checkpoint(path, *model), doctest::Contains("truncated"),
                       std::runtime_error);

  bytes = good;
  bytes[bytes.size() / 2] ^= 0x10;  // somewhere in the weights
  write_bytes(path, bytes);
  CHECK_THROWS_WITH_AS(nn::load_checkpoint(path, *model),
                       doctest::Contains("corrupt: checksum mismatch"), std::runtime_error);

  bytes = good;
  bytes[8] = 2;  // the version field
  write_bytes(path, bytes);
  CHECK_THROWS_WITH_AS(nn::load_checkpoint(path, *model), doctest::Contains("format version 2"),
                       std::runtime_error);

  write_bytes(path, std::vector<unsigned char>(100, 'x'));
  CHECK_THROWS_WITH_AS(nn::load_checkpoint(path, *model),
                       doctest::Contains("not a checkpoint file"), std::runtime_error);
  CHECK_THROWS_WITH_AS(nn::load_checkpoint(dir.file("absent.ckpt"), *model),
                       doctest::Contains("cannot open"), std::runtime_error);
}

TEST_CASE(
    "a wrong shape, a missing or an unexpected parameter is refused, leaving the model untouched") {
  ScratchDir dir;
  Generator gen(6);
  auto saved = nn::mlp({3, 4, 2}, gen);
  nn::save_checkpoint(dir.file("a.ckpt"), *saved);

  auto wider = nn::mlp({3, 5, 2}, gen);
  const Tensor before = wider->parameters()[0].clone();
  CHECK_THROWS_WITH_AS(
      nn::load_checkpoint(dir.file("a.ckpt"), *wider),
      doctest::Contains("'model.0.weight' has shape [4, 3] in the file but [5, 3] here"),
      std::runtime_error);
  CHECK(same_bits(wider->parameters()[0], before));

  nn::Linear with_bias(3, 2, gen), without_bias(3, 2, gen, {.bias = false});
  nn::save_checkpoint(dir.file("b.ckpt"), without_bias);
  CHECK_THROWS_WITH_AS(nn::load_checkpoint(dir.file("b.ckpt"), with_bias),
                       doctest::Contains("'model.bias' is missing from the file"),
                       std::runtime_error);
  nn::save_checkpoint(dir.file("c.ckpt"), with_bias);
  CHECK_THROWS_WITH_AS(nn::load_checkpoint(dir.file("c.ckpt"), without_bias),
                       doctest::Contains("holds 'model.bias', which the model does not have"),
                       std::runtime_error);

  nn::Adam adam(saved->named_parameters());  // the file has no optimizer state
  CHECK_THROWS_WITH_AS(nn::load_checkpoint(dir.file("a.ckpt"), *saved, &adam),
                       doctest::Contains("'optimizer.exp_avg.0.weight' is missing"),
                       std::runtime_error);
}

TEST_CASE("a save that fails part way leaves the previous checkpoint intact") {
  ScratchDir dir;
  const std::string path = dir.file("run.ckpt");
  Run run(7);
  run.step();
  nn::save_checkpoint(path, *run.model, &run.adam);
  const std::vector<unsigned char> first = read_bytes(path);
  const Tensor first_weight = run.model->parameters()[0].clone();

  run.step();  // the model moves on; the next save dies in the middle of the weights
  CHECK_THROWS_WITH_AS(
      nn::save_checkpoint(path, *run.model, &run.adam, nullptr, {.fail_after_bytes = 100}),
      doctest::Contains("simulated failure after writing 100 bytes"), std::runtime_error);
  CHECK(fs::exists(path + ".tmp"));  // the crash left its partial file
  CHECK(read_bytes(path) == first);
  Run reloaded(8);
  nn::load_checkpoint(path, *reloaded.model, &reloaded.adam);
  CHECK(same_bits(reloaded.model->parameters()[0], first_weight));
  CHECK(reloaded.adam.step_count() == 1);

  nn::save_checkpoint(path, *run.model, &run.adam);  // the next save succeeds over the leftover
  nn::load_checkpoint(path, *reloaded.model, &reloaded.adam);
  CHECK(same_bits(reloaded.model->parameters()[0], run.model->parameters()[0]));
  CHECK_FALSE(fs::exists(path + ".tmp"));
}

TEST_CASE("writing into a directory that does not exist fails with the path") {
  Generator gen(9);
  nn::Linear layer(2, 2, gen);
  CHECK_THROWS_WITH_AS(nn::save_checkpoint("/nonexistent_zoo_dir/x.ckpt", layer),
                       doctest::Contains("cannot create"), std::runtime_error);
}

TEST_CASE("a parameter or an optimizer moment that is not finite is never written") {
  ScratchDir dir;
  const std::string path = dir.file("run.ckpt");
  Run run(11);
  run.step();
  nn::save_checkpoint(path, *run.model, &run.adam);
  const std::vector<unsigned char> good = read_bytes(path);
  const Tensor weight = run.model->parameters()[0];
  weight.values()[5] = std::numeric_limits<Scalar>::quiet_NaN();
  CHECK_THROWS_WITH_AS(nn::save_checkpoint(path, *run.model, &run.adam),
                       doctest::Contains("'model.0.weight' holds a NaN at element 5; not written"),
                       std::runtime_error);
  weight.values()[5] = 0;
  const Tensor moment = run.adam.state()[0].second;
  moment.values()[2] = std::numeric_limits<Scalar>::infinity();
  CHECK_THROWS_WITH_AS(nn::save_checkpoint(path, *run.model, &run.adam),
                       doctest::Contains("holds an infinity at element 2"), std::runtime_error);
  CHECK(read_bytes(path) == good);
  CHECK_FALSE(fs::exists(path + ".1"));  // nothing was rotated either
}

TEST_CASE("saves keep the previous checkpoints, and resuming takes the newest good one") {
  ScratchDir dir;
  const std::string path = dir.file("run.ckpt");
  Run run(12);
  std::vector<std::vector<unsigned char>> saved;
  for (int i = 0; i < 4; ++i) {
    run.step();
    nn::save_checkpoint(path, *run.model, &run.adam, nullptr, {.keep = 3});
    saved.push_back(read_bytes(path));
  }
  CHECK(read_bytes(path) == saved[3]);
  CHECK(read_bytes(path + ".1") == saved[2]);
  CHECK(read_bytes(path + ".2") == saved[1]);
  CHECK_FALSE(fs::exists(path + ".3"));  // keep 3: the file and two before it

  std::ostringstream skipped;
  CHECK(nn::newest_good_checkpoint(path, 3, skipped) == path);
  CHECK(skipped.str().empty());
  std::vector<unsigned char> torn = saved[3];  // as a disk that lost the end of the file
  torn.resize(torn.size() / 2);
  write_bytes(path, torn);
  CHECK(nn::newest_good_checkpoint(path, 3, skipped) == path + ".1");
  CHECK(skipped.str().find("skipped checkpoint '" + path + "'") != std::string::npos);
  fs::remove(path + ".1");
  CHECK(nn::newest_good_checkpoint(path, 3, skipped) == path + ".2");
  fs::remove(path + ".2");
  CHECK_THROWS_WITH_AS(nn::newest_good_checkpoint(path, 3, skipped),
                       doctest::Contains("no kept copy reads back whole and finite"),
                       std::runtime_error);
  CHECK_THROWS_WITH_AS(nn::save_checkpoint(path, *run.model, nullptr, nullptr, {.keep = 0}),
                       doctest::Contains("keep must be at least 1"), std::runtime_error);
}
