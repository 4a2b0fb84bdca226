#pragma once
// The Planetoid split of the citation graphs (Yang, Cohen & Salakhutdinov 2016), the one Kipf and
// Welling's GCN paper (2017) reports on: 20 labelled nodes per class for training, 500 nodes for
// validation, 1,000 for test. In the Planetoid node order of ../shared/datasets these are the first
// 20 x C nodes, the next 500, and the last 1,000 nodes that have a label (Citeseer's test range
// holds 15 unlabelled padding nodes, which are skipped).
#include <cstdint>
#include <vector>

namespace datasets {

struct NodeSplit {
  std::vector<int64_t> train, validation, test;  // node indices, ascending
};

// labels: one per node, -1 unknown. Throws (naming what is wrong) unless the first 20 x C nodes
// hold exactly 20 of each of the C classes, which is what shows the order is Planetoid's.
NodeSplit planetoid_split(const std::vector<int>& labels, int64_t per_class = 20,
                          int64_t validation = 500, int64_t test = 1000);

// The number of classes: the largest label + 1.
int64_t class_count(const std::vector<int>& labels);

}  // namespace datasets
