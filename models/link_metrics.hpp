#pragma once
// Link-prediction metrics: scores of held-out positive and negative pairs, ranked.
//   ROC-AUC: the probability that a random positive outscores a random negative, computed from
//   ranks (ties get their average rank, so a tie counts one half).
//   Average precision: sum over the positives, in descending score order, of the precision at
//   that point times its recall step (as scikit-learn's average_precision_score; tied scores are
//   taken as one threshold).
#include <span>

namespace models {

double roc_auc(std::span<const double> positive_scores, std::span<const double> negative_scores);
double average_precision(std::span<const double> positive_scores,
                         std::span<const double> negative_scores);

}  // namespace models
