#pragma once
// A 2-D spiral: a one-dimensional data manifold in the plane, for showing what a denoising
// autoencoder learns (the field r(x) - x pointing back towards the curve) without any files.
//
// The curve is p(t) = scale * t * (cos(2 pi turns t), sin(2 pi turns t)) for t in [t_min, 1]:
// its radius grows linearly with the angle, so successive arms are scale / turns apart.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "datasets/blobs.hpp"

namespace datasets {

struct Spiral {
  double turns = 2;
  double t_min = 0.2;  // keeps the arms apart near the centre
  double scale = 1.0;

  std::array<double, 2> point(double t) const;
  // The Euclidean distance from (x, y) to the curve, measured on a polyline of 4,000 segments
  // (closer than 1e-4 * scale to the true distance).
  double distance(double x, double y) const;
};

// `count` points with t uniform in [t_min, 1], each moved by N(0, noise^2) in both coordinates;
// dim 2, labels all 0.
VectorDataset spiral_points(const Spiral& spiral, int64_t count, double noise, uint64_t seed);

// per_side^2 points of a square grid over [lo, hi]^2, row-major as (x, y) pairs: where a vector
// field is drawn and probed.
std::vector<float> square_grid(double lo, double hi, int64_t per_side);

// How one step along a field moves points relative to the curve: for the points (x, y pairs)
// within `near` of it, how many end closer after moving to point + step, and the mean distances
// before and after.
struct StepTowardsCurve {
  int64_t points = 0, closer = 0;
  double mean_before = 0, mean_after = 0;
  double fraction_closer() const { return points ? double(closer) / double(points) : 0; }
};
StepTowardsCurve step_towards(const Spiral& spiral, std::span<const float> points,
                              std::span<const float> steps, double near);

}  // namespace datasets
