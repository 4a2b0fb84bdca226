// The single-process communicator, the launcher's environment, and the choice of world().
#include "nn/communicator.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace nn {

namespace {

class SingleProcess final : public Communicator {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  void allreduce_sum(std::span<Scalar>) override {}  // the sum over one rank is its own values
  int start_allreduce_sum(std::span<Scalar>) override { return 0; }
  bool test(int) override { return true; }
  void wait(int) override {}
  void broadcast(std::span<Scalar>, int root) override {
    if (root != 0)
      throw std::invalid_argument("broadcast: root " + std::to_string(root) +
                                  " in a single process (rank 0)");
  }
  std::vector<double> allgather(std::span<const double> values) override {
    return {values.begin(), values.end()};
  }
  [[noreturn]] void abort(int status) override { std::exit(status); }
};

int environment_int(const char* name) {
  const char* text = std::getenv(name);
  return text ? std::atoi(text) : 0;
}

}  // namespace

#ifdef ZOO_WITH_MPI
std::unique_ptr<Communicator> mpi_world();  // mpi_communicator.cpp
#endif

std::unique_ptr<Communicator> single_process() {
  return std::make_unique<SingleProcess>();
}

bool launched_by_mpi() {
  return environment_int("OMPI_COMM_WORLD_SIZE") > 0 || environment_int("PMI_SIZE") > 0;
}

int local_process_count() {
  for (const char* name : {"OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS"})
    if (environment_int(name) > 0) return environment_int(name);
  return 1;
}

Communicator& world() {
  static const std::unique_ptr<Communicator> the_world = [] {
    if (!launched_by_mpi()) return single_process();
#ifdef ZOO_WITH_MPI
    return mpi_world();
#else
    throw std::runtime_error(
        "started by mpirun, but this build has no MPI: every process would train alone and "
        "overwrite the others' files (install libopenmpi-dev and run meson setup --reconfigure)");
#endif
  }();
  return *the_world;
}

std::string rank_prefix() {
  // From the environment, not from world(): it names the rank in error messages, including the
  // error of a world() that could not be made.
  const int size = std::max(environment_int("OMPI_COMM_WORLD_SIZE"), environment_int("PMI_SIZE"));
  if (size <= 1) return "";
  const int rank = std::max(environment_int("OMPI_COMM_WORLD_RANK"), environment_int("PMI_RANK"));
  return "rank " + std::to_string(rank) + " of " + std::to_string(size) + ": ";
}

}  // namespace nn
