#include "nn/checkpoint.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>

namespace nn {

namespace {

const std::string kModel = "model.", kOptimizer = "optimizer.", kSteps = "optimizer.steps",
                  kGenerator = "generator";

[[noreturn]] void refuse(const std::string& path, const std::string& what) {
  throw std::runtime_error("checkpoint '" + path + "': " + what);
}

bool starts_with(const std::string& name, const std::string& prefix) {
  return name.rfind(prefix, 0) == 0;
}

// The tensors the file must hold, under their file names, as handles to copy into.
NamedTensors expected_tensors(const Module& model, const Optimizer* optimizer) {
  NamedTensors expected;
  for (const auto& [name, p] : model.named_parameters()) expected.emplace_back(kModel + name, p);
  if (optimizer)
    for (const auto& [name, s] : optimizer->state()) expected.emplace_back(kOptimizer + name, s);
  return expected;
}

const std::vector<uint64_t>& find_integers(const std::string& path, const NamedIntegers& integers,
                                           const std::string& name, size_t size) {
  const auto it = std::find_if(integers.begin(), integers.end(),
                               [&](const auto& e) { return e.first == name; });
  if (it == integers.end()) refuse(path, "'" + name + "' is missing from the file");
  if (it->second.size() != size)
    refuse(path, "'" + name + "' holds " + std::to_string(it->second.size()) +
                     " integers, expected " + std::to_string(size));
  return it->second;
}

// Where a non-finite value is, or "" when there is none.
std::string first_non_finite(const NamedTensors& tensors) {
  for (const auto& [name, tensor] : tensors) {
    const auto values = tensor.values();
    const auto bad = std::find_if(values.begin(), values.end(),
                                  [](autograd::Scalar v) { return !std::isfinite(v); });
    if (bad != values.end())
      return "'" + name + "' holds " + (std::isnan(*bad) ? "a NaN" : "an infinity") +
             " at element " + std::to_string(bad - values.begin());
  }
  return "";
}

std::string numbered(const std::string& path, int k) {
  return k == 0 ? path : path + "." + std::to_string(k);
}

// <path>.(keep-2) -> <path>.(keep-1), ..., <path> -> <path>.1 (a hard link, so <path> itself
// stays until the atomic write replaces it: a crash in between loses nothing).
void rotate(const std::string& path, int keep) {
  namespace fs = std::filesystem;
  if (keep < 2 || !fs::exists(path)) return;
  std::error_code error;
  for (int k = keep - 2; k >= 1; --k)
    if (fs::exists(numbered(path, k))) fs::rename(numbered(path, k), numbered(path, k + 1), error);
  fs::remove(numbered(path, 1), error);
  fs::create_hard_link(path, numbered(path, 1), error);
  if (error) fs::copy_file(path, numbered(path, 1), fs::copy_options::overwrite_existing, error);
  if (error)
    refuse(path, "cannot keep the previous file as " + numbered(path, 1) + ": " + error.message());
}

}  // namespace

void save_checkpoint(const std::string& path, const Module& model, const Optimizer* optimizer,
                     const autograd::Generator* generator, const CheckpointWriteOptions& options) {
  CheckpointContents contents;
  contents.tensors = expected_tensors(model, optimizer);
  if (optimizer)
    contents.integers.emplace_back(kSteps,
                                   std::vector<uint64_t>{uint64_t(optimizer->step_count())});
  if (generator) contents.integers.emplace_back(kGenerator, generator->state());
  if (options.keep < 1)
    refuse(path, "keep must be at least 1, got " + std::to_string(options.keep));
  const std::string bad = first_non_finite(contents.tensors);
  if (!bad.empty()) refuse(path, bad + "; not written, so the previous checkpoint stays as it was");
  rotate(path, options.keep);
  write_checkpoint(path, contents, options);
}

std::string newest_good_checkpoint(const std::string& path, int keep, std::ostream& skipped) {
  std::string tried;
  for (int k = 0; k < std::max(keep, 1); ++k) {
    const std::string candidate = numbered(path, k);
    if (!std::filesystem::exists(candidate)) continue;
    try {
      const std::string bad = first_non_finite(read_checkpoint(candidate).tensors);
      if (bad.empty()) return candidate;
      skipped << "skipped checkpoint " << candidate << ": " << bad << "\n";
      tried += " " + candidate;
    } catch (const std::runtime_error& e) {
      skipped << "skipped " << e.what() << "\n";
      tried += " " + candidate;
    }
  }
  refuse(path, tried.empty() ? "no such file (nor any kept copy " + path + ".1, ...)"
                             : "no kept copy reads back whole and finite (tried" + tried + ")");
}

void load_checkpoint(const std::string& path, Module& model, Optimizer* optimizer,
                     autograd::Generator* generator) {
  const CheckpointContents file = read_checkpoint(path);
  const NamedTensors expected = expected_tensors(model, optimizer);

  std::map<std::string, const Tensor*> stored;
  for (const auto& [name, tensor] : file.tensors) {
    if (!stored.emplace(name, &tensor).second) refuse(path, "tensor '" + name + "' appears twice");
    const bool checked = starts_with(name, kModel) || (optimizer && starts_with(name, kOptimizer));
    // An init-capture: clang 14 (the fuzz build) cannot capture a structured binding.
    const bool known = std::any_of(expected.begin(), expected.end(),
                                   [&n = name](const auto& e) { return e.first == n; });
    if (checked && !known)
      refuse(path, "holds '" + name + "', which the " +
                       (starts_with(name, kModel) ? "model" : "optimizer") + " does not have");
  }
  for (const auto& [name, target] : expected) {
    const auto it = stored.find(name);
    if (it == stored.end()) refuse(path, "'" + name + "' is missing from the file");
    if (it->second->shape() != target.shape())
      refuse(path, "'" + name + "' has shape " + autograd::to_string(it->second->shape()) +
                       " in the file but " + autograd::to_string(target.shape()) + " here");
  }
  const uint64_t steps = optimizer ? find_integers(path, file.integers, kSteps, 1)[0] : 0;
  if (steps > static_cast<uint64_t>(INT64_MAX)) refuse(path, "'" + kSteps + "' is out of range");
  const std::vector<uint64_t> generator_state =
      generator ? find_integers(path, file.integers, kGenerator, generator->state().size())
                : std::vector<uint64_t>{};

  // Everything checked: now copy.
  for (const auto& [name, target] : expected) {
    const Tensor& source = *stored.at(name);
    std::copy(source.values().begin(), source.values().end(), target.values().begin());
  }
  if (optimizer) optimizer->set_step_count(static_cast<int64_t>(steps));
  if (generator) generator->set_state(generator_state);
}

}  // namespace nn
