// libFuzzer's entry point for the matrix_market target (see targets.hpp and run).
#include "tests/fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::matrix_market({data, size});
  return 0;
}
