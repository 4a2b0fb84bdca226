#pragma once
// Tensor: a cheap handle to a row-major N-d array of Scalar (float32; float64 in the
// gradient-check build). Copying a Tensor copies the handle, not the numbers; clone() copies
// the numbers. Views made by reshape() and detach() share the storage of their source.
//
// A tensor that requires a gradient gets one in grad() when backward() reaches it. Tensors made
// by ops remember where on the tape they were recorded (see tape.hpp), so backward can start
// from them and misuse after the tape is cleared is detected instead of dangling.
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "autograd/scalar.hpp"
#include "autograd/shape.hpp"

namespace autograd {

class Tensor;

// Runs when a tensor's gradient is complete during backward. It may return a replacement
// gradient of the same shape, or an undefined Tensor{} to keep the gradient as it is.
using GradHook = std::function<Tensor(const Tensor& grad)>;

struct TensorImpl {
  Shape shape;
  std::shared_ptr<std::vector<Scalar>> storage;
  std::vector<Scalar> grad;  // empty until a gradient arrives
  bool requires_grad = false;
  bool retains_grad = false;  // keep the gradient of a non-leaf after backward
  int64_t node = -1;          // index of the tape node that produced it; -1 for a leaf
  uint64_t generation = 0;    // the tape's generation when that node was recorded
  std::vector<GradHook> hooks;
  std::vector<std::function<void()>> ready_hooks;  // leaves: see Tensor::register_ready_hook
  std::string name;                     // optional label, shown by graph export and error messages
  std::shared_ptr<TensorImpl> tangent;  // forward mode: its direction inside jvp(), else null

  void drop_grad();  // empties grad; a large buffer goes back to the pool for reuse (tensor.cpp)
};

// A gradient buffer handed to backward code that writes every element at once (a gemm, a full
// elementwise loop). A fresh buffer was just made and holds unspecified values: overwrite it
// (`=`, gemm beta = 0). Otherwise add to it (`+=`, beta = 1). This spares zeroing a buffer only
// to add into it.
struct GradBuffer {
  std::span<Scalar> values;
  bool fresh;
};

class Tensor {
 public:
  Tensor() = default;  // undefined: holds nothing
  Tensor(Shape shape, std::vector<Scalar> values, bool requires_grad = false);

  static Tensor zeros(const Shape& shape, bool requires_grad = false);
  static Tensor ones(const Shape& shape, bool requires_grad = false);
  static Tensor full(const Shape& shape, Scalar value, bool requires_grad = false);
  static Tensor scalar(Scalar value, bool requires_grad = false);
  // A tensor with room for numel(shape) values, contents unspecified: for op outputs. Large
  // buffers are recycled from tensors that died (see tensor.cpp), so steady-state training steps
  // do not allocate them anew.
  static Tensor empty(const Shape& shape);

  bool defined() const { return impl_ != nullptr; }
  const Shape& shape() const { return impl().shape; }
  int64_t dim() const { return static_cast<int64_t>(impl().shape.size()); }
  int64_t size(int64_t axis) const;
  int64_t numel() const { return static_cast<int64_t>(impl().storage->size()); }

  // A const handle still reaches mutable numbers, as a const shared_ptr does.
  Scalar* data() const { return impl().storage->data(); }
  std::span<Scalar> values() const { return *impl().storage; }
  Scalar item() const;                                    // the value of a one-element tensor
  Scalar at(std::initializer_list<int64_t> index) const;  // bounds-checked element read

  bool requires_grad() const { return impl().requires_grad; }
  Tensor& set_requires_grad(bool on);  // leaves only
  bool is_leaf() const { return impl().node < 0; }
  Tensor& retain_grad();

  bool has_grad() const { return !impl().grad.empty(); }
  Tensor grad() const;                    // a copy of the gradient; zeros if none arrived yet
  std::span<Scalar> grad_values() const;  // the gradient buffer, allocated as zeros on first use
  GradBuffer grad_buffer() const;         // the same buffer, not zeroed when fresh (see above)
  void zero_grad() const { impl().drop_grad(); }

  Tensor clone() const;   // new storage, same values, no history
  Tensor detach() const;  // same storage, no history, no gradient

  // Forward mode (forward_mode.hpp): the tangent this tensor carries inside jvp(); undefined
  // when it carries none.
  Tensor tangent() const { return Tensor(impl().tangent); }

  Tensor& set_name(std::string name);
  const std::string& name() const { return impl().name; }
  void register_hook(GradHook hook) { impl().hooks.push_back(std::move(hook)); }
  // A leaf's ready hook runs during backward() as soon as nothing more can flow into its
  // gradient in this sweep (the earliest node on the tape that reads it has run), while the
  // sweep goes on; it reads the leaf's accumulated .grad (as PyTorch's post-accumulate-grad
  // hooks). Data-parallel training starts sending a gradient there (nn/data_parallel.hpp).
  void register_ready_hook(std::function<void()> hook) {
    impl().ready_hooks.push_back(std::move(hook));
  }

  TensorImpl& impl() const;
  const std::shared_ptr<TensorImpl>& impl_ptr() const { return impl_; }
  explicit Tensor(std::shared_ptr<TensorImpl> impl) : impl_(std::move(impl)) {}
  bool same_as(const Tensor& other) const { return impl_ == other.impl_; }

 private:
  std::shared_ptr<TensorImpl> impl_;
};

std::string describe(const Tensor& t);  // "float32[2, 3]" plus the name if any

}  // namespace autograd
