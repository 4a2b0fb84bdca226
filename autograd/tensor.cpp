#include "autograd/tensor.hpp"

#include <algorithm>
#include <stdexcept>

namespace autograd {

namespace {
std::shared_ptr<TensorImpl> make_impl(Shape shape, std::vector<Scalar> values) {
  auto impl = std::make_shared<TensorImpl>();
  impl->shape = std::move(shape);
  impl->storage = std::make_shared<std::vector<Scalar>>(std::move(values));
  return impl;
}
}  // namespace

Tensor::Tensor(Shape shape, std::vector<Scalar> values, bool requires_grad) {
  check_shape("Tensor", shape);
  if (static_cast<int64_t>(values.size()) != autograd::numel(shape))
    throw std::invalid_argument("Tensor: shape " + to_string(shape) + " holds " +
                                std::to_string(autograd::numel(shape)) + " values but " +
                                std::to_string(values.size()) + " were given");
  impl_ = make_impl(std::move(shape), std::move(values));
  impl_->requires_grad = requires_grad;
}

Tensor Tensor::full(const Shape& shape, Scalar value, bool requires_grad) {
  check_shape("Tensor::full", shape);
  return Tensor(shape, std::vector<Scalar>(autograd::numel(shape), value), requires_grad);
}
Tensor Tensor::zeros(const Shape& shape, bool requires_grad) { return full(shape, 0, requires_grad); }
Tensor Tensor::ones(const Shape& shape, bool requires_grad) { return full(shape, 1, requires_grad); }
Tensor Tensor::scalar(Scalar value, bool requires_grad) { return full({}, value, requires_grad); }
Tensor Tensor::empty(const Shape& shape) { return full(shape, 0); }

TensorImpl& Tensor::impl() const {
  if (!impl_) throw std::logic_error("Tensor: use of an undefined tensor");
  return *impl_;
}

int64_t Tensor::size(int64_t axis) const {
  return shape()[normalize_axis("Tensor::size", axis, dim())];
}

Scalar Tensor::item() const {
  if (numel() != 1)
    throw std::invalid_argument("item: tensor of shape " + to_string(shape()) +
                                " has more than one element");
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
  if (grad.empty()) grad.assign(impl().storage->size(), Scalar(0));
  return grad;
}

Tensor Tensor::clone() const { return Tensor(shape(), *impl().storage); }

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
