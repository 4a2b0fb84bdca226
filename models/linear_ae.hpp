#pragma once
// The linear autoencoder and PCA: two routes to the same subspace.
//
// With no activation anywhere, an autoencoder x -> W2 (W1 x + b1) + b2 with a K-wide code can
// only reconstruct inside the K-dimensional column space of W2 (shifted by b2). Trained on
// squared error, its best choice is the span of the top K principal components (Baldi & Hornik,
// 1989), so gradient descent brings its reconstruction error down towards PCA's from above, and
// the principal angles between the two subspaces towards 0. W2's columns need not be orthonormal
// nor the components themselves: any basis of the same subspace is as good.
#include <cstdint>
#include <vector>

#include "autograd/random.hpp"
#include "models/autoencoder.hpp"
#include "models/pca.hpp"

namespace models {

// An Autoencoder with one Linear layer each way ({features, code}) and squared-error loss.
AutoencoderOptions linear_autoencoder_options(int64_t features, int64_t code);

// The subspace a linear autoencoder reconstructs in: the columns of its decoder's weight
// [features, code], returned as the rows of a [code, features] tensor (compare with
// Pca::components through principal_angles).
Tensor decoder_subspace(Autoencoder& linear_ae);

struct PcaComparison {
  double pca_mse = 0;          // mean squared error per value of PCA's reconstruction
  double autoencoder_mse = 0;  // the same for the autoencoder; >= pca_mse on the data PCA saw
  std::vector<double> angles;  // principal angles (radians, ascending) between the subspaces
};

// Both reconstruction errors on x, and the angles between the two subspaces. The autoencoder
// must be linear (made from linear_autoencoder_options) with the same code size as pca's rank.
PcaComparison compare_with_pca(Autoencoder& linear_ae, const Pca& pca, const Tensor& x);

}  // namespace models
