#include "datasets/batcher.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "autograd/runtime/parallel.hpp"

namespace datasets {

namespace {

constexpr int64_t kRowsPerPiece = 16;  // a piece of a batch worth a thread: 16 images, ~50 KB

// A buffer may be overwritten only if this handle is the last one to it and to its storage.
bool is_exclusively_held(const autograd::Tensor& t) {
  return t.defined() && t.impl_ptr().use_count() == 1 && t.impl().storage.use_count() == 1;
}
}  // namespace

ExampleView view(const ImageDataset& images) {
  return {images.images, images.labels, images.count, images.pixels()};
}

ExampleView view(const VectorDataset& vectors) {
  return {vectors.values, vectors.labels, vectors.count, vectors.dim};
}

Batcher::Batcher(ExampleView examples, BatchOptions options)
    : examples_(examples),
      options_(options),
      order_generator_(options.seed),
      noise_generator_(options.seed ^ 0x6a09e667f3bcc909ull) {
  if (options.batch_size < 1)
    throw std::invalid_argument("Batcher: batch_size must be at least 1, got " +
                                std::to_string(options.batch_size));
  if (examples.count < 0 || examples.dim < 0 ||
      examples.values.size() != static_cast<size_t>(examples.count * examples.dim))
    throw std::invalid_argument("Batcher: " + std::to_string(examples.values.size()) +
                                " values for " + std::to_string(examples.count) +
                                " examples of dimension " + std::to_string(examples.dim));
  if (!examples.labels.empty() && examples.labels.size() != static_cast<size_t>(examples.count))
    throw std::invalid_argument("Batcher: " + std::to_string(examples.labels.size()) +
                                " labels for " + std::to_string(examples.count) + " examples");
}

// Bernoulli(p) for each value, p compared with a 24-bit uniform (exact in float, finer than the
// 1/255 steps of a pixel). This is the per-epoch cost of dynamic binarization, so each 64-bit draw
// serves two values and the comparison loop is branch-free (random outcomes mispredict).
void Batcher::binarize_row(const float* p, autograd::Scalar* out, int64_t dim) {
  noise_.resize(static_cast<size_t>(dim) + 1);
  for (int64_t d = 0; d < dim; d += 2) {
    const uint64_t bits = noise_generator_.next_u64();
    noise_[d] = static_cast<uint32_t>(bits >> 40);
    noise_[d + 1] = static_cast<uint32_t>(bits >> 8) & 0xffffffu;
  }
  constexpr float kStep = 0x1.0p-24f;
  for (int64_t d = 0; d < dim; ++d)
    out[d] = static_cast<autograd::Scalar>(static_cast<float>(noise_[d]) * kStep < p[d]);
}

int64_t Batcher::batches_per_epoch() const {
  const int64_t full = examples_.count / options_.batch_size;
  const bool partial = examples_.count % options_.batch_size != 0;
  return full + (partial && !options_.drop_last ? 1 : 0);
}

Batcher::Epoch Batcher::next_epoch() {
  if (options_.shuffle) {
    order_ = order_generator_.permutation(examples_.count);
  } else if (order_.empty()) {
    order_.resize(static_cast<size_t>(examples_.count));
    for (int64_t i = 0; i < examples_.count; ++i) order_[i] = i;
  }
  ++epoch_;
  return Epoch(this);
}

const Batch& Batcher::batch(int64_t b) {
  if (epoch_ == 0) throw std::logic_error("Batcher::batch: call next_epoch() first");
  if (b < 0 || b >= batches_per_epoch())
    throw std::out_of_range("Batcher::batch: batch " + std::to_string(b) + " of an epoch of " +
                            std::to_string(batches_per_epoch()));
  const int64_t begin = b * options_.batch_size;
  const int64_t size = std::min(options_.batch_size, examples_.count - begin);
  const int64_t dim = examples_.dim;
  batch_.indices.assign(order_.begin() + begin, order_.begin() + begin + size);

  const autograd::Shape shape{size, dim};
  if (!is_exclusively_held(batch_.inputs) || batch_.inputs.shape() != shape)
    batch_.inputs = autograd::Tensor::empty(shape);
  autograd::Scalar* out = batch_.inputs.data();
  const auto row_of = [&](int64_t r) { return examples_.values.data() + batch_.indices[r] * dim; };
  if (options_.dynamic_binarization) {
    for (int64_t r = 0; r < size; ++r) binarize_row(row_of(r), out + r * dim, dim);
  } else {  // a plain gather: the rows are scattered over the dataset, so both cores share misses
    autograd::parallel_for(0, size, kRowsPerPiece, [&](int64_t lo, int64_t hi) {
      for (int64_t r = lo; r < hi; ++r) std::copy_n(row_of(r), dim, out + r * dim);
    });
  }
  batch_.labels.clear();
  if (!examples_.labels.empty())
    for (int64_t index : batch_.indices) batch_.labels.push_back(examples_.labels[index]);
  return batch_;
}

}  // namespace datasets
