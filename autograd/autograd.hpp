#pragma once
// Everything a user of the engine needs: tensors, ops, the tape and backward, gradcheck,
// threads, and the instruments (graph export, tape profile). Start reading at tensor.hpp,
// then tape.hpp, then any file in ops/.
#include "autograd/gradcheck.hpp"
#include "autograd/graphviz.hpp"
#include "autograd/ops.hpp"
#include "autograd/parallel.hpp"
#include "autograd/profile.hpp"
#include "autograd/tape.hpp"
#include "autograd/tensor.hpp"
#include "autograd/random.hpp"
