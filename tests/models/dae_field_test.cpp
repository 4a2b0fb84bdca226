// The claim of examples/dae_field: a denoising autoencoder trained on a spiral learns a field
// r(x) - x that points towards it. One step x -> r(x) must bring most grid points near the spiral
// closer to it; an untrained one must not.
#include <doctest/doctest.h>

#include "autograd/autograd.hpp"
#include "datasets/spiral.hpp"
#include "models/autoencoder.hpp"
#include "models/autoencoder_training.hpp"

using namespace autograd;

namespace {
datasets::StepTowardsCurve field_after(int epochs) {
  const datasets::Spiral spiral;
  const datasets::VectorDataset data = datasets::spiral_points(spiral, 1000, 0.01, 3);
  const Tensor x({1000, 2}, std::vector<Scalar>(data.values.begin(), data.values.end()));
  Generator gen(4);
  models::Autoencoder ae({.widths = {2, 64, 64},
                          .reconstruction = models::Reconstruction::SquaredError,
                          .corruption = {models::NoiseKind::Gaussian, 0.1}},
                         gen);
  const std::vector<double> losses = models::train_autoencoder(ae, x, {.epochs = epochs}, gen);
  if (epochs > 1) CHECK(losses.back() < losses.front());
  NoGradGuard no_grad;
  const std::vector<float> grid = datasets::square_grid(-1.2, 1.2, 21);
  const Tensor g({int64_t(grid.size() / 2), 2}, std::vector<Scalar>(grid.begin(), grid.end()));
  const Tensor field = ae.reconstruct(g) - g;
  const std::vector<float> steps(field.values().begin(), field.values().end());
  return datasets::step_towards(spiral, grid, steps, 0.25);
}
}  // namespace

TEST_CASE("a DAE's reconstruction field points towards the spiral; an untrained one does not") {
  const datasets::StepTowardsCurve untrained = field_after(0);
  const datasets::StepTowardsCurve trained = field_after(300);
  MESSAGE("untrained: " << untrained.fraction_closer() << " closer, trained: "
                        << trained.fraction_closer() << " closer, mean distance "
                        << trained.mean_before << " -> " << trained.mean_after);
  REQUIRE(trained.points > 100);
  CHECK(trained.fraction_closer() > 0.85);
  CHECK(trained.mean_after < 0.5 * trained.mean_before);
  CHECK(untrained.fraction_closer() < 0.6);
}

TEST_CASE("spiral: points on the curve are at distance 0, the centre at the inner radius") {
  const datasets::Spiral spiral;
  for (double t : {0.2, 0.5, 0.77, 1.0}) {
    const auto p = spiral.point(t);
    CHECK(spiral.distance(p[0], p[1]) < 1e-6);
  }
  CHECK(spiral.distance(0, 0) == doctest::Approx(0.2).epsilon(1e-6));
  const datasets::VectorDataset noisy = datasets::spiral_points(spiral, 500, 0.05, 1);
  double mean = 0;
  for (int64_t i = 0; i < noisy.count; ++i)
    mean += spiral.distance(noisy.values[2 * i], noisy.values[2 * i + 1]) / double(noisy.count);
  CHECK(mean == doctest::Approx(0.05 * 0.7979).epsilon(0.15));  // E|N(0, s^2)| = 0.80 s
  CHECK(datasets::spiral_points(spiral, 3, 0, 9).values == datasets::spiral_points(spiral, 3, 0, 9).values);
  CHECK_THROWS_WITH_AS(datasets::spiral_points(spiral, -1, 0, 1), doctest::Contains("spiral_points"),
                       std::invalid_argument);
}
