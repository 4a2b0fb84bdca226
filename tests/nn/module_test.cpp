// Module bookkeeping, Linear, activations, Dropout, Sequential and mlp() in the float32 build.
#include <doctest/doctest.h>

#include <cmath>

#include "autograd/autograd.hpp"
#include "nn/dropout.hpp"
#include "nn/mlp.hpp"

using namespace autograd;

namespace {

// Two levels of nesting: encoder.fc1, encoder.fc2 and a top-level scale parameter.
struct Encoder : nn::Module {
  explicit Encoder(Generator& gen) {
    fc1 = register_module("fc1", std::make_shared<nn::Linear>(4, 3, gen));
    fc2 = register_module(
        "fc2", std::make_shared<nn::Linear>(3, 2, gen, nn::LinearOptions{.bias = false}));
  }
  std::shared_ptr<nn::Linear> fc1, fc2;
};

struct Model : nn::Module {
  explicit Model(Generator& gen) {
    encoder = register_module("encoder", std::make_shared<Encoder>(gen));
    scale = register_parameter("scale", Tensor::ones({1}));
  }
  std::shared_ptr<Encoder> encoder;
  Tensor scale;
};

struct Misnamed : nn::Module {
  void add(const std::string& name) { register_parameter(name, Tensor::zeros({1})); }
};

}  // namespace

TEST_CASE("parameters have hierarchical names in registration order") {
  Generator gen(1);
  Model model(gen);
  const nn::NamedTensors params = model.named_parameters();
  REQUIRE(params.size() == 4);
  CHECK(params[0].first == "scale");
  CHECK(params[1].first == "encoder.fc1.weight");
  CHECK(params[2].first == "encoder.fc1.bias");
  CHECK(params[3].first == "encoder.fc2.weight");
  CHECK(params[1].second.shape() == Shape{3, 4});
  CHECK(model.parameter_count() == 1 + 12 + 3 + 6);
  for (const Tensor& p : model.parameters()) {
    CHECK(p.requires_grad());
    CHECK(p.is_leaf());
  }
  CHECK(params[1].second.same_as(model.encoder->fc1->weight));  // handles share storage
}

TEST_CASE("train and eval reach every submodule; zero_grad clears every gradient") {
  Generator gen(2);
  Model model(gen);
  model.eval();
  CHECK_FALSE(model.encoder->fc2->is_training());
  model.train();
  CHECK(model.encoder->fc1->is_training());

  Tensor x = gen.normal_tensor({5, 4});
  backward(sum(model.encoder->fc2->forward(model.encoder->fc1->forward(x))) * model.scale);
  CHECK(model.encoder->fc1->weight.has_grad());
  CHECK(model.scale.has_grad());
  model.zero_grad();
  for (const Tensor& p : model.parameters()) CHECK_FALSE(p.has_grad());
  clear_tape();
}

TEST_CASE("bad parameter names are refused") {
  Misnamed m;
  m.add("w");
  CHECK_THROWS_WITH_AS(m.add("w"), doctest::Contains("already registered"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(m.add("a.b"), doctest::Contains("no '.'"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(m.add(""), doctest::Contains("non-empty"), std::invalid_argument);
}

TEST_CASE("Linear computes x W^T + b and checks shapes") {
  Generator gen(3);
  nn::Linear layer(2, 3, gen);
  CHECK(layer.in_features() == 2);
  CHECK(layer.out_features() == 3);
  for (Scalar& v : layer.bias.values()) v = 0.5f;
  Tensor x({2, 2}, {1, 2, 3, 4});
  Tensor y = layer(x);
  REQUIRE(y.shape() == Shape{2, 3});
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t j = 0; j < 3; ++j) {
      const float expected =
          x.at({i, 0}) * layer.weight.at({j, 0}) + x.at({i, 1}) * layer.weight.at({j, 1}) + 0.5f;
      CHECK(y.at({i, j}) == doctest::Approx(expected).epsilon(1e-6));
    }
  CHECK_THROWS_WITH_AS(layer(Tensor::zeros({2, 5})), doctest::Contains("linear: x has 5 features"),
                       std::invalid_argument);
  clear_tape();
}

TEST_CASE("initializations stay in their bounds and have the intended spread") {
  Generator gen(4);
  const Tensor glorot = nn::glorot_uniform({200, 300}, 300, 200, gen);
  const Tensor kaiming = nn::kaiming_normal({200, 300}, 300, gen);
  const double bound = std::sqrt(6.0 / 500);
  double sum_sq = 0;
  for (Scalar v : glorot.values()) CHECK(std::abs(v) <= bound);
  for (Scalar v : kaiming.values()) sum_sq += double(v) * v;
  CHECK(sum_sq / kaiming.numel() == doctest::Approx(2.0 / 300).epsilon(0.03));
  const Tensor he_uniform = nn::kaiming_uniform({50, 60}, 60, gen);
  for (Scalar v : he_uniform.values()) CHECK(std::abs(v) <= std::sqrt(6.0 / 60));
  CHECK_THROWS_AS(nn::glorot_uniform({2, 2}, 0, 2, gen), std::invalid_argument);
}

TEST_CASE("same seed, same weights") {
  Generator a(7), b(7), c(8);
  nn::Linear la(5, 4, a), lb(5, 4, b), lc(5, 4, c);
  CHECK(
      std::equal(la.weight.values().begin(), la.weight.values().end(), lb.weight.values().begin()));
  CHECK_FALSE(
      std::equal(la.weight.values().begin(), la.weight.values().end(), lc.weight.values().begin()));
}

TEST_CASE("dropout is inverted in training and the identity in evaluation") {
  Generator gen(5);
  nn::Dropout drop(0.25, gen);
  Tensor x = Tensor::ones({100, 100});
  Tensor y = drop(x);
  int64_t zeros = 0;
  for (Scalar v : y.values()) {
    if (v == 0)
      ++zeros;
    else
      CHECK(v == doctest::Approx(1 / 0.75));
  }
  CHECK(zeros == doctest::Approx(2500).epsilon(0.1));
  drop.eval();
  CHECK(drop(x).same_as(x));
  CHECK_THROWS_WITH_AS(nn::Dropout(1.0, gen), doctest::Contains("[0, 1)"), std::invalid_argument);
}

TEST_CASE("mlp builds Linear and activation layers from widths") {
  Generator gen(6);
  auto net = nn::mlp({4, 8, 8, 2}, gen,
                     {.hidden = nn::Activation::Tanh, .output = nn::Activation::Sigmoid});
  CHECK(net->size() == 6);  // three Linear layers, each followed by an activation
  const nn::NamedTensors params = net->named_parameters();
  REQUIRE(params.size() == 6);
  CHECK(params[0].first == "0.weight");
  CHECK(params[2].first == "2.weight");
  CHECK(params[5].first == "4.bias");
  Tensor y = net->forward(gen.normal_tensor({3, 4}));
  CHECK(y.shape() == Shape{3, 2});
  for (Scalar v : y.values()) CHECK((v > 0 && v < 1));  // the sigmoid came last

  auto with_dropout = nn::mlp({4, 8, 2}, gen, {.dropout = 0.5});
  CHECK(with_dropout->size() == 3);  // LinearRelu (the default hidden activation), Dropout, Linear
  CHECK(dynamic_cast<nn::LinearRelu*>(&(*with_dropout)[0]) != nullptr);
  CHECK_THROWS_AS(nn::mlp({4}, gen), std::invalid_argument);
}
