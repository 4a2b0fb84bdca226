#pragma once
// Minibatches: each epoch visits the examples in a fresh seeded order, batch_size at a time.
//
//   datasets::Batcher batcher(train, {.batch_size = 128, .seed = 1});
//   for (int epoch = 0; epoch < 10; ++epoch)
//     for (const datasets::Batch& batch : batcher.next_epoch())
//       train_step(batch.inputs, batch.labels);  // inputs: Tensor [B, D]
//
// Nothing is copied per epoch but an index permutation: a batch gathers its rows from the shared
// dataset into a [B, D] tensor of the engine's Scalar. That tensor's buffer is reused by the next
// batch when nothing else holds it any more (the caller's copies are gone and the tape that used it
// was cleared); otherwise a new one is allocated, so a batch still on the tape is never
// overwritten.
#include <cstdint>
#include <span>
#include <vector>

#include "autograd/random.hpp"
#include "autograd/tensor.hpp"
#include "datasets/blobs.hpp"
#include "datasets/idx.hpp"

namespace datasets {

// A read-only view of `count` examples of `dim` values, with optional labels. The batcher holds
// only this view: the dataset must outlive it.
struct ExampleView {
  std::span<const float> values;  // count x dim
  std::span<const int> labels;    // count entries, or empty
  int64_t count = 0;
  int64_t dim = 0;
};
ExampleView view(const ImageDataset& images);
ExampleView view(const VectorDataset& vectors);

struct BatchOptions {
  int64_t batch_size = 128;
  bool shuffle = true;     // a fresh permutation every epoch; off: dataset order
  bool drop_last = false;  // drop the final batch when it is smaller than batch_size
  // Every value p (a pixel in [0, 1]) is replaced by a fresh Bernoulli(p) sample each time it is
  // batched: dynamic binarization. Drawn from its own stream, so it never changes the order.
  bool dynamic_binarization = false;
  uint64_t seed = 0;
};

struct Batch {
  autograd::Tensor inputs;       // [size, dim]
  std::vector<int> labels;       // size entries; empty when the dataset has no labels
  std::vector<int64_t> indices;  // the examples' positions in the dataset
  int64_t size() const { return static_cast<int64_t>(indices.size()); }
};

class Batcher {
 public:
  Batcher(ExampleView examples, BatchOptions options);
  Batcher(const ImageDataset& images, BatchOptions options) : Batcher(view(images), options) {}
  Batcher(const VectorDataset& vectors, BatchOptions options) : Batcher(view(vectors), options) {}

  int64_t batches_per_epoch() const;
  int64_t epochs_started() const { return epoch_; }
  const BatchOptions& options() const { return options_; }

  // Starts a new epoch (drawing its order) and returns its batches for a range-for loop.
  class Epoch;
  Epoch next_epoch();

  // Batch `b` of the current epoch, gathered on each call; valid until the next call.
  const Batch& batch(int64_t b);

 private:
  void binarize_row(const float* p, autograd::Scalar* out, int64_t dim);

  ExampleView examples_;
  BatchOptions options_;
  autograd::Generator order_generator_;
  autograd::Generator noise_generator_;
  std::vector<int64_t> order_;
  int64_t epoch_ = 0;
  Batch batch_;
  std::vector<uint32_t> noise_;  // one row of 24-bit uniforms for dynamic binarization
};

class Batcher::Epoch {
 public:
  class Iterator {
   public:
    Iterator(Batcher* batcher, int64_t b) : batcher_(batcher), b_(b) {}
    const Batch& operator*() const { return batcher_->batch(b_); }
    Iterator& operator++() {
      ++b_;
      return *this;
    }
    bool operator!=(const Iterator& other) const { return b_ != other.b_; }

   private:
    Batcher* batcher_;
    int64_t b_;
  };
  explicit Epoch(Batcher* batcher) : batcher_(batcher) {}
  Iterator begin() const { return {batcher_, 0}; }
  Iterator end() const { return {batcher_, batcher_->batches_per_epoch()}; }

 private:
  Batcher* batcher_;
};

}  // namespace datasets
