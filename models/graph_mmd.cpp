#include "models/graph_mmd.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/graph_statistics.hpp"

namespace models {

namespace {

double at(const Histogram& h, size_t i) { return i < h.size() ? h[i] : 0.0; }

double gaussian_of(double distance, double sigma) {
  return std::exp(-distance * distance / (2 * sigma * sigma));
}

double kernel_mean(std::span<const Histogram> x, std::span<const Histogram> y,
                   const GraphKernel& kernel) {
  double total = 0;
  for (const Histogram& a : x)
    for (const Histogram& b : y) total += kernel(a, b);
  return total / (static_cast<double>(x.size()) * static_cast<double>(y.size()));
}

}  // namespace

double gaussian_emd_kernel(const Histogram& p, const Histogram& q, double sigma,
                           double distance_scale) {
  // Between two distributions of equal mass on a line, the earth mover's distance is the area
  // between their cumulative distribution functions.
  double cumulative = 0, emd = 0;
  for (size_t i = 0; i < std::max(p.size(), q.size()); ++i) {
    cumulative += at(p, i) - at(q, i);
    emd += std::abs(cumulative);
  }
  return gaussian_of(emd / distance_scale, sigma);
}

double gaussian_tv_kernel(const Histogram& p, const Histogram& q, double sigma) {
  double tv = 0;
  for (size_t i = 0; i < std::max(p.size(), q.size()); ++i) tv += std::abs(at(p, i) - at(q, i));
  return gaussian_of(tv / 2, sigma);
}

double gaussian_kernel(const Histogram& x, const Histogram& y, double sigma) {
  double squared = 0;
  for (size_t i = 0; i < std::max(x.size(), y.size()); ++i)
    squared += (at(x, i) - at(y, i)) * (at(x, i) - at(y, i));
  return gaussian_of(std::sqrt(squared), sigma);
}

std::vector<Histogram> normalized(std::vector<Histogram> histograms) {
  for (Histogram& h : histograms) {
    double total = 0;
    for (const double v : h) total += v;
    if (!(total > 0)) throw std::invalid_argument("normalized: a histogram sums to zero");
    for (double& v : h) v /= total;
  }
  return histograms;
}

double mmd_squared(std::span<const Histogram> x, std::span<const Histogram> y,
                   const GraphKernel& kernel) {
  if (x.empty() || y.empty()) throw std::invalid_argument("mmd_squared: an empty set of samples");
  return kernel_mean(x, x, kernel) + kernel_mean(y, y, kernel) - 2 * kernel_mean(x, y, kernel);
}

GenerationMmd generation_mmd(std::span<const datasets::GraphDataset> reference,
                             std::span<const datasets::GraphDataset> generated,
                             HistogramKernel kind) {
  std::vector<Histogram> degree[2], clustering[2], orbit[2];
  const std::span<const datasets::GraphDataset> sets[2] = {reference, generated};
  for (int s = 0; s < 2; ++s)
    for (const datasets::GraphDataset& g : sets[s]) {
      if (g.num_nodes == 0) continue;
      degree[s].push_back(degree_histogram(g));
      clustering[s].push_back(clustering_histogram(g, 100));
      orbit[s].push_back(mean_orbit_counts(g));
    }
  if (degree[0].empty() || degree[1].empty())
    throw std::invalid_argument("generation_mmd: a set has no graph with nodes");
  const auto histogram_kernel = [kind](double sigma, double scale) -> GraphKernel {
    if (kind == HistogramKernel::GaussianTv)
      return [sigma](const Histogram& p, const Histogram& q) {
        return gaussian_tv_kernel(p, q, sigma);
      };
    return [sigma, scale](const Histogram& p, const Histogram& q) {
      return gaussian_emd_kernel(p, q, sigma, scale);
    };
  };
  GenerationMmd m;
  m.degree = mmd_squared(normalized(degree[0]), normalized(degree[1]), histogram_kernel(1, 1));
  m.clustering = mmd_squared(normalized(clustering[0]), normalized(clustering[1]),
                             histogram_kernel(0.1, 100));
  m.orbit = mmd_squared(orbit[0], orbit[1], [](const Histogram& x, const Histogram& y) {
    return gaussian_kernel(x, y, 30);
  });
  return m;
}

}  // namespace models
