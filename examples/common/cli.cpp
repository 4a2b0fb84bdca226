#include "examples/common/cli.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <type_traits>

#include "autograd/random.hpp"
#include "autograd/runtime/parallel.hpp"
#include "autograd/tape.hpp"
#include "nn/communicator.hpp"

namespace examples {

namespace {
// from_chars must consume the whole text: "12x" is not 12. "nan" and "inf" are refused: no
// option means them, and a NaN learning rate would only show up as a NaN loss.
template <class T>
bool parse_number(std::string_view text, T& out) {
  if (text.empty()) return false;
  T value{};
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || ptr != end) return false;
  if constexpr (std::is_floating_point_v<T>)
    if (!std::isfinite(value)) return false;
  out = value;
  return true;
}

}  // namespace

bool parse_value(std::string_view text, bool& out) {
  if (text == "true" || text == "1" || text == "yes") return out = true, true;
  if (text == "false" || text == "0" || text == "no") return out = false, true;
  return false;
}
bool parse_value(std::string_view text, int& out) {
  return parse_number(text, out);
}
bool parse_value(std::string_view text, int64_t& out) {
  return parse_number(text, out);
}
bool parse_value(std::string_view text, uint64_t& out) {
  return parse_number(text, out);
}
bool parse_value(std::string_view text, double& out) {
  return parse_number(text, out);
}
bool parse_value(std::string_view text, float& out) {
  return parse_number(text, out);
}
bool parse_value(std::string_view text, std::string& out) {
  out = text;
  return true;
}
// "512,256": integers separated by single commas; the empty text is the empty list.
bool parse_value(std::string_view text, std::vector<int64_t>& out) {
  std::vector<int64_t> values;
  if (!text.empty())
    for (size_t start = 0;;) {
      const size_t comma = std::min(text.find(',', start), text.size());
      if (!parse_number(text.substr(start, comma - start), values.emplace_back())) return false;
      if (comma == text.size()) break;
      start = comma + 1;
    }
  out = std::move(values);
  return true;
}

namespace detail {

namespace {
std::string shortest(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}
}  // namespace

std::string value_hint(const bool&) {
  return "";
}
std::string value_hint(const std::string&) {
  return "TEXT";
}
std::string value_hint(const double&) {
  return "X";
}
std::string value_hint(const float&) {
  return "X";
}
std::string value_hint(const std::vector<int64_t>&) {
  return "N,N,...";
}
std::string default_text(const bool& value) {
  return value ? "on" : "off";
}
std::string default_text(const std::string& value) {
  return value.empty() ? "none" : value;
}
std::string default_text(const double& value) {
  return shortest(value);
}
std::string default_text(const float& value) {
  return shortest(value);
}
std::string default_text(const std::vector<int64_t>& value) {
  std::string text;
  for (int64_t v : value) {
    if (!text.empty()) text += ',';
    text += std::to_string(v);
  }
  return text.empty() ? "none" : text;
}

}  // namespace detail

namespace {
std::string expected(const std::string& value_hint) {
  if (value_hint.empty()) return "true or false";
  if (value_hint == "N") return "an integer";
  if (value_hint == "X") return "a finite number";
  if (value_hint == "N,N,...") return "integers separated by commas";
  return "text";
}
}  // namespace

int cores_per_process() {
  return std::max(1, autograd::available_cores() / nn::local_process_count());
}

ArgParser::ArgParser(std::string program, std::string description)
    : program_(std::move(program)), description_(std::move(description)) {
  common_.threads = cores_per_process();
  option("threads", common_.threads, "worker threads for BLAS and parallel loops");
  option("oversubscribe", common_.oversubscribe,
         "allow --threads above the available cores (they then take turns: slower)");
  option("pin-threads", common_.pin_threads,
         "keep each thread on a core of its own (faster small sparse products on a quiet "
         "machine; off by default, since a pinned thread cannot dodge another busy program)");
  option("seed", common_.seed, "seed of every random generator");
  option("profile", common_.profile, "print the tape summary (time, memory per op) of one step");
}

void ArgParser::add(Option option) {
  for (const Option& existing : options_)
    if (existing.name == option.name)
      throw std::logic_error("ArgParser: option --" + option.name + " declared twice");
  options_.push_back(std::move(option));
}

ParseOutcome ArgParser::try_parse(std::span<const std::string_view> arguments) {
  auto error = [&](const std::string& message) {
    return ParseOutcome{ParseOutcome::Error, program_ + ": " + message + " (see --help)"};
  };
  for (size_t i = 0; i < arguments.size(); ++i) {
    const std::string_view argument = arguments[i];
    if (argument == "--help" || argument == "-h") return {ParseOutcome::Help, usage()};
    if (!argument.starts_with("--"))
      return error("unexpected argument '" + std::string(argument) + "'");

    const size_t equals = argument.find('=');
    const std::string name(
        argument.substr(2, equals == std::string_view::npos ? equals : equals - 2));
    const Option* option = nullptr;
    for (const Option& candidate : options_)
      if (candidate.name == name) option = &candidate;
    if (!option) return error("unknown option '--" + name + "'");

    std::string_view value;
    if (equals != std::string_view::npos) {
      value = argument.substr(equals + 1);
    } else if (option->value_hint.empty()) {
      value = "true";  // a bare flag
    } else if (i + 1 < arguments.size()) {
      value = arguments[++i];
    } else {
      return error("option --" + name + " needs a value (" + expected(option->value_hint) + ")");
    }
    if (!option->assign(value))
      return error("invalid value '" + std::string(value) + "' for --" + name + " (expected " +
                   expected(option->value_hint) + ")");
  }
  if (common_.threads < 1) return error("--threads must be at least 1");
  const int cores = cores_per_process();
  const int processes = nn::local_process_count();
  if (common_.threads > cores && !common_.oversubscribe)
    return error("--threads " + std::to_string(common_.threads) + " is more than the " +
                 std::to_string(cores) + " available core" + (cores == 1 ? "" : "s") +
                 (processes > 1 ? " of each of the " + std::to_string(processes) +
                                      " processes of this job on this machine (" +
                                      std::to_string(autograd::available_cores()) + " found)"
                                : std::string()) +
                 ", which makes every step slower; pass --oversubscribe to run anyway");
  return {};
}

void ArgParser::parse(int argc, char** argv) {
  const std::vector<std::string_view> arguments(argv + (argc > 0 ? 1 : 0), argv + argc);
  const ParseOutcome outcome = try_parse(arguments);
  if (outcome.kind == ParseOutcome::Help) {
    std::cout << outcome.message;
    std::exit(0);
  }
  if (outcome.kind == ParseOutcome::Error) {
    std::cerr << outcome.message << '\n';
    std::exit(2);
  }
  autograd::set_num_threads(common_.threads);
  autograd::set_pin_threads(common_.pin_threads);
  autograd::manual_seed(common_.seed);
  autograd::set_profiling(common_.profile);
}

void ArgParser::require(bool ok, const std::string& message) const {
  if (ok) return;
  std::cerr << program_ << ": " << message << '\n';
  std::exit(2);
}

int run_main(const std::string& program, const std::function<int()>& body) {
  try {
    return body();
  } catch (const std::exception& error) {
    std::cerr << program << ": " << nn::rank_prefix() << "error: " << error.what() << '\n';
    // The other ranks would wait for this one in their next collective: end the whole job.
    if (nn::launched_by_mpi()) nn::world().abort(1);
    return 1;
  }
}

std::string ArgParser::usage() const {
  std::ostringstream text;
  text << "Usage: " << program_ << " [options]\n\n" << description_ << "\n\nOptions:\n";
  auto line = [&](const std::string& left, const std::string& right) {
    text << "  " << left;
    text << std::string(left.size() < 22 ? 22 - left.size() : 1, ' ') << right << '\n';
  };
  for (const Option& option : options_) {
    const std::string left =
        "--" + option.name + (option.value_hint.empty() ? "" : " " + option.value_hint);
    line(left, option.help + " (default: " + option.default_text + ")");
  }
  line("--help", "show this help and exit");
  return text.str();
}

}  // namespace examples
