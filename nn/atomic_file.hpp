#pragma once
// Files that appear whole or not at all: the bytes go to "<path>.tmp" in the same directory,
// which is fsynced, renamed over <path>, and the directory fsynced. A crash at any point leaves
// the old file (or none) or the new one, never a mixture. Checkpoints are written this way, and
// so is every file the examples write (CSV, PNG, DOT).
#include <cstdint>
#include <filesystem>
#include <string_view>

namespace nn {

struct AtomicWriteOptions {
  bool create_directories = false;  // make the missing parent directories first
  // Test seam: when >= 0, the write stops after this many bytes of the temporary file and
  // throws, as if the process had died there (the temporary file is left behind, unrenamed).
  int64_t fail_after_bytes = -1;
};

// Throws std::runtime_error "<who> '<path>': <what went wrong>".
void write_file_atomically(const char* who, const std::filesystem::path& path,
                           std::string_view bytes, const AtomicWriteOptions& options = {});

}  // namespace nn
