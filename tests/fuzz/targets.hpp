#pragma once
// The fuzz targets: one function per loader that takes any bytes, hands them to the loader as a
// file, and checks what comes back. A loader may refuse an input only with the exception its
// header documents; whatever it accepts must hold together (sizes agree, indices in range,
// writing it and reading it back gives it again). Anything else is a bug:
//
//   - a crash, a sanitizer report, or an allocation beyond libFuzzer's limit;
//   - another exception escaping (std::length_error, std::bad_alloc, ...);
//   - BrokenInvariant, thrown by the checks below.
//
// libFuzzer calls them through the *_fuzzer.cpp entry points; replay_test.cpp runs every file of
// the committed corpus through them in the ordinary test suite.
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>

namespace fuzz {

struct BrokenInvariant : std::logic_error {
  using std::logic_error::logic_error;
};

inline void expect(bool ok, const std::string& what) {
  if (!ok) throw BrokenInvariant(what);
}

void idx(std::span<const uint8_t> bytes);            // datasets::read_idx and its two loaders
void matrix_market(std::span<const uint8_t> bytes);  // datasets::read_matrix_market, to_csr
// nn::read_checkpoint and nn::load_checkpoint. The first byte is not part of the file: when odd,
// the file's size field and CRC-32 are set right before reading, so that mutations reach the
// parser behind the checksum instead of all stopping at it.
void checkpoint(std::span<const uint8_t> bytes);

}  // namespace fuzz
