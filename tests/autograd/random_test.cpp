#include "autograd/random.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "autograd/runtime/parallel.hpp"

using autograd::Generator;

TEST_CASE("same seed, same stream; state round-trips") {
  Generator a(42), b(42), c(43);
  for (int i = 0; i < 5; ++i) CHECK(a.next_u64() == b.next_u64());
  CHECK(a.next_u64() != c.next_u64());
  a.normal();  // leaves a spare normal in the state
  const auto saved = a.state();
  const double expected = a.normal();
  Generator restored;
  restored.set_state(saved);
  CHECK(restored.normal() == expected);
}

TEST_CASE("distributions have the right moments") {
  Generator g(7);
  const int n = 200000;
  double sum = 0, sum_sq = 0, uniform_sum = 0;
  int ones = 0;
  for (int i = 0; i < n; ++i) {
    const double z = g.normal();
    sum += z;
    sum_sq += z * z;
    uniform_sum += g.uniform();
    ones += g.bernoulli(0.3);
  }
  CHECK(std::abs(sum / n) < 0.01);
  CHECK(std::abs(sum_sq / n - 1) < 0.02);
  CHECK(std::abs(uniform_sum / n - 0.5) < 0.01);
  CHECK(std::abs(ones / double(n) - 0.3) < 0.01);
  auto perm = g.permutation(100);
  std::sort(perm.begin(), perm.end());
  for (int i = 0; i < 100; ++i) CHECK(perm[i] == i);
}

TEST_CASE(
    "normal_tensor is the stream of normal(): any size, a spare carried in or out, any thread "
    "count") {
  const int saved = autograd::num_threads();
  for (int threads : {1, 2})
    for (bool spare_before : {false, true})
      for (int64_t n : {0, 1, 2, 3, 4, 2561, 5000}) {
        CAPTURE(threads);
        CAPTURE(spare_before);
        CAPTURE(n);
        autograd::set_num_threads(threads);
        Generator tensor_side(11), scalar_side(11);
        if (spare_before) tensor_side.normal(), scalar_side.normal();
        const autograd::Tensor t = tensor_side.normal_tensor({n}, 0.5, 2.0);
        int64_t mismatches = 0;
        for (int64_t i = 0; i < n; ++i)
          mismatches += t.data()[i] != static_cast<autograd::Scalar>(scalar_side.normal(0.5, 2.0));
        CHECK(mismatches == 0);
        CHECK(tensor_side.normal() == scalar_side.normal());  // the spare, if any, carried over
        CHECK(tensor_side.next_u64() == scalar_side.next_u64());
      }
  autograd::set_num_threads(saved);
}

TEST_CASE("the saved state depends only on the stream, not on how its normals were drawn") {
  Generator one_by_one(4), as_tensor(4);
  for (int i = 0; i < 6; ++i) one_by_one.normal();  // leaves a stale spare value behind
  as_tensor.normal_tensor({6});
  CHECK(one_by_one.state() == as_tensor.state());
}
