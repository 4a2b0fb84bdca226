#include "models/pca.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "autograd/runtime/blas.hpp"
#include "autograd/ops.hpp"
#include "models/lapack.hpp"

namespace models {

using autograd::to_string;

namespace {

void check_matrix(const char* where, const Tensor& x) {
  if (x.dim() != 2)
    throw std::invalid_argument(std::string(where) + ": needs a 2-D tensor, got " +
                                to_string(x.shape()));
}

void check_features(const char* where, const Tensor& x, int64_t d) {
  check_matrix(where, x);
  if (x.size(1) != d)
    throw std::invalid_argument(std::string(where) + ": expected " + std::to_string(d) +
                                " columns, got " + to_string(x.shape()));
}

// Rows of the result: an orthonormal basis of the row space of m ([k, d]), by modified
// Gram-Schmidt run twice ("twice is enough" for full orthogonality in floating point).
std::vector<Scalar> orthonormal_rows(const char* where, const Tensor& m) {
  const int64_t k = m.size(0), d = m.size(1);
  std::vector<Scalar> q(m.values().begin(), m.values().end());
  for (int64_t i = 0; i < k; ++i) {
    Scalar* row = q.data() + i * d;
    double original = 0;
    for (int64_t c = 0; c < d; ++c) original += double(row[c]) * row[c];
    for (int pass = 0; pass < 2; ++pass)
      for (int64_t j = 0; j < i; ++j) {
        const Scalar* done = q.data() + j * d;
        double dot = 0;
        for (int64_t c = 0; c < d; ++c) dot += double(done[c]) * row[c];
        for (int64_t c = 0; c < d; ++c) row[c] -= static_cast<Scalar>(dot) * done[c];
      }
    double remaining = 0;
    for (int64_t c = 0; c < d; ++c) remaining += double(row[c]) * row[c];
    const double tiny = sizeof(Scalar) == 4 ? 1e-5 : 1e-12;
    if (!(remaining > tiny * tiny * original) || original == 0)
      throw std::invalid_argument(std::string(where) + ": row " + std::to_string(i) + " of " +
                                  to_string(m.shape()) +
                                  " depends linearly on the rows before it; the rows must span a "
                                  "subspace of dimension equal to their number");
    const Scalar inverse_norm = static_cast<Scalar>(1 / std::sqrt(remaining));
    for (int64_t c = 0; c < d; ++c) row[c] *= inverse_norm;
  }
  return q;
}

}  // namespace

Pca fit_pca(const Tensor& x, int64_t k) {
  check_matrix("fit_pca", x);
  const int64_t n = x.size(0), d = x.size(1);
  if (n < 1) throw std::invalid_argument("fit_pca: no rows in " + to_string(x.shape()));
  if (k < 1 || k > d)
    throw std::invalid_argument("fit_pca: K = " + std::to_string(k) + " components asked of " +
                                std::to_string(d) +
                                " features; need 1 <= K <= " + std::to_string(d));
  Pca pca;
  pca.mean = Tensor::zeros({d});
  std::vector<double> mean(d, 0.0);
  for (int64_t r = 0; r < n; ++r)
    for (int64_t c = 0; c < d; ++c) mean[c] += x.data()[r * d + c];
  for (int64_t c = 0; c < d; ++c) pca.mean.data()[c] = static_cast<Scalar>(mean[c] / n);

  std::vector<Scalar> centered(x.values().begin(), x.values().end());
  for (int64_t r = 0; r < n; ++r)
    for (int64_t c = 0; c < d; ++c) centered[r * d + c] -= pca.mean.data()[c];
  // covariance = X_c^T X_c / n
  std::vector<Scalar> covariance(d * d);
  const int di = static_cast<int>(d);
  autograd::blas::gemm(true, false, di, di, static_cast<int>(n), Scalar(1) / Scalar(n),
                       centered.data(), di, centered.data(), di, Scalar(0), covariance.data(), di);

  std::vector<Scalar> eigenvalues(d);
  lapack::symmetric_eigen(di, covariance.data(), eigenvalues.data());
  pca.components = Tensor::zeros({k, d});
  pca.variances = Tensor::zeros({k});
  double total = 0;
  for (Scalar value : eigenvalues) total += std::max(value, Scalar(0));
  pca.total_variance = static_cast<Scalar>(total);
  for (int64_t i = 0; i < k; ++i) {  // eigenvalues ascend: take them from the end
    const Scalar* vector = covariance.data() + (d - 1 - i) * d;
    Scalar* row = pca.components.data() + i * d;
    // An eigenvector's sign is arbitrary; make its largest entry positive so runs agree.
    const Scalar* largest = std::max_element(
        vector, vector + d, [](Scalar a, Scalar b) { return std::abs(a) < std::abs(b); });
    const Scalar sign = *largest < 0 ? Scalar(-1) : Scalar(1);
    for (int64_t c = 0; c < d; ++c) row[c] = sign * vector[c];
    pca.variances.data()[i] = std::max(eigenvalues[d - 1 - i], Scalar(0));
  }
  return pca;
}

Tensor Pca::encode(const Tensor& x) const {
  check_features("Pca::encode", x, features());
  return autograd::matmul(autograd::sub(x, mean), components, false, true);
}

Tensor Pca::decode(const Tensor& codes) const {
  check_features("Pca::decode", codes, rank());
  return autograd::add(autograd::matmul(codes, components), mean);
}

Scalar Pca::training_mse() const {
  double kept = 0;
  for (Scalar v : variances.values()) kept += v;
  return static_cast<Scalar>(std::max(0.0, double(total_variance) - kept) / double(features()));
}

Scalar mean_squared_error(const Tensor& a, const Tensor& b) {
  if (a.shape() != b.shape())
    throw std::invalid_argument("mean_squared_error: shapes differ: " + to_string(a.shape()) +
                                " and " + to_string(b.shape()));
  if (a.numel() == 0) throw std::invalid_argument("mean_squared_error: empty tensors");
  double total = 0;
  for (int64_t i = 0; i < a.numel(); ++i) {
    const double diff = double(a.data()[i]) - double(b.data()[i]);
    total += diff * diff;
  }
  return static_cast<Scalar>(total / double(a.numel()));
}

std::vector<double> principal_angles(const Tensor& a, const Tensor& b) {
  check_matrix("principal_angles", a);
  check_features("principal_angles", b, a.size(1));
  // Let B be the subspace of smaller dimension: its p directions each make one angle with A.
  const bool swap = b.size(0) > a.size(0);
  const std::vector<Scalar> qa = orthonormal_rows("principal_angles", swap ? b : a);
  const std::vector<Scalar> qb = orthonormal_rows("principal_angles", swap ? a : b);
  const int ka = static_cast<int>(std::max(a.size(0), b.size(0)));
  const int p = static_cast<int>(std::min(a.size(0), b.size(0)));
  const int d = static_cast<int>(a.size(1));
  if (p == 0) return {};

  // M = Qb Qa^T ([p, ka]): its singular values are the cosines.
  std::vector<Scalar> m(p * ka);
  autograd::blas::gemm(false, true, p, ka, d, Scalar(1), qb.data(), d, qa.data(), d, Scalar(0),
                       m.data(), ka);
  // R = Qb - M Qa ([p, d]): the part of B orthogonal to A; its singular values are the sines.
  std::vector<Scalar> r = qb;
  autograd::blas::gemm(false, false, p, d, ka, Scalar(-1), m.data(), ka, qa.data(), d, Scalar(1),
                       r.data(), d);
  std::vector<Scalar> cosines(p), sines(p);
  lapack::singular_values(p, ka, m.data(), cosines.data());
  lapack::singular_values(p, d, r.data(), sines.data());
  // Cosines descend and sines descend: angle i pairs cosine i with sine p - 1 - i.
  std::vector<double> angles(p);
  for (int i = 0; i < p; ++i) angles[i] = std::atan2(double(sines[p - 1 - i]), double(cosines[i]));
  std::sort(angles.begin(), angles.end());
  return angles;
}

}  // namespace models
