#pragma once
// Newton-CG (truncated Newton; Nocedal and Wright, "Numerical Optimization", algorithm 7.1): the
// Newton direction d solving H d = -g, found by conjugate gradients from Hessian-vector products
// alone, so H (n x n) is never formed. One gradient is recorded with create_graph, and each CG
// iteration is one more reverse sweep through it (autograd::hvp_from_gradient). CG stops when the
// residual is small against |g| (the forcing term min(0.5, sqrt|g|) |g|: superlinear
// convergence near the minimum) or on a direction of non-positive curvature; the step length
// comes from the backtracking line search.
#include "nn/line_search.hpp"

namespace nn {

struct NewtonCgOptions {
  int max_cg_iterations = 100;
  LineSearchOptions line_search = {};
};

DescentStep newton_cg_step(const LossFn& loss, const std::vector<autograd::Tensor>& parameters,
                           const NewtonCgOptions& options = {});

}  // namespace nn
