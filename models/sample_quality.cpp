// sample_quality.hpp: nearest-neighbour distances and a Gaussian fitted to codes.
#include "models/sample_quality.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "autograd/ops.hpp"
#include "autograd/tape.hpp"
#include "models/lapack.hpp"

namespace models {

using autograd::Scalar;

std::vector<double> nearest_distances(const Tensor& samples, const Tensor& references) {
  if (samples.dim() != 2 || references.dim() != 2 || samples.size(1) != references.size(1) ||
      references.size(0) == 0)
    throw std::invalid_argument("nearest_distances: samples " +
                                autograd::to_string(samples.shape()) + " and references " +
                                autograd::to_string(references.shape()) +
                                " must be [m, d] and non-empty [n, d]");
  autograd::NoGradGuard no_grad;
  const int64_t m = samples.size(0), n = references.size(0), d = samples.size(1);
  // |a - b|^2 = |a|^2 + |b|^2 - 2 a.b, the cross terms in one product.
  const Tensor cross = autograd::matmul(samples, references, false, true);
  const auto squared_norms = [d](const Tensor& x) {
    std::vector<double> norms(x.size(0), 0);
    for (int64_t i = 0; i < x.size(0); ++i)
      for (int64_t k = 0; k < d; ++k) norms[i] += double(x.data()[i * d + k]) * x.data()[i * d + k];
    return norms;
  };
  const std::vector<double> a = squared_norms(samples), b = squared_norms(references);
  std::vector<double> nearest(m);
  for (int64_t i = 0; i < m; ++i) {
    double best = std::numeric_limits<double>::infinity();
    for (int64_t j = 0; j < n; ++j) best = std::min(best, a[i] + b[j] - 2 * cross.data()[i * n + j]);
    nearest[i] = std::sqrt(std::max(0.0, best));  // rounding can dip just below 0
  }
  return nearest;
}

namespace {

struct Moments {
  std::vector<double> mean, covariance;  // d and d x d (maximum likelihood)
};

Moments moments(const Tensor& x) {
  const int64_t n = x.size(0), d = x.size(1);
  const Scalar* v = x.data();
  Moments m{std::vector<double>(d, 0), std::vector<double>(d * d, 0)};
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < d; ++j) m.mean[j] += v[i * d + j] / double(n);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < d; ++j)
      for (int64_t k = 0; k <= j; ++k)
        m.covariance[j * d + k] += (v[i * d + j] - m.mean[j]) * (v[i * d + k] - m.mean[k]) / double(n);
  for (int64_t j = 0; j < d; ++j)
    for (int64_t k = 0; k < j; ++k) m.covariance[k * d + j] = m.covariance[j * d + k];
  return m;
}

// The symmetric square root of a symmetric positive semi-definite d x d matrix (row-major):
// V diag(sqrt(max(lambda, 0))) V^T, negative rounding noise in lambda clipped to 0.
std::vector<double> symmetric_sqrt(std::vector<double> a, int64_t d) {
  std::vector<double> lambda(d);
  lapack::symmetric_eigen(static_cast<int>(d), a.data(), lambda.data());  // rows: eigenvectors
  std::vector<double> root(d * d, 0);
  for (int64_t e = 0; e < d; ++e) {
    const double s = std::sqrt(std::max(0.0, lambda[e]));
    for (int64_t j = 0; j < d; ++j)
      for (int64_t k = 0; k < d; ++k) root[j * d + k] += s * a[e * d + j] * a[e * d + k];
  }
  return root;
}

}  // namespace

double frechet_distance(const Tensor& a, const Tensor& b) {
  if (a.dim() != 2 || b.dim() != 2 || a.size(1) != b.size(1) || a.size(0) < 2 || b.size(0) < 2)
    throw std::invalid_argument("frechet_distance: features " + autograd::to_string(a.shape()) +
                                " and " + autograd::to_string(b.shape()) +
                                " must be [m, d] and [n, d] with at least 2 rows each");
  const int64_t d = a.size(1);
  const Moments ma = moments(a), mb = moments(b);
  double distance = 0;
  for (int64_t j = 0; j < d; ++j)
    distance += std::pow(ma.mean[j] - mb.mean[j], 2) + ma.covariance[j * d + j] +
                mb.covariance[j * d + j];
  // tr((S_a^1/2 S_b S_a^1/2)^1/2): the product is symmetric, so its root is taken the same way.
  const std::vector<double> root_a = symmetric_sqrt(ma.covariance, d);
  std::vector<double> tmp(d * d, 0), product(d * d, 0);
  for (int64_t i = 0; i < d; ++i)
    for (int64_t k = 0; k < d; ++k)
      for (int64_t j = 0; j < d; ++j) tmp[i * d + j] += root_a[i * d + k] * mb.covariance[k * d + j];
  for (int64_t i = 0; i < d; ++i)
    for (int64_t k = 0; k < d; ++k)
      for (int64_t j = 0; j < d; ++j) product[i * d + j] += tmp[i * d + k] * root_a[k * d + j];
  const std::vector<double> root = symmetric_sqrt(product, d);
  for (int64_t j = 0; j < d; ++j) distance -= 2 * root[j * d + j];
  return std::max(0.0, distance);
}

GaussianFit GaussianFit::fit(const Tensor& codes) {
  if (codes.dim() != 2 || codes.size(0) <= codes.size(1))
    throw std::invalid_argument("GaussianFit::fit: needs more rows than columns, got " +
                                autograd::to_string(codes.shape()));
  const int64_t d = codes.size(1);
  Moments m = moments(codes);
  std::vector<double>& cov = m.covariance;
  GaussianFit g{m.mean, std::vector<double>(d * d, 0)};
  for (int64_t j = 0; j < d; ++j) cov[j * d + j] += 1e-6;
  // Cholesky-Banachiewicz, row by row of the lower triangle.
  for (int64_t j = 0; j < d; ++j)
    for (int64_t k = 0; k <= j; ++k) {
      double s = cov[j * d + k];
      for (int64_t p = 0; p < k; ++p) s -= g.cholesky[j * d + p] * g.cholesky[k * d + p];
      if (j == k) {
        if (!(s > 0))
          throw std::domain_error("GaussianFit::fit: the covariance is not positive definite");
        g.cholesky[j * d + j] = std::sqrt(s);
      } else {
        g.cholesky[j * d + k] = s / g.cholesky[k * d + k];
      }
    }
  return g;
}

Tensor GaussianFit::sample(int64_t count, autograd::Generator& gen) const {
  const int64_t d = dim();
  const Tensor eps = gen.normal_tensor({count, d});
  Tensor z = Tensor::empty({count, d});
  for (int64_t i = 0; i < count; ++i)
    for (int64_t j = 0; j < d; ++j) {
      double value = mean[j];
      for (int64_t k = 0; k <= j; ++k) value += cholesky[j * d + k] * eps.data()[i * d + k];
      z.data()[i * d + j] = static_cast<Scalar>(value);
    }
  return z;
}

}  // namespace models
