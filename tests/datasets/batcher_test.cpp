#include "datasets/batcher.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "autograd/ops.hpp"
#include "autograd/tape.hpp"
#include "datasets/binarize.hpp"

using datasets::Batch;
using datasets::Batcher;

namespace {
// n examples of dimension 3: example i holds i, i + 0.25, i + 0.5; its label is i % 4.
datasets::VectorDataset counting(int64_t n) {
  datasets::VectorDataset data;
  data.count = n;
  data.dim = 3;
  for (int64_t i = 0; i < n; ++i) {
    for (float offset : {0.0f, 0.25f, 0.5f}) data.values.push_back(static_cast<float>(i) + offset);
    data.labels.push_back(static_cast<int>(i % 4));
  }
  return data;
}

std::vector<int64_t> epoch_order(Batcher& batcher) {
  std::vector<int64_t> order;
  for (const Batch& batch : batcher.next_epoch())
    order.insert(order.end(), batch.indices.begin(), batch.indices.end());
  return order;
}
}  // namespace

TEST_CASE("batches gather the right rows and labels, cover every example once per epoch") {
  const datasets::VectorDataset data = counting(10);
  Batcher batcher(data, {.batch_size = 4, .seed = 3});
  CHECK(batcher.batches_per_epoch() == 3);
  std::vector<int64_t> sizes, seen;
  for (const Batch& batch : batcher.next_epoch()) {
    sizes.push_back(batch.size());
    CHECK(batch.inputs.shape() == autograd::Shape{batch.size(), 3});
    for (int64_t r = 0; r < batch.size(); ++r) {
      const int64_t i = batch.indices[r];
      CHECK(batch.inputs.at({r, 0}) == static_cast<float>(i));
      CHECK(batch.inputs.at({r, 2}) == static_cast<float>(i) + 0.5f);
      CHECK(batch.labels[r] == i % 4);
      seen.push_back(i);
    }
  }
  CHECK(sizes == std::vector<int64_t>{4, 4, 2});
  std::vector<int64_t> identity(10);
  std::iota(identity.begin(), identity.end(), 0);
  CHECK(seen != identity);  // shuffled
  std::sort(seen.begin(), seen.end());
  CHECK(seen == identity);
}

TEST_CASE(
    "seeded order: same seed same epochs, each epoch a new order; no shuffle keeps dataset order") {
  const datasets::VectorDataset data = counting(50);
  Batcher a(data, {.batch_size = 8, .seed = 11}), b(data, {.batch_size = 8, .seed = 11}),
      c(data, {.batch_size = 8, .seed = 12});
  const auto a1 = epoch_order(a), a2 = epoch_order(a);
  CHECK(a1 == epoch_order(b));
  CHECK(a2 == epoch_order(b));
  CHECK(a1 != a2);
  CHECK(a1 != epoch_order(c));
  CHECK(a.epochs_started() == 2);

  Batcher plain(data, {.batch_size = 8, .shuffle = false});
  std::vector<int64_t> identity(50);
  std::iota(identity.begin(), identity.end(), 0);
  CHECK(epoch_order(plain) == identity);
  CHECK(epoch_order(plain) == identity);
}

TEST_CASE("the last partial batch is kept or dropped") {
  const datasets::VectorDataset data = counting(10);
  Batcher keep(data, {.batch_size = 3}), drop(data, {.batch_size = 3, .drop_last = true}),
      exact(data, {.batch_size = 5, .drop_last = true});
  CHECK(keep.batches_per_epoch() == 4);
  CHECK(drop.batches_per_epoch() == 3);
  CHECK(exact.batches_per_epoch() == 2);
  CHECK(epoch_order(drop).size() == 9);
  Batcher empty(counting(0), {.batch_size = 3});
  CHECK(empty.batches_per_epoch() == 0);
  CHECK(epoch_order(empty).empty());
}

TEST_CASE("the batch buffer is reused only when nobody else holds it") {
  const datasets::VectorDataset data = counting(40);
  Batcher batcher(data, {.batch_size = 8, .seed = 1});
  batcher.next_epoch();
  const autograd::Scalar* first = batcher.batch(0).inputs.data();
  CHECK(batcher.batch(1).inputs.data() == first);  // nobody kept batch 0: same buffer

  const autograd::Tensor kept = batcher.batch(2).inputs;
  const std::vector<autograd::Scalar> kept_values(kept.values().begin(), kept.values().end());
  const Batch& next = batcher.batch(3);
  CHECK(next.inputs.data() != kept.data());  // a fresh buffer; the kept batch is untouched
  CHECK(std::equal(kept_values.begin(), kept_values.end(), kept.values().begin()));

  // A batch used by a recorded op stays on the tape until it is cleared.
  autograd::Tensor w = autograd::Tensor::ones({3, 1}, true);
  const autograd::Scalar* on_tape = batcher.batch(4).inputs.data();
  const autograd::Tensor y = autograd::matmul(batcher.batch(4).inputs, w);
  CHECK(batcher.batch(1).inputs.data() != on_tape);
  autograd::clear_tape();
}

TEST_CASE("binarization: threshold, one fixed sample, a fresh sample per epoch") {
  datasets::ImageDataset images;
  images.count = 200;
  images.rows = 1;
  images.cols = 5;
  for (int i = 0; i < 200; ++i)
    for (float p : {0.0f, 0.2f, 0.5f, 0.9f, 1.0f}) images.images.push_back(p);

  const datasets::ImageDataset thresholded = datasets::binarize_threshold(images, 0.5f);
  CHECK(std::vector<float>(thresholded.images.begin(), thresholded.images.begin() + 5) ==
        std::vector<float>{0, 0, 0, 1, 1});

  autograd::Generator generator(5);
  const datasets::ImageDataset sampled = datasets::binarize_sample(images, generator);
  double ones_at_02 = 0;
  for (int i = 0; i < 200; ++i) {
    CHECK(sampled.images[i * 5] == 0.0f);
    CHECK(sampled.images[i * 5 + 4] == 1.0f);
    ones_at_02 += sampled.images[i * 5 + 1];
  }
  CHECK(ones_at_02 / 200 == doctest::Approx(0.2).epsilon(0.3));

  Batcher dynamic(images, {.batch_size = 200, .dynamic_binarization = true, .seed = 2});
  Batcher plain(images, {.batch_size = 200, .seed = 2});
  std::vector<autograd::Scalar> epochs[2];
  for (auto& values : epochs) {
    const Batch& batch = *dynamic.next_epoch().begin();
    values.assign(batch.inputs.values().begin(), batch.inputs.values().end());
    CHECK(batch.indices == (*plain.next_epoch().begin()).indices);  // noise never changes the order
    for (autograd::Scalar v : values) CHECK((v == 0 || v == 1));
    double mean_09 = 0;
    for (int r = 0; r < 200; ++r) mean_09 += values[r * 5 + 3];
    CHECK(mean_09 / 200 == doctest::Approx(0.9).epsilon(0.1));
  }
  CHECK(epochs[0] != epochs[1]);
}

TEST_CASE("Batcher rejects inconsistent inputs") {
  datasets::VectorDataset data = counting(5);
  CHECK_THROWS_AS(Batcher(data, {.batch_size = 0}), std::invalid_argument);
  data.labels.pop_back();
  CHECK_THROWS_WITH_AS(Batcher(data, {}), doctest::Contains("4 labels for 5 examples"),
                       std::invalid_argument);
  Batcher batcher(counting(5), {.batch_size = 2});
  CHECK_THROWS_AS(batcher.batch(0), std::logic_error);
  batcher.next_epoch();
  CHECK_THROWS_AS(batcher.batch(3), std::out_of_range);
}
