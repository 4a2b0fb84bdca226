// vae: a variational autoencoder (Kingma & Welling) trained on Fashion-MNIST, or on any folder of
// MNIST-format files. With no arguments it trains the model of the PyTorch example (784-400-20
// encoder, 20-400-784 Bernoulli decoder, batch 128, Adam 1e-3) for 10 epochs and writes into
// out/vae: a CSV log of every metric per epoch, pictures (samples from the prior, originals above
// their reconstructions, a loss curve, and for a 2-D latent space the manifold and a scatter of
// test codes), a checkpoint to --resume from, and at the end the test log-likelihood estimated
// by importance sampling.
//
//   vae                                   # Fashion-MNIST, 10 epochs
//   vae --latent 2 --epochs 20            # a 2-D latent space: manifold and scatter pictures
//   vae --data ../shared/datasets/mnist --decoder gaussian
//   mpirun -np 2 vae --threads 1          # data-parallel: each rank half of every batch
//
// Under mpirun every rank holds a replica and takes its shard of each batch of --batch images
// (nn/data_parallel.hpp); the noise of the whole batch is drawn on every rank from the same
// generator, so any number of ranks trains the same model as one process (up to the order of
// the gradient sums), and a checkpoint resumes with another number of ranks. Rank 0 evaluates
// and writes the log, pictures and checkpoints.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "datasets/batcher.hpp"
#include "datasets/binarize.hpp"
#include "datasets/idx.hpp"
#include "examples/common/cli.hpp"
#include "examples/common/csv_logger.hpp"
#include "examples/common/progress.hpp"
#include "examples/common/step_profile.hpp"
#include "examples/vae/pictures.hpp"
#include "models/latent_usage.hpp"
#include "models/vae.hpp"
#include "nn/adam.hpp"
#include "nn/checkpoint.hpp"
#include "nn/communicator.hpp"
#include "nn/data_parallel.hpp"
#include "nn/divergence_guard.hpp"

namespace fs = std::filesystem;
using autograd::Generator;
using autograd::Scalar;
using autograd::Tensor;

namespace {

const char* const kFashionMnist = "/usr/share/datasets/fashion-mnist";
// The log's columns: the losses, then the KL weight of the epoch's last step, and posterior
// collapse on the test set (models/latent_usage.hpp): the active units and each dimension's KL.
std::vector<std::string> log_columns(int64_t latent) {
  std::vector<std::string> columns = {"epoch",
                                      "train_negative_elbo",
                                      "train_reconstruction",
                                      "train_kl",
                                      "test_negative_elbo",
                                      "test_reconstruction",
                                      "test_kl",
                                      "seconds",
                                      "images_per_second",
                                      "kl_weight",
                                      "test_active_units",
                                      "skipped_steps"};
  for (int64_t j = 0; j < latent; ++j) columns.push_back("test_kl_" + std::to_string(j));
  return columns;
}

struct Options {
  std::string data = kFashionMnist;
  std::string decoder = "bernoulli";
  std::string variance = "learned";
  std::vector<int64_t> hidden = {400};
  int64_t latent = 20;
  int64_t samples = 1;
  int epochs = 10;
  int64_t batch = 128;
  double lr = 1e-3;
  bool binarize = false;
  int64_t importance_samples = 100;
  int kl_warmup = 0;
  std::string out = "out/vae";
  bool resume = false;
  int keep_checkpoints = 2;
  bool skip_nonfinite = false;
};

// Test images shown above their reconstructions, in rows of 16.
constexpr int64_t kShownImages = 32;

struct Data {
  datasets::ImageDataset train, test;
};

// The train and t10k splits of an MNIST-format folder. A folder with only the test split (such
// as ../shared/datasets/mnist) is split in two: its first 9,000 images train, the rest test.
Data load_data(const Options& o, Generator& gen) {
  Data data;
  const bool has_train = fs::exists(o.data + "/train-images-idx3-ubyte.gz") ||
                         fs::exists(o.data + "/train-images-idx3-ubyte");
  if (has_train) {
    data.train = datasets::load_mnist_split(o.data, "train");
    data.test = datasets::load_mnist_split(o.data, "t10k");
  } else {
    std::cout << o.data << " has no training split: training on the first 9000 test images, "
              << "testing on the other "
              << "1000\n";
    datasets::ImageDataset all = datasets::load_mnist_split(o.data, "t10k");
    const int64_t train_count = std::min<int64_t>(9000, all.count * 9 / 10);
    data.train = data.test = all;
    data.train.count = train_count;
    data.train.images.resize(train_count * all.pixels());
    data.train.labels.resize(train_count);
    data.test.count = all.count - train_count;
    data.test.images.assign(all.images.begin() + train_count * all.pixels(), all.images.end());
    data.test.labels.assign(all.labels.begin() + train_count, all.labels.end());
  }
  // Dynamic binarization redraws the training bits every epoch; the test set is drawn once.
  if (o.binarize) data.test = datasets::binarize_sample(std::move(data.test), gen);
  return data;
}

// The fixed variance --variance names (a positive number, the whole text), or none for 'learned'.
std::optional<double> fixed_variance(const std::string& text) {
  double variance = 0;
  if (!examples::parse_value(text, variance) || !(variance > 0)) return std::nullopt;
  return variance;
}

models::VaeOptions model_options(const Options& o, int64_t pixels) {
  models::VaeOptions options;
  options.input = pixels;
  options.hidden = o.hidden;
  options.latent = o.latent;
  options.samples = o.samples;
  options.decoder =
      o.decoder == "gaussian" ? models::Likelihood::Gaussian : models::Likelihood::Bernoulli;
  const std::optional<double> variance = fixed_variance(o.variance);
  if (options.decoder == models::Likelihood::Gaussian && variance)
    options.fixed_log_variance = std::log(*variance);
  return options;
}

struct Metrics {
  double loss = 0, reconstruction = 0, kl = 0;
  void add(const models::NegativeElbo& elbo, int64_t examples) {
    add({double(elbo.loss.item()), double(elbo.reconstruction), double(elbo.kl)}, examples);
  }
  void add(const std::vector<double>& loss_reconstruction_kl, int64_t examples) {
    loss += loss_reconstruction_kl[0] * examples;
    reconstruction += loss_reconstruction_kl[1] * examples;
    kl += loss_reconstruction_kl[2] * examples;
  }
  Metrics per_example(int64_t examples) const {
    return {loss / examples, reconstruction / examples, kl / examples};
  }
};

// The test negative ELBO with the same noise every epoch (a generator of its own, reseeded), so
// epochs are compared on equal terms and training's random stream is left alone.
Metrics evaluate(models::Vae& vae, const datasets::ImageDataset& test, uint64_t seed) {
  autograd::NoGradGuard no_grad;
  Generator noise(seed);
  datasets::Batcher batches(test, {.batch_size = 1000, .shuffle = false});
  Metrics total;
  for (const datasets::Batch& batch : batches.next_epoch())
    total.add(vae.negative_elbo(batch.inputs, noise), batch.size());
  return total.per_example(test.count);
}

// The posterior of every test image, summarized per latent dimension.
models::LatentUsage test_latent_usage(models::Vae& vae, const datasets::ImageDataset& test) {
  autograd::NoGradGuard no_grad;
  datasets::Batcher batches(test, {.batch_size = 1000, .shuffle = false});
  std::vector<Tensor> means, log_variances;
  for (const datasets::Batch& batch : batches.next_epoch()) {
    const models::Posterior q = vae.encode(batch.inputs);
    means.push_back(q.mean);
    log_variances.push_back(q.log_variance);
  }
  return models::latent_usage(autograd::concat(means, 0), autograd::concat(log_variances, 0));
}

// log p(x) per test image, estimated with k importance samples, in chunks of images so that
// k * chunk rows fit in memory.
double test_log_likelihood(models::Vae& vae, const datasets::ImageDataset& test, int64_t k,
                           uint64_t seed) {
  autograd::NoGradGuard no_grad;
  Generator noise(seed);
  const int64_t chunk = std::max<int64_t>(1, 10000 / k);
  datasets::Batcher batches(test, {.batch_size = chunk, .shuffle = false});
  examples::ProgressBar bar("log p(x), k = " + std::to_string(k), test.count);
  double total = 0;
  for (const datasets::Batch& batch : batches.next_epoch()) {
    const Tensor log_px = vae.log_likelihood(batch.inputs, k, noise);
    for (autograd::Scalar v : log_px.values()) total += v;
    bar.advance(batch.size());
  }
  bar.finish();
  return total / test.count;
}

// The first `epochs` rows of the CSV log an earlier run wrote (the epochs the checkpoint holds),
// so a resumed run keeps its history. A missing log gives none; a damaged row among them is
// refused, naming the line, before anything is written. Rows after them (epochs the checkpoint
// does not hold, such as those of a run that diverged) are dropped with a note.
std::vector<std::vector<double>> read_log(const fs::path& path, size_t columns, int epochs) {
  std::vector<std::vector<double>> rows;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // the header
  for (int number = 2; std::getline(in, line); ++number) {
    if (static_cast<int>(rows.size()) == epochs) {
      int dropped = 1;
      while (std::getline(in, line)) ++dropped;
      std::cout << "note: dropped " << dropped << " row" << (dropped == 1 ? "" : "s") << " of "
                << path.string() << " after epoch " << epochs
                << ", the last one the checkpoint holds\n";
      break;
    }
    const auto fail = [&](const std::string& what) {
      throw std::runtime_error(path.string() + ", line " + std::to_string(number) + ": " + what);
    };
    std::vector<double> row;
    std::stringstream fields(line);
    for (std::string field; std::getline(fields, field, ',');) {
      double value = 0;
      // A metric may be NaN or infinite (an evaluation that overflowed): that is a record, not
      // damage. Anything else must be a number.
      if (field == "nan" || field == "-nan")
        value = std::numeric_limits<double>::quiet_NaN();
      else if (field == "inf" || field == "-inf")
        value = field[0] == '-' ? -std::numeric_limits<double>::infinity()
                                : std::numeric_limits<double>::infinity();
      else if (!examples::parse_value(field, value))
        fail("'" + field + "' is not a number");
      row.push_back(value);
    }
    if (row.size() != columns)
      fail(std::to_string(row.size()) + " values, not " + std::to_string(columns));
    rows.push_back(row);
  }
  return rows;
}

Tensor first_images(const datasets::ImageDataset& images, int64_t count) {
  datasets::Batcher batches(images, {.batch_size = count, .shuffle = false});
  batches.next_epoch();
  return batches.batch(0).inputs.clone();
}

void write_pictures(models::Vae& vae, const Data& data, const std::vector<std::vector<double>>& log,
                    const fs::path& out, uint64_t seed) {
  Generator prior(seed);  // the same draws every epoch: the grid shows the model changing
  vae_example::write_prior_samples(vae, prior, 8, 8, out / "samples.png");
  vae_example::write_reconstructions(vae, first_images(data.test, kShownImages), 16,
                                     out / "reconstructions.png");
  std::vector<double> train, test;
  for (const auto& row : log) train.push_back(row[1]), test.push_back(row[4]);
  vae_example::write_loss_curve(train, test, out / "loss.png");
  if (vae.options().latent == 2) {
    vae_example::write_manifold(vae, 20, out / "manifold.png");
    const int64_t shown = std::min<int64_t>(5000, data.test.count);
    vae_example::write_latent_scatter(
        vae, first_images(data.test, shown),
        std::vector<int>(data.test.labels.begin(), data.test.labels.begin() + shown),
        out / "latent_scatter.png");
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  examples::ArgParser args("vae",
                           "Trains a variational autoencoder on Fashion-MNIST (or --data) and "
                           "writes its log, pictures and checkpoint to --out.");
  args.option("data", o.data,
              "folder of MNIST-format files (train-/t10k-images-idx3-ubyte[.gz], labels)");
  args.option("decoder", o.decoder, "bernoulli (pixels as probabilities) or gaussian");
  args.option("variance", o.variance, "gaussian decoder: 'learned' per pixel, or a fixed variance");
  args.option("hidden", o.hidden,
              "hidden widths of the encoder, comma-separated; the decoder mirrors them");
  args.option("latent", o.latent,
              "dimensions of the latent space (2 adds the manifold and scatter pictures)");
  args.option("samples", o.samples, "latent samples per image in the training ELBO");
  args.option("epochs", o.epochs, "passes over the training set");
  args.option("batch", o.batch, "images per minibatch");
  args.option("lr", o.lr, "Adam's learning rate");
  args.option("binarize", o.binarize,
              "train on pixels redrawn as 0/1 every epoch (dynamic binarization)");
  args.option("iw-samples", o.importance_samples,
              "importance samples per test image for log p(x); 0 skips it");
  args.option("kl-warmup", o.kl_warmup,
              "epochs over which the KL weight rises linearly (per step) from 0 to 1; 0: none");
  args.option("out", o.out, "output folder");
  args.option("resume", o.resume, "continue from the checkpoint in --out");
  args.option("skip-nonfinite", o.skip_nonfinite,
              "skip a step whose loss or gradient is NaN or Inf (counted) instead of stopping");
  args.option("keep-checkpoints", o.keep_checkpoints,
              "checkpoints kept: vae.ckpt and the previous ones as vae.ckpt.1, ...");
  args.parse(argc, argv);
  args.require(o.decoder == "bernoulli" || o.decoder == "gaussian",
               "--decoder must be bernoulli or gaussian");
  args.require(o.variance == "learned" || fixed_variance(o.variance),
               "--variance must be 'learned' or a positive number");
  args.require(std::all_of(o.hidden.begin(), o.hidden.end(), [](int64_t w) { return w > 0; }),
               "--hidden widths must be positive");
  args.require(o.latent > 0 && o.samples > 0 && o.batch > 0 && o.epochs >= 0 && o.lr > 0,
               "--latent, --samples, --batch and --lr must be positive, --epochs >= 0");
  args.require(o.importance_samples >= 0, "--iw-samples must be >= 0");
  args.require(o.kl_warmup >= 0, "--kl-warmup must be >= 0");
  args.require(fs::is_directory(o.data), "--data: " + o.data + " is not a folder");
  args.require(o.keep_checkpoints >= 1, "--keep-checkpoints must be at least 1");
  args.require(
      !o.resume || fs::exists(fs::path(o.out) / "vae.ckpt") ||
          fs::exists(fs::path(o.out) / "vae.ckpt.1"),
      "--resume: no checkpoint " + (fs::path(o.out) / "vae.ckpt").string() + " to continue from");

  return examples::run_main("vae", [&] {
    const uint64_t seed = args.common().seed;
    Generator gen(seed);
    const Data data = load_data(o, gen);
    if (data.train.count < 1 || data.test.count < kShownImages)  // before anything is written
      throw std::runtime_error(o.data + ": " + std::to_string(data.train.count) + " training and " +
                               std::to_string(data.test.count) +
                               " test images; needs at least 1 and " +
                               std::to_string(kShownImages) + " (the pictures show them)");
    nn::Communicator& world = nn::world();
    const bool writer = world.rank() == 0;  // rank 0 evaluates and writes every file
    static std::ostream discard(nullptr);   // the progress of the other ranks
    std::ostream& terminal = writer ? std::cout : discard;
    models::Vae vae(model_options(o, data.train.pixels()), gen);
    nn::Adam adam(vae.named_parameters(), {.lr = o.lr});
    datasets::Batcher batcher(
        data.train, {.batch_size = o.batch, .dynamic_binarization = o.binarize, .seed = seed + 1});
    const fs::path out(o.out);
    const fs::path checkpoint = out / "vae.ckpt";
    std::vector<std::vector<double>> log;
    int start_epoch = 0;
    if (o.resume) {
      const std::string good =
          nn::newest_good_checkpoint(checkpoint.string(), o.keep_checkpoints, std::cerr);
      nn::load_checkpoint(good, vae, &adam, &gen);
      start_epoch = static_cast<int>(adam.step_count() / batcher.batches_per_epoch());
      log = read_log(out / "log.csv", log_columns(o.latent).size(), start_epoch);
      for (int e = 0; e < start_epoch; ++e) batcher.next_epoch();  // the same shuffles as before
      terminal << "resumed from " << good << " after epoch " << start_epoch << "\n";
    }
    nn::DataParallel parallel(vae.named_parameters(), world);  // rank 0's parameters everywhere
    std::optional<examples::CsvLogger> csv;
    if (writer) csv.emplace(out / "log.csv", log_columns(o.latent));
    const int64_t warmup_steps = int64_t(o.kl_warmup) * batcher.batches_per_epoch();
    double kl_weight = 1;
    for (const auto& row : log)
      if (csv) csv->row(row);

    terminal << "VAE " << data.train.pixels();
    for (int64_t width : o.hidden) terminal << "-" << width;
    terminal << "-" << o.latent << ", " << o.decoder << " decoder, " << vae.parameter_count()
             << " parameters; " << data.train.count << " training and " << data.test.count
             << " test images; " << args.common().threads << " threads";
    if (world.size() > 1) terminal << " on each of " << world.size() << " ranks";
    terminal << "\n";
    if (world.size() > 1)  // each rank says who it is, so a rank can be found (and stopped)
      std::cout << nn::rank_prefix() << "pid " << ::getpid() << ", " << args.common().threads
                << " thread(s) of " << autograd::available_cores() << " core(s)\n"
                << std::flush;
    examples::StepProfile profile(args.common().profile);
    nn::DivergenceGuard guard({.skip_nonfinite = o.skip_nonfinite});
    for (int epoch = start_epoch + 1; epoch <= o.epochs; ++epoch) {
      const int64_t skipped_before = guard.skipped();
      int64_t trained = 0;
      examples::ProgressBar bar("epoch " + std::to_string(epoch) + "/" + std::to_string(o.epochs),
                                data.train.count, terminal,
                                writer && examples::stdout_is_terminal());
      Metrics train;
      for (const datasets::Batch& batch : batcher.next_epoch()) {
        adam.zero_grad();
        // The whole batch's noise on every rank, each taking the rows of its shard.
        const Tensor noise = gen.normal_tensor({o.samples * batch.size(), o.latent});
        const auto [begin, end] = nn::shard_range(batch.size(), world.rank(), world.size());
        const Tensor shard = nn::shard_rows(batch.inputs, batch.size(), begin, end);
        const Tensor shard_noise = nn::shard_rows(noise, batch.size(), begin, end);
        const models::NegativeElbo elbo = vae.negative_elbo(shard, shard_noise);
        const std::vector<double> means = parallel.global_means(
            {double(elbo.loss.item()), double(elbo.reconstruction), double(elbo.kl)}, end - begin,
            batch.size());
        kl_weight = models::kl_warmup_weight(adam.step_count(), warmup_steps);
        const auto replay = [&] { autograd::backward(vae.negative_elbo(shard, shard_noise).loss); };
        const int64_t step = adam.step_count() + 1;
        bool finite = guard.check(Scalar(means[0]), epoch, step, replay);
        if (finite) {
          parallel.begin_step(end - begin, batch.size());
          autograd::backward(kl_weight < 1 ? elbo.with_kl_weight(Scalar(kl_weight)) : elbo.loss);
          parallel.finish_step();
          profile.after_backward();
          finite = guard.check_gradients(adam.parameters(), epoch, step, replay);
        }
        if (!finite) {  // --skip-nonfinite: this step changes no parameter
          adam.zero_grad();
          // Still counted, so that the step count keeps telling a resumed run its epoch.
          adam.set_step_count(adam.step_count() + 1);
          autograd::clear_tape();
          bar.advance(batch.size(), "step skipped");
          continue;
        }
        adam.step();
        autograd::clear_tape();
        train.add(means, batch.size());
        trained += batch.size();
        char note[48];
        std::snprintf(note, sizeof note, "-ELBO %.2f", means[0]);
        bar.advance(batch.size(), note);
      }
      bar.finish();
      if (!writer) continue;
      const double seconds = data.train.count / bar.examples_per_second();
      const Metrics t = train.per_example(std::max<int64_t>(trained, 1));
      const int64_t skipped = guard.skipped() - skipped_before;
      const Metrics test = evaluate(vae, data.test, seed + 2);
      const models::LatentUsage usage = test_latent_usage(vae, data.test);
      std::printf(
          "epoch %d: train -ELBO %.2f (reconstruction %.2f + KL %.2f), test -ELBO %.2f, "
          "%lld of %lld latent units active, KL weight %.3f, %.0f images/s, %.1f s%s\n",
          epoch, t.loss, t.reconstruction, t.kl, test.loss, (long long)usage.active_units,
          (long long)o.latent, kl_weight, bar.examples_per_second(), seconds,
          skipped ? (", " + std::to_string(skipped) + " steps skipped (NaN or Inf)").c_str() : "");
      log.push_back({double(epoch), t.loss, t.reconstruction, t.kl, test.loss, test.reconstruction,
                     test.kl, seconds, bar.examples_per_second(), kl_weight,
                     double(usage.active_units), double(skipped)});
      log.back().insert(log.back().end(), usage.kl.begin(), usage.kl.end());
      csv->row(log.back());
      write_pictures(vae, data, log, out, seed + 3);
      nn::save_checkpoint(checkpoint.string(), vae, &adam, &gen, {.keep = o.keep_checkpoints});
    }
    if (!writer) return 0;
    if (log.empty()) write_pictures(vae, data, log, out, seed + 3);
    if (o.importance_samples > 0) {
      const double log_px = test_log_likelihood(vae, data.test, o.importance_samples, seed + 4);
      const double negative_elbo = evaluate(vae, data.test, seed + 2).loss;
      std::printf(
          "test log-likelihood, importance-weighted with k = %lld: %.2f nats per image "
          "(the ELBO gives %.2f)\n",
          static_cast<long long>(o.importance_samples), log_px, -negative_elbo);
      examples::CsvLogger final_csv(out / "test_log_likelihood.csv",
                                    {"importance_samples", "log_likelihood", "elbo"});
      final_csv.row({double(o.importance_samples), log_px, -negative_elbo});
    }
    std::cout << "wrote " << (out / "log.csv").string() << ", pictures and " << checkpoint.string()
              << "\n";
    return 0;
  });
}
