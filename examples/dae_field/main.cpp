// dae_field: a denoising autoencoder learns a vector field pointing towards the data manifold.
// Points of a 2-D spiral (datasets/spiral.hpp) are corrupted with Gaussian noise and a DAE
// (2-128-128 with a mirrored decoder, squared error) learns to give back the clean points. Its
// reconstruction field r(x) - x, drawn on a grid, points back to the spiral from both sides
// (Alain & Bengio 2014: for small noise it is about noise^2 times the score, the gradient of
// log p(x)). Every --eval-every epochs the program measures, for the grid points within --near of
// the spiral, how many one step x -> r(x) brings closer, and the mean distance before and after.
// Writes into --out: log.csv, field.png (the field over the data; arrows longer than the grid's
// spacing are drawn shortened to it), loss.png.
//
//   dae_field
//   dae_field --noise-level 0.2 --epochs 400
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "datasets/spiral.hpp"
#include "examples/common/cli.hpp"
#include "examples/common/csv_logger.hpp"
#include "examples/common/image.hpp"
#include "examples/common/plot.hpp"
#include "examples/common/progress.hpp"
#include "models/autoencoder.hpp"
#include "models/autoencoder_training.hpp"

namespace fs = std::filesystem;
using autograd::Tensor;

namespace {

struct Options {
  int64_t points = 2000;
  double noise_level = 0.1;
  int64_t hidden = 128;
  int epochs = 200;
  int eval_every = 10;
  int64_t grid = 25;
  double near = 0.25;
  std::string out = "out/dae_field";
};

// r(x) - x at each (x, y) pair.
std::vector<float> reconstruction_field(models::Autoencoder& ae, const std::vector<float>& xy) {
  autograd::NoGradGuard no_grad;
  const auto n = static_cast<int64_t>(xy.size() / 2);
  const Tensor x({n, 2}, std::vector<autograd::Scalar>(xy.begin(), xy.end()));
  const Tensor field = ae.reconstruct(x) - x;
  return {field.values().begin(), field.values().end()};
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  examples::ArgParser args("dae_field",
                           "Trains a denoising autoencoder on a 2-D spiral and draws its "
                           "reconstruction field r(x) - x, which points towards the data.");
  args.option("points", o.points, "training points on the spiral");
  args.option("noise-level", o.noise_level, "standard deviation of the Gaussian corruption");
  args.option("hidden", o.hidden, "width of the two hidden layers of each half");
  args.option("epochs", o.epochs, "passes over the points");
  args.option("eval-every", o.eval_every, "epochs between measurements of the field");
  args.option("grid", o.grid, "grid points per side where the field is drawn and measured");
  args.option("near", o.near, "grid points this close to the spiral are measured");
  args.option("out", o.out, "output folder");
  args.parse(argc, argv);
  args.require(o.points > 0 && o.hidden > 0 && o.epochs >= 0 && o.eval_every > 0 &&
                   o.grid >= 2 && o.near > 0 && o.noise_level > 0,
               "--points, --hidden, --eval-every, --near and --noise-level must be positive, "
               "--grid at least 2, --epochs >= 0");

  return examples::run_main("dae_field", [&] {
    const uint64_t seed = args.common().seed;
    const datasets::Spiral spiral;
    const datasets::VectorDataset data = datasets::spiral_points(spiral, o.points, 0.01, seed);
    const Tensor x({o.points, 2}, std::vector<autograd::Scalar>(data.values.begin(),
                                                                 data.values.end()));
    autograd::Generator gen(seed + 1);
    models::Autoencoder ae({.widths = {2, o.hidden, o.hidden},
                            .reconstruction = models::Reconstruction::SquaredError,
                            .corruption = {models::NoiseKind::Gaussian, o.noise_level}},
                           gen);
    const std::vector<float> grid = datasets::square_grid(-1.2, 1.2, o.grid);
    const fs::path out(o.out);
    examples::CsvLogger csv(out / "log.csv", {"epoch", "loss", "near_points", "fraction_closer",
                                              "mean_distance_before", "mean_distance_after"});
    std::cout << "denoising autoencoder 2-" << o.hidden << "-" << o.hidden << " on "
              << o.points << " spiral points, corruption N(0, " << o.noise_level << "^2), "
              << ae.parameter_count() << " parameters\n";
    examples::ProgressBar bar("epochs", o.epochs);
    const auto measure = [&](int epoch, double loss) {
      const datasets::StepTowardsCurve s =
          datasets::step_towards(spiral, grid, reconstruction_field(ae, grid), o.near);
      csv.row({double(epoch), loss, double(s.points), s.fraction_closer(), s.mean_before,
               s.mean_after});
      return s;
    };
    std::vector<double> losses;
    models::train_autoencoder(ae, x, {.epochs = o.epochs, .batch = 128, .lr = 1e-3}, gen,
                              [&](int epoch, double loss) {
                                losses.push_back(loss);
                                if (epoch % o.eval_every == 0 || epoch == o.epochs) measure(epoch, loss);
                                bar.advance(1, "loss " + std::to_string(loss));
                              });
    bar.finish();
    const datasets::StepTowardsCurve s =
        measure(o.epochs, losses.empty() ? 0.0 : losses.back());
    std::printf("grid points within %.2f of the spiral: %lld; one step x -> r(x) brings %.1f%% "
                "closer; mean distance %.4f -> %.4f\n",
                o.near, (long long)s.points, 100 * s.fraction_closer(), s.mean_before,
                s.mean_after);
    const std::vector<float> field = reconstruction_field(ae, grid);
    examples::write_png(out / "field.png",
                        examples::quiver_plot(grid, field, data.values, 2.4 / double(o.grid),
                                              {.title = "DAE field r(x) - x", .x_label = "x",
                                               .y_label = "y", .width = 640, .height = 640}));
    examples::write_png(out / "loss.png",
                        examples::line_plot({{"train", losses}}, {.title = "denoising loss",
                                                                  .x_label = "epoch",
                                                                  .y_label = "MSE per coordinate"}));
    std::cout << "wrote " << (out / "log.csv").string() << ", field.png and loss.png\n";
    return 0;
  });
}
