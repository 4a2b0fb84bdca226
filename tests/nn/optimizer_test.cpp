// Optimizers on problems with known answers: hand-computed steps and quadratics with a known
// minimizer; gradient clipping by global norm.
#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "nn/adam.hpp"
#include "nn/clip.hpp"
#include "nn/sgd.hpp"

using namespace autograd;

namespace {

// f(x) = 1/2 sum a_i (x_i - c_i)^2, minimized at x = c (x = a c / (a + decay) with L2 decay).
const Tensor kCurvature({4}, {1.0f, 4.0f, 0.5f, 2.0f});
const Tensor kCenter({4}, {3.0f, -1.0f, 0.5f, 2.0f});

void minimize(nn::Optimizer& optimizer, const Tensor& x, int steps) {
  for (int i = 0; i < steps; ++i) {
    optimizer.zero_grad();
    backward(sum(kCurvature * square(x - kCenter)) * Scalar(0.5));
    optimizer.step();
    clear_tape();
  }
}

Tensor start() {
  return Tensor({4}, {0.0f, 0.0f, 0.0f, 0.0f}, true);
}

}  // namespace

TEST_CASE("SGD, plain and with momentum, minimizes a quadratic") {
  for (double momentum : {0.0, 0.9}) {
    CAPTURE(momentum);
    Tensor x = start();
    nn::Sgd sgd({{"x", x}}, {.lr = 0.1, .momentum = momentum});
    minimize(sgd, x, 300);
    for (int i = 0; i < 4; ++i)
      CHECK(x.data()[i] == doctest::Approx(kCenter.data()[i]).epsilon(1e-4));
    CHECK(sgd.step_count() == 300);
  }
}

TEST_CASE("SGD's L2 weight decay moves the minimum to a c / (a + decay)") {
  Tensor x = start();
  nn::Sgd sgd({{"x", x}}, {.lr = 0.1, .momentum = 0.5, .weight_decay = 0.5});
  minimize(sgd, x, 300);
  for (int i = 0; i < 4; ++i) {
    const double a = kCurvature.data()[i], c = kCenter.data()[i];
    CHECK(x.data()[i] == doctest::Approx(a * c / (a + 0.5)).epsilon(1e-4));
  }
}

TEST_CASE("SGD with momentum: two steps by hand") {
  Tensor p = Tensor({1}, {2.0f}, true);
  nn::Sgd sgd({{"p", p}}, {.lr = 0.1, .momentum = 0.9});
  p.grad_values()[0] = 1;
  sgd.step();  // b = 1, p = 2 - 0.1
  CHECK(p.item() == doctest::Approx(1.9));
  sgd.step();  // b = 0.9 + 1 = 1.9, p = 1.9 - 0.19
  CHECK(p.item() == doctest::Approx(1.71));
  CHECK(sgd.state()[0].first == "momentum.p");
  CHECK(sgd.state()[0].second.item() == doctest::Approx(1.9));
}

TEST_CASE("Adam minimizes a quadratic") {
  Tensor x = start();
  nn::Adam adam({{"x", x}}, {.lr = 0.05});
  minimize(adam, x, 2000);
  for (int i = 0; i < 4; ++i)
    CHECK(x.data()[i] == doctest::Approx(kCenter.data()[i]).epsilon(1e-3));
}

TEST_CASE("Adam: two steps by hand, and both kinds of weight decay") {
  // Step 1, g = 0.5: m = 0.05, v = 0.00025, p = 1 - (0.1 / 0.1) 0.05 / (0.5 + 1e-8) = 0.9
  // Step 2, g = 0.25: m = 0.07, v = 0.00031225,
  //   p = 0.9 - (0.1 / 0.19) 0.07 / (sqrt(0.00031225) / sqrt(0.001999) + 1e-8) = 0.80678204...
  Tensor p = Tensor({2}, {1.0f, -2.0f}, true);
  nn::Adam adam({{"p", p}}, {.lr = 0.1});
  p.grad_values()[0] = 0.5f;
  p.grad_values()[1] = -2.0f;
  adam.step();
  CHECK(p.data()[0] == doctest::Approx(0.9).epsilon(1e-6));
  CHECK(p.data()[1] ==
        doctest::Approx(-1.9).epsilon(1e-6));  // a first step moves lr against sign(g)
  p.grad_values()[0] = 0.25f;
  adam.step();
  CHECK(p.data()[0] == doctest::Approx(0.8067820404774622).epsilon(1e-6));
  const nn::NamedTensors state = adam.state();
  REQUIRE(state.size() == 2);
  CHECK(state[0].first == "exp_avg.p");
  CHECK(state[1].first == "exp_avg_sq.p");
  CHECK(state[0].second.data()[0] == doctest::Approx(0.07));

  // L2 decay adds 0.1 p to g (the first step is still lr against the sign); decoupled decay
  // first shrinks p by 1 - lr 0.1, so 1 -> 0.99 - 0.1.
  for (bool decoupled : {false, true}) {
    CAPTURE(decoupled);
    Tensor q = Tensor({1}, {1.0f}, true);
    nn::Adam decayed({{"q", q}},
                     {.lr = 0.1, .weight_decay = 0.1, .decoupled_weight_decay = decoupled});
    q.grad_values()[0] = 0.5f;
    decayed.step();
    CHECK(q.item() == doctest::Approx(decoupled ? 0.89 : 0.9).epsilon(1e-6));
  }
}

TEST_CASE("one step over parameters of mixed sizes updates each as if it were alone") {
  // A step runs one parallel loop over all parameters' elements; its pieces cross parameter
  // boundaries, skip an empty parameter and one without a gradient, and must leave each
  // parameter exactly as an optimizer of its own would.
  const std::vector<int64_t> sizes{3, 0, 20000, 1, 40000, 7, 5000};
  const auto make = [&](std::vector<Tensor>& params) {
    Generator gen(3);
    nn::NamedTensors named;
    for (size_t k = 0; k < sizes.size(); ++k) {
      params.push_back(gen.normal_tensor({sizes[k]}));
      params.back().set_requires_grad(true);
      if (k != 5) {  // parameter 5 gets no gradient
        const Tensor g = gen.normal_tensor({sizes[k]});
        std::copy(g.values().begin(), g.values().end(), params.back().grad_values().begin());
      }
      named.emplace_back(std::to_string(k), params.back());
    }
    return named;
  };
  using Factory = std::function<std::unique_ptr<nn::Optimizer>(nn::NamedTensors)>;
  const std::vector<std::pair<const char*, Factory>> optimizers{
      {"adam", [](nn::NamedTensors p) { return std::make_unique<nn::Adam>(p); }},
      {"sgd", [](nn::NamedTensors p) {
         return std::make_unique<nn::Sgd>(p, nn::SgdOptions{.lr = 0.1, .momentum = 0.9});
       }}};
  const int saved = num_threads();
  for (const auto& [name, factory] : optimizers)
    for (int threads : {1, 2}) {
      CAPTURE(name);
      CAPTURE(threads);
      set_num_threads(threads);
      std::vector<Tensor> together, alone;
      const auto all = factory(make(together));
      std::vector<std::unique_ptr<nn::Optimizer>> one_each;
      for (const auto& one : make(alone)) one_each.push_back(factory({one}));
      for (int step = 0; step < 2; ++step) {
        all->step();
        for (const auto& one : one_each) one->step();
      }
      for (size_t k = 0; k < sizes.size(); ++k) {
        CAPTURE(k);
        int64_t differences = 0;
        for (int64_t i = 0; i < sizes[k]; ++i)
          differences += together[k].data()[i] != alone[k].data()[i];
        CHECK(differences == 0);
      }
    }
  set_num_threads(saved);
}

TEST_CASE("optimizers skip parameters without a gradient and check their options") {
  Tensor a = Tensor({1}, {1.0f}, true), b = Tensor({1}, {1.0f}, true);
  nn::Adam adam({{"a", a}, {"b", b}});
  a.grad_values()[0] = 1;
  adam.step();
  CHECK(a.item() != 1.0f);
  CHECK(b.item() == 1.0f);
  CHECK_THROWS_WITH_AS(nn::Adam({{"a", a}}, {.beta1 = 1.0}), doctest::Contains("betas"),
                       std::invalid_argument);
  CHECK_THROWS_AS(nn::Sgd({{"a", a}}, {.lr = -1}), std::invalid_argument);
  CHECK_THROWS_WITH_AS(nn::Sgd({{"c", Tensor::zeros({1})}}), doctest::Contains("'c'"),
                       std::invalid_argument);
}

TEST_CASE("clip_grad_norm scales all gradients together, only when over the limit") {
  Tensor a = Tensor({1}, {0.0f}, true), b = Tensor({1}, {0.0f}, true),
         none = Tensor({1}, {0.0f}, true);
  a.grad_values()[0] = 3;
  b.grad_values()[0] = 4;
  CHECK(nn::clip_grad_norm({a, b, none}, 10) == doctest::Approx(5));
  CHECK(a.grad_values()[0] == 3);
  CHECK(nn::clip_grad_norm({a, b, none}, 1) == doctest::Approx(5));
  CHECK(a.grad_values()[0] == doctest::Approx(0.6).epsilon(1e-5));
  CHECK(b.grad_values()[0] == doctest::Approx(0.8).epsilon(1e-5));
  CHECK_FALSE(none.has_grad());
  CHECK_THROWS_AS(nn::clip_grad_norm({a}, 0), std::invalid_argument);
}
