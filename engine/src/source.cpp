#include "attain/source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <openssl/evp.h>

namespace attain {

SourceFile::SourceFile(FileId id, std::string path, std::string text)
    : id_(id), path_(std::move(path)), text_(std::move(text)) {
  // A UTF-8 byte order mark is not part of the first line: columns start after it.
  line_starts_.push_back(text_.starts_with("\xEF\xBB\xBF") ? 3 : 0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

LineCol SourceFile::line_col(std::uint32_t offset) const {
  if (offset > text_.size()) offset = static_cast<std::uint32_t>(text_.size());
  if (offset < line_starts_[0]) return {1, 1};  // inside a byte order mark
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line_index = static_cast<std::uint32_t>(it - line_starts_.begin()) - 1;
  // Count what a terminal shows: code points, with each invalid byte one U+FFFD.
  const std::string shown = terminal_safe(
      std::string_view(text_).substr(line_starts_[line_index], offset - line_starts_[line_index]));
  std::uint32_t column = 1;
  for (char c : shown) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column;
  }
  return {line_index + 1, column};
}

std::uint32_t SourceFile::offset_of(std::uint32_t line0, std::uint32_t byte_column0) const {
  if (line0 >= line_starts_.size()) return static_cast<std::uint32_t>(text_.size());
  const std::uint64_t offset = std::uint64_t{line_starts_[line0]} + byte_column0;
  return static_cast<std::uint32_t>(std::min<std::uint64_t>(offset, text_.size()));
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  const std::uint32_t begin = line_starts_[line - 1];
  std::uint32_t end =
      line < line_starts_.size() ? line_starts_[line] - 1 : static_cast<std::uint32_t>(text_.size());
  if (end > begin && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(begin, end - begin);
}

std::string_view SourceFile::slice(Span span) const {
  const auto size = text_.size();
  const std::size_t begin = std::min<std::size_t>(span.begin, size);
  const std::size_t end = std::min<std::size_t>(std::max(span.begin, span.end), size);
  return std::string_view(text_).substr(begin, end - begin);
}

const SourceFile& SourceManager::add(std::string path, std::string text) {
  const auto id = static_cast<FileId>(files_.size());
  files_.push_back(std::make_unique<SourceFile>(id, std::move(path), std::move(text)));
  return *files_.back();
}

std::string SourceManager::location(Span span) const {
  const SourceFile& f = file(span.file);
  const LineCol lc = f.line_col(span.begin);
  return fmt::format("{}:{}:{}", f.path(), lc.line, lc.column);
}

std::string SourceManager::file_line(Span span) const {
  const SourceFile& f = file(span.file);
  return fmt::format("{}:{}", f.path(), f.line_col(span.begin).line);
}

std::optional<std::string> read_file(const std::string& path, std::string& error, std::size_t limit) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    error = "is a directory";
    return std::nullopt;
  }
  // Read in chunks up to the limit: a device or pipe without end (/dev/zero) stops there.
  std::string text;
  if (S_ISREG(info.st_mode) && info.st_size > 0)
    text.reserve(std::min(static_cast<std::size_t>(info.st_size), limit + 1));
  char chunk[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::strerror(errno);
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    text.append(chunk, static_cast<std::size_t>(n));
    if (text.size() > limit) {
      ::close(fd);
      error = limit >= (std::size_t{1} << 20)
                  ? fmt::format("larger than {} MiB, the limit for one input file", limit >> 20)
                  : fmt::format("larger than {} bytes, the limit for one input file", limit);
      return std::nullopt;
    }
  }
  ::close(fd);
  return text;
}

std::size_t utf8_length_at(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  const std::size_t length = c >= 0xC2 && c <= 0xDF   ? 2
                             : c >= 0xE0 && c <= 0xEF ? 3
                             : c >= 0xF0 && c <= 0xF4 ? 4
                                                      : 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  // Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
  const unsigned char d = byte(i + 1);
  if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d >= 0xA0) || (c == 0xF0 && d < 0x90) ||
      (c == 0xF4 && d >= 0x90))
    return 0;
  return length;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_length_at(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::nullopt;
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 is not available from libcrypto");
  }
  std::string out;
  out.reserve(2 * size);
  for (unsigned int i = 0; i < size; ++i) out += fmt::format("{:02x}", digest[i]);
  return out;
}

bool write_file_atomically(const std::string& path, std::string_view text, std::string& error) {
  namespace fs = std::filesystem;
  fs::path target(path);
  // Through a symbolic link, replace the file it points to and keep the link.
  std::error_code ec;
  if (fs::is_symlink(target, ec)) {
    const fs::path resolved = fs::canonical(target, ec);
    if (!ec) target = resolved;
  }
  // An existing file keeps its permissions; a new one gets those of an ordinary new file.
  struct stat existing {};
  const bool existed = ::stat(target.c_str(), &existing) == 0 && S_ISREG(existing.st_mode);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  bool ok = true;
  std::size_t written = 0;
  while (ok && written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      ok = false;
    else
      written += static_cast<std::size_t>(n);
  }
  if (ok && ::fsync(fd) != 0) ok = false;
  if (!ok) error = std::strerror(errno);
  // mkstemp creates 0600.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (ok) ::fchmod(fd, existed ? (existing.st_mode & 07777) : (0666 & ~mask));
  if (::close(fd) != 0 && ok) {
    ok = false;
    error = std::strerror(errno);
  }
  if (ok && std::rename(temp.c_str(), target.c_str()) != 0) {
    ok = false;
    error = std::strerror(errno);
  }
  if (!ok) std::remove(temp.c_str());
  return ok;
}

namespace {

// Zero-width and bidirectional formatting characters (U+200B..U+200F, U+2028..U+202E,
// U+2060..U+2069, U+FEFF): invisible in a terminal, and able to reorder what is shown.
bool invisible_format_character(std::string_view sequence) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(sequence[k]); };
  if (b(0) == 0xEF) return b(1) == 0xBB && b(2) == 0xBF;
  if (b(0) != 0xE2) return false;
  if (b(1) == 0x80) return (b(2) >= 0x8B && b(2) <= 0x8F) || (b(2) >= 0xA8 && b(2) <= 0xAE);
  if (b(1) == 0x81) return b(2) >= 0xA0 && b(2) <= 0xA9;
  return false;
}

}  // namespace

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = byte(i);
    if (c < 0x80) {
      out += c == '\t' ? ' ' : (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
      ++i;
      continue;
    }
    const std::size_t length = utf8_length_at(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD replacement character
      ++i;
      continue;
    }
    if (length == 2 && c == 0xC2 && byte(i + 1) < 0xA0)
      out += '?';  // C1 control
    else if (length == 3 && invisible_format_character(text.substr(i, 3)))
      out += '?';
    else
      out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

}  // namespace attain
