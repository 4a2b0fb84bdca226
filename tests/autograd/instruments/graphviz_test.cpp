// Graph export: a well-formed DOT graph with exactly the tape's nodes and edges.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "autograd/autograd.hpp"

using namespace autograd;

namespace {
struct DotCounts {
  int op_nodes = 0, leaf_nodes = 0, edges = 0, open_braces = 0, close_braces = 0;
  bool quotes_balanced = true;
};

// "  n12 [..." declares op node 12, "  l3 [..." leaf 3.
bool declares(const std::string& line, char prefix) {
  return line.size() > 3 && line.starts_with("  ") && line[2] == prefix && std::isdigit(line[3]) &&
         line.find(" [") != std::string::npos;
}

// Counts declarations and edges line by line (tape_to_dot writes one statement per line).
DotCounts count(const std::string& dot) {
  DotCounts c;
  std::istringstream lines(dot);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(" -> ") != std::string::npos)
      ++c.edges;
    else if (declares(line, 'n'))
      ++c.op_nodes;
    else if (declares(line, 'l'))
      ++c.leaf_nodes;
    int quotes = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\')
        ++i;
      else if (line[i] == '"')
        ++quotes;
      else if (quotes % 2 == 0 && line[i] == '{')
        ++c.open_braces;
      else if (quotes % 2 == 0 && line[i] == '}')
        ++c.close_braces;
    }
    c.quotes_balanced = c.quotes_balanced && quotes % 2 == 0;
  }
  return c;
}
}  // namespace

TEST_CASE("the DOT graph has one node per op and leaf, one edge per op input") {
  clear_tape();
  Tensor x = Tensor::ones({4, 3});
  x.set_name("x \"batch\"");  // quotes must be escaped
  Tensor w = Tensor::full({3, 2}, 0.5f, true).set_name("W");
  Tensor b = Tensor::zeros({2}, true).set_name("b");
  Tensor h = relu(matmul(x, w) + b);
  Tensor loss = sum(h * h);  // h used twice: two edges into mul
  const Tape& tape = Tape::current();
  REQUIRE(tape.size() == 5);

  size_t tape_edges = 0;
  for (const Node& node : tape.nodes()) tape_edges += node.inputs.size();
  for (GraphView view : {GraphView::Forward, GraphView::Backward}) {
    const std::string dot = tape_to_dot(tape, loss, view);
    const DotCounts c = count(dot);
    CHECK(dot.starts_with("digraph tape {\n"));
    CHECK(dot.ends_with("}\n"));
    CHECK(c.open_braces == 1);
    CHECK(c.close_braces == 1);
    CHECK(c.quotes_balanced);
    CHECK(c.op_nodes == static_cast<int>(tape.size()));
    CHECK(c.leaf_nodes == 3);  // x, W, b
    CHECK(c.edges == static_cast<int>(tape_edges));
    CHECK(dot.find("#4 sum (loss)") != std::string::npos);
    CHECK(dot.find("W (parameter)\\n[3, 2]\\n24 B") != std::string::npos);
    CHECK(dot.find("x \\\"batch\\\" (input)") != std::string::npos);
    CHECK(dot.find("#0 matmul\\n[4, 2]\\n32 B") != std::string::npos);
  }
  const std::string forward = tape_to_dot(tape, loss);
  CHECK(forward.find("l1 -> n0;") != std::string::npos);  // W feeds matmul
  CHECK(forward.find("n3 -> n4;") != std::string::npos);

  const std::string backward_view = tape_to_dot(tape, loss, GraphView::Backward);
  CHECK(backward_view.find("n0 -> l1 [color=\"#cc0000\", label=\"grad [3, 2]\"]") !=
        std::string::npos);
  CHECK(backward_view.find("n0 -> l0 [style=dashed") != std::string::npos);  // x: no gradient
  clear_tape();
  CHECK(count(tape_to_dot(Tape::current())).op_nodes == 0);
}

TEST_CASE("Graphviz itself accepts the graph, where it is installed") {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    MESSAGE("skipped: Graphviz's dot is not installed");
    return;
  }
  clear_tape();
  Tensor w = Tensor::ones({2, 2}, true).set_name("W \\ \"quoted\"");
  Tensor loss = sum(sigmoid(matmul(w, w)));
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("zoo_graph_" + std::to_string(::getpid()) + ".dot");
  for (GraphView view : {GraphView::Forward, GraphView::Backward}) {
    std::ofstream(path) << tape_to_dot(Tape::current(), loss, view);
    CHECK(std::system(("dot -Tcanon '" + path.string() + "' >/dev/null 2>&1").c_str()) == 0);
  }
  std::filesystem::remove(path);
  clear_tape();
}
