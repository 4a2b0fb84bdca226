#include "examples/vae/pictures.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "autograd/tape.hpp"
#include "examples/common/image.hpp"
#include "examples/common/plot.hpp"

namespace vae_example {

using autograd::Scalar;
using autograd::Tensor;

namespace {

int tile_side(const models::Vae& vae) {
  const int64_t input = vae.options().input;
  const int side = static_cast<int>(std::lround(std::sqrt(double(input))));
  if (int64_t(side) * side != input)
    throw std::invalid_argument("VAE pictures: input size " + std::to_string(input) +
                                " is not a square image");
  return side;
}

void require_2d_latent(const models::Vae& vae, const char* figure) {
  if (vae.options().latent != 2)
    throw std::invalid_argument(std::string(figure) + ": needs a 2-D latent space, the model has " +
                                std::to_string(vae.options().latent));
}

void write_tiles(const Tensor& images, int count, int columns, int side,
                 const std::filesystem::path& path) {
  examples::write_png(path, examples::image_grid(images.values(), count, side, side, columns));
}

}  // namespace

void write_prior_samples(models::Vae& vae, autograd::Generator& gen, int rows, int columns,
                         const std::filesystem::path& path) {
  write_tiles(vae.sample(rows * columns, gen), rows * columns, columns, tile_side(vae), path);
}

void write_reconstructions(models::Vae& vae, const Tensor& originals, int columns,
                           const std::filesystem::path& path) {
  const int side = tile_side(vae);
  const Tensor reconstructed = vae.reconstruct(originals);
  examples::write_png(
      path, examples::interleaved_grid({originals.values(), reconstructed.values()},
                                       static_cast<int>(originals.size(0)), side, side, columns));
}

void write_manifold(models::Vae& vae, int steps, const std::filesystem::path& path) {
  require_2d_latent(vae, "write_manifold");
  if (steps < 1) throw std::invalid_argument("write_manifold: steps must be positive");
  // Grid cell centres of the unit square, through the inverse CDF: z_1 grows to the right,
  // z_2 upwards.
  Tensor z = Tensor::empty({int64_t(steps) * steps, 2});
  for (int row = 0; row < steps; ++row)
    for (int column = 0; column < steps; ++column) {
      Scalar* point = z.data() + 2 * (int64_t(row) * steps + column);
      point[0] = static_cast<Scalar>(standard_normal_quantile((column + 0.5) / steps));
      point[1] = static_cast<Scalar>(standard_normal_quantile(1 - (row + 0.5) / steps));
    }
  autograd::NoGradGuard no_grad;
  write_tiles(vae.decode_mean(z), steps * steps, steps, tile_side(vae), path);
}

void write_latent_scatter(models::Vae& vae, const Tensor& images, const std::vector<int>& labels,
                          const std::filesystem::path& path) {
  require_2d_latent(vae, "write_latent_scatter");
  if (static_cast<int64_t>(labels.size()) != images.size(0))
    throw std::invalid_argument("write_latent_scatter: " + std::to_string(labels.size()) +
                                " labels for " + std::to_string(images.size(0)) + " images");
  autograd::NoGradGuard no_grad;
  const Tensor codes = vae.encode(images).mean;
  const std::vector<int64_t> colours(labels.begin(), labels.end());
  examples::write_png(path, examples::scatter_plot(codes.values(), colours,
                                                   {.title = "test images in latent space",
                                                    .x_label = "z1 (posterior mean)",
                                                    .y_label = "z2"}));
}

void write_loss_curve(const std::vector<double>& train, const std::vector<double>& test,
                      const std::filesystem::path& path) {
  examples::write_png(
      path, examples::line_plot(
                {{"train", train}, {"test", test}},
                {.title = "negative ELBO per image", .x_label = "epoch", .y_label = "nats"}));
}

double standard_normal_quantile(double p) {
  if (!(p > 0 && p < 1))
    throw std::invalid_argument("standard_normal_quantile: p must be in (0, 1), got " +
                                std::to_string(p));
  // Bisection on the CDF, Phi(x) = erfc(-x / sqrt 2) / 2, which increases: 80 halvings of
  // [-40, 40] reach double precision.
  double lo = -40, hi = 40;
  for (int i = 0; i < 80; ++i) {
    const double mid = (lo + hi) / 2;
    (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

}  // namespace vae_example
