// The softmax cross-entropy op of softmax_cross_entropy.hpp: forward keeps the softmax of every
// row, backward is (softmax - one_hot(label)) / n scaled by the incoming gradient.
#include "autograd/ops/softmax_cross_entropy.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "autograd/forward_mode.hpp"
#include "autograd/graph_backward.hpp"
#include "autograd/ops.hpp"
#include "autograd/tape.hpp"

namespace autograd {

// l = (1/n) sum_i logsumexp(x_i) - x_i[y_i];  dl/dx_ij = (softmax(x_i)_j - [j == y_i]) / n
Tensor softmax_cross_entropy(const Tensor& logits, const std::vector<int64_t>& labels) {
  if (logits.dim() != 2 || logits.size(0) == 0 || logits.size(1) == 0)
    throw std::invalid_argument(
        "softmax_cross_entropy: logits must be a non-empty 2-D tensor [examples, classes], got " +
        to_string(logits.shape()));
  const int64_t n = logits.size(0), classes = logits.size(1);
  if (static_cast<int64_t>(labels.size()) != n)
    throw std::invalid_argument("softmax_cross_entropy: " + std::to_string(labels.size()) +
                                " labels for " + std::to_string(n) + " rows of logits");
  for (int64_t i = 0; i < n; ++i)
    if (labels[i] < 0 || labels[i] >= classes)
      throw std::out_of_range("softmax_cross_entropy: label " + std::to_string(labels[i]) +
                              " of row " + std::to_string(i) + " is not a class in [0, " +
                              std::to_string(classes) + ")");
  Tensor probabilities = Tensor::empty(logits.shape());  // what backward needs
  const Scalar* x = logits.data();
  Scalar* p = probabilities.data();
  double total = 0;  // in double and in row order: the same number on any thread count
  for (int64_t i = 0; i < n; ++i) {
    const Scalar* row = x + i * classes;
    Scalar m = -std::numeric_limits<Scalar>::infinity();
    for (int64_t j = 0; j < classes && !std::isnan(m); ++j)
      if (!(row[j] <= m)) m = row[j];  // a NaN becomes the maximum and spreads, as it should
    Scalar sum = 0;
    for (int64_t j = 0; j < classes; ++j) sum += p[i * classes + j] = std::exp(row[j] - m);
    for (int64_t j = 0; j < classes; ++j) p[i * classes + j] /= sum;
    total += double(m + std::log(sum) - row[labels[i]]);
  }
  Tensor loss = Tensor::scalar(static_cast<Scalar>(total / double(n)));
  // dl = sum_ij (softmax - onehot)_ij dx_ij / n
  push_tangent(kSoftmaxCrossEntropyOp, {logits}, loss, [&] {
    const Scalar* dx = logits.tangent().data();
    double dl = 0;
    for (int64_t i = 0; i < n; ++i) {
      for (int64_t j = 0; j < classes; ++j) dl += double(p[i * classes + j]) * dx[i * classes + j];
      dl -= dx[i * classes + labels[i]];
    }
    return Tensor::scalar(static_cast<Scalar>(dl / double(n)));
  });
  record(kSoftmaxCrossEntropyOp, {logits}, loss,
         [logits, loss, probabilities, labels](bool create_graph) {
           if (create_graph) {  // the softmax as ops: exp(x - logsumexp x)
             Tensor onehot = Tensor::zeros(logits.shape());
             for (size_t i = 0; i < labels.size(); ++i)
               onehot.data()[i * logits.size(1) + labels[i]] = 1;
             const Tensor softmax = exp(logits - logsumexp(logits, 1, true));
             const Tensor g = graph_grad(loss) / Scalar(logits.size(0));
             return accumulate_graph_grad(logits, (softmax - onehot) * g);
           }
           const int64_t n = logits.size(0), classes = logits.size(1);
           const Scalar g = loss.grad_values()[0] / static_cast<Scalar>(n);
           const Scalar* p = probabilities.data();
           Scalar* gx = logits.grad_values().data();
           for (int64_t i = 0; i < n; ++i) {
             for (int64_t j = 0; j < classes; ++j) gx[i * classes + j] += g * p[i * classes + j];
             gx[i * classes + labels[i]] -= g;
           }
         });
  return loss;
}

}  // namespace autograd
