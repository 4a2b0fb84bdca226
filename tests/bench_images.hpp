#pragma once
// The images the VAE benchmarks train on: Fashion-MNIST's 60,000 training images, or (without the
// package) as many uniform random ones: the cost of an epoch does not depend on the pixel values.
#include <cstdio>
#include <filesystem>
#include <string>

#include "autograd/random.hpp"
#include "datasets/idx.hpp"

namespace bench {

inline datasets::ImageDataset training_images() {
  const std::string fashion = "/usr/share/datasets/fashion-mnist";
  if (std::filesystem::exists(fashion + "/train-images-idx3-ubyte.gz"))
    return datasets::load_mnist_split(fashion, "train");
  std::printf("Fashion-MNIST not installed: timing on 60000 random images instead\n");
  datasets::ImageDataset random;
  random.count = 60000, random.rows = 28, random.cols = 28;
  autograd::Generator gen(1);
  random.images.resize(60000 * 784);
  for (float& v : random.images) v = static_cast<float>(gen.uniform());
  return random;
}

}  // namespace bench
