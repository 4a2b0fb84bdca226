// tape_tour: reverse-mode autodiff, watched rather than trusted.
//
// A two-layer perceptron on 3 inputs and its binary cross-entropy are computed with engine ops.
// The program prints the tape that the forward pass recorded, op by op with values; then runs
// backward with an observer that prints every gradient as it is accumulated; then checks each
// parameter's gradient against central finite differences; and writes the graph of the tape
// (forward and backward views) as Graphviz DOT, and PNG when `dot` is installed. Then the second
// order: the backward pass recorded on the tape (drawn too), a Hessian-vector product as the
// gradient of <g, v> checked by differences of the gradient, and the same directional
// derivative by forward mode.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "autograd/autograd.hpp"
#include "examples/common/cli.hpp"
#include "examples/tape_tour/graph_files.hpp"
#include "examples/tape_tour/show.hpp"

using namespace autograd;
using tape_tour::label;
using tape_tour::show_values;

namespace {

struct Parameters {
  Tensor w1, b1, w2, b2;
  std::vector<Tensor> all() const { return {w1, b1, w2, b2}; }
};

// h = relu(x W1 + b1), z = h W2 + b2, loss = mean(softplus(z) - y z): binary cross-entropy
// written from the logit z, which never takes log of a rounded sigmoid.
Tensor loss_of(const Parameters& p, const Tensor& x, const Tensor& y) {
  Tensor h = relu(matmul(x, p.w1) + p.b1).set_name("h");
  Tensor z = (matmul(h, p.w2) + p.b2).set_name("z");
  Tensor per_example = (softplus(z) - y * z).set_name("bce");
  return mean(per_example).set_name("loss");
}

void section(const std::string& title) {
  std::cout << "\n== " << title << " ==\n";
}

void print_tensor(const std::string& name, const Tensor& t) {
  const std::string head = "  " + name + " " + to_string(t.shape()) + " = ";
  std::cout << head << show_values(t.shape(), t.values(), static_cast<int>(head.size())) << "\n";
}

std::string inputs_of(const Node& node) {
  std::string text;
  for (const auto& input : node.inputs) {
    if (!text.empty()) text += ", ";
    text += label(*input);
  }
  return text;
}

void print_tape(size_t first = 0) {
  const Tape& tape = Tape::current();
  for (size_t i = first; i < tape.size(); ++i) {
    const Node& node = tape.nodes()[i];
    const TensorImpl& out = *node.output;
    std::string head = std::string("  #") + std::to_string(i) + " " +
                       std::string(node.op->name) + "(" + inputs_of(node) + ")";
    if (!out.name.empty()) head += " -> " + out.name;
    head.append(" ").append(to_string(out.shape)).append(" = ");
    std::cout << head << show_values(out.shape, *out.storage, static_cast<int>(head.size()))
              << "\n";
  }
}

// Prints each node's step of the reverse sweep: the gradient that arrived at its output, the
// rule its closure applies, and the gradient each input that wants one holds afterwards.
void print_backward_step(const Node& node, size_t position) {
  const TensorImpl& out = *node.output;
  std::cout << "  #" << position << " " << node.op->name << "(" << inputs_of(node) << ")   ["
            << node.op->derivative << "]\n";
  const std::string arrived = "    arrived: d loss/d " + label(out) + " = ";
  std::cout << arrived << show_values(out.shape, out.grad, static_cast<int>(arrived.size()))
            << "\n";
  for (const auto& input : node.inputs) {
    if (!input->requires_grad) continue;
    const std::string now = "    now:     d loss/d " + label(*input) + " = ";
    std::cout << now << show_values(input->shape, input->grad, static_cast<int>(now.size()))
              << "\n";
  }
}

// Central differences, (L(p + eps) - L(p - eps)) / (2 eps), per parameter element, compared
// with the gradient backward left in the parameter. Returns the largest absolute difference.
double finite_difference_check(const Parameters& p, const Tensor& x, const Tensor& y, double eps) {
  const char* names[] = {"W1", "b1", "W2", "b2"};
  const std::vector<Tensor> params = p.all();
  NoGradGuard no_tape;  // the perturbed losses need no tape
  double worst = 0;
  std::printf("  %-8s %12s %12s %12s\n", "element", "backward", "numeric", "difference");
  for (size_t k = 0; k < params.size(); ++k) {
    const Tensor& param = params[k];
    for (int64_t j = 0; j < param.numel(); ++j) {
      Scalar& value = param.data()[j];
      const Scalar saved = value;
      value = static_cast<Scalar>(saved + eps);
      const double up = loss_of(p, x, y).item();
      value = static_cast<Scalar>(saved - eps);
      const double down = loss_of(p, x, y).item();
      value = saved;
      const double numeric = (up - down) / (2 * eps);
      const double analytic = param.grad().data()[j];
      worst = std::max(worst, std::abs(numeric - analytic));
      std::printf("  %-8s %12.6f %12.6f %12.2e\n",
                  (std::string(names[k]) + "[" + std::to_string(j) + "]").c_str(), analytic,
                  numeric, std::abs(numeric - analytic));
    }
  }
  return worst;
}

// Second order: the gradient recorded with create_graph (its nodes printed), then H v as the
// gradient of <g, v>, checked against central differences of the gradient along v; and the
// directional derivative <g, v> once more by forward mode. Returns the largest difference.
double second_order(const Parameters& p, const Tensor& x, const Tensor& y, const Tensor& v_w1,
                    double eps, const std::filesystem::path& dir) {
  const std::vector<Tensor> params = p.all();
  std::vector<Tensor> v;  // the direction: along W1 only, zero elsewhere
  for (const Tensor& t : params) v.push_back(&t == &params[0] ? v_w1 : Tensor::zeros(t.shape()));
  clear_tape();
  const Tensor loss = loss_of(p, x, y);
  const size_t forward_nodes = Tape::current().size();
  const std::vector<Tensor> g = grad(loss, params, {.seed = {}, .create_graph = true});
  std::cout << "grad(loss, params, {.create_graph = true}) ran the same reverse sweep, but each\n"
               "closure computed its inputs' gradients with ops, recorded after the forward\n"
               "pass's "
            << forward_nodes << " nodes:\n";
  print_tape(forward_nodes);
  Tensor directional = sum(g[0] * v[0]).set_name("<g,v>");
  std::cout << "<g, v> = sum(dW1 * v), v a direction for W1, is one more node; its gradient is\n"
               "H v (one more reverse sweep, this time through the recorded backward pass):\n";
  std::cout << tape_tour::write_graph(tape_to_dot(Tape::current(), directional),
                                      dir / "tape_second_order")
            << "\n";
  const std::vector<Tensor> hv = grad(directional, params);
  for (size_t k = 0; k < params.size(); ++k) print_tensor("(H v) for " + params[k].name(), hv[k]);

  // (g(p + eps v) - g(p - eps v)) / (2 eps), W1 moved along v
  std::vector<Tensor> moved[2];
  Scalar* w1 = p.w1.data();
  const std::vector<Scalar> saved(p.w1.values().begin(), p.w1.values().end());
  for (int side = 0; side < 2; ++side) {
    const double step = side == 0 ? eps : -eps;
    for (int64_t j = 0; j < p.w1.numel(); ++j)
      w1[j] = static_cast<Scalar>(saved[j] + step * v_w1.data()[j]);
    moved[side] = grad(loss_of(p, x, y), params);
  }
  for (int64_t j = 0; j < p.w1.numel(); ++j) w1[j] = saved[j];
  double worst = 0;
  for (size_t k = 0; k < params.size(); ++k)
    for (int64_t j = 0; j < params[k].numel(); ++j) {
      const double numeric = (moved[0][k].data()[j] - moved[1][k].data()[j]) / (2 * eps);
      worst = std::max(worst, std::abs(numeric - hv[k].data()[j]));
    }
  std::printf(
      "against differences of the gradient along v (eps %.0e): largest difference "
      "%.2e\n",
      eps, worst);

  const JvpResult forward = jvp_through([&] { return loss_of(p, x, y); }, params, v);
  std::printf(
      "The same directional derivative by forward mode, no tape: each op pushed the\n"
      "tangent of its output forward beside its value. jvp: %.6f, reverse <g, v>: %.6f\n",
      forward.tangent.item(), directional.item());
  worst = std::max(worst, double(std::abs(forward.tangent.item() - directional.item())));
  clear_tape();
  return worst;
}

int tour(int argc, char** argv) {
  std::string out_dir = "out/tape_tour";
  double eps = 1e-2;
  double tolerance = 2e-3;
  examples::ArgParser args("tape_tour",
                           "Records a small network's loss on the tape, prints the tape, runs the "
                           "reverse sweep step by step,\nchecks the gradients by finite "
                           "differences and draws the graph.");
  args.option("out", out_dir, "directory for the graph files");
  args.option("eps", eps, "step of the finite differences");
  args.option("tolerance", tolerance, "largest accepted |backward - numeric|");
  args.parse(argc, argv);
  args.require(eps > 0 && tolerance > 0, "--eps and --tolerance must be positive");

  Generator generator(args.common().seed);
  Parameters p{generator.normal_tensor({3, 4}, 0, 0.8).set_name("W1"),
               generator.normal_tensor({4}, 0, 0.1).set_name("b1"),
               generator.normal_tensor({4, 1}, 0, 0.8).set_name("W2"),
               generator.normal_tensor({1}, 0, 0.1).set_name("b2")};
  for (Tensor& t : p.all()) t.set_requires_grad(true);
  const Tensor x = generator.normal_tensor({4, 3}).set_name("x");
  const Tensor y = Tensor({4, 1}, {1, 0, 1, 0}).set_name("y");

  section("1. The expression");
  std::cout << "A two-layer perceptron on 3 inputs (4 ReLU units, one logit) and its binary\n"
               "cross-entropy on a batch of 4 examples with labels y:\n"
               "  h = relu(x W1 + b1),  z = h W2 + b2,  loss = mean(softplus(z) - y * z)\n"
               "x and y are data (no gradient); W1, b1, W2, b2 are parameters (requires_grad).\n";
  print_tensor("x", x);
  print_tensor("y", y);
  for (const Tensor& t : p.all()) print_tensor(t.name(), t);

  section("2. The forward pass records the tape");
  std::cout
      << "Each op computes its output and, because an input needs a gradient, appends one\n"
         "node to the tape: the op, its inputs, its output and a closure that will push the\n"
         "output's gradient back to the inputs. #k is the output of node k. Broadcasting\n"
         "adds (b1 to every row) and mean (a sum, then a multiplication by 1/4) are ops too.\n";
  clear_tape();
  const Tensor loss = loss_of(p, x, y);
  print_tape();
  std::cout << "The tape holds " << Tape::current().size() << " nodes; loss = " << loss.item()
            << "\n";

  section("3. Backward: one reverse loop over the tape");
  std::cout << "The sweep starts with d loss/d loss = 1 and visits the nodes from last to first.\n"
               "Creation order guarantees that when a node is reached, every op that used its\n"
               "output has already run, so the gradient that arrived at it is complete. Its\n"
               "closure applies the chain rule (in brackets) and adds (+=) into the gradients of\n"
               "its inputs; 'now' shows them after the addition. z feeds two ops (softplus and\n"
               "mul), so it receives two additions; x and y are data and receive none.\n";
  set_backward_observer(print_backward_step);
  backward(loss);
  set_backward_observer(nullptr);
  std::cout << "Gradients left in the parameters:\n";
  for (const Tensor& t : p.all()) print_tensor("d loss/d " + t.name(), t.grad());

  section("4. Checking backward against finite differences");
  std::cout << "Each parameter element is nudged by +-" << eps
            << " and the loss recomputed without a tape.\n";
  const double worst = finite_difference_check(p, x, y, eps);
  const bool agree = worst <= tolerance;
  std::printf("largest difference %.2e (tolerance %.1e): %s\n", worst, tolerance,
              agree ? "backward agrees with the numbers" : "MISMATCH");

  section("5. The graph of the tape");
  const std::filesystem::path dir(out_dir);
  std::cout << tape_tour::write_graph(tape_to_dot(Tape::current(), loss), dir / "tape_forward")
            << "\n"
            << tape_tour::write_graph(tape_to_dot(Tape::current(), loss, GraphView::Backward),
                                      dir / "tape_backward")
            << "\n";

  section("6. Second order: differentiating the backward pass");
  const Tensor v_w1 = generator.normal_tensor({3, 4});
  const double second_worst = second_order(p, x, y, v_w1, eps, dir);
  const bool second_agree = second_worst <= tolerance;
  std::printf("second order: %s\n",
              second_agree ? "H v and the jvp agree with the numbers" : "MISMATCH");

  if (args.common().profile) {
    section("Tape profile (by time)");
    std::cout << format_profile(profile_tape(Tape::current(), ProfileOrder::Time));
  }
  std::cout << "\nFurther reading: autograd/README.md (how the tape is recorded and walked),\n"
               "autograd/backward.cpp (the reverse loop), autograd/ops/ (each op's backward),\n"
               "autograd/graph_backward.hpp and forward_mode.hpp (the second order).\n";
  clear_tape();
  return agree && second_agree ? 0 : 1;
}
}  // namespace

int main(int argc, char** argv) {
  return examples::run_main("tape_tour", [&] { return tour(argc, argv); });
}
