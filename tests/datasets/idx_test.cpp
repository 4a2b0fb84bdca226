#include "datasets/idx.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <numeric>
#include <string>
#include <vector>

#include "datasets/file_bytes.hpp"
#include "tests/data_suites.hpp"
#include "tests/datasets/scratch_file.hpp"

using datasets::FormatError;
using datasets_test::idx_header;
using datasets_test::ScratchFile;

namespace {

double pixel_sum(const datasets::ImageDataset& set, int64_t i) {
  const auto image = set.image(i);
  return std::accumulate(image.begin(), image.end(), 0.0);
}

}  // namespace

TEST_CASE("IDX images and labels, plain and gzip, read back exactly") {
  const std::string pixels = {0,
                              51,
                              static_cast<char>(255),
                              102,
                              0,
                              0,  // image 0, 2x3
                              static_cast<char>(204),
                              0,
                              0,
                              0,
                              0,
                              1};  // image 1
  const std::string images = idx_header(0x08, {2, 2, 3}) + pixels;
  const std::string labels = idx_header(0x08, {2}) + std::string{7, 3};
  ScratchFile plain("plain-images", images), zipped("zipped-images"), label_file("labels", labels);
  zipped.write_gzip(images);
  for (const std::string& path : {plain.path(), zipped.path()}) {
    const datasets::ImageDataset set = datasets::load_idx_images(path);
    CHECK(set.count == 2);
    CHECK(set.rows == 2);
    CHECK(set.cols == 3);
    REQUIRE(set.images.size() == 12);
    CHECK(set.images[1] == doctest::Approx(0.2));
    CHECK(set.images[2] == 1.0f);
    CHECK(set.images[6] == doctest::Approx(0.8));
    CHECK(set.images[11] == doctest::Approx(1.0 / 255));
    CHECK(set.labels.empty());
  }
  CHECK(datasets::load_idx_labels(label_file.path()) == std::vector<int>{7, 3});
  const datasets::IdxArray raw = datasets::read_idx(plain.path());
  CHECK(raw.dims == std::vector<int64_t>{2, 2, 3});
  CHECK(raw.data.size() == 12);
}

TEST_CASE("Fashion-MNIST: 60000 train and 10000 test images of 28x28 with their labels" *
          doctest::test_suite("fashion_mnist")) {
  const std::string dir = tests::kFashionMnistDir;
  const datasets::ImageDataset train = datasets::load_mnist_split(dir, "train");
  CHECK(train.count == 60000);
  CHECK(train.rows == 28);
  CHECK(train.cols == 28);
  CHECK(train.images.size() == 60000u * 784);
  CHECK(train.labels.size() == 60000);
  CHECK(std::vector<int>(train.labels.begin(), train.labels.begin() + 10) ==
        std::vector<int>{9, 0, 0, 3, 0, 2, 7, 2, 5, 5});
  CHECK(pixel_sum(train, 0) == doctest::Approx(76247.0 / 255));
  const auto [lo, hi] = std::minmax_element(train.images.begin(), train.images.end());
  CHECK(*lo == 0.0f);
  CHECK(*hi == 1.0f);
  CHECK(std::all_of(train.labels.begin(), train.labels.end(),
                    [](int l) { return l >= 0 && l < 10; }));

  const datasets::ImageDataset test = datasets::load_mnist_split(dir, "t10k");
  CHECK(test.count == 10000);
  CHECK(std::vector<int>(test.labels.begin(), test.labels.begin() + 10) ==
        std::vector<int>{9, 2, 1, 1, 6, 1, 4, 6, 5, 7});
  CHECK(pixel_sum(test, 0) == doctest::Approx(33456.0 / 255));
}

TEST_CASE("MNIST test digits from the shared folder" * doctest::test_suite("shared_datasets")) {
  const std::string root = tests::shared_datasets_dir();
  const datasets::ImageDataset digits = datasets::load_mnist_split(root + "/mnist", "t10k");
  CHECK(digits.count == 10000);
  CHECK(digits.pixels() == 784);
  CHECK(std::vector<int>(digits.labels.begin(), digits.labels.begin() + 10) ==
        std::vector<int>{7, 2, 1, 0, 4, 1, 4, 9, 5, 9});
  CHECK(pixel_sum(digits, 0) == doctest::Approx(18454.0 / 255));
  CHECK_THROWS_WITH_AS(datasets::load_mnist_split(root + "/mnist", "train"),
                       doctest::Contains("train-images-idx3-ubyte.gz"), std::runtime_error);
}

TEST_CASE("bad IDX files raise errors naming the file and the byte offset") {
  const std::string good = idx_header(0x08, {2, 2, 2}) + std::string(8, '\1');
  SUBCASE("empty file") {
    ScratchFile file("empty", "");
    CHECK_THROWS_WITH_AS(
        datasets::load_idx_images(file.path()),
        doctest::Contains((file.path() + ": byte offset 0: the file is 0 bytes long").c_str()),
        FormatError);
  }
  SUBCASE("wrong magic") {
    ScratchFile file("magic", "\x89PNG" + good.substr(4));
    CHECK_THROWS_WITH_AS(datasets::load_idx_images(file.path()),
                         doctest::Contains("byte offset 0: wrong magic number 0x89504e47"),
                         FormatError);
  }
  SUBCASE("unknown element type") {
    ScratchFile file("type", idx_header(0x07, {2}) + "ab");
    CHECK_THROWS_WITH_AS(datasets::read_idx(file.path()),
                         doctest::Contains("byte offset 2: unknown IDX element type 0x07"),
                         FormatError);
  }
  SUBCASE("wrong element type for images") {
    ScratchFile file("floats", idx_header(0x0D, {1, 1, 1}) + std::string(4, '\0'));
    CHECK_THROWS_WITH_AS(datasets::load_idx_images(file.path()),
                         doctest::Contains("must hold unsigned bytes"), FormatError);
  }
  SUBCASE("a label file is not an image file") {
    ScratchFile file("labels-as-images", idx_header(0x08, {3}) + "abc");
    CHECK_THROWS_WITH_AS(
        datasets::load_idx_images(file.path()),
        doctest::Contains("byte offset 3: an image file must have 3 dimensions, found 1"),
        FormatError);
  }
  SUBCASE("truncated header") {
    ScratchFile file("header", good.substr(0, 10));
    CHECK_THROWS_WITH_AS(datasets::load_idx_images(file.path()),
                         doctest::Contains("byte offset 10: truncated header"), FormatError);
  }
  SUBCASE("header claims more data than present") {
    ScratchFile file("short", idx_header(0x08, {60000, 28, 28}) + std::string(100, '\0'));
    CHECK_THROWS_WITH_AS(
        datasets::load_idx_images(file.path()),
        doctest::Contains("byte offset 116: the header promises 60000x28x28 elements"),
        FormatError);
  }
  SUBCASE("huge extents do not overflow the size computation") {
    ScratchFile file("huge", idx_header(0x0E, {0xffffffff, 0xffffffff, 0xffffffff}));
    CHECK_THROWS_WITH_AS(datasets::read_idx(file.path()), doctest::Contains("too large"),
                         FormatError);
  }
  SUBCASE("trailing bytes") {
    ScratchFile file("long", good + "xyz");
    CHECK_THROWS_WITH_AS(datasets::load_idx_images(file.path()),
                         doctest::Contains("byte offset 24: 3 unexpected bytes"), FormatError);
  }
  SUBCASE("truncated gzip stream") {
    ScratchFile whole("whole-gz"), cut("cut-gz");
    whole.write_gzip(idx_header(0x08, {100, 28, 28}) + std::string(78400, 'x') + "incompressible?" +
                     std::to_string(12345));
    const std::string compressed = whole.read();
    cut.write(compressed.substr(0, compressed.size() / 2));
    CHECK_THROWS_WITH_AS(datasets::load_idx_images(cut.path()),
                         doctest::Contains((cut.path() + ": compressed byte offset").c_str()),
                         FormatError);
  }
  SUBCASE("corrupt gzip stream") {
    ScratchFile whole("whole-gz2"), bad("bad-gz");
    whole.write_gzip(good);
    std::string compressed = whole.read();
    for (size_t i = 10; i < compressed.size(); ++i)
      compressed[i] = static_cast<char>(compressed[i] ^ 0x5a);
    bad.write(compressed);
    CHECK_THROWS_WITH_AS(datasets::load_idx_images(bad.path()), doctest::Contains("gzip"),
                         FormatError);
  }
  SUBCASE("gzip offsets are counted after inflation") {
    ScratchFile file("short-gz");
    file.write_gzip(idx_header(0x08, {5}) + "ab");
    CHECK_THROWS_WITH_AS(
        datasets::load_idx_labels(file.path()),
        doctest::Contains("byte offset 10 (after gunzip): the header promises 5 elements"),
        FormatError);
  }
  SUBCASE("missing file") {
    CHECK_THROWS_WITH_AS(datasets::load_idx_labels("/nonexistent/labels"),
                         doctest::Contains("cannot open /nonexistent/labels"), std::runtime_error);
  }
}
