#include "autograd/instruments/graphviz.hpp"

#include <unordered_map>

#include "autograd/instruments/profile.hpp"

namespace autograd {

namespace {

// A DOT string literal: quotes and backslashes escaped, "\n" kept as DOT's line break.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out + "\"";
}

std::string shape_and_bytes(const TensorImpl& impl) {
  return to_string(impl.shape) + "\n" + format_bytes(impl.storage->size() * sizeof(Scalar));
}

// DOT identifiers: n<position> for ops, l<k> for leaves.
std::string numbered(char prefix, size_t n) {
  std::string id(1, prefix);
  return id += std::to_string(n);
}

constexpr const char* kLossStyle = ", style=filled, fillcolor=\"#f4cccc\", penwidth=2";

}  // namespace

std::string tape_to_dot(const Tape& tape, const Tensor& loss, GraphView view) {
  const TensorImpl* highlighted = loss.defined() ? &loss.impl() : nullptr;
  const bool backward = view == GraphView::Backward;
  std::string dot = "digraph tape {\n";
  dot += "  label=" +
         quoted(backward ? "backward: gradients flow from the loss to the parameters"
                         : "forward: the recorded tape, inputs to loss") +
         ";\n  labelloc=t;\n  rankdir=" + (backward ? "BT" : "TB") + ";\n";
  dot +=
      "  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", "
      "fontsize=9];\n";

  // Leaves are numbered in the order the tape first uses them.
  std::unordered_map<const TensorImpl*, std::string> leaf_ids;
  auto id_of = [&](const TensorImpl& impl) {
    if (impl.node >= 0) return numbered('n', static_cast<size_t>(impl.node));
    auto [it, inserted] = leaf_ids.try_emplace(&impl, numbered('l', leaf_ids.size()));
    if (inserted) {
      const std::string kind = impl.requires_grad ? "parameter" : "input";
      const std::string name = impl.name.empty() ? kind : impl.name + " (" + kind + ")";
      dot += "  " + it->second +
             " [shape=box, label=" + quoted(name + "\n" + shape_and_bytes(impl)) +
             (&impl == highlighted ? kLossStyle
              : impl.requires_grad ? ", style=filled, fillcolor=\"#cfe2f3\""
                                   : ", style=filled, fillcolor=\"#eeeeee\"") +
             "];\n";
    }
    return it->second;
  };

  for (size_t i = 0; i < tape.size(); ++i) {
    const Node& node = tape.nodes()[i];
    const TensorImpl& out = *node.output;
    const std::string id = numbered('n', i);
    std::string label = numbered('#', i) + " " + std::string(node.op->name);
    if (!out.name.empty()) label += " '" + out.name + "'";
    if (&out == highlighted) label += " (loss)";
    dot += "  " + id + " [shape=ellipse, label=" + quoted(label + "\n" + shape_and_bytes(out)) +
           (&out == highlighted ? kLossStyle : "") + "];\n";
    for (const auto& input : node.inputs) {
      const std::string from = id_of(*input), &to = id;
      if (!backward) {
        dot += "  " + from + " -> " + to + ";\n";
      } else if (input->requires_grad) {
        dot += "  " + to + " -> " + from +
               " [color=\"#cc0000\", label=" + quoted("grad " + to_string(input->shape)) + "];\n";
      } else {
        dot += "  " + to + " -> " + from + " [style=dashed, color=gray, label=\"no grad\"];\n";
      }
    }
  }
  return dot + "}\n";
}

}  // namespace autograd
