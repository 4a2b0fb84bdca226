#pragma once
// 8-bit images and PNG output (through stb_image_write), written atomically. image_grid()
// lays out a batch of grayscale tiles, e.g. MNIST digits or a VAE's samples, on one sheet.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace examples {

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
};

// Row-major, `channels` bytes per pixel: 1 (gray) or 3 (RGB).
class Image {
 public:
  Image(int width, int height, int channels, uint8_t background = 0);

  int width() const { return width_; }
  int height() const { return height_; }
  int channels() const { return channels_; }
  const std::vector<uint8_t>& bytes() const { return bytes_; }

  // Writes are clipped: pixels outside the image are ignored, so drawing code need not check.
  void set(int x, int y, Rgb color);  // an RGB image; gray images take the mean
  void set_gray(int x, int y, uint8_t value);
  uint8_t* pixel(int x, int y) {
    return &bytes_[(static_cast<size_t>(y) * width_ + x) * channels_];
  }

 private:
  int width_, height_, channels_;
  std::vector<uint8_t> bytes_;
};

// A straight line (Bresenham), `thickness` pixels wide, and a filled rectangle; clipped as set().
void draw_line(Image& image, int x0, int y0, int x1, int y1, Rgb color, int thickness = 1);
void fill_rect(Image& image, int x, int y, int width, int height, Rgb color);

std::string encode_png(const Image& image);  // the bytes of a PNG file
void write_png(const std::filesystem::path& path, const Image& image);

// `count` tiles of tile_height x tile_width values each, consecutive in `values` (a tensor of
// shape [count, tile_height * tile_width] fits), in rows of `columns`, `padding` pixels apart
// on a black sheet. Values in [lo, hi] map to black..white; outside, they are clamped.
Image image_grid(std::span<const float> values, int count, int tile_height, int tile_width,
                 int columns, int padding = 2, float lo = 0, float hi = 1);

// Several sets of `count` tiles each (e.g. originals, then their reconstructions) in interleaved
// rows: row r of every set in turn, then row r + 1, so each tile sits above its counterparts.
Image interleaved_grid(const std::vector<std::span<const float>>& sets, int count, int tile_height,
                       int tile_width, int columns, int padding = 2, float lo = 0, float hi = 1);

}  // namespace examples
