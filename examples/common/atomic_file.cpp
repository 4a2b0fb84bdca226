#include "examples/common/atomic_file.hpp"

#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace examples {

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), error);
  if (error)
    throw std::runtime_error("cannot create directory '" + path.parent_path().string() +
                             "': " + error.message());

  // The pid keeps two programs writing the same file from sharing a temporary.
  fs::path temporary = path;
  temporary += ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      fs::remove(temporary, error);
      throw std::runtime_error("cannot write '" + path.string() + "' (via '" + temporary.string() +
                               "')");
    }
  }
  fs::rename(temporary, path, error);
  if (error) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw std::runtime_error("cannot rename '" + temporary.string() + "' to '" + path.string() +
                             "': " + error.message());
  }
}

}  // namespace examples
