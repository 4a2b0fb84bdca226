// Gradient hooks and the backward observer: when they run, what they see, what they change.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "autograd/autograd.hpp"

using namespace autograd;

TEST_CASE("a hook on an intermediate runs once per backward and its replacement flows upstream") {
  clear_tape();
  Tensor x = Tensor::scalar(3, true);
  Tensor h = x * x;  // dh/dx = 2x = 6
  Tensor y = h * 5.0f;
  int calls = 0;
  h.register_hook([&](const Tensor& g) {
    ++calls;
    CHECK(g.item() == doctest::Approx(5));  // complete: dy/dh
    return g * 0.1f;                        // scaled: x now receives 0.5 * 6
  });
  backward(y, {}, true);
  CHECK(calls == 1);
  CHECK(x.grad().item() == doctest::Approx(3));
  backward(y);
  CHECK(calls == 2);
  CHECK(x.grad().item() == doctest::Approx(6));
  clear_tape();
}

TEST_CASE("a hook that returns nothing only reads; a clipping hook sees each sweep's gradient") {
  clear_tape();
  Tensor w = Tensor({2}, {1, -1}, true);
  std::vector<float> seen;
  w.register_hook([&](const Tensor& g) {
    seen.push_back(g.data()[0]);
    return Tensor{};
  });
  w.register_hook([](const Tensor& g) {  // clip to [-1, 1]
    Tensor clipped = g.clone();
    for (Scalar& v : clipped.values()) v = std::max(Scalar(-1), std::min(Scalar(1), v));
    return clipped;
  });
  Tensor y = sum(w * 3.0f);
  backward(y, {}, true);
  backward(y);
  // Each sweep brings 3, clipped to 1; the sum over the two sweeps is 2, not clip(6) = 1.
  CHECK(seen == std::vector<float>{3, 3});
  CHECK(w.grad().data()[0] == doctest::Approx(2));
  clear_tape();
}

TEST_CASE("a retained gradient accumulates without being pushed twice") {
  clear_tape();
  Tensor x = Tensor::scalar(2, true);
  Tensor h = x * x;
  h.retain_grad();
  Tensor y = h * 3.0f;
  backward(y, {}, true);
  backward(y);
  CHECK(h.grad().item() == doctest::Approx(6));       // 3 + 3
  CHECK(x.grad().item() == doctest::Approx(2 * 12));  // 2 sweeps of 3 * 2x
  clear_tape();
}

TEST_CASE("a hook returning the wrong shape is refused, and earlier gradients survive it") {
  clear_tape();
  Tensor x = Tensor::ones({2}, true);
  bool refuse = false;
  x.register_hook([&](const Tensor& g) { return refuse ? Tensor::ones({3}) : g; });
  backward(sum(x));
  refuse = true;
  CHECK_THROWS_WITH_AS(backward(sum(x)),
                       "gradient hook: returned shape [3] for a gradient of shape [2]",
                       std::invalid_argument);
  // The first sweep's 1 is still there, next to the failed sweep's own 1 (kept, as everywhere).
  CHECK(x.grad().data()[0] == doctest::Approx(2));
  clear_tape();
}

TEST_CASE("the backward observer sees each node once, in reverse tape order, with its gradients") {
  clear_tape();
  Tensor x = Tensor::scalar(2, true);
  Tensor y = exp(x * 3.0f);
  std::vector<std::string> steps;
  set_backward_observer([&](const Node& node, size_t position) {
    steps.push_back(std::to_string(position) + " " + std::string(node.op->name));
    CHECK(!node.output->grad.empty());
    CHECK(!node.inputs[0]->grad.empty());  // just pushed into
  });
  backward(y);
  set_backward_observer(nullptr);
  CHECK(steps == std::vector<std::string>{"1 exp", "0 mul_scalar"});
  clear_tape();
}
