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
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

LineCol SourceFile::line_col(std::uint32_t offset) const {
  if (offset > text_.size()) offset = static_cast<std::uint32_t>(text_.size());
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

std::optional<std::string> read_file(const std::string& path, std::string& error) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  if (S_ISDIR(info.st_mode)) {
    error = "is a directory";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    error = "read error";
    return std::nullopt;
  }
  return std::move(buffer).str();
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
    // The length of a well-formed UTF-8 sequence starting here, or 0.
    std::size_t length = c >= 0xC2 && c <= 0xDF   ? 2
                         : c >= 0xE0 && c <= 0xEF ? 3
                         : c >= 0xF0 && c <= 0xF4 ? 4
                                                  : 0;
    if (length == 0 || i + length > text.size()) length = 0;
    for (std::size_t k = 1; k < length; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) length = 0;
    }
    if (length == 3 && ((c == 0xE0 && byte(i + 1) < 0xA0) || (c == 0xED && byte(i + 1) >= 0xA0))) length = 0;
    if (length == 4 && ((c == 0xF0 && byte(i + 1) < 0x90) || (c == 0xF4 && byte(i + 1) >= 0x90))) length = 0;
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD replacement character
      ++i;
      continue;
    }
    if (length == 2 && c == 0xC2 && byte(i + 1) < 0xA0)
      out += '?';  // C1 control
    else
      out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

}  // namespace attain
