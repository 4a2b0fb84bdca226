#pragma once
// A 5x7 pixel font (ASCII space to underscore; lowercase is drawn as uppercase), enough for
// tick labels, titles and legends on plots.
#include <string_view>

#include "examples/common/image.hpp"

namespace examples {

// Each character takes 6 x 8 pixels times `scale`; (x, y) is the top-left corner.
void draw_text(Image& image, int x, int y, std::string_view text, Rgb color, int scale = 1);
int text_width(std::string_view text, int scale = 1);
constexpr int text_height(int scale = 1) {
  return 7 * scale;
}

}  // namespace examples
