// Ops that move values without arithmetic. Their backward moves gradients the opposite way.
#include "autograd/ops/shape_ops.hpp"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <stdexcept>

#include "autograd/forward_mode.hpp"
#include "autograd/graph_backward.hpp"
#include "autograd/ops.hpp"
#include "autograd/tape.hpp"

namespace autograd {

namespace {
Shape resolve_reshape(const Tensor& x, Shape shape) {
  int64_t known = 1, unknown_axis = -1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1) {
      if (unknown_axis >= 0) throw std::invalid_argument("reshape: more than one -1 in " + to_string(shape));
      unknown_axis = static_cast<int64_t>(i);
    } else if (shape[i] < 0) {
      throw std::invalid_argument("reshape: negative extent in " + to_string(shape));
    } else {
      known *= shape[i];
    }
  }
  if (unknown_axis >= 0 && known > 0 && x.numel() % known == 0) shape[unknown_axis] = x.numel() / known;
  if (unknown_axis >= 0 && shape[unknown_axis] == -1)
    throw std::invalid_argument("reshape: cannot infer -1 in " + to_string(shape) + " for " + to_string(x.shape()));
  if (numel(shape) != x.numel())
    throw std::invalid_argument("reshape: " + to_string(x.shape()) + " has " + std::to_string(x.numel()) +
                                " elements, " + to_string(shape) + " needs " + std::to_string(numel(shape)));
  return shape;
}
}  // namespace

// A view: same storage, new shape. d/dx reshape = identity on the flat layout.
Tensor reshape(const Tensor& x, const Shape& shape) {
  Tensor y = x.detach();
  y.impl().shape = resolve_reshape(x, shape);
  push_tangent(kReshapeOp, {x}, y, [&] { return reshape(x.tangent(), y.shape()); });
  record(kReshapeOp, {x}, y, [x, y](bool create_graph) mutable {
    if (create_graph) return accumulate_graph_grad(x, reshape(graph_grad(y), x.shape()));
    auto gy = y.grad_values();
    auto gx = x.grad_values();
    for (size_t i = 0; i < gx.size(); ++i) gx[i] += gy[i];
  });
  return y;
}

// y[j, i] = x[i, j]; d/dx = the gradient transposed back
Tensor transpose(const Tensor& x) {
  if (x.dim() != 2) throw std::invalid_argument("transpose: needs a 2-D tensor, got " + to_string(x.shape()));
  const int64_t rows = x.size(0), cols = x.size(1);
  Tensor y = Tensor::empty({cols, rows});
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j) y.data()[j * rows + i] = x.data()[i * cols + j];
  push_tangent(kTransposeOp, {x}, y, [&] { return transpose(x.tangent()); });
  record(kTransposeOp, {x}, y, [x, y, rows, cols](bool create_graph) mutable {
    if (create_graph) return accumulate_graph_grad(x, transpose(graph_grad(y)));
    const Scalar* gy = y.grad_values().data();
    Scalar* gx = x.grad_values().data();
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j) gx[i * cols + j] += gy[j * rows + i];
  });
  return y;
}

// y = x[begin:end]; d/dx puts the gradient back into those rows
Tensor slice_rows(const Tensor& x, int64_t begin, int64_t end) {
  if (x.dim() < 1) throw std::invalid_argument("slice_rows: needs at least 1-D, got " + to_string(x.shape()));
  if (begin < 0 || end < begin || end > x.size(0))
    throw std::out_of_range("slice_rows: rows [" + std::to_string(begin) + ", " + std::to_string(end) +
                            ") out of range for " + to_string(x.shape()));
  Shape shape = x.shape();
  shape[0] = end - begin;
  const int64_t row = x.size(0) ? x.numel() / x.size(0) : 0;
  Tensor y = Tensor::empty(shape);
  std::copy_n(x.data() + begin * row, y.numel(), y.data());
  push_tangent(kSliceRowsOp, {x}, y, [&] { return slice_rows(x.tangent(), begin, end); });
  record(kSliceRowsOp, {x}, y, [x, y, begin, row](bool create_graph) mutable {
    if (create_graph) {  // the gradient into its rows, zeros elsewhere
      std::vector<int64_t> rows(y.size(0));
      std::iota(rows.begin(), rows.end(), begin);
      return accumulate_graph_grad(x, scatter_rows(graph_grad(y), rows, x.size(0)));
    }
    auto gy = y.grad_values();
    Scalar* gx = x.grad_values().data() + begin * row;
    for (size_t i = 0; i < gy.size(); ++i) gx[i] += gy[i];
  });
  return y;
}

// Joins tensors along `axis`; d/dpart = its block of the gradient
Tensor concat(const std::vector<Tensor>& parts, int64_t axis) {
  if (parts.empty()) throw std::invalid_argument("concat: no tensors given");
  const Shape& first = parts[0].shape();
  const int64_t a = normalize_axis("concat", axis, static_cast<int64_t>(first.size()));
  Shape shape = first;
  shape[a] = 0;
  for (const Tensor& part : parts) {
    Shape expected = first;
    expected[a] = part.dim() == static_cast<int64_t>(first.size()) ? part.shape()[a] : -1;
    if (part.shape() != expected)
      throw std::invalid_argument("concat: shape " + to_string(part.shape()) + " does not match " +
                                  to_string(first) + " off axis " + std::to_string(a));
    shape[a] += part.shape()[a];
  }
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < a; ++i) outer *= first[i];
  for (size_t i = a + 1; i < first.size(); ++i) inner *= first[i];
  const int64_t out_row = shape[a] * inner;
  Tensor y = Tensor::empty(shape);
  // offsets[p]: where part p starts inside one output row block
  std::vector<int64_t> offsets;
  for (int64_t offset = 0; const Tensor& part : parts) {
    offsets.push_back(offset);
    const int64_t part_row = part.shape()[a] * inner;
    for (int64_t o = 0; o < outer; ++o)
      std::copy_n(part.data() + o * part_row, part_row, y.data() + o * out_row + offset);
    offset += part_row;
  }
  push_tangent(kConcatOp, parts, y, [&] {
    std::vector<Tensor> tangents;
    for (const Tensor& part : parts)
      tangents.push_back(part.tangent().defined() ? part.tangent() : Tensor::zeros(part.shape()));
    return concat(tangents, axis);
  });
  record(kConcatOp, parts, y,
         [parts, y, offsets, outer, out_row, inner, a](bool create_graph) mutable {
           if (create_graph) {  // each part's block: columns of g viewed as [outer, out_row]
             const Tensor g = reshape(graph_grad(y), {outer, out_row});
             for (size_t p = 0; p < parts.size(); ++p) {
               const int64_t part_row = parts[p].shape()[a] * inner;
               accumulate_graph_grad(
                   parts[p],
                   reshape(slice_columns(g, offsets[p], offsets[p] + part_row), parts[p].shape()));
             }
             return;
           }
           const Scalar* gy = y.grad_values().data();
           for (size_t p = 0; p < parts.size(); ++p) {
             if (!parts[p].requires_grad()) continue;
             const int64_t part_row = parts[p].shape()[a] * inner;
             Scalar* gp = parts[p].grad_values().data();
             for (int64_t o = 0; o < outer; ++o)
               for (int64_t i = 0; i < part_row; ++i)
                 gp[o * part_row + i] += gy[o * out_row + offsets[p] + i];
           }
         });
  return y;
}

// y[r] = x[rows[r]]; d/dx scatters: gx[rows[r]] += gy[r] (rows may repeat)
Tensor index_select(const Tensor& x, const std::vector<int64_t>& rows) {
  if (x.dim() < 1) throw std::invalid_argument("index_select: needs at least 1-D, got " + to_string(x.shape()));
  const int64_t row = x.size(0) ? x.numel() / x.size(0) : 0;
  for (int64_t r : rows)
    if (r < 0 || r >= x.size(0))
      throw std::out_of_range("index_select: row " + std::to_string(r) + " out of range for " + to_string(x.shape()));
  Shape shape = x.shape();
  shape[0] = static_cast<int64_t>(rows.size());
  Tensor y = Tensor::empty(shape);
  for (size_t r = 0; r < rows.size(); ++r) std::copy_n(x.data() + rows[r] * row, row, y.data() + r * row);
  push_tangent(kIndexSelectOp, {x}, y, [&] { return index_select(x.tangent(), rows); });
  record(kIndexSelectOp, {x}, y, [x, y, rows, row](bool create_graph) mutable {
    if (create_graph) return accumulate_graph_grad(x, scatter_rows(graph_grad(y), rows, x.size(0)));
    const Scalar* gy = y.grad_values().data();
    Scalar* gx = x.grad_values().data();
    for (size_t r = 0; r < rows.size(); ++r)
      for (int64_t i = 0; i < row; ++i) gx[rows[r] * row + i] += gy[r * row + i];
  });
  return y;
}

Tensor scatter_rows(const Tensor& src, const std::vector<int64_t>& rows, int64_t n) {
  const auto k = static_cast<int64_t>(rows.size());
  if (src.dim() < 1 || src.size(0) != k)
    throw std::invalid_argument("scatter_rows: " + std::to_string(k) +
                                " rows for a source of shape " + to_string(src.shape()));
  const int64_t row = k ? src.numel() / k : 0;
  std::vector<int64_t> sources(k);
  std::iota(sources.begin(), sources.end(), 0);
  const std::vector<Scalar> ones(k, Scalar(1));
  const CsrMatrix selection_t = CsrMatrix::from_coo(n, k, rows, sources, ones);
  Shape shape = src.shape();
  shape[0] = n;
  return reshape(spmm(selection_t, reshape(src, {k, row})), shape);
}

Tensor slice_columns(const Tensor& x, int64_t begin, int64_t end) {
  return transpose(slice_rows(transpose(x), begin, end));
}

}  // namespace autograd
