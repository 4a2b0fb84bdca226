// Gradient checks of ops/matmul.cpp.
#include "tests/autograd/gradcheck/check.hpp"

using namespace autograd;
using testing::expect_derivatives;
using testing::random_tensor;

TEST_CASE("matmul in every transpose combination and edge shape") {
  const std::vector<std::tuple<int, int, int>> sizes = {
      {3, 4, 5}, {1, 4, 1}, {4, 1, 3}, {1, 1, 1}, {1, 3, 5}};
  for (const auto& [m, k, n] : sizes)
    for (bool ta : {false, true})
      for (bool tb : {false, true}) {
        CAPTURE(m);
        CAPTURE(k);
        CAPTURE(n);
        CAPTURE(ta);
        CAPTURE(tb);
        Tensor a = random_tensor(ta ? Shape{k, m} : Shape{m, k}, 17);
        Tensor b = random_tensor(tb ? Shape{n, k} : Shape{k, n}, 18);
        expect_derivatives([=](const std::vector<Tensor>& v) { return matmul(v[0], v[1], ta, tb); },
                           {a, b});
      }
  Tensor square_matrix = random_tensor({3, 3}, 19);  // A A and A A^T reuse one input twice
  expect_derivatives([](const std::vector<Tensor>& v) { return matmul(v[0], v[0]); },
                     {square_matrix});
  expect_derivatives([](const std::vector<Tensor>& v) { return matmul(v[0], v[0], false, true); },
                     {square_matrix});
}
