#include "nn/checkpoint_file.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "nn/atomic_file.hpp"

namespace nn {

namespace {

static_assert(std::endian::native == std::endian::little, "checkpoints are written little-endian");

using Bytes = std::vector<unsigned char>;
using autograd::Scalar;
using autograd::Shape;

constexpr char kMagic[8] = {'Z', 'O', 'O', 'C', 'K', 'P', 'T', '\0'};
constexpr uint32_t kVersion = 1;
constexpr size_t kHeaderBytes = 8 + 4 + 4 + 8;  // magic, version, scalar width, total size
constexpr size_t kChecksumBytes = 4;

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw std::runtime_error("checkpoint '" + path + "': " + what);
}

// ---- Writing ----

void put_bytes(Bytes& out, const void* data, size_t size) {
  const size_t at = out.size();
  out.resize(at + size);
  if (size) std::memcpy(out.data() + at, data, size);
}

template <class T>
void put(Bytes& out, T value) {
  put_bytes(out, &value, sizeof(T));
}

void put_name(Bytes& out, const std::string& name) {
  put<uint32_t>(out, static_cast<uint32_t>(name.size()));
  put_bytes(out, name.data(), name.size());
}

uint32_t checksum(const unsigned char* data, size_t size) {
  return static_cast<uint32_t>(crc32_z(crc32_z(0, nullptr, 0), data, size));
}

Bytes serialize(const CheckpointContents& contents) {
  Bytes out;
  put_bytes(out, kMagic, sizeof(kMagic));
  put<uint32_t>(out, kVersion);
  put<uint32_t>(out, sizeof(Scalar));
  put<uint64_t>(out, 0);  // total size, filled in below
  put<uint32_t>(out, static_cast<uint32_t>(contents.tensors.size()));
  for (const auto& [name, tensor] : contents.tensors) {
    put_name(out, name);
    put<uint32_t>(out, static_cast<uint32_t>(tensor.dim()));
    for (int64_t extent : tensor.shape()) put<int64_t>(out, extent);
    put_bytes(out, tensor.data(), tensor.numel() * sizeof(Scalar));
  }
  put<uint32_t>(out, static_cast<uint32_t>(contents.integers.size()));
  for (const auto& [name, values] : contents.integers) {
    put_name(out, name);
    put<uint32_t>(out, static_cast<uint32_t>(values.size()));
    for (uint64_t v : values) put<uint64_t>(out, v);
  }
  const uint64_t total = out.size() + kChecksumBytes;
  std::memcpy(out.data() + 16, &total, sizeof(total));
  put<uint32_t>(out, checksum(out.data(), out.size()));
  return out;
}

// ---- Reading ----

class Cursor {
 public:
  Cursor(const std::string& path, const Bytes& bytes, size_t end)
      : path_(path), bytes_(bytes), end_(end) {}
  size_t offset() const { return pos_; }
  size_t remaining() const { return end_ - pos_; }
  bool at_end() const { return pos_ == end_; }

  template <class T>
  T take(const char* what) {
    T value;
    std::memcpy(&value, span(sizeof(T), what), sizeof(T));
    return value;
  }
  std::string take_name() {
    const uint32_t size = take<uint32_t>("a name's length");
    const unsigned char* p = span(size, "a name");
    return std::string(p, p + size);
  }
  const unsigned char* span(size_t size, const std::string& what) {
    if (size > end_ - pos_)
      fail(path_, "reading " + what + " at byte " + std::to_string(pos_) + ": needs " +
                      std::to_string(size) + " bytes, only " + std::to_string(end_ - pos_) +
                      " left before the checksum");
    const unsigned char* p = bytes_.data() + pos_;
    pos_ += size;
    return p;
  }

 private:
  const std::string& path_;
  const Bytes& bytes_;
  size_t end_, pos_ = 0;
};

// The number of values of a tensor of `shape`, refusing shapes that could not fit in the
// `room` values left in the file. A zero extent makes the tensor empty, but its other extents
// must still multiply without overflow: numel() and strides multiply them all.
size_t value_count(const std::string& path, const std::string& name, const Shape& shape,
                   size_t room) {
  for (int64_t extent : shape)
    if (extent < 0)
      fail(path, "tensor '" + name + "' has a negative extent in " + autograd::to_string(shape));
  uint64_t nonzero = 1;
  bool empty = false;
  for (int64_t extent : shape) {
    if (extent == 0) {
      empty = true;
      continue;
    }
    if (static_cast<uint64_t>(extent) > static_cast<uint64_t>(INT64_MAX) / nonzero)
      fail(path, "tensor '" + name + "' of shape " + autograd::to_string(shape) + " is too large");
    nonzero *= static_cast<uint64_t>(extent);
  }
  if (empty) return 0;
  if (nonzero > room)
    fail(path, "tensor '" + name + "' of shape " + autograd::to_string(shape) +
                   " does not fit in the file");
  return nonzero;
}

template <class Stored>
void copy_values(const unsigned char* from, Scalar* to, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    Stored v;
    std::memcpy(&v, from + i * sizeof(Stored), sizeof(Stored));
    to[i] = static_cast<Scalar>(v);
  }
}

Bytes read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, std::string("cannot open: ") + std::strerror(errno));
  try {
    Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) fail(path, "read error");
    return bytes;
  } catch (const std::ios_base::failure&) {  // libstdc++ throws on a failed read (of a folder)
    fail(path, std::string("cannot read: ") + std::strerror(errno));
  }
}

// Size, magic, version, width and checksum: everything that can be checked before parsing.
uint32_t check_envelope(const std::string& path, const Bytes& bytes) {
  if (bytes.size() < kHeaderBytes + kChecksumBytes)
    fail(path, "truncated: " + std::to_string(bytes.size()) +
                   " bytes is less than a header and checksum");
  if (std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0)
    fail(path, "not a checkpoint file (its first 8 bytes are not \"ZOOCKPT\\0\")");
  uint32_t version, width;
  uint64_t total;
  std::memcpy(&version, bytes.data() + 8, 4);
  std::memcpy(&width, bytes.data() + 12, 4);
  std::memcpy(&total, bytes.data() + 16, 8);
  if (version != kVersion)
    fail(path, "format version " + std::to_string(version) + ", but this build reads version " +
                   std::to_string(kVersion));
  if (width != 4 && width != 8) fail(path, "corrupt header: scalar width " + std::to_string(width));
  if (total != bytes.size())
    fail(path, (bytes.size() < total ? "truncated: " : "corrupt: ") + std::to_string(bytes.size()) +
                   " bytes, but its header says " + std::to_string(total));
  const size_t body = bytes.size() - kChecksumBytes;
  uint32_t stored;
  std::memcpy(&stored, bytes.data() + body, 4);
  const uint32_t computed = checksum(bytes.data(), body);
  if (stored != computed) {
    char hex[64];
    std::snprintf(hex, sizeof(hex), "stored %08x, computed %08x", stored, computed);
    fail(path, std::string("corrupt: checksum mismatch (") + hex + ")");
  }
  return width;
}

}  // namespace

void write_checkpoint(const std::string& path, const CheckpointContents& contents,
                      const CheckpointWriteOptions& options) {
  const Bytes bytes = serialize(contents);
  write_file_atomically("checkpoint", path,
                        std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                        {.fail_after_bytes = options.fail_after_bytes});
}

CheckpointContents read_checkpoint(const std::string& path) {
  const Bytes bytes = read_whole_file(path);
  const uint32_t width = check_envelope(path, bytes);
  Cursor in(path, bytes, bytes.size() - kChecksumBytes);
  in.span(kHeaderBytes, "the header");

  CheckpointContents contents;
  const uint32_t tensor_count = in.take<uint32_t>("the tensor count");
  for (uint32_t t = 0; t < tensor_count; ++t) {
    std::string name = in.take_name();
    const uint32_t rank = in.take<uint32_t>("a rank");
    Shape shape;
    for (uint32_t axis = 0; axis < rank; ++axis) shape.push_back(in.take<int64_t>("an extent"));
    const size_t count = value_count(path, name, shape, in.remaining() / width);
    const unsigned char* data = in.span(count * width, "the values of tensor '" + name + "'");
    Tensor tensor = Tensor::empty(shape);
    if (width == 4)
      copy_values<float>(data, tensor.data(), count);
    else
      copy_values<double>(data, tensor.data(), count);
    contents.tensors.emplace_back(std::move(name), std::move(tensor));
  }
  const uint32_t list_count = in.take<uint32_t>("the integer-list count");
  for (uint32_t l = 0; l < list_count; ++l) {
    std::string name = in.take_name();
    const uint32_t count = in.take<uint32_t>("an integer count");
    if (count > in.remaining() / sizeof(uint64_t))
      fail(path, "integer list '" + name + "' of " + std::to_string(count) +
                     " values does not fit in the file");
    std::vector<uint64_t> values(count);
    for (uint64_t& v : values) v = in.take<uint64_t>("an integer");
    contents.integers.emplace_back(std::move(name), std::move(values));
  }
  if (!in.at_end())
    fail(path, "corrupt: " + std::to_string(bytes.size() - kChecksumBytes - in.offset()) +
                   " unexplained bytes before the checksum");
  return contents;
}

}  // namespace nn
