#pragma once
// The tape as a Graphviz DOT graph, to look at rather than trust. One graph node per recorded
// op (its tape position, name, output shape and bytes) and one per leaf that feeds the tape:
// parameters (leaves that require a gradient) in blue, other inputs in gray; the loss in red.
// One edge per op input, so the counts match the tape exactly. The backward view reverses the
// edges, as the gradients flow, and labels each with the shape of the gradient it carries.
//
//   write the result to tape.dot, then:  dot -Tpng tape.dot -o tape.png
#include <string>

#include "autograd/tape.hpp"

namespace autograd {

enum class GraphView { Forward, Backward };

// `loss` (optional) is highlighted; it may be an op's output or a leaf.
std::string tape_to_dot(const Tape& tape, const Tensor& loss = Tensor{},
                        GraphView view = GraphView::Forward);

}  // namespace autograd
