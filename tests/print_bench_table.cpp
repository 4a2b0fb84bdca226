// The `table` benchmark, run after all the others (it has the lowest priority): prints the rows
// they appended to $ZOO_BENCH_TABLE (bench_table.hpp) as one aligned Markdown table, under the
// date and the machine, then removes the file.
#include <cblas.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "autograd/runtime/parallel.hpp"
#include "tests/bench_table.hpp"

namespace {

using bench::Cells;

// Per column of bench::kColumns: the median and the runs align right.
const std::vector<bool> kRightAligned = {false, false, true, true, false, false, false};

// The value of the first line of a /proc file starting with `key`, or "".
std::string proc_field(const char* file, const std::string& key) {
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key, 0) != 0) continue;
    const size_t colon = line.find(':');
    const size_t start = line.find_first_not_of(" \t", colon + 1);
    return start == std::string::npos ? "" : line.substr(start);
  }
  return "";
}

// What the figures depend on: the processor, the memory, the BLAS build and the threads.
std::string machine() {
  std::string cpu = proc_field("/proc/cpuinfo", "model name");
  if (cpu.empty()) cpu = "unknown CPU";
  const double memory_gb = std::atof(proc_field("/proc/meminfo", "MemTotal").c_str()) / 1e6;
  char text[512];
  std::snprintf(text, sizeof text,
                "machine: %s, %u cores, %.0f GB RAM\nBLAS: %s\nthreads: %d, unless a case says "
                "otherwise",
                cpu.c_str(), std::thread::hardware_concurrency(), memory_gb, openblas_get_config(),
                autograd::num_threads());
  return text;
}

std::string today() {
  const std::time_t now = std::time(nullptr);
  char text[64];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M %Z", std::localtime(&now));
  return text;
}

// One Markdown table row, each cell padded to its column's width; figures align right.
void print_row(const Cells& cells, const std::vector<size_t>& widths) {
  std::string line = "|";
  for (size_t i = 0; i < cells.size(); ++i) {
    const std::string padding(widths[i] - cells[i].size(), ' ');
    line += ' ';
    line += kRightAligned[i] ? padding + cells[i] : cells[i] + padding;
    line += " |";
  }
  std::printf("%s\n", line.c_str());
}

}  // namespace

int main() {
  const char* file = std::getenv("ZOO_BENCH_TABLE");
  if (!file) {
    std::fprintf(stderr, "ZOO_BENCH_TABLE is not set; run: meson test -C build --benchmark\n");
    return 2;
  }
  std::ifstream in(file);
  if (!in) {
    std::printf(
        "no benchmark rows in %s: run the benchmarks first (meson test -C build --benchmark)\n",
        file);
    return 0;
  }
  const std::vector<Cells> rows = bench::latest_rows(in);

  std::vector<size_t> widths;  // every column as wide as its widest cell, header included
  for (const std::string& name : bench::kColumns) widths.push_back(name.size());
  for (const Cells& cells : rows)
    for (size_t i = 0; i < cells.size(); ++i) widths[i] = std::max(widths[i], cells[i].size());
  Cells rule;
  for (size_t i = 0; i < widths.size(); ++i)
    rule.push_back(kRightAligned[i] ? std::string(widths[i] - 1, '-') + ":"
                                    : std::string(widths[i], '-'));

  std::printf("\nBenchmark table, %s\n%s\n\n", today().c_str(), machine().c_str());
  print_row(bench::kColumns, widths);
  print_row(rule, widths);
  for (const Cells& cells : rows) print_row(cells, widths);
  std::filesystem::remove(file);
  return 0;
}
