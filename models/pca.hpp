#pragma once
// Principal component analysis: the K orthonormal directions along which a data set varies most,
// found as the top K eigenvectors of its covariance matrix (LAPACK ?syevd, see lapack.hpp).
//
// Projecting onto them and back is the best rank-K linear reconstruction in squared error
// (Eckart-Young); its mean squared error per value is the variance left out, divided by the
// number of features. A linear autoencoder trained on squared error converges to the same
// subspace (Baldi & Hornik, 1989), but its weights need be neither orthonormal nor aligned with
// the individual components: principal_angles() compares subspaces, not bases.
#include <cstdint>
#include <vector>

#include "autograd/tensor.hpp"

namespace models {

using autograd::Scalar;
using autograd::Tensor;

struct Pca {
  Tensor mean;                // [d], subtracted before projecting
  Tensor components;          // [k, d], orthonormal rows, by decreasing variance
  Tensor variances;           // [k], the data's variance along each component
  Scalar total_variance = 0;  // the trace of the covariance matrix: all d directions

  int64_t features() const { return components.size(1); }
  int64_t rank() const { return components.size(0); }

  Tensor encode(const Tensor& x) const;      // [n, d] -> codes [n, k]
  Tensor decode(const Tensor& codes) const;  // [n, k] -> [n, d]
  Tensor reconstruct(const Tensor& x) const { return decode(encode(x)); }

  // The mean squared error per value of reconstructing the data PCA was fitted on:
  // (total variance - kept variance) / d.
  Scalar training_mse() const;
};

// Fits K components to the rows of x ([n, d], n >= 1, 1 <= K <= d). The covariance divides by n,
// so training_mse() equals the mean squared reconstruction error on x itself.
Pca fit_pca(const Tensor& x, int64_t k);

// Mean over all values of (a - b)^2; a and b of the same shape.
Scalar mean_squared_error(const Tensor& a, const Tensor& b);

// The principal angles, in radians and ascending, between the subspace spanned by the rows of
// `a` ([k1, d]) and that spanned by the rows of `b` ([k2, d]); min(k1, k2) of them. The rows need
// not be orthonormal but must be linearly independent. 0 means a shared direction, pi / 2 an
// orthogonal one. Each angle is atan2(sin, cos), with the cosines the singular values of
// Qa Qb^T and the sines those of Qb - (Qa Qb^T)^T Qa, which keeps small angles accurate.
std::vector<double> principal_angles(const Tensor& a, const Tensor& b);

}  // namespace models
