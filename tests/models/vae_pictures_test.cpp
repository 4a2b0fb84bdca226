// The VAE example's pictures are real PNG files of the expected sizes: the signature, the IHDR
// chunk's width and height, for every figure; and the inverse Gaussian CDF behind the manifold.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "autograd/autograd.hpp"
#include "examples/vae/pictures.hpp"
#include "models/vae.hpp"

namespace fs = std::filesystem;
using autograd::Generator;
using autograd::Tensor;

namespace {

struct PngSize {
  uint32_t width = 0, height = 0;
};

// The dimensions in the IHDR chunk, which must follow the 8-byte PNG signature.
PngSize png_size(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), {}};
  REQUIRE(bytes.size() > 24);
  REQUIRE(bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  REQUIRE(bytes.compare(12, 4, "IHDR") == 0);
  const auto u32 = [&](size_t at) {
    return uint32_t(uint8_t(bytes[at])) << 24 | uint32_t(uint8_t(bytes[at + 1])) << 16 |
           uint32_t(uint8_t(bytes[at + 2])) << 8 | uint32_t(uint8_t(bytes[at + 3]));
  };
  return {u32(16), u32(20)};
}

// A fresh folder, removed with everything in it at the end of the test.
struct ScratchFolder {
  fs::path path = fs::temp_directory_path() / ("zoo_vae_pictures_" + std::to_string(::getpid()));
  ScratchFolder() { fs::create_directories(path); }
  ~ScratchFolder() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("every VAE picture is a decodable PNG of the expected size") {
  ScratchFolder folder;
  Generator gen(1);
  models::Vae vae({.input = 16, .hidden = {8}, .latent = 2}, gen);  // 4 x 4 images
  const Tensor images = gen.uniform_tensor({6, 16});

  // image_grid: 2-pixel padding around 4-pixel tiles, so n tiles span 2 + 6 n pixels.
  vae_example::write_prior_samples(vae, gen, 2, 3, folder.path / "samples.png");
  PngSize size = png_size(folder.path / "samples.png");
  CHECK(size.width == 20);
  CHECK(size.height == 14);

  vae_example::write_reconstructions(vae, images, 3, folder.path / "reconstructions.png");
  size = png_size(folder.path / "reconstructions.png");
  CHECK(size.width == 20);
  CHECK(size.height == 26);  // 2 rows of originals, each above a row of reconstructions

  vae_example::write_manifold(vae, 5, folder.path / "manifold.png");
  size = png_size(folder.path / "manifold.png");
  CHECK(size.width == 32);
  CHECK(size.height == 32);

  vae_example::write_latent_scatter(vae, images, {0, 1, 2, 0, 1, 2}, folder.path / "scatter.png");
  size = png_size(folder.path / "scatter.png");
  CHECK(size.width == 640);
  CHECK(size.height == 400);

  vae_example::write_loss_curve({3, 2, 1.5}, {3.1, 2.2, 1.9}, folder.path / "loss.png");
  CHECK(png_size(folder.path / "loss.png").width == 640);

  models::Vae wide({.input = 16, .hidden = {8}, .latent = 3}, gen);
  CHECK_THROWS_WITH_AS(vae_example::write_manifold(wide, 5, folder.path / "no.png"),
                       doctest::Contains("2-D latent space"), std::invalid_argument);
  models::Vae odd({.input = 15, .hidden = {8}, .latent = 2}, gen);
  CHECK_THROWS_WITH_AS(vae_example::write_manifold(odd, 5, folder.path / "no.png"),
                       doctest::Contains("not a square image"), std::invalid_argument);
}

TEST_CASE("the standard normal quantile inverts the CDF") {
  CHECK(vae_example::standard_normal_quantile(0.5) == doctest::Approx(0).epsilon(1e-12));
  CHECK(vae_example::standard_normal_quantile(0.975) == doctest::Approx(1.959963984540054));
  CHECK(vae_example::standard_normal_quantile(0.025) == doctest::Approx(-1.959963984540054));
  CHECK(vae_example::standard_normal_quantile(1e-6) == doctest::Approx(-4.753424308822899));
  CHECK_THROWS_AS(vae_example::standard_normal_quantile(0), std::invalid_argument);
  CHECK_THROWS_AS(vae_example::standard_normal_quantile(1), std::invalid_argument);
}
