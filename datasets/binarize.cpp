#include "datasets/binarize.hpp"

namespace datasets {

ImageDataset binarize_threshold(ImageDataset images, float threshold) {
  for (float& p : images.images) p = p > threshold ? 1.0f : 0.0f;
  return images;
}

ImageDataset binarize_sample(ImageDataset images, autograd::Generator& generator) {
  for (float& p : images.images) p = generator.bernoulli(p) ? 1.0f : 0.0f;
  return images;
}

}  // namespace datasets
