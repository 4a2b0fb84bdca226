#pragma once
// The one number type of the engine. Training builds use float32; the gradient-check build
// compiles the very same sources with -DAUTOGRAD_DOUBLE so finite differences can be tight.
namespace autograd {
#ifdef AUTOGRAD_DOUBLE
using Scalar = double;
#else
using Scalar = float;
#endif
}  // namespace autograd
