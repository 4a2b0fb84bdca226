// Fuzz target of the checkpoint reader and loader: refusals are std::runtime_errors; every tensor
// read has as many values as its shape says; a refused load leaves the model and the optimizer
// exactly as they were (loading is all or nothing).
#include <zlib.h>

#include <cstring>
#include <vector>

#include "autograd/random.hpp"
#include "nn/adam.hpp"
#include "nn/checkpoint.hpp"
#include "nn/mlp.hpp"
#include "tests/fuzz/input_file.hpp"
#include "tests/fuzz/targets.hpp"

namespace fuzz {

namespace {

constexpr size_t kSizeField = 16, kHeaderBytes = 24, kChecksumBytes = 4;  // nn/README.md

// Makes the size field and the trailing CRC-32 agree with the bytes, as a writer would.
void seal(std::vector<uint8_t>& file) {
  if (file.size() < kHeaderBytes + kChecksumBytes) return;
  const uint64_t total = file.size();
  std::memcpy(file.data() + kSizeField, &total, sizeof total);
  const size_t body = file.size() - kChecksumBytes;
  const uint32_t crc = static_cast<uint32_t>(crc32_z(crc32_z(0, nullptr, 0), file.data(), body));
  std::memcpy(file.data() + body, &crc, sizeof crc);
}

// The bytes of the values, so that a NaN loaded earlier compares equal to itself.
std::vector<unsigned char> snapshot(const nn::NamedTensors& tensors) {
  std::vector<unsigned char> all;
  for (const auto& [name, t] : tensors) {
    const auto* p = reinterpret_cast<const unsigned char*>(t.data());
    all.insert(all.end(), p, p + t.numel() * sizeof(autograd::Scalar));
  }
  return all;
}

// The model every input is loaded into; the seed corpus holds its saved checkpoints.
struct Target {
  autograd::Generator generator{7};
  std::shared_ptr<nn::Sequential> model = nn::mlp({2, 3, 1}, generator);
  nn::Adam adam{model->named_parameters()};
};

}  // namespace

void checkpoint(std::span<const uint8_t> bytes) {
  if (bytes.empty()) return;
  static InputFile input("checkpoint");
  static Target target;
  std::vector<uint8_t> file(bytes.begin() + 1, bytes.end());
  if (bytes[0] & 1) seal(file);
  const std::string& path = input.hold(file);
  try {
    for (const auto& [name, tensor] : nn::read_checkpoint(path).tensors) {
      // Users multiply extents (numel, strides): even an empty tensor's must not overflow.
      int64_t nonzero = 1;
      for (int64_t extent : tensor.shape())
        expect(extent >= 0 && !__builtin_mul_overflow(nonzero, extent ? extent : 1, &nonzero),
               "tensor '" + name + "' has extents whose product overflows int64");
      expect(tensor.numel() == autograd::numel(tensor.shape()),
             "tensor '" + name + "' has a value count that differs from its shape");
    }
  } catch (const std::runtime_error&) {
  }
  const auto parameters = target.model->named_parameters();
  const auto before = snapshot(parameters), state_before = snapshot(target.adam.state());
  const auto generator_before = target.generator.state();
  const int64_t steps_before = target.adam.step_count();
  try {
    nn::load_checkpoint(path, *target.model, &target.adam, &target.generator);
  } catch (const std::runtime_error&) {
    expect(snapshot(parameters) == before && snapshot(target.adam.state()) == state_before &&
               target.generator.state() == generator_before &&
               target.adam.step_count() == steps_before,
           "a refused checkpoint changed the model, the optimizer or the generator");
  }
}

}  // namespace fuzz
