// image_tensor.hpp: a run of images copied into one tensor.
#include "datasets/image_tensor.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace datasets {

autograd::Tensor image_tensor(const ImageDataset& images, int64_t first, int64_t count) {
  if (count < 0) count = images.count - first;
  if (first < 0 || count < 0 || first + count > images.count)
    throw std::out_of_range("image_tensor: images " + std::to_string(first) + " .. " +
                            std::to_string(first + count) + " of " +
                            std::to_string(images.count));
  const auto begin = images.images.begin() + first * images.pixels();
  return autograd::Tensor({count, images.pixels()},
                          std::vector<autograd::Scalar>(begin, begin + count * images.pixels()));
}

}  // namespace datasets
