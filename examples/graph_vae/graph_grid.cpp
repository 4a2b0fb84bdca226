#include "examples/graph_vae/graph_grid.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "examples/common/font.hpp"

namespace examples {

std::vector<double> spring_layout(const datasets::GraphDataset& graph, int iterations) {
  const int64_t n = graph.num_nodes;
  std::vector<double> pos(2 * n);
  for (int64_t i = 0; i < n; ++i) {
    const double angle = 2 * std::numbers::pi * double(i) / double(std::max<int64_t>(n, 1));
    pos[2 * i] = 0.5 + 0.4 * std::cos(angle), pos[2 * i + 1] = 0.5 + 0.4 * std::sin(angle);
  }
  if (n < 2) return std::vector<double>(2 * n, 0.5);
  const double k = 1 / std::sqrt(double(n));  // the ideal edge length in a unit square
  std::vector<double> shift(2 * n);
  for (int step = 0; step < iterations; ++step) {
    std::fill(shift.begin(), shift.end(), 0.0);
    auto push = [&](int64_t u, int64_t v, double force_of_distance(double, double)) {
      const double dx = pos[2 * u] - pos[2 * v], dy = pos[2 * u + 1] - pos[2 * v + 1];
      const double d = std::max(std::hypot(dx, dy), 1e-6), f = force_of_distance(d, k) / d;
      shift[2 * u] += dx * f, shift[2 * u + 1] += dy * f;
      shift[2 * v] -= dx * f, shift[2 * v + 1] -= dy * f;
    };
    for (int64_t u = 0; u < n; ++u)
      for (int64_t v = u + 1; v < n; ++v) push(u, v, [](double d, double k) { return k * k / d; });
    for (const auto& [u, v] : graph.edges)
      push(u, v, [](double d, double k) { return -d * d / k; });
    // The step shrinks linearly to 0 (the "temperature" of the original algorithm).
    const double temperature = 0.1 * (1 - double(step) / iterations);
    for (int64_t i = 0; i < n; ++i) {
      const double length = std::max(std::hypot(shift[2 * i], shift[2 * i + 1]), 1e-12);
      const double move = std::min(length, temperature) / length;
      pos[2 * i] += shift[2 * i] * move, pos[2 * i + 1] += shift[2 * i + 1] * move;
    }
  }
  // Scaled into [0, 1]^2, keeping the aspect ratio.
  double lo_x = pos[0], hi_x = pos[0], lo_y = pos[1], hi_y = pos[1];
  for (int64_t i = 0; i < n; ++i) {
    lo_x = std::min(lo_x, pos[2 * i]), hi_x = std::max(hi_x, pos[2 * i]);
    lo_y = std::min(lo_y, pos[2 * i + 1]), hi_y = std::max(hi_y, pos[2 * i + 1]);
  }
  const double span = std::max({hi_x - lo_x, hi_y - lo_y, 1e-9});
  for (int64_t i = 0; i < n; ++i) {
    pos[2 * i] = (pos[2 * i] - lo_x) / span + (1 - (hi_x - lo_x) / span) / 2;
    pos[2 * i + 1] = (pos[2 * i + 1] - lo_y) / span + (1 - (hi_y - lo_y) / span) / 2;
  }
  return pos;
}

Image graph_grid(const std::vector<GraphRow>& rows, int columns, int tile) {
  constexpr int kTitle = 14, kMargin = 6;
  constexpr Rgb kEdge{120, 120, 140}, kNode{30, 90, 200}, kFrame{220, 220, 220}, kText{0, 0, 0};
  const int row_height = kTitle + tile + kMargin;
  Image image(kMargin + columns * (tile + kMargin), kMargin + int(rows.size()) * row_height, 3,
              255);
  for (size_t r = 0; r < rows.size(); ++r) {
    const int top = kMargin + int(r) * row_height;
    draw_text(image, kMargin, top + 2, rows[r].title, kText);
    for (int c = 0; c < columns && c < int(rows[r].graphs.size()); ++c) {
      const datasets::GraphDataset& g = rows[r].graphs[c];
      const int x0 = kMargin + c * (tile + kMargin), y0 = top + kTitle;
      draw_line(image, x0, y0, x0 + tile - 1, y0, kFrame);
      draw_line(image, x0, y0 + tile - 1, x0 + tile - 1, y0 + tile - 1, kFrame);
      draw_line(image, x0, y0, x0, y0 + tile - 1, kFrame);
      draw_line(image, x0 + tile - 1, y0, x0 + tile - 1, y0 + tile - 1, kFrame);
      const std::vector<double> pos = spring_layout(g);
      auto px = [&](int64_t i) { return x0 + 6 + int(std::lround(pos[2 * i] * (tile - 12))); };
      auto py = [&](int64_t i) { return y0 + 6 + int(std::lround(pos[2 * i + 1] * (tile - 12))); };
      for (const auto& [u, v] : g.edges) draw_line(image, px(u), py(u), px(v), py(v), kEdge);
      for (int64_t i = 0; i < g.num_nodes; ++i) fill_rect(image, px(i) - 2, py(i) - 2, 5, 5, kNode);
    }
  }
  return image;
}

}  // namespace examples
