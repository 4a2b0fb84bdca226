// libFuzzer's entry point for the checkpoint target (see targets.hpp and run).
#include "tests/fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::checkpoint({data, size});
  return 0;
}
