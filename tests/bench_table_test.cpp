// The benchmark table's rows (bench_table.hpp): the goal and verdict each figure gets, the file
// the benchmarks append to, and the latest row of a case replacing an earlier one.
#include "tests/bench_table.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

bench::Row per_op(double microseconds) {
  return {.benchmark = "engine",
          .what = "per-op, tanh",
          .figure = microseconds,
          .unit = "us per op",
          .runs = 21,
          .ratio_of = "anomaly on / off time",
          .ratio = 1.02,
          .goal = bench::below(1.0)};
}

// A row judged by its ratio, as the VAE epoch (at most) or matmul (at least) is.
bench::Row compared(double ratio, bench::Goal goal) {
  return {.benchmark = "vae_epoch",
          .what = "epoch",
          .figure = 4.807,
          .unit = "s",
          .runs = 5,
          .ratio_of = "model / floor time",
          .ratio = ratio,
          .goal = goal};
}

}  // namespace

TEST_CASE("a row shows its figure, runs, ratio, goal and verdict") {
  CHECK(bench::cells(per_op(0.367)) == bench::Cells{"engine", "per-op, tanh", "0.367 us per op",
                                                    "21", "1.02 (anomaly on / off time)",
                                                    "< 1 us per op", "met"});
  CHECK(bench::cells(per_op(1.0))[6] == "MISSED");  // "below" is strict

  CHECK(bench::cells(compared(1.2, bench::ratio_at_most(1.2)))[5] == "ratio <= 1.2");
  CHECK(bench::cells(compared(1.2, bench::ratio_at_most(1.2)))[6] == "met");
  CHECK(bench::cells(compared(1.34, bench::ratio_at_most(1.2)))[6] == "MISSED");
  CHECK(bench::cells(compared(0.95, bench::ratio_at_least(0.95)))[6] == "met");
  CHECK(bench::cells(compared(0.94, bench::ratio_at_least(0.95)))[6] == "MISSED");

  const bench::Row load{.benchmark = "data_loading",
                        .what = "load_graph cora",
                        .figure = 2.6,
                        .unit = "ms",
                        .runs = 9};
  CHECK(bench::cells(load) ==
        bench::Cells{"data_loading", "load_graph cora", "2.60 ms", "9", "", "", ""});
}

TEST_CASE("figures are shown to three significant digits") {
  CHECK(bench::three_digits(0.2431) == "0.243");
  CHECK(bench::three_digits(7.104) == "7.10");
  CHECK(bench::three_digits(28.06) == "28.1");
  CHECK(bench::three_digits(101.2) == "101");
  CHECK(bench::three_digits(3268.4) == "3268");
}

TEST_CASE("rows appended to the file come back, the latest of a case in its first place") {
  const std::string file = (std::filesystem::temp_directory_path() /
                            ("zoo_bench_rows_" + std::to_string(::getpid()) + ".tsv"))
                               .string();
  std::filesystem::remove(file);
  bench::Row spmm{.benchmark = "spmm", .what = "cora", .figure = 0.09, .unit = "ms", .runs = 21};
  bench::append_row(file, per_op(0.9));
  bench::append_row(file, spmm);
  bench::append_row(file, per_op(1.1));  // the engine run again, alone

  std::ifstream in(file);
  const std::vector<bench::Cells> rows = bench::latest_rows(in);
  std::filesystem::remove(file);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == bench::cells(per_op(1.1)));
  CHECK(rows[1] == bench::cells(spmm));
}

TEST_CASE("a line that is not a row is refused") {
  std::istringstream in("engine\tper-op\t0.3 us\n");
  CHECK_THROWS_AS(bench::latest_rows(in), std::runtime_error);
}
