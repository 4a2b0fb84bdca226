#pragma once
// Every differentiable op, one row each: its name, its derivative as a line of math, and the
// file (under autograd/) where its forward and backward sit side by side. A row lives beside its
// op, in the family's header in ops/ (kSwishOp in ops/activations.hpp, listed in
// kActivationOps); this table joins the family lists, so nothing lists an op twice. An op records
// its row on the tape, and tape_tour, tape_to_dot, the profiler, anomaly mode and error messages
// read the name and formula from it.
//
// The static_asserts below keep the rows honest; tests/autograd/op_table_test.cpp checks each
// named file; the double-precision gradcheck program fails for a row no gradcheck covered.
//
// Adding an op: its row, its entry in the family list and its code, all in its family's header
// (or header and .cpp), and one gradcheck case (autograd/README.md, "Adding an op").
#include <array>
#include <cstddef>

#include "autograd/ops.hpp"

namespace autograd {

namespace detail {
template <std::size_t... N>
consteval auto join_op_lists(const std::array<const OpInfo*, N>&... lists) {
  std::array<const OpInfo*, (N + ...)> all{};
  std::size_t at = 0;
  ((std::copy(lists.begin(), lists.end(), all.begin() + at), at += lists.size()), ...);
  return all;
}
}  // namespace detail

inline constexpr auto kOpTable = detail::join_op_lists(
    kBinaryOps, kScalarOps, kUnaryOps, kActivationOps, kReductionOps, kShapeOps, kPairDotOps,
    kMatmulOps, kLinearOps, kSpmmOps, kInnerProductBceOps, kLossOps, kSoftmaxCrossEntropyOps);

constexpr std::size_t kOpCount = kOpTable.size();

// Position of a row in the table (what the gradcheck coverage counts by); kOpCount if absent.
constexpr std::size_t op_index(const OpInfo& op) {
  for (std::size_t i = 0; i < kOpCount; ++i)
    if (kOpTable[i] == &op) return i;
  return kOpCount;
}

consteval bool rows_are_complete() {
  for (const OpInfo* op : kOpTable)
    if (op->name.empty() || op->derivative.empty() || !op->file.starts_with("ops/")) return false;
  return true;
}
consteval bool names_are_unique() {
  for (std::size_t i = 0; i < kOpCount; ++i)
    for (std::size_t j = i + 1; j < kOpCount; ++j)
      if (kOpTable[i]->name == kOpTable[j]->name) return false;
  return true;
}
static_assert(rows_are_complete(), "every op needs a name, a derivative and a file in ops/");
static_assert(names_are_unique(), "two rows of the op table share a name");

}  // namespace autograd
