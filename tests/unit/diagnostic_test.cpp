// The diagnostic sink, the compiler-style renderer and did-you-mean suggestions.

#include <gtest/gtest.h>

#include <string>

#include "attain/diagnostic.hpp"

namespace attain {
namespace {

// rules/x.rules, with the misspelled reference on line 3 at bytes [42, 59).
const char* const rules_text =
    "area a \"A\" {\n"
    "  indicator x \"X\" {\n"
    "    data sjukfranvaro.totl\n"
    "  }\n"
    "}\n";

Diagnostic unknown_row() {
  Diagnostic d;
  d.severity = Severity::error;
  d.code = "E0213";
  d.span = Span{0, 42, 59};
  d.message = "unknown dataset row 'sjukfranvaro.totl'";
  return d;
}

// --- DiagnosticSink --------------------------------------------------------------------

TEST(DiagnosticSinkTest, CountsErrorsAndWarnings) {
  DiagnosticSink sink;
  EXPECT_FALSE(sink.has_errors());
  sink.warning("W0301", std::nullopt, "w");
  EXPECT_FALSE(sink.has_errors());
  EXPECT_EQ(sink.warning_count(), 1u);
  sink.error("E0201", Span{0, 1, 2}, "e1");
  sink.error("E0202", std::nullopt, "e2");
  EXPECT_TRUE(sink.has_errors());
  EXPECT_EQ(sink.error_count(), 2u);
  EXPECT_EQ(sink.warning_count(), 1u);
  ASSERT_EQ(sink.diagnostics().size(), 3u);
  EXPECT_EQ(sink.diagnostics()[1].code, "E0201");
  EXPECT_EQ(sink.diagnostics()[1].message, "e1");
  EXPECT_EQ(sink.diagnostics()[1].span, (Span{0, 1, 2}));
  EXPECT_EQ(sink.diagnostics()[0].severity, Severity::warning);
}

TEST(DiagnosticSinkTest, NotesAndHelpsAttachToTheReportedDiagnostic) {
  DiagnosticSink sink;
  sink.error("E0201", Span{0, 5, 6}, "duplicate").note("first here", Span{0, 1, 2}).help("rename it");
  const Diagnostic& d = sink.diagnostics().at(0);
  ASSERT_EQ(d.notes.size(), 2u);
  EXPECT_EQ(d.notes[0].kind, DiagnosticNote::Kind::note);
  EXPECT_EQ(d.notes[0].message, "first here");
  EXPECT_EQ(d.notes[0].span, (Span{0, 1, 2}));
  EXPECT_EQ(d.notes[1].kind, DiagnosticNote::Kind::help);
  EXPECT_EQ(d.notes[1].message, "rename it");
  EXPECT_FALSE(d.notes[1].span);
}

// --- render_diagnostic -------------------------------------------------------------------

TEST(RenderDiagnosticTest, RendersGutterSourceLineCaretHelpAndNote) {
  SourceManager sources;
  sources.add("rules/x.rules", rules_text);
  Diagnostic d = unknown_row();
  d.help("did you mean 'sjukfranvaro.total'?");
  d.note("'x' is first declared here", Span{0, 25, 26});
  EXPECT_EQ(render_diagnostic(d, sources, false),
            "rules/x.rules:3:10: error[E0213]: unknown dataset row 'sjukfranvaro.totl'\n"
            "    3 |     data sjukfranvaro.totl\n"
            "      |          ^~~~~~~~~~~~~~~~~\n"
            "      = help: did you mean 'sjukfranvaro.total'?\n"
            "rules/x.rules:2:13: note: 'x' is first declared here\n"
            "    2 |   indicator x \"X\" {\n"
            "      |             ^\n");
}

TEST(RenderDiagnosticTest, RendersAWarning) {
  SourceManager sources;
  sources.add("rules/x.rules", rules_text);
  Diagnostic d = unknown_row();
  d.severity = Severity::warning;
  d.code = "W0301";
  EXPECT_EQ(render_diagnostic(d, sources, false),
            "rules/x.rules:3:10: warning[W0301]: unknown dataset row 'sjukfranvaro.totl'\n"
            "    3 |     data sjukfranvaro.totl\n"
            "      |          ^~~~~~~~~~~~~~~~~\n");
}

TEST(RenderDiagnosticTest, UnderlinesCodePointsNotBytes) {
  SourceManager sources;
  sources.add("d.yaml", "a\n  name \"m\xC3\xA5lv\xC3\xA4rde\" x\n");
  Diagnostic d;
  d.code = "E0302";
  d.span = Span{0, 2 + 8, 2 + 8 + 10};  // målvärde: 8 code points, 10 bytes
  d.message = "m";
  EXPECT_EQ(render_diagnostic(d, sources, false),
            "d.yaml:2:9: error[E0302]: m\n"
            "    2 |   name \"m\xC3\xA5lv\xC3\xA4rde\" x\n"
            "      |         ^~~~~~~~\n");
}

TEST(RenderDiagnosticTest, AnEmptySpanAtTheEndGetsOneCaret) {
  SourceManager sources;
  sources.add("x.rules", "area a \"A\" {");
  Diagnostic d;
  d.code = "E0105";
  d.span = Span{0, 12, 12};
  d.message = "m";
  d.note("the file ends here");
  EXPECT_EQ(render_diagnostic(d, sources, false),
            "x.rules:1:13: error[E0105]: m\n"
            "    1 | area a \"A\" {\n"
            "      |             ^\n"
            "      = note: the file ends here\n");
}

TEST(RenderDiagnosticTest, ASpanOverSeveralLinesIsUnderlinedToTheEndOfTheFirst) {
  SourceManager sources;
  sources.add("x.rules", "ab cd\nef\n");
  Diagnostic d;
  d.code = "E0201";
  d.span = Span{0, 3, 8};
  d.message = "m";
  EXPECT_EQ(render_diagnostic(d, sources, false),
            "x.rules:1:4: error[E0201]: m\n"
            "    1 | ab cd\n"
            "      |    ^~\n");
}

TEST(RenderDiagnosticTest, CrlfLinesShowNoCarriageReturn) {
  SourceManager sources;
  sources.add("x.rules", "ab\r\ncd\r\n");
  Diagnostic d;
  d.code = "E0201";
  d.span = Span{0, 4, 6};
  d.message = "m";
  EXPECT_EQ(render_diagnostic(d, sources, false),
            "x.rules:2:1: error[E0201]: m\n"
            "    2 | cd\n"
            "      | ^~\n");
}

TEST(RenderDiagnosticTest, WidensTheGutterForLongFiles) {
  SourceManager sources;
  sources.add("x.rules", std::string(9999, '\n') + "tail\n");
  Diagnostic d;
  d.code = "E0201";
  d.span = Span{0, 9999, 10003};
  d.message = "m";
  d.help("h");
  EXPECT_EQ(render_diagnostic(d, sources, false),
            "x.rules:10000:1: error[E0201]: m\n"
            " 10000 | tail\n"
            "       | ^~~~\n"
            "       = help: h\n");
}

TEST(RenderDiagnosticTest, ReplacesTabsAndControlCharacters) {
  SourceManager sources;
  sources.add("x.rules", "\tab\x1b[31m\n");
  Diagnostic d;
  d.code = "E0201";
  d.span = Span{0, 1, 3};
  d.message = "bad \x1b[2J name";
  EXPECT_EQ(render_diagnostic(d, sources, false),
            "x.rules:1:2: error[E0201]: bad ?[2J name\n"
            "    1 |  ab?[31m\n"
            "      |  ^~\n");
}

TEST(RenderDiagnosticTest, InvalidUtf8InTheSourceLineIsReplaced) {
  SourceManager sources;
  sources.add("x.rules", "a \xFF b\n");
  Diagnostic d;
  d.code = "E0201";
  d.span = Span{0, 4, 5};
  d.message = "m";
  EXPECT_EQ(render_diagnostic(d, sources, false),
            "x.rules:1:5: error[E0201]: m\n"
            "    1 | a \xEF\xBF\xBD b\n"
            "      |     ^\n");
}

// Regression: columns count what the terminal shows (each stray continuation byte is one
// U+FFFD), so the reported column and the caret stay under the token after such bytes.
TEST(RenderDiagnosticTest, CaretStaysUnderTheTokenAfterStrayContinuationBytes) {
  SourceManager sources;
  sources.add("x.rules",
              "\x80\x80"
              "ab\n");
  Diagnostic d;
  d.code = "E0201";
  d.span = Span{0, 2, 4};
  d.message = "m";
  EXPECT_EQ(render_diagnostic(d, sources, false),
            "x.rules:1:3: error[E0201]: m\n"
            "    1 | \xEF\xBF\xBD\xEF\xBF\xBD"
            "ab\n"
            "      |   ^~\n");
}

TEST(RenderDiagnosticTest, WithoutASpanShowsThePath) {
  SourceManager sources;
  Diagnostic d;
  d.code = "E0001";
  d.message = "cannot read rule file: No such file or directory";
  d.path = "rules/missing.rules";
  EXPECT_EQ(render_diagnostic(d, sources, false),
            "rules/missing.rules: error[E0001]: cannot read rule file: No such file or directory\n");
}

TEST(RenderDiagnosticTest, WithoutSpanOrPathShowsOnlyTheMessage) {
  SourceManager sources;
  Diagnostic d;
  d.code = "E0100";
  d.message = "m";
  d.help("h");
  EXPECT_EQ(render_diagnostic(d, sources, false), "error[E0100]: m\n      = help: h\n");
}

TEST(RenderDiagnosticTest, ColourWrapsEachPartInAnsiEscapes) {
  SourceManager sources;
  sources.add("x.rules", "ab\n");
  Diagnostic d;
  d.code = "E0201";
  d.span = Span{0, 0, 2};
  d.message = "m";
  d.help("h");
  EXPECT_EQ(render_diagnostic(d, sources, true),
            "\x1b[1mx.rules:1:1: \x1b[1;31merror[E0201]:\x1b[0m \x1b[1mm\x1b[0m\n"
            "\x1b[1;36m    1 |\x1b[0m ab\n"
            "\x1b[1;36m      |\x1b[0m \x1b[1;31m^~\x1b[0m\n"
            "     \x1b[1;36m =\x1b[0m \x1b[1;32mhelp:\x1b[0m h\n");
}

TEST(RenderDiagnosticTest, WarningColourIsYellow) {
  SourceManager sources;
  Diagnostic d;
  d.severity = Severity::warning;
  d.code = "W0303";
  d.message = "m";
  const std::string out = render_diagnostic(d, sources, true);
  EXPECT_NE(out.find("\x1b[1;33mwarning[W0303]:"), std::string::npos) << out;
  EXPECT_EQ(render_diagnostic(d, sources, false).find('\x1b'), std::string::npos);
}

// --- closest_match ------------------------------------------------------------------------

const std::vector<std::string> keywords = {"unit",  "data",       "target",   "higher",
                                           "lower", "cumulative", "breakdown"};

TEST(ClosestMatchTest, SuggestsTheKeywordOneEditAway) {
  EXPECT_EQ(closest_match("targt", keywords), "target");
  EXPECT_EQ(closest_match("dta", keywords), "data");
  EXPECT_EQ(closest_match("cumulativ", keywords), "cumulative");
}

TEST(ClosestMatchTest, AllowsMoreEditsForLongerWords) {
  // Seven letters allow two edits.
  EXPECT_EQ(closest_match("brekdwn", keywords), "breakdown");
  EXPECT_EQ(closest_match("sjukfranvaro_totl", {"sjukfranvaro_total", "heltid_andel"}), "sjukfranvaro_total");
}

TEST(ClosestMatchTest, RejectsWordsTooFarAway) {
  EXPECT_EQ(closest_match("xyz", keywords), std::nullopt);
  EXPECT_EQ(closest_match("goal", {"area"}), std::nullopt);
  EXPECT_EQ(closest_match("ab", {"xy"}), std::nullopt);
  EXPECT_EQ(closest_match("abcdefghijkl", {"abcdefghxxxx"}), std::nullopt);  // 4 edits, limit 3
}

TEST(ClosestMatchTest, AnExactMatchIsNoSuggestion) {
  EXPECT_EQ(closest_match("target", keywords), std::nullopt);
}

TEST(ClosestMatchTest, PrefersTheNearestThenTheFirstCandidate) {
  EXPECT_EQ(closest_match("kvinor", {"man", "kvinna", "kvinnor"}), "kvinnor");
  EXPECT_EQ(closest_match("ab", {"ac", "ad"}), "ac");
}

TEST(ClosestMatchTest, NoCandidatesNoSuggestion) {
  EXPECT_EQ(closest_match("anything", {}), std::nullopt);
}

}  // namespace
}  // namespace attain
