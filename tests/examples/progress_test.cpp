// examples/common/progress: a bar redrawn in place on a terminal, plain lines elsewhere.
#include "examples/common/progress.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

TEST_CASE("progress prints plain lines when not on a terminal") {
  std::ostringstream out;
  {
    examples::ProgressBar bar("epoch 1", 100, out, false);
    bar.advance(60, "loss 1.5");
    bar.advance(60);
    bar.finish("loss 1.25");
  }
  const std::string text = out.str();
  CHECK(text.starts_with("epoch 1 100% 100/100"));
  CHECK(text.find("ex/s  loss 1.25\n") != std::string::npos);
  CHECK(text.find('\r') == std::string::npos);
  CHECK(text.find('[') == std::string::npos);

  std::ostringstream terminal;
  {
    examples::ProgressBar bar("epoch 2", 10, terminal, true);
    bar.advance(10);
  }
  CHECK(terminal.str().starts_with("\repoch 2 [##############################] 100%"));
}
