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

TEST_CASE("a ready hook runs once per backward, as soon as its leaf's gradient is final") {
  clear_tape();
  // Two layers: y = sum(tanh(x w1) w2). Backward completes w2 before it reaches w1.
  Tensor x = Tensor({1, 2}, {0.5f, -1.0f});
  Tensor w1 = Tensor({2, 2}, {1, 2, 3, 4}, true);
  Tensor w2 = Tensor({2, 1}, {0.5f, -0.25f}, true);
  std::vector<std::string> order;
  std::vector<float> w1_at_ready;
  bool w1_had_grad_when_w2_ready = true;
  w2.register_ready_hook([&] {
    order.push_back("w2");
    w1_had_grad_when_w2_ready = w1.has_grad();
  });
  w1.register_ready_hook([&] {
    order.push_back("w1");
    w1_at_ready.assign(w1.grad_values().begin(), w1.grad_values().end());
  });
  Tensor h = tanh(matmul(x, w1));
  Tensor y = sum(matmul(h, w2) + matmul(h, w2) * 2.0f);  // w2 read twice: ready after both
  backward(y);
  CHECK(order == std::vector<std::string>{"w2", "w1"});
  CHECK_FALSE(w1_had_grad_when_w2_ready);  // the sweep was still going on
  const std::vector<float> final_w1(w1.grad_values().begin(), w1.grad_values().end());
  CHECK(w1_at_ready == final_w1);
  CHECK(w2.grad().data()[0] == doctest::Approx(3 * h.data()[0]));
  clear_tape();
}

TEST_CASE("a ready hook runs for a leaf the root does not depend on, and never inside grad()") {
  clear_tape();
  Tensor a = Tensor::scalar(2, true);
  Tensor unused = Tensor::scalar(1, true);
  int a_calls = 0, unused_calls = 0;
  a.register_ready_hook([&] { ++a_calls; });
  unused.register_ready_hook([&] { ++unused_calls; });
  Tensor side = unused * 3.0f;  // on the tape, but not on a path to y
  Tensor y = a * a;
  backward(y);
  CHECK(a_calls == 1);
  CHECK(unused_calls == 1);  // its reader was passed: nothing more can come
  CHECK_FALSE(unused.has_grad());
  Tensor z = a * a * a;
  grad(z, {a});
  CHECK(a_calls == 1);
  clear_tape();
}
