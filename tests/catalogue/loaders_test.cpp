// Malformed files of every kind the loaders read: IDX images and labels (plain and gzip), MNIST
// split folders, Matrix Market, labels.txt, graph folders and checkpoints. Each is refused with a
// message naming the file and where it went wrong (byte offset, line, entry name). These rows add
// to the ones in tests/datasets and tests/nn/checkpoint_test.cpp (listed in README.md).
#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "autograd/random.hpp"
#include "datasets/file_bytes.hpp"
#include "datasets/graph.hpp"
#include "datasets/idx.hpp"
#include "datasets/matrix_market.hpp"
#include "nn/adam.hpp"
#include "nn/checkpoint.hpp"
#include "nn/linear.hpp"
#include "tests/catalogue/refusal.hpp"
#include "tests/datasets/scratch_file.hpp"

using catalogue::check_refusals;
using datasets::FormatError;
using datasets_test::idx_header;
using datasets_test::ScratchDir;

namespace {

const std::string kBanner = "%%MatrixMarket matrix coordinate real general\n";

std::string gzip_of(const ScratchDir& dir, std::string_view contents) {
  const std::string path = dir.file("gzip_of");
  datasets_test::write_gzip_file(path, contents);
  return datasets_test::read_file(path);
}

// Writes `contents` as `name` in `dir` and returns the path.
std::string put(const ScratchDir& dir, const std::string& name, std::string_view contents) {
  dir.write(name, contents);
  return dir.file(name);
}

}  // namespace

TEST_CASE("IDX files and MNIST folders: refused with the file and the byte offset") {
  ScratchDir dir("catalogue_idx");
  const std::string images = idx_header(0x08, {3, 2, 2}) + std::string(12, '\7');
  const std::string int_labels =
      put(dir, "int32-labels", idx_header(0x0C, {2}) + std::string(8, '\0'));
  const std::string flat_images =
      put(dir, "flat-images", idx_header(0x08, {3, 4}) + std::string(12, '\0'));
  const std::string cube_labels = put(dir, "cube-labels", idx_header(0x08, {1, 1, 1}) + "x");
  const std::string bad_gzip = put(dir, "bad-gzip", "\x1f\x8b garbage after the gzip magic");
  const std::string zipped = gzip_of(dir, images);
  const std::string gzip_junk = put(dir, "gzip-junk", zipped + "junk");

  // A split whose label file holds one label fewer than there are images.
  ScratchDir split("catalogue_split");
  split.write("t10k-images-idx3-ubyte", images);
  split.write("t10k-labels-idx1-ubyte", idx_header(0x08, {2}) + "\1\2");
  split.write("train-images-idx3-ubyte", images);

  // clang-format off
  check_refusals<FormatError>({
      {"labels stored as int32", [&] { datasets::load_idx_labels(int_labels); },
       int_labels + ": byte offset 2: a label file must hold unsigned bytes (type 0x08)"},
      {"images of rank 2", [&] { datasets::load_idx_images(flat_images); },
       flat_images + ": byte offset 3: an image file must have 3 dimensions, found 2"},
      {"labels of rank 3", [&] { datasets::load_idx_labels(cube_labels); },
       cube_labels + ": byte offset 3: a label file must have 1 dimension, found 3"},
      {"the gzip magic, then no gzip stream", [&] { datasets::load_idx_images(bad_gzip); },
       bad_gzip + ": compressed byte offset"},
      {"a gzip stream, then junk", [&] { datasets::load_idx_images(gzip_junk); },
       gzip_junk + ": compressed byte offset " + std::to_string(zipped.size()) +
           ": unexpected data after the end of the gzip stream"},
      {"3 images but 2 labels", [&] { datasets::load_mnist_split(split.path(), "t10k"); },
       split.file("t10k-labels-idx1-ubyte") + ": byte offset 4: 2 labels for the 3 images of " +
           split.file("t10k-images-idx3-ubyte")},
  });
  check_refusals<std::runtime_error>({
      {"a split with images but no labels",
       [&] { datasets::load_mnist_split(split.path(), "train"); },
       "neither " + split.file("train-labels-idx1-ubyte") + ".gz nor"},
      {"a folder where a file should be", [&] { datasets::load_idx_images(split.path()); },
       "cannot read " + split.path() + ": Is a directory"},
  });
  check_refusals<std::invalid_argument>({
      {"a split that is neither train nor t10k",
       [&] { datasets::load_mnist_split(split.path(), "test"); },
       "load_mnist_split: split must be \"train\" or \"t10k\", got \"test\""},
  });
  // clang-format on
}

TEST_CASE("Matrix Market files: refused with the file and the line") {
  ScratchDir dir("catalogue_mtx");
  struct BadFile {
    std::string what, contents, message;
  };
  const std::vector<BadFile> files = {
      {"a NaN value", kBanner + "2 2 1\n1 1 nan\n", ", line 3: value 'nan' is not finite"},
      {"a NaN value in capitals", kBanner + "2 2 2\n1 1 1\n2 2 NaN\n",
       ", line 4: value 'NaN' is not finite"},
      {"a value of -inf", kBanner + "2 2 1\n% comment\n2 1 -inf\n",
       ", line 4: value '-inf' is not finite"},
      {"a fraction in an integer file",
       "%%MatrixMarket matrix coordinate integer general\n2 2 1\n1 1 1.5\n",
       ", line 3: value '1.5' is not an integer"},
      {"a value in a pattern file",
       "%%MatrixMarket matrix coordinate pattern general\n2 2 1\n1 1 5\n",
       ", line 3: unexpected '5' after the entry"},
      {"a vector, not a matrix", "%%MatrixMarket vector coordinate real general\n",
       ", line 1: object 'vector' is not supported"},
      {"an unknown format", "%%MatrixMarket matrix sparse real general\n",
       ", line 1: format 'sparse' is not 'coordinate'"},
      {"a Hermitian matrix", "%%MatrixMarket matrix coordinate real hermitian\n",
       ", line 1: symmetry 'hermitian' is not supported"},
      {"a negative size", kBanner + "2 -2 0\n", ", line 2: negative size on the size line"},
      {"a diagonal entry in a skew-symmetric file",
       "%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n2 2 1\n",
       ", line 3: entry (2, 2) is not below the diagonal"},
      {"an entry of one number", kBanner + "2 2 1\n1\n", ", line 3: missing column index"},
      {"an entry count that is not a number", kBanner + "2 2 x\n",
       ", line 2: entry count 'x' is not an integer"},
  };
  std::vector<catalogue::Refusal> rows;
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string path = put(dir, "bad" + std::to_string(i) + ".mtx", files[i].contents);
    rows.push_back(
        {files[i].what, [path] { datasets::read_matrix_market(path); }, path + files[i].message});
  }
  const std::string zipped = put(dir, "zipped.mtx.gz", gzip_of(dir, kBanner + "1 1 1\n1 1 nan\n"));
  rows.push_back({"a NaN value inside a gzip file", [&] { datasets::read_matrix_market(zipped); },
                  zipped + ", line 3: value 'nan' is not finite"});
  check_refusals<FormatError>(rows);
}

TEST_CASE("labels.txt and graph folders: refused with the file and the line") {
  ScratchDir dir("catalogue_graph");
  const std::string negative = put(dir, "negative.txt", "0\n-2\n");
  const std::string two = put(dir, "two.txt", "1 2\n");
  const std::string huge = put(dir, "huge.txt", "3\n\n99999999999\n");
  const std::string fraction = put(dir, "fraction.txt", "1.0\n");

  const auto graph_with = [&](const std::string& name, const std::string& adjacency,
                              const std::string& features) {
    const std::string folder = dir.file(name);
    std::filesystem::create_directories(folder);
    if (!adjacency.empty()) datasets_test::write_file(folder + "/adjacency.mtx", adjacency);
    if (!features.empty()) datasets_test::write_file(folder + "/features.mtx", features);
    return folder;
  };
  const std::string square = "%%MatrixMarket matrix coordinate pattern symmetric\n4 4 1\n2 1\n";
  const std::string nan_features = graph_with("nan", square, kBanner + "4 2 1\n1 1 nan\n");
  const std::string no_adjacency = graph_with("none", "", kBanner + "4 2 0\n");
  const std::string bad_banner = graph_with("banner", "%%MatrixMarket graph\n", "");
  const std::string outside =
      graph_with("outside", "%%MatrixMarket matrix coordinate pattern general\n4 4 1\n5 1\n", "");

  // clang-format off
  check_refusals<FormatError>({
      {"a label below -1", [&] { datasets::read_labels(negative); },
       negative + ", line 2: label '-2' is not a class index (an integer >= -1)"},
      {"two labels on a line", [&] { datasets::read_labels(two); },
       two + ", line 1: expected one label per line"},
      {"a label beyond int", [&] { datasets::read_labels(huge); },
       huge + ", line 3: label '99999999999' is not a class index"},
      {"a label written as a fraction", [&] { datasets::read_labels(fraction); },
       fraction + ", line 1: label '1.0' is not a class index"},
      {"features holding NaN", [&] { datasets::load_graph(nan_features); },
       nan_features + "/features.mtx, line 3: value 'nan' is not finite"},
      {"an adjacency file with a broken banner", [&] { datasets::load_graph(bad_banner); },
       bad_banner + "/adjacency.mtx, line 1: object 'graph' is not supported"},
      {"an edge to node 5 of 4", [&] { datasets::load_graph(outside); },
       outside + "/adjacency.mtx, line 3: row index 5 is outside 1..4"},
  });
  check_refusals<std::runtime_error>({
      {"a graph folder with features but no adjacency", [&] { datasets::load_graph(no_adjacency); },
       "load_graph: " + no_adjacency + "/adjacency.mtx does not exist"},
      {"a labels file that does not exist", [&] { datasets::read_labels(dir.file("absent.txt")); },
       "cannot open " + dir.file("absent.txt")},
  });
  // clang-format on
}

TEST_CASE("checkpoints: refused with the file and the entry, the model left as it was") {
  using autograd::Tensor;
  ScratchDir dir("catalogue_ckpt");
  autograd::Generator gen(3);
  nn::Linear model(2, 2, gen);
  nn::Adam adam(model.named_parameters());
  const std::string good = dir.file("good.ckpt");
  nn::save_checkpoint(good, model, &adam);  // no generator in it
  const nn::CheckpointContents contents = nn::read_checkpoint(good);

  nn::CheckpointContents edited = contents;
  edited.integers.clear();  // no optimizer.steps
  const std::string no_steps = dir.file("no-steps.ckpt");
  nn::write_checkpoint(no_steps, edited);
  edited = contents;
  edited.integers.emplace_back("generator", std::vector<uint64_t>{1, 2});
  const std::string short_generator = dir.file("short-generator.ckpt");
  nn::write_checkpoint(short_generator, edited);
  edited = contents;
  edited.tensors.push_back(edited.tensors.front());
  const std::string twice = dir.file("twice.ckpt");
  nn::write_checkpoint(twice, edited);

  std::string bytes = datasets_test::read_file(good);
  bytes[12] = 5;  // the scalar width field
  const std::string width = put(dir, "width.ckpt", bytes);
  const std::string empty = put(dir, "empty.ckpt", "");

  const Tensor before = model.weight.clone();
  autograd::Generator other(4);
  // clang-format off
  check_refusals<std::runtime_error>({
      {"an empty file", [&] { nn::load_checkpoint(empty, model); },
       "checkpoint '" + empty + "': truncated"},
      {"a scalar width of 5 bytes", [&] { nn::load_checkpoint(width, model); },
       "checkpoint '" + width + "': corrupt header: scalar width 5"},
      {"a generator asked for but not saved",
       [&] { nn::load_checkpoint(good, model, &adam, &other); },
       "checkpoint '" + good + "': 'generator' is missing from the file"},
      {"a generator state of 2 words",
       [&] { nn::load_checkpoint(short_generator, model, &adam, &other); },
       "'generator' holds 2 integers, expected 6"},
      {"optimizer state without its step count",
       [&] { nn::load_checkpoint(no_steps, model, &adam); },
       "checkpoint '" + no_steps + "': 'optimizer.steps' is missing from the file"},
      {"a tensor stored twice", [&] { nn::load_checkpoint(twice, model); },
       "tensor 'model.weight' appears twice"},
      {"a folder where the file should be", [&] { nn::load_checkpoint(dir.path(), model); },
       "checkpoint '" + dir.path() + "': cannot read: Is a directory"},
  });
  // clang-format on
  CHECK(std::memcmp(model.weight.data(), before.data(), sizeof(autograd::Scalar) * 4) == 0);
}
