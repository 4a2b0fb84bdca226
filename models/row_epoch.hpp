#pragma once
// One epoch of minibatches over the rows of a dataset, in a fresh random order: the loop the
// training helpers (autoencoder_training, vae_training, linear_probe) share.
#include <cstdint>
#include <functional>
#include <vector>

#include "autograd/random.hpp"

namespace models {

// Calls step(rows) for consecutive batches of `batch` row indices of a permutation of [0, n) drawn
// from `gen` (the last batch may be smaller); step trains on them and returns their mean loss.
// Returns the epoch's mean loss per row.
double shuffled_epoch(int64_t n, int64_t batch, autograd::Generator& gen,
                      const std::function<double(const std::vector<int64_t>& rows)>& step);

}  // namespace models
