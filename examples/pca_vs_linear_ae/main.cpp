// pca_vs_linear_ae: two routes to the same K-dimensional subspace of Fashion-MNIST images (or
// --data). PCA gets it in one step, from the eigenvectors of the pixel covariance (LAPACK); a
// linear autoencoder (784 -> K -> 784, no activations) is trained towards it by gradient descent.
// Every epoch prints both reconstruction errors on the training images (the autoencoder's comes
// down towards PCA's, never below it: PCA is the optimum) and the principal angles between the
// two subspaces (towards 0). Writes a CSV log, the error curves, the PCA components above the
// autoencoder's decoder directions (a different basis of the same subspace), and test images
// above their PCA and autoencoder reconstructions.
//
//   pca_vs_linear_ae                       # K = 16, 20 epochs
//   pca_vs_linear_ae --components 2 --epochs 5
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "datasets/batcher.hpp"
#include "datasets/idx.hpp"
#include "examples/common/cli.hpp"
#include "examples/common/csv_logger.hpp"
#include "examples/common/image.hpp"
#include "examples/common/plot.hpp"
#include "examples/common/progress.hpp"
#include "examples/common/step_profile.hpp"
#include "models/linear_ae.hpp"
#include "models/pca.hpp"
#include "nn/adam.hpp"
#include "nn/divergence_guard.hpp"

namespace fs = std::filesystem;
using autograd::Generator;
using autograd::Tensor;

namespace {

struct Options {
  std::string data = "/usr/share/datasets/fashion-mnist";
  int64_t components = 16;
  int epochs = 20;
  int64_t batch = 128;
  double lr = 1e-3;
  std::string out = "out/pca_vs_linear_ae";
};

Tensor all_images(const datasets::ImageDataset& images) {
  datasets::Batcher all(images, {.batch_size = images.count, .shuffle = false});
  all.next_epoch();
  return all.batch(0).inputs;
}

double degrees(double radians) {
  return radians * 180 / std::numbers::pi;
}

// Rows of `directions` as tiles, each scaled on its own so that 0 is mid-gray.
std::vector<float> as_tiles(const Tensor& directions) {
  std::vector<float> tiles(directions.values().begin(), directions.values().end());
  const int64_t width = directions.size(1);
  for (int64_t r = 0; r < directions.size(0); ++r) {
    float* row = tiles.data() + r * width;
    float largest = 1e-12f;
    for (int64_t c = 0; c < width; ++c) largest = std::max(largest, std::abs(row[c]));
    for (int64_t c = 0; c < width; ++c) row[c] = 0.5f + 0.5f * row[c] / largest;
  }
  return tiles;
}

// Test images shown above their two reconstructions, in one row.
constexpr int kShownImages = 16;

void write_pictures(models::Autoencoder& ae, const models::Pca& pca, const Tensor& test_images,
                    const datasets::ImageDataset& shape, const std::vector<double>& ae_mse,
                    double pca_mse, const fs::path& out) {
  autograd::NoGradGuard no_grad;
  const int rows = static_cast<int>(shape.rows), cols = static_cast<int>(shape.cols);
  const int k = static_cast<int>(pca.rank());
  const int columns = std::min(k, 16);
  const int shown = k / columns * columns;
  const std::vector<float> components = as_tiles(pca.components);
  const std::vector<float> directions = as_tiles(models::decoder_subspace(ae));
  examples::write_png(
      out / "directions.png",
      examples::interleaved_grid({components, directions}, shown, rows, cols, columns));

  const Tensor originals = autograd::slice_rows(test_images, 0, kShownImages);
  const Tensor by_pca = pca.reconstruct(originals), by_ae = ae.reconstruct(originals);
  examples::write_png(
      out / "reconstructions.png",
      examples::interleaved_grid({originals.values(), by_pca.values(), by_ae.values()},
                                 kShownImages, rows, cols, kShownImages));
  examples::write_png(
      out / "mse.png",
      examples::line_plot(
          {{"linear autoencoder", ae_mse}, {"PCA", std::vector<double>(ae_mse.size(), pca_mse)}},
          {.title = "reconstruction error, K = " + std::to_string(k),
           .x_label = "epoch",
           .y_label = "MSE per pixel"}));
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  examples::ArgParser args(
      "pca_vs_linear_ae",
      "PCA and a linear autoencoder with the same K on Fashion-MNIST (or --data): "
      "reconstruction errors and principal angles.");
  args.option("data", o.data, "folder of MNIST-format files with train and t10k splits");
  args.option("components", o.components, "K: PCA components, and the autoencoder's code width");
  args.option("epochs", o.epochs, "passes of the autoencoder over the training set");
  args.option("batch", o.batch, "images per minibatch");
  args.option("lr", o.lr, "Adam's learning rate");
  args.option("out", o.out, "output folder");
  args.parse(argc, argv);
  args.require(o.components > 0 && o.batch > 0 && o.epochs >= 0 && o.lr > 0,
               "--components, --batch and --lr must be positive, --epochs >= 0");
  args.require(fs::is_directory(o.data), "--data: " + o.data + " is not a folder");

  return examples::run_main("pca_vs_linear_ae", [&] {
    const uint64_t seed = args.common().seed;
    Generator gen(seed);
    const datasets::ImageDataset train = datasets::load_mnist_split(o.data, "train");
    const datasets::ImageDataset test = datasets::load_mnist_split(o.data, "t10k");
    if (train.count < 1 || test.count < kShownImages)  // before anything is written
      throw std::runtime_error(o.data + ": " + std::to_string(train.count) + " training and " +
                               std::to_string(test.count) + " test images; needs at least 1 and " +
                               std::to_string(kShownImages) + " (the pictures show them)");
    const Tensor x = all_images(train);
    const Tensor test_images = all_images(test);
    args.require(o.components <= train.pixels(),
                 "--components must be at most the pixel count, " + std::to_string(train.pixels()));

    const auto start = std::chrono::steady_clock::now();
    const models::Pca pca = models::fit_pca(x, o.components);
    const double pca_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double kept = 0;
    for (float v : pca.variances.values()) kept += v;
    std::printf("PCA, K = %lld: %.1f%% of the variance kept, MSE per pixel %.6f (%.2f s)\n",
                static_cast<long long>(o.components), 100 * kept / pca.total_variance,
                double(pca.training_mse()), pca_seconds);

    models::Autoencoder ae(models::linear_autoencoder_options(train.pixels(), o.components), gen);
    nn::Adam adam(ae.named_parameters(), {.lr = o.lr});
    datasets::Batcher batcher(train, {.batch_size = o.batch, .seed = seed + 1});
    const fs::path out(o.out);
    examples::CsvLogger csv(out / "log.csv", {"epoch", "autoencoder_mse", "pca_mse", "excess",
                                              "largest_angle_degrees", "mean_angle_degrees"});
    std::vector<double> ae_mse;
    examples::StepProfile profile(args.common().profile);
    nn::DivergenceGuard guard;
    for (int epoch = 1; epoch <= o.epochs; ++epoch) {
      examples::ProgressBar bar("epoch " + std::to_string(epoch) + "/" + std::to_string(o.epochs),
                                train.count);
      for (const datasets::Batch& batch : batcher.next_epoch()) {
        adam.zero_grad();
        const Tensor loss = ae.loss(batch.inputs, batch.inputs);
        const auto replay = [&] { autograd::backward(ae.loss(batch.inputs, batch.inputs)); };
        guard.check(loss.item(), epoch, adam.step_count() + 1, replay);
        autograd::backward(loss);
        guard.check_gradients(adam.parameters(), epoch, adam.step_count() + 1, replay);
        profile.after_backward();
        adam.step();
        autograd::clear_tape();
        bar.advance(batch.size());
      }
      bar.finish();
      const models::PcaComparison c = models::compare_with_pca(ae, pca, x);
      double mean_angle = 0;
      for (double angle : c.angles) mean_angle += angle / c.angles.size();
      ae_mse.push_back(c.autoencoder_mse);
      std::printf(
          "epoch %d: MSE per pixel: linear AE %.6f, PCA %.6f (AE above by %.2f%%); "
          "principal angles: largest %.2f, mean %.2f degrees\n",
          epoch, c.autoencoder_mse, c.pca_mse, 100 * (c.autoencoder_mse / c.pca_mse - 1),
          degrees(c.angles.back()), degrees(mean_angle));
      csv.row({double(epoch), c.autoencoder_mse, c.pca_mse, c.autoencoder_mse - c.pca_mse,
               degrees(c.angles.back()), degrees(mean_angle)});
      write_pictures(ae, pca, test_images, train, ae_mse, c.pca_mse, out);
    }
    std::cout << "wrote " << (out / "log.csv").string()
              << ", mse.png, directions.png and reconstructions.png\n";
    return 0;
  });
}
