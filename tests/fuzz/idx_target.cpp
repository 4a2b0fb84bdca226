// Fuzz target of the IDX readers: refusals are FormatErrors; what loads has exactly the elements
// its header promises, pixels in [0, 1] and labels in 0..255.
#include <algorithm>

#include "datasets/file_bytes.hpp"
#include "datasets/idx.hpp"
#include "tests/fuzz/input_file.hpp"
#include "tests/fuzz/targets.hpp"

namespace fuzz {

namespace {

uint64_t element_bytes(uint8_t type) {
  switch (type) {
    case 0x08:
    case 0x09:
      return 1;
    case 0x0B:
      return 2;
    case 0x0C:
    case 0x0D:
      return 4;
    case 0x0E:
      return 8;
  }
  throw BrokenInvariant("read_idx accepted element type " + std::to_string(type));
}

}  // namespace

void idx(std::span<const uint8_t> bytes) {
  static InputFile input("idx");
  const std::string& path = input.hold(bytes);
  try {
    const datasets::IdxArray array = datasets::read_idx(path);
    expect(!array.dims.empty(), "read_idx accepted an array without dimensions");
    uint64_t expected = element_bytes(array.element_type);
    for (int64_t extent : array.dims) expected *= static_cast<uint64_t>(extent);
    expect(array.data.size() == expected, "read_idx: payload size differs from the header's");
  } catch (const datasets::FormatError&) {
  }
  try {
    const datasets::ImageDataset set = datasets::load_idx_images(path);
    expect(set.count >= 0 && set.rows >= 0 && set.cols >= 0, "load_idx_images: negative size");
    // Users multiply the sizes (pixels(), offsets of images): no product of them may wrap.
    int64_t pixels, total;
    expect(!__builtin_mul_overflow(set.rows, set.cols, &pixels) &&
               !__builtin_mul_overflow(set.count, pixels, &total),
           "load_idx_images: count x rows x cols overflows int64");
    expect(set.images.size() == static_cast<uint64_t>(total),
           "load_idx_images: pixel count differs from count x rows x cols");
    expect(std::all_of(set.images.begin(), set.images.end(),
                       [](float v) { return v >= 0.0f && v <= 1.0f; }),
           "load_idx_images: a pixel outside [0, 1]");
  } catch (const datasets::FormatError&) {
  }
  try {
    const std::vector<int> labels = datasets::load_idx_labels(path);
    expect(std::all_of(labels.begin(), labels.end(), [](int l) { return l >= 0 && l <= 255; }),
           "load_idx_labels: a label outside 0..255");
  } catch (const datasets::FormatError&) {
  }
}

}  // namespace fuzz
