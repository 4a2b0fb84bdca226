#pragma once
// IDX: the file format of MNIST, Fashion-MNIST, KMNIST and EMNIST (plain or gzip).
//
//   bytes 0-1   zero
//   byte  2     element type: 08 unsigned byte, 09 signed byte, 0B int16, 0C int32, 0D float32, 0E
//   float64 byte  3     number of dimensions d then d big-endian uint32 extents, then the elements,
//   row-major, big-endian.
//
// Image files are [count, rows, cols] unsigned bytes; label files are [count] unsigned bytes. The
// readers check the magic, the element type, the dimensions and that the data is exactly as long as
// the header says, and name the file and byte offset when it is not.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace datasets {

// A labelled set of grayscale images, stored as float32 in [0, 1] (pixel / 255). Batches are
// converted to the engine's Scalar when they are gathered (see batcher.hpp).
struct ImageDataset {
  std::vector<float> images;  // count x (rows * cols), contiguous, row-major
  std::vector<int> labels;    // count class indices; empty when no label file was read
  int64_t count = 0;
  int64_t rows = 0;
  int64_t cols = 0;

  int64_t pixels() const { return rows * cols; }
  std::span<const float> image(int64_t i) const;  // bounds-checked
};

// The header and raw payload of any IDX file.
struct IdxArray {
  uint8_t element_type = 0;         // the type code of byte 2
  std::vector<int64_t> dims;        // the extents
  std::vector<unsigned char> data;  // the elements as stored (big-endian)
};

IdxArray read_idx(const std::string& path);

ImageDataset load_idx_images(const std::string& path);  // labels left empty
std::vector<int> load_idx_labels(const std::string& path);

// Images and labels of one split of an MNIST-family folder: split "train" or "t10k" reads
// <dir>/<split>-images-idx3-ubyte[.gz] and <dir>/<split>-labels-idx1-ubyte[.gz].
ImageDataset load_mnist_split(const std::string& dir, const std::string& split);

}  // namespace datasets
