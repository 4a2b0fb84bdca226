// The runner of the tests that need several processes: `mpiexec -np 2 mpi_tests`. Every rank runs
// every case (they call the collectives in the same order), and the job fails if any rank does.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <algorithm>

#include "nn/communicator.hpp"

int main(int argc, char** argv) {
  nn::Communicator& world = nn::world();
  doctest::Context context(argc, argv);
  const double failed = context.run() != 0;
  const std::vector<double> all = world.allgather({&failed, 1});
  return *std::max_element(all.begin(), all.end()) > 0 ? 1 : 0;
}
