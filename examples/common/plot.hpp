#pragma once
// A tiny plot rasterizer for the examples' figures: line plots (loss curves, several series)
// and scatter plots of 2-D points coloured by label (latent spaces, node embeddings). Axes get
// "nice" ticks (1, 2 or 5 times a power of ten) with labels in a 5x7 font, and a legend.
//
//   write_png("out/loss.png", line_plot({{"train", train_loss}, {"test", test_loss}},
//                                       {.title = "VAE loss", .x_label = "epoch"}));
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "examples/common/image.hpp"

namespace examples {

struct Series {
  std::string name;
  std::vector<double> y;
  std::vector<double> x = {};  // empty: 1, 2, ..., y.size() (epochs)
};

struct PlotStyle {
  std::string title = {};
  std::string x_label = {};
  std::string y_label = {};
  int width = 640;
  int height = 400;
};

// Non-finite points are skipped (the line breaks there).
Image line_plot(const std::vector<Series>& series, const PlotStyle& style = {});

// `xy` holds n points as (x, y) pairs (a tensor of shape [n, 2]); labels[i] picks the colour
// of point i (labels < 0 are drawn gray, as "unlabelled").
Image scatter_plot(std::span<const float> xy, std::span<const int64_t> labels,
                   const PlotStyle& style = {});

// A vector field as arrows over gray background points (e.g. the data): arrow i starts at
// (points[2i], points[2i+1]) and points along (vectors[2i], vectors[2i+1]), as long as the vector
// but at most `max_length` (data units; a grid's spacing keeps arrows from crossing). The axes
// cover the background points and the arrows' starts, with equal units on both.
Image quiver_plot(std::span<const float> points, std::span<const float> vectors,
                  std::span<const float> background, double max_length,
                  const PlotStyle& style = {});

Rgb palette(int64_t index);  // ten distinct colours, repeating

}  // namespace examples
