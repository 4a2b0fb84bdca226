#pragma once
// The graph autoencoders' reconstruction loss over all N^2 node pairs, blocked so that nothing
// N x N is stored: nn::inner_product_bce(z, targets, pos_weight, norm). The op, its formula and
// its backward are in autograd/ops/inner_product_bce.hpp.
#include "autograd/ops/inner_product_bce.hpp"

namespace nn {

using autograd::inner_product_bce;

}  // namespace nn
