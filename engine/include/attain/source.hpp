#pragma once
// Source files and positions. Every stage refers to text through a Span (file id +
// byte offsets); line and column numbers are computed once, here.

#include <signal.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attain {

using FileId = std::uint32_t;

// A half-open byte range [begin, end) in one source file.
struct Span {
  FileId file = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

// 1-based line; 1-based column counted in Unicode code points (what editors show).
struct LineCol {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

class SourceFile {
 public:
  SourceFile(FileId id, std::string path, std::string text);

  FileId id() const { return id_; }
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }

  LineCol line_col(std::uint32_t offset) const;
  // Byte offset of (0-based line, 0-based byte column), clamped to the file.
  std::uint32_t offset_of(std::uint32_t line0, std::uint32_t byte_column0) const;
  // The text of a 1-based line, without its line break.
  std::string_view line_text(std::uint32_t line) const;
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }
  std::string_view slice(Span span) const;

 private:
  FileId id_;
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

// Owns every file read in one run; file ids index into it. Files never move once added.
// Not thread-safe for `add`: one thread adds at a time. A file, once added, is only read.
class SourceManager {
 public:
  SourceManager() = default;
  SourceManager(SourceManager&&) = default;
  SourceManager& operator=(SourceManager&&) = default;
  SourceManager(const SourceManager&) = delete;
  SourceManager& operator=(const SourceManager&) = delete;

  const SourceFile& add(std::string path, std::string text);
  const SourceFile& file(FileId id) const { return *files_.at(id); }
  std::size_t size() const { return files_.size(); }
  // "path:line:col" of the start of a span.
  std::string location(Span span) const;
  // "path:line" of the start of a span.
  std::string file_line(Span span) const;

  // A new manager that shares every file added so far, under the same ids, and adds its
  // own after them; what it adds is freed with it. Batch mode gives each dataset a fork
  // of the rule files' manager: spans into the rules stay valid, each report states its
  // own inputs only, and no two threads add to one manager. Safe to call from several
  // threads while nobody adds to this manager.
  SourceManager fork() const;

 private:
  std::vector<std::shared_ptr<const SourceFile>> files_;
};

// The SHA-256 of some bytes as 64 lowercase hex digits (OpenSSL's libcrypto), for the
// reports' statement of the inputs they were made from.
std::string sha256_hex(std::string_view bytes);

// The largest input file read (rules, datasets): spans are 32-bit byte offsets, and a
// device without end (/dev/zero) must not exhaust memory. docs/limits.md.
inline constexpr std::size_t max_input_bytes = std::size_t{1} << 30;  // 1 GiB

// Reads a whole file of at most `limit` bytes. Returns nullopt and sets `error` (strerror
// text, "is a directory" or the size limit) on failure.
std::optional<std::string> read_file(const std::string& path, std::string& error,
                                     std::size_t limit = max_input_bytes);

// The length of the well-formed UTF-8 sequence that starts at byte `i` of `text` (1 for
// ASCII), or 0 when none does (overlong forms and surrogates are not well-formed).
std::size_t utf8_length_at(std::string_view text, std::size_t i);

// The byte offset of the first byte that is not part of well-formed UTF-8 (overlong
// forms and surrogates included), or nullopt when all of `text` is UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace attain

namespace attain {

// Writes `text` to `path` through a temporary file `.NAME.XXXXXX` in the same directory,
// flushed and renamed into place, so an error never leaves `path` half-written and
// removes the temporary file; SIGHUP, SIGINT and SIGTERM during the write remove it too
// before they end the process (SIGKILL cannot). Symbolic links are followed and kept;
// an existing file keeps its mode (and, where permitted, owner and group); a device or
// FIFO is written to directly. Returns false and sets `error` (strerror text). Several
// threads may write at once (up to 16 files; more wait for a turn), each its own file.
// docs/cli.md, "How files are written".
bool write_file_atomically(const std::string& path, std::string_view text, std::string& error);

// While it lives, the calling thread does not take SIGHUP, SIGINT and SIGTERM, the signals
// whose handler write_file_atomically installs; threads started meanwhile inherit that.
// Batch mode starts its threads so, so that those signals reach the main thread, which
// writes no file and so never handles one while it is naming a temporary file.
class CleanupSignalsBlocked {
 public:
  CleanupSignalsBlocked();
  ~CleanupSignalsBlocked();
  CleanupSignalsBlocked(const CleanupSignalsBlocked&) = delete;
  CleanupSignalsBlocked& operator=(const CleanupSignalsBlocked&) = delete;

 private:
  sigset_t previous_{};
};

}  // namespace attain

namespace attain {

// Text from a user's file made safe for a terminal: invalid UTF-8 becomes U+FFFD, and
// C0/C1 control characters (escape sequences included) and invisible formatting
// characters (zero-width spaces, bidirectional overrides, a byte order mark) become '?',
// except that a tab becomes one space so columns stay aligned.
std::string terminal_safe(std::string_view text);

}  // namespace attain
