#include "examples/common/plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <stdexcept>

#include "examples/common/font.hpp"

namespace examples {

namespace {

constexpr Rgb kBlack{0, 0, 0}, kGrid{225, 225, 225}, kGray{150, 150, 150};

// An axis from lo to hi with ticks every `step`; lo and hi are multiples of step.
struct Axis {
  double lo, hi, step;
};

// Rounds the data range outwards to about `ticks` steps of 1, 2 or 5 times a power of ten.
Axis nice_axis(double min, double max, int ticks = 5) {
  if (!(min <= max)) min = 0, max = 1;  // no finite data
  if (max - min < 1e-12 * std::max(1.0, std::abs(max))) {
    const double half = std::abs(min) > 0 ? std::abs(min) * 0.1 : 1;
    min -= half, max += half;
  }
  const double raw = (max - min) / ticks;
  const double power = std::pow(10, std::floor(std::log10(raw)));
  const double fraction = raw / power;
  const double step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
  return {std::floor(min / step) * step, std::ceil(max / step) * step, step};
}

std::string tick_label(double value, double step) {
  char text[32];
  if (std::abs(value) < step * 1e-6) value = 0;  // no "-0" or "1e-17"
  const double magnitude = std::max(std::abs(value), step);
  if (magnitude >= 1e6 || step < 1e-4) {
    std::snprintf(text, sizeof text, "%.2g", value);
  } else {
    const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
  }
  return text;
}

// The plotting area inside the margins and the mapping from data to pixels.
struct Frame {
  int left, top, right, bottom;
  Axis x, y;
  int px(double v) const {
    return left + static_cast<int>(std::lround((v - x.lo) / (x.hi - x.lo) * (right - left)));
  }
  int py(double v) const {
    return bottom - static_cast<int>(std::lround((v - y.lo) / (y.hi - y.lo) * (bottom - top)));
  }
};

Frame make_frame(const PlotStyle& style, Axis x, Axis y) {
  if (style.width < 160 || style.height < 120)
    throw std::invalid_argument("plot: size " + std::to_string(style.width) + "x" +
                                std::to_string(style.height) + " is below the minimum 160x120");
  return Frame{64, 28, style.width - 16, style.height - 36, x, y};
}

// Grid, axes, ticks with labels, title and axis labels.
void draw_frame(Image& image, const Frame& f, const PlotStyle& style) {
  for (double v = f.x.lo; v <= f.x.hi + f.x.step / 2; v += f.x.step) {
    const int p = f.px(v);
    draw_line(image, p, f.top, p, f.bottom, kGrid);
    draw_line(image, p, f.bottom, p, f.bottom + 4, kBlack);
    const std::string label = tick_label(v, f.x.step);
    draw_text(image, p - text_width(label) / 2, f.bottom + 8, label, kBlack);
  }
  for (double v = f.y.lo; v <= f.y.hi + f.y.step / 2; v += f.y.step) {
    const int p = f.py(v);
    draw_line(image, f.left, p, f.right, p, kGrid);
    draw_line(image, f.left - 4, p, f.left, p, kBlack);
    const std::string label = tick_label(v, f.y.step);
    draw_text(image, f.left - 8 - text_width(label), p - 3, label, kBlack);
  }
  draw_line(image, f.left, f.top, f.left, f.bottom, kBlack);
  draw_line(image, f.left, f.bottom, f.right, f.bottom, kBlack);
  draw_text(image, (f.left + f.right - text_width(style.title, 2)) / 2, 6, style.title, kBlack, 2);
  draw_text(image, (f.left + f.right - text_width(style.x_label)) / 2, f.bottom + 22, style.x_label,
            kBlack);
  draw_text(image, 4, f.top - 14, style.y_label, kBlack);
}

// Entries stacked in the top-right corner of the plotting area, on white.
void draw_legend(Image& image, const Frame& f,
                 const std::vector<std::pair<std::string, Rgb>>& entries) {
  int widest = 0;
  for (const auto& [name, color] : entries) widest = std::max(widest, text_width(name));
  const int width = widest + 26, height = static_cast<int>(entries.size()) * 12 + 6;
  const int x = f.right - width - 6, y = f.top + 6;
  fill_rect(image, x, y, width, height, Rgb{255, 255, 255});
  for (size_t i = 0; i < entries.size(); ++i) {
    const int row = y + 4 + static_cast<int>(i) * 12;
    fill_rect(image, x + 4, row + 2, 14, 3, entries[i].second);
    draw_text(image, x + 22, row, entries[i].first, kBlack);
  }
}

}  // namespace

Rgb palette(int64_t index) {
  // Tableau's ten categorical colours: distinct on screen and in print.
  static constexpr Rgb kColors[10] = {
      {31, 119, 180}, {255, 127, 14},  {44, 160, 44},   {214, 39, 40},  {148, 103, 189},
      {140, 86, 75},  {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};
  return kColors[static_cast<size_t>(index % 10)];
}

Image line_plot(const std::vector<Series>& series, const PlotStyle& style) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  double x_min = kInf, x_max = -kInf, y_min = kInf, y_max = -kInf;
  for (const Series& s : series) {
    if (!s.x.empty() && s.x.size() != s.y.size())
      throw std::invalid_argument("line_plot: series '" + s.name + "' has " +
                                  std::to_string(s.x.size()) + " x values for " +
                                  std::to_string(s.y.size()) + " y values");
    for (size_t i = 0; i < s.y.size(); ++i) {
      const double x = s.x.empty() ? static_cast<double>(i + 1) : s.x[i];
      if (!std::isfinite(x) || !std::isfinite(s.y[i])) continue;
      x_min = std::min(x_min, x), x_max = std::max(x_max, x);
      y_min = std::min(y_min, s.y[i]), y_max = std::max(y_max, s.y[i]);
    }
  }
  Image image(style.width, style.height, 3, 255);
  const Frame f = make_frame(style, nice_axis(x_min, x_max), nice_axis(y_min, y_max));
  draw_frame(image, f, style);
  std::vector<std::pair<std::string, Rgb>> legend;
  for (size_t k = 0; k < series.size(); ++k) {
    const Series& s = series[k];
    const Rgb color = palette(static_cast<int64_t>(k));
    bool have_previous = false;
    int previous_x = 0, previous_y = 0;
    for (size_t i = 0; i < s.y.size(); ++i) {
      const double x = s.x.empty() ? static_cast<double>(i + 1) : s.x[i];
      if (!std::isfinite(x) || !std::isfinite(s.y[i])) {
        have_previous = false;
        continue;
      }
      const int px = f.px(x), py = f.py(s.y[i]);
      if (have_previous)
        draw_line(image, previous_x, previous_y, px, py, color, 2);
      else
        fill_rect(image, px - 1, py - 1, 3, 3, color);  // a lone point stays visible
      previous_x = px, previous_y = py, have_previous = true;
    }
    if (!s.name.empty()) legend.emplace_back(s.name, color);
  }
  if (!legend.empty()) draw_legend(image, f, legend);
  return image;
}

Image scatter_plot(std::span<const float> xy, std::span<const int64_t> labels,
                   const PlotStyle& style) {
  if (xy.size() != 2 * labels.size())
    throw std::invalid_argument("scatter_plot: " + std::to_string(xy.size()) + " coordinates for " +
                                std::to_string(labels.size()) + " labels (need two per point)");
  constexpr double kInf = std::numeric_limits<double>::infinity();
  double x_min = kInf, x_max = -kInf, y_min = kInf, y_max = -kInf;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (!std::isfinite(xy[2 * i]) || !std::isfinite(xy[2 * i + 1])) continue;
    x_min = std::min<double>(x_min, xy[2 * i]), x_max = std::max<double>(x_max, xy[2 * i]);
    y_min = std::min<double>(y_min, xy[2 * i + 1]), y_max = std::max<double>(y_max, xy[2 * i + 1]);
  }
  Image image(style.width, style.height, 3, 255);
  const Frame f = make_frame(style, nice_axis(x_min, x_max), nice_axis(y_min, y_max));
  draw_frame(image, f, style);
  std::map<int64_t, Rgb> seen;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (!std::isfinite(xy[2 * i]) || !std::isfinite(xy[2 * i + 1])) continue;
    const Rgb color = labels[i] < 0 ? kGray : palette(labels[i]);
    seen.emplace(labels[i], color);
    fill_rect(image, f.px(xy[2 * i]) - 1, f.py(xy[2 * i + 1]) - 1, 3, 3, color);
  }
  constexpr size_t kMaxLegendEntries = 12;
  if (!seen.empty() && seen.size() <= kMaxLegendEntries) {
    std::vector<std::pair<std::string, Rgb>> legend;
    for (const auto& [label, color] : seen)
      legend.emplace_back(label < 0 ? "none" : std::to_string(label), color);
    draw_legend(image, f, legend);
  }
  return image;
}

Image quiver_plot(std::span<const float> points, std::span<const float> vectors,
                  std::span<const float> background, double max_length, const PlotStyle& style) {
  if (points.size() != vectors.size() || points.size() % 2 || background.size() % 2)
    throw std::invalid_argument("quiver_plot: " + std::to_string(points.size()) +
                                " point coordinates, " + std::to_string(vectors.size()) +
                                " vector coordinates, " + std::to_string(background.size()) +
                                " background coordinates (need pairs, as many vectors as points)");
  constexpr double kInf = std::numeric_limits<double>::infinity();
  double lo = kInf, hi = -kInf;  // one range for both axes: arrows keep their true directions
  for (std::span<const float> set : {points, background})
    for (float v : set)
      if (std::isfinite(v)) lo = std::min<double>(lo, v), hi = std::max<double>(hi, v);
  Image image(style.width, style.height, 3, 255);
  const Axis axis = nice_axis(lo, hi);
  Frame f = make_frame(style, axis, axis);
  // Square the plotting area so a unit is as long across as up.
  const int side = std::min(f.right - f.left, f.bottom - f.top);
  f.right = f.left + side, f.top = f.bottom - side;
  draw_frame(image, f, style);
  for (size_t i = 0; i + 1 < background.size(); i += 2)
    fill_rect(image, f.px(background[i]) - 1, f.py(background[i + 1]) - 1, 2, 2, kGray);
  constexpr Rgb kArrow{214, 39, 40};
  for (size_t i = 0; i + 1 < points.size(); i += 2) {
    const double x0 = points[i], y0 = points[i + 1];
    const double length = std::hypot(vectors[i], vectors[i + 1]);
    const double shrink = length > max_length ? max_length / length : 1;
    const double x1 = x0 + shrink * vectors[i], y1 = y0 + shrink * vectors[i + 1];
    if (!std::isfinite(x1) || !std::isfinite(y1)) continue;
    const int px0 = f.px(x0), py0 = f.py(y0), px1 = f.px(x1), py1 = f.py(y1);
    draw_line(image, px0, py0, px1, py1, kArrow);
    // The head: two strokes of a third of the arrow (at most 5 pixels), 25 degrees off its axis.
    const double pixels = std::hypot(px1 - px0, py1 - py0);
    if (pixels < 2) continue;
    const double back = std::min(5.0, pixels / 3), angle = std::atan2(py1 - py0, px1 - px0);
    for (double side_angle : {angle + 2.7, angle - 2.7})
      draw_line(image, px1, py1, px1 + static_cast<int>(std::lround(back * std::cos(side_angle))),
                py1 + static_cast<int>(std::lround(back * std::sin(side_angle))), kArrow);
  }
  return image;
}

}  // namespace examples
