// feature_probes: learned features for a downstream task on Fashion-MNIST. Representations are
// learned from the 60,000 training images without their labels: PCA, an autoencoder, a denoising
// autoencoder (masking noise) and a VAE (its posterior mean), all with --code dimensions; then a
// linear probe (softmax regression on the frozen, standardized codes) is trained with 100, 1,000
// and all 60,000 labels, against the same probe on the raw pixels. Last, the autoencoder's
// encoder is fine-tuned together with a softmax head on the same labels, against the same
// network trained from a random start. Prints a table of test accuracies and writes
// results.csv (one row per representation and label count) and accuracy.png into --out.
//
//   feature_probes
//   feature_probes --code 16 --epochs 10
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
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
#include "models/autoencoder.hpp"
#include "models/autoencoder_training.hpp"
#include "models/fine_tune.hpp"
#include "models/linear_probe.hpp"
#include "models/pca.hpp"
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
  int64_t code = 32;
  int epochs = 5;
  std::string out = "out/feature_probes";
};

const std::vector<int64_t> kLabelCounts = {100, 1000, 60000};

// About the same number of optimizer steps whatever the number of labels: few labels, many
// passes over them.
int epochs_for(int64_t labels) { return labels <= 100 ? 300 : labels <= 1000 ? 100 : 10; }

struct Representation {
  std::string name;
  std::function<Tensor(const Tensor&)> encode;  // images -> frozen features, no tape
};

}  // namespace

int main(int argc, char** argv) {
  Options o;
  examples::ArgParser args("feature_probes",
                           "Linear probes on PCA, autoencoder, denoising-autoencoder and VAE codes "
                           "of Fashion-MNIST with 100, 1,000 and all labels, against raw pixels, "
                           "and the autoencoder's encoder fine-tuned with a classifier.");
  args.option("data", o.data, "folder of MNIST-format files with train and t10k splits");
  args.option("hidden", o.hidden, "hidden width of the encoders and decoders");
  args.option("code", o.code, "dimensions of every representation (PCA components, codes)");
  args.option("epochs", o.epochs, "unsupervised training epochs of each model");
  args.option("out", o.out, "output folder");
  args.parse(argc, argv);
  args.require(o.hidden > 0 && o.code > 0 && o.epochs >= 0,
               "--hidden and --code must be positive, --epochs >= 0");
  args.require(fs::is_directory(o.data), "--data: " + o.data + " is not a folder");

  return examples::run_main("feature_probes", [&] {
    const uint64_t seed = args.common().seed;
    const datasets::ImageDataset train = datasets::load_mnist_split(o.data, "train");
    const datasets::ImageDataset test = datasets::load_mnist_split(o.data, "t10k");
    if (train.count < kLabelCounts.back() || test.count < 1 || train.labels.empty())
      throw std::runtime_error(o.data + ": " + std::to_string(train.count) +
                               " labelled training images; needs " +
                               std::to_string(kLabelCounts.back()) + " and a test split");
    const Tensor x = datasets::image_tensor(train), x_test = datasets::image_tensor(test);
    const std::vector<int64_t> y(train.labels.begin(), train.labels.end());
    const std::vector<int64_t> y_test(test.labels.begin(), test.labels.end());
    const int64_t classes = 10, pixels = train.pixels();
    Generator gen(seed);

    std::cout << "unsupervised models " << pixels << "-" << o.hidden << "-" << o.code << ", "
              << o.epochs << " epochs each\n";
    const models::Pca pca = models::fit_pca(x, o.code);
    const models::AutoencoderOptions ae_options{.widths = {pixels, o.hidden, o.code}};
    models::Autoencoder ae(ae_options, gen);
    models::AutoencoderOptions dae_options = ae_options;
    dae_options.corruption = {models::NoiseKind::Masking, 0.5};
    models::Autoencoder dae(dae_options, gen);
    models::Vae vae({.input = pixels, .hidden = {o.hidden}, .latent = o.code}, gen);
    for (auto [name, model] : {std::pair{"autoencoder", &ae}, std::pair{"denoising autoencoder", &dae}}) {
      examples::ProgressBar bar(std::string(name) + " epochs", o.epochs);
      models::train_autoencoder(*model, x, {.epochs = o.epochs}, gen,
                                [&](int, double loss) { bar.advance(1, "BCE " + std::to_string(loss)); });
    }
    {
      examples::ProgressBar bar("VAE epochs", o.epochs);
      models::train_vae(vae, x, {.epochs = o.epochs}, gen,
                        [&](int, double loss) { bar.advance(1, "-ELBO " + std::to_string(loss)); });
    }

    const std::vector<Representation> representations = {
        {"raw pixels", [](const Tensor& images) { return images; }},
        {"PCA", [&](const Tensor& images) { return pca.encode(images); }},
        {"autoencoder", [&](const Tensor& images) { return ae.encode(images); }},
        {"denoising autoencoder (masking 0.5)", [&](const Tensor& images) { return dae.encode(images); }},
        {"VAE (mu)", [&](const Tensor& images) { return vae.encode(images).mean; }},
    };
    // The labelled subsets: the first n of one fixed shuffle, nested (the 100 are among the 1,000).
    const std::vector<int64_t> order = Generator(seed + 1).permutation(train.count);
    const auto subset = [&](int64_t n) {
      return std::vector<int64_t>(order.begin(), order.begin() + n);
    };
    const fs::path out(o.out);
    examples::CsvLogger csv(out / "results.csv", {"representation", "labels", "test_accuracy"});
    std::vector<std::vector<double>> table;  // [representation][label count], in %
    for (size_t r = 0; r < representations.size(); ++r) {
      Tensor features, test_features;
      {
        autograd::NoGradGuard no_grad;  // frozen: the probe's training records only its own ops
        features = representations[r].encode(x);
        test_features = representations[r].encode(x_test);
      }
      table.emplace_back();
      examples::ProgressBar bar("probes on " + representations[r].name, 3);
      for (int64_t n : kLabelCounts) {
        const std::vector<int64_t> rows = subset(n);
        std::vector<int64_t> labels;
        for (int64_t i : rows) labels.push_back(y[i]);
        const models::LinearProbe probe = models::fit_linear_probe(
            autograd::index_select(features, rows), labels, classes,
            {.epochs = epochs_for(n), .seed = seed + 2});
        table.back().push_back(100 * probe.accuracy(test_features, y_test));
        csv.row({double(r), double(n), table.back().back() / 100});
        bar.advance(1);
      }
    }
    // Fine-tuning: the autoencoder's encoder (restored before each label count) against the same
    // architecture from a random start, each under a fresh softmax head.
    std::vector<std::vector<Scalar>> pretrained;
    for (const Tensor& p : ae.encoder().parameters())
      pretrained.emplace_back(p.values().begin(), p.values().end());
    for (bool from_scratch : {false, true}) {
      table.emplace_back();
      examples::ProgressBar bar(from_scratch ? "trained from scratch" : "fine-tuned", 3);
      for (int64_t n : kLabelCounts) {
        Generator init(seed + 3);
        models::Autoencoder fresh(ae_options, init);  // only its encoder is used
        nn::Sequential& encoder = from_scratch ? fresh.encoder() : ae.encoder();
        if (!from_scratch) {
          const std::vector<Tensor> params = ae.encoder().parameters();
          for (size_t k = 0; k < params.size(); ++k)
            std::copy(pretrained[k].begin(), pretrained[k].end(), params[k].values().begin());
        }
        models::SoftmaxRegression head(o.code, classes, init);
        const std::vector<int64_t> rows = subset(n);
        std::vector<int64_t> labels;
        for (int64_t i : rows) labels.push_back(y[i]);
        models::fine_tune(encoder, head, autograd::index_select(x, rows), labels,
                          {.epochs = epochs_for(n)}, init);
        autograd::NoGradGuard no_grad;
        table.back().push_back(
            100 * models::accuracy(models::classify(encoder, head, x_test), y_test));
        csv.row({double(representations.size() + from_scratch), double(n), table.back().back() / 100});
        bar.advance(1);
      }
    }
    std::printf("\n| features | 100 labels | 1,000 labels | 60,000 labels |\n|---|---|---|---|\n");
    std::vector<std::string> names;
    for (const Representation& r : representations) names.push_back(r.name + " + linear probe");
    names.push_back("autoencoder's encoder fine-tuned with a softmax head");
    names.push_back("the same network trained from scratch");
    for (size_t r = 0; r < table.size(); ++r)
      std::printf("| %s | %.1f | %.1f | %.1f |\n", names[r].c_str(), table[r][0], table[r][1],
                  table[r][2]);
    std::vector<examples::Series> series;
    const std::vector<double> log_labels = {2, 3, std::log10(double(kLabelCounts.back()))};
    for (size_t r = 0; r < table.size(); ++r) series.push_back({names[r], table[r], log_labels});
    examples::write_png(out / "accuracy.png",
                        examples::line_plot(series, {.title = "test accuracy",
                                                     .x_label = "log10 of the labels used",
                                                     .y_label = "%", .width = 800,
                                                     .height = 500}));
    std::cout << "wrote " << (out / "results.csv").string()
              << " (representation as its row in the table, 0-based) and accuracy.png\n";
    return 0;
  });
}
