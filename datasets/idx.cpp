#include "datasets/idx.hpp"

#include <array>
#include <filesystem>
#include <stdexcept>

#include "datasets/file_bytes.hpp"

namespace datasets {

namespace {

constexpr uint8_t kUnsignedByte = 0x08;

int element_size(uint8_t type) {
  switch (type) {
    case 0x08:
      return 1;
    case 0x09:
      return 1;
    case 0x0B:
      return 2;
    case 0x0C:
      return 4;
    case 0x0D:
      return 4;
    case 0x0E:
      return 8;
    default:
      return 0;
  }
}

std::string hex(const unsigned char* bytes, int count) {
  const char* digits = "0123456789abcdef";
  std::string text = "0x";
  for (int i = 0; i < count; ++i) text += {digits[bytes[i] >> 4], digits[bytes[i] & 15]};
  return text;
}

std::string dims_text(const std::vector<int64_t>& dims) {
  std::string text;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i > 0) text += 'x';
    text += std::to_string(dims[i]);
  }
  return text;
}

IdxArray parse_idx(FileBytes file) {
  const auto& bytes = file.bytes;
  if (bytes.size() < 4)
    fail_at_byte(file, bytes.size(),
                 "the file is " + std::to_string(bytes.size()) +
                     " bytes long; an IDX file starts with a 4-byte magic number");
  if (bytes[0] != 0 || bytes[1] != 0)
    fail_at_byte(
        file, 0,
        "wrong magic number " + hex(bytes.data(), 4) + ": an IDX file starts with two zero bytes");
  IdxArray array;
  array.element_type = bytes[2];
  const int size = element_size(array.element_type);
  if (size == 0) fail_at_byte(file, 2, "unknown IDX element type " + hex(&bytes[2], 1));
  const int rank = bytes[3];
  if (rank == 0) fail_at_byte(file, 3, "an IDX file needs at least one dimension");
  const uint64_t header = 4 + 4 * uint64_t(rank);
  if (bytes.size() < header)
    fail_at_byte(file, bytes.size(),
                 "truncated header: " + std::to_string(rank) + " dimensions need " +
                     std::to_string(header) + " header bytes");
  // Extents are at most 2^32 - 1 each; stop multiplying before 2^62 so the product cannot wrap.
  // The bound skips zero extents, so that no product of some extents can wrap either (rows x cols
  // of an empty image set).
  uint64_t expected = uint64_t(size), nonzero = uint64_t(size);
  for (int d = 0; d < rank; ++d) {
    const unsigned char* p = &bytes[4 + 4 * d];
    const uint64_t extent =
        (uint64_t(p[0]) << 24) | (uint64_t(p[1]) << 16) | (uint64_t(p[2]) << 8) | p[3];
    array.dims.push_back(static_cast<int64_t>(extent));
    if (extent != 0 && nonzero > (uint64_t(1) << 62) / extent)
      fail_at_byte(file, 4 + 4 * d, "dimensions " + dims_text(array.dims) + "... are too large");
    if (extent != 0) nonzero *= extent;
    expected *= extent;
  }
  const uint64_t present = bytes.size() - header;
  if (present < expected)
    fail_at_byte(file, bytes.size(),
                 "the header promises " + dims_text(array.dims) + " elements (" +
                     std::to_string(expected) + " bytes after byte " + std::to_string(header) +
                     ") but the data ends after " + std::to_string(present) + " bytes");
  if (present > expected)
    fail_at_byte(file, header + expected,
                 std::to_string(present - expected) + " unexpected bytes after the " +
                     dims_text(array.dims) + " elements the header announces");
  array.data = std::move(file.bytes);  // drop the header in place rather than copy the payload
  array.data.erase(array.data.begin(), array.data.begin() + static_cast<int64_t>(header));
  return array;
}

void require_unsigned_bytes(const std::string& path, const IdxArray& array, size_t rank,
                            const char* what) {
  if (array.element_type != kUnsignedByte)
    throw FormatError(path + ": byte offset 2: " + what +
                      " must hold unsigned bytes (type 0x08), found type " +
                      hex(&array.element_type, 1));
  if (array.dims.size() != rank)
    throw FormatError(path + ": byte offset 3: " + what + " must have " + std::to_string(rank) +
                      (rank == 1 ? " dimension" : " dimensions") + ", found " +
                      std::to_string(array.dims.size()) + " (" +
                      dims_text(array.dims) + ")");
}

// Prefers the gzip file, as distributed; falls back to an uncompressed copy.
std::string find_split_file(const std::string& dir, const std::string& split,
                            const std::string& kind) {
  const std::string base = (std::filesystem::path(dir) / (split + "-" + kind + "-ubyte")).string();
  for (const std::string& candidate : {base + ".gz", base})
    if (std::filesystem::exists(candidate)) return candidate;
  throw std::runtime_error("load_mnist_split: neither " + base + ".gz nor " + base + " exists");
}

}  // namespace

std::span<const float> ImageDataset::image(int64_t i) const {
  if (i < 0 || i >= count)
    throw std::out_of_range("ImageDataset::image: index " + std::to_string(i) + " outside 0.." +
                            std::to_string(count - 1));
  return std::span<const float>(images).subspan(static_cast<size_t>(i * pixels()),
                                                static_cast<size_t>(pixels()));
}

IdxArray read_idx(const std::string& path) {
  return parse_idx(read_file_bytes(path));
}

ImageDataset load_idx_images(const std::string& path) {
  const IdxArray array = read_idx(path);
  require_unsigned_bytes(path, array, 3, "an image file");
  ImageDataset set;
  set.count = array.dims[0];
  set.rows = array.dims[1];
  set.cols = array.dims[2];
  std::array<float, 256> scale;
  for (int v = 0; v < 256; ++v) scale[v] = static_cast<float>(v) / 255.0f;
  set.images.resize(array.data.size());
  for (size_t i = 0; i < array.data.size(); ++i) set.images[i] = scale[array.data[i]];
  return set;
}

std::vector<int> load_idx_labels(const std::string& path) {
  const IdxArray array = read_idx(path);
  require_unsigned_bytes(path, array, 1, "a label file");
  return std::vector<int>(array.data.begin(), array.data.end());
}

ImageDataset load_mnist_split(const std::string& dir, const std::string& split) {
  if (split != "train" && split != "t10k")
    throw std::invalid_argument("load_mnist_split: split must be \"train\" or \"t10k\", got \"" +
                                split + "\"");
  const std::string images_path = find_split_file(dir, split, "images-idx3");
  const std::string labels_path = find_split_file(dir, split, "labels-idx1");
  ImageDataset set = load_idx_images(images_path);
  set.labels = load_idx_labels(labels_path);
  if (static_cast<int64_t>(set.labels.size()) != set.count)
    throw FormatError(labels_path + ": byte offset 4: " + std::to_string(set.labels.size()) +
                      " labels for the " + std::to_string(set.count) + " images of " + images_path);
  return set;
}

}  // namespace datasets
