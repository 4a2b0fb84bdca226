#pragma once
// Maximum mean discrepancy between two sets of graphs, the score of graph generators since
// GraphRNN (You et al. 2018): each graph becomes a descriptor (degree histogram, clustering-
// coefficient histogram, mean orbit counts: graph_statistics.hpp) and
//   MMD^2(X, Y) = mean k(x, x') + mean k(y, y') - 2 mean k(x, y)
// over all pairs, each mean including the pairs of an element with itself (GraphRNN's eval/mmd.py,
// the biased estimate the literature's tables report).
//
// Kernels, as the literature uses them:
//   GaussianEmd (GraphRNN): histograms normalized to sum 1, k = exp(-EMD^2 / (2 sigma^2)) with
//     the earth mover's distance under the ground distance |i - j| / scale (in one dimension, the
//     L1 distance of the cumulative sums); degree sigma 1, scale 1; clustering sigma 0.1 over 100
//     bins, scale 100.
//   GaussianTv (GRAN, Liao et al. 2019): k = exp(-TV^2 / (2 sigma^2)), TV = sum |p - q| / 2 of the
//     normalized histograms; same sigmas.
//   Orbits, either way: k = exp(-||x - y||^2 / (2 sigma^2)) on the raw mean counts, sigma 30.
// Generated graphs with no nodes are left out, as GraphRNN does.
#include <functional>
#include <span>
#include <vector>

#include "datasets/graph.hpp"

namespace models {

using Histogram = std::vector<double>;  // lengths may differ: the shorter is padded with zeros
using GraphKernel = std::function<double(const Histogram&, const Histogram&)>;

double gaussian_emd_kernel(const Histogram& p, const Histogram& q, double sigma,
                           double distance_scale = 1);
double gaussian_tv_kernel(const Histogram& p, const Histogram& q, double sigma);
double gaussian_kernel(const Histogram& x, const Histogram& y, double sigma);

// Every histogram divided by its sum (an all-zero one is refused).
std::vector<Histogram> normalized(std::vector<Histogram> histograms);

double mmd_squared(std::span<const Histogram> x, std::span<const Histogram> y,
                   const GraphKernel& kernel);

enum class HistogramKernel { GaussianEmd, GaussianTv };

struct GenerationMmd {
  double degree = 0, clustering = 0, orbit = 0;
};

GenerationMmd generation_mmd(std::span<const datasets::GraphDataset> reference,
                             std::span<const datasets::GraphDataset> generated,
                             HistogramKernel kernel = HistogramKernel::GaussianEmd);

}  // namespace models
