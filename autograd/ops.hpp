#pragma once
// Every differentiable op of the engine, one header per family in ops/: each holds its ops' rows
// of the op table (op_table.hpp) and their code, forward and backward side by side (inline for
// the elementwise families, in the .cpp of the same name for the others).
#include "autograd/operators.hpp"
#include "autograd/ops/activations.hpp"
#include "autograd/ops/binary.hpp"
#include "autograd/ops/inner_product_bce.hpp"
#include "autograd/ops/linear.hpp"
#include "autograd/ops/losses.hpp"
#include "autograd/ops/matmul.hpp"
#include "autograd/ops/pair_dot.hpp"
#include "autograd/ops/reductions.hpp"
#include "autograd/ops/scalar_ops.hpp"
#include "autograd/ops/shape_ops.hpp"
#include "autograd/ops/softmax_cross_entropy.hpp"
#include "autograd/ops/spmm.hpp"
#include "autograd/ops/unary.hpp"
