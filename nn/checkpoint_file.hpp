#pragma once
// The checkpoint file format (version 1; nn/README.md has the byte layout): named tensors and
// named lists of unsigned integers (step counts, generator states), a header that gives the
// file's total size, and a CRC-32 of everything before it. Little-endian throughout.
//
// write_checkpoint is atomic (atomic_file.hpp): a crash at any point leaves either the old file
// or the new one, never a mixture. read_checkpoint checks the size, magic, version and checksum
// before it parses, and reports what was wrong (truncated, corrupt, not a checkpoint) naming the
// file.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "nn/module.hpp"

namespace nn {

using NamedIntegers = std::vector<std::pair<std::string, std::vector<uint64_t>>>;

struct CheckpointContents {
  NamedTensors tensors;
  NamedIntegers integers;
};

struct CheckpointWriteOptions {
  int keep = 2;  // save_checkpoint: this file and keep - 1 previous ones (<path>.1, <path>.2, ...)
  // Test seam: when >= 0, the write stops after this many bytes of the temporary file and
  // throws, as if the process had died there (the temporary file is left behind, unrenamed).
  int64_t fail_after_bytes = -1;
};

void write_checkpoint(const std::string& path, const CheckpointContents& contents,
                      const CheckpointWriteOptions& options = {});
// Tensors come back in this build's Scalar type whichever width the file stored.
CheckpointContents read_checkpoint(const std::string& path);

}  // namespace nn
