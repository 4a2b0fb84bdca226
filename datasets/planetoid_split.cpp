// planetoid_split.hpp: the fixed train / validation / test nodes of the Planetoid citation graphs.
#include "datasets/planetoid_split.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace datasets {

int64_t class_count(const std::vector<int>& labels) {
  const int largest = labels.empty() ? -1 : *std::max_element(labels.begin(), labels.end());
  return largest + 1;
}

NodeSplit planetoid_split(const std::vector<int>& labels, int64_t per_class, int64_t validation,
                          int64_t test) {
  const int64_t classes = class_count(labels), n = static_cast<int64_t>(labels.size());
  const int64_t train = per_class * classes;
  if (classes < 1 || train + validation + test > n)
    throw std::invalid_argument("planetoid_split: " + std::to_string(n) + " nodes and " +
                                std::to_string(classes) + " classes cannot hold " +
                                std::to_string(train) + " + " + std::to_string(validation) +
                                " + " + std::to_string(test) + " split nodes");
  std::vector<int64_t> seen(classes, 0);
  for (int64_t i = 0; i < train; ++i)
    if (labels[i] >= 0) ++seen[labels[i]];
  for (int64_t c = 0; c < classes; ++c)
    if (seen[c] != per_class)
      throw std::invalid_argument("planetoid_split: the first " + std::to_string(train) +
                                  " nodes hold " + std::to_string(seen[c]) + " of class " +
                                  std::to_string(c) + ", not " + std::to_string(per_class) +
                                  ": the nodes are not in the Planetoid order");
  NodeSplit split;
  for (int64_t i = 0; i < train; ++i) split.train.push_back(i);
  for (int64_t i = train; i < train + validation; ++i)
    if (labels[i] >= 0) split.validation.push_back(i);
  for (int64_t i = n - 1; i >= train + validation && int64_t(split.test.size()) < test; --i)
    if (labels[i] >= 0) split.test.push_back(i);
  std::reverse(split.test.begin(), split.test.end());
  if (static_cast<int64_t>(split.test.size()) < test)
    throw std::invalid_argument("planetoid_split: only " + std::to_string(split.test.size()) +
                                " labelled nodes after the validation ones, need " +
                                std::to_string(test));
  return split;
}

}  // namespace datasets
