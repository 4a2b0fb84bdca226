#include "datasets/graph.hpp"

#include <charconv>
#include <filesystem>
#include <stdexcept>

#include "autograd/sparse/graph.hpp"
#include "datasets/file_bytes.hpp"
#include "datasets/matrix_market.hpp"
#include "datasets/text_lines.hpp"

namespace datasets {

namespace {

std::string size_text(int64_t rows, int64_t cols) {
  return std::to_string(rows) + "x" + std::to_string(cols);
}

// Each stored entry off the diagonal, with a nonzero value, is an undirected edge.
std::vector<Edge> edges_of(const std::string& path, const CooMatrix& matrix) {
  if (matrix.rows != matrix.cols)
    throw FormatError(path + ": an adjacency matrix must be square, this one is " +
                      size_text(matrix.rows, matrix.cols));
  std::vector<Edge> pairs;
  pairs.reserve(static_cast<size_t>(matrix.nnz()));
  for (int64_t k = 0; k < matrix.nnz(); ++k)
    if (matrix.values[k] != 0) pairs.emplace_back(matrix.row[k], matrix.col[k]);
  return canonical_edges(matrix.rows, std::move(pairs));
}

}  // namespace

int64_t GraphDataset::num_features() const {
  return features ? features->cols() : num_nodes;
}

GraphDataset make_graph(int64_t num_nodes, std::vector<Edge> edges,
                        std::optional<autograd::CsrMatrix> features, std::vector<int> labels) {
  require_canonical("make_graph", num_nodes, edges);
  if (features && features->rows() != num_nodes)
    throw std::invalid_argument("make_graph: features have " + std::to_string(features->rows()) +
                                " rows for " + std::to_string(num_nodes) + " nodes");
  if (!labels.empty() && static_cast<int64_t>(labels.size()) != num_nodes)
    throw std::invalid_argument("make_graph: " + std::to_string(labels.size()) + " labels for " +
                                std::to_string(num_nodes) + " nodes");
  GraphDataset graph;
  graph.num_nodes = num_nodes;
  graph.adjacency = autograd::adjacency_from_edges(num_nodes, edges);
  graph.edges = std::move(edges);
  graph.features = std::move(features);
  graph.labels = std::move(labels);
  return graph;
}

GraphDataset load_graph(const std::string& dir) {
  const std::filesystem::path folder(dir);
  const std::string adjacency_path = (folder / "adjacency.mtx").string();
  const std::string features_path = (folder / "features.mtx").string();
  const std::string labels_path = (folder / "labels.txt").string();
  if (!std::filesystem::exists(adjacency_path))
    throw std::runtime_error("load_graph: " + adjacency_path + " does not exist");

  const CooMatrix adjacency = read_matrix_market(adjacency_path);
  const int64_t n = adjacency.rows;
  std::vector<Edge> edges = edges_of(adjacency_path, adjacency);

  std::optional<autograd::CsrMatrix> features;
  if (std::filesystem::exists(features_path)) {
    const CooMatrix stored = read_matrix_market(features_path);
    if (stored.rows != n)
      throw FormatError(features_path + ": " + std::to_string(stored.rows) +
                        " feature rows for the " + std::to_string(n) + " nodes of " +
                        adjacency_path);
    features = to_csr(stored);
  }
  std::vector<int> labels;
  if (std::filesystem::exists(labels_path)) {
    labels = read_labels(labels_path);
    if (static_cast<int64_t>(labels.size()) != n)
      throw FormatError(labels_path + ": " + std::to_string(labels.size()) + " labels for the " +
                        std::to_string(n) + " nodes of " + adjacency_path);
  }
  return make_graph(n, std::move(edges), std::move(features), std::move(labels));
}

std::vector<int> read_labels(const std::string& path) {
  const FileBytes file = read_file_bytes(path);
  LineReader lines(
      std::string_view(reinterpret_cast<const char*>(file.bytes.data()), file.bytes.size()));
  std::vector<int> labels;
  std::string_view line;
  while (lines.next(line)) {
    if (is_blank_line(line)) continue;
    const std::string_view token = next_token(line);
    int label = 0;
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), label);
    if (error != std::errc() || end != token.data() + token.size() || label < -1)
      fail_at_line(path, lines.number(),
                   "label " + quoted(token) + " is not a class index (an integer >= -1)");
    if (!next_token(line).empty())
      fail_at_line(path, lines.number(), "expected one label per line");
    labels.push_back(label);
  }
  return labels;
}

autograd::CsrMatrix feature_matrix(const GraphDataset& graph) {
  if (graph.features) return *graph.features;
  return autograd::CsrMatrix::identity(graph.num_nodes);
}

}  // namespace datasets
