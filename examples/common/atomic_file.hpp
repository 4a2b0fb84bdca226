#pragma once
// Output files appear whole or not at all: bytes go to a temporary file in the same directory,
// which is renamed over the destination only once completely written. A run that fails midway
// leaves the previous file (or none), never a truncated one. Missing directories are created.
#include <filesystem>
#include <string_view>

namespace examples {

// Throws std::runtime_error naming the path if the file cannot be written.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace examples
