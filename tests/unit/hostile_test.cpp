// Hostile inputs too large or too generated to check in (tests/hostile/ has the small
// ones): 100 MB lines, deep nesting, alias bombs, 100 000 indicators, and the encoding
// checks every input goes through (docs/limits.md). Each must end in a located error or a
// correct result, never a crash, a hang or unbounded memory; CTest's timeout guards hangs.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "attain/check.hpp"
#include "attain/dataset.hpp"
#include "attain/diagnostic.hpp"
#include "attain/parse.hpp"
#include "attain/source.hpp"
#include "attain/value.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

using test::Session;
using test::small_dataset;

std::size_t lines_of(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

std::size_t longest_line(const std::string& text) {
  std::size_t longest = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    longest = std::max(longest, end - start);
    start = end + 1;
  }
  return longest;
}

// --- encoding ----------------------------------------------------------------------

TEST(Utf8Test, FindsTheFirstByteThatIsNotUtf8) {
  EXPECT_EQ(first_invalid_utf8("Verksamhetsstöd och service ≥ 92 % 😀"), std::nullopt);
  EXPECT_EQ(first_invalid_utf8(""), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("st\xF6"
                               "d"),
            2u);                                           // Windows-1252 'ö'
  EXPECT_EQ(first_invalid_utf8("ab\xC3"), 2u);             // cut off at the end
  EXPECT_EQ(first_invalid_utf8("a\xC0\x80"), 1u);          // overlong NUL
  EXPECT_EQ(first_invalid_utf8("a\xED\xA0\x80"), 1u);      // UTF-16 surrogate
  EXPECT_EQ(first_invalid_utf8("a\xF4\x90\x80\x80"), 1u);  // above U+10FFFF
  EXPECT_EQ(first_invalid_utf8("ok\x80"), 2u);             // a lone continuation byte
}

TEST(Utf8Test, Windows1252RuleFileIsE0004AtTheByteWithTheCharacterItMeant) {
  Session s;
  EXPECT_FALSE(
      s.parse("area a \"Verksamhetsst\xF6"
              "d\" {\n}\n"));
  EXPECT_DIAGNOSTIC(s, "E0004", "the file is not UTF-8: byte 0xF6 here is not part of a character",
                    "test.rules:1:22");
  ASSERT_NE(s.find("E0004"), nullptr);
  EXPECT_EQ(test::helps(*s.find("E0004")),
            std::vector<std::string>{"0xF6 is 'ö' in Windows-1252 (Latin-1): save the file as UTF-8"});
  EXPECT_EQ(s.sink.error_count(), 1u) << "no syntax errors after the encoding error";
}

TEST(Utf8Test, Latin1DatasetIsE0004) {
  Session s;
  EXPECT_FALSE(
      s.load(small_dataset("      r: {label: \"L\xE4"
                           "nk\", values: [1, 2, 3]}\n")));
  ASSERT_NE(s.find("E0004"), nullptr) << s.rendered();
  EXPECT_EQ(s.find("E0004")->message, "the file is not UTF-8: byte 0xE4 here is not part of a character");
}

TEST(Utf8Test, ControlCharactersUtf16AndWorkbooksAreNotText) {
  Session s;
  EXPECT_FALSE(s.parse(std::string("area a \"A\" {\n  \x1b[2J\n}\n")));
  EXPECT_DIAGNOSTIC(s, "E0004", "the file holds the control character U+001B here; it is not a text file",
                    "test.rules:2:3");
  EXPECT_FALSE(s.parse(std::string("area a \"A\0\" {}\n", 16), "nul.rules"));
  EXPECT_DIAGNOSTIC(s, "E0004", "the file holds the control character U+0000 here; it is not a text file",
                    "nul.rules:1:10");
  EXPECT_FALSE(s.parse(std::string("\xFF\xFE"
                                   "a\0r\0",
                                   6),
                       "utf16.rules"));
  EXPECT_DIAGNOSTIC(s, "E0004", "the file is UTF-16, not UTF-8", "utf16.rules:1:1");
  EXPECT_FALSE(s.load(std::string("PK\x03\x04\x14\0", 6), "book.yaml"));
  EXPECT_DIAGNOSTIC(s, "E0004", "the file is a ZIP archive (an .xlsx workbook?), not a text file",
                    "book.yaml:1:1");
}

// The control-character scan looks at eight bytes at a time: every control character
// (and DEL) is found at every place in and across those words, after text with tabs,
// line ends and non-ASCII letters; tab, line feed and carriage return alone pass.
TEST(Utf8Test, EveryControlCharacterIsFoundWhereverItIs) {
  // Mostly printable (whole words of it), then tab, CR and LF: all allowed.
  const std::string line = "Kommunen har 62 500 invånare, ~5,5 %\tx\r\n";
  std::vector<unsigned char> controls;
  for (unsigned c = 0; c < 0x20; ++c) {
    if (c != '\t' && c != '\n' && c != '\r') controls.push_back(static_cast<unsigned char>(c));
  }
  controls.push_back(0x7F);
  for (std::size_t at = 0; at < 2 * line.size(); ++at) {
    std::string text = line + line;
    ASSERT_LT(at, text.size());
    if ((static_cast<unsigned char>(text[at]) & 0xC0) == 0x80 || static_cast<unsigned char>(text[at]) >= 0xC0)
      continue;  // inside å
    for (const unsigned char c : controls) {
      std::string bad = text;
      bad[at] = static_cast<char>(c);
      SourceManager sources;
      DiagnosticSink sink;
      EXPECT_FALSE(check_utf8(sources.add("x.txt", bad), sink)) << "byte " << int(c) << " at " << at;
      ASSERT_EQ(sink.diagnostics().size(), 1u);
      EXPECT_EQ(sink.diagnostics()[0].span->begin, at) << "byte " << int(c) << " at " << at;
    }
  }
  SourceManager sources;
  DiagnosticSink sink;
  EXPECT_TRUE(check_utf8(sources.add("ok.txt", line + line + line), sink));
  EXPECT_TRUE(sink.diagnostics().empty());
}

// A large file is checked a few MB at a time (4 MiB pieces): a character across the
// end of a piece is one character, and a problem in a later piece is found where it is.
TEST(Utf8Test, ALargeFileIsCheckedPieceByPieceWithTheSameResult) {
  constexpr std::size_t piece = std::size_t{4} << 20;
  for (std::size_t before = 0; before < 4; ++before) {
    // "å" (2 bytes) and "€" (3 bytes) ending 0..3 bytes past the end of the first piece.
    for (const std::string letter : {"\xC3\xA5", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"}) {
      std::string text(piece - letter.size() + before, 'a');
      text += letter + "bc\n";
      SourceManager sources;
      DiagnosticSink sink;
      EXPECT_TRUE(check_utf8(sources.add("ok.txt", text), sink)) << before << " " << letter.size();
    }
  }
  std::string text(2 * piece + 100, 'a');
  for (const std::size_t at : {piece - 1, piece, piece + 1, 2 * piece + 50}) {
    for (const char bad : {'\x01', '\xFF'}) {
      std::string wrong = text;
      wrong[at] = bad;
      SourceManager sources;
      DiagnosticSink sink;
      EXPECT_FALSE(check_utf8(sources.add("x.txt", wrong), sink));
      ASSERT_EQ(sink.diagnostics().size(), 1u);
      EXPECT_EQ(sink.diagnostics()[0].span->begin, at);
    }
  }
  // A lead byte at the end of a piece with no continuation after it.
  std::string cut = text;
  cut[piece - 1] = '\xC3';
  SourceManager sources;
  DiagnosticSink sink;
  EXPECT_FALSE(check_utf8(sources.add("x.txt", cut), sink));
  ASSERT_EQ(sink.diagnostics().size(), 1u);
  EXPECT_EQ(sink.diagnostics()[0].span->begin, piece - 1);
}

TEST(Utf8Test, ByteOrderMarkCrlfAndTabsReadTheSameAsPlainText) {
  const std::string rules =
      "area a \"A\" {\n\tindicator x \"Svarsservice\" {\n\t\tunit percent\n\t\tdata t.r\n"
      "\t\ttarget >= 92\n\t}\n}\n";
  const std::string yaml = small_dataset("      r: {label: \"R\", values: [\"90\", \"93,5\", \"92\"]}\n");
  const auto crlf = [](std::string text) {
    std::string out;
    for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
    return out;
  };
  Session plain, windows;
  const auto a = plain.run(rules, yaml);
  const auto b = windows.run("\xEF\xBB\xBF" + crlf(rules), "\xEF\xBB\xBF" + crlf(yaml));
  ASSERT_TRUE(a) << plain.rendered();
  ASSERT_TRUE(b) << windows.rendered();
  ASSERT_EQ(a->items.size(), 1u);
  ASSERT_EQ(b->items.size(), 1u);
  EXPECT_EQ(a->items[0].verdict, b->items[0].verdict);
  EXPECT_EQ(a->items[0].verdict, Verdict::met);
  ASSERT_TRUE(b->items[0].current);
  EXPECT_EQ(b->items[0].current->value.text, "93,5") << "no '\\r' left in a cell";
}

TEST(Utf8Test, ColumnsAfterAByteOrderMarkCountFromTheFirstCharacter) {
  Session s;
  EXPECT_FALSE(
      s.parse("\xEF\xBB\xBF"
              "bogus x \"X\" {\n}\n"));
  ASSERT_FALSE(s.sink.diagnostics().empty());
  EXPECT_EQ(s.where(s.sink.diagnostics().front()), "test.rules:1:1");
  EXPECT_EQ(s.rendered().find("\xEF\xBB\xBF"), std::string::npos) << "the mark is not printed";
}

TEST(Utf8Test, AByteOrderMarkAfterTheStartIsAnErrorNotASilentSpace) {
  Session s;
  EXPECT_FALSE(s.parse("area a \"A\" {\n}\n\xEF\xBB\xBF"));
  EXPECT_DIAGNOSTIC(s, "E0101",
                    "expected 'area', 'check', 'const', 'profile' or 'test' at the top level of a rule file",
                    "test.rules:3:1");
}

TEST(TerminalSafeTest, InvisibleAndBidirectionalCharactersAreShown) {
  // U+202E (right-to-left override) could make an excerpt read differently from the file.
  EXPECT_EQ(terminal_safe("a\xE2\x80\xAE"
                          "b\xE2\x80\x8B"
                          "c\xEF\xBB\xBF"
                          "d"),
            "a?b?c?d");
  EXPECT_EQ(terminal_safe("≥ 92 % – Linköping"), "≥ 92 % – Linköping");
}

// --- sizes ---------------------------------------------------------------------------

TEST(HostileSizeTest, A100MbOneLineRuleFileGivesAShortLocatedError) {
  Session s;
  const std::string text = "area a \"" + std::string(100'000'000, 'x');  // a string never closed
  EXPECT_FALSE(s.parse(text, "long.rules"));
  ASSERT_FALSE(s.sink.diagnostics().empty());
  // The string is never closed: the error stands where the file ends, on line 1.
  EXPECT_EQ(s.where(s.sink.diagnostics().front()), "long.rules:1:100000009");
  const std::string shown = s.rendered();
  EXPECT_LT(shown.size(), 2000u) << "the excerpt is cut, not 100 MB";
  EXPECT_NE(shown.find("…"), std::string::npos);
}

TEST(HostileSizeTest, A100MbOneLineDatasetGivesAShortLocatedError) {
  Session s;
  const std::string text = "report: {title: \"" + std::string(100'000'000, 'x') + "\", period: 2020-13}\n";
  EXPECT_FALSE(s.load(text, "long.yaml"));
  ASSERT_FALSE(s.sink.diagnostics().empty()) << "no error";
  EXPECT_LT(s.rendered().size(), 4000u);
  for (const Diagnostic& d : s.sink.diagnostics()) EXPECT_LE(d.message.size(), 1003u);
}

TEST(HostileSizeTest, ExcerptOfALongLineKeepsTheCaretUnderTheMistake) {
  SourceManager sources;
  std::string line(10'000, 'a');
  line.replace(6'000, 5, "ERROR");
  const SourceFile& file = sources.add("wide.rules", "x\n" + line + "\n");
  Diagnostic d;
  d.code = "E0000";
  d.message = "m";
  d.span = Span{file.id(), 2 + 6'000, 2 + 6'005};
  const std::string out = render_diagnostic(d, sources, false);
  ASSERT_EQ(lines_of(out), 3u) << out;
  EXPECT_LE(longest_line(out), 140u) << out;
  const std::size_t excerpt = out.find('\n') + 1;
  const std::size_t underline = out.find('\n', excerpt) + 1;
  const std::string excerpt_line = out.substr(excerpt, underline - excerpt);
  const std::string underline_line = out.substr(underline);
  // The caret and the word are at the same display column ('…' is one column, 3 bytes).
  const auto column = [](const std::string& text, std::size_t byte) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < byte; ++i) n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    return n;
  };
  EXPECT_EQ(column(excerpt_line, excerpt_line.find("ERROR")),
            column(underline_line, underline_line.find("^~~~~")))
      << out;
  EXPECT_EQ(out.substr(0, out.find('\n')), "wide.rules:2:6001: error[E0000]: m");
}

TEST(HostileSizeTest, MessagesQuotingHugeTextAreCut) {
  DiagnosticSink sink;
  Diagnostic& d = sink.error("E0000", std::nullopt, "unknown id '" + std::string(50'000, 'y') + "'");
  d.help("did you mean '" + std::string(50'000, 'z') + "'?");
  EXPECT_LE(d.message.size(), 1003u);
  EXPECT_TRUE(d.message.ends_with("…"));
  EXPECT_LE(d.notes.at(0).message.size(), 1003u);
  // A cut never splits a character.
  Diagnostic& e = sink.error("E0000", std::nullopt, std::string(999, 'a') + "ö" + std::string(10, 'b'));
  EXPECT_EQ(first_invalid_utf8(e.message), std::nullopt);
}

TEST(HostileSizeTest, ARuleSetOf100000IndicatorsChecksAndEvaluates) {
  std::string rules = "area a \"A\" {\n";
  std::string rows;
  for (int i = 0; i < 100'000; ++i) {
    rules += fmt::format(
        "  indicator i{} \"I {}\" {{\n    unit count\n    data t.r{}\n    target >= {}\n  }}\n", i, i, i, i);
    rows += fmt::format("      r{}: {{values: [1, {}, x]}}\n", i, i + (i % 2 == 0 ? 0 : -1));
  }
  rules += "}\n";
  Session s;
  const auto results = s.run(rules, small_dataset(rows));
  ASSERT_TRUE(results) << s.rendered().substr(0, 2000);
  ASSERT_EQ(results->items.size(), 100'000u);
  EXPECT_EQ(results->items[0].verdict, Verdict::met);
  EXPECT_EQ(results->items[1].verdict, Verdict::not_met);
  EXPECT_EQ(results->items[99'998].verdict, Verdict::met);
}

// --- nesting and aliases ---------------------------------------------------------------

TEST(HostileNestingTest, YamlNested100000DeepIsALocatedError) {
  for (const auto& [open, close] : {std::pair{"[", "]"}, std::pair{"{a: ", "}"}}) {
    Session s;
    std::string text = "report: ";
    for (int i = 0; i < 100'000; ++i) text += open;
    for (int i = 0; i < 100'000; ++i) text += close;
    EXPECT_FALSE(s.load(text + "\n", "deep.yaml"));
    ASSERT_NE(s.find("E0301"), nullptr) << open;
    EXPECT_EQ(s.find("E0301")->message,
              "malformed YAML: nested deeper than the YAML reader allows (about 500 levels)");
  }
}

// A "billion laughs" inside the dataset's own shape: rows whose breakdowns are aliases of
// aliases, 2^40 rows in all.
std::string alias_bomb() {
  std::string text =
      "report: {title: \"T\", organisation: \"O\", municipality: \"M\", period: \"2020-03\"}\n"
      "x0: &r0 {label: \"l\", values: [1]}\n";
  for (int i = 1; i <= 40; ++i) {
    text += fmt::format("x{}: &r{} {{label: \"l\", values: [1], rows: {{a: *r{}, b: *r{}}}}}\n", i, i, i - 1,
                        i - 1);
  }
  return text +
         "tables:\n  t:\n    title: \"T\"\n    columns:\n      - {id: c, label: \"C\", kind: actual}\n"
         "    rows:\n      big: *r40\n";
}

TEST(HostileNestingTest, AliasBombIsE0311AtTheAliasThatWentOver) {
  Session s;
  EXPECT_FALSE(s.load(alias_bomb(), "bomb.yaml"));
  EXPECT_DIAGNOSTIC(s, "E0311",
                    "YAML aliases here stand for more than 1 000 000 values in all; the file is not loaded",
                    "bomb.yaml:17:56");
  EXPECT_EQ(s.sink.error_count(), 1u);
}

TEST(HostileNestingTest, ClassicBillionLaughsOutsideTheSchemaIsE0311Too) {
  std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    text += fmt::format("a{}: &a{} [", i, i);
    for (int k = 0; k < 9; ++k) text += fmt::format("{}*a{}", k ? ", " : "", i - 1);
    text += "]\n";
  }
  Session s;
  EXPECT_FALSE(s.load(text, "laughs.yaml"));
  ASSERT_NE(s.find("E0311"), nullptr) << s.rendered();
}

TEST(HostileNestingTest, AliasesUsedTheOrdinaryWayStillLoad) {
  Session s;
  const auto data = s.load(
      "report: {title: \"T\", organisation: \"O\", municipality: \"M\", period: \"2020-03\"}\n"
      "tables:\n"
      "  t:\n    title: \"T\"\n    columns: &cols\n"
      "      - {id: c2019, label: \"2019\", kind: actual, period: \"2019\"}\n"
      "      - {id: c2020, label: \"2020\", kind: actual, period: \"2020-03\"}\n"
      "    rows:\n      r: {label: \"R\", values: [1, 2]}\n"
      "  u:\n    title: \"U\"\n    columns: *cols\n    rows:\n      r: {label: \"R\", values: [3, 4]}\n");
  ASSERT_TRUE(data) << s.rendered();
  ASSERT_EQ(data->tables.size(), 2u);
  EXPECT_EQ(data->tables[1].columns.size(), 2u);
  EXPECT_EQ(data->tables[1].value(data->tables[1].rows[0], 1).text, "4");
}

// An alias inside the node its own anchor marks would make the rows contain themselves;
// yaml-cpp's tree followed it until the stack overflowed. Now E0312 at the alias, for an
// alias among the rows and for one among a row's cells.
TEST(HostileNestingTest, AliasInsideItsOwnAnchorIsE0312NotAnEndlessRepetition) {
  const std::string head =
      "report: {title: \"T\", period: \"2020-03\"}\n"
      "tables:\n  t:\n    columns: [{id: a}]\n";
  {
    Session s;
    EXPECT_FALSE(s.load(head + "    rows: &r\n      x: {rows: *r}\n", "rows.yaml"));
    EXPECT_DIAGNOSTIC(
        s, "E0312", "this alias stands inside the node its anchor names, so it would repeat itself for ever",
        "rows.yaml:6:17");
    EXPECT_EQ(s.sink.error_count(), 1u);
  }
  {
    Session s;
    EXPECT_FALSE(s.load(head + "    rows:\n      x: {values: &v [*v]}\n", "cells.yaml"));
    EXPECT_DIAGNOSTIC(
        s, "E0312", "this alias stands inside the node its anchor names, so it would repeat itself for ever",
        "cells.yaml:6:23");
  }
}

TEST(HostileNestingTest, TwoYamlDocumentsAreAnErrorNotASilentlyDroppedSecondHalf) {
  Session s;
  const std::string one = small_dataset("      r: {values: [1, 2, 3]}\n");
  EXPECT_FALSE(s.load("# comment\n---\n" + one + "---\n" + one, "two.yaml"));
  ASSERT_NE(s.find("E0301"), nullptr) << s.rendered();
  EXPECT_EQ(s.find("E0301")->message,
            "malformed YAML: a second document starts here; a dataset is one YAML document");
  EXPECT_EQ(s.where(*s.find("E0301")), fmt::format("two.yaml:{}:1", lines_of(one) + 3));
  Session ok;
  EXPECT_TRUE(ok.load("---\n" + one + "...\n# end\n")) << ok.rendered();
}

TEST(HostileNestingTest, AnUnclosedQuoteOrBracketOrAMissingColonGetsANoteWhereItIs) {
  const std::string head = small_dataset("");
  const auto note_of = [&](const std::string& rows) {
    Session s;
    EXPECT_FALSE(s.load(head + rows, "x.yaml"));
    const Diagnostic* d = s.find("E0301");
    if (!d || d->notes.empty() || !d->notes[0].span) return std::string("(no note) ") + s.rendered();
    return s.sources.location(*d->notes[0].span) + " " + d->notes[0].message;
  };
  const std::size_t row = lines_of(head) + 1;
  EXPECT_EQ(note_of("      r:\n        values: [1, 2, 3\n      q: {values: [1, 2, 3]}\n"),
            fmt::format("x.yaml:{}:17 this '[' is not closed on its line", row + 1));
  EXPECT_EQ(note_of("      r:\n        label \"R\"\n        values: [1, 2, 3]\n"),
            fmt::format("x.yaml:{}:14 no ':' after 'label' on this line", row + 1));
}

// yaml-cpp itself accepts a quote left open to the end of the file, making every line
// after it part of one text: the rows after it would vanish in silence.
TEST(HostileNestingTest, AQuoteNeverClosedIsAnErrorAtTheQuote) {
  Session s;
  const std::string head = small_dataset("");
  EXPECT_FALSE(
      s.load(head + "      r:\n        label: \"R\n        values: [1, 2, 3]\n      q: {values: [1, 2, 3]}\n",
             "x.yaml"));
  EXPECT_DIAGNOSTIC(
      s, "E0301",
      "malformed YAML: this quote is never closed; everything after it up to the end of the file would be "
      "one text",
      fmt::format("x.yaml:{}:16", lines_of(head) + 2));
  Session ok;  // quotes inside comments, plain text and escapes are not openings
  EXPECT_TRUE(
      ok.load(head + "      # a \"comment\n      r: {label: It\"s \"a \\\" b\", values: [1, 2, 3]}\n"))
      << ok.rendered();
}

TEST(HostileNestingTest, TabIndentationGetsANoteAtTheTab) {
  Session s;
  EXPECT_FALSE(s.load("report:\n\ttitle: x\n", "tab.yaml"));
  ASSERT_NE(s.find("E0301"), nullptr) << s.rendered();
  ASSERT_EQ(s.find("E0301")->notes.size(), 1u);
  EXPECT_EQ(s.find("E0301")->notes[0].message,
            "YAML indents with spaces only; this line is indented with a tab");
  ASSERT_TRUE(s.find("E0301")->notes[0].span);
  EXPECT_EQ(s.sources.location(*s.find("E0301")->notes[0].span), "tab.yaml:2:1");
}

// --- files -----------------------------------------------------------------------------

TEST(HostileFileTest, ADirectoryIsNotAFile) {
  std::string error;
  EXPECT_FALSE(read_file(std::filesystem::temp_directory_path().string(), error));
  EXPECT_EQ(error, "is a directory");
}

TEST(HostileFileTest, ADeviceWithoutEndStopsAtTheLimit) {
  std::string error;
  EXPECT_FALSE(read_file("/dev/zero", error, 1 << 20));
  EXPECT_EQ(error, "larger than 1 MiB, the limit for one input file");
  EXPECT_FALSE(read_file("/dev/zero", error, 1000));
  EXPECT_EQ(error, "larger than 1000 bytes, the limit for one input file");
}

TEST(HostileFileTest, AFileOfExactlyTheLimitIsRead) {
  const auto path = std::filesystem::temp_directory_path() / "attain-limit-test.txt";
  std::ofstream(path) << std::string(1000, 'a');
  std::string error;
  const auto text = read_file(path.string(), error, 1000);
  std::filesystem::remove(path);
  ASSERT_TRUE(text) << error;
  EXPECT_EQ(text->size(), 1000u);
}

TEST(HostileFileTest, ARuleFileThatDeclaresNothingIsW0206) {
  for (const char* text : {"", "  \n\t\n", "# Målområde: Medborgare\n# (to be written)\n"}) {
    Session s;
    EXPECT_TRUE(s.parse(text)) << s.rendered();
    EXPECT_DIAGNOSTIC(s, "W0206", "the rule file declares nothing", "test.rules:1:1");
  }
  Session broken;  // a file whose only declaration has an error gets that error alone
  EXPECT_FALSE(broken.parse("const c = 62 50\n"));
  EXPECT_EQ(broken.count("W0206"), 0u) << broken.rendered();
  Session tests_only;
  tests_only.parse("test t \"T\" {\n  given x = 1\n  expect x met\n}\n");
  EXPECT_EQ(tests_only.count("W0206"), 0u);
}

TEST(HostileNumberTest, ADotBeforeThreeDigitsIsReadAsWrittenWithW0307) {
  Session s;
  const auto data = s.load(
      small_dataset(
          "      r: {values: [\"62.500\", \"-1.250\", \"0.125\"]}\n      q: {values: [99.1, 1.2345, 625]}\n"),
      "dots.yaml");
  ASSERT_TRUE(data) << s.rendered();
  EXPECT_EQ(data->tables[0].value(data->tables[0].rows[0], 0).number, Decimal::from_units(625, 1));
  EXPECT_DIAGNOSTIC(s, "W0307",
                    "'62.500' is read as 62,5; a '.' before exactly three digits may group thousands",
                    "dots.yaml:14:20");
  EXPECT_DIAGNOSTIC(s, "W0307",
                    "'-1.250' is read as −1,25; a '.' before exactly three digits may group thousands",
                    "dots.yaml:14:30");
  EXPECT_EQ(s.count("W0307"), 2u) << "0.125, 99.1 and 1.2345 are ordinary decimals";
}

TEST(HostileNumberTest, ADotBeforeThreeDigitsInARuleIsW0207) {
  Session s;
  EXPECT_TRUE(s.parse("const a = 220.000\nconst b = 0.125\nconst c = 99.5\n"));
  EXPECT_DIAGNOSTIC(s, "W0207",
                    "'220.000' is read as 220; a '.' before exactly three digits may group thousands",
                    "test.rules:1:11");
  EXPECT_EQ(s.count("W0207"), 1u);
}

TEST(HostileSyntaxTest, ATargetWithoutComparatorPointsAtTheNumber) {
  Session s;
  EXPECT_FALSE(s.parse("area a \"A\" {\n  indicator x \"X\" {\n    target 92\n    data t.r\n  }\n}\n"));
  EXPECT_DIAGNOSTIC(
      s, "E0115",
      "expected a target: a comparator and a number such as >= 92, a range such as 90..100, 'pending' or "
      "'none'",
      "test.rules:3:12");
  ASSERT_NE(s.find("E0115"), nullptr);
  EXPECT_EQ(test::helps(*s.find("E0115")),
            std::vector<std::string>{"a target needs a comparator before the number, as in: target >= 92"});
}

TEST(HostileFileTest, ARuleFileNamedTwiceIsReadOnce) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "attain-named-twice";
  fs::create_directories(dir);
  std::ofstream(dir / "a.rules") << "const c = 1\n";
  SourceManager sources;
  DiagnosticSink sink;
  const auto files = load_rule_files(
      {(dir / "a.rules").string(), dir.string(), (dir / "." / "a.rules").string()}, sources, sink);
  fs::remove_all(dir);
  EXPECT_EQ(files.size(), 1u);
  EXPECT_TRUE(sink.diagnostics().empty());
}

TEST(HostileSyntaxTest, ASwedishLetterInAnIdGetsTheAsciiId) {
  Session s;
  EXPECT_FALSE(s.parse("area a \"A\" {\n  indicator sjukfrånvaro_total \"Sjukfrånvaro\" {\n  }\n}\n"));
  ASSERT_FALSE(s.sink.diagnostics().empty());
  EXPECT_EQ(
      test::helps(s.sink.diagnostics().front()),
      std::vector<std::string>{"ids are ASCII letters, digits and _ (a display name in quotes may hold any "
                               "letter): write 'sjukfranvaro_total'"});
}

TEST(HostileSyntaxTest, LookalikeCharactersAreNamed) {
  Session s;
  EXPECT_FALSE(s.parse("area a “A” {\n}\n", "quotes.rules"));
  ASSERT_FALSE(s.sink.diagnostics().empty());
  EXPECT_EQ(
      test::helps(s.sink.diagnostics().front()),
      std::vector<std::string>{"'“' is a typographic quote: write a straight double quote \" (turn off smart "
                               "quotes)"});
}

TEST(HostileFileTest, AnEmptyDatasetIsALocatedError) {
  Session s;
  EXPECT_FALSE(s.load("", "empty.yaml"));
  EXPECT_DIAGNOSTIC(s, "E0304", "a dataset must be a map with the keys 'report' and 'tables'",
                    "empty.yaml:1:1");
}

}  // namespace
}  // namespace attain
