// planetoid_split: 20 per class first, then validation, then the last labelled nodes for test;
// a graph not in the Planetoid order is refused.
#include "datasets/planetoid_split.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

TEST_CASE("planetoid_split takes the first 20 x C, the next 500 and the last 1000 labelled") {
  std::vector<int> labels(2000);
  for (size_t i = 0; i < labels.size(); ++i) labels[i] = int(i % 3);
  labels[1999] = -1;  // an unlabelled node at the end is skipped
  const datasets::NodeSplit s = datasets::planetoid_split(labels);
  REQUIRE(s.train.size() == 60);
  CHECK(s.train.back() == 59);
  REQUIRE(s.validation.size() == 500);
  CHECK(s.validation.front() == 60);
  CHECK(s.validation.back() == 559);
  REQUIRE(s.test.size() == 1000);
  CHECK(s.test.front() == 999);
  CHECK(s.test.back() == 1998);
  CHECK(datasets::class_count(labels) == 3);
}

TEST_CASE("planetoid_split refuses another order or too few nodes") {
  std::vector<int> labels(2000, 0);
  labels[5] = 1;
  CHECK_THROWS_WITH_AS(datasets::planetoid_split(labels),
                       doctest::Contains("not in the Planetoid order"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(datasets::planetoid_split(std::vector<int>(100, 0)),
                       doctest::Contains("cannot hold"), std::invalid_argument);
}
