#pragma once
// Images as one tensor [count, pixels], for code that trains on a whole split at once (index
// batches with models::shuffled_epoch) instead of through a Batcher.
#include <cstdint>

#include "autograd/tensor.hpp"
#include "datasets/idx.hpp"

namespace datasets {

// Images first .. first + count - 1 (count -1: to the end), values in [0, 1].
autograd::Tensor image_tensor(const ImageDataset& images, int64_t first = 0, int64_t count = -1);

}  // namespace datasets
