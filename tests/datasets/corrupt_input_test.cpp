// Randomly damaged files: every reader must either succeed or throw FormatError, never crash,
// never throw anything else (the sanitizer build also checks it never reads past a buffer).
#include <doctest/doctest.h>

#include <string>

#include "autograd/random.hpp"
#include "datasets/file_bytes.hpp"
#include "datasets/idx.hpp"
#include "datasets/matrix_market.hpp"
#include "tests/datasets/scratch_file.hpp"

using datasets_test::ScratchFile;

namespace {

// Overwrites a few bytes with characters from `alphabet` (or any byte if empty), or cuts the tail.
std::string damage(std::string text, autograd::Generator& g, const std::string& alphabet) {
  if (g.bernoulli(0.3)) return text.substr(0, g.below(text.size() + 1));
  const int edits = 1 + static_cast<int>(g.below(4));
  for (int e = 0; e < edits && !text.empty(); ++e) {
    const auto at = g.below(text.size());
    text[at] =
        alphabet.empty() ? static_cast<char>(g.below(256)) : alphabet[g.below(alphabet.size())];
  }
  return text;
}

template <class Read>
int count_rejections(ScratchFile& file, const std::string& good, const std::string& alphabet,
                     bool gzip, Read read) {
  autograd::Generator g(17);
  int rejected = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const std::string bad = damage(good, g, alphabet);
    if (gzip)
      file.write_gzip(bad);
    else
      file.write(bad);
    try {
      read(file.path());
    } catch (const datasets::FormatError&) {
      ++rejected;
    }
  }
  return rejected;
}

}  // namespace

TEST_CASE("damaged IDX and Matrix Market files are rejected cleanly") {
  std::string idx = {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 3};
  for (int i = 0; i < 18; ++i) idx += static_cast<char>(i * 13);
  ScratchFile file("damaged");
  CHECK(count_rejections(file, idx, "", false,
                         [](const std::string& p) { datasets::load_idx_images(p); }) > 50);

  // Damage the compressed bytes of a gzip file.
  ScratchFile zipped("zipped");
  zipped.write_gzip(idx);
  CHECK(count_rejections(file, zipped.read(), "", false,
                         [](const std::string& p) { datasets::load_idx_images(p); }) > 50);

  const std::string mtx =
      "%%MatrixMarket matrix coordinate real symmetric\n% comment\n5 5 4\n2 1 0.5\n3 3 -1\n5 2 "
      "1e3\n4 1 7\n";
  CHECK(count_rejections(file, mtx, "0123456789 -+.eE\n%x", false,
                         [](const std::string& p) { datasets::read_matrix_market(p); }) > 50);
  CHECK(count_rejections(file, mtx, "0123456789 -+.eE\n%x", true,
                         [](const std::string& p) { datasets::read_matrix_market(p); }) > 50);
}
