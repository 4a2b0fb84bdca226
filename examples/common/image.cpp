#include "examples/common/image.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "nn/atomic_file.hpp"

// stb_image_write's implementation lives in this file and nowhere else.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO  // we write through nn::write_file_atomically, never by file name
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wsign-compare"
#include <stb_image_write.h>
#pragma GCC diagnostic pop

namespace examples {

Image::Image(int width, int height, int channels, uint8_t background)
    : width_(width), height_(height), channels_(channels) {
  if (width <= 0 || height <= 0 || (channels != 1 && channels != 3))
    throw std::invalid_argument("Image: bad size " + std::to_string(width) + "x" +
                                std::to_string(height) + " with " + std::to_string(channels) +
                                " channels (need positive sizes and 1 or 3 channels)");
  bytes_.assign(static_cast<size_t>(width) * height * channels, background);
}

void Image::set(int x, int y, Rgb color) {
  if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
  uint8_t* p = pixel(x, y);
  if (channels_ == 1) {
    p[0] = static_cast<uint8_t>((color.r + color.g + color.b) / 3);
  } else {
    p[0] = color.r;
    p[1] = color.g;
    p[2] = color.b;
  }
}

void Image::set_gray(int x, int y, uint8_t value) {
  set(x, y, Rgb{value, value, value});
}

void draw_line(Image& image, int x0, int y0, int x1, int y1, Rgb color, int thickness) {
  // Bresenham; a thicker line is the same line drawn again one pixel lower and to the right.
  const int dx = std::abs(x1 - x0), dy = -std::abs(y1 - y0);
  const int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
  for (int error = dx + dy;;) {
    for (int t = 0; t < thickness; ++t) image.set(x0 + t, y0, color), image.set(x0, y0 + t, color);
    if (x0 == x1 && y0 == y1) break;
    const int e2 = 2 * error;
    if (e2 >= dy) error += dy, x0 += sx;
    if (e2 <= dx) error += dx, y0 += sy;
  }
}

void fill_rect(Image& image, int x, int y, int width, int height, Rgb color) {
  for (int j = y; j < y + height; ++j)
    for (int i = x; i < x + width; ++i) image.set(i, j, color);
}

std::string encode_png(const Image& image) {
  std::string png;
  auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), size);
  };
  if (!stbi_write_png_to_func(append, &png, image.width(), image.height(), image.channels(),
                              image.bytes().data(), image.width() * image.channels()))
    throw std::runtime_error("encode_png: stb_image_write failed on a " +
                             std::to_string(image.width()) + "x" + std::to_string(image.height()) +
                             " image");
  return png;
}

void write_png(const std::filesystem::path& path, const Image& image) {
  nn::write_file_atomically("png", path, encode_png(image), {.create_directories = true});
}

Image image_grid(std::span<const float> values, int count, int tile_height, int tile_width,
                 int columns, int padding, float lo, float hi) {
  if (count <= 0 || tile_height <= 0 || tile_width <= 0 || columns <= 0 || padding < 0 ||
      !(hi > lo))
    throw std::invalid_argument(
        "image_grid: needs positive count, tile size and columns, "
        "padding >= 0 and hi > lo");
  const size_t tile = static_cast<size_t>(tile_height) * tile_width;
  if (values.size() < tile * count)
    throw std::invalid_argument("image_grid: " + std::to_string(count) + " tiles of " +
                                std::to_string(tile_height) + "x" + std::to_string(tile_width) +
                                " need " + std::to_string(tile * count) + " values, got " +
                                std::to_string(values.size()));
  const int rows = (count + columns - 1) / columns;
  const int shown_columns = std::min(count, columns);
  Image sheet(padding + shown_columns * (tile_width + padding),
              padding + rows * (tile_height + padding), 1);
  for (int t = 0; t < count; ++t) {
    const int left = padding + (t % columns) * (tile_width + padding);
    const int top = padding + (t / columns) * (tile_height + padding);
    for (int y = 0; y < tile_height; ++y)
      for (int x = 0; x < tile_width; ++x) {
        const float v = (values[t * tile + y * tile_width + x] - lo) / (hi - lo);
        const float clamped = v > 0 ? (v < 1 ? v : 1) : 0;  // also maps NaN to black
        *sheet.pixel(left + x, top + y) = static_cast<uint8_t>(clamped * 255 + 0.5f);
      }
  }
  return sheet;
}

Image interleaved_grid(const std::vector<std::span<const float>>& sets, int count, int tile_height,
                       int tile_width, int columns, int padding, float lo, float hi) {
  const size_t tile = static_cast<size_t>(tile_height) * tile_width;
  if (sets.empty() || count <= 0 || columns <= 0 || count % columns != 0)
    throw std::invalid_argument("interleaved_grid: needs at least one set and a count of tiles (" +
                                std::to_string(count) + ") that fills rows of " +
                                std::to_string(columns));
  for (const auto& set : sets)
    if (set.size() < tile * count)
      throw std::invalid_argument("interleaved_grid: a set holds " + std::to_string(set.size()) +
                                  " values, " + std::to_string(count) + " tiles need " +
                                  std::to_string(tile * count));
  const size_t row = tile * columns;
  std::vector<float> values;
  values.reserve(row * count / columns * sets.size());
  for (int r = 0; r < count / columns; ++r)
    for (const auto& set : sets)
      values.insert(values.end(), set.begin() + r * row, set.begin() + (r + 1) * row);
  return image_grid(values, count * static_cast<int>(sets.size()), tile_height, tile_width, columns,
                    padding, lo, hi);
}

}  // namespace examples
