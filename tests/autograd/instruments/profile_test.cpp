// The tape summary: every recorded op appears once, totals are the sums, orders are honoured.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "autograd/autograd.hpp"

using namespace autograd;

TEST_CASE("the tape profile lists every op with its time and memory, and true totals") {
  clear_tape();
  set_profiling(true);
  Tensor x = Tensor::ones({64, 32});
  Tensor w = Tensor::full({32, 16}, 0.1f, true);
  Tensor loss = sum(sigmoid(matmul(x, w)));
  backward(loss);
  set_profiling(false);
  const Tape& tape = Tape::current();
  REQUIRE(tape.size() == 3);

  const TapeProfile in_order = profile_tape(tape);
  REQUIRE(in_order.rows.size() == tape.size());
  size_t bytes = 0;
  double forward = 0, backward_time = 0;
  for (size_t i = 0; i < in_order.rows.size(); ++i) {
    const ProfileRow& row = in_order.rows[i];
    CHECK(row.position == i);
    CHECK(row.op == tape.nodes()[i].op);
    CHECK(row.forward_seconds >= 0);
    CHECK(row.backward_seconds > 0);  // each node ran in backward while profiling
    bytes += row.bytes;
    forward += row.forward_seconds;
    backward_time += row.backward_seconds;
  }
  CHECK(in_order.rows[0].shape == Shape{64, 16});
  CHECK(in_order.rows[0].bytes == 64 * 16 * sizeof(Scalar));
  CHECK(in_order.total_bytes == bytes);
  CHECK(in_order.total_bytes == (2 * 64 * 16 + 1) * sizeof(Scalar));
  CHECK(in_order.total_forward_seconds == doctest::Approx(forward));
  CHECK(in_order.total_backward_seconds == doctest::Approx(backward_time));

  const TapeProfile by_memory = profile_tape(tape, ProfileOrder::Memory);
  CHECK(by_memory.rows.back().op == &kSumOp);
  CHECK(by_memory.total_bytes == bytes);
  const TapeProfile by_time = profile_tape(tape, ProfileOrder::Time);
  CHECK(std::is_sorted(by_time.rows.begin(), by_time.rows.end(), [](auto& a, auto& b) {
    return a.forward_seconds + a.backward_seconds > b.forward_seconds + b.backward_seconds;
  }));

  const std::string table = format_profile(in_order);
  for (const char* name : {"matmul", "sigmoid", "sum", "total", "3 ops", "8.0 KiB"})
    CHECK(table.find(name) != std::string::npos);
  const std::string short_table = format_profile(in_order, 1);
  CHECK(short_table.find("... 2 more ops") != std::string::npos);
  CHECK(short_table.find("sigmoid") == std::string::npos);
  clear_tape();
}

TEST_CASE("byte counts read as people write them") {
  CHECK(format_bytes(0) == "0 B");
  CHECK(format_bytes(1023) == "1023 B");
  CHECK(format_bytes(1536) == "1.5 KiB");
  CHECK(format_bytes(200 * 1024 * 1024) == "200.0 MiB");
}
