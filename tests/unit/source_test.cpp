// Source files, positions, and reading and writing files.

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>

#include <fmt/format.h>

#include "attain/source.hpp"

namespace attain {
namespace {

namespace fs = std::filesystem;

// A fresh, empty directory for one test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() /
            ("attain_source_test_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

  // The names of the entries in the directory (temp files included).
  std::set<std::string> entries() const {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(path_)) out.insert(e.path().filename().string());
    return out;
  }

 private:
  fs::path path_;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// --- SourceFile ----------------------------------------------------------------------

TEST(SourceFileTest, LineColIsOneBased) {
  const SourceFile f(0, "f.rules", "ab\ncd\n");
  EXPECT_EQ(f.line_col(0).line, 1u);
  EXPECT_EQ(f.line_col(0).column, 1u);
  EXPECT_EQ(f.line_col(1).column, 2u);
  EXPECT_EQ(f.line_col(2).column, 3u);  // the line break itself
  EXPECT_EQ(f.line_col(3).line, 2u);
  EXPECT_EQ(f.line_col(3).column, 1u);
  EXPECT_EQ(f.line_col(4).column, 2u);
}

TEST(SourceFileTest, ColumnsCountCodePointsAfterSwedishLetters) {
  // "åäö x": å, ä and ö are two bytes each; x is byte 7 of the line but column 5.
  const SourceFile f(0, "f.rules", "ab\n\xC3\xA5\xC3\xA4\xC3\xB6 x\n");
  const std::uint32_t x = 3 + 7;
  ASSERT_EQ(f.text()[x], 'x');
  EXPECT_EQ(f.line_col(x).line, 2u);
  EXPECT_EQ(f.line_col(x).column, 5u);
  EXPECT_EQ(f.line_col(3 + 2).column, 2u);  // ä
  EXPECT_EQ(f.line_col(3 + 6).column, 4u);  // the space
}

TEST(SourceFileTest, LineColClampsOffsetsPastTheEnd) {
  const SourceFile f(0, "f.rules", "ab\ncd");
  EXPECT_EQ(f.line_col(5).line, 2u);
  EXPECT_EQ(f.line_col(5).column, 3u);
  EXPECT_EQ(f.line_col(1000).line, 2u);
  EXPECT_EQ(f.line_col(1000).column, 3u);
}

TEST(SourceFileTest, LineCountCountsTheLineAfterTheLastBreak) {
  EXPECT_EQ(SourceFile(0, "f", "").line_count(), 1u);
  EXPECT_EQ(SourceFile(0, "f", "a").line_count(), 1u);
  EXPECT_EQ(SourceFile(0, "f", "a\n").line_count(), 2u);
  EXPECT_EQ(SourceFile(0, "f", "a\nb\nc").line_count(), 3u);
}

TEST(SourceFileTest, LineTextDropsTheLineBreak) {
  const SourceFile f(0, "f.rules", "one\ntwo\nthree");
  EXPECT_EQ(f.line_text(1), "one");
  EXPECT_EQ(f.line_text(2), "two");
  EXPECT_EQ(f.line_text(3), "three");
}

TEST(SourceFileTest, LineTextDropsCarriageReturnOfCrlf) {
  const SourceFile f(0, "f.rules", "one\r\ntwo\r\n");
  EXPECT_EQ(f.line_text(1), "one");
  EXPECT_EQ(f.line_text(2), "two");
  EXPECT_EQ(f.line_text(3), "");
}

TEST(SourceFileTest, LineTextOutsideTheFileIsEmpty) {
  const SourceFile f(0, "f.rules", "one\ntwo");
  EXPECT_EQ(f.line_text(0), "");
  EXPECT_EQ(f.line_text(3), "");
  EXPECT_EQ(f.line_text(100), "");
}

TEST(SourceFileTest, OffsetOfLineAndByteColumn) {
  const SourceFile f(0, "f.rules", "ab\ncd\n");
  EXPECT_EQ(f.offset_of(0, 0), 0u);
  EXPECT_EQ(f.offset_of(1, 0), 3u);
  EXPECT_EQ(f.offset_of(1, 1), 4u);
  EXPECT_EQ(f.offset_of(2, 0), 6u);
}

TEST(SourceFileTest, OffsetOfClampsToTheFile) {
  const SourceFile f(0, "f.rules", "ab\ncd\n");
  EXPECT_EQ(f.offset_of(1, 100), 6u);
  EXPECT_EQ(f.offset_of(9, 0), 6u);
  EXPECT_EQ(f.offset_of(0, 0xFFFFFFFFu), 6u);
}

TEST(SourceFileTest, SliceClampsToTheFile) {
  const SourceFile f(0, "f.rules", "ab\ncd\n");
  EXPECT_EQ(f.slice(Span{0, 3, 5}), "cd");
  EXPECT_EQ(f.slice(Span{0, 0, 0}), "");
  EXPECT_EQ(f.slice(Span{0, 4, 100}), "d\n");
  EXPECT_EQ(f.slice(Span{0, 100, 200}), "");
  EXPECT_EQ(f.slice(Span{0, 5, 3}), "");  // end before begin
}

TEST(SourceFileTest, KeepsIdPathAndText) {
  const SourceFile f(7, "rules/x.rules", "text");
  EXPECT_EQ(f.id(), 7u);
  EXPECT_EQ(f.path(), "rules/x.rules");
  EXPECT_EQ(f.text(), "text");
}

// --- SourceManager -------------------------------------------------------------------

TEST(SourceManagerTest, FileIdsIndexTheFilesInOrder) {
  SourceManager sources;
  const SourceFile& a = sources.add("a.rules", "a");
  const SourceFile& b = sources.add("b.rules", "b");
  EXPECT_EQ(a.id(), 0u);
  EXPECT_EQ(b.id(), 1u);
  EXPECT_EQ(sources.size(), 2u);
  EXPECT_EQ(&sources.file(1), &b);
  EXPECT_EQ(sources.file(0).path(), "a.rules");
}

TEST(SourceManagerTest, FilesDoNotMoveWhenMoreAreAdded) {
  SourceManager sources;
  const SourceFile& first = sources.add("first", "x");
  for (int i = 0; i < 100; ++i) sources.add("more", "y");
  EXPECT_EQ(&sources.file(0), &first);
  EXPECT_EQ(first.text(), "x");
}

TEST(SourceManagerTest, LocationAndFileLine) {
  SourceManager sources;
  sources.add("a.rules", "first\n");
  sources.add("b.rules", "ab\n\xC3\xA5\xC3\xA4\xC3\xB6 x\n");
  const Span x{1, 10, 11};
  EXPECT_EQ(sources.location(x), "b.rules:2:5");
  EXPECT_EQ(sources.file_line(x), "b.rules:2");
  EXPECT_EQ(sources.location(Span{0, 0, 5}), "a.rules:1:1");
}

// --- terminal_safe -------------------------------------------------------------------

// Batch mode: one fork of the rules' manager per dataset.
TEST(SourceManagerTest, ForkSharesTheFilesSoFarAndAddsItsOwnAfterThem) {
  SourceManager rules;
  const SourceFile& a = rules.add("a.rules", "area\n");
  SourceManager one = rules.fork();
  SourceManager two = rules.fork();
  EXPECT_EQ(&one.file(0), &a);  // shared, not copied: spans into the rules stay valid
  EXPECT_EQ(&two.file(0), &a);
  const SourceFile& x = one.add("x.yaml", "x: 1\n");
  const SourceFile& y = two.add("y.yaml", "y: 1\ny: 2\n");
  EXPECT_EQ(x.id(), 1u);
  EXPECT_EQ(y.id(), 1u);  // each fork numbers its own files after the shared ones
  EXPECT_EQ(one.size(), 2u);
  EXPECT_EQ(two.size(), 2u);
  EXPECT_EQ(rules.size(), 1u);  // the original never sees what a fork adds
  EXPECT_EQ(one.location(Span{1, 0, 1}), "x.yaml:1:1");
  EXPECT_EQ(two.location(Span{1, 5, 6}), "y.yaml:2:1");
  EXPECT_EQ(one.location(Span{0, 0, 1}), "a.rules:1:1");
}

TEST(SourceManagerTest, SharedFilesOutliveTheManagerThatAddedThem) {
  std::optional<SourceManager> rules{std::in_place};
  rules->add("a.rules", "area a\n");
  SourceManager fork = rules->fork();
  rules.reset();
  EXPECT_EQ(fork.file(0).text(), "area a\n");
  EXPECT_EQ(fork.location(Span{0, 5, 6}), "a.rules:1:6");
}

TEST(TerminalSafeTest, KeepsPrintableTextAndValidUtf8) {
  EXPECT_EQ(terminal_safe("Total sjukfr\xC3\xA5nvaro \xE2\x88\x92"
                          "143 \xF0\x9F\x98\x80"),
            "Total sjukfr\xC3\xA5nvaro \xE2\x88\x92"
            "143 \xF0\x9F\x98\x80");
  EXPECT_EQ(terminal_safe("62\xC2\xA0"
                          "500"),
            "62\xC2\xA0"
            "500");  // no-break space is printable
  EXPECT_EQ(terminal_safe(""), "");
}

TEST(TerminalSafeTest, ReplacesControlCharacters) {
  EXPECT_EQ(terminal_safe("a\tb"), "a b");
  EXPECT_EQ(terminal_safe("\x1b[31mred\x1b[0m"), "?[31mred?[0m");
  EXPECT_EQ(terminal_safe("a\rb\nc\x7f"), "a?b?c?");
  EXPECT_EQ(terminal_safe(std::string("a\0b", 3)), "a?b");
  EXPECT_EQ(terminal_safe("\xC2\x9B"
                          "31m"),
            "?31m");  // C1 CSI
}

TEST(TerminalSafeTest, ReplacesInvalidUtf8ByteByByte) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(terminal_safe("M\xFFtt"), "M" + fffd + "tt");
  EXPECT_EQ(terminal_safe("\x80"), fffd);
  EXPECT_EQ(terminal_safe("\xC0\xAF"), fffd + fffd);                        // overlong
  EXPECT_EQ(terminal_safe("\xED\xA0\x80"), fffd + fffd + fffd);             // surrogate
  EXPECT_EQ(terminal_safe("x\xE2\x88"), "x" + fffd + fffd);                 // truncated at the end
  EXPECT_EQ(terminal_safe("\xF4\x90\x80\x80"), fffd + fffd + fffd + fffd);  // beyond U+10FFFF
}

// --- read_file -------------------------------------------------------------------------

TEST(ReadFileTest, ReadsTheWholeFileByteForByte) {
  TempDir dir;
  const std::string path = dir.file("in.rules");
  const std::string text = std::string("a\r\nb\0c\n\xC3\xA5", 9);
  std::ofstream(path, std::ios::binary) << text;
  std::string error;
  const auto read = read_file(path, error);
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, text);
  EXPECT_EQ(error, "");
}

TEST(ReadFileTest, ReadsAnEmptyFile) {
  TempDir dir;
  const std::string path = dir.file("empty.rules");
  std::ofstream(path, std::ios::binary).flush();
  std::string error;
  const auto read = read_file(path, error);
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, "");
}

TEST(ReadFileTest, MissingFileGivesTheStrerrorText) {
  TempDir dir;
  std::string error;
  EXPECT_FALSE(read_file(dir.file("missing.rules"), error));
  EXPECT_EQ(error, "No such file or directory");
}

TEST(ReadFileTest, DirectoryIsRejected) {
  TempDir dir;
  std::string error;
  EXPECT_FALSE(read_file(dir.path().string(), error));
  EXPECT_EQ(error, "is a directory");
}

// --- map_file ---------------------------------------------------------------------------

TEST(MapFileTest, MapsTheWholeFileWithZeroPaddingAfterIt) {
  TempDir dir;
  const std::string path = dir.file("data.json");
  // Exactly a page: the padding is on a page of its own, past the end of the file.
  const std::string text(4096, 'x');
  std::ofstream(path, std::ios::binary) << text;
  std::string error;
  std::optional<MappedText> mapped = map_file(path, error, 3);
  ASSERT_TRUE(mapped) << error;
  EXPECT_EQ(mapped->text(), text);
  for (std::size_t i = 0; i < MappedText::padding; ++i) ASSERT_EQ(mapped->text().data()[text.size() + i], 0);
  EXPECT_FALSE(mapped->changed());
}

TEST(MapFileTest, TextGivenBackReadsTheSameAgain) {
  TempDir dir;
  const std::string path = dir.file("data.json");
  std::string text;
  for (int i = 0; i < 100000; ++i) text += fmt::format("rad {}\n", i);
  std::ofstream(path, std::ios::binary) << text;
  std::string error;
  std::optional<MappedText> mapped = map_file(path, error, 3);
  ASSERT_TRUE(mapped) << error;
  SourceManager sources;
  const SourceFile& file = sources.add(path, std::move(*mapped));
  const SourceFile& read = sources.add(path, text);
  file.release(0, text.size());
  file.release(1000, 5000);
  file.release(text.size() - 10, text.size() + 100);  // past the end: up to it
  EXPECT_EQ(file.text(), text);
  EXPECT_EQ(file.readable_after(), MappedText::padding);
  // Lines are found as in a file read into memory.
  ASSERT_EQ(file.line_count(), read.line_count());
  EXPECT_EQ(file.line_text(99999), "rad 99998");
  EXPECT_EQ(sources.location({file.id(), 600000, 600001}),
            sources.location({read.id(), 600000, 600001}).replace(0, path.size(), path));
  EXPECT_FALSE(file.changed());
  EXPECT_FALSE(read.changed());
}

TEST(MapFileTest, AFileWrittenToSinceItWasMappedHasChanged) {
  TempDir dir;
  const std::string path = dir.file("data.json");
  std::ofstream(path, std::ios::binary) << "{\"report\": {}}";
  std::string error;
  std::optional<MappedText> mapped = map_file(path, error, 3);
  ASSERT_TRUE(mapped) << error;
  std::ofstream(path, std::ios::binary | std::ios::app) << " ";
  EXPECT_TRUE(mapped->changed());
}

TEST(MapFileTest, WhatCannotBeMappedIsSaid) {
  TempDir dir;
  std::string error;
  EXPECT_FALSE(map_file(dir.file("missing.json"), error, 3));
  EXPECT_EQ(error, "No such file or directory");
  EXPECT_FALSE(map_file(dir.path().string(), error, 3));
  EXPECT_EQ(error, "is a directory");
  // Empty files and devices are read instead: no error.
  std::ofstream(dir.file("empty.json")).flush();
  EXPECT_FALSE(map_file(dir.file("empty.json"), error, 3));
  EXPECT_EQ(error, "");
  EXPECT_FALSE(map_file("/dev/null", error, 3));
  EXPECT_EQ(error, "");
}

TEST(MapFileDeathTest, AFileTruncatedWhileMappedEndsTheRunWithAMessage) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  TempDir dir;
  const std::string path = dir.file("data.json");
  std::ofstream(path, std::ios::binary) << std::string(3 * 4096, 'x');
  EXPECT_EXIT(
      {
        std::string error;
        std::optional<MappedText> mapped = map_file(path, error, 3);
        if (!mapped) std::_Exit(99);
        mapped->release(0, 3 * 4096);
        fs::resize_file(path, 10);
        volatile char c = mapped->text()[2 * 4096];  // past the end now
        static_cast<void>(c);
        std::_Exit(98);
      },
      ::testing::ExitedWithCode(3), "error: '.*data.json' was truncated while it was read");
}

// --- sha256_hex -------------------------------------------------------------------------

TEST(Sha256Test, KnownDigests) {  // FIPS 180-2 test vectors
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1, '\0')),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
}

// --- write_file_atomically -----------------------------------------------------------

TEST(WriteFileAtomicallyTest, WritesANewFile) {
  TempDir dir;
  const std::string path = dir.file("out.txt");
  std::string error;
  ASSERT_TRUE(write_file_atomically(path, "rapport\n", error)) << error;
  EXPECT_EQ(slurp(path), "rapport\n");
  EXPECT_EQ(dir.entries(), std::set<std::string>{"out.txt"});
}

TEST(WriteFileAtomicallyTest, ReplacesAnExistingFile) {
  TempDir dir;
  const std::string path = dir.file("out.txt");
  std::ofstream(path) << "old contents that are longer than the new ones\n";
  std::string error;
  ASSERT_TRUE(write_file_atomically(path, "new\n", error)) << error;
  EXPECT_EQ(slurp(path), "new\n");
  EXPECT_EQ(dir.entries(), std::set<std::string>{"out.txt"});
}

TEST(WriteFileAtomicallyTest, WritesAnEmptyText) {
  TempDir dir;
  const std::string path = dir.file("out.txt");
  std::string error;
  ASSERT_TRUE(write_file_atomically(path, "", error)) << error;
  EXPECT_TRUE(fs::exists(path));
  EXPECT_EQ(fs::file_size(path), 0u);
}

TEST(WriteFileAtomicallyTest, GivesTheFileOrdinaryPermissions) {
  TempDir dir;
  const std::string path = dir.file("out.txt");
  const mode_t old_mask = ::umask(022);
  std::string error;
  const bool ok = write_file_atomically(path, "x", error);
  ::umask(old_mask);
  ASSERT_TRUE(ok) << error;
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0644u);
}

TEST(WriteFileAtomicallyTest, KeepsTheModeOfAnExistingFile) {
  TempDir dir;
  const std::string path = dir.file("rules.rules");
  std::ofstream(path) << "old\n";
  ASSERT_EQ(::chmod(path.c_str(), 0640), 0);
  std::string error;
  ASSERT_TRUE(write_file_atomically(path, "new\n", error)) << error;
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0640u);
  EXPECT_EQ(slurp(path), "new\n");
}

TEST(WriteFileAtomicallyTest, ThroughASymbolicLinkReplacesTheTargetAndKeepsTheLink) {
  TempDir dir;
  fs::create_directory(dir.path() / "real");
  const std::string target = dir.file("real/a.rules");
  std::ofstream(target) << "old\n";
  const std::string link = dir.file("a.rules");
  fs::create_symlink("real/a.rules", link);
  std::string error;
  ASSERT_TRUE(write_file_atomically(link, "new\n", error)) << error;
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(slurp(target), "new\n");
  EXPECT_EQ(slurp(link), "new\n");
  EXPECT_EQ(dir.entries(), (std::set<std::string>{"a.rules", "real"}));
}

TEST(WriteFileAtomicallyTest, FailsInANonexistentDirectory) {
  TempDir dir;
  std::string error;
  EXPECT_FALSE(write_file_atomically(dir.file("no/such/dir/out.txt"), "x", error));
  EXPECT_EQ(error, "No such file or directory");
  EXPECT_TRUE(dir.entries().empty());
}

TEST(WriteFileAtomicallyTest, FailureOverADirectoryLeavesNoTempFile) {
  // The temporary file is written, then the rename onto a directory fails: it must be
  // removed again and the directory left alone.
  TempDir dir;
  fs::create_directory(dir.path() / "report");
  std::string error;
  EXPECT_FALSE(write_file_atomically(dir.file("report"), "x", error));
  EXPECT_EQ(error, "Is a directory");
  EXPECT_EQ(dir.entries(), std::set<std::string>{"report"});
  EXPECT_TRUE(fs::is_directory(dir.path() / "report"));
}

TEST(WriteFileAtomicallyTest, FailsInADirectoryThatIsNotWritable) {
  if (::geteuid() == 0) GTEST_SKIP() << "root may write to any directory";
  TempDir dir;
  fs::create_directory(dir.path() / "locked");
  fs::permissions(dir.path() / "locked", fs::perms::owner_read | fs::perms::owner_exec);
  std::string error;
  EXPECT_FALSE(write_file_atomically(dir.file("locked/out.txt"), "x", error));
  EXPECT_EQ(error, "Permission denied");
  EXPECT_TRUE(fs::is_empty(dir.path() / "locked"));
}

TEST(WriteFileAtomicallyTest, FailsWhenAParentIsAFile) {
  TempDir dir;
  std::ofstream(dir.file("plain")) << "x";
  std::string error;
  EXPECT_FALSE(write_file_atomically(dir.file("plain/out.txt"), "x", error));
  EXPECT_EQ(error, "Not a directory");
  EXPECT_EQ(dir.entries(), std::set<std::string>{"plain"});
}

}  // namespace
}  // namespace attain
