#include "datasets/file_bytes.hpp"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>

namespace datasets {

namespace {

std::vector<unsigned char> read_raw(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!file) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  std::vector<unsigned char> bytes;
  unsigned char chunk[1 << 16];
  size_t got;
  while ((got = std::fread(chunk, 1, sizeof chunk, file.get())) > 0)
    bytes.insert(bytes.end(), chunk, chunk + got);
  if (std::ferror(file.get()))
    throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
  return bytes;
}

[[noreturn]] void fail_gzip(const std::string& path, uint64_t offset, const std::string& what) {
  throw FormatError(path + ": compressed byte offset " + std::to_string(offset) + ": " + what);
}

// Inflates one or more concatenated gzip members.
std::vector<unsigned char> gunzip(const std::string& path, const std::vector<unsigned char>& in) {
  // The last four bytes hold the inflated size modulo 2^32; deflate never expands more than
  // ~1032:1, which caps the guess when the trailer is garbage (a truncated file).
  uint64_t guess = 0;
  if (in.size() >= 4)
    for (int i = 3; i >= 0; --i) guess = (guess << 8) | in[in.size() - 4 + i];
  guess = std::min<uint64_t>(guess, uint64_t(in.size()) * 1032);
  std::vector<unsigned char> out(std::max<uint64_t>(guess, 1 << 16));

  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
    throw std::runtime_error("zlib: inflateInit2 failed");
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, inflateEnd);
  size_t in_pos = 0, out_pos = 0;
  for (;;) {
    const size_t in_chunk = std::min<size_t>(in.size() - in_pos, std::numeric_limits<uInt>::max());
    if (out_pos == out.size()) out.resize(out.size() * 2);
    const size_t out_chunk =
        std::min<size_t>(out.size() - out_pos, std::numeric_limits<uInt>::max());
    stream.next_in = const_cast<unsigned char*>(in.data() + in_pos);
    stream.avail_in = static_cast<uInt>(in_chunk);
    stream.next_out = out.data() + out_pos;
    stream.avail_out = static_cast<uInt>(out_chunk);
    const int status = inflate(&stream, Z_NO_FLUSH);
    in_pos += in_chunk - stream.avail_in;
    out_pos += out_chunk - stream.avail_out;
    if (status == Z_STREAM_END) {
      if (in_pos == in.size()) break;
      if (in.size() - in_pos < 2 || in[in_pos] != 0x1f || in[in_pos + 1] != 0x8b)
        fail_gzip(path, in_pos, "unexpected data after the end of the gzip stream");
      inflateReset(&stream);  // another gzip member follows
    } else if (status != Z_OK && status != Z_BUF_ERROR) {
      fail_gzip(
          path, in_pos,
          std::string("corrupt gzip data (") + (stream.msg ? stream.msg : "zlib error") + ")");
    } else if (stream.avail_out > 0) {  // inflate stopped with room to spare: it wants more input
      if (in_pos == in.size())
        fail_gzip(path, in_pos,
                  "truncated gzip stream (the file ends before the compressed data does)");
      if (status == Z_BUF_ERROR)
        fail_gzip(path, in_pos, "corrupt gzip data (no progress possible)");
    }
  }
  out.resize(out_pos);
  return out;
}

}  // namespace

FileBytes read_file_bytes(const std::string& path) {
  FileBytes file{path, read_raw(path), false};
  if (file.bytes.size() >= 2 && file.bytes[0] == 0x1f && file.bytes[1] == 0x8b) {
    file.bytes = gunzip(path, file.bytes);
    file.gzip = true;
  }
  return file;
}

void fail_at_byte(const FileBytes& file, uint64_t offset, const std::string& what) {
  throw FormatError(file.path + ": byte offset " + std::to_string(offset) +
                    (file.gzip ? " (after gunzip)" : "") + ": " + what);
}

void fail_at_line(const std::string& path, int64_t line, const std::string& what) {
  throw FormatError(path + ", line " + std::to_string(line) + ": " + what);
}

}  // namespace datasets
