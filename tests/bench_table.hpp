#pragma once
// The benchmark table's rows. Every benchmark program reports the figures it is judged by with
// bench::report: the row is printed in the program's own output and, when the environment
// variable ZOO_BENCH_TABLE names a file (meson sets it for every benchmark), appended there as
// one tab-separated line. The `table` benchmark, run last, reads them back with latest_rows and
// prints them as one table.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <istream>
#include <map>
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

using Cells = std::vector<std::string>;

// The table's columns; a row's line in the file holds its cells in this order.
inline const Cells kColumns = {"benchmark", "case", "median", "runs", "ratio", "goal", "verdict"};

// Three significant digits without an exponent: 0.251, 7.10, 28.1, 5510.
inline std::string three_digits(double value) {
  const double size = value < 0 ? -value : value;
  const int decimals = size >= 100 ? 0 : size >= 10 ? 1 : size >= 1 ? 2 : 3;
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

inline const char* sign(Goal::Compare compare) {
  switch (compare) {
    case Goal::Compare::Below:
      return "<";
    case Goal::Compare::AtMost:
      return "<=";
    case Goal::Compare::AtLeast:
      return ">=";
  }
  return "";
}

inline bool reached(const Goal& goal, double value) {
  switch (goal.compare) {
    case Goal::Compare::Below:
      return value < goal.bound;
    case Goal::Compare::AtMost:
      return value <= goal.bound;
    case Goal::Compare::AtLeast:
      return value >= goal.bound;
  }
  return false;
}

// The row as the table shows it, one string per column of kColumns.
inline Cells cells(const Row& row) {
  std::string ratio, goal, verdict;
  if (!row.ratio_of.empty()) ratio = three_digits(row.ratio) + " (" + row.ratio_of + ")";
  if (row.goal) {
    const Goal& g = *row.goal;
    char bound[32];
    std::snprintf(bound, sizeof bound, "%g", g.bound);
    goal = g.of == Goal::Of::Figure ? "" : "ratio ";
    goal.append(sign(g.compare)).append(" ").append(bound);
    if (g.of == Goal::Of::Figure) goal.append(" ").append(row.unit);
    verdict = reached(g, g.of == Goal::Of::Figure ? row.figure : row.ratio) ? "met" : "MISSED";
  }
  return {row.benchmark,
          row.what,
          three_digits(row.figure) + " " + row.unit,
          std::to_string(row.runs),
          ratio,
          goal,
          verdict};
}

// Appends the row to `file` as one line of tab-separated cells.
inline void append_row(const std::string& file, const Row& row) {
  const Cells row_cells = cells(row);
  std::string line = row_cells[0];
  for (size_t i = 1; i < row_cells.size(); ++i) line += "\t" + row_cells[i];
  std::ofstream out(file, std::ios::app);
  out << line + "\n";
  if (!out) throw std::runtime_error("cannot append a benchmark row to " + file);
}

// Prints the row (its cells that are not empty) and appends it to $ZOO_BENCH_TABLE when set.
inline void report(const Row& row) {
  std::string shown;
  for (const std::string& cell : cells(row))
    if (!cell.empty()) shown += (shown.empty() ? "" : " | ") + cell;
  std::printf("  table row: %s\n", shown.c_str());
  std::fflush(stdout);
  if (const char* file = std::getenv("ZOO_BENCH_TABLE")) append_row(file, row);
}

inline Cells split_tabs(const std::string& line) {
  Cells cells;
  for (size_t start = 0;;) {
    const size_t tab = line.find('\t', start);
    cells.push_back(line.substr(start, tab - start));
    if (tab == std::string::npos) return cells;
    start = tab + 1;
  }
}

// The rows of a file `report` appended to. A case reported twice (a benchmark run alone after a
// full run) keeps its latest row, in the place of its first.
inline std::vector<Cells> latest_rows(std::istream& in) {
  std::vector<Cells> rows;
  std::map<std::string, size_t> place;  // benchmark and case -> index in rows
  for (std::string line; std::getline(in, line);) {
    Cells row = split_tabs(line);
    if (row.size() != kColumns.size())
      throw std::runtime_error("a benchmark row of " + std::to_string(row.size()) +
                               " cells, expected " + std::to_string(kColumns.size()) + ": " + line);
    const auto [where, added] = place.try_emplace(row[0] + '\t' + row[1], rows.size());
    if (added)
      rows.push_back(std::move(row));
    else
      rows[where->second] = std::move(row);
  }
  return rows;
}

}  // namespace bench
