// Safe writes (issue 6): every file the program writes (`-o`, `fmt --write`) goes
// through a temporary file renamed into place, so a failure or a kill leaves the old file
// byte-identical and no temporary behind. The failures are real kernel failures: a
// directory the writer may not write (as nobody, since root ignores permissions), the
// file size limit (EFBIG), a full tmpfs (ENOSPC), and kills of the real `evaluate`.
//
// Assertions cannot cross a fork: a child reports through its exit status or a pipe,
// and the parent asserts.

#include <gtest/gtest.h>

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "attain/source.hpp"
#include "helpers.hpp"

#ifndef ATTAIN_EVALUATE_PATH
#error "ATTAIN_EVALUATE_PATH must name the evaluate binary (tests/CMakeLists.txt)"
#endif

namespace attain {
namespace {

namespace fs = std::filesystem;

constexpr uid_t nobody = 65534;
constexpr gid_t nogroup = 65534;

// --- files ------------------------------------------------------------------------------

void put(const fs::path& path, std::string_view text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot create " + path.string() + ": " + std::strerror(errno));
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) {
      ::close(fd);
      throw std::runtime_error("cannot write " + path.string());
    }
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

std::string get(const fs::path& path) {
  std::string error;
  const auto text = read_file(path.string(), error);
  if (!text) throw std::runtime_error("cannot read " + path.string() + ": " + error);
  return *text;
}

std::set<std::string> entries(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& entry : fs::directory_iterator(dir)) out.insert(entry.path().filename().string());
  return out;
}

// The temporary files `.NAME.XXXXXX` left in `dir` for the file `name`.
std::vector<std::string> temporaries(const fs::path& dir, const std::string& name) {
  std::vector<std::string> out;
  const std::string prefix = "." + name + ".";
  for (const std::string& entry : entries(dir)) {
    if (entry.size() == prefix.size() + 6 && entry.starts_with(prefix)) out.push_back(entry);
  }
  return out;
}

mode_t mode_of(const fs::path& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return 0;
  return info.st_mode;
}

// A fresh directory under /tmp for one test, 0755 so that a child running as nobody can
// reach it; removed afterwards (made writable again first).
class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = "/tmp/attain_write_test_" + std::string(info ? info->name() : "suite") + ".XXXXXX";
    if (::mkdtemp(name.data()) == nullptr)
      throw std::runtime_error("mkdtemp: " + std::string(std::strerror(errno)));
    path_ = name;
    ::chmod(path_.c_str(), 0755);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    for (auto it = fs::recursive_directory_iterator(path_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_directory(ec) && !it->is_symlink(ec))
        fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

// --- children ---------------------------------------------------------------------------

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exit " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return std::string("killed by ") + ::strsignal(WTERMSIG(status));
  return "status " + std::to_string(status);
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Gives up root for nobody (root ignores directory permissions); a normal user stays as
// it is. Returns an error message, or "".
std::string drop_privileges() {
  if (::geteuid() != 0) return "";
  if (::setgroups(0, nullptr) != 0 || ::setgid(nogroup) != 0 || ::setuid(nobody) != 0)
    return std::string("cannot become nobody: ") + std::strerror(errno);
  return "";
}

// Runs `body` in a forked child and returns what it returns ("" when all is well), or,
// if the child died, that too.
std::string in_child(const std::function<std::string()>& body) {
  int fds[2];
  if (::pipe(fds) != 0) return "pipe failed";
  const pid_t pid = ::fork();
  if (pid < 0) return "fork failed";
  if (pid == 0) {
    ::close(fds[0]);
    std::string message;
    try {
      message = body();
    } catch (const std::exception& e) {
      message = std::string("exception in the child: ") + e.what();
    }
    write_all(fds[1], message);
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string message;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buffer, sizeof buffer)) != 0) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    message.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  const int status = wait_for(pid);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) message += " [child " + describe_status(status) + "]";
  return message;
}

// Whether every user can reach and run `path`: o+x on each directory above it, o+rx on it.
bool runnable_by_all(const fs::path& path) {
  if ((mode_of(path) & (S_IROTH | S_IXOTH)) != (S_IROTH | S_IXOTH)) return false;
  for (fs::path dir = path.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if ((mode_of(dir) & S_IXOTH) == 0) return false;
    if (dir == dir.root_path()) break;
  }
  return true;
}

// The evaluate binary, copied to a 0755 directory under /tmp when nobody could not run it
// where it was built.
class Binary {
 public:
  Binary() : path_(fs::absolute(ATTAIN_EVALUATE_PATH)) {
    if (::geteuid() != 0 || runnable_by_all(path_)) return;
    std::string dir = "/tmp/attain_write_test_bin.XXXXXX";
    if (::mkdtemp(dir.data()) == nullptr) return;
    ::chmod(dir.c_str(), 0755);
    copy_ = dir;
    fs::copy_file(path_, copy_ / "evaluate");
    fs::permissions(copy_ / "evaluate", fs::perms(0755));
    path_ = copy_ / "evaluate";
  }
  ~Binary() {
    std::error_code ec;
    if (!copy_.empty()) fs::remove_all(copy_, ec);
  }
  Binary(const Binary&) = delete;
  Binary& operator=(const Binary&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
  fs::path copy_;
};

const fs::path& evaluate_binary() {
  static const Binary binary;
  return binary.path();
}

// How to start `evaluate`.
struct Launch {
  std::vector<std::string> args;
  fs::path cwd;
  bool as_nobody = false;
  rlim_t file_size_limit = RLIM_INFINITY;
  bool ignore_sigxfsz = false;  // else SIGXFSZ has its default action (death)
};

struct Outcome {
  int status = 0;
  std::string out, err;

  int exit_code() const { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }
};

// Forks and execs evaluate; in the child, standard output and error go to `out_fd` and
// `err_fd`. The signals the tests send have their default action and are not blocked.
pid_t start(const Launch& launch, int out_fd, int err_fd) {
  const std::string binary = evaluate_binary().string();
  std::vector<std::string> args{binary};
  args.insert(args.end(), launch.args.begin(), launch.args.end());
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  ::dup2(out_fd, STDOUT_FILENO);
  ::dup2(err_fd, STDERR_FILENO);
  const auto fail = [](const char* what) {
    const std::string message = std::string("test child: ") + what + ": " + std::strerror(errno) + "\n";
    write_all(STDERR_FILENO, message);
    ::_exit(127);
  };
  if (!launch.cwd.empty() && ::chdir(launch.cwd.c_str()) != 0) fail("chdir");
  for (int sig : {SIGHUP, SIGINT, SIGTERM, SIGXFSZ}) ::signal(sig, SIG_DFL);
  if (launch.ignore_sigxfsz) ::signal(SIGXFSZ, SIG_IGN);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  if (launch.file_size_limit != RLIM_INFINITY) {
    const rlimit limit{launch.file_size_limit, launch.file_size_limit};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) fail("setrlimit");
  }
  if (launch.as_nobody && !drop_privileges().empty()) fail("setuid");
  ::execv(argv[0], argv.data());
  fail("execv");
  return -1;
}

// Runs evaluate to the end and collects its output.
Outcome run(const Launch& launch) {
  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
  const pid_t pid = start(launch, out[1], err[1]);
  ::close(out[1]);
  ::close(err[1]);
  Outcome result;
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  while (open_fds > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buffer[65536];
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  result.status = wait_for(pid);
  return result;
}

// A run as text, for failure messages.
std::string show(const Outcome& r) {
  return describe_status(r.status) + "\n--- stdout:\n" + r.out + "--- stderr:\n" + r.err;
}

// --- inputs -----------------------------------------------------------------------------

const fs::path& inputs_dir() {
  static const fs::path dir = test::repo_root() / "tests" / "cases" / "inputs";
  return dir;
}

// A valid rule file with `count` indicators on the small dataset's one row, for large
// reports and long formatting. `flush_left` puts every line at column 1, so that `fmt`
// has something to change.
std::string many_indicators(int count, bool flush_left) {
  const std::string indent1 = flush_left ? "" : "  ", indent2 = flush_left ? "" : "    ",
                    indent3 = flush_left ? "" : "      ";
  std::string out =
      "area medarbetare \"Medarbetare\" {\n" + indent1 + "objective goda \"Goda arbetsplatser\" {\n";
  for (int i = 0; i < count; ++i) {
    const std::string n = std::to_string(i);
    out += indent2 + "indicator ind_" + n + " \"Indikator " + n + "\" {\n";
    out += indent3 + "unit percent\n" + indent3 + "lower is better\n";
    out += indent3 + "data personal.sjukfranvaro_total\n" + indent3 + "target <= 3,5 within 0,5\n";
    out += indent2 + "}\n";
  }
  return out + indent1 + "}\n}\n";
}

// The small rule file with its lines flush left: valid, not formatted.
std::string unformatted_small_rules() {
  std::string out;
  for (const std::string& line :
       {std::string("area a \"A\" {"), std::string("indicator x \"X\" {"), std::string("unit percent"),
        std::string("data personal.sjukfranvaro_total"), std::string("target <= 3,5"), std::string("}"),
        std::string("}")})
    out += line + "\n";
  return out;
}

const std::string old_text = "the old contents, which must survive byte for byte\n";

// --- 1. a read-only directory -----------------------------------------------------------

// A directory 0555 with a file 0666 in it: an in-place rewrite would succeed, a write
// through a temporary file in the directory must not.
void make_locked(const ScratchDir& dir, const std::string& file, const std::string& text) {
  fs::create_directory(dir / "locked");
  put(dir / "locked" / file, text);
  ::chmod((dir / "locked" / file).c_str(), 0666);
  ::chmod((dir / "locked").c_str(), 0555);
}

TEST(SafeWriteTest, ReadOnlyDirectoryFailsAndLeavesTheFileAlone) {
  ScratchDir dir;
  make_locked(dir, "report.txt", old_text);
  const fs::path target = dir / "locked" / "report.txt";
  const std::string result = in_child([&] {
    if (const std::string e = drop_privileges(); !e.empty()) return e;
    std::string error;
    const bool ok = write_file_atomically(target.string(), "the new text\n", error);
    return std::string(ok ? "written" : "failed") + ": " + error;
  });
  EXPECT_EQ(result, "failed: Permission denied");
  EXPECT_EQ(get(target), old_text);
  EXPECT_EQ(entries(dir / "locked"), std::set<std::string>{"report.txt"});
}

TEST(SafeWriteTest, OutputIntoReadOnlyDirectoryExits4) {
  ScratchDir dir;
  fs::copy_file(inputs_dir() / "small.rules", dir / "small.rules");
  fs::copy_file(inputs_dir() / "small.yaml", dir / "small.yaml");
  make_locked(dir, "report.html", old_text);
  const Outcome r =
      run({{"small.rules", "small.yaml", "-f", "html", "-o", "locked/report.html"}, dir.path(), true});
  EXPECT_EQ(r.exit_code(), 4) << show(r);
  EXPECT_EQ(r.err, "evaluate: error: cannot write 'locked/report.html': Permission denied\n");
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(get(dir / "locked" / "report.html"), old_text);
  EXPECT_EQ(entries(dir / "locked"), std::set<std::string>{"report.html"});
}

TEST(SafeWriteTest, FmtWriteInReadOnlyDirectoryExits4) {
  ScratchDir dir;
  make_locked(dir, "a.rules", unformatted_small_rules());
  const Outcome r = run({{"fmt", "--write", "locked/a.rules"}, dir.path(), true});
  EXPECT_EQ(r.exit_code(), 4) << show(r);
  EXPECT_EQ(r.err, "evaluate: error: cannot write 'locked/a.rules': Permission denied\n");
  EXPECT_EQ(r.out, "0 of 1 rule file reformatted; 1 could not be written\n");
  EXPECT_EQ(get(dir / "locked" / "a.rules"), unformatted_small_rules());
  EXPECT_EQ(entries(dir / "locked"), std::set<std::string>{"a.rules"});
}

// --- 2. a full disk ---------------------------------------------------------------------

// RLIMIT_FSIZE makes write() fail with EFBIG past the limit: a real kernel failure in the
// middle of the write, without a mount. With SIGXFSZ ignored (as the tests set it up) and
// with its default action, which would kill the writer: the program must turn it into an
// ordinary write error.
constexpr rlim_t file_size_limit = 4096;

std::string write_over_limit(const fs::path& target, bool ignore_sigxfsz) {
  return in_child([&] {
    ::signal(SIGXFSZ, ignore_sigxfsz ? SIG_IGN : SIG_DFL);
    const rlimit limit{file_size_limit, file_size_limit};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return std::string("setrlimit failed");
    std::string error;
    const bool ok = write_file_atomically(target.string(), std::string(64 * 1024, 'n'), error);
    return std::string(ok ? "written" : "failed") + ": " + error;
  });
}

TEST(SafeWriteTest, FileSizeLimitFailsAndLeavesTheFileAlone) {
  for (const bool ignore : {true, false}) {
    SCOPED_TRACE(ignore ? "SIGXFSZ ignored" : "SIGXFSZ with its default action");
    ScratchDir dir;
    put(dir / "report.txt", old_text);
    EXPECT_EQ(write_over_limit(dir / "report.txt", ignore), "failed: File too large");
    EXPECT_EQ(get(dir / "report.txt"), old_text);
    EXPECT_EQ(entries(dir.path()), std::set<std::string>{"report.txt"});
  }
}

TEST(SafeWriteTest, OutputOverFileSizeLimitExits4) {
  for (const bool ignore : {true, false}) {
    SCOPED_TRACE(ignore ? "SIGXFSZ ignored" : "SIGXFSZ with its default action");
    ScratchDir dir;
    put(dir / "big.rules", many_indicators(50, false));
    fs::copy_file(inputs_dir() / "small.yaml", dir / "small.yaml");
    put(dir / "report.html", old_text);
    Launch launch{{"big.rules", "small.yaml", "-f", "html", "-o", "report.html"}, dir.path()};
    launch.file_size_limit = file_size_limit;
    launch.ignore_sigxfsz = ignore;
    const Outcome r = run(launch);
    EXPECT_EQ(r.exit_code(), 4) << show(r);
    EXPECT_EQ(r.err, "evaluate: error: cannot write 'report.html': File too large\n");
    EXPECT_EQ(get(dir / "report.html"), old_text);
    EXPECT_EQ(entries(dir.path()), (std::set<std::string>{"big.rules", "report.html", "small.yaml"}));
  }
}

TEST(SafeWriteTest, FmtWriteOverFileSizeLimitExits4) {
  for (const bool ignore : {true, false}) {
    SCOPED_TRACE(ignore ? "SIGXFSZ ignored" : "SIGXFSZ with its default action");
    ScratchDir dir;
    const std::string rules = many_indicators(200, true);
    ASSERT_GT(rules.size(), file_size_limit);
    put(dir / "big.rules", rules);
    Launch launch{{"fmt", "--write", "big.rules"}, dir.path()};
    launch.file_size_limit = file_size_limit;
    launch.ignore_sigxfsz = ignore;
    const Outcome r = run(launch);
    EXPECT_EQ(r.exit_code(), 4) << show(r);
    EXPECT_EQ(r.err, "evaluate: error: cannot write 'big.rules': File too large\n");
    EXPECT_EQ(get(dir / "big.rules"), rules);
    EXPECT_EQ(entries(dir.path()), std::set<std::string>{"big.rules"});
  }
}

// A real full file system: a 64 KiB tmpfs, mounted in a private mount namespace of a
// child (so nobody else sees it and it goes away with the child). Needs CAP_SYS_ADMIN;
// skipped where mounting is not permitted. The file size limit above always runs.
TEST(SafeWriteTest, FullTmpfsFailsAndLeavesTheFilesAlone) {
  ScratchDir dir;
  fs::create_directory(dir / "disk");
  put(dir / "big.rules", many_indicators(200, false));
  fs::copy_file(inputs_dir() / "small.yaml", dir / "small.yaml");
  const fs::path disk = dir / "disk";
  const std::string unformatted = many_indicators(20, true);
  const std::string result = in_child([&]() -> std::string {
    if (::unshare(CLONE_NEWNS) != 0)
      return std::string("SKIP: unshare(CLONE_NEWNS): ") + std::strerror(errno);
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
      return std::string("SKIP: private mounts: ") + std::strerror(errno);
    if (::mount("tmpfs", disk.c_str(), "tmpfs", 0, "size=64k") != 0)
      return std::string("SKIP: mount -t tmpfs: ") + std::strerror(errno);
    put(disk / "report.html", old_text);
    put(disk / "a.rules", unformatted);
    // Fill the file system to the last block.
    const int fd = ::open((disk / "filler").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    const std::string block(4096, 'f');
    while (::write(fd, block.data(), block.size()) > 0) {
    }
    ::close(fd);
    std::string out;
    std::string error;
    const bool ok = write_file_atomically((disk / "report.html").string(), std::string(8192, 'n'), error);
    out += std::string("unit: ") + (ok ? "written" : "failed") + ": " + error + "\n";
    const Outcome o = run({{"big.rules", "small.yaml", "-f", "html", "-o", "disk/report.html"}, dir.path()});
    out += "-o: " + std::to_string(o.exit_code()) + " " + o.err;
    const Outcome f = run({{"fmt", "--write", "disk/a.rules"}, dir.path()});
    out += "fmt: " + std::to_string(f.exit_code()) + " " + f.err;
    out += get(disk / "report.html") == old_text ? "report intact\n" : "report changed\n";
    out += get(disk / "a.rules") == unformatted ? "rules intact\n" : "rules changed\n";
    for (const std::string& entry : entries(disk)) out += "entry " + entry + "\n";
    return out;
  });
  if (result.starts_with("SKIP: ")) GTEST_SKIP() << result.substr(6);
  EXPECT_EQ(result,
            "unit: failed: No space left on device\n"
            "-o: 4 evaluate: error: cannot write 'disk/report.html': No space left on device\n"
            "fmt: 4 evaluate: error: cannot write 'disk/a.rules': No space left on device\n"
            "report intact\n"
            "rules intact\n"
            "entry a.rules\n"
            "entry filler\n"
            "entry report.html\n");
}

// --- 3. a kill in the middle ------------------------------------------------------------

// Polls (without sleeping) until the child `pid` starts writing `name` in `dir`: a
// temporary file for it appears, or the file itself changes (its inode or size; a
// writer without a temporary file would truncate it), or the child ends. True if the
// child was seen writing while it still ran. The wait is bounded only to avoid a hang.
bool wait_for_writing(pid_t pid, const fs::path& dir, const std::string& name) {
  const auto identity = [&] {
    struct stat info {};
    ::stat((dir / name).c_str(), &info);
    return std::pair{info.st_ino, info.st_size};
  };
  const auto before = identity();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!temporaries(dir, name).empty() || identity() != before) return true;
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == pid)
      return false;  // ended, still to be reaped
  }
  return false;
}

// One kill: what is left of `name` in `dir` must be the old or the new contents, whole.
// After SIGKILL a temporary file may remain (nothing can remove it); it is removed here.
// After SIGTERM, SIGINT or SIGHUP none may remain, and the program must have died of the
// signal (the handler re-raises it) or finished.
struct KillCase {
  std::string what;
  Launch launch;
  fs::path dir;
  std::vector<std::string> names;  // the files written
  std::vector<std::string> olds, news;
};

void check_after_kill(const KillCase& c, int sig, int status, const std::string& when) {
  SCOPED_TRACE(c.what + ", " + ::strsignal(sig) + " " + when);
  EXPECT_TRUE((WIFSIGNALED(status) && WTERMSIG(status) == sig) ||
              (WIFEXITED(status) && WEXITSTATUS(status) == 0))
      << describe_status(status);
  for (std::size_t i = 0; i < c.names.size(); ++i) {
    const std::string now = get(c.dir / c.names[i]);
    EXPECT_TRUE(now == c.olds[i] || now == c.news[i])
        << c.names[i] << " is neither the old nor the new contents (" << now.size() << " bytes; old "
        << c.olds[i].size() << ", new " << c.news[i].size() << ")";
    const std::vector<std::string> left = temporaries(c.dir, c.names[i]);
    if (sig != SIGKILL) {
      EXPECT_TRUE(left.empty()) << "temporary file left after the signal: " << left.front();
    }
    for (const std::string& temp : left) fs::remove(c.dir / temp);
  }
}

void reset(const KillCase& c) {
  for (std::size_t i = 0; i < c.names.size(); ++i) put(c.dir / c.names[i], c.olds[i]);
}

int kill_and_wait(pid_t pid, int sig) {
  ::kill(pid, sig);
  return wait_for(pid);
}

void kill_at_several_points(const KillCase& c) {
  const int null_fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  int rounds_mid_write = 0;
  for (const int sig : {SIGKILL, SIGTERM, SIGINT, SIGHUP}) {
    // After fixed delays: anywhere from before exec to after the end.
    for (const int ms : {0, 1, 2, 5, 10, 20, 50, 100, 200}) {
      reset(c);
      const pid_t pid = start(c.launch, null_fd, null_fd);
      ::usleep(static_cast<useconds_t>(ms) * 1000);
      check_after_kill(c, sig, kill_and_wait(pid, sig), "after " + std::to_string(ms) + " ms");
    }
    // As soon as the first file is being written.
    for (int round = 0; round < 3; ++round) {
      reset(c);
      const pid_t pid = start(c.launch, null_fd, null_fd);
      const bool seen = wait_for_writing(pid, c.dir, c.names.front());
      const int status = kill_and_wait(pid, sig);
      if (seen && get(c.dir / c.names.front()) == c.olds.front()) ++rounds_mid_write;
      check_after_kill(c, sig, status, "once writing started");
    }
  }
  ::close(null_fd);
  // Not asserted (timing): how often the kill came while the temporary file was there.
  std::cout << "[          ] " << c.what << ": " << rounds_mid_write << " of 12 kills while writing\n";
}

TEST(SafeWriteTest, KilledOutputLeavesTheOldReportOrTheNewOne) {
  ScratchDir dir;
  put(dir / "big.rules", many_indicators(3000, false));
  fs::copy_file(inputs_dir() / "small.yaml", dir / "small.yaml");
  const Outcome reference =
      run({{"big.rules", "small.yaml", "-f", "html", "-o", "reference.html"}, dir.path()});
  ASSERT_EQ(reference.exit_code(), 0) << show(reference);
  KillCase c{"-o report.html", {{"big.rules", "small.yaml", "-f", "html", "-o", "report.html"}, dir.path()},
             dir.path(),       {"report.html"},
             {old_text},       {get(dir / "reference.html")}};
  kill_at_several_points(c);
}

// Batch mode: two workers write reports at once; they do not take SIGTERM, SIGINT and
// SIGHUP, so the main thread's handler removes both their temporary files.
TEST(SafeWriteTest, KilledBatchOutputLeavesEachReportOldOrNew) {
  ScratchDir dir;
  put(dir / "big.rules", many_indicators(3000, false));
  fs::create_directory(dir / "data");
  fs::create_directory(dir / "reports");
  KillCase c{"batch -o reports/",
             {{"--jobs", "2", "big.rules", "data", "-f", "html", "-o", "reports"}, dir.path()},
             dir / "reports",
             {},
             {},
             {}};
  for (const char* name : {"a", "b", "c"}) {
    fs::copy_file(inputs_dir() / "small.yaml", dir / "data" / (std::string(name) + ".yaml"));
    c.names.push_back(std::string(name) + ".html");
    c.olds.push_back(old_text);
  }
  const Outcome reference = run({{"big.rules", "data", "-f", "html", "-o", "reference"}, dir.path()});
  ASSERT_EQ(reference.exit_code(), 0) << show(reference);
  for (const std::string& name : c.names) c.news.push_back(get(dir / "reference" / name));
  kill_at_several_points(c);
}

// The blocked signals of a running thread, from /proc (the SigBlk line, bit N-1 for
// signal N); nullopt when the thread is gone or going: once a thread has exited, the
// kernel shows its mask as empty for as long as its entry is still there.
std::optional<unsigned long long> blocked_signals(pid_t pid, const std::string& tid) {
  std::string error;
  const std::optional<std::string> status =
      attain::read_file("/proc/" + std::to_string(pid) + "/task/" + tid + "/status", error);
  if (!status) return std::nullopt;
  const std::size_t state = status->find("\nState:\t");
  if (state == std::string::npos || std::string_view("ZX").find(status->at(state + 8)) != std::string::npos)
    return std::nullopt;
  const std::size_t at = status->find("\nSigBlk:\t");
  if (at == std::string::npos) return std::nullopt;
  return std::stoull(status->substr(at + 9, 16), nullptr, 16);
}

// Precisely what the test above relies on: while they run, batch mode's worker threads
// block SIGHUP, SIGINT and SIGTERM, so that the kernel gives those signals to the main
// thread, which writes no file and so never waits on itself in the handler.
TEST(SafeWriteTest, BatchWorkersLeaveTheCleanUpSignalsToTheMainThread) {
  ScratchDir dir;
  put(dir / "big.rules", many_indicators(3000, false));
  fs::create_directory(dir / "data");
  for (int i = 0; i < 6; ++i)
    fs::copy_file(inputs_dir() / "small.yaml", dir / "data" / ("d" + std::to_string(i) + ".yaml"));
  const int null_fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  const pid_t pid = start({{"--jobs", "2", "big.rules", "data", "-f", "html", "-o", "reports"}, dir.path()},
                          null_fd, null_fd);
  const unsigned long long cleanup =
      (1ULL << (SIGHUP - 1)) | (1ULL << (SIGINT - 1)) | (1ULL << (SIGTERM - 1));
  std::set<std::string> workers;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == pid)
      break;  // ended, still to be reaped
    std::error_code ec;
    for (const auto& task : fs::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
      const std::string tid = task.path().filename().string();
      if (tid == std::to_string(pid)) continue;  // the main thread
      std::optional<unsigned long long> mask = blocked_signals(pid, tid);
      // A thread can exit between the two lines read: look again before failing.
      if (mask && (*mask & cleanup) != cleanup) mask = blocked_signals(pid, tid);
      if (mask) {
        EXPECT_EQ(*mask & cleanup, cleanup) << "thread " << tid << " takes a clean-up signal";
        workers.insert(tid);
      }
    }
  }
  EXPECT_EQ(WEXITSTATUS(wait_for(pid)), 0);
  ::close(null_fd);
  EXPECT_GE(workers.size(), 1u) << "no worker thread was seen";
  EXPECT_EQ(entries(dir / "reports").size(), 6u);
}

TEST(SafeWriteTest, KilledFmtWriteLeavesEachFileOldOrNew) {
  ScratchDir dir;
  KillCase c{"fmt --write", {{"fmt", "--write", "rules"}, dir.path()}, dir / "rules", {}, {}, {}};
  fs::create_directory(dir / "rules");
  // In path order, the order they are written in; the first is the largest.
  for (const auto& [name, count] : {std::pair{"a", 1500}, std::pair{"b", 1000}, std::pair{"c", 500}}) {
    std::string text = many_indicators(count, true);
    for (std::size_t at = 0; (at = text.find("ind_", at)) != std::string::npos; at += 4)
      text.replace(at, 4, std::string(name) + "_");  // distinct ids in each file
    c.names.push_back(std::string(name) + ".rules");
    c.olds.push_back(text);
    put(dir / "rules" / c.names.back(), text);
    const Outcome printed = run({{"fmt", c.names.back()}, dir / "rules"});
    ASSERT_EQ(printed.exit_code(), 0) << show(printed);
    ASSERT_NE(printed.out, text);
    c.news.push_back(printed.out);
  }
  kill_at_several_points(c);
}

// In a forked child: `sig` with its default action, and no signal blocked.
void signal_as_by_default(int sig) {
  ::signal(sig, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

// In-process: a signal while write_file_atomically writes a large text removes the
// temporary file and then kills with that signal.
TEST(SafeWriteTest, SignalDuringTheWriteRemovesTheTemporaryFile) {
  ScratchDir dir;
  const fs::path target = dir / "report.txt";
  const std::string text(32 * 1024 * 1024, 'n');
  int mid_write = 0;
  for (const int sig : {SIGTERM, SIGINT, SIGHUP}) {
    for (int round = 0; round < 3; ++round) {
      SCOPED_TRACE(std::string(::strsignal(sig)) + " round " + std::to_string(round));
      put(target, old_text);
      const pid_t pid = ::fork();
      ASSERT_GE(pid, 0);
      if (pid == 0) {
        signal_as_by_default(sig);
        std::string error;
        ::_exit(write_file_atomically(target.string(), text, error) ? 0 : 1);
      }
      const bool seen = wait_for_writing(pid, dir.path(), "report.txt");
      const int status = kill_and_wait(pid, sig);
      EXPECT_TRUE((WIFSIGNALED(status) && WTERMSIG(status) == sig) ||
                  (WIFEXITED(status) && WEXITSTATUS(status) == 0))
          << describe_status(status);
      const std::string now = get(target);
      EXPECT_TRUE(now == old_text || now == text) << now.size() << " bytes";
      if (seen && now == old_text) ++mid_write;
      EXPECT_EQ(entries(dir.path()), std::set<std::string>{"report.txt"});
    }
  }
  std::cout << "[          ] " << mid_write << " of 9 signals while writing\n";
}

// Several threads writing at once (batch mode's workers), more of them than the writer
// has room for temporary files (16): every file lands whole with an ordinary new file's
// mode (reading the umask means setting it, so a race would leave some 0600 or 0666),
// no temporary file is left, and the umask is as it was.
TEST(SafeWriteTest, ConcurrentWritesEachLandWhole) {
  ScratchDir dir;
  const std::string result = in_child([&] {
    ::umask(022);
    constexpr int threads = 24;
    constexpr int files = 6;
    std::vector<std::thread> writers;
    std::atomic<int> failed{0};
    for (int t = 0; t < threads; ++t) {
      writers.emplace_back([&, t] {
        for (int f = 0; f < files; ++f) {
          const std::string name = fmt::format("t{}_{}.txt", t, f);
          std::string error;
          if (!write_file_atomically((dir / name).string(),
                                     std::string(1000 + t * 100 + f, static_cast<char>('a' + t % 26)), error))
            ++failed;
        }
      });
    }
    for (std::thread& w : writers) w.join();
    std::string out = fmt::format("{} failed", failed.load());
    const mode_t mask = ::umask(0);
    if (mask != 022) out += fmt::format(", umask now {:o}", mask);
    return out;
  });
  EXPECT_EQ(result, "0 failed");
  std::set<std::string> expected;
  for (int t = 0; t < 24; ++t) {
    for (int f = 0; f < 6; ++f) {
      const std::string name = fmt::format("t{}_{}.txt", t, f);
      expected.insert(name);
      EXPECT_EQ(get(dir / name), std::string(1000 + t * 100 + f, static_cast<char>('a' + t % 26))) << name;
      EXPECT_EQ(mode_of(dir / name) & 07777, 0644u) << name;
    }
  }
  EXPECT_EQ(entries(dir.path()), expected);
}

// A signal while several threads write large files removes every temporary file, then
// kills with that signal; each file is old or new, whole.
TEST(SafeWriteTest, SignalDuringConcurrentWritesRemovesEveryTemporaryFile) {
  ScratchDir dir;
  const std::string text(16 * 1024 * 1024, 'n');
  const std::vector<std::string> names{"a.txt", "b.txt", "c.txt"};
  for (const int sig : {SIGTERM, SIGINT, SIGHUP}) {
    SCOPED_TRACE(::strsignal(sig));
    for (const std::string& name : names) put(dir / name, old_text);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      signal_as_by_default(sig);
      std::vector<std::thread> writers;
      for (const std::string& name : names) {
        writers.emplace_back([&, name] {
          std::string error;
          for (int round = 0; round < 4; ++round) write_file_atomically((dir / name).string(), text, error);
        });
      }
      for (std::thread& w : writers) w.join();
      ::_exit(0);
    }
    wait_for_writing(pid, dir.path(), names.front());
    const int status = kill_and_wait(pid, sig);
    EXPECT_TRUE((WIFSIGNALED(status) && WTERMSIG(status) == sig) ||
                (WIFEXITED(status) && WEXITSTATUS(status) == 0))
        << describe_status(status);
    for (const std::string& name : names) {
      const std::string now = get(dir / name);
      EXPECT_TRUE(now == old_text || now == text) << name << ": " << now.size() << " bytes";
    }
    EXPECT_EQ(entries(dir.path()), std::set<std::string>(names.begin(), names.end()));
  }
}

// The signal dispositions and the signal mask are as they were after a write, whether
// default, ignored or handled.
void test_handler(int) {}

TEST(SafeWriteTest, RestoresSignalDispositionsAndMask) {
  ScratchDir dir;
  const std::string result = in_child([&] {
    ::signal(SIGHUP, SIG_IGN);
    ::signal(SIGINT, test_handler);
    ::signal(SIGTERM, SIG_DFL);
    ::signal(SIGXFSZ, SIG_DFL);
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGUSR1);
    ::sigprocmask(SIG_SETMASK, &blocked, nullptr);
    std::string error;
    if (!write_file_atomically((dir / "out.txt").string(), "text\n", error)) return "write failed: " + error;
    std::string out;
    const auto disposition = [](int sig) {
      struct sigaction now {};
      ::sigaction(sig, nullptr, &now);
      return now.sa_handler == SIG_DFL ? "default" : now.sa_handler == SIG_IGN ? "ignored" : "handler";
    };
    for (const int sig : {SIGHUP, SIGINT, SIGTERM, SIGXFSZ}) out += std::string(disposition(sig)) + " ";
    sigset_t mask;
    ::sigprocmask(SIG_SETMASK, nullptr, &mask);
    out += sigismember(&mask, SIGUSR1) ? "USR1 blocked" : "USR1 unblocked";
    for (const int sig : {SIGHUP, SIGINT, SIGTERM, SIGXFSZ})
      if (sigismember(&mask, sig)) out += std::string(", ") + ::strsignal(sig) + " blocked";
    return out;
  });
  EXPECT_EQ(result, "ignored handler default default USR1 blocked");
  EXPECT_EQ(get(dir / "out.txt"), "text\n");
}

// --- 4. other targets -------------------------------------------------------------------

TEST(SafeWriteTest, OutputIntoMissingDirectoryExits4) {
  ScratchDir dir;
  fs::copy_file(inputs_dir() / "small.rules", dir / "small.rules");
  fs::copy_file(inputs_dir() / "small.yaml", dir / "small.yaml");
  const Outcome r = run({{"small.rules", "small.yaml", "-o", "out/report.txt"}, dir.path()});
  EXPECT_EQ(r.exit_code(), 4) << show(r);
  EXPECT_EQ(r.err, "evaluate: error: cannot write 'out/report.txt': No such file or directory\n");
  EXPECT_EQ(entries(dir.path()), (std::set<std::string>{"small.rules", "small.yaml"}));
}

TEST(SafeWriteTest, OutputNamingADirectoryExits4) {
  for (const std::string name : {"reports", "reports/"}) {
    SCOPED_TRACE(name);
    ScratchDir dir;
    fs::copy_file(inputs_dir() / "small.rules", dir / "small.rules");
    fs::copy_file(inputs_dir() / "small.yaml", dir / "small.yaml");
    fs::create_directory(dir / "reports");
    put(dir / "reports" / "keep.txt", old_text);
    const Outcome r = run({{"small.rules", "small.yaml", "-o", name}, dir.path()});
    EXPECT_EQ(r.exit_code(), 4) << show(r);
    EXPECT_EQ(r.err, "evaluate: error: cannot write '" + name + "': Is a directory\n");
    EXPECT_EQ(entries(dir.path()), (std::set<std::string>{"reports", "small.rules", "small.yaml"}));
    EXPECT_EQ(entries(dir / "reports"), std::set<std::string>{"keep.txt"});
    EXPECT_EQ(get(dir / "reports" / "keep.txt"), old_text);
  }
}

// `-o` never writes over an input, however it is named; the input stays as it was.
TEST(SafeWriteTest, OutputRefusesToOverwriteAnInput) {
  ScratchDir dir;
  fs::create_directory(dir / "rules");
  fs::copy_file(inputs_dir() / "small.rules", dir / "rules" / "small.rules");
  fs::copy_file(inputs_dir() / "small.yaml", dir / "small.yaml");
  fs::create_symlink("rules/small.rules", dir / "link.rules");
  fs::create_hard_link(dir / "small.yaml", dir / "hard.yaml");
  const std::string rules = get(dir / "rules" / "small.rules"), dataset = get(dir / "small.yaml");
  const struct {
    std::vector<std::string> args;
    std::string input;
  } cases[] = {
      {{"rules/small.rules", "small.yaml", "-o", "small.yaml"}, "small.yaml"},
      {{"rules/small.rules", "small.yaml", "-o", "rules/small.rules"}, "rules/small.rules"},
      {{"rules", "small.yaml", "-o", "rules/small.rules"}, "rules/small.rules"},  // found in a directory
      {{"rules", "small.yaml", "-o", "./rules/../rules/small.rules"}, "rules/small.rules"},
      {{"rules", "small.yaml", "-o", "link.rules"}, "rules/small.rules"},  // a link to it
      {{"link.rules", "small.yaml", "-o", "rules/small.rules"}, "link.rules"},
      {{"rules", "small.yaml", "-o", "hard.yaml"}, "small.yaml"},  // a hard link
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.args[0] + " -o " + c.args.back());
    const Outcome r = run({c.args, dir.path()});
    EXPECT_EQ(r.exit_code(), 64) << show(r);
    EXPECT_EQ(r.err, "evaluate: refusing to write the report over the input '" + c.input +
                         "'\nRun with --help for more information.\n");
    EXPECT_EQ(get(dir / "rules" / "small.rules"), rules);
    EXPECT_EQ(get(dir / "small.yaml"), dataset);
    EXPECT_TRUE(fs::is_symlink(dir / "link.rules"));
    EXPECT_EQ(entries(dir.path()), (std::set<std::string>{"hard.yaml", "link.rules", "rules", "small.yaml"}));
    EXPECT_EQ(entries(dir / "rules"), std::set<std::string>{"small.rules"});
  }
}

// The existing file's mode is kept through the CLI too (write_file_atomically's own test
// is in source_test.cpp), and as root its owner and group.
TEST(SafeWriteTest, FmtWriteKeepsModeAndOwner) {
  ScratchDir dir;
  put(dir / "a.rules", unformatted_small_rules());
  ::chmod((dir / "a.rules").c_str(), 0640);
  const bool root = ::geteuid() == 0;
  if (root) {
    ASSERT_EQ(::chown((dir / "a.rules").c_str(), nobody, nogroup), 0);
  }
  const Outcome r = run({{"fmt", "--write", "a.rules"}, dir.path()});
  EXPECT_EQ(r.exit_code(), 0) << show(r);
  EXPECT_NE(get(dir / "a.rules"), unformatted_small_rules());
  struct stat info {};
  ASSERT_EQ(::stat((dir / "a.rules").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0640u);
  if (root) {
    EXPECT_EQ(info.st_uid, nobody);
    EXPECT_EQ(info.st_gid, nogroup);
  }
}

// A symbolic link whose target does not exist yet: the target is created, the link stays.
TEST(SafeWriteTest, DanglingSymbolicLinkStaysALink) {
  ScratchDir dir;
  fs::create_directory(dir / "real");
  fs::create_symlink("real/report.txt", dir / "report.txt");
  std::string error;
  ASSERT_TRUE(write_file_atomically((dir / "report.txt").string(), "new\n", error)) << error;
  EXPECT_TRUE(fs::is_symlink(dir / "report.txt"));
  EXPECT_EQ(get(dir / "real" / "report.txt"), "new\n");
  EXPECT_EQ(entries(dir / "real"), std::set<std::string>{"report.txt"});
}

// A name as long as a directory entry may be: the temporary file's longer name must not
// make the write fail.
TEST(SafeWriteTest, LongestFileName) {
  ScratchDir dir;
  const std::string name(255, 'r');
  put(dir / name, old_text);
  std::string error;
  ASSERT_TRUE(write_file_atomically((dir / name).string(), "new\n", error)) << error;
  EXPECT_EQ(get(dir / name), "new\n");
  EXPECT_EQ(entries(dir.path()), std::set<std::string>{name});
}

// A FIFO (or a device, /dev/null) is written to, not replaced by a regular file.
TEST(SafeWriteTest, FifoIsWrittenToNotReplaced) {
  ScratchDir dir;
  const fs::path fifo = dir / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t reader = ::fork();
  ASSERT_GE(reader, 0);
  if (reader == 0) {  // cat pipe > fds[1]
    ::close(fds[0]);
    const int in = ::open(fifo.c_str(), O_RDONLY);
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(in, buffer, sizeof buffer)) > 0)
      write_all(fds[1], std::string_view(buffer, static_cast<std::size_t>(n)));
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string error;
  const bool ok = write_file_atomically(fifo.string(), "through the pipe\n", error);
  if (!S_ISFIFO(mode_of(fifo))) ::kill(reader, SIGKILL);  // it would wait for a writer forever
  std::string got;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0) got.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  wait_for(reader);
  EXPECT_TRUE(ok) << error;
  EXPECT_TRUE(S_ISFIFO(mode_of(fifo)));
  EXPECT_EQ(got, "through the pipe\n");
  EXPECT_EQ(entries(dir.path()), std::set<std::string>{"pipe"});
}

TEST(SafeWriteTest, OutputToACharacterDeviceWritesToIt) {
  if (::geteuid() != 0) GTEST_SKIP() << "mknod of a device needs root";
  ScratchDir dir;
  // A device node like /dev/null (1, 3), in the test's own directory.
  ASSERT_EQ(::mknod((dir / "null").c_str(), S_IFCHR | 0666, makedev(1, 3)), 0);
  fs::copy_file(inputs_dir() / "small.rules", dir / "small.rules");
  fs::copy_file(inputs_dir() / "small.yaml", dir / "small.yaml");
  const Outcome r = run({{"small.rules", "small.yaml", "-o", "null"}, dir.path()});
  EXPECT_EQ(r.exit_code(), 0) << show(r);
  EXPECT_TRUE(S_ISCHR(mode_of(dir / "null")));
  EXPECT_EQ(entries(dir.path()), (std::set<std::string>{"null", "small.rules", "small.yaml"}));
}

// A link to the program's own standard output (/dev/stdout is one): the report goes
// there, the link stays.
TEST(SafeWriteTest, OutputThroughALinkToStandardOutput) {
  ScratchDir dir;
  fs::copy_file(inputs_dir() / "small.rules", dir / "small.rules");
  fs::copy_file(inputs_dir() / "small.yaml", dir / "small.yaml");
  fs::create_symlink("/proc/self/fd/1", dir / "stdout");
  const Outcome to_stdout = run({{"small.rules", "small.yaml"}, dir.path()});
  const Outcome r = run({{"small.rules", "small.yaml", "-o", "stdout"}, dir.path()});
  EXPECT_EQ(r.exit_code(), 0) << show(r);
  EXPECT_EQ(r.out, to_stdout.out);
  EXPECT_TRUE(fs::is_symlink(dir / "stdout"));
  EXPECT_EQ(entries(dir.path()), (std::set<std::string>{"small.rules", "small.yaml", "stdout"}));
}

}  // namespace
}  // namespace attain
