// ae_vs_vae: why a plain autoencoder is not a generator. A deep autoencoder and a VAE of the same
// size (784-400-20, mirrored decoders, Bernoulli pixels) are trained on Fashion-MNIST; then codes
// are decoded from
//   - N(0, I) through the autoencoder's decoder (a prior it was never trained towards),
//   - a full-covariance Gaussian fitted to the autoencoder's training codes,
//   - the VAE's prior N(0, I), which its KL term pulled the posterior towards.
// samples.png shows 64 of each side by side (left to right, in that order). The measures, for
// --measured samples of each kind and, as the baseline, for held-out real test images: the Frechet
// distance between their statistics and the test images' in the space of the training images' top
// 40 principal components (FID's formula on PCA features: lower is closer to the data), and the
// mean Euclidean distance to the nearest test image (which a blurred average scores well on); and
// the VAE's importance-weighted log-likelihood of test images (k = --iw-samples). Writes log.csv (the training losses per
// epoch), results.csv and samples.png into --out.
//
//   ae_vs_vae
//   ae_vs_vae --epochs 20 --latent 2
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <numeric>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "datasets/idx.hpp"
#include "datasets/image_tensor.hpp"
#include "examples/common/cli.hpp"
#include "examples/common/csv_logger.hpp"
#include "examples/common/image.hpp"
#include "examples/common/progress.hpp"
#include "models/autoencoder.hpp"
#include "models/autoencoder_training.hpp"
#include "models/pca.hpp"
#include "models/sample_quality.hpp"
#include "models/vae.hpp"
#include "models/vae_training.hpp"

namespace fs = std::filesystem;
using autograd::Generator;
using autograd::Scalar;
using autograd::Tensor;

namespace {

struct Options {
  std::string data = "/usr/share/datasets/fashion-mnist";
  int64_t hidden = 400;
  int64_t latent = 20;
  int epochs = 10;
  int64_t measured = 1000;
  int64_t held_out = 1000;
  int64_t iw_samples = 100;
  std::string out = "out/ae_vs_vae";
};

constexpr int kShown = 64, kColumns = 8, kPcaComponents = 40;

double mean(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}

// Three sets of 64 tiles as 8 x 8 blocks in one row of blocks, a blank tile column between them.
examples::Image side_by_side(const std::vector<Tensor>& sets, int side) {
  const int pixels = side * side, columns = 3 * kColumns + 2;
  std::vector<float> values;
  for (int row = 0; row < kShown / kColumns; ++row)
    for (size_t s = 0; s < sets.size(); ++s) {
      const float* set = sets[s].data();
      values.insert(values.end(), set + row * kColumns * pixels,
                    set + (row + 1) * kColumns * pixels);
      if (s + 1 < sets.size()) values.insert(values.end(), pixels, 0.0f);
    }
  return examples::image_grid(values, static_cast<int>(values.size() / pixels), side, side,
                              columns);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  examples::ArgParser args("ae_vs_vae",
                           "Decodes random codes through a deep autoencoder and a VAE of the same "
                           "size and measures how close the samples come to real images.");
  args.option("data", o.data, "folder of MNIST-format files with train and t10k splits");
  args.option("hidden", o.hidden, "hidden width of both models");
  args.option("latent", o.latent, "code / latent width of both models");
  args.option("epochs", o.epochs, "passes over the training set, for each model");
  args.option("measured", o.measured, "samples of each kind measured against the test images");
  args.option("held-out", o.held_out, "test images kept out of the references, as the real baseline");
  args.option("iw-samples", o.iw_samples, "importance samples per test image for the VAE's log p(x)");
  args.option("out", o.out, "output folder");
  args.parse(argc, argv);
  args.require(o.hidden > 0 && o.latent > 0 && o.epochs >= 0 && o.measured >= kShown &&
                   o.held_out > 0 && o.iw_samples > 0,
               "--hidden, --latent, --held-out and --iw-samples must be positive, --epochs >= 0, "
               "--measured at least 64");
  args.require(fs::is_directory(o.data), "--data: " + o.data + " is not a folder");

  return examples::run_main("ae_vs_vae", [&] {
    const uint64_t seed = args.common().seed;
    const datasets::ImageDataset train = datasets::load_mnist_split(o.data, "train");
    const datasets::ImageDataset test = datasets::load_mnist_split(o.data, "t10k");
    if (test.count <= o.held_out || train.count <= o.latent)
      throw std::runtime_error(o.data + ": " + std::to_string(train.count) + " training and " +
                               std::to_string(test.count) + " test images; needs more than " +
                               std::to_string(o.latent) + " and " + std::to_string(o.held_out));
    const Tensor x = datasets::image_tensor(train);
    const Tensor references = datasets::image_tensor(test, 0, test.count - o.held_out);
    const Tensor held_out = datasets::image_tensor(test, test.count - o.held_out, o.held_out);
    Generator gen(seed);
    models::Autoencoder ae({.widths = {train.pixels(), o.hidden, o.latent}}, gen);
    models::Vae vae({.input = train.pixels(), .hidden = {o.hidden}, .latent = o.latent}, gen);
    const fs::path out(o.out);
    examples::CsvLogger log(out / "log.csv", {"model", "epoch", "loss"});
    std::cout << "autoencoder and VAE " << train.pixels() << "-" << o.hidden << "-" << o.latent
              << " (" << ae.parameter_count() << " and " << vae.parameter_count()
              << " parameters), " << o.epochs << " epochs each\n";
    {
      examples::ProgressBar bar("autoencoder epochs", o.epochs);
      models::train_autoencoder(ae, x, {.epochs = o.epochs}, gen, [&](int epoch, double loss) {
        log.row({0, double(epoch), loss});
        bar.advance(1, "BCE " + std::to_string(loss));
      });
    }
    {
      examples::ProgressBar bar("VAE epochs", o.epochs);
      models::train_vae(vae, x, {.epochs = o.epochs}, gen, [&](int epoch, double loss) {
        log.row({1, double(epoch), loss});
        bar.advance(1, "-ELBO " + std::to_string(loss));
      });
    }

    autograd::NoGradGuard no_grad;
    Generator draws(seed + 1);
    const models::GaussianFit fitted = models::GaussianFit::fit(ae.encode(x));
    const Tensor ae_prior = autograd::sigmoid(ae.decode(draws.normal_tensor({o.measured, o.latent})));
    const Tensor ae_fitted = autograd::sigmoid(ae.decode(fitted.sample(o.measured, draws)));
    const Tensor vae_prior = vae.sample(o.measured, draws);
    const int side = static_cast<int>(train.rows);
    examples::write_png(out / "samples.png",
                        side_by_side({ae_prior, ae_fitted, vae_prior}, side));

    const Tensor iw_images = autograd::slice_rows(held_out, 0, std::min<int64_t>(o.held_out, 1000));
    const double log_px = [&] {
      double total = 0;
      const int64_t chunk = std::max<int64_t>(1, 10000 / o.iw_samples);
      for (int64_t first = 0; first < iw_images.size(0); first += chunk) {
        const Tensor images =
            autograd::slice_rows(iw_images, first, std::min(iw_images.size(0), first + chunk));
        const Tensor log_p = vae.log_likelihood(images, o.iw_samples, draws);
        for (Scalar v : log_p.values()) total += v;
      }
      return total / double(iw_images.size(0));
    }();

    // Features for the Frechet distance: the training images' top principal components.
    const models::Pca pca = models::fit_pca(autograd::slice_rows(x, 0, std::min<int64_t>(x.size(0), 10000)),
                                            kPcaComponents);
    const Tensor reference_features = pca.encode(references);
    struct Row {
      std::string what;
      double nearest, frechet;
    };
    const auto row = [&](std::string what, const Tensor& images) {
      return Row{std::move(what), mean(models::nearest_distances(images, references)),
                 models::frechet_distance(pca.encode(images), reference_features)};
    };
    const std::vector<Row> rows = {
        row("real test images (held out)", held_out),
        row("autoencoder, z ~ N(0, I)", ae_prior),
        row("autoencoder, z ~ Gaussian fitted to its codes", ae_fitted),
        row("VAE, z ~ N(0, I)", vae_prior),
    };
    examples::CsvLogger results(out / "results.csv",
                                {"source", "frechet_distance_pca", "mean_nearest_test_distance",
                                 "vae_iw_log_likelihood"});
    std::printf("\n| samples | Frechet distance (PCA-%d) to the test images | mean distance to "
                "the nearest test image |\n|---|---|---|\n",
                kPcaComponents);
    for (size_t r = 0; r < rows.size(); ++r) {
      std::printf("| %s | %.2f | %.3f |\n", rows[r].what.c_str(), rows[r].frechet, rows[r].nearest);
      results.row({double(r), rows[r].frechet, rows[r].nearest, log_px});
    }
    std::printf("\nVAE: importance-weighted log p(x) of %lld held-out test images, k = %lld: %.2f "
                "nats per image\n",
                (long long)iw_images.size(0), (long long)o.iw_samples, log_px);
    std::cout << "wrote " << (out / "samples.png").string()
              << " (left to right: autoencoder with N(0, I), autoencoder with the fitted "
                 "Gaussian, VAE), log.csv and results.csv\n";
    return 0;
  });
}
