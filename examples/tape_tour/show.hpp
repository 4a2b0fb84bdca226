#pragma once
// How tape_tour prints tensors and names the tensors that flow along the tape.
#include <span>
#include <string>

#include "autograd/tensor.hpp"

namespace tape_tour {

// Values laid out by shape: a scalar as one number, a vector on one line (a column as a
// transposed row), a matrix one row per line, each line after the first indented by `indent`.
std::string show_values(const autograd::Shape& shape, std::span<const autograd::Scalar> values,
                        int indent);

// The name a reader knows a tensor by: its own name, else "#k" for the output of tape node k.
std::string label(const autograd::TensorImpl& tensor);

}  // namespace tape_tour
