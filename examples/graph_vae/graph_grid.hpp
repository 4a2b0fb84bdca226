#pragma once
// Small graphs drawn side by side: each graph in a square tile, its nodes placed by a few hundred
// steps of Fruchterman-Reingold's spring layout (edges pull as d^2 / k, every pair pushes as
// k^2 / d) from a circle, so the drawing is the same every run and communities show as clumps.
#include <span>
#include <string>
#include <vector>

#include "datasets/graph.hpp"
#include "examples/common/image.hpp"

namespace examples {

// Node positions in [0, 1]^2, x0 y0 x1 y1 ...
std::vector<double> spring_layout(const datasets::GraphDataset& graph, int iterations = 300);

struct GraphRow {
  std::string title;  // drawn above the row
  std::span<const datasets::GraphDataset> graphs;
};

// One row of tiles per entry, `columns` tiles each (fewer graphs leave tiles empty).
Image graph_grid(const std::vector<GraphRow>& rows, int columns, int tile = 96);

}  // namespace examples
