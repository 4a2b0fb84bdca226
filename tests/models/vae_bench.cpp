// VAE epoch benchmark (issue 6): one epoch of the default VAE (784-400-20 encoder, 20-400-784
// Bernoulli decoder, batch 128, Adam) on Fashion-MNIST at 2 threads, against its floor: the same
// matrix products done by bare cblas_sgemm, with the shapes and transpose flags autograd::linear
// uses forward and backward, on buffers allocated once. The ratio model / floor is the figure
// the project is judged by (goal: at most 1.2, aim 1.15). Medians of several alternating runs.
//
// Run with: meson test -C build --benchmark vae_epoch --verbose
#include <cblas.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <vector>

#include "autograd/autograd.hpp"
#include "datasets/batcher.hpp"
#include "datasets/idx.hpp"
#include "models/vae.hpp"
#include "nn/adam.hpp"
#include "tests/bench_table.hpp"
#include "tests/bench_timing.hpp"

namespace {

constexpr int kThreads = 2;
constexpr int kRuns = 9;  // the machine drifts: more alternations steady the medians
constexpr int64_t kBatch = 128;
const char* const kFashion = "/usr/share/datasets/fashion-mnist";

double seconds_of(const std::function<void()>& run) {
  const auto start = bench::Clock::now();
  run();
  return bench::seconds_since(start);
}

// Fashion-MNIST's training images, or (without the package) as many uniform random images:
// the cost of an epoch does not depend on the pixel values.
datasets::ImageDataset training_images() {
  if (std::filesystem::exists(std::string(kFashion) + "/train-images-idx3-ubyte.gz"))
    return datasets::load_mnist_split(kFashion, "train");
  std::printf("Fashion-MNIST not installed: timing on 60000 random images instead\n");
  datasets::ImageDataset random;
  random.count = 60000, random.rows = 28, random.cols = 28;
  autograd::Generator gen(1);
  random.images.resize(60000 * 784);
  for (float& v : random.images) v = static_cast<float>(gen.uniform());
  return random;
}

// One fully connected layer as autograd::linear runs it: y = x W^T (+ b) forward; backward
// dW = G^T x and, unless x is the data, dx = G W.
struct LayerShape {
  int in, out;
  bool input_gradient;
  int rows_per_example;  // L for the decoder's layers, 1 for the encoder's
};

class GemmFloor {
 public:
  GemmFloor(std::vector<LayerShape> layers, int max_rows) : layers_(std::move(layers)) {
    for (const LayerShape& l : layers_) {
      const size_t rows = size_t(max_rows) * l.rows_per_example;
      x_.emplace_back(rows * l.in, 0.01f);
      w_.emplace_back(size_t(l.out) * l.in, 0.01f);
      y_.emplace_back(rows * l.out, 0.0f);
      gx_.emplace_back(rows * l.in, 0.0f);
      gw_.emplace_back(size_t(l.out) * l.in, 0.0f);
    }
  }

  void batch(int n) {
    for (size_t i = 0; i < layers_.size(); ++i) {
      const LayerShape& l = layers_[i];
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n * l.rows_per_example, l.out, l.in, 1,
                  x_[i].data(), l.in, w_[i].data(), l.in, 1, y_[i].data(), l.out);
    }
    for (size_t i = layers_.size(); i-- > 0;) {
      const LayerShape& l = layers_[i];
      const int rows = n * l.rows_per_example;
      if (l.input_gradient)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, l.in, l.out, 1, y_[i].data(),
                    l.out, w_[i].data(), l.in, 1, gx_[i].data(), l.in);
      cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, l.out, l.in, rows, 1, y_[i].data(),
                  l.out, x_[i].data(), l.in, 1, gw_[i].data(), l.in);
    }
  }

 private:
  std::vector<LayerShape> layers_;
  std::vector<std::vector<float>> x_, w_, y_, gx_, gw_;
};

// The layers of models::Vae in the order it runs them.
std::vector<LayerShape> vae_layers(const models::VaeOptions& c) {
  const int samples = static_cast<int>(c.samples);
  std::vector<LayerShape> layers;
  int width = static_cast<int>(c.input);
  for (int64_t h : c.hidden) {
    layers.push_back({width, int(h), !layers.empty(), 1});
    width = int(h);
  }
  layers.push_back({width, int(c.latent), !layers.empty(), 1});  // mean head
  layers.push_back({width, int(c.latent), !layers.empty(), 1});  // log-variance head
  width = static_cast<int>(c.latent);
  for (auto h = c.hidden.rbegin(); h != c.hidden.rend(); ++h) {
    layers.push_back({width, int(*h), true, samples});
    width = int(*h);
  }
  layers.push_back({width, int(c.input), true, samples});  // Bernoulli logits
  return layers;
}

}  // namespace

int main() {
  autograd::set_num_threads(kThreads);
  const datasets::ImageDataset train = training_images();
  const models::VaeOptions options;  // the defaults: 784-400-20, Bernoulli, one sample
  autograd::Generator gen(0);
  models::Vae vae(options, gen);
  nn::Adam adam(vae.named_parameters(), {.lr = 1e-3});
  datasets::Batcher batcher(train, {.batch_size = kBatch, .seed = 1});
  GemmFloor floor(vae_layers(options), kBatch);

  const auto floor_epoch = [&] {  // call it with OpenBLAS's own threads lent (OpenBlasThreads)
    for (int64_t first = 0; first < train.count; first += kBatch)
      floor.batch(static_cast<int>(std::min(kBatch, train.count - first)));
  };
  double last_loss = 0;
  const auto model_epoch = [&] {
    for (const datasets::Batch& batch : batcher.next_epoch()) {
      adam.zero_grad();
      const models::NegativeElbo elbo = vae.negative_elbo(batch.inputs, gen);
      autograd::backward(elbo.loss);
      adam.step();
      autograd::clear_tape();
      last_loss = elbo.loss.item();
    }
  };

  // The floor on OpenBLAS's own threads; the lending scope ends, and its workers go idle, after
  // the clock stops.
  const auto timed_floor_epoch = [&] {
    const bench::OpenBlasThreads blas_threads(kThreads);
    return seconds_of(floor_epoch);
  };
  timed_floor_epoch();  // warm up: thread pools, page faults, caches
  model_epoch();
  std::vector<double> floor_times, model_times;
  for (int run = 0; run < kRuns; ++run) {  // alternate, so drifts of the machine hit both alike
    floor_times.push_back(timed_floor_epoch());
    model_times.push_back(seconds_of(model_epoch));
  }
  const double floor_s = bench::median(floor_times), model_s = bench::median(model_times);
  std::printf("vae epoch (%lld images, batch %lld, %d threads), medians of %d runs:\n",
              static_cast<long long>(train.count), static_cast<long long>(kBatch), kThreads, kRuns);
  std::printf("  gemm floor (bare cblas_sgemm): %.3f s\n", floor_s);
  std::printf("  model (forward, backward, Adam): %.3f s   (%.0f images/s, last loss %.1f)\n",
              model_s, train.count / model_s, last_loss);
  std::printf("  ratio model / floor: %.3f   (goal <= 1.2, aim 1.15)\n", model_s / floor_s);
  bench::report({.benchmark = "vae_epoch",
                 .what = "Fashion-MNIST epoch, 2 threads",
                 .figure = model_s,
                 .unit = "s",
                 .runs = kRuns,
                 .ratio_of = "model / floor time",
                 .ratio = model_s / floor_s,
                 .goal = bench::ratio_at_most(1.2)});
  bench::report({.benchmark = "vae_epoch",
                 .what = "its gemm floor (bare cblas_sgemm)",
                 .figure = floor_s,
                 .unit = "s",
                 .runs = kRuns});
  return 0;
}
