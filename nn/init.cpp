#include "nn/init.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace nn {

namespace {
void check_fans(const char* init, int64_t fan_in, int64_t fan_out) {
  if (fan_in <= 0 || fan_out <= 0)
    throw std::invalid_argument(std::string(init) + ": fans must be positive, got fan_in " +
                                std::to_string(fan_in) + ", fan_out " + std::to_string(fan_out));
}
}  // namespace

autograd::Tensor glorot_uniform(const autograd::Shape& shape, int64_t fan_in, int64_t fan_out,
                                autograd::Generator& gen) {
  check_fans("glorot_uniform", fan_in, fan_out);
  const double bound = std::sqrt(6.0 / static_cast<double>(fan_in + fan_out));
  return gen.uniform_tensor(shape, -bound, bound);
}

autograd::Tensor kaiming_uniform(const autograd::Shape& shape, int64_t fan_in,
                                 autograd::Generator& gen) {
  check_fans("kaiming_uniform", fan_in, 1);
  const double bound = std::sqrt(6.0 / static_cast<double>(fan_in));
  return gen.uniform_tensor(shape, -bound, bound);
}

autograd::Tensor kaiming_normal(const autograd::Shape& shape, int64_t fan_in,
                                autograd::Generator& gen) {
  check_fans("kaiming_normal", fan_in, 1);
  return gen.normal_tensor(shape, 0, std::sqrt(2.0 / static_cast<double>(fan_in)));
}

autograd::Tensor initialize(Init init, const autograd::Shape& shape, int64_t fan_in,
                            int64_t fan_out, autograd::Generator& gen) {
  switch (init) {
    case Init::GlorotUniform:
      return glorot_uniform(shape, fan_in, fan_out, gen);
    case Init::KaimingUniform:
      return kaiming_uniform(shape, fan_in, gen);
    case Init::KaimingNormal:
      return kaiming_normal(shape, fan_in, gen);
  }
  throw std::invalid_argument("initialize: unknown Init value");
}

}  // namespace nn
