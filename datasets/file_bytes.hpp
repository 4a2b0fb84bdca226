#pragma once
// Reading a data file whole, gzip or not, and reporting where it went wrong.
//
// Every loader in datasets/ first calls read_file_bytes(): it reads the file into memory and, if it
// starts with the gzip magic bytes 1f 8b, inflates it, so each format is parsed from one plain byte
// buffer. Parsers never index past that buffer; what they find wrong they report as a FormatError
// naming the file and the byte offset or line where reading stopped.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace datasets {

// A file that is not what its format promises.
struct FormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct FileBytes {
  std::string path;
  std::vector<unsigned char> bytes;  // the contents, already inflated if the file was gzip
  bool gzip = false;
};

// Throws std::runtime_error if the file cannot be read and FormatError if a gzip stream is
// truncated or corrupt (with the compressed byte offset).
FileBytes read_file_bytes(const std::string& path);

// "path: byte offset 16 (after gunzip): what" and "path, line 7: what".
[[noreturn]] void fail_at_byte(const FileBytes& file, uint64_t offset, const std::string& what);
[[noreturn]] void fail_at_line(const std::string& path, int64_t line, const std::string& what);

}  // namespace datasets
