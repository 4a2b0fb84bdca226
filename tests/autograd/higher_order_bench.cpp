// Higher-order costs (issue 15): a Hessian-vector product and a forward-mode directional
// derivative of the default VAE's loss (784-400-20, Bernoulli, batch 128) with respect to all of
// its parameters, against the first-order pass they extend. Theory: H v by reverse over reverse
// costs a small constant times one forward + backward (the recorded backward is a second forward,
// its reverse a second backward: about two gradient evaluations); J v by forward mode costs a
// small constant times one forward (each op computes its value and its tangent): about two for a
// direction along the input, since every product gains one more of the same size.
//
// Run with: meson test -C build --benchmark higher_order --verbose
#include <cstdio>
#include <functional>
#include <vector>

#include "autograd/autograd.hpp"
#include "models/vae.hpp"
#include "tests/bench_table.hpp"
#include "tests/bench_timing.hpp"

namespace {

using autograd::Tensor;

constexpr int kThreads = 2;
constexpr int kRuns = 41;
constexpr int64_t kBatch = 128;
// With a tangent on every weight, a layer y = x W^T whose input also carries one computes
// dx W^T + x dW^T beside x W^T: three products for one (two where x is the data). Counted over
// the VAE's layers (784-400, two 400-20 heads, 20-400, 400-784), that is 2.52 times the forward's
// multiply-adds: the floor of that row, above the goal the input-direction row is judged by.
constexpr double kParameterJvpProducts = (2 * 313600 + 3 * (16000 + 8000 + 313600)) / 651200.0;

// The median time of each case, the cases run in turn so drifts of the machine hit all alike.
std::vector<double> median_seconds(const std::vector<std::function<void()>>& cases) {
  for (const auto& run : cases) run();  // warm up: the pool, page faults, caches
  std::vector<std::vector<double>> times(cases.size());
  for (int i = 0; i < kRuns; ++i)
    for (size_t c = 0; c < cases.size(); ++c) {
      const auto start = bench::Clock::now();
      cases[c]();
      times[c].push_back(bench::seconds_since(start));
    }
  std::vector<double> medians;
  for (const auto& t : times) medians.push_back(bench::median(t));
  return medians;
}

std::vector<Tensor> random_like(const std::vector<Tensor>& tensors, autograd::Generator& gen) {
  std::vector<Tensor> out;
  for (const Tensor& t : tensors) out.push_back(gen.normal_tensor(t.shape()));
  return out;
}

}  // namespace

int main() {
  autograd::set_num_threads(kThreads);
  autograd::Generator gen(0);
  models::Vae vae(models::VaeOptions{}, gen);
  const std::vector<Tensor> params = vae.parameters();
  const Tensor x = gen.uniform_tensor({kBatch, 784});
  const Tensor noise = gen.normal_tensor({kBatch, 20});
  const std::vector<Tensor> v = random_like(params, gen);
  const Tensor input_direction = gen.normal_tensor(x.shape());
  const auto loss = [&] { return vae.negative_elbo(x, noise).loss; };

  const std::vector<double> medians = median_seconds({
      [&] {
        const autograd::NoGradGuard no_tape;
        loss();
      },
      [&] {
        autograd::grad(loss(), params);
        autograd::clear_tape();
      },
      [&] {
        const std::vector<Tensor> g =
            autograd::grad(loss(), params, {.seed = {}, .create_graph = true});
        autograd::hvp_from_gradient(g, params, v);
        autograd::clear_tape();
      },
      [&] { autograd::jvp_through(loss, {x}, {input_direction}); },
      [&] { autograd::jvp_through(loss, params, v); },
  });
  const double forward_s = medians[0], gradient_s = medians[1], hvp_s = medians[2],
               jvp_s = medians[3], parameter_jvp_s = medians[4];

  std::printf("VAE loss (784-400-20, batch %lld, %d threads), medians of %d runs:\n",
              static_cast<long long>(kBatch), kThreads, kRuns);
  std::printf("  forward                     %8.2f ms\n", forward_s * 1e3);
  std::printf("  forward + backward          %8.2f ms\n", gradient_s * 1e3);
  std::printf("  H v (reverse over reverse)  %8.2f ms   %.2fx forward+backward (goal <= 3), "
              "%.2fx two gradients\n",
              hvp_s * 1e3, hvp_s / gradient_s, hvp_s / (2 * gradient_s));
  std::printf("  J v, v along the input      %8.2f ms   %.2fx forward (goal <= 2.5)\n",
              jvp_s * 1e3, jvp_s / forward_s);
  std::printf("  J v, v along every weight   %8.2f ms   %.2fx forward (its products alone: %.2fx)\n",
              parameter_jvp_s * 1e3, parameter_jvp_s / forward_s, kParameterJvpProducts);
  bench::report({.benchmark = "higher_order",
                 .what = "VAE loss H v, batch 128",
                 .figure = hvp_s * 1e3,
                 .unit = "ms",
                 .runs = kRuns,
                 .ratio_of = "H v / (forward + backward)",
                 .ratio = hvp_s / gradient_s,
                 .goal = bench::ratio_at_most(3)});
  bench::report({.benchmark = "higher_order",
                 .what = "VAE loss H v against two gradients",
                 .figure = 2 * gradient_s * 1e3,
                 .unit = "ms",
                 .runs = kRuns,
                 .ratio_of = "H v / two gradients",
                 .ratio = hvp_s / (2 * gradient_s)});
  bench::report({.benchmark = "higher_order",
                 .what = "VAE loss J v along every weight",
                 .figure = parameter_jvp_s * 1e3,
                 .unit = "ms",
                 .runs = kRuns,
                 .ratio_of = "J v / forward",
                 .ratio = parameter_jvp_s / forward_s});
  bench::report({.benchmark = "higher_order",
                 .what = "VAE loss J v along the input",
                 .figure = jvp_s * 1e3,
                 .unit = "ms",
                 .runs = kRuns,
                 .ratio_of = "J v / forward",
                 .ratio = jvp_s / forward_s,
                 .goal = bench::ratio_at_most(2.5)});
  return 0;
}
