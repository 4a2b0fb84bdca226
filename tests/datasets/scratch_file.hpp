#pragma once
// Small files written by a test and deleted when it ends: hand-made good and bad inputs for the
// loaders.
#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>

namespace datasets_test {

class ScratchFile {
 public:
  explicit ScratchFile(std::string_view name)
      : path_((std::filesystem::temp_directory_path() /
               ("zoo_datasets_" + std::to_string(::getpid()) + "_" + std::string(name)))
                  .string()) {}
  ScratchFile(std::string_view name, std::string_view contents) : ScratchFile(name) {
    write(contents);
  }
  ~ScratchFile() { std::filesystem::remove(path_); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  const std::string& path() const { return path_; }

  void write(std::string_view contents) const {
    std::ofstream(path_, std::ios::binary)
        .write(contents.data(), static_cast<std::streamsize>(contents.size()));
  }
  void write_gzip(std::string_view contents) const {
    gzFile file = gzopen(path_.c_str(), "wb");
    if (!file || gzwrite(file, contents.data(), static_cast<unsigned>(contents.size())) !=
                     int(contents.size()))
      throw std::runtime_error("cannot write " + path_);
    gzclose(file);
  }
  std::string read() const {
    std::ifstream in(path_, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

 private:
  std::string path_;
};

// The folder the shared datasets live in, or empty when the test should skip.
inline std::string shared_datasets() {
  const char* dir = std::getenv("ZOO_DATASETS");
  return dir && std::filesystem::exists(dir) ? std::string(dir) : std::string();
}

}  // namespace datasets_test
