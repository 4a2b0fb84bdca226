#pragma once
// Telling a generator from a decoder: how close are decoded samples to real data?
//
// nearest_distances: for each sample, the Euclidean distance to its nearest reference image
// (e.g. the test set). Samples from a model of the data land near real images; codes the decoder
// never saw decode to images far from all of them.
//
// frechet_distance: how far the samples' feature statistics are from the data's.
//
// GaussianFit: a full-covariance Gaussian fitted to a set of codes (an autoencoder's), and samples
// from it: the best a plain autoencoder can do as a generator without a prior it was trained
// towards.
#include <cstdint>
#include <vector>

#include "autograd/random.hpp"
#include "autograd/tensor.hpp"

namespace models {

using autograd::Tensor;

// samples [m, d], references [n, d] -> m distances.
std::vector<double> nearest_distances(const Tensor& samples, const Tensor& references);

// The Frechet distance between Gaussians fitted to two sets of feature rows, a [m, d] and b [n, d]
// (the FID's formula, Heusel et al. 2017, on whatever features are given, e.g. PCA coordinates):
//   |mu_a - mu_b|^2 + tr(S_a) + tr(S_b) - 2 tr((S_a^1/2 S_b S_a^1/2)^1/2).
// Blurry samples lose variance and mixed-up ones move the mean: either grows the distance, which
// nearest-neighbour distances miss (a blurred average is close to many images).
double frechet_distance(const Tensor& a, const Tensor& b);

struct GaussianFit {
  std::vector<double> mean;      // d
  std::vector<double> cholesky;  // d x d lower triangle L, covariance = L L^T (row-major)
  int64_t dim() const { return static_cast<int64_t>(mean.size()); }

  // Maximum-likelihood mean and covariance of the rows of `codes` [n, d] (n > d), plus 1e-6 on the
  // diagonal so that a degenerate direction still factors.
  static GaussianFit fit(const Tensor& codes);
  Tensor sample(int64_t count, autograd::Generator& gen) const;  // mean + L eps, [count, d]
};

}  // namespace models
