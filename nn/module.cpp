#include "nn/module.hpp"

#include <stdexcept>

namespace nn {

void Module::check_new_name(const std::string& name) const {
  if (name.empty() || name.find('.') != std::string::npos)
    throw std::invalid_argument("Module: name '" + name +
                                "' must be non-empty and contain no '.' (dots join path parts)");
  for (const auto& [existing, tensor] : parameters_)
    if (existing == name)
      throw std::invalid_argument("Module: parameter '" + name + "' already registered");
  for (const auto& [existing, module] : children_)
    if (existing == name)
      throw std::invalid_argument("Module: submodule '" + name + "' already registered");
}

Tensor Module::register_parameter(const std::string& name, Tensor value) {
  check_new_name(name);
  if (!value.defined())
    throw std::invalid_argument("Module: parameter '" + name + "' is undefined");
  if (!value.is_leaf())
    throw std::invalid_argument("Module: parameter '" + name +
                                "' was made by an op; register a leaf (clone() or detach() it)");
  value.set_requires_grad(true);
  if (value.name().empty()) value.set_name(name);
  parameters_.emplace_back(name, value);
  return value;
}

void Module::add_child(const std::string& name, std::shared_ptr<Module> module) {
  check_new_name(name);
  if (!module) throw std::invalid_argument("Module: submodule '" + name + "' is null");
  module->train(training_);
  children_.emplace_back(name, std::move(module));
}

void Module::collect_parameters(const std::string& prefix, NamedTensors& out) const {
  for (const auto& [name, tensor] : parameters_) out.emplace_back(prefix + name, tensor);
  for (const auto& [name, module] : children_) module->collect_parameters(prefix + name + ".", out);
}

NamedTensors Module::named_parameters() const {
  NamedTensors out;
  collect_parameters("", out);
  return out;
}

std::vector<Tensor> Module::parameters() const {
  std::vector<Tensor> out;
  for (auto& [name, tensor] : named_parameters()) out.push_back(tensor);
  return out;
}

int64_t Module::parameter_count() const {
  int64_t count = 0;
  for (const auto& [name, tensor] : named_parameters()) count += tensor.numel();
  return count;
}

void Module::train(bool on) {
  training_ = on;
  for (auto& [name, module] : children_) module->train(on);
}

void Module::zero_grad() {
  for (auto& [name, tensor] : named_parameters()) tensor.zero_grad();
}

}  // namespace nn
