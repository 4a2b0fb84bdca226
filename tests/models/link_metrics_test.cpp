#include "models/link_metrics.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <vector>

using models::average_precision;
using models::roc_auc;

TEST_CASE("ROC-AUC on hand-computed cases, ties counted one half") {
  CHECK(roc_auc(std::vector<double>{0.9, 0.8}, std::vector<double>{0.1, 0.2}) == 1.0);
  CHECK(roc_auc(std::vector<double>{0.1}, std::vector<double>{0.9}) == 0.0);
  // positives 0.8, 0.4; negatives 0.6, 0.2: pairs won 1+1 / 0+1 -> 3 of 4
  CHECK(roc_auc(std::vector<double>{0.8, 0.4}, std::vector<double>{0.6, 0.2}) ==
        doctest::Approx(0.75));
  // a tie between a positive and a negative counts 1/2: (1 + 0.5) / 2
  CHECK(roc_auc(std::vector<double>{0.5, 0.9}, std::vector<double>{0.5}) == doctest::Approx(0.75));
  CHECK(roc_auc(std::vector<double>{1, 1}, std::vector<double>{1, 1, 1}) == doctest::Approx(0.5));
  CHECK_THROWS_AS(roc_auc(std::vector<double>{}, std::vector<double>{1}), std::invalid_argument);
}

TEST_CASE("average precision on hand-computed cases") {
  CHECK(average_precision(std::vector<double>{0.9, 0.8}, std::vector<double>{0.1}) == 1.0);
  // ranking: P(0.8) N(0.6) P(0.4) N(0.2): precision 1 at recall 0.5, 2/3 at recall 1
  CHECK(average_precision(std::vector<double>{0.8, 0.4}, std::vector<double>{0.6, 0.2}) ==
        doctest::Approx(0.5 * 1 + 0.5 * 2.0 / 3));
  // ranking: N P: precision 1/2 at recall 1
  CHECK(average_precision(std::vector<double>{0.3}, std::vector<double>{0.7}) ==
        doctest::Approx(0.5));
  // one threshold for a tie: P and N tied at the top -> precision 1/2 at recall 1
  CHECK(average_precision(std::vector<double>{0.5}, std::vector<double>{0.5}) ==
        doctest::Approx(0.5));
}
