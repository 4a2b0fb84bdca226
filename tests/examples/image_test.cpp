// examples/common image and plot output: PNG signature and dimensions, grid layout, plot pixels.
#include "examples/common/image.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "examples/common/plot.hpp"

using examples::Image;

namespace {
// Width and height from the IHDR chunk, which a PNG file must start with.
struct PngHeader {
  bool signature_ok;
  uint32_t width, height;
  int color_type;
};

PngHeader read_header(const std::string& png) {
  REQUIRE(png.size() > 33);
  auto u32 = [&](size_t at) {
    return uint32_t(uint8_t(png[at])) << 24 | uint32_t(uint8_t(png[at + 1])) << 16 |
           uint32_t(uint8_t(png[at + 2])) << 8 | uint32_t(uint8_t(png[at + 3]));
  };
  const std::string signature = "\x89PNG\r\n\x1a\n";
  return {png.compare(0, 8, signature) == 0 && png.compare(12, 4, "IHDR") == 0, u32(16), u32(20),
          uint8_t(png[25])};
}

int count_color(const Image& image, examples::Rgb c) {
  int n = 0;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) {
      const uint8_t* p = const_cast<Image&>(image).pixel(x, y);
      n += p[0] == c.r && p[1] == c.g && p[2] == c.b;
    }
  return n;
}
}  // namespace

TEST_CASE("a grid of grayscale tiles encodes to a PNG of the expected size") {
  // 5 tiles of 28x28 in rows of 3 with padding 2: 2 + 3 * 30 wide, 2 + 2 * 30 high.
  std::vector<float> values(5 * 28 * 28, 0.0f);
  values[28 * 28 + 0] = 1.0f;  // tile 1, top-left pixel: white
  values[28 * 28 + 1] = 2.0f;  // above hi: clamped to white
  values[28 * 28 + 2] = 0.5f;
  const Image grid = examples::image_grid(values, 5, 28, 28, 3);
  CHECK(grid.width() == 92);
  CHECK(grid.height() == 62);
  CHECK(grid.channels() == 1);
  const uint8_t* tile1 = const_cast<Image&>(grid).pixel(32, 2);
  CHECK(tile1[0] == 255);
  CHECK(tile1[1] == 255);
  CHECK(tile1[2] == 128);

  const PngHeader header = read_header(examples::encode_png(grid));
  CHECK(header.signature_ok);
  CHECK(header.width == 92);
  CHECK(header.height == 62);
  CHECK(header.color_type == 0);  // grayscale

  CHECK_THROWS_WITH_AS(examples::image_grid(values, 6, 28, 28, 3),
                       doctest::Contains("need 4704 values, got 3920"), std::invalid_argument);
}

TEST_CASE("line and scatter plots draw their series in palette colours") {
  const examples::Series train{"train", {5, 3, 2, 1.5, 1.2}};
  const examples::Series test{"test", {6, 4, NAN, 2.5, 2.4}};
  const Image plot = examples::line_plot({train, test}, {.title = "loss", .x_label = "epoch"});
  CHECK(plot.width() == 640);
  CHECK(plot.height() == 400);
  CHECK(count_color(plot, examples::palette(0)) > 100);
  CHECK(count_color(plot, examples::palette(1)) > 50);
  CHECK(count_color(plot, examples::palette(2)) == 0);
  const PngHeader header = read_header(examples::encode_png(plot));
  CHECK(header.width == 640);
  CHECK(header.color_type == 2);  // RGB

  const std::vector<float> xy = {0, 0, 1, 1, 2, 0.5f, -1, 3};
  const std::vector<int64_t> labels = {0, 0, 3, -1};
  const Image scatter = examples::scatter_plot(xy, labels, {.width = 320, .height = 240});
  CHECK(count_color(scatter, examples::palette(3)) >= 9);
  CHECK(count_color(scatter, examples::palette(1)) == 0);
  CHECK_THROWS_AS(examples::scatter_plot(xy, std::vector<int64_t>{0}), std::invalid_argument);
}

TEST_CASE("interleaved_grid puts each row of tiles above its counterparts") {
  // Two sets of four 1x1 tiles in rows of two: originals 0.0 .. 0.3, reconstructions 1.0.
  const std::vector<float> originals = {0.0f, 0.1f, 0.2f, 0.3f}, reconstructions(4, 1.0f);
  Image grid = examples::interleaved_grid({originals, reconstructions}, 4, 1, 1, 2, 0);
  REQUIRE(grid.width() == 2);
  REQUIRE(grid.height() == 4);
  CHECK(*grid.pixel(1, 0) == 26);   // originals row 0: 0.1
  CHECK(*grid.pixel(0, 1) == 255);  // reconstructions row 0
  CHECK(*grid.pixel(1, 2) == 77);   // originals row 1: 0.3
  CHECK(*grid.pixel(1, 3) == 255);
  CHECK_THROWS_WITH_AS(examples::interleaved_grid({originals}, 3, 1, 1, 2),
                       doctest::Contains("fills rows"), std::invalid_argument);
}
