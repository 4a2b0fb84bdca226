// libFuzzer's entry point for the idx target (see targets.hpp and run).
#include "tests/fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::idx({data, size});
  return 0;
}
