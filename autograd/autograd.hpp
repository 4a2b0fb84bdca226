#pragma once
// Everything a user of the engine needs: tensors, ops, the tape and backward, grad() and
// higher-order derivatives, forward mode, custom ops, gradcheck,
// threads, and the instruments (graph export, tape profile). Start reading at tensor.hpp,
// then tape.hpp, then any file in ops/.
#include "autograd/custom_op.hpp"
#include "autograd/forward_mode.hpp"
#include "autograd/functional.hpp"
#include "autograd/gradcheck.hpp"
#include "autograd/graph_backward.hpp"
#include "autograd/instruments/anomaly.hpp"
#include "autograd/instruments/graphviz.hpp"
#include "autograd/instruments/profile.hpp"
#include "autograd/ops.hpp"
#include "autograd/random.hpp"
#include "autograd/runtime/parallel.hpp"
#include "autograd/tape.hpp"
#include "autograd/tensor.hpp"
