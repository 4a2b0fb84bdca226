// linear_relu is relu(linear(...)) fused: the same numbers to the bit, forward and backward,
// whether the product is split over threads or not, and with the output's gradient retained.
#include <doctest/doctest.h>

#include <algorithm>
#include <span>
#include <tuple>
#include <vector>

#include "autograd/autograd.hpp"
#include "nn/mlp.hpp"

using namespace autograd;

namespace {

struct Run {
  Tensor y;
  std::vector<std::vector<Scalar>> grads;  // of x, weight and (if any) bias
};

// y = f(x, W, b) and the gradients of sum(y * c), c fixed, so each element's gradient differs.
template <class F>
Run run(F f, const std::vector<Tensor>& inputs, const Tensor& c) {
  clear_tape();
  for (const Tensor& t : inputs) t.zero_grad();
  Run result{f(inputs), {}};
  backward(sum(result.y * c));
  for (const Tensor& t : inputs) {
    const Tensor grad = t.grad();
    result.grads.emplace_back(grad.values().begin(), grad.values().end());
  }
  clear_tape();
  return result;
}

bool same_bits(std::span<const Scalar> a, std::span<const Scalar> b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

}  // namespace

TEST_CASE("linear_relu gives relu(linear)'s numbers bit for bit, split over threads or not") {
  const int saved = num_threads();
  for (int threads : {1, 2})
    for (bool with_bias : {true, false})
      for (auto [n, in, out] : {std::tuple{3, 4, 5}, std::tuple{64, 300, 200}}) {
        CAPTURE(threads);
        CAPTURE(with_bias);
        CAPTURE(in);
        set_num_threads(threads);
        Generator gen(5);
        std::vector<Tensor> inputs{gen.normal_tensor({n, in}), gen.normal_tensor({out, in})};
        if (with_bias) inputs.push_back(gen.normal_tensor({out}));
        for (Tensor& t : inputs) t.set_requires_grad(true);
        const Tensor c = gen.normal_tensor({n, out});
        const auto bias = [](const std::vector<Tensor>& v) {
          return v.size() > 2 ? v[2] : Tensor{};
        };
        const Run fused = run([&](auto& v) { return linear_relu(v[0], v[1], bias(v)); }, inputs, c);
        const Run apart =
            run([&](auto& v) { return relu(linear(v[0], v[1], bias(v))); }, inputs, c);
        CHECK(same_bits(fused.y.values(), apart.y.values()));
        for (size_t k = 0; k < inputs.size(); ++k) {
          CAPTURE(k);
          CHECK(same_bits(fused.grads[k], apart.grads[k]));
        }
      }
  set_num_threads(saved);
}

TEST_CASE("linear_relu masks its gradient in place, except when the output retains it") {
  clear_tape();
  Tensor x = Tensor({2, 2}, {1, -1, 2, 0.5f}, true), w = Tensor({2, 2}, {1, 1, -1, 1}, true);
  Tensor y = linear_relu(x, w);  // x W^T = [[0, -2], [2.5, -1.5]]: only y[1][0] passes
  y.retain_grad();
  const Tensor c({2, 2}, {1, 2, 3, 4});
  backward(sum(y * c));
  CHECK(y.grad().at({0, 1}) == 2);  // d/dy, unmasked
  // dx = (c masked) W = [[0, 0], [3 * 1, 3 * 1]]
  CHECK(x.grad().at({0, 0}) == 0);
  CHECK(x.grad().at({1, 0}) == 3);
  CHECK(x.grad().at({1, 1}) == 3);
  clear_tape();
}

TEST_CASE("mlp() builds its ReLU layers as LinearRelu: one linear_relu op each") {
  clear_tape();
  Generator gen(9);
  auto net = nn::mlp({6, 5, 4, 3}, gen, {.hidden = nn::Activation::Relu});
  const Tensor x = gen.normal_tensor({7, 6});
  const Tensor y = net->forward(x);
  std::vector<const OpInfo*> ops;
  for (const Node& node : Tape::current().nodes()) ops.push_back(node.op);
  CHECK(ops == std::vector<const OpInfo*>{&kLinearReluOp, &kLinearReluOp, &kLinearOp});
  clear_tape();
  // The same layers, one op at a time.
  REQUIRE(net->size() == 3);
  const auto& first = dynamic_cast<const nn::LinearRelu&>((*net)[0]);
  const auto& second = dynamic_cast<const nn::LinearRelu&>((*net)[1]);
  const auto& last = dynamic_cast<const nn::Linear&>((*net)[2]);
  const Tensor h =
      relu(linear(relu(linear(x, first.weight, first.bias)), second.weight, second.bias));
  CHECK(same_bits(y.values(), linear(h, last.weight, last.bias).values()));
  clear_tape();
}
