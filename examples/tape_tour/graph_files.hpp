#pragma once
// Writes the tape's graph as DOT and, when Graphviz's `dot` program is installed, as PNG too.
#include <filesystem>
#include <string>

namespace tape_tour {

// Writes `dot_text` to <stem>.dot, renders <stem>.png if `dot` is on the PATH, and returns a
// line telling the reader what was written (or how to render it).
std::string write_graph(const std::string& dot_text, const std::filesystem::path& stem);

}  // namespace tape_tour
