#pragma once
// The collective operations data-parallel training needs (nn/data_parallel.hpp), behind one
// interface with two implementations: a single process, where every collective is the identity,
// and MPI's world (mpi_communicator.cpp, in a build with -Dmpi=enabled or auto-detected Open MPI).
// Every rank must call the collectives in the same order with the same sizes, as MPI requires.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "autograd/scalar.hpp"

namespace nn {

using autograd::Scalar;

class Communicator {
 public:
  virtual ~Communicator() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;

  // values <- their elementwise sum over the ranks, in place; blocks until done.
  virtual void allreduce_sum(std::span<Scalar> values) = 0;
  // The same sum, started and left running: returns a ticket for wait(). test() moves started
  // sums on (Open MPI has no progress thread: they advance inside its calls) and says whether
  // the ticket's has finished; wait() blocks until it has. A ticket stays valid until a sum
  // is started after every earlier one has finished.
  virtual int start_allreduce_sum(std::span<Scalar> values) = 0;
  virtual bool test(int ticket) = 0;
  virtual void wait(int ticket) = 0;
  // values <- root's values, on every rank.
  virtual void broadcast(std::span<Scalar> values, int root) = 0;
  // Every rank's values, rank after rank (the same vector on every rank).
  virtual std::vector<double> allgather(std::span<const double> values) = 0;
  // Ends every process of the job with `status` (after a rank's error: the others would wait
  // for it forever in the next collective).
  [[noreturn]] virtual void abort(int status) = 0;
};

std::unique_ptr<Communicator> single_process();

// Was this process started by an MPI launcher (mpirun, mpiexec)? Read from the environment the
// launcher sets (Open MPI's OMPI_COMM_WORLD_SIZE, MPICH's PMI_SIZE), so no MPI call is needed.
bool launched_by_mpi();
// The processes of this job on this machine (1 without a launcher): they share its cores.
int local_process_count();

// MPI's world when launched by mpirun, a single process otherwise; made on first use and kept
// to the end of the program. Launched by mpirun in a build without MPI it throws: each process
// would train alone and they would overwrite each other's files.
Communicator& world();

// "rank 1 of 2: " when the job has several processes, else "": the prefix of a rank's messages.
std::string rank_prefix();

}  // namespace nn
