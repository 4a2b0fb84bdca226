#pragma once
// Command-line options for the example programs. Each option is bound to a variable whose
// current value is the default shown by --help:
//
//   int epochs = 10;
//   examples::ArgParser args("vae", "Trains a variational autoencoder on Fashion-MNIST.");
//   args.option("epochs", epochs, "passes over the training set");
//   args.parse(argc, argv);  // --help prints usage and exits 0; a bad option exits 2
//
// Every program also gets --threads, --pin-threads, --seed and --profile (see CommonOptions),
// applied by parse(). Errors are one line on stderr naming the option, never an exception trace.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace examples {

// The cores one process may use: those it may run on, shared by the processes of its job on
// this machine (mpirun -np 2 on 2 cores: 1 each). The default of --threads, and its limit.
int cores_per_process();

struct CommonOptions {
  int threads = 1;             // autograd::set_num_threads; defaults to cores_per_process()
  bool oversubscribe = false;  // allow --threads above the available cores
  bool pin_threads = false;    // autograd::set_pin_threads
  uint64_t seed = 42;          // autograd::manual_seed, and the seed of the program's generators
  bool profile = false;        // print the tape summary of one training step
};

// What try_parse() decided; parse() turns it into output and an exit code.
struct ParseOutcome {
  enum Kind { Run, Help, Error } kind = Run;
  std::string message;  // the usage text for Help, one line for Error
};

class ArgParser {
 public:
  ArgParser(std::string program, std::string description);

  // Binds --name to `target`; the value it holds now is the default. Supported types: bool
  // (a flag: --name, or --name=true/false), int, int64_t, uint64_t, double and float (finite:
  // nan and inf are refused), string, and std::vector<int64_t> (comma-separated: 512,256).
  template <class T>
  void option(std::string name, T& target, std::string help);

  // Checks done after parsing, e.g. require(epochs > 0, "--epochs must be positive").
  // Returns normally when `ok`; otherwise prints the message and exits with status 2.
  void require(bool ok, const std::string& message) const;

  // Parses argv. On --help prints usage to stdout and exits 0; on an error prints it to stderr
  // and exits 2. Then applies the common options (threads, seed, profiling).
  void parse(int argc, char** argv);
  ParseOutcome try_parse(std::span<const std::string_view> arguments);  // no side effects

  const CommonOptions& common() const { return common_; }
  std::string usage() const;

 private:
  struct Option {
    std::string name;
    std::string help;
    std::string value_hint;  // "N", "X", "TEXT"; empty for a flag
    std::string default_text;
    std::function<bool(std::string_view)> assign;  // false if the text is not a valid value
  };
  void add(Option option);

  std::string program_;
  std::string description_;
  std::vector<Option> options_;
  CommonOptions common_;
};

// Runs a program's body and turns an exception escaping it (a missing file, a bad shape) into
// one line on stderr, "program: error: what", and exit status 1, instead of an abort:
//   int main(int argc, char** argv) { return examples::run_main("vae", [&] { ...; return 0; }); }
int run_main(const std::string& program, const std::function<int()>& body);

// How an option's text becomes its value; false (and `out` unchanged) if the whole text is not a
// valid value. Public for options with alternatives, such as vae's --variance: 'learned' or X.
bool parse_value(std::string_view text, bool& out);
bool parse_value(std::string_view text, int& out);
bool parse_value(std::string_view text, int64_t& out);
bool parse_value(std::string_view text, uint64_t& out);
bool parse_value(std::string_view text, double& out);
bool parse_value(std::string_view text, float& out);
bool parse_value(std::string_view text, std::string& out);
bool parse_value(std::string_view text, std::vector<int64_t>& out);

namespace detail {
std::string value_hint(const bool&);
std::string value_hint(const std::string&);
std::string value_hint(const double&);
std::string value_hint(const float&);
std::string value_hint(const std::vector<int64_t>&);
template <class T>
std::string value_hint(const T&) {
  return "N";
}
std::string default_text(const bool& value);
std::string default_text(const std::string& value);
std::string default_text(const double& value);
std::string default_text(const float& value);
std::string default_text(const std::vector<int64_t>& value);
template <class T>
std::string default_text(const T& value) {
  return std::to_string(value);
}
}  // namespace detail

template <class T>
void ArgParser::option(std::string name, T& target, std::string help) {
  add(Option{std::move(name), std::move(help), detail::value_hint(target),
             detail::default_text(target),
             [&target](std::string_view text) { return parse_value(text, target); }});
}

}  // namespace examples
