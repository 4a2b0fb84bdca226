#pragma once
// The benchmark table's rows. Every benchmark program reports the figures it is judged by with
// bench::report: the row is printed in the program's own output and, when the environment
// variable ZOO_BENCH_TABLE names a file (meson sets it for every benchmark), appended there as
// one tab-separated line. The `table` benchmark, run last, prints those rows as one table.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace bench {

// What a row must reach: its figure (a median, or a peak, in the row's unit) or its ratio against
// a bound.
struct Goal {
  enum class Of { Figure, Ratio };
  enum class Compare { Below, AtMost, AtLeast };
  Of of;
  Compare compare;
  double bound;
};

inline Goal below(double bound) {
  return {Goal::Of::Figure, Goal::Compare::Below, bound};
}
inline Goal at_most(double bound) {
  return {Goal::Of::Figure, Goal::Compare::AtMost, bound};
}
inline Goal ratio_at_most(double bound) {
  return {Goal::Of::Ratio, Goal::Compare::AtMost, bound};
}
inline Goal ratio_at_least(double bound) {
  return {Goal::Of::Ratio, Goal::Compare::AtLeast, bound};
}

struct Row {
  std::string benchmark;  // the meson benchmark's name
  std::string what;       // the case timed
  double figure;          // the median of the runs, or the peak over them ("MB peak")
  std::string unit;       // "ms", "us per op", "GFLOP/s", "MB peak"
  int runs;
  std::string ratio_of = {};  // what the ratio divides ("model / floor"), or empty: no ratio
  double ratio = 0;
  std::optional<Goal> goal = {};  // none when the issue sets no number
};

// The table's columns; a row's line in the file holds its cells in this order.
inline const std::vector<std::string> kColumns = {"benchmark", "case", "median", "runs",
                                                  "ratio",     "goal", "verdict"};

// Three significant digits without an exponent: 0.251, 7.10, 28.1, 5510.
inline std::string three_digits(double value) {
  const double size = value < 0 ? -value : value;
  const int decimals = size >= 100 ? 0 : size >= 10 ? 1 : size >= 1 ? 2 : 3;
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

inline std::vector<std::string> cells(const Row& row) {
  std::string ratio, goal, verdict;
  if (!row.ratio_of.empty()) ratio = three_digits(row.ratio) + " (" + row.ratio_of + ")";
  if (row.goal) {
    const Goal& g = *row.goal;
    const double value = g.of == Goal::Of::Figure ? row.figure : row.ratio;
    const bool met = g.compare == Goal::Compare::Below    ? value < g.bound
                     : g.compare == Goal::Compare::AtMost ? value <= g.bound
                                                          : value >= g.bound;
    const char* sign = g.compare == Goal::Compare::Below    ? "< "
                       : g.compare == Goal::Compare::AtMost ? "<= "
                                                            : ">= ";
    char bound[32];
    std::snprintf(bound, sizeof bound, "%g", g.bound);
    goal = g.of == Goal::Of::Figure ? sign + std::string(bound) + " " + row.unit
                                    : "ratio " + std::string(sign) + bound;
    verdict = met ? "met" : "MISSED";
  }
  return {row.benchmark,
          row.what,
          three_digits(row.figure) + " " + row.unit,
          std::to_string(row.runs),
          ratio,
          goal,
          verdict};
}

inline void report(const Row& row) {
  const std::vector<std::string> line = cells(row);
  std::string shown = "  table row:", stored;
  for (size_t i = 0; i < line.size(); ++i) {
    shown += (i ? " | " : " ") + line[i];
    stored += (i ? "\t" : "") + line[i];
  }
  std::printf("%s\n", shown.c_str());
  std::fflush(stdout);
  if (const char* file = std::getenv("ZOO_BENCH_TABLE")) {
    std::ofstream out(file, std::ios::app);
    out << stored + "\n";
    if (!out) throw std::runtime_error(std::string("cannot append a benchmark row to ") + file);
  }
}

}  // namespace bench
