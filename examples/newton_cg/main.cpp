// newton_cg: why anyone wants Hessian-vector products. A logistic regression whose features are
// scaled so that its Hessian's curvatures spread over --condition (datasets/ill_conditioned.hpp)
// is minimized twice from w = 0 with the same backtracking line search: by gradient descent, and
// by Newton-CG (nn/newton_cg.hpp), whose direction comes from conjugate gradients on H v products,
// each one reverse sweep through a gradient recorded with create_graph. Each method runs until
// |g| <= --tolerance |g_0| (or --max-steps); both counts are printed, every step's loss and |g|
// go to log.csv (descent's every 50th), and log10 |g| / |g_0| against the step to
// gradient_norm.png.
//
//   newton_cg
//   newton_cg --condition 1e6 --tolerance 1e-4
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "datasets/ill_conditioned.hpp"
#include "examples/common/cli.hpp"
#include "examples/common/csv_logger.hpp"
#include "examples/common/image.hpp"
#include "examples/common/plot.hpp"
#include "nn/losses.hpp"
#include "nn/newton_cg.hpp"

namespace fs = std::filesystem;
using autograd::Tensor;

namespace {

struct Options {
  int64_t count = 500;
  int64_t dim = 10;
  double condition = 1e4;
  double tolerance = 1e-3;
  int max_steps = 10000;
  std::string out = "out/newton_cg";
};

struct Run {
  std::vector<double> loss, gradient_norm;  // before each step
  int inner_iterations = 0;                 // CG iterations, i.e. H v products
  bool converged = false;
};

template <class Step>
Run minimize(const Options& o, const datasets::VectorDataset& data, Step step) {
  std::vector<autograd::Scalar> labels(data.labels.begin(), data.labels.end());
  const Tensor x({data.count, data.dim}, {data.values.begin(), data.values.end()});
  const Tensor y({data.count, 1}, labels);
  const Tensor w = Tensor::zeros({data.dim, 1}, true);
  const nn::LossFn loss = [&] {
    return nn::bce_with_logits(autograd::matmul(x, w), y, nn::Reduction::Mean);
  };
  Run run;
  for (int k = 0; k <= o.max_steps; ++k) {
    const nn::DescentStep s = step(loss, std::vector<Tensor>{w});
    run.loss.push_back(s.loss);
    run.gradient_norm.push_back(s.gradient_norm);
    run.inner_iterations += s.inner_iterations;
    if (s.gradient_norm <= o.tolerance * run.gradient_norm.front()) {
      run.converged = true;
      break;
    }
  }
  return run;
}

std::vector<double> log10_relative(const std::vector<double>& norms) {
  std::vector<double> out;
  for (double n : norms) out.push_back(std::log10(n / norms.front()));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  examples::ArgParser args("newton_cg",
                           "Minimizes an ill-conditioned logistic regression by gradient descent "
                           "and by Newton-CG (Hessian-vector products), counting steps.");
  args.option("count", o.count, "examples in the regression");
  args.option("dim", o.dim, "features (and weights)");
  args.option("condition", o.condition, "spread of the Hessian's curvatures, >= 1");
  args.option("tolerance", o.tolerance, "stop when |g| <= tolerance |g_0|");
  args.option("max-steps", o.max_steps, "steps at most, for each method");
  args.option("out", o.out, "output folder");
  args.parse(argc, argv);
  args.require(o.count > 0 && o.dim >= 2, "--count must be positive and --dim at least 2");
  args.require(o.condition >= 1, "--condition must be >= 1");
  args.require(o.tolerance > 0 && o.tolerance < 1, "--tolerance must be in (0, 1)");
  args.require(o.max_steps > 0, "--max-steps must be positive");

  return examples::run_main("newton_cg", [&] {
    const datasets::VectorDataset data = datasets::ill_conditioned_logistic(
        {.count = o.count, .dim = o.dim, .condition = o.condition, .seed = args.common().seed});
    std::printf("logistic regression, %lld examples x %lld features, condition %.3g\n",
                static_cast<long long>(o.count), static_cast<long long>(o.dim), o.condition);
    const Run descent = minimize(o, data, [](const nn::LossFn& f, const std::vector<Tensor>& p) {
      return nn::steepest_descent_step(f, p);
    });
    const Run newton = minimize(o, data, [](const nn::LossFn& f, const std::vector<Tensor>& p) {
      return nn::newton_cg_step(f, p);
    });
    const auto report = [&](const char* name, const Run& run, const char* work) {
      std::printf("  %-18s %6zu steps%s, final loss %.6f, |g| / |g_0| = %.2e%s\n", name,
                  run.loss.size() - 1, run.converged ? "" : " (did not converge)", run.loss.back(),
                  run.gradient_norm.back() / run.gradient_norm.front(), work);
    };
    report("gradient descent", descent, "");
    const std::string products = ", " + std::to_string(newton.inner_iterations) + " H v products";
    report("Newton-CG", newton, products.c_str());

    const fs::path out(o.out);
    examples::CsvLogger log(out / "log.csv", {"method", "step", "loss", "gradient_norm"});
    for (int method = 0; method < 2; ++method) {
      const Run& run = method == 0 ? descent : newton;
      for (size_t k = 0; k < run.loss.size(); ++k)  // descent's thousands of steps thinned
        if (method == 1 || k % 50 == 0 || k + 1 == run.loss.size())
          log.row({double(method), double(k), run.loss[k], run.gradient_norm[k]});
    }
    std::vector<double> newton_steps, descent_steps;
    for (size_t k = 0; k < newton.loss.size(); ++k) newton_steps.push_back(double(k));
    for (size_t k = 0; k < descent.loss.size(); ++k) descent_steps.push_back(double(k));
    examples::write_png(
        out / "gradient_norm.png",
        examples::line_plot(
            {{"gradient descent", log10_relative(descent.gradient_norm), descent_steps},
             {"Newton-CG", log10_relative(newton.gradient_norm), newton_steps}},
            {.title = "convergence",
             .x_label = "step",
             .y_label = "log10 gradient norm / initial"}));
    std::cout << "wrote " << (out / "log.csv").string() << " (method 0: descent, 1: Newton-CG) "
              << "and gradient_norm.png\n";
    return 0;
  });
}
