#pragma once
// Everything a user of the engine needs: tensors, ops, the tape and backward, gradcheck,
// threads, and the instruments (graph export, tape profile). Start reading at tensor.hpp,
// then tape.hpp, then any file in ops/.
#include "autograd/gradcheck.hpp"
#include "autograd/instruments/anomaly.hpp"
#include "autograd/instruments/graphviz.hpp"
#include "autograd/ops.hpp"
#include "autograd/runtime/parallel.hpp"
#include "autograd/instruments/profile.hpp"
#include "autograd/tape.hpp"
#include "autograd/tensor.hpp"
#include "autograd/random.hpp"
