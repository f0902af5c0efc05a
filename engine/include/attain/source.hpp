#pragma once
// Source files and positions. Every stage refers to text through a Span (file id +
// byte offsets); line and column numbers are computed once, here.

#include <signal.h>
#include <sys/stat.h>

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

// A regular file's text mapped into memory read-only, not copied, and followed by
// `padding` zero bytes (for parsers that read in blocks). Its pages come from the page
// cache as they are read, and can be given back once read (SourceFile::release): a
// national dataset read a table at a time never holds its 32 MB at once. Made by
// map_file; move-only.
class MappedText {
 public:
  static constexpr std::size_t padding = 64;

  MappedText(MappedText&& other) noexcept;
  MappedText& operator=(MappedText&& other) noexcept;
  MappedText(const MappedText&) = delete;
  MappedText& operator=(const MappedText&) = delete;
  ~MappedText();

  std::string_view text() const { return {data_, size_}; }
  // Gives back the memory of the pages that hold [begin, end): they are read again from
  // the file when used again (also the bytes outside the range that share them).
  void release(std::size_t begin, std::size_t end) const;
  // True when the file was written to, replaced or truncated since it was mapped (its
  // size, modification time or inode changed): text read again after a release may then
  // differ from what was first read.
  bool changed() const;

 private:
  friend std::optional<MappedText> map_file(const std::string& path, std::string& error,
                                            int truncated_exit_code);
  MappedText() = default;
  void reset();

  char* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t mapped_ = 0;  // the mapping's length, padding included
  int fd_ = -1;             // kept open for changed()
  struct stat info_ {};
};

// Maps a regular file of at most max_input_bytes (MappedText). nullopt with `error` set
// (strerror text, "is a directory", the size limit) when it cannot be read; nullopt with
// `error` empty when it is not a regular file, is empty, or 16 files are mapped already
// (read it with read_file).
// A file truncated while it is mapped cannot be read to its end: the process then
// writes "evaluate: error: ... was truncated while it was read" to standard error and
// exits with `truncated_exit_code` (SIGBUS), instead of crashing. docs/limits.md.
std::optional<MappedText> map_file(const std::string& path, std::string& error, int truncated_exit_code);

class SourceFile {
 public:
  SourceFile(FileId id, std::string path, std::string text);
  SourceFile(FileId id, std::string path, MappedText text);
  // text() points into the file's own storage.
  SourceFile(const SourceFile&) = delete;
  SourceFile& operator=(const SourceFile&) = delete;

  FileId id() const { return id_; }
  const std::string& path() const { return path_; }
  std::string_view text() const { return view_; }
  // Bytes after the end of text() that may be read (zero or padding): a parser reading
  // in blocks uses the text in place when there are simdjson's 64.
  std::size_t readable_after() const { return readable_after_; }
  // A mapped file's: gives back the memory of the text in [begin, end), read again from
  // the file if used again (MappedText::release). Nothing for a file read into memory.
  void release(std::size_t begin, std::size_t end) const;
  // A mapped file that changed since it was mapped (MappedText::changed); false otherwise.
  bool changed() const;

  LineCol line_col(std::uint32_t offset) const;
  // Byte offset of (0-based line, 0-based byte column), clamped to the file.
  std::uint32_t offset_of(std::uint32_t line0, std::uint32_t byte_column0) const;
  // The text of a 1-based line, without its line break.
  std::string_view line_text(std::uint32_t line) const;
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }
  std::string_view slice(Span span) const;

 private:
  void find_lines();

  FileId id_;
  std::string path_;
  std::string text_;                  // a file read into memory
  std::optional<MappedText> mapped_;  // or a file mapped
  std::string_view view_;             // the text, either way
  std::size_t readable_after_ = 0;
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
  const SourceFile& add(std::string path, MappedText text);
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
  template <typename Text>
  const SourceFile& keep(std::string path, Text text);  // either add

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
