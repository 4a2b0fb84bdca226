#pragma once
// Small files and folders written by a test and deleted when it ends: hand-made good and bad
// inputs for the loaders.
#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace datasets_test {

inline void write_file(const std::string& path, std::string_view contents) {
  std::ofstream(path, std::ios::binary)
      .write(contents.data(), static_cast<std::streamsize>(contents.size()));
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void write_gzip_file(const std::string& path, std::string_view contents) {
  gzFile file = gzopen(path.c_str(), "wb");
  if (!file || gzwrite(file, contents.data(), static_cast<unsigned>(contents.size())) !=
                   int(contents.size()))
    throw std::runtime_error("cannot write " + path);
  gzclose(file);
}

// A path in the temporary directory that no other test process uses.
inline std::filesystem::path scratch_path(std::string_view name) {
  return std::filesystem::temp_directory_path() /
         ("zoo_datasets_" + std::to_string(::getpid()) + "_" + std::string(name));
}

class ScratchFile {
 public:
  explicit ScratchFile(std::string_view name) : path_(scratch_path(name).string()) {}
  ScratchFile(std::string_view name, std::string_view contents) : ScratchFile(name) {
    write(contents);
  }
  ~ScratchFile() { std::filesystem::remove(path_); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  const std::string& path() const { return path_; }

  void write(std::string_view contents) const { write_file(path_, contents); }
  void write_gzip(std::string_view contents) const { write_gzip_file(path_, contents); }
  std::string read() const { return read_file(path_); }

 private:
  std::string path_;
};

// A folder of such files (an MNIST split, a graph), removed with everything in it at the end.
class ScratchDir {
 public:
  explicit ScratchDir(std::string_view name) : path_(scratch_path(name)) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string path() const { return path_.string(); }
  std::string file(std::string_view name) const { return (path_ / name).string(); }
  void write(std::string_view name, std::string_view contents) const {
    write_file(file(name), contents);
  }

 private:
  std::filesystem::path path_;
};

// An IDX header: two zero bytes, the element type, the rank, then big-endian extents.
inline std::string idx_header(unsigned char type, const std::vector<uint32_t>& dims) {
  std::string bytes = {0, 0, static_cast<char>(type), static_cast<char>(dims.size())};
  for (uint32_t d : dims)
    for (int shift = 24; shift >= 0; shift -= 8) bytes += static_cast<char>((d >> shift) & 0xff);
  return bytes;
}

}  // namespace datasets_test
