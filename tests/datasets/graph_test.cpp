#include "datasets/graph.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "datasets/file_bytes.hpp"
#include "tests/data_suites.hpp"
#include "tests/datasets/scratch_file.hpp"

using datasets::Edge;
using datasets::GraphDataset;

namespace {

// The adjacency holds exactly the edges, in both directions, with value 1 and no diagonal.
void check_adjacency(const GraphDataset& graph) {
  const autograd::CsrMatrix& a = graph.adjacency;
  REQUIRE(a.rows() == graph.num_nodes);
  REQUIRE(a.cols() == graph.num_nodes);
  CHECK(a.nnz() == 2 * graph.num_edges());
  bool all_edges = true, all_ones = true;
  for (int64_t i = 0; i < a.rows(); ++i)
    for (int64_t k = a.row_ptr()[i]; k < a.row_ptr()[i + 1]; ++k) {
      all_edges =
          all_edges && a.col_idx()[k] != i && datasets::has_edge(graph.edges, i, a.col_idx()[k]);
      all_ones = all_ones && a.values()[k] == 1;
    }
  CHECK(all_edges);
  CHECK(all_ones);
}

// A folder in the temporary directory holding the given files; removed at the end.
struct ScratchGraph {
  std::filesystem::path dir;
  explicit ScratchGraph(const std::string& name)
      : dir(std::filesystem::temp_directory_path() /
            ("zoo_graph_" + std::to_string(::getpid()) + "_" + name)) {
    std::filesystem::create_directories(dir);
  }
  ~ScratchGraph() { std::filesystem::remove_all(dir); }
  void write(const std::string& file, const std::string& contents) const {
    std::ofstream(dir / file) << contents;
  }
  std::string path() const { return dir.string(); }
};

}  // namespace

TEST_CASE("citation graphs: node, edge and feature counts of the Planetoid data" *
          doctest::test_suite("shared_datasets")) {
  const std::string root = tests::shared_datasets_dir();
  const GraphDataset cora = datasets::load_graph(root + "/cora");
  CHECK(cora.num_nodes == 2708);
  CHECK(cora.num_edges() == 5278);
  REQUIRE(cora.features);
  CHECK(cora.features->rows() == 2708);
  CHECK(cora.features->cols() == 1433);
  CHECK(cora.features->nnz() == 49216);
  CHECK(cora.num_features() == 1433);
  CHECK(cora.labels.size() == 2708);
  CHECK(*std::max_element(cora.labels.begin(), cora.labels.end()) == 6);
  CHECK(cora.edges.front() == Edge{0, 633});
  check_adjacency(cora);

  const GraphDataset citeseer = datasets::load_graph(root + "/citeseer");
  CHECK(citeseer.num_nodes == 3327);
  CHECK(citeseer.num_edges() == 4552);
  REQUIRE(citeseer.features);
  CHECK(citeseer.features->cols() == 3703);
  CHECK(citeseer.features->nnz() == 105165);
  CHECK(std::count(citeseer.labels.begin(), citeseer.labels.end(), -1) == 15);
  check_adjacency(citeseer);

  const GraphDataset pubmed = datasets::load_graph(root + "/pubmed");
  CHECK(pubmed.num_nodes == 19717);
  CHECK(pubmed.num_edges() == 44324);
  CHECK_FALSE(pubmed.features);
  CHECK(pubmed.num_features() == 19717);
  const autograd::CsrMatrix identity =
      datasets::feature_matrix(pubmed);  // sparse: one entry per node
  CHECK(identity.rows() == 19717);
  CHECK(identity.cols() == 19717);
  CHECK(identity.nnz() == 19717);
  CHECK(identity.col_idx()[123] == 123);
  check_adjacency(pubmed);
}

TEST_CASE("graph folders: any symmetry, self loops and repeats dropped, optional files") {
  ScratchGraph g("general");
  g.write("adjacency.mtx",
          "%%MatrixMarket matrix coordinate integer general\n4 4 6\n1 2 1\n2 1 1\n3 3 5\n4 1 2\n1 "
          "4 7\n2 3 0\n");
  GraphDataset graph = datasets::load_graph(g.path());
  CHECK(graph.num_nodes == 4);
  CHECK(graph.edges == std::vector<Edge>{{0, 1}, {0, 3}});  // (3, 3) is a loop, (2, 3) has value 0
  CHECK_FALSE(graph.features);
  CHECK(graph.labels.empty());
  check_adjacency(graph);

  g.write("features.mtx",
          "%%MatrixMarket matrix coordinate real general\n4 2 2\n1 1 0.5\n4 2 -2\n");
  g.write("labels.txt", "1\n-1\n0\n\n2\n");
  graph = datasets::load_graph(g.path());
  REQUIRE(graph.features);
  CHECK(graph.features->nnz() == 2);
  CHECK(graph.labels == std::vector<int>{1, -1, 0, 2});

  g.write("labels.txt", "1\n2\n3\n");
  CHECK_THROWS_WITH_AS(datasets::load_graph(g.path()),
                       doctest::Contains("labels.txt: 3 labels for the 4 nodes"),
                       datasets::FormatError);
  g.write("labels.txt", "1\n2\ncat\n4\n");
  CHECK_THROWS_WITH_AS(datasets::load_graph(g.path()),
                       doctest::Contains("labels.txt, line 3: label 'cat'"), datasets::FormatError);
  g.write("labels.txt", "1\n2\n3\n4\n");
  g.write("features.mtx", "%%MatrixMarket matrix coordinate real general\n3 2 0\n");
  CHECK_THROWS_WITH_AS(datasets::load_graph(g.path()),
                       doctest::Contains("features.mtx: 3 feature rows for the 4 nodes"),
                       datasets::FormatError);
  g.write("adjacency.mtx", "%%MatrixMarket matrix coordinate pattern general\n4 5 0\n");
  CHECK_THROWS_WITH_AS(datasets::load_graph(g.path()), doctest::Contains("must be square"),
                       datasets::FormatError);
  CHECK_THROWS_WITH_AS(datasets::load_graph(g.path() + "/missing"),
                       doctest::Contains("does not exist"), std::runtime_error);
}

TEST_CASE("make_graph checks its parts agree") {
  CHECK_THROWS_AS(datasets::make_graph(3, {{0, 1}}, std::nullopt, {0, 1}), std::invalid_argument);
  CHECK_THROWS_AS(datasets::make_graph(3, {{1, 0}}), std::invalid_argument);
  const GraphDataset empty = datasets::make_graph(0, {});
  CHECK(empty.adjacency.nnz() == 0);
}
