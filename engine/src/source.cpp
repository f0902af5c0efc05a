#include "attain/source.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <simdjson.h>

namespace attain {

SourceFile::SourceFile(FileId id, std::string path, std::string text)
    : id_(id), path_(std::move(path)), text_(std::move(text)) {
  view_ = text_;
  readable_after_ = text_.capacity() - text_.size();
  find_lines();
}

SourceFile::SourceFile(FileId id, std::string path, MappedText text)
    : id_(id), path_(std::move(path)), mapped_(std::move(text)) {
  view_ = mapped_->text();
  readable_after_ = MappedText::padding;
  find_lines();
}

void SourceFile::find_lines() {
  // A UTF-8 byte order mark is not part of the first line: columns start after it.
  line_starts_.push_back(view_.starts_with("\xEF\xBB\xBF") ? 3 : 0);
  const char* const begin = view_.data();
  // A mapped file a few MB at a time, each given back once read: the file is read
  // again, a table at a time, by the loader.
  constexpr std::size_t piece = std::size_t{4} << 20;
  for (std::size_t from = 0; from < view_.size(); from += piece) {
    const char* const end = begin + std::min(view_.size(), from + piece);
    for (const char* p = begin + from;
         (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))));) {
      ++p;
      line_starts_.push_back(static_cast<std::uint32_t>(p - begin));
    }
    release(from, static_cast<std::size_t>(end - begin));
  }
}

void SourceFile::release(std::size_t begin, std::size_t end) const {
  if (mapped_) mapped_->release(begin, end);
}

bool SourceFile::changed() const {
  return mapped_ && mapped_->changed();
}

LineCol SourceFile::line_col(std::uint32_t offset) const {
  if (offset > view_.size()) offset = static_cast<std::uint32_t>(view_.size());
  if (offset < line_starts_[0]) return {1, 1};  // inside a byte order mark
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line_index = static_cast<std::uint32_t>(it - line_starts_.begin()) - 1;
  // Count what a terminal shows: code points, with each invalid byte one U+FFFD.
  const std::string shown =
      terminal_safe(view_.substr(line_starts_[line_index], offset - line_starts_[line_index]));
  std::uint32_t column = 1;
  for (char c : shown) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column;
  }
  return {line_index + 1, column};
}

std::uint32_t SourceFile::offset_of(std::uint32_t line0, std::uint32_t byte_column0) const {
  if (line0 >= line_starts_.size()) return static_cast<std::uint32_t>(view_.size());
  const std::uint64_t offset = std::uint64_t{line_starts_[line0]} + byte_column0;
  return static_cast<std::uint32_t>(std::min<std::uint64_t>(offset, view_.size()));
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  const std::uint32_t begin = line_starts_[line - 1];
  std::uint32_t end =
      line < line_starts_.size() ? line_starts_[line] - 1 : static_cast<std::uint32_t>(view_.size());
  if (end > begin && view_[end - 1] == '\r') --end;
  return view_.substr(begin, end - begin);
}

std::string_view SourceFile::slice(Span span) const {
  const auto size = view_.size();
  const std::size_t begin = std::min<std::size_t>(span.begin, size);
  const std::size_t end = std::min<std::size_t>(std::max(span.begin, span.end), size);
  return view_.substr(begin, end - begin);
}

template <typename Text>
const SourceFile& SourceManager::keep(std::string path, Text text) {
  const auto id = static_cast<FileId>(files_.size());
  files_.push_back(std::make_shared<const SourceFile>(id, std::move(path), std::move(text)));
  return *files_.back();
}

const SourceFile& SourceManager::add(std::string path, std::string text) {
  return keep(std::move(path), std::move(text));
}

const SourceFile& SourceManager::add(std::string path, MappedText text) {
  return keep(std::move(path), std::move(text));
}

SourceManager SourceManager::fork() const {
  SourceManager out;
  out.files_ = files_;
  return out;
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

namespace {

std::string too_large(std::size_t limit) {
  return limit >= (std::size_t{1} << 20)
             ? fmt::format("larger than {} MiB, the limit for one input file", limit >> 20)
             : fmt::format("larger than {} bytes, the limit for one input file", limit);
}

// The files mapped now, for the SIGBUS handler: a fault inside one of them means the file
// was truncated under us; any other is left to the default action.
struct MappedRange {
  std::atomic<std::uintptr_t> begin{0};
  std::atomic<std::uintptr_t> end{0};
  std::atomic<int> exit_code{0};
  std::array<char, 512> message{};  // what the handler writes, NUL-terminated
};
std::array<MappedRange, 16> mapped_ranges;
std::once_flag bus_handler_installed;

extern "C" void on_bus_error(int signal, siginfo_t* info, void*) {
  const auto at = reinterpret_cast<std::uintptr_t>(info->si_addr);
  for (const MappedRange& r : mapped_ranges) {
    if (at >= r.begin.load() && at < r.end.load()) {
      const std::size_t n = std::strlen(r.message.data());
      [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, r.message.data(), n);
      ::_exit(r.exit_code.load());
    }
  }
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

}  // namespace

std::optional<MappedText> map_file(const std::string& path, std::string& error, int truncated_exit_code) {
  error.clear();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  MappedText out;
  out.fd_ = fd;
  if (::fstat(fd, &out.info_) != 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  if (S_ISDIR(out.info_.st_mode)) {
    error = "is a directory";
    return std::nullopt;
  }
  if (!S_ISREG(out.info_.st_mode) || out.info_.st_size <= 0) return std::nullopt;
  const auto size = static_cast<std::size_t>(out.info_.st_size);
  if (size > max_input_bytes) {
    error = too_large(max_input_bytes);
    return std::nullopt;
  }
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  // Zero pages for the whole length, then the file over the front of them: the padding
  // past the file's last page is zeros, never past the end of the file.
  const std::size_t length = (size + MappedText::padding + page - 1) / page * page;
  void* base = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  out.data_ = static_cast<char*>(base);
  out.mapped_ = length;
  if (::mmap(base, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  out.size_ = size;
  std::call_once(bus_handler_installed, [] {
    struct sigaction action {};
    action.sa_sigaction = on_bus_error;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGBUS, &action, nullptr);
  });
  // A slot for the handler, or the file is read instead (16 mapped at once is plenty).
  for (MappedRange& r : mapped_ranges) {
    std::uintptr_t free = 0;
    if (r.begin.load() == 0 &&
        r.begin.compare_exchange_strong(free, reinterpret_cast<std::uintptr_t>(base))) {
      r.exit_code = truncated_exit_code;
      r.message.fill('\0');
      fmt::format_to_n(r.message.data(), r.message.size() - 1,
                       "evaluate: error: '{}' was truncated while it was read; run again on the whole file\n",
                       terminal_safe(path));
      r.end = reinterpret_cast<std::uintptr_t>(base) + length;
      return out;
    }
  }
  return std::nullopt;
}

MappedText::MappedText(MappedText&& other) noexcept {
  *this = std::move(other);
}

MappedText& MappedText::operator=(MappedText&& other) noexcept {
  if (this != &other) {
    reset();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    mapped_ = std::exchange(other.mapped_, 0);
    fd_ = std::exchange(other.fd_, -1);
    info_ = other.info_;
  }
  return *this;
}

MappedText::~MappedText() {
  reset();
}

void MappedText::reset() {
  if (data_) {
    for (MappedRange& r : mapped_ranges) {
      if (r.begin.load() == reinterpret_cast<std::uintptr_t>(data_)) {
        r.end = 0;
        r.begin = 0;
      }
    }
    ::munmap(data_, mapped_);
  }
  if (fd_ >= 0) ::close(fd_);
  data_ = nullptr;
  fd_ = -1;
}

void MappedText::release(std::size_t begin, std::size_t end) const {
  static const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  // Every page that holds a byte of the range: one that also holds bytes still in use
  // is read again when they are (the text is the file's, never written).
  end = std::min(end, size_);
  const std::size_t first = begin / page * page;
  const std::size_t last = (end + page - 1) / page * page;
  if (last > first) ::madvise(data_ + first, last - first, MADV_DONTNEED);
}

bool MappedText::changed() const {
  struct stat now {};
  if (::fstat(fd_, &now) != 0) return true;
  return now.st_size != info_.st_size || now.st_mtim.tv_sec != info_.st_mtim.tv_sec ||
         now.st_mtim.tv_nsec != info_.st_mtim.tv_nsec;
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
  // A little room is left after the text, so that a parser reading in blocks (simdjson
  // for JSON datasets) can use it in place instead of copying it.
  constexpr std::size_t slack = 64;
  std::string text;
  if (S_ISREG(info.st_mode) && info.st_size > 0)
    text.reserve(std::min(static_cast<std::size_t>(info.st_size), limit + 1) + slack);
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
      error = too_large(limit);
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
  // simdjson checks a whole file at several GB/s; only a file with an error is walked.
  if (simdjson::validate_utf8(text.data(), text.size())) return std::nullopt;
  for (std::size_t i = 0; i < text.size();) {
    // Eight ASCII bytes at a time: nearly all of a rule file or dataset.
    std::uint64_t eight = 0;
    if (text.size() - i >= sizeof eight) {
      std::memcpy(&eight, text.data() + i, sizeof eight);
      if ((eight & 0x8080808080808080ULL) == 0) {
        i += sizeof eight;
        continue;
      }
    }
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

namespace {

// --- write_file_atomically and its helpers --------------------------------------------

// Writes all of `text` to `fd`. False with errno set on failure.
bool write_fully(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) {
      errno = EIO;
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// The file that writing `path` replaces: through symbolic links, so that they stay
// links, also when the file at the end does not exist yet. A link to something without
// a usable name (/proc/self/fd/1 of a pipe) is kept: what it leads to is written to.
std::filesystem::path file_to_replace(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_symlink(path, ec)) return path;
  if (fs::exists(path, ec)) {
    const fs::path resolved = fs::canonical(path, ec);
    return ec ? path : resolved;
  }
  // Dangling: follow the links one by one, at most 40 as the kernel does.
  fs::path target = path;
  for (int hops = 0; hops < 40 && fs::is_symlink(target, ec); ++hops) {
    const fs::path next = fs::read_symlink(target, ec);
    if (ec) return path;
    target = next.is_absolute() ? next : target.parent_path() / next;
  }
  return target;
}

// A device, FIFO or socket (-o /dev/null) is written to as it is: there is nothing to
// replace, and replacing it by a regular file would be wrong.
bool write_in_place(const std::filesystem::path& path, std::string_view text, std::string& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  int code = fd < 0 ? errno : 0;
  if (fd >= 0 && !write_fully(fd, text)) code = errno;
  if (fd >= 0 && ::close(fd) != 0 && code == 0) code = errno;
  if (code != 0) error = std::strerror(code);
  return code == 0;
}

// The temporary files being written, for the signal handler: fixed buffers and lock-free
// atomics, so that the handler needs nothing but the async-signal-safe unlink(), signal()
// and raise(), and several threads can write at once (batch mode's writer threads write
// several reports at once). A slot is free, being named (its thread has the clean-up signals
// blocked, and the file may be being created), or named: the file may exist under that
// name, complete or not, or may already have been renamed away (unlinking it is then
// harmless: the name is gone).
enum SlotState : int { slot_free, slot_naming, slot_named };
struct TempSlot {
  char path[PATH_MAX];
  std::atomic<int> state{slot_free};
};
constexpr std::size_t temp_slots = 16;
std::array<TempSlot, temp_slots> pending_temps;
// Set by the handler before it looks at the slots: a thread that starts naming a file
// after that backs off, so that no file is created that the handler did not see.
std::atomic<int> handler_closing{0};
static_assert(std::atomic<int>::is_always_lock_free);

constexpr std::array<int, 3> cleanup_signals{SIGHUP, SIGINT, SIGTERM};

void remove_temps_and_reraise(int sig) {
  const int saved_errno = errno;
  handler_closing.store(1);
  for (TempSlot& slot : pending_temps) {
    int state = slot.state.load();
    // A slot being named belongs to another thread (the naming thread has the signals
    // blocked): it is one open() from named or free.
    while (state == slot_naming) state = slot.state.load();
    if (state == slot_named) ::unlink(slot.path);
  }
  ::signal(sig, SIG_DFL);
  ::raise(sig);  // blocked until the handler returns, then the default action ends the process
  errno = saved_errno;
}

// While at least one write is under way: SIGHUP, SIGINT and SIGTERM, where they have their
// default action, remove the temporary files before they end the process; SIGXFSZ, where
// it has its default action, is ignored, so that going over the file size limit fails the
// write (EFBIG) instead of ending the process. Dispositions the caller chose (ignored,
// handled) are left alone; all are restored when the last write ends. Also hands out the
// slots: a write waits for one when all are taken.
class TempFileSignals {
 public:
  static TempFileSignals& instance() {
    static TempFileSignals signals;
    return signals;
  }

  // A free slot, and the handlers in place; release() undoes both.
  TempSlot& acquire() {
    std::unique_lock lock(mutex_);
    for (;;) {
      for (TempSlot& slot : pending_temps) {
        if (!taken_[index(slot)]) {
          taken_[index(slot)] = true;
          if (writers_++ == 0) install();
          return slot;
        }
      }
      freed_.wait(lock);
    }
  }

  void release(TempSlot& slot) {
    {
      const std::lock_guard lock(mutex_);
      taken_[index(slot)] = false;
      if (--writers_ == 0) restore();
    }
    freed_.notify_one();
  }

 private:
  static std::size_t index(const TempSlot& slot) {
    return static_cast<std::size_t>(&slot - pending_temps.data());
  }

  void install() {
    const CleanupSignalsBlocked blocked;  // no handler half installed on this thread
    struct sigaction handler {};
    handler.sa_handler = remove_temps_and_reraise;
    sigemptyset(&handler.sa_mask);
    for (const int sig : cleanup_signals) sigaddset(&handler.sa_mask, sig);
    for (std::size_t i = 0; i < cleanup_signals.size(); ++i) {
      installed_[i] = ::sigaction(cleanup_signals[i], nullptr, &previous_[i]) == 0 &&
                      previous_[i].sa_handler == SIG_DFL &&
                      ::sigaction(cleanup_signals[i], &handler, nullptr) == 0;
    }
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    xfsz_installed_ = ::sigaction(SIGXFSZ, nullptr, &previous_xfsz_) == 0 &&
                      previous_xfsz_.sa_handler == SIG_DFL && ::sigaction(SIGXFSZ, &ignore, nullptr) == 0;
  }

  void restore() {
    {
      const CleanupSignalsBlocked blocked;
      for (std::size_t i = 0; i < cleanup_signals.size(); ++i) {
        if (installed_[i]) ::sigaction(cleanup_signals[i], &previous_[i], nullptr);
      }
      if (xfsz_installed_) ::sigaction(SIGXFSZ, &previous_xfsz_, nullptr);
    }
    // A signal that came meanwhile now meets the caller's disposition.
  }

  std::mutex mutex_;
  std::condition_variable freed_;
  std::array<bool, temp_slots> taken_{};
  std::size_t writers_ = 0;
  std::array<struct sigaction, cleanup_signals.size()> previous_{};
  std::array<bool, cleanup_signals.size()> installed_{};
  struct sigaction previous_xfsz_ {};
  bool xfsz_installed_ = false;
};

// The process's umask. Reading it means setting it: one thread at a time.
mode_t umask_now() {
  static std::mutex reading;
  const std::lock_guard lock(reading);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

// Six characters for a temporary file's name, different on every call (and in every
// process): what mkstemp would choose, but chosen here so that the name is complete
// before the file is created (the signal handler may read it from another thread).
void fill_random_suffix(char* x) {
  static const std::uint64_t seed = [] {
    std::random_device device;
    return (std::uint64_t{device()} << 32) ^ device() ^ static_cast<std::uint64_t>(::getpid());
  }();
  static std::atomic<std::uint64_t> counter{0};
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (counter.fetch_add(1) + 1);  // splitmix64
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  static constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  for (int i = 0; i < 6; ++i) {
    x[i] = alphabet[z % alphabet.size()];
    z /= alphabet.size();
  }
}

// Creates the temporary file `temp` + six characters in `slot`, published to the signal
// handler before it exists. Returns the descriptor, or -1 with errno set.
int create_temp(TempSlot& slot, const std::string& temp) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    const CleanupSignalsBlocked blocked;  // this thread never handles a signal mid-naming
    slot.state.store(slot_naming);
    if (handler_closing.load()) {  // the process is ending: create nothing more
      slot.state.store(slot_free);
      errno = EINTR;
      return -1;
    }
    std::memcpy(slot.path, temp.c_str(), temp.size());
    fill_random_suffix(slot.path + temp.size());
    slot.path[temp.size() + 6] = '\0';
    const int fd = ::open(slot.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    const int code = errno;
    slot.state.store(fd >= 0 ? slot_named : slot_free);
    if (fd >= 0) return fd;
    if (code != EEXIST) {
      errno = code;
      return -1;
    }
  }
  errno = EEXIST;
  return -1;
}

}  // namespace

CleanupSignalsBlocked::CleanupSignalsBlocked() {
  sigset_t set;
  sigemptyset(&set);
  for (const int sig : cleanup_signals) sigaddset(&set, sig);
  ::pthread_sigmask(SIG_BLOCK, &set, &previous_);
}

CleanupSignalsBlocked::~CleanupSignalsBlocked() {
  ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

bool write_file_atomically(const std::string& path, std::string_view text, std::string& error) {
  namespace fs = std::filesystem;
  const auto fail = [&](int code) {
    error = std::strerror(code);
    return false;
  };
  const fs::path target = file_to_replace(path);
  struct stat existing {};
  const bool existed = ::stat(target.c_str(), &existing) == 0;
  if (existed && S_ISDIR(existing.st_mode)) return fail(EISDIR);
  if (existed && !S_ISREG(existing.st_mode)) return write_in_place(target, text, error);

  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // `.NAME.XXXXXX` is 8 bytes longer than NAME: shorten it to stay a valid file name.
  std::string name = target.filename().string();
  if (name.size() > NAME_MAX - 8) name.resize(NAME_MAX - 8);
  const std::string temp = (dir / ("." + name + ".")).string();  // and six characters
  if (temp.size() + 6 >= PATH_MAX) return fail(ENAMETOOLONG);

  TempFileSignals& signals = TempFileSignals::instance();
  TempSlot& slot = signals.acquire();
  struct Release {
    TempFileSignals& signals;
    TempSlot& slot;
    ~Release() { signals.release(slot); }
  } release{signals, slot};
  const int fd = create_temp(slot, temp);
  if (fd < 0) return fail(errno);

  int code = 0;
  if (!write_fully(fd, text) || ::fsync(fd) != 0) code = errno;
  if (code == 0) {
    // The file is created 0600 and the writer's: an existing file keeps its owner and group
    // where the writer may set them (root; a group it is in; otherwise the file becomes
    // the writer's, as with any editor) and its mode; a new file gets the mode of an
    // ordinary new file. Best effort: the text matters more than its metadata.
    if (existed && (existing.st_uid != ::geteuid() || existing.st_gid != ::getegid())) {
      [[maybe_unused]] const bool kept = ::fchown(fd, existing.st_uid, existing.st_gid) == 0 ||
                                         ::fchown(fd, static_cast<uid_t>(-1), existing.st_gid) == 0;
    }
    [[maybe_unused]] const bool moded =
        ::fchmod(fd, existed ? existing.st_mode & 07777 : 0666 & ~umask_now()) == 0;
  }
  if (::close(fd) != 0 && code == 0) code = errno;
  if (code == 0 && ::rename(slot.path, target.c_str()) != 0) code = errno;
  if (code != 0) ::unlink(slot.path);
  slot.state.store(slot_free);
  if (code != 0) return fail(code);
  // Make the rename itself durable; the new file is in place already, so a failure here
  // changes nothing the caller could act on.
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    [[maybe_unused]] const bool synced = ::fsync(dir_fd) == 0;
    ::close(dir_fd);
  }
  return true;
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
    // Printable ASCII, nearly all of a report, is copied a run at a time.
    std::size_t plain = i;
    while (plain < text.size() && byte(plain) >= 0x20 && byte(plain) < 0x7f) ++plain;
    if (plain > i) {
      out.append(text.substr(i, plain - i));
      i = plain;
      continue;
    }
    const unsigned char c = byte(i);
    if (c < 0x80) {
      out += c == '\t' ? ' ' : '?';
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
