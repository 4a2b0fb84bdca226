// discrete_latents: a VAE with binary latents, where the reparameterization trick does not apply,
// trained on Fashion-MNIST with two Monte Carlo gradient estimators (models/bernoulli_vae.hpp):
//   - the score function (REINFORCE) with a running-mean baseline,
//   - the Gumbel-softmax (binary concrete) relaxation, its temperature annealed 1 -> 0.5,
// against a Gaussian VAE of the same width trained with the reparameterization trick. Every epoch
// the true test negative ELBO (hard samples for the binary models) goes to log.csv (with the
// relaxation's temperature; 0 for the other models) and
// elbo.png; at the end, on one fixed batch of 128 test images, each estimator's encoder gradient
// is drawn --draws times and its variance (averaged over the encoder's parameters) printed beside
// the squared mean gradient: both estimators at both binary models' final parameters, and the
// reparameterization estimate of the Gaussian VAE. results.csv holds the final table.
//
//   discrete_latents
//   discrete_latents --epochs 10 --binary-latent 128
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "datasets/idx.hpp"
#include "datasets/image_tensor.hpp"
#include "examples/common/cli.hpp"
#include "examples/common/csv_logger.hpp"
#include "examples/common/image.hpp"
#include "examples/common/plot.hpp"
#include "examples/common/progress.hpp"
#include "models/bernoulli_vae.hpp"
#include "models/bernoulli_vae_training.hpp"
#include "models/gradient_variance.hpp"
#include "models/vae.hpp"
#include "models/vae_training.hpp"

namespace fs = std::filesystem;
using autograd::Generator;
using autograd::Scalar;
using autograd::Tensor;

namespace {

struct Options {
  std::string data = "/usr/share/datasets/fashion-mnist";
  int64_t hidden = 256;
  int64_t binary_latent = 64;
  int64_t gaussian_latent = 20;
  int epochs = 5;
  int draws = 100;
  std::string out = "out/discrete_latents";
};

// Test negative ELBO per image in chunks of 1,000, one sample each, the same noise every call.
double test_negative_elbo(models::BernoulliVae& vae, const Tensor& test, uint64_t seed) {
  Generator gen(seed);
  double total = 0;
  for (int64_t first = 0; first < test.size(0); first += 1000) {
    const Tensor chunk = autograd::slice_rows(test, first, std::min(test.size(0), first + 1000));
    total += vae.negative_elbo(chunk, gen) * double(chunk.size(0));
  }
  return total / double(test.size(0));
}
double test_negative_elbo(models::Vae& vae, const Tensor& test, uint64_t seed) {
  autograd::NoGradGuard no_grad;
  Generator gen(seed);
  double total = 0;
  for (int64_t first = 0; first < test.size(0); first += 1000) {
    const Tensor chunk = autograd::slice_rows(test, first, std::min(test.size(0), first + 1000));
    total += vae.negative_elbo(chunk, gen).loss.item() * double(chunk.size(0));
  }
  return total / double(test.size(0));
}

// The mean -log p(x | z) of the batch under hard samples: the score function's baseline for the
// variance measurement (a constant, as the running mean is during training).
double mean_reconstruction(models::BernoulliVae& vae, const Tensor& x, Generator& gen) {
  autograd::NoGradGuard no_grad;
  const auto f =
      vae.score_function_loss(x, models::open_uniforms({x.size(0), vae.options().latent}, gen), 0)
          .f;
  double total = 0;
  for (double v : f) total += v / double(f.size());
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  examples::ArgParser args("discrete_latents",
                           "Trains a binary-latent VAE on Fashion-MNIST with the score-function "
                           "estimator and with the Gumbel-softmax relaxation, against a Gaussian "
                           "VAE, and measures the variance of their gradient estimates.");
  args.option("data", o.data, "folder of MNIST-format files with train and t10k splits");
  args.option("hidden", o.hidden, "hidden width of every encoder and decoder");
  args.option("binary-latent", o.binary_latent, "binary latent units of the discrete VAEs");
  args.option("gaussian-latent", o.gaussian_latent, "latent dimensions of the Gaussian VAE");
  args.option("epochs", o.epochs, "passes over the training set, for each model");
  args.option("draws", o.draws, "gradient estimates drawn for each variance");
  args.option("out", o.out, "output folder");
  args.parse(argc, argv);
  args.require(o.hidden > 0 && o.binary_latent > 0 && o.gaussian_latent > 0 && o.epochs >= 0 &&
                   o.draws >= 2,
               "--hidden and the latent sizes must be positive, --epochs >= 0, --draws >= 2");
  args.require(fs::is_directory(o.data), "--data: " + o.data + " is not a folder");

  return examples::run_main("discrete_latents", [&] {
    const uint64_t seed = args.common().seed;
    const datasets::ImageDataset train = datasets::load_mnist_split(o.data, "train");
    const datasets::ImageDataset test = datasets::load_mnist_split(o.data, "t10k");
    if (train.count < 1 || test.count < 128)
      throw std::runtime_error(o.data + ": " + std::to_string(train.count) + " training and " +
                               std::to_string(test.count) + " test images; needs 1 and 128");
    const Tensor x = datasets::image_tensor(train), x_test = datasets::image_tensor(test);
    const int64_t pixels = train.pixels();
    const models::BernoulliVaeOptions binary{
        .input = pixels, .hidden = o.hidden, .latent = o.binary_latent};
    Generator gen(seed);
    models::BernoulliVae score_vae(binary, gen), relaxed_vae(binary, gen);
    models::Vae gaussian_vae({.input = pixels, .hidden = {o.hidden}, .latent = o.gaussian_latent},
                             gen);
    const fs::path out(o.out);
    examples::CsvLogger log(out / "log.csv",
                            {"model", "epoch", "train_negative_elbo", "test_negative_elbo",
                             "temperature"});
    std::vector<std::vector<double>> curves(3);
    const char* const names[3] = {"binary, score function", "binary, Gumbel-softmax",
                                  "Gaussian, reparameterized"};
    std::cout << "binary-latent VAEs " << pixels << "-" << o.hidden << "-" << o.binary_latent
              << " bits and a Gaussian VAE " << pixels << "-" << o.hidden << "-"
              << o.gaussian_latent << ", " << o.epochs << " epochs each\n";
    for (int m = 0; m < 2; ++m) {
      models::BernoulliVae& vae = m == 0 ? score_vae : relaxed_vae;
      examples::ProgressBar bar(names[m], o.epochs);
      models::train_bernoulli_vae(
          vae, x,
          {.estimator = m == 0 ? models::DiscreteEstimator::ScoreFunction
                               : models::DiscreteEstimator::GumbelSoftmax,
           .epochs = o.epochs},
          gen, [&](int epoch, double loss, double temperature) {
            curves[m].push_back(test_negative_elbo(vae, x_test, seed + 1));
            log.row({double(m), double(epoch), loss, curves[m].back(), m == 1 ? temperature : 0});
            bar.advance(1, "test -ELBO " + std::to_string(curves[m].back()));
          });
    }
    {
      examples::ProgressBar bar(names[2], o.epochs);
      models::train_vae(gaussian_vae, x, {.epochs = o.epochs}, gen, [&](int epoch, double loss) {
        curves[2].push_back(test_negative_elbo(gaussian_vae, x_test, seed + 1));
        log.row({2, double(epoch), loss, curves[2].back(), 0});
        bar.advance(1, "test -ELBO " + std::to_string(curves[2].back()));
      });
    }
    examples::write_png(out / "elbo.png",
                        examples::line_plot({{names[0], curves[0]}, {names[1], curves[1]},
                                             {names[2], curves[2]}},
                                            {.title = "test negative ELBO", .x_label = "epoch",
                                             .y_label = "nats per image"}));

    // Gradient spread on one fixed batch.
    const Tensor batch = autograd::slice_rows(x_test, 0, 128);
    Generator noise(seed + 2);
    const auto binary_spread = [&](models::BernoulliVae& vae, bool score_function) {
      const double baseline = mean_reconstruction(vae, batch, noise);
      return models::gradient_spread(models::parameters_named(vae, "encoder"), o.draws, [&] {
        const Tensor u = models::open_uniforms({128, o.binary_latent}, noise);
        return score_function ? vae.score_function_loss(batch, u, baseline).loss
                              : vae.relaxed_loss(batch, u, Scalar(0.5)).loss;
      });
    };
    struct Row {
      std::string estimator, model;
      double final_elbo;
      models::GradientSpread spread;
    };
    const std::vector<Row> rows = {
        {"score function (running-mean baseline)", names[0], curves[0].empty() ? 0 : curves[0].back(),
         binary_spread(score_vae, true)},
        {"Gumbel-softmax, temperature 0.5", names[0], curves[0].empty() ? 0 : curves[0].back(),
         binary_spread(score_vae, false)},
        {"score function (running-mean baseline)", names[1], curves[1].empty() ? 0 : curves[1].back(),
         binary_spread(relaxed_vae, true)},
        {"Gumbel-softmax, temperature 0.5", names[1], curves[1].empty() ? 0 : curves[1].back(),
         binary_spread(relaxed_vae, false)},
        {"reparameterization", names[2], curves[2].empty() ? 0 : curves[2].back(),
         models::gradient_spread(models::parameters_named(gaussian_vae, "encoder"), o.draws,
                                 [&] { return gaussian_vae.negative_elbo(batch, noise).loss; })},
    };
    examples::CsvLogger results(out / "results.csv",
                                {"row", "final_test_negative_elbo", "gradient_variance",
                                 "squared_mean_gradient"});
    std::printf("\n| model (trained by) | final test -ELBO | estimator measured | encoder gradient "
                "variance | squared mean |\n|---|---|---|---|---|\n");
    for (size_t r = 0; r < rows.size(); ++r) {
      std::printf("| %s | %.2f | %s | %.3g | %.3g |\n", rows[r].model.c_str(), rows[r].final_elbo,
                  rows[r].estimator.c_str(), rows[r].spread.variance, rows[r].spread.mean_square);
      results.row({double(r), rows[r].final_elbo, rows[r].spread.variance,
                   rows[r].spread.mean_square});
    }
    std::cout << "wrote " << (out / "log.csv").string() << ", elbo.png and results.csv\n";
    return 0;
  });
}
