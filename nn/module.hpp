#pragma once
// Module: the unit models are built from. A module owns named parameters (leaf tensors that
// require a gradient) and named submodules, so every parameter of a model has a path such as
// "encoder.fc1.weight". named_parameters() lists them depth-first in registration order, the
// same order on every run: optimizers and checkpoints rely on it.
//
// A concrete layer registers its tensors in its constructor and keeps the returned handles as
// members; its forward() is ordinary autograd code. Layer is a module with one tensor in and one
// tensor out, which is what Sequential chains.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "autograd/tensor.hpp"

namespace nn {

using autograd::Tensor;
using NamedTensors = std::vector<std::pair<std::string, Tensor>>;

class Module {
 public:
  Module() = default;
  virtual ~Module() = default;
  // Copying would share parameters under two owners by accident; models are held by pointer.
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  NamedTensors named_parameters() const;
  std::vector<Tensor> parameters() const;
  int64_t parameter_count() const;  // total number of scalars
  const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& children() const {
    return children_;
  }

  // Training mode (the default) turns dropout on; eval() turns it off. Applies to all submodules.
  void train(bool on = true);
  void eval() { train(false); }
  bool is_training() const { return training_; }

  void zero_grad();  // drops every parameter's gradient

 protected:
  // Names are non-empty, contain no '.', and are unique within this module. The tensor becomes a
  // leaf that requires a gradient; the returned handle shares its storage.
  Tensor register_parameter(const std::string& name, Tensor value);
  template <class M>
  std::shared_ptr<M> register_module(const std::string& name, std::shared_ptr<M> module) {
    add_child(name, module);
    return module;
  }

 private:
  void check_new_name(const std::string& name) const;
  void add_child(const std::string& name, std::shared_ptr<Module> module);
  void collect_parameters(const std::string& prefix, NamedTensors& out) const;

  NamedTensors parameters_;
  std::vector<std::pair<std::string, std::shared_ptr<Module>>> children_;
  bool training_ = true;
};

class Layer : public Module {
 public:
  virtual Tensor forward(const Tensor& x) = 0;
  Tensor operator()(const Tensor& x) { return forward(x); }
};

}  // namespace nn
