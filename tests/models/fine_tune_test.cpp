// The claim of examples/feature_probes, on part of Fashion-MNIST: an autoencoder's encoder
// fine-tuned together with a softmax head on 1,000 labels classifies better than a linear probe
// on its frozen codes. A program of its own: without the dataset-fashion-mnist package it reports
// SKIPPED (exit status 77).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>

#include "autograd/autograd.hpp"
#include "datasets/idx.hpp"
#include "datasets/image_tensor.hpp"
#include "models/autoencoder.hpp"
#include "models/autoencoder_training.hpp"
#include "models/fine_tune.hpp"
#include "models/linear_probe.hpp"

using namespace autograd;

namespace {
const char* const kFashionMnist = "/usr/share/datasets/fashion-mnist";

struct Images {
  Tensor x;
  std::vector<int64_t> labels;
};
Images first(const datasets::ImageDataset& d, int64_t count) {
  return {datasets::image_tensor(d, 0, count),
          std::vector<int64_t>(d.labels.begin(), d.labels.begin() + count)};
}
}  // namespace

TEST_CASE("fine-tuning an autoencoder's encoder beats a linear probe on its frozen codes") {
  const Images train = first(datasets::load_mnist_split(kFashionMnist, "train"), 10000);
  const Images test = first(datasets::load_mnist_split(kFashionMnist, "t10k"), 2000);
  Generator gen(42);
  models::Autoencoder ae({.widths = {784, 256, 32}}, gen);
  models::train_autoencoder(ae, train.x, {.epochs = 2}, gen);
  const Tensor labelled = slice_rows(train.x, 0, 1000);
  const std::vector<int64_t> labels(train.labels.begin(), train.labels.begin() + 1000);
  Tensor codes, test_codes;
  {
    NoGradGuard no_grad;
    codes = ae.encode(labelled);
    test_codes = ae.encode(test.x);
  }
  const double probe = models::fit_linear_probe(codes, labels, 10, {.epochs = 100, .seed = 1})
                           .accuracy(test_codes, test.labels);
  models::SoftmaxRegression head(32, 10, gen);
  const std::vector<double> losses =
      models::fine_tune(ae.encoder(), head, labelled, labels, {.epochs = 100}, gen);
  NoGradGuard no_grad;
  const double tuned = models::accuracy(models::classify(ae.encoder(), head, test.x), test.labels);
  MESSAGE("linear probe on frozen codes " << probe << ", fine-tuned " << tuned);
  CHECK(losses.back() < 0.5 * losses.front());
  CHECK(tuned > probe + 0.02);
}

int main(int argc, char** argv) {
  if (!std::filesystem::exists(std::string(kFashionMnist) + "/train-images-idx3-ubyte.gz")) {
    std::printf("SKIPPED: %s not found (apt-get install dataset-fashion-mnist)\n", kFashionMnist);
    return 77;
  }
  doctest::Context context(argc, argv);
  return context.run();
}
