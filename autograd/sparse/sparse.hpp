#pragma once
// Sparse matrices and their ops: CSR storage, sparse x dense products, GCN graph helpers.
#include "autograd/sparse/csr.hpp"
#include "autograd/sparse/graph.hpp"
#include "autograd/ops/spmm.hpp"
