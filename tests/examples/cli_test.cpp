// examples/common/cli: typed options, defaults, --help, and one-line errors.
#include "examples/common/cli.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "autograd/runtime/parallel.hpp"

using examples::ArgParser;
using examples::ParseOutcome;

namespace {
struct Options {
  int epochs = 10;
  double lr = 1e-3;
  std::string out = "out/vae";
  bool plot = false;
  int64_t batch = 128;
  std::vector<int64_t> hidden = {400};
};

ParseOutcome run(ArgParser& args, std::vector<std::string_view> argv) {
  return args.try_parse(argv);
}

ArgParser parser_for(Options& c) {
  ArgParser args("vae", "Trains a VAE.");
  args.option("epochs", c.epochs, "passes over the data");
  args.option("lr", c.lr, "learning rate");
  args.option("out", c.out, "output directory");
  args.option("plot", c.plot, "write plots");
  args.option("batch", c.batch, "batch size");
  args.option("hidden", c.hidden, "hidden widths");
  return args;
}
}  // namespace

TEST_CASE("options keep their defaults unless given, in both spellings") {
  Options c;
  ArgParser args = parser_for(c);
  CHECK(run(args, {}).kind == ParseOutcome::Run);
  CHECK(c.epochs == 10);
  CHECK(c.out == "out/vae");

  CHECK(run(args, {"--epochs", "3", "--lr=0.5", "--out", "x/y", "--plot", "--batch=64", "--seed",
                   "7", "--threads=1", "--profile"})
            .kind == ParseOutcome::Run);
  CHECK(c.epochs == 3);
  CHECK(c.lr == doctest::Approx(0.5));
  CHECK(c.out == "x/y");
  CHECK(c.plot);
  CHECK(c.batch == 64);
  CHECK(args.common().seed == 7);
  CHECK(args.common().threads == 1);
  CHECK(args.common().profile);

  CHECK(run(args, {"--plot=false"}).kind == ParseOutcome::Run);
  CHECK_FALSE(c.plot);
}

TEST_CASE("a list option takes integers separated by commas; empty text is the empty list") {
  Options c;
  ArgParser args = parser_for(c);
  CHECK(c.hidden == std::vector<int64_t>{400});
  CHECK(run(args, {"--hidden", "512,256,-3"}).kind == ParseOutcome::Run);
  CHECK(c.hidden == std::vector<int64_t>{512, 256, -3});
  CHECK(run(args, {"--hidden="}).kind == ParseOutcome::Run);
  CHECK(c.hidden.empty());
  for (const char* bad : {"512,", ",512", "512,,256", "512;256", "5 12", "abc"}) {
    CAPTURE(bad);
    const ParseOutcome outcome = run(args, {"--hidden", bad});
    CHECK(outcome.kind == ParseOutcome::Error);
    CHECK(outcome.message == "vae: invalid value '" + std::string(bad) +
                                 "' for --hidden (expected integers separated by commas) (see "
                                 "--help)");
  }
  CHECK(c.hidden.empty());  // a refused value leaves the option as it was
}

TEST_CASE("--help lists every option with its default") {
  Options c;
  ArgParser args = parser_for(c);
  const ParseOutcome outcome = run(args, {"--epochs", "3", "--help"});
  CHECK(outcome.kind == ParseOutcome::Help);
  CHECK(outcome.message.starts_with("Usage: vae [options]"));
  CHECK(outcome.message.find("Trains a VAE.") != std::string::npos);
  CHECK(outcome.message.find("--epochs N") != std::string::npos);
  CHECK(outcome.message.find("(default: 10)") != std::string::npos);
  CHECK(outcome.message.find("--lr X") != std::string::npos);
  CHECK(outcome.message.find("(default: 0.001)") != std::string::npos);
  CHECK(outcome.message.find("--hidden N,N,...") != std::string::npos);
  CHECK(outcome.message.find("(default: 400)") != std::string::npos);
  CHECK(outcome.message.find("--threads N") != std::string::npos);
  CHECK(outcome.message.find("--seed N") != std::string::npos);
  CHECK(outcome.message.find("--profile ") != std::string::npos);
}

TEST_CASE("bad command lines give one clear line") {
  Options c;
  ArgParser args = parser_for(c);
  auto error = [&](std::vector<std::string_view> argv) {
    const ParseOutcome outcome = run(args, argv);
    CHECK(outcome.kind == ParseOutcome::Error);
    CHECK(outcome.message.find('\n') == std::string::npos);
    return outcome.message;
  };
  CHECK(error({"--epoch", "3"}) == "vae: unknown option '--epoch' (see --help)");
  CHECK(error({"--epochs", "three"}) ==
        "vae: invalid value 'three' for --epochs (expected an integer) (see --help)");
  CHECK(error({"--epochs", "3x"}).find("invalid value '3x'") != std::string::npos);
  CHECK(error({"--lr", "fast"}).find("(expected a finite number)") != std::string::npos);
  for (const char* not_finite : {"nan", "inf", "-inf", "1e999"})
    CHECK(error({"--lr", not_finite}).find("invalid value '" + std::string(not_finite) + "'") !=
          std::string::npos);
  CHECK(error({"--seed", "-1"}).find("invalid value '-1' for --seed") != std::string::npos);
  CHECK(error({"--plot=maybe"}).find("(expected true or false)") != std::string::npos);
  CHECK(error({"--epochs"}) == "vae: option --epochs needs a value (an integer) (see --help)");
  CHECK(error({"data.csv"}) == "vae: unexpected argument 'data.csv' (see --help)");
  CHECK(error({"--threads", "0"}).find("--threads must be at least 1") != std::string::npos);
  const std::string too_many = std::to_string(autograd::available_cores() + 1);
  CHECK(error({"--threads", too_many}) ==
        "vae: --threads " + too_many + " is more than the " +
            std::to_string(autograd::available_cores()) + " available core" +
            (autograd::available_cores() == 1 ? "" : "s") +
            ", which makes every step slower; pass --oversubscribe to run anyway (see --help)");
}

TEST_CASE("--oversubscribe lets --threads exceed the available cores, and only then") {
  const std::string too_many = std::to_string(autograd::available_cores() + 1);
  for (bool allowed : {false, true}) {
    ArgParser parser("vae", "");
    std::vector<std::string_view> args = {"--threads", too_many};
    if (allowed) args.push_back("--oversubscribe");
    CHECK((parser.try_parse(args).kind == ParseOutcome::Run) == allowed);
  }
}

TEST_CASE("declaring an option twice is a programming error") {
  int n = 0;
  ArgParser args("p", "d");
  CHECK_THROWS_AS(args.option("seed", n, "again"), std::logic_error);
}

TEST_CASE("run_main passes the body's status through and turns an exception into status 1") {
  CHECK(examples::run_main("p", [] { return 3; }) == 3);
  CHECK(examples::run_main("p", []() -> int { throw std::runtime_error("no such file"); }) == 1);
}
