#pragma once
// Binarized images, as the VAE literature models MNIST with a Bernoulli decoder.
//
// Static binarization fixes the 0/1 images once: either by a threshold or by one Bernoulli(pixel)
// sample drawn up front (Salakhutdinov & Murray, 2008), so every epoch sees the same bits. Dynamic
// binarization draws a fresh Bernoulli(pixel) sample every time an image is put in a batch; it
// lives in the batcher (BatchOptions::dynamic_binarization) so the dataset is never copied per
// epoch.
#include "autograd/random.hpp"
#include "datasets/idx.hpp"

namespace datasets {

// Pixels above `threshold` become 1, the others 0. Pass the dataset with std::move to avoid a copy.
ImageDataset binarize_threshold(ImageDataset images, float threshold = 0.5f);

// Each pixel p becomes 1 with probability p, once.
ImageDataset binarize_sample(ImageDataset images, autograd::Generator& generator);

}  // namespace datasets
