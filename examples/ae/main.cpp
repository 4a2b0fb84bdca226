// ae: an autoencoder, or with --noise a denoising autoencoder, on Fashion-MNIST (or --data).
// The encoder squeezes each 784-pixel image into a short code and the decoder rebuilds it; a
// denoising one sees corrupted images (Gaussian noise, or pixels masked to 0) and is trained to
// give back the clean ones. Writes into --out a CSV log per epoch, a loss curve, and a picture of
// test images: originals above reconstructions, or noisy inputs, denoised outputs and the clean
// targets.
//
//   ae                                  # plain autoencoder, 784-256-32
//   ae --noise gaussian --noise-level 0.4
//   ae --noise masking --noise-level 0.5 --code 64
//   mpirun -np 2 ae --threads 1           # data-parallel, each rank half of every batch
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
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
#include "models/autoencoder.hpp"
#include "models/pca.hpp"
#include "nn/adam.hpp"
#include "nn/communicator.hpp"
#include "nn/data_parallel.hpp"
#include "nn/divergence_guard.hpp"

namespace fs = std::filesystem;
using autograd::Generator;
using autograd::Scalar;
using autograd::Tensor;

namespace {

struct Options {
  std::string data = "/usr/share/datasets/fashion-mnist";
  std::vector<int64_t> hidden = {256};
  int64_t code = 32;
  std::string loss = "bce";
  std::string noise = "none";
  double noise_level = 0.3;
  int epochs = 5;
  int64_t batch = 128;
  double lr = 1e-3;
  std::string out = "out/ae";
};

models::AutoencoderOptions model_options(const Options& o, int64_t pixels) {
  models::AutoencoderOptions options;
  options.widths = {pixels};
  options.widths.insert(options.widths.end(), o.hidden.begin(), o.hidden.end());
  options.widths.push_back(o.code);
  options.reconstruction = o.loss == "mse" ? models::Reconstruction::SquaredError
                                           : models::Reconstruction::BernoulliLogits;
  options.corruption.kind = o.noise == "gaussian"  ? models::NoiseKind::Gaussian
                            : o.noise == "masking" ? models::NoiseKind::Masking
                                                   : models::NoiseKind::None;
  options.corruption.level = o.noise_level;
  return options;
}

// Test images shown in reconstructions.png, in rows of 16.
constexpr int kShownImages = 32;

struct TestMetrics {
  double loss = 0;
  double input_mse = 0;   // of the (corrupted) inputs against the clean images
  double output_mse = 0;  // of the reconstructions against the clean images
};

// The same corruption noise every epoch (a generator reseeded here), so epochs compare fairly.
TestMetrics evaluate(models::Autoencoder& ae, const datasets::ImageDataset& test, uint64_t seed) {
  autograd::NoGradGuard no_grad;
  Generator noise(seed);
  datasets::Batcher batches(test, {.batch_size = 1000, .shuffle = false});
  TestMetrics total;
  for (const datasets::Batch& batch : batches.next_epoch()) {
    const Tensor& clean = batch.inputs;
    const Tensor input = ae.corrupt(clean, noise);
    const double n = double(batch.size());
    total.loss += ae.loss(input, clean).item() * n;
    total.input_mse += models::mean_squared_error(input, clean) * n;
    total.output_mse += models::mean_squared_error(ae.reconstruct(input), clean) * n;
  }
  return {total.loss / test.count, total.input_mse / test.count, total.output_mse / test.count};
}

void write_pictures(models::Autoencoder& ae, const datasets::ImageDataset& test,
                    const std::vector<double>& train_loss, const std::vector<double>& test_loss,
                    const fs::path& out, uint64_t seed) {
  autograd::NoGradGuard no_grad;
  Generator noise(seed);
  datasets::Batcher first(test, {.batch_size = kShownImages, .shuffle = false});
  first.next_epoch();
  const Tensor clean = first.batch(0).inputs.clone();
  const Tensor input = ae.corrupt(clean, noise);
  const Tensor output = ae.reconstruct(input);
  const int side = static_cast<int>(test.rows);
  const bool denoising = ae.options().corruption.kind != models::NoiseKind::None;
  // Rows of 16: noisy inputs above denoised outputs above clean targets; or originals above
  // reconstructions.
  std::vector<std::span<const float>> sets{input.values(), output.values()};
  if (denoising) sets.push_back(clean.values());
  examples::write_png(
      out / "reconstructions.png",
      examples::interleaved_grid(sets, kShownImages, side, static_cast<int>(test.cols), 16));
  examples::write_png(
      out / "loss.png",
      examples::line_plot(
          {{"train", train_loss}, {"test", test_loss}},
          {.title = denoising ? "denoising loss" : "reconstruction loss",
           .x_label = "epoch",
           .y_label = ae.options().reconstruction == models::Reconstruction::BernoulliLogits
                          ? "BCE per image"
                          : "MSE per pixel"}));
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  examples::ArgParser args("ae",
                           "Trains an autoencoder, or a denoising one (--noise), on Fashion-MNIST "
                           "(or --data) and writes its log and pictures to --out.");
  args.option("data", o.data, "folder of MNIST-format files with train and t10k splits");
  args.option("hidden", o.hidden,
              "hidden widths of the encoder, comma-separated; the decoder mirrors them");
  args.option("code", o.code, "width of the code");
  args.option("loss", o.loss, "bce (pixels as probabilities, logits out) or mse");
  args.option("noise", o.noise, "none, gaussian (additive) or masking (pixels set to 0)");
  args.option("noise-level", o.noise_level,
              "standard deviation (gaussian) or masked fraction (masking)");
  args.option("epochs", o.epochs, "passes over the training set");
  args.option("batch", o.batch, "images per minibatch");
  args.option("lr", o.lr, "Adam's learning rate");
  args.option("out", o.out, "output folder");
  args.parse(argc, argv);
  args.require(o.loss == "bce" || o.loss == "mse", "--loss must be bce or mse");
  args.require(o.noise == "none" || o.noise == "gaussian" || o.noise == "masking",
               "--noise must be none, gaussian or masking");
  args.require(o.code > 0 && o.batch > 0 && o.epochs >= 0 && o.lr > 0 && o.noise_level >= 0,
               "--code, --batch and --lr must be positive, --epochs and --noise-level >= 0");
  args.require(std::all_of(o.hidden.begin(), o.hidden.end(), [](int64_t w) { return w > 0; }),
               "--hidden widths must be positive");
  args.require(fs::is_directory(o.data), "--data: " + o.data + " is not a folder");

  return examples::run_main("ae", [&] {
    const uint64_t seed = args.common().seed;
    Generator gen(seed);
    const datasets::ImageDataset train = datasets::load_mnist_split(o.data, "train");
    const datasets::ImageDataset test = datasets::load_mnist_split(o.data, "t10k");
    if (train.count < 1 || test.count < kShownImages)  // before anything is written
      throw std::runtime_error(o.data + ": " + std::to_string(train.count) + " training and " +
                               std::to_string(test.count) + " test images; needs at least 1 and " +
                               std::to_string(kShownImages) + " (the pictures show them)");
    models::Autoencoder ae(model_options(o, train.pixels()), gen);
    nn::Adam adam(ae.named_parameters(), {.lr = o.lr});
    // Under mpirun: every rank a replica and a shard of each batch (examples/vae says more).
    nn::Communicator& world = nn::world();
    nn::DataParallel parallel(ae.named_parameters(), world);
    const bool writer = world.rank() == 0;
    static std::ostream discard(nullptr);
    std::ostream& terminal = writer ? std::cout : discard;
    datasets::Batcher batcher(train, {.batch_size = o.batch, .seed = seed + 1});
    const fs::path out(o.out);
    std::optional<examples::CsvLogger> csv;
    if (writer)
      csv.emplace(out / "log.csv",
                  std::vector<std::string>{"epoch", "train_loss", "test_loss", "test_input_mse",
                                           "test_output_mse", "seconds", "images_per_second"});
    terminal << (o.noise == "none" ? "autoencoder "
                                   : "denoising autoencoder (" + o.noise + " noise) ")
             << train.pixels();
    for (int64_t width : o.hidden) terminal << "-" << width;
    terminal << "-" << o.code << ", " << o.loss << " loss, " << ae.parameter_count()
             << " parameters";
    if (world.size() > 1) terminal << ", on " << world.size() << " ranks";
    terminal << "\n";

    std::vector<double> train_loss, test_loss;
    examples::StepProfile profile(args.common().profile);
    nn::DivergenceGuard guard;
    for (int epoch = 1; epoch <= o.epochs; ++epoch) {
      examples::ProgressBar bar("epoch " + std::to_string(epoch) + "/" + std::to_string(o.epochs),
                                train.count, terminal, writer && examples::stdout_is_terminal());
      double total = 0;
      for (const datasets::Batch& batch : batcher.next_epoch()) {
        adam.zero_grad();
        const Tensor corrupted = ae.corrupt(batch.inputs, gen);  // the whole batch's noise
        const auto [begin, end] = nn::shard_range(batch.size(), world.rank(), world.size());
        const Tensor clean = nn::shard_rows(batch.inputs, batch.size(), begin, end);
        const Tensor input = nn::shard_rows(corrupted, batch.size(), begin, end);
        const Tensor loss = ae.loss(input, clean);
        const double batch_loss =
            parallel.global_means({double(loss.item())}, end - begin, batch.size())[0];
        const auto replay = [&] { autograd::backward(ae.loss(input, clean)); };
        guard.check(Scalar(batch_loss), epoch, adam.step_count() + 1, replay);
        parallel.begin_step(end - begin, batch.size());
        autograd::backward(loss);
        parallel.finish_step();
        guard.check_gradients(adam.parameters(), epoch, adam.step_count() + 1, replay);
        profile.after_backward();
        adam.step();
        autograd::clear_tape();
        total += batch_loss * double(batch.size());
        bar.advance(batch.size(), "loss " + std::to_string(batch_loss));
      }
      bar.finish();
      if (!writer) continue;
      const TestMetrics t = evaluate(ae, test, seed + 2);
      train_loss.push_back(total / train.count);
      test_loss.push_back(t.loss);
      std::printf(
          "epoch %d: train loss %.4f, test loss %.4f; test MSE per pixel: input %.5f, "
          "output %.5f; %.0f images/s\n",
          epoch, train_loss.back(), t.loss, t.input_mse, t.output_mse, bar.examples_per_second());
      csv->row({double(epoch), train_loss.back(), t.loss, t.input_mse, t.output_mse,
                train.count / bar.examples_per_second(), bar.examples_per_second()});
      write_pictures(ae, test, train_loss, test_loss, out, seed + 3);
    }
    terminal << "wrote " << (out / "log.csv").string() << ", loss.png and reconstructions.png\n";
    return 0;
  });
}
