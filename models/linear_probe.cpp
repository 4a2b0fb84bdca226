// Linear probes (linear_probe.hpp): softmax regression on standardized frozen features.
#include "models/linear_probe.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "autograd/ops.hpp"
#include "autograd/ops/softmax_cross_entropy.hpp"
#include "autograd/tape.hpp"
#include "models/row_epoch.hpp"
#include "nn/adam.hpp"
#include "nn/divergence_guard.hpp"

namespace models {

using autograd::Scalar;

SoftmaxRegression::SoftmaxRegression(int64_t features, int64_t classes, autograd::Generator& gen) {
  linear_ = register_module("linear", std::make_shared<nn::Linear>(features, classes, gen));
}

Tensor SoftmaxRegression::logits(const Tensor& x) { return (*linear_)(x); }

Tensor SoftmaxRegression::loss(const Tensor& x, const std::vector<int64_t>& labels) {
  return autograd::softmax_cross_entropy(logits(x), labels);
}

double accuracy(const Tensor& logits, const std::vector<int64_t>& labels) {
  if (logits.dim() != 2 || logits.size(0) != static_cast<int64_t>(labels.size()) ||
      labels.empty())
    throw std::invalid_argument("accuracy: logits " + autograd::to_string(logits.shape()) +
                                " for " + std::to_string(labels.size()) + " labels");
  const int64_t n = logits.size(0), classes = logits.size(1);
  const Scalar* v = logits.data();
  int64_t right = 0;
  for (int64_t i = 0; i < n; ++i) {
    const Scalar* row = v + i * classes;
    right += std::max_element(row, row + classes) - row == labels[i];
  }
  return double(right) / double(n);
}

Standardizer Standardizer::fit(const Tensor& x) {
  if (x.dim() != 2 || x.size(0) == 0)
    throw std::invalid_argument("Standardizer::fit: needs rows of features, got " +
                                autograd::to_string(x.shape()));
  const int64_t n = x.size(0), d = x.size(1);
  Standardizer s{std::vector<double>(d, 0), std::vector<double>(d, 0)};
  const Scalar* v = x.data();
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < d; ++j) s.mean[j] += v[i * d + j];
  for (double& m : s.mean) m /= double(n);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < d; ++j) s.stddev[j] += std::pow(v[i * d + j] - s.mean[j], 2);
  for (double& sd : s.stddev) {
    sd = std::sqrt(sd / double(n));
    if (sd < 1e-8) sd = 1;  // a constant column: centred to 0, not blown up
  }
  return s;
}

Tensor Standardizer::apply(const Tensor& x) const {
  const auto d = static_cast<int64_t>(mean.size());
  if (x.dim() != 2 || x.size(1) != d)
    throw std::invalid_argument("Standardizer::apply: fitted on " + std::to_string(d) +
                                " columns, got " + autograd::to_string(x.shape()));
  Tensor y = Tensor::empty(x.shape());
  const Scalar* v = x.data();
  Scalar* out = y.data();
  for (int64_t i = 0; i < x.size(0); ++i)
    for (int64_t j = 0; j < d; ++j)
      out[i * d + j] = static_cast<Scalar>((v[i * d + j] - mean[j]) / stddev[j]);
  return y;
}

Tensor LinearProbe::logits(const Tensor& x) const {
  autograd::NoGradGuard no_grad;
  return classifier->logits(standardizer.apply(x));
}

double LinearProbe::accuracy(const Tensor& x, const std::vector<int64_t>& labels) const {
  return models::accuracy(logits(x), labels);
}

LinearProbe fit_linear_probe(const Tensor& train_x, const std::vector<int64_t>& train_labels,
                             int64_t classes, const ProbeOptions& options) {
  if (train_x.dim() != 2 || train_x.size(0) != static_cast<int64_t>(train_labels.size()) ||
      train_labels.empty())
    throw std::invalid_argument("fit_linear_probe: training features " +
                                autograd::to_string(train_x.shape()) + " for " +
                                std::to_string(train_labels.size()) + " labels");
  if (options.epochs < 0 || options.batch < 1 || !(options.lr > 0))
    throw std::invalid_argument("fit_linear_probe: epochs must be >= 0, batch and lr positive");
  LinearProbe probe{Standardizer::fit(train_x), nullptr};
  const Tensor train = probe.standardizer.apply(train_x);
  autograd::Generator gen(options.seed);
  probe.classifier = std::make_shared<SoftmaxRegression>(train.size(1), classes, gen);
  SoftmaxRegression& model = *probe.classifier;
  nn::Adam adam(model.named_parameters(),
                {.lr = options.lr, .weight_decay = options.weight_decay});
  nn::DivergenceGuard guard;
  for (int epoch = 0; epoch < options.epochs; ++epoch)
    shuffled_epoch(train.size(0), options.batch, gen, [&](const std::vector<int64_t>& rows) {
      std::vector<int64_t> labels(rows.size());
      for (size_t k = 0; k < rows.size(); ++k) labels[k] = train_labels[rows[k]];
      adam.zero_grad();
      const Tensor batch = autograd::index_select(train, rows);
      const Tensor loss = model.loss(batch, labels);
      const auto replay = [&] { autograd::backward(model.loss(batch, labels)); };
      guard.check(loss.item(), epoch + 1, adam.step_count() + 1, replay);
      autograd::backward(loss);
      guard.check_gradients(adam.parameters(), epoch + 1, adam.step_count() + 1, replay);
      adam.step();
      autograd::clear_tape();
      return double(loss.item());
    });
  return probe;
}

}  // namespace models
