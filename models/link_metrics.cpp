#include "models/link_metrics.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <vector>

namespace models {

namespace {
// (score, is_positive) for every pair, sorted by descending score.
std::vector<std::pair<double, bool>> ranked(std::span<const double> positive,
                                            std::span<const double> negative, const char* metric) {
  if (positive.empty() || negative.empty())
    throw std::invalid_argument(std::string(metric) +
                                ": needs at least one positive and one negative score");
  std::vector<std::pair<double, bool>> all;
  all.reserve(positive.size() + negative.size());
  for (double s : positive) all.emplace_back(s, true);
  for (double s : negative) all.emplace_back(s, false);
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  return all;
}
}  // namespace

double roc_auc(std::span<const double> positive, std::span<const double> negative) {
  const auto all = ranked(positive, negative, "roc_auc");
  // Mann-Whitney U: sum the ascending ranks of the positives, ties sharing their average rank.
  double positive_rank_sum = 0;
  const size_t n = all.size();
  for (size_t i = 0; i < n;) {
    size_t j = i;
    size_t positives_in_tie = 0;
    for (; j < n && all[j].first == all[i].first; ++j) positives_in_tie += all[j].second;
    // Descending positions i..j-1 are ascending ranks n-j+1 .. n-i; their average:
    const double average_rank = (double(n - j + 1) + double(n - i)) / 2;
    positive_rank_sum += average_rank * positives_in_tie;
    i = j;
  }
  const double p = double(positive.size()), q = double(negative.size());
  return (positive_rank_sum - p * (p + 1) / 2) / (p * q);
}

double average_precision(std::span<const double> positive, std::span<const double> negative) {
  const auto all = ranked(positive, negative, "average_precision");
  double ap = 0, true_positives = 0, seen = 0;
  for (size_t i = 0; i < all.size();) {
    size_t j = i;
    double tie_positives = 0;
    for (; j < all.size() && all[j].first == all[i].first; ++j) tie_positives += all[j].second;
    true_positives += tie_positives;
    seen += double(j - i);
    ap += (tie_positives / double(positive.size())) *
          (true_positives / seen);  // recall step x precision
    i = j;
  }
  return ap;
}

}  // namespace models
