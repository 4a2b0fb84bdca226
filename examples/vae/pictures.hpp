#pragma once
// The VAE example's figures, each a PNG (through examples/common/image.hpp):
//   samples: decoded draws from the prior z ~ N(0, I), in a grid;
//   reconstructions: rows of originals, each above the row of their reconstructions;
//   manifold (2-D latent space only): images decoded on a grid of latent points, placed through
//     the inverse Gaussian CDF so that equal steps cover equal prior probability (the AEVB
//     paper's figure 4);
//   latent scatter (2-D only): the posterior means of images, coloured by label;
//   loss curve: train and test negative ELBO per epoch.
// Images are square: a model with input 784 draws 28 x 28 tiles.
#include <filesystem>
#include <vector>

#include "autograd/random.hpp"
#include "autograd/tensor.hpp"
#include "models/vae.hpp"

namespace vae_example {

void write_prior_samples(models::Vae& vae, autograd::Generator& gen, int rows, int columns,
                         const std::filesystem::path& path);

// originals: [rows * columns, input]; the figure has 2 * rows rows of tiles.
void write_reconstructions(models::Vae& vae, const autograd::Tensor& originals, int columns,
                           const std::filesystem::path& path);

// steps x steps decoded images; needs a latent space of 2 dimensions.
void write_manifold(models::Vae& vae, int steps, const std::filesystem::path& path);

// images: [n, input], labels: n class indices; needs a latent space of 2 dimensions.
void write_latent_scatter(models::Vae& vae, const autograd::Tensor& images,
                          const std::vector<int>& labels, const std::filesystem::path& path);

void write_loss_curve(const std::vector<double>& train, const std::vector<double>& test,
                      const std::filesystem::path& path);

// x with P(Z <= x) = p for Z ~ N(0, 1), p in (0, 1).
double standard_normal_quantile(double p);

}  // namespace vae_example
