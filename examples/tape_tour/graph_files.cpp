#include "examples/tape_tour/graph_files.hpp"

#include <unistd.h>

#include <cstdlib>
#include <system_error>

#include "nn/atomic_file.hpp"

namespace tape_tour {

namespace {
bool dot_installed() {
  return std::system("command -v dot >/dev/null 2>&1") == 0;
}

// Paths go to the shell in single quotes; a quote inside is closed, escaped and reopened.
std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}
}  // namespace

std::string write_graph(const std::string& dot_text, const std::filesystem::path& stem) {
  namespace fs = std::filesystem;
  const fs::path dot_path = fs::path(stem).replace_extension(".dot");
  const fs::path png_path = fs::path(stem).replace_extension(".png");
  nn::write_file_atomically("graph", dot_path, dot_text, {.create_directories = true});
  if (!dot_installed())
    return "wrote " + dot_path.string() +
           " (Graphviz is not installed; render it with: dot -Tpng " + dot_path.string() + " -o " +
           png_path.string() + ")";

  // Render to a temporary name and rename, so a failed render leaves no partial PNG.
  fs::path temporary = png_path;
  temporary += ".tmp" + std::to_string(::getpid());
  const std::string command =
      "dot -Tpng " + shell_quoted(dot_path.string()) + " -o " + shell_quoted(temporary.string());
  std::error_code error;
  if (std::system(command.c_str()) != 0) {
    fs::remove(temporary, error);
    return "wrote " + dot_path.string() + "; `dot` failed to render it";
  }
  fs::rename(temporary, png_path, error);
  if (error) return "wrote " + dot_path.string() + "; could not write " + png_path.string();
  return "wrote " + dot_path.string() + " and " + png_path.string();
}

}  // namespace tape_tour
