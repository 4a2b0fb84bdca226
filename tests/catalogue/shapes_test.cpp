// Mismatched shapes, one table per op family of autograd/op_table.hpp and per layer or loss of nn/.
// Each call must refuse before computing anything, naming the op and the shapes it was given.
// Rows already checked elsewhere are not repeated here (see README.md).
#include <doctest/doctest.h>

#include <stdexcept>

#include "autograd/autograd.hpp"
#include "autograd/sparse/csr.hpp"
#include "autograd/ops/spmm.hpp"
#include "nn/graph_conv.hpp"
#include "nn/inner_product_bce.hpp"
#include "nn/linear.hpp"
#include "nn/losses.hpp"
#include "nn/reparameterize.hpp"
#include "tests/catalogue/refusal.hpp"

using namespace autograd;
using catalogue::check_refusals;

namespace {

Tensor ones(const Shape& shape) {
  return Tensor::ones(shape);
}

// 3 x 3 patterns: entries (0, 1) and (1, 0), symmetric as graph targets are; or (0, 1) alone.
CsrMatrix pattern(const std::vector<int64_t>& rows, const std::vector<int64_t>& cols) {
  return CsrMatrix::from_coo(3, 3, rows, cols, std::vector<Scalar>(rows.size(), 1));
}
CsrMatrix pair_pattern() {
  return pattern({0, 1}, {1, 0});
}
CsrMatrix one_way_pattern() {
  return pattern({0}, {1});
}

}  // namespace

TEST_CASE("elementwise ops refuse shapes that do not broadcast") {
  // clang-format off
  check_refusals<std::invalid_argument>({
      {"sub: trailing 3 against 2", [] { sub(ones({2, 3}), ones({2})); },
       "sub: shapes [2, 3] and [2] cannot be broadcast together"},
      {"mul: middle axis 1 fits, last 3 against 2", [] { mul(ones({4, 1, 3}), ones({2, 2})); },
       "mul: shapes [4, 1, 3] and [2, 2] cannot be broadcast"},
      {"div: vectors of different lengths", [] { div(ones({3}), ones({4})); },
       "div: shapes [3] and [4] cannot be broadcast"},
      {"an empty axis does not broadcast against 2", [] { add(ones({0, 3}), ones({2, 3})); },
       "add: shapes [0, 3] and [2, 3] cannot be broadcast"},
  });
  // clang-format on
}

TEST_CASE("reductions refuse an axis the tensor does not have") {
  // clang-format off
  check_refusals<std::out_of_range>({
      {"sum over axis 2 of a matrix", [] { sum(ones({2, 3}), 2); },
       "sum_axis: axis 2 is out of range for a tensor of rank 2"},
      {"sum over axis -3 of a matrix", [] { sum(ones({2, 3}), -3); },
       "sum_axis: axis -3 is out of range for a tensor of rank 2"},
      {"mean over axis 5", [] { mean(ones({2, 3}), 5); },
       "mean_axis: axis 5 is out of range for a tensor of rank 2"},
      {"max over axis 1 of a vector", [] { max(ones({4}), 1); },
       "max: axis 1 is out of range for a tensor of rank 1"},
      {"logsumexp of a scalar", [] { logsumexp(Tensor::scalar(1), 0); },
       "logsumexp: axis 0 is out of range for a tensor of rank 0"},
  });
  // clang-format on
}

TEST_CASE("shape ops refuse extents, ranges and rows that do not fit") {
  // clang-format off
  check_refusals<std::logic_error>({
      {"reshape to a different element count", [] { reshape(ones({2, 3}), {4, 2}); },
       "reshape: [2, 3] has 6 elements, [4, 2] needs 8"},
      {"reshape with -1 that cannot divide", [] { reshape(ones({2, 3}), {-1, 4}); },
       "reshape: cannot infer -1 in [-1, 4] for [2, 3]"},
      {"reshape with two -1", [] { reshape(ones({2, 3}), {-1, -1}); },
       "reshape: more than one -1 in [-1, -1]"},
      {"reshape to a negative extent", [] { reshape(ones({2, 3}), {-2, -3}); },
       "reshape: negative extent in [-2, -3]"},
      {"transpose of a 3-D tensor", [] { transpose(ones({2, 3, 4})); },
       "transpose: needs a 2-D tensor, got [2, 3, 4]"},
      {"slice_rows past the end", [] { slice_rows(ones({3, 2}), 2, 5); },
       "slice_rows: rows [2, 5) out of range for [3, 2]"},
      {"slice_rows ending before it begins", [] { slice_rows(ones({3, 2}), 2, 1); },
       "slice_rows: rows [2, 1) out of range for [3, 2]"},
      {"slice_rows of a scalar", [] { slice_rows(Tensor::scalar(1), 0, 0); },
       "slice_rows: needs at least 1-D, got []"},
      {"concat of different widths along axis 0", [] { concat({ones({2, 3}), ones({2, 4})}, 0); },
       "concat: shape [2, 4] does not match [2, 3] off axis 0"},
      {"concat of different ranks", [] { concat({ones({2, 3}), ones({3})}, 0); },
       "concat: shape [3] does not match [2, 3] off axis 0"},
      {"concat along an axis the parts lack", [] { concat({ones({2, 3}), ones({2, 3})}, 2); },
       "concat: axis 2 is out of range for a tensor of rank 2"},
      {"concat of nothing", [] { concat({}, 0); }, "concat: no tensors given"},
      {"index_select of row 3 of 3", [] { index_select(ones({3, 2}), {0, 3}); },
       "index_select: row 3 out of range for [3, 2]"},
      {"index_select of row -1", [] { index_select(ones({3, 2}), {-1}); },
       "index_select: row -1 out of range for [3, 2]"},
      {"pair_dot with lists of different lengths", [] { pair_dot(ones({3, 2}), {0, 1}, {2}); },
       "pair_dot: 2 first rows but 1 second rows"},
      {"pair_dot naming row 5 of 3", [] { pair_dot(ones({3, 2}), {0}, {5}); },
       "pair_dot: pair 0 (0, 5) names a row outside [3, 2]"},
      {"pair_dot of a vector", [] { pair_dot(ones({3}), {0}, {1}); },
       "pair_dot: needs a 2-D tensor, got [3]"},
  });
  // clang-format on
}

TEST_CASE("products refuse operands whose inner dimensions or ranks differ") {
  // clang-format off
  check_refusals<std::invalid_argument>({
      {"matmul with the first operand transposed", [] { matmul(ones({2, 3}), ones({4, 3}), true); },
       "matmul: inner dimensions differ: [2, 3]^T x [4, 3]"},
      {"matmul with the second operand transposed",
       [] { matmul(ones({2, 3}), ones({4, 2}), false, true); },
       "matmul: inner dimensions differ: [2, 3] x [4, 2]^T"},
      {"matmul of a vector", [] { matmul(ones({3}), ones({3, 2})); },
       "matmul: needs 2-D tensors, got [3] x [3, 2]"},
      {"linear with a bias of the input width",
       [] { linear(ones({2, 4}), ones({3, 4}), ones({4})); },
       "linear: bias must have shape [3], got x [2, 4], weight [3, 4], bias [4]"},
      {"linear of a vector", [] { linear(ones({4}), ones({3, 4})); },
       "linear: x and weight must be 2-D, got x [4], weight [3, 4]"},
      {"linear_relu with a bias of the input width",
       [] { linear_relu(ones({2, 4}), ones({3, 4}), ones({4})); },
       "linear_relu: bias must have shape [3], got x [2, 4], weight [3, 4], bias [4]"},
      {"spmm of a vector", [] { spmm(CsrMatrix::identity(3), ones({3})); },
       "spmm: sparse [3, 3] times dense [3]: the dense operand must be 2-D with 3 rows"},
      {"spmm_values with a dense operand of the wrong height",
       [] { spmm_values(CsrMatrix::identity(3), ones({3}), ones({2, 2})); },
       "spmm_values: sparse [3, 3] times dense [2, 2]"},
  });
  // clang-format on
}

TEST_CASE("layers refuse inputs of the wrong width, rank or node count") {
  Generator gen(1);
  nn::Linear linear_layer(4, 3, gen);
  nn::GraphConv conv(4, 2, gen);
  const CsrMatrix a_hat = CsrMatrix::identity(3);
  // clang-format off
  check_refusals<std::invalid_argument>({
      {"Linear given a vector", [&] { linear_layer.forward(ones({4})); },
       "linear: x and weight must be 2-D, got x [4], weight [3, 4], bias [3]"},
      {"GraphConv given sparse features of the wrong width",
       [&] { conv.forward(a_hat, CsrMatrix::identity(3)); },
       "GraphConv: sparse X needs 4 columns (in_features): A_hat [3, 3], sparse X [3, 3], "
       "weight [4, 2]"},
      {"GraphConv given a rectangular A_hat",
       [&] { conv.forward(CsrMatrix::from_coo(3, 4, {}, {}, {}), ones({4, 4})); },
       "GraphConv: A_hat must be square: A_hat [3, 4]"},
      {"GraphConv given 3-D features", [&] { conv.forward(a_hat, ones({3, 4, 1})); },
       "GraphConv: X must be 2-D [nodes, in], got [3, 4, 1]"},
  });
  // clang-format on
}

TEST_CASE("losses refuse predictions and targets of different shapes") {
  // clang-format off
  check_refusals<std::invalid_argument>({
      {"mse_loss of a matrix against a vector", [] { nn::mse_loss(ones({2, 3}), ones({3})); },
       "mse_loss: prediction [2, 3] and target [3] must have the same shape"},
      {"bce_with_logits of a column against a row",
       [] { nn::bce_with_logits(ones({3, 1}), ones({1, 3})); },
       "bce_with_logits: logits [3, 1] and targets [1, 3] must have the same shape"},
      {"gaussian_nll with a mean of another shape",
       [] { nn::gaussian_nll(ones({2, 3}), ones({3, 2}), 0); },
       "gaussian_nll: x [2, 3] and mean [3, 2] must have the same shape"},
      {"kl_standard_normal with a logvar of another shape",
       [] { nn::kl_standard_normal(ones({2, 3}), ones({2, 2})); },
       "kl_standard_normal: mean [2, 3] and logvar [2, 2] must have the same shape"},
      {"reparameterize with noise of another shape",
       [] { nn::reparameterize(ones({2, 2}), ones({2, 2}), ones({2, 1})); },
       "reparameterize: mean [2, 2], logvar [2, 2] and noise [2, 1] must have the same shape"},
      {"inner_product_bce with embeddings for 2 of 3 nodes",
       [] { nn::inner_product_bce(ones({2, 4}), pair_pattern(), 1, 1); },
       "inner_product_bce: embeddings [2, 4] against a 3 x 3 target matrix"},
      {"inner_product_bce with an asymmetric target pattern",
       [] { nn::inner_product_bce(ones({3, 4}), one_way_pattern(), 1, 1); },
       "inner_product_bce: the target pattern must be symmetric"},
  });
  // clang-format on
}

TEST_CASE("reading one element refuses the wrong number of indices or a tensor of many") {
  // clang-format off
  check_refusals<std::logic_error>({
      {"at with one index into a matrix", [] { ones({2, 3}).at({1}); },
       "at: 1 indices for a tensor of shape [2, 3]"},
      {"at past the end of axis 1", [] { ones({2, 3}).at({1, 3}); },
       "at: index 3 out of range on axis 1 of shape [2, 3]"},
      {"item of a matrix", [] { ones({2, 3}).item(); },
       "item: tensor of shape [2, 3] has 6 elements, not one"},
  });
  // clang-format on
}
