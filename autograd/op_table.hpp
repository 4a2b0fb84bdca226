#pragma once
// Every differentiable op, one row each: its name, its derivative as a line of math, and the
// file (under autograd/) where its forward and backward sit side by side. Nothing else lists
// ops. An op records its row on the tape, `record(op_named("mul"), ...)`, and tape_tour,
// tape_to_dot, the profiler, anomaly mode and error messages read the name and formula from it.
//
// op_named() runs at compile time, so an op without a row does not compile; the static_asserts
// below keep the rows themselves honest; tests/autograd/op_table_test.cpp checks that each file
// named here records the op; the double-precision gradcheck program fails for a row no
// gradcheck covered.
//
// Adding an op: one row here, its code in its ops/ file, one gradcheck case (autograd/README.md).
#include <array>
#include <cstddef>
#include <string_view>

namespace autograd {

struct OpInfo {
  std::string_view name;
  std::string_view derivative;  // g is the gradient arriving at the output
  std::string_view file;
};

inline constexpr std::array kOpTable = {
    // elementwise with NumPy broadcasting; each gradient is summed over the broadcast axes
    OpInfo{"add", "d/da (a + b) = 1, d/db (a + b) = 1", "ops/binary.cpp"},
    OpInfo{"sub", "d/da (a - b) = 1, d/db (a - b) = -1", "ops/binary.cpp"},
    OpInfo{"mul", "d/da (a * b) = b, d/db (a * b) = a", "ops/binary.cpp"},
    OpInfo{"div", "d/da (a / b) = 1 / b, d/db (a / b) = -a / b^2", "ops/binary.cpp"},
    // with a constant c or p
    OpInfo{"add_scalar", "d/dx (x + c) = 1", "ops/scalar_ops.cpp"},
    OpInfo{"mul_scalar", "d/dx (c x) = c", "ops/scalar_ops.cpp"},
    OpInfo{"pow", "d/dx x^p = p x^(p - 1)", "ops/scalar_ops.cpp"},
    // pointwise math
    OpInfo{"neg", "d/dx (-x) = -1", "ops/unary.cpp"},
    OpInfo{"exp", "d/dx e^x = e^x", "ops/unary.cpp"},
    OpInfo{"log", "d/dx log x = 1 / x", "ops/unary.cpp"},
    OpInfo{"sqrt", "d/dx sqrt x = 1 / (2 sqrt x)", "ops/unary.cpp"},
    OpInfo{"abs", "d/dx |x| = sign x (0 at 0)", "ops/unary.cpp"},
    OpInfo{"square", "d/dx x^2 = 2 x", "ops/unary.cpp"},
    // activations, in their stable forms
    OpInfo{"relu", "d/dx relu x = 1 if x > 0 else 0", "ops/activations.cpp"},
    OpInfo{"leaky_relu", "d/dx leaky_relu x = 1 if x > 0 else slope", "ops/activations.cpp"},
    OpInfo{"sigmoid", "d/dx sigmoid x = s (1 - s)", "ops/activations.cpp"},
    OpInfo{"tanh", "d/dx tanh x = 1 - t^2", "ops/activations.cpp"},
    OpInfo{"softplus", "d/dx softplus x = sigmoid x", "ops/activations.cpp"},
    OpInfo{"log_sigmoid", "d/dx log sigmoid x = sigmoid(-x)", "ops/activations.cpp"},
    OpInfo{"swish", "d/dx x sigmoid x = s + x s (1 - s)", "ops/activations.cpp"},
    // reductions
    OpInfo{"sum", "d/dx_i sum x = 1", "ops/reductions.cpp"},
    OpInfo{"sum_axis", "d/dx_i sum_k x_k = 1 along the axis", "ops/reductions.cpp"},
    OpInfo{"mean_axis", "d/dx_i mean_k x_k = 1 / n along the axis", "ops/reductions.cpp"},
    OpInfo{"max_axis", "d/dx_i max_k x_k = 1 at the first arg max, else 0", "ops/reductions.cpp"},
    OpInfo{"logsumexp", "d/dx_i log sum_k e^x_k = softmax(x)_i", "ops/reductions.cpp"},
    // shape: gradients are moved, never changed
    OpInfo{"reshape", "dx = g reshaped to x's shape", "ops/shape_ops.cpp"},
    OpInfo{"transpose", "dx = g^T", "ops/shape_ops.cpp"},
    OpInfo{"slice_rows", "dx = g in the sliced rows, 0 elsewhere", "ops/shape_ops.cpp"},
    OpInfo{"concat", "dx_i = the block of g that x_i filled", "ops/shape_ops.cpp"},
    OpInfo{"index_select", "dx[idx_k] += g_k", "ops/shape_ops.cpp"},
    OpInfo{"pair_dot", "y_k = a_i . b_j: da_i += g_k b_j, db_j += g_k a_i", "ops/pair_dot.cpp"},
    // linear algebra through BLAS, transposes as flags
    OpInfo{"matmul", "C = A B: dA = G B^T, dB = A^T G", "ops/matmul.cpp"},
    OpInfo{"linear", "y = x W^T + b: dx = G W, dW = G^T x, db = sum over rows of G",
           "ops/linear.cpp"},
    OpInfo{"linear_relu", "y = relu(x W^T + b): G masked by y > 0, then as linear",
           "ops/linear.cpp"},
    // sparse (constant) x dense
    OpInfo{"spmm", "Y = A X: dX = A^T G", "ops/spmm.cpp"},
    OpInfo{"spmm_values", "Y = A(v) X: dv_p = G_i . X_j for the nonzero p at (i, j), dX = A^T G",
           "ops/spmm.cpp"},
    // fused losses: one pass writes each element's loss and derivatives
    OpInfo{"inner_product_bce",
           "l = sum_ij w_ij bce(z_i . z_j, t_ij): dz_i = sum_j dl/dx_ij z_j, both triangles",
           "ops/inner_product_bce.cpp"},
    OpInfo{"bce_with_logits",
           "l = (1 - t) x + w softplus(-x), w = 1 + (p - 1) t: dl/dx = w sigmoid x - p t, "
           "dl/dt = -x + (p - 1) softplus(-x)",
           "ops/losses.cpp"},
    OpInfo{"bce_with_logits_sparse", "l = (1 - t) x + softplus(-x), t sparse: dl/dx = sigmoid x - t",
           "ops/losses.cpp"},
    OpInfo{"mse_loss", "l = (p - t)^2: dl/dp = 2 (p - t), dl/dt = -2 (p - t)", "ops/losses.cpp"},
    OpInfo{"gaussian_nll",
           "l = (v + (x - m)^2 e^-v + log 2 pi) / 2: dl/dm = (m - x) e^-v = -dl/dx, "
           "dl/dv = (1 - (x - m)^2 e^-v) / 2",
           "ops/losses.cpp"},
    OpInfo{"kl_standard_normal", "l = -(1 + v - m^2 - e^v) / 2: dl/dm = m, dl/dv = (e^v - 1) / 2",
           "ops/losses.cpp"},
    OpInfo{"softmax_cross_entropy", "l = logsumexp(x) - x_y: dl/dx = (softmax x - onehot y) / n",
           "ops/softmax_cross_entropy.cpp"},
};

constexpr std::size_t kOpCount = kOpTable.size();

// The row of the op called `name`. consteval: an unknown name is a compile error (the throw
// cannot be evaluated at compile time), not a run-time lookup.
consteval const OpInfo& op_named(std::string_view name) {
  for (const OpInfo& op : kOpTable)
    if (op.name == name) return op;
  throw "op_named: no row in kOpTable has this name";
}

// Position of a row in the table (what the gradcheck coverage counts by).
inline std::size_t op_index(const OpInfo& op) { return static_cast<std::size_t>(&op - kOpTable.data()); }

consteval bool rows_are_complete() {
  for (const OpInfo& op : kOpTable)
    if (op.name.empty() || op.derivative.empty() || !op.file.starts_with("ops/")) return false;
  return true;
}
consteval bool names_are_unique() {
  for (std::size_t i = 0; i < kOpTable.size(); ++i)
    for (std::size_t j = i + 1; j < kOpTable.size(); ++j)
      if (kOpTable[i].name == kOpTable[j].name) return false;
  return true;
}
static_assert(rows_are_complete(), "every op needs a name, a derivative and a file in ops/");
static_assert(names_are_unique(), "two rows of kOpTable share a name");

}  // namespace autograd
