#include "autograd/tensor.hpp"

#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace autograd {

namespace {

using Storage = std::vector<Scalar>;

// Storage recycling. A training step makes tensors and gradients of the same sizes every
// iteration. Rather than hand a large buffer back to malloc when its last tensor dies or its
// gradient is dropped (for buffers this large that means returning pages to the kernel, and
// faulting them back in, zeroed, on the next step), the pool keeps it by exact size for the next
// buffer of that size. Small buffers are left to malloc,
// which is fast for them; the pool holds at most kMaxPooledBytes and frees what does not fit.
constexpr size_t kMinPooledValues = 4096;
constexpr size_t kMaxPooledBytes = size_t(256) << 20;

class StoragePool {
 public:
  // A free buffer of exactly n values (contents unspecified), or null if there is none.
  std::unique_ptr<Storage> take(size_t n) {
    std::lock_guard lock(mutex_);
    const auto found = free_.find(n);
    if (found == free_.end() || found->second.empty()) return nullptr;
    std::unique_ptr<Storage> storage = std::move(found->second.back());
    found->second.pop_back();
    bytes_ -= n * sizeof(Scalar);
    return storage;
  }
  void give(Storage* storage) {
    const size_t bytes = storage->size() * sizeof(Scalar);
    {
      std::lock_guard lock(mutex_);
      if (bytes_ + bytes <= kMaxPooledBytes) {
        free_[storage->size()].emplace_back(storage);
        bytes_ += bytes;
        return;
      }
    }
    delete storage;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<size_t, std::vector<std::unique_ptr<Storage>>> free_;
  size_t bytes_ = 0;
};

StoragePool& storage_pool() {
  // Never destroyed: tensors held by static objects may die after it would have been.
  static StoragePool* const pool = new StoragePool;
  return *pool;
}

std::shared_ptr<Storage> share(std::unique_ptr<Storage> storage) {
  if (storage->size() < kMinPooledValues) return std::shared_ptr<Storage>(std::move(storage));
  return std::shared_ptr<Storage>(storage.release(),
                                  [](Storage* done) { storage_pool().give(done); });
}

// Gradients are plain vectors owned by their tensor; a large one is parked in the pool when
// dropped and reused, unzeroed, by the next gradient of its size. `zeroed` says whether the
// returned vector is known to hold zeros (a new one).
std::vector<Scalar> take_gradient(size_t n, bool& zeroed) {
  if (n >= kMinPooledValues)
    if (std::unique_ptr<Storage> recycled = storage_pool().take(n)) {
      zeroed = false;
      return std::move(*recycled);
    }
  zeroed = true;
  return std::vector<Scalar>(n);
}

// Room for n values: a recycled buffer (contents unspecified) or a new one.
std::shared_ptr<Storage> acquire_storage(size_t n) {
  if (n >= kMinPooledValues)
    if (std::unique_ptr<Storage> recycled = storage_pool().take(n))
      return share(std::move(recycled));
  return share(std::make_unique<Storage>(n));
}

std::shared_ptr<TensorImpl> make_impl(Shape shape, std::shared_ptr<Storage> storage) {
  auto impl = std::make_shared<TensorImpl>();
  impl->shape = std::move(shape);
  impl->storage = std::move(storage);
  return impl;
}

}  // namespace

Tensor::Tensor(Shape shape, std::vector<Scalar> values, bool requires_grad) {
  check_shape("Tensor", shape);
  if (static_cast<int64_t>(values.size()) != autograd::numel(shape))
    throw std::invalid_argument("Tensor: shape " + to_string(shape) + " holds " +
                                std::to_string(autograd::numel(shape)) + " values but " +
                                std::to_string(values.size()) + " were given");
  impl_ = make_impl(std::move(shape), share(std::make_unique<Storage>(std::move(values))));
  impl_->requires_grad = requires_grad;
}

Tensor Tensor::full(const Shape& shape, Scalar value, bool requires_grad) {
  check_shape("Tensor::full", shape);
  Tensor t(make_impl(shape, acquire_storage(autograd::numel(shape))));
  std::fill(t.values().begin(), t.values().end(), value);
  t.impl_->requires_grad = requires_grad;
  return t;
}
Tensor Tensor::zeros(const Shape& shape, bool requires_grad) { return full(shape, 0, requires_grad); }
Tensor Tensor::ones(const Shape& shape, bool requires_grad) { return full(shape, 1, requires_grad); }
Tensor Tensor::scalar(Scalar value, bool requires_grad) { return full({}, value, requires_grad); }
Tensor Tensor::empty(const Shape& shape) {
  check_shape("Tensor::empty", shape);
  return Tensor(make_impl(shape, acquire_storage(autograd::numel(shape))));
}

TensorImpl& Tensor::impl() const {
  if (!impl_) throw std::logic_error("Tensor: use of an undefined tensor");
  return *impl_;
}

int64_t Tensor::size(int64_t axis) const {
  return shape()[normalize_axis("Tensor::size", axis, dim())];
}

Scalar Tensor::item() const {
  if (numel() != 1)
    throw std::invalid_argument("item: tensor of shape " + to_string(shape()) + " has " +
                                std::to_string(numel()) + " elements, not one");
  return data()[0];
}

Scalar Tensor::at(std::initializer_list<int64_t> index) const {
  if (static_cast<int64_t>(index.size()) != dim())
    throw std::invalid_argument("at: " + std::to_string(index.size()) +
                                " indices for a tensor of shape " + to_string(shape()));
  int64_t flat = 0, axis = 0;
  for (int64_t i : index) {
    if (i < 0 || i >= shape()[axis])
      throw std::out_of_range("at: index " + std::to_string(i) + " out of range on axis " +
                              std::to_string(axis) + " of shape " + to_string(shape()));
    flat = flat * shape()[axis++] + i;
  }
  return data()[flat];
}

Tensor& Tensor::set_requires_grad(bool on) {
  if (!is_leaf())
    throw std::logic_error("set_requires_grad: " + describe(*this) +
                           " was made by an op; only leaves can change it (use detach())");
  impl().requires_grad = on;
  return *this;
}

Tensor& Tensor::retain_grad() {
  impl().retains_grad = true;
  return *this;
}

Tensor Tensor::grad() const {
  if (impl().grad.empty()) return zeros(shape());
  return Tensor(shape(), impl().grad);
}

std::span<Scalar> Tensor::grad_values() const {
  auto& grad = impl().grad;
  if (grad.empty()) {
    bool zeroed = false;
    grad = take_gradient(impl().storage->size(), zeroed);
    if (!zeroed) std::fill(grad.begin(), grad.end(), Scalar(0));
  }
  return grad;
}

GradBuffer Tensor::grad_buffer() const {
  auto& grad = impl().grad;
  if (!grad.empty()) return {grad, false};
  bool zeroed = false;
  grad = take_gradient(impl().storage->size(), zeroed);
  return {grad, true};
}

void TensorImpl::drop_grad() {
  if (grad.size() >= kMinPooledValues) storage_pool().give(new Storage(std::move(grad)));
  grad = std::vector<Scalar>();
}

Tensor Tensor::clone() const {
  Tensor copy = empty(shape());
  std::copy(values().begin(), values().end(), copy.values().begin());
  return copy;
}

Tensor Tensor::detach() const {
  auto copy = std::make_shared<TensorImpl>();
  copy->shape = shape();
  copy->storage = impl().storage;
  return Tensor(copy);
}

Tensor& Tensor::set_name(std::string name) {
  impl().name = std::move(name);
  return *this;
}

std::string describe(const Tensor& t) {
  if (!t.defined()) return "undefined tensor";
  std::string text = (sizeof(Scalar) == 4 ? "float32" : "float64") + to_string(t.shape());
  if (!t.name().empty()) text += " '" + t.name() + "'";
  return text;
}

}  // namespace autograd
