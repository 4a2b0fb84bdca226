// Linear probes: separable blobs are learned, standardization makes the scale irrelevant, the
// same seed gives the same probe, and bad input is refused by name.
#include "models/linear_probe.hpp"

#include <doctest/doctest.h>

#include "autograd/autograd.hpp"
#include "datasets/blobs.hpp"

using namespace autograd;

namespace {
struct Split {
  Tensor train, test;
  std::vector<int64_t> train_labels, test_labels;
};
Split blobs(double scale) {
  const datasets::VectorDataset d = datasets::gaussian_blobs(
      {.count = 600, .dim = 5, .clusters = 4, .center_box = 3, .stddev = 1, .seed = 7});
  Split s;
  std::vector<Scalar> train, test;
  for (int64_t i = 0; i < d.count; ++i) {
    auto& values = i % 3 == 0 ? test : train;
    (i % 3 == 0 ? s.test_labels : s.train_labels).push_back(d.labels[i]);
    for (int64_t j = 0; j < d.dim; ++j) values.push_back(Scalar(scale * d.values[i * d.dim + j]));
  }
  s.train = Tensor({int64_t(s.train_labels.size()), d.dim}, train);
  s.test = Tensor({int64_t(s.test_labels.size()), d.dim}, test);
  return s;
}
}  // namespace

TEST_CASE("a linear probe learns blobs, whatever the scale of the features") {
  for (double scale : {1.0, 1e4}) {
    CAPTURE(scale);
    const Split s = blobs(scale);
    const models::LinearProbe untrained =
        models::fit_linear_probe(s.train, s.train_labels, 4, {.epochs = 0});
    const models::LinearProbe probe =
        models::fit_linear_probe(s.train, s.train_labels, 4, {.epochs = 30});
    MESSAGE("untrained " << untrained.accuracy(s.test, s.test_labels) << ", trained "
                         << probe.accuracy(s.test, s.test_labels));
    CHECK(probe.accuracy(s.test, s.test_labels) > 0.8);
    CHECK(probe.accuracy(s.test, s.test_labels) >
          untrained.accuracy(s.test, s.test_labels) + 0.3);
  }
}

TEST_CASE("the same seed gives the same probe") {
  const Split s = blobs(1);
  const Tensor a = models::fit_linear_probe(s.train, s.train_labels, 4, {.epochs = 3, .seed = 9})
                       .logits(s.test);
  const Tensor b = models::fit_linear_probe(s.train, s.train_labels, 4, {.epochs = 3, .seed = 9})
                       .logits(s.test);
  CHECK(std::equal(a.values().begin(), a.values().end(), b.values().begin()));
}

TEST_CASE("accuracy and probes refuse mismatched input") {
  const Tensor logits({2, 2}, {0, 1, 1, 0});
  CHECK(models::accuracy(logits, {1, 1}) == doctest::Approx(0.5));
  CHECK_THROWS_WITH_AS(models::accuracy(logits, {1}), doctest::Contains("accuracy: logits"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(models::fit_linear_probe(logits, {0}, 2),
                       doctest::Contains("fit_linear_probe"), std::invalid_argument);
  const models::Standardizer s = models::Standardizer::fit(Tensor({2, 2}, {1, 5, 1, 7}));
  CHECK(s.apply(Tensor({1, 2}, {1, 6})).at({0, 0}) == 0);  // a constant column maps to 0
  CHECK(s.apply(Tensor({1, 2}, {1, 7})).at({0, 1}) == doctest::Approx(1));
  CHECK_THROWS_WITH_AS(s.apply(Tensor::zeros({1, 3})), doctest::Contains("Standardizer::apply"),
                       std::invalid_argument);
}
