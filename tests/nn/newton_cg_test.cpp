// Newton-CG against gradient descent on a badly conditioned logistic regression: both with the
// same line search, each run until |g| falls below a thousandth of where it started.
#include "nn/newton_cg.hpp"

#include <doctest/doctest.h>

#include "autograd/autograd.hpp"
#include "datasets/ill_conditioned.hpp"
#include "nn/losses.hpp"

namespace {

using autograd::Tensor;

struct Problem {
  Tensor features, labels, weights;
  Tensor loss() const {
    return nn::bce_with_logits(autograd::matmul(features, weights), labels, nn::Reduction::Mean);
  }
};

Problem logistic_problem(double condition) {
  const datasets::VectorDataset data =
      datasets::ill_conditioned_logistic({.count = 200, .dim = 6, .condition = condition});
  std::vector<autograd::Scalar> labels(data.labels.begin(), data.labels.end());
  return {Tensor({data.count, data.dim}, {data.values.begin(), data.values.end()}),
          Tensor({data.count, 1}, labels), Tensor::zeros({data.dim, 1}, true)};
}

// Steps until |g| <= 1e-3 |g_0|, or max_steps + 1 if never.
template <class Step>
int steps_to_converge(const Problem& problem, Step step, int max_steps) {
  const nn::LossFn loss = [&] { return problem.loss(); };
  const double start = step(loss, std::vector<Tensor>{problem.weights}).gradient_norm;
  for (int k = 1; k <= max_steps; ++k)
    if (step(loss, std::vector<Tensor>{problem.weights}).gradient_norm <= 1e-3 * start) return k;
  return max_steps + 1;
}

}  // namespace

TEST_CASE("Newton-CG converges on an ill-conditioned logistic regression where descent crawls") {
  const auto newton = [](const nn::LossFn& f, const std::vector<Tensor>& p) {
    return nn::newton_cg_step(f, p);
  };
  const auto descent = [](const nn::LossFn& f, const std::vector<Tensor>& p) {
    return nn::steepest_descent_step(f, p);
  };
  const int newton_steps = steps_to_converge(logistic_problem(1e4), newton, 50);
  const int descent_steps = steps_to_converge(logistic_problem(1e4), descent, 5000);
  MESSAGE("steps to |g| <= 1e-3 |g0|: Newton-CG ", newton_steps, ", gradient descent ",
          descent_steps);
  CHECK(newton_steps <= 15);
  CHECK(descent_steps > 10 * newton_steps);

  // A well-conditioned problem is no harder for Newton-CG.
  CHECK(steps_to_converge(logistic_problem(1), newton, 50) <= newton_steps);
  autograd::clear_tape();
}

TEST_CASE("the line search refuses an ascent direction and restores the parameters") {
  const Problem problem = logistic_problem(10);
  const nn::LossFn loss = [&] { return problem.loss(); };
  CHECK_THROWS_WITH(
      nn::backtracking_line_search(loss, {problem.weights}, {Tensor::ones({6, 1})}, 0.7, 0.5),
      "backtracking_line_search: <g, d> = 0.500000 is not negative: d is not a "
      "descent direction");
  // A direction the Armijo test cannot accept (it claims a slope the loss does not have).
  CHECK_THROWS_WITH(nn::backtracking_line_search(loss, {problem.weights}, {Tensor::ones({6, 1})},
                                                 0.0, -1.0, {.armijo = 1e-4, .max_halvings = 5}),
                    doctest::Contains("no step in 5 halvings decreased the loss"));
  for (int64_t j = 0; j < 6; ++j) CHECK(problem.weights.data()[j] == 0);
}
