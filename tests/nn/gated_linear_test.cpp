// The gradient check of nn/gated_linear.hpp, the worked example of "How to add a layer".
#include "nn/gated_linear.hpp"

#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;

TEST_CASE("GatedLinear: gradients for the input and every parameter") {
  Generator gen(61);
  nn::GatedLinear layer(3, 2, gen);
  std::vector<Tensor> inputs = {testing::random_tensor({4, 3}, 62)};
  for (const Tensor& p : layer.parameters()) {
    for (Scalar& v : p.values()) v = gen.uniform(-1, 1);  // biases away from their zero start
    inputs.push_back(p);
  }
  testing::expect_gradcheck([&](const std::vector<Tensor>& v) { return layer(v[0]); }, inputs);
}

TEST_CASE("GatedLinear: names its parameters and gates each output") {
  Generator gen(63);
  nn::GatedLinear layer(3, 2, gen);
  const nn::NamedTensors params = layer.named_parameters();
  REQUIRE(params.size() == 4);
  CHECK(params[2].first == "gate_weight");
  CHECK(layer.parameter_count() == 2 * (3 * 2 + 2));
  // A gate far open passes the linear part through; far closed, nothing.
  Tensor x = testing::random_tensor({1, 3}, 64, -1, 1, false);
  for (Scalar& v : layer.gate_bias.values()) v = 40;
  const Tensor open = layer(x), plain = linear(x, layer.weight, layer.bias);
  CHECK(open.at({0, 1}) == doctest::Approx(plain.at({0, 1})));
  for (Scalar& v : layer.gate_bias.values()) v = -40;
  CHECK(std::abs(layer(x).at({0, 1})) < 1e-12);
  clear_tape();
}
