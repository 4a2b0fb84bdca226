// spiral.hpp: points on and near a 2-D spiral, and the distance to it.
#include "datasets/spiral.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>

#include "autograd/random.hpp"

namespace datasets {

namespace {
constexpr int kSegments = 4000;
}

std::array<double, 2> Spiral::point(double t) const {
  const double angle = 2 * std::numbers::pi * turns * t;
  return {scale * t * std::cos(angle), scale * t * std::sin(angle)};
}

double Spiral::distance(double x, double y) const {
  double best = std::numeric_limits<double>::infinity();
  std::array<double, 2> a = point(t_min);
  for (int k = 1; k <= kSegments; ++k) {
    const std::array<double, 2> b = point(t_min + (1 - t_min) * k / kSegments);
    // The nearest point of segment ab: the projection clamped to its ends.
    const double dx = b[0] - a[0], dy = b[1] - a[1];
    const double length2 = dx * dx + dy * dy;
    const double s =
        length2 > 0 ? std::clamp(((x - a[0]) * dx + (y - a[1]) * dy) / length2, 0.0, 1.0) : 0.0;
    best = std::min(best, std::hypot(x - a[0] - s * dx, y - a[1] - s * dy));
    a = b;
  }
  return best;
}

VectorDataset spiral_points(const Spiral& spiral, int64_t count, double noise, uint64_t seed) {
  if (count < 0 || !(noise >= 0) || !(spiral.t_min >= 0 && spiral.t_min < 1) ||
      !(spiral.scale > 0) || !(spiral.turns > 0))
    throw std::invalid_argument("spiral_points: need count >= 0, noise >= 0, t_min in [0, 1), "
                                "scale and turns > 0; got count " + std::to_string(count) +
                                ", noise " + std::to_string(noise));
  autograd::Generator gen(seed);
  VectorDataset data;
  data.count = count;
  data.dim = 2;
  data.labels.assign(static_cast<size_t>(count), 0);
  data.values.reserve(static_cast<size_t>(2 * count));
  for (int64_t i = 0; i < count; ++i) {
    const std::array<double, 2> p = spiral.point(gen.uniform(spiral.t_min, 1));
    data.values.push_back(static_cast<float>(p[0] + gen.normal(0, noise)));
    data.values.push_back(static_cast<float>(p[1] + gen.normal(0, noise)));
  }
  return data;
}

std::vector<float> square_grid(double lo, double hi, int64_t per_side) {
  if (per_side < 2 || !(hi > lo))
    throw std::invalid_argument("square_grid: needs per_side >= 2 and hi > lo");
  std::vector<float> xy;
  xy.reserve(static_cast<size_t>(2 * per_side * per_side));
  for (int64_t row = 0; row < per_side; ++row)
    for (int64_t col = 0; col < per_side; ++col) {
      xy.push_back(static_cast<float>(lo + (hi - lo) * double(col) / double(per_side - 1)));
      xy.push_back(static_cast<float>(lo + (hi - lo) * double(row) / double(per_side - 1)));
    }
  return xy;
}

StepTowardsCurve step_towards(const Spiral& spiral, std::span<const float> points,
                              std::span<const float> steps, double near) {
  if (points.size() != steps.size() || points.size() % 2)
    throw std::invalid_argument("step_towards: " + std::to_string(points.size()) +
                                " point coordinates and " + std::to_string(steps.size()) +
                                " step coordinates (need as many, in pairs)");
  StepTowardsCurve result;
  for (size_t i = 0; i < points.size(); i += 2) {
    const double before = spiral.distance(points[i], points[i + 1]);
    if (before > near) continue;
    const double after = spiral.distance(points[i] + steps[i], points[i + 1] + steps[i + 1]);
    ++result.points;
    result.closer += after < before;
    result.mean_before += before;
    result.mean_after += after;
  }
  if (result.points) {
    result.mean_before /= double(result.points);
    result.mean_after /= double(result.points);
  }
  return result;
}

}  // namespace datasets
