// The communicator over MPI_COMM_WORLD (built only when meson finds MPI). Errors come back as
// return codes (MPI_ERRORS_RETURN) and become exceptions naming the call and the rank. A peer
// that dies is Open MPI's launcher's business: mpirun sees the process end and stops the job,
// so a rank waiting in a collective never waits forever.
// Only MPI's C interface: its deprecated C++ bindings do not compile cleanly with -Wextra.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <type_traits>

#include "nn/communicator.hpp"

namespace nn {

namespace {

const MPI_Datatype kScalarType = std::is_same_v<Scalar, float> ? MPI_FLOAT : MPI_DOUBLE;

class MpiWorld final : public Communicator {
 public:
  MpiWorld() {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);  // only main calls MPI
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiWorld() override {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized) MPI_Finalize();
  }
  int rank() const override { return rank_; }
  int size() const override { return size_; }

  void allreduce_sum(std::span<Scalar> values) override {
    check("MPI_Allreduce", MPI_Allreduce(MPI_IN_PLACE, values.data(), count(values), kScalarType,
                                         MPI_SUM, MPI_COMM_WORLD));
  }
  int start_allreduce_sum(std::span<Scalar> values) override {
    // Once every earlier sum has finished, tickets start again from 0.
    if (std::all_of(requests_.begin(), requests_.end(),
                    [](MPI_Request r) { return r == MPI_REQUEST_NULL; }))
      requests_.clear();
    MPI_Request request;
    check("MPI_Iallreduce", MPI_Iallreduce(MPI_IN_PLACE, values.data(), count(values), kScalarType,
                                           MPI_SUM, MPI_COMM_WORLD, &request));
    requests_.push_back(request);
    return static_cast<int>(requests_.size()) - 1;
  }
  bool test(int ticket) override {
    int done = 0;
    check("MPI_Test", MPI_Test(&requests_.at(ticket), &done, MPI_STATUS_IGNORE));
    return done != 0;
  }
  void wait(int ticket) override {
    check("MPI_Wait", MPI_Wait(&requests_.at(ticket), MPI_STATUS_IGNORE));
  }
  void broadcast(std::span<Scalar> values, int root) override {
    check("MPI_Bcast", MPI_Bcast(values.data(), count(values), kScalarType, root, MPI_COMM_WORLD));
  }
  std::vector<double> allgather(std::span<const double> values) override {
    const int n = static_cast<int>(values.size());
    std::vector<double> all(values.size() * size_);
    check("MPI_Allgather",
          MPI_Allgather(values.data(), n, MPI_DOUBLE, all.data(), n, MPI_DOUBLE, MPI_COMM_WORLD));
    return all;
  }
  [[noreturn]] void abort(int status) override {
    MPI_Abort(MPI_COMM_WORLD, status);
    std::exit(status);  // MPI_Abort does not return; this only tells the compiler so
  }

 private:
  static int count(std::span<Scalar> values) {
    if (values.size() > size_t(std::numeric_limits<int>::max()))
      throw std::invalid_argument("MPI: " + std::to_string(values.size()) +
                                  " values in one collective, more than MPI's int count allows");
    return static_cast<int>(values.size());
  }
  void check(const char* call, int code) const {
    if (code == MPI_SUCCESS) return;
    char text[MPI_MAX_ERROR_STRING];
    int length = 0;
    MPI_Error_string(code, text, &length);
    throw std::runtime_error(std::string(call) + " failed on rank " + std::to_string(rank_) + ": " +
                             std::string(text, length));
  }

  int rank_ = 0, size_ = 1;
  std::vector<MPI_Request> requests_;
};

}  // namespace

std::unique_ptr<Communicator> mpi_world() {
  return std::make_unique<MpiWorld>();
}

}  // namespace nn
