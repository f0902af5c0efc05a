// Diagnostics for machines and for `evaluate check`: render_diagnostics as JSON, SARIF
// 2.1.0 and text; the warnings for likely mistakes (W0201-W0205); and parsing that
// recovers after a syntax error (parse_rules_recovering), whose declarations are checked.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "attain/check.hpp"
#include "attain/diagnostic.hpp"
#include "attain/parse.hpp"
#include "attain/render.hpp"
#include "attain/version.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

using test::helps;
using test::note_location;
using test::notes;
using test::one_indicator;
using test::Session;
using Json = nlohmann::json;

// The span of the `occurrence`-th (0-based) appearance of `needle` in `file`.
Span span_of(const SourceFile& file, std::string_view needle, std::size_t occurrence = 0) {
  std::size_t at = file.text().find(needle);
  for (std::size_t i = 0; i < occurrence && at != std::string::npos; ++i) {
    at = file.text().find(needle, at + 1);
  }
  EXPECT_NE(at, std::string::npos) << "'" << needle << "' is not in " << file.path();
  if (at == std::string::npos) return {file.id(), 0, 0};
  return {file.id(), static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + needle.size())};
}

// --- render_diagnostics: the fixture ---------------------------------------------------------

// rules/x.rules, with a non-ASCII display name on line 1 so that byte and code-point
// columns differ, and data.yaml for a note in another file.
const char* const x_rules =
    "area a \"Ärenden\" {\n"
    "  indicator x \"X\" {\n"
    "    data t.r\n"
    "  }\n"
    "}\n";

const char* const data_yaml =
    "tables:\n"
    "  t:\n"
    "    rows:\n"
    "      r: {values: [1]}\n";

class DiagnosticsFormatTest : public ::testing::Test {
 protected:
  DiagnosticsFormatTest()
      : rules_(sources_.add("rules/x.rules", x_rules)), data_(sources_.add("data.yaml", data_yaml)) {}

  // An error with a span, a help and a note pointing into another file.
  Diagnostic unknown_row() const {
    Diagnostic d;
    d.severity = Severity::error;
    d.code = "E0213";
    d.span = span_of(rules_, "t.r");
    d.message = "unknown row 'r' in dataset table 't'";
    d.help("did you mean 't.s'?");
    d.note("the table is here", span_of(data_, "t:"));
    return d;
  }

  // A warning with a note in the same file and no help.
  Diagnostic duplicate() const {
    Diagnostic d;
    d.severity = Severity::warning;
    d.code = "W0205";
    d.span = span_of(rules_, "x");
    d.message = "breakdown 'x' of 'y' has the id of another declaration";
    Span area_id = span_of(rules_, "a \"");  // the id `a` on line 1
    area_id.end = area_id.begin + 1;
    d.note("declared here", area_id);
    return d;
  }

  // A problem with no position: only the path of the file.
  static Diagnostic unreadable() {
    Diagnostic d;
    d.severity = Severity::error;
    d.code = "E0001";
    d.message = "cannot read dataset: No such file or directory";
    d.path = "missing.yaml";
    return d;
  }

  std::string render(const std::vector<Diagnostic>& ds, DiagnosticFormat format, bool color = false) const {
    return render_diagnostics(ds, sources_, format, color);
  }

  Json sarif(const std::vector<Diagnostic>& ds) const {
    return Json::parse(render(ds, DiagnosticFormat::sarif));
  }

  // The region of the first result's first location, for a diagnostic on `span`.
  Json region_of(Span span) const {
    Diagnostic d = unknown_row();
    d.notes.clear();
    d.span = span;
    return sarif({d}).at(Json::json_pointer("/runs/0/results/0/locations/0/physicalLocation/region"));
  }

  SourceManager sources_;
  const SourceFile& rules_;
  const SourceFile& data_;
};

// --- JSON ------------------------------------------------------------------------------------

TEST_F(DiagnosticsFormatTest, JsonIsAnArrayWithCodeSeverityMessageLocationAndNotes) {
  Diagnostic no_place;
  no_place.code = "E0100";
  no_place.message = "the rule file could not be parsed";
  EXPECT_EQ(render({unknown_row(), duplicate(), unreadable(), no_place}, DiagnosticFormat::json),
            "[\n"
            "  {\n"
            "    \"code\": \"E0213\",\n"
            "    \"severity\": \"error\",\n"
            "    \"message\": \"unknown row 'r' in dataset table 't'\",\n"
            "    \"location\": \"rules/x.rules:3:10\",\n"
            "    \"notes\": [\n"
            "      {\n"
            "        \"kind\": \"help\",\n"
            "        \"message\": \"did you mean 't.s'?\",\n"
            "        \"location\": null\n"
            "      },\n"
            "      {\n"
            "        \"kind\": \"note\",\n"
            "        \"message\": \"the table is here\",\n"
            "        \"location\": \"data.yaml:2:3\"\n"
            "      }\n"
            "    ]\n"
            "  },\n"
            "  {\n"
            "    \"code\": \"W0205\",\n"
            "    \"severity\": \"warning\",\n"
            "    \"message\": \"breakdown 'x' of 'y' has the id of another declaration\",\n"
            "    \"location\": \"rules/x.rules:2:13\",\n"
            "    \"notes\": [\n"
            "      {\n"
            "        \"kind\": \"note\",\n"
            "        \"message\": \"declared here\",\n"
            "        \"location\": \"rules/x.rules:1:6\"\n"
            "      }\n"
            "    ]\n"
            "  },\n"
            "  {\n"
            "    \"code\": \"E0001\",\n"
            "    \"severity\": \"error\",\n"
            "    \"message\": \"cannot read dataset: No such file or directory\",\n"
            "    \"location\": \"missing.yaml\",\n"
            "    \"notes\": []\n"
            "  },\n"
            "  {\n"
            "    \"code\": \"E0100\",\n"
            "    \"severity\": \"error\",\n"
            "    \"message\": \"the rule file could not be parsed\",\n"
            "    \"location\": null,\n"
            "    \"notes\": []\n"
            "  }\n"
            "]\n");
}

TEST_F(DiagnosticsFormatTest, JsonWithoutDiagnosticsIsAnEmptyArray) {
  EXPECT_EQ(render({}, DiagnosticFormat::json), "[]\n");
}

TEST_F(DiagnosticsFormatTest, JsonColumnsCountCodePoints) {
  Diagnostic d = unknown_row();
  d.span = span_of(rules_, "{");  // byte column 19, code-point column 18
  EXPECT_EQ(Json::parse(render({d}, DiagnosticFormat::json)).at(0).at("location"), "rules/x.rules:1:18");
}

TEST_F(DiagnosticsFormatTest, JsonReplacesInvalidUtf8AndEscapesQuotes) {
  Diagnostic d = unreadable();
  d.message = "bad \xff byte in \"name\"";
  const std::string out = render({d}, DiagnosticFormat::json);
  EXPECT_NE(out.find(R"("message": "bad )"
                     "\xEF\xBF\xBD"
                     R"( byte in \"name\"")"),
            std::string::npos)
      << out;
  EXPECT_EQ(Json::parse(out).at(0).at("message"), "bad \xEF\xBF\xBD byte in \"name\"");
}

// --- SARIF -----------------------------------------------------------------------------------

TEST_F(DiagnosticsFormatTest, SarifLogHasVersionSchemaAndOneRun) {
  const Json log = sarif({unknown_row()});
  EXPECT_EQ(log.at("version"), "2.1.0");
  EXPECT_EQ(log.at("$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
  ASSERT_EQ(log.at("runs").size(), 1u);
  const Json& driver = log.at("runs").at(0).at("tool").at("driver");
  EXPECT_EQ(driver.at("name"), "attain");
  EXPECT_EQ(driver.at("version"), std::string(version));
}

TEST_F(DiagnosticsFormatTest, SarifRulesAreTheCodesOnceEachInFirstSeenOrder) {
  Diagnostic second_unknown = unknown_row();
  second_unknown.span = span_of(rules_, "r", 2);
  const Json rules = sarif({unknown_row(), duplicate(), second_unknown, unreadable(),
                            duplicate()})["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0].at("id"), "E0213");
  EXPECT_EQ(rules[1].at("id"), "W0205");
  EXPECT_EQ(rules[2].at("id"), "E0001");
  EXPECT_EQ(rules[0].at("helpUri"), "docs/errors.md#E0213");
}

TEST_F(DiagnosticsFormatTest, SarifHasOneResultPerDiagnosticWithRuleLevelMessageAndLocation) {
  const Json results = sarif({unknown_row(), duplicate(), duplicate()})["runs"][0]["results"];
  ASSERT_EQ(results.size(), 3u);
  const Json& first = results[0];
  EXPECT_EQ(first.at("ruleId"), "E0213");
  EXPECT_EQ(first.at("level"), "error");
  EXPECT_EQ(first.at("message").at("text"), "unknown row 'r' in dataset table 't'");
  ASSERT_EQ(first.at("locations").size(), 1u);
  const Json& physical = first["locations"][0].at("physicalLocation");
  EXPECT_EQ(physical.at("artifactLocation").at("uri"), "rules/x.rules");
  EXPECT_EQ(physical.at("region"),
            Json({{"startLine", 3}, {"startColumn", 10}, {"endLine", 3}, {"endColumn", 13}}));
  EXPECT_EQ(results[1].at("ruleId"), "W0205");
  EXPECT_EQ(results[1].at("level"), "warning");
  EXPECT_EQ(results[2], results[1]);
}

TEST_F(DiagnosticsFormatTest, SarifRegionColumnsCountCodePointsAndEndOnePastTheLastCharacter) {
  // "Ärenden": the Ä is two bytes, so byte columns would be one more from it on.
  EXPECT_EQ(region_of(span_of(rules_, "Ärenden")),
            Json({{"startLine", 1}, {"startColumn", 9}, {"endLine", 1}, {"endColumn", 16}}));
  EXPECT_EQ(region_of(span_of(rules_, "renden")),
            Json({{"startLine", 1}, {"startColumn", 10}, {"endLine", 1}, {"endColumn", 16}}));
  EXPECT_EQ(region_of(span_of(rules_, "{")),
            Json({{"startLine", 1}, {"startColumn", 18}, {"endLine", 1}, {"endColumn", 19}}));
}

TEST_F(DiagnosticsFormatTest, SarifRegionOverSeveralLines) {
  // From `area` through the `x` on line 2.
  const Span x = span_of(rules_, "x");
  EXPECT_EQ(region_of({rules_.id(), 0, x.end}),
            Json({{"startLine", 1}, {"startColumn", 1}, {"endLine", 2}, {"endColumn", 14}}));
}

// Regression (fixed): region() takes the larger of the end column and the start column even when
// the span ends on a later line, so a span from column 13 of line 2 to column 9 of line 3
// gets endColumn 13.
TEST_F(DiagnosticsFormatTest, SarifRegionOverSeveralLinesEndsWhereTheSpanEnds) {
  const Span x = span_of(rules_, "x");
  const Span data = span_of(rules_, "data");
  EXPECT_EQ(region_of({rules_.id(), x.begin, data.end}),
            Json({{"startLine", 2}, {"startColumn", 13}, {"endLine", 3}, {"endColumn", 9}}));
}

TEST_F(DiagnosticsFormatTest, SarifRegionOfAnEmptySpanIsOneColumnWideLikeTheCaret) {
  const Span x = span_of(rules_, "x");
  EXPECT_EQ(region_of({rules_.id(), x.begin, x.begin}),
            Json({{"startLine", 2}, {"startColumn", 13}, {"endLine", 2}, {"endColumn", 14}}));
}

TEST_F(DiagnosticsFormatTest, SarifRelatedLocationsComeFromTheNotes) {
  const Json results = sarif({unknown_row(), duplicate(), unreadable()})["runs"][0]["results"];
  // A note with a span is a related location with its file and region; a help has no
  // place and keeps only its message.
  const Json& related = results[0].at("relatedLocations");
  ASSERT_EQ(related.size(), 2u);
  EXPECT_EQ(related[0], Json({{"message", {{"text", "did you mean 't.s'?"}}}}));
  EXPECT_EQ(related[1].at("message").at("text"), "the table is here");
  EXPECT_EQ(related[1].at("physicalLocation").at("artifactLocation").at("uri"), "data.yaml");
  EXPECT_EQ(related[1].at("physicalLocation").at("region"),
            Json({{"startLine", 2}, {"startColumn", 3}, {"endLine", 2}, {"endColumn", 5}}));
  const Json& declared = results[1].at("relatedLocations");
  ASSERT_EQ(declared.size(), 1u);
  EXPECT_EQ(declared[0].at("message").at("text"), "declared here");
  EXPECT_EQ(declared[0].at("physicalLocation").at("artifactLocation").at("uri"), "rules/x.rules");
  EXPECT_EQ(declared[0].at("physicalLocation").at("region"),
            Json({{"startLine", 1}, {"startColumn", 6}, {"endLine", 1}, {"endColumn", 7}}));
  // No notes: no relatedLocations at all.
  EXPECT_FALSE(results[2].contains("relatedLocations"));
}

TEST_F(DiagnosticsFormatTest, SarifPathOnlyDiagnosticHasAnArtifactButNoRegion) {
  const Json result = sarif({unreadable()})["runs"][0]["results"][0];
  EXPECT_EQ(result.at("ruleId"), "E0001");
  const Json& physical = result.at("locations").at(0).at("physicalLocation");
  EXPECT_EQ(physical.at("artifactLocation").at("uri"), "missing.yaml");
  EXPECT_FALSE(physical.contains("region"));
}

TEST_F(DiagnosticsFormatTest, SarifWithoutDiagnosticsHasNoRulesAndNoResults) {
  const Json log = sarif({});
  EXPECT_EQ(log["runs"][0]["tool"]["driver"].at("rules"), Json::array());
  EXPECT_EQ(log["runs"][0].at("results"), Json::array());
}

// Regression (fixed): the SARIF `uri` is the path as given, not a URI reference. RFC 3986 (which
// SARIF 2.1.0 §3.4.3 requires) does not allow a space or a raw non-ASCII byte in a URI,
// so a rule file "mina regler/å.rules" gives an invalid log; it should be
// percent-encoded ("mina%20regler/%C3%A5.rules").
TEST_F(DiagnosticsFormatTest, SarifUriIsPercentEncoded) {
  const SourceFile& odd = sources_.add("mina regler/å.rules", "const k = 1\n");
  Diagnostic d = unreadable();
  d.path.reset();
  d.span = span_of(odd, "k");
  const Json physical = sarif({d})["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical.at("artifactLocation").at("uri"), "mina%20regler/%C3%A5.rules");
}

// --- text ------------------------------------------------------------------------------------

TEST_F(DiagnosticsFormatTest, TextIsRenderDiagnosticOneAfterTheOther) {
  const std::vector<Diagnostic> ds = {unknown_row(), duplicate(), unreadable()};
  for (const bool color : {false, true}) {
    std::string expected;
    for (const Diagnostic& d : ds) expected += render_diagnostic(d, sources_, color);
    EXPECT_EQ(render(ds, DiagnosticFormat::text, color), expected) << "color " << color;
  }
  EXPECT_NE(render(ds, DiagnosticFormat::text, true), render(ds, DiagnosticFormat::text, false));
  EXPECT_EQ(render({}, DiagnosticFormat::text), "");
}

TEST_F(DiagnosticsFormatTest, JsonAndSarifAreNeverColoured) {
  const std::vector<Diagnostic> ds = {unknown_row(), duplicate()};
  EXPECT_EQ(render(ds, DiagnosticFormat::json, true), render(ds, DiagnosticFormat::json, false));
  EXPECT_EQ(render(ds, DiagnosticFormat::sarif, true), render(ds, DiagnosticFormat::sarif, false));
  EXPECT_EQ(render(ds, DiagnosticFormat::json, true).find('\x1b'), std::string::npos);
}

// --- join_diagnostics: batch mode's documents, one per dataset, made one -----------------------

TEST_F(DiagnosticsFormatTest, JoinedTextIsEachDocumentInTurn) {
  const std::string a = render({unknown_row()}, DiagnosticFormat::text);
  const std::string b = render({duplicate(), unreadable()}, DiagnosticFormat::text);
  EXPECT_EQ(join_diagnostics({a, b}, DiagnosticFormat::text), a + b);
  EXPECT_EQ(join_diagnostics({}, DiagnosticFormat::text), "");
}

TEST_F(DiagnosticsFormatTest, JoinedJsonIsOneArrayOfEveryDiagnosticInOrder) {
  const std::string joined =
      join_diagnostics({render({unknown_row()}, DiagnosticFormat::json), render({}, DiagnosticFormat::json),
                        render({duplicate(), unreadable()}, DiagnosticFormat::json)},
                       DiagnosticFormat::json);
  EXPECT_EQ(joined, render({unknown_row(), duplicate(), unreadable()}, DiagnosticFormat::json));
  EXPECT_EQ(join_diagnostics({}, DiagnosticFormat::json), "[]\n");
}

TEST_F(DiagnosticsFormatTest, JoinedSarifIsOneRunWithEveryResultAndEachRuleOnce) {
  const std::string joined = join_diagnostics(
      {render({unknown_row(), duplicate()}, DiagnosticFormat::sarif), render({}, DiagnosticFormat::sarif),
       render({unreadable(), unknown_row()}, DiagnosticFormat::sarif)},
      DiagnosticFormat::sarif);
  EXPECT_EQ(joined,
            render({unknown_row(), duplicate(), unreadable(), unknown_row()}, DiagnosticFormat::sarif));
  const Json log = Json::parse(joined);
  ASSERT_EQ(log["runs"].size(), 1u);
  EXPECT_EQ(log["runs"][0]["results"].size(), 4u);
  EXPECT_EQ(log["runs"][0]["tool"]["driver"]["rules"].size(), 3u);  // E0213, W0205, E0001
  EXPECT_EQ(join_diagnostics({}, DiagnosticFormat::sarif), render({}, DiagnosticFormat::sarif));
}

// The formats agree: every diagnostic of a real check, in order, in all three.
TEST(DiagnosticsFormatAgreementTest, JsonAndSarifCarryWhatTheCheckerReported) {
  Session s;
  auto rules =
      s.check("const unused = 5\n" +
              one_indicator("    unit percent\n    higher is better\n    data t.r\n    target <= 350\n"));
  ASSERT_TRUE(rules) << s.rendered();
  const std::vector<Diagnostic>& ds = s.sink.diagnostics();
  ASSERT_EQ(ds.size(), 3u) << s.rendered();
  const Json json = Json::parse(render_diagnostics(ds, s.sources, DiagnosticFormat::json));
  const Json results =
      Json::parse(render_diagnostics(ds, s.sources, DiagnosticFormat::sarif))["runs"][0]["results"];
  ASSERT_EQ(json.size(), ds.size());
  ASSERT_EQ(results.size(), ds.size());
  for (std::size_t i = 0; i < ds.size(); ++i) {
    EXPECT_EQ(json[i].at("code"), ds[i].code);
    EXPECT_EQ(json[i].at("severity"), "warning");
    EXPECT_EQ(json[i].at("message"), ds[i].message);
    EXPECT_EQ(json[i].at("location"), s.where(ds[i]));
    EXPECT_EQ(json[i].at("notes").size(), ds[i].notes.size());
    EXPECT_EQ(results[i].at("ruleId"), ds[i].code);
    EXPECT_EQ(results[i].at("message").at("text"), ds[i].message);
    const Json& region = results[i]["locations"][0]["physicalLocation"]["region"];
    EXPECT_EQ(fmt::format("test.rules:{}:{}", region.at("startLine").get<int>(),
                          region.at("startColumn").get<int>()),
              s.where(ds[i]));
  }
}

// --- Warnings W0201-W0205 --------------------------------------------------------------------

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The diagnostics of the W02xx family a session reported.
std::vector<const Diagnostic*> w02(const Session& s) {
  std::vector<const Diagnostic*> out;
  for (const Diagnostic& d : s.sink.diagnostics()) {
    if (d.code.rfind("W02", 0) == 0) out.push_back(&d);
  }
  return out;
}

// Checks one indicator `x` with `properties` (lines 3 on); the rules must be free of errors.
struct Checked {
  explicit Checked(std::string text) {
    rules = s.check(std::move(text));
    EXPECT_TRUE(rules) << s.rendered();
  }
  static Checked indicator(std::string_view properties) { return Checked(one_indicator(properties)); }
  Session s;
  std::optional<RuleSet> rules;
};

TEST(WarningTest, W0201PercentageTargetAbove100) {
  auto c = Checked::indicator("    unit percent\n    higher is better\n    data t.r\n    target >= 150\n");
  ASSERT_EQ(c.s.count("W0201"), 1u) << c.s.rendered();
  EXPECT_DIAGNOSTIC(c.s, "W0201", "a percentage target above 100 for 'x'", "test.rules:6:15");
  const Diagnostic& d = *c.s.find("W0201");
  EXPECT_EQ(d.severity, Severity::warning);
  EXPECT_EQ(c.s.sources.file(0).slice(*d.span), "150");
  EXPECT_EQ(notes(d), std::vector<std::string>{});
  EXPECT_EQ(helps(d), std::vector<std::string>{"percentages are written as 92, not 0,92 or 9200"});
  EXPECT_EQ(w02(c.s).size(), 1u) << c.s.rendered();
  EXPECT_FALSE(c.s.sink.has_errors());
}

TEST(WarningTest, W0201RangeWithAnUpperBoundAbove100CoversTheRange) {
  auto c = Checked::indicator("    unit percent\n    higher is better\n    data t.r\n    target 90..110\n");
  EXPECT_DIAGNOSTIC(c.s, "W0201", "a percentage target above 100 for 'x'", "test.rules:6:12");
  ASSERT_TRUE(c.s.find("W0201"));
  EXPECT_EQ(c.s.sources.file(0).slice(*c.s.find("W0201")->span), "90..110");
}

TEST(WarningTest, W0201ThroughAConstantPointsAtItsName) {
  auto c = Checked(
      "const hog = 150\n"
      "area a \"A\" {\n"
      "  indicator x \"X\" {\n"
      "    unit percent\n"
      "    data t.r\n"
      "    target >= hog\n"
      "  }\n"
      "}\n");
  EXPECT_DIAGNOSTIC(c.s, "W0201", "a percentage target above 100 for 'x'", "test.rules:6:15");
}

TEST(WarningTest, W0201NotFor100OrOtherUnitsOrRelativeTargets) {
  for (const char* properties : {
           "    unit percent\n    data t.r\n    target >= 100\n",
           "    unit percent\n    data t.r\n    target 0..100\n    higher is better\n",
           "    unit count\n    data t.r\n    target >= 150\n",
           "    data t.r\n    target >= 150\n",
           "    unit percent\n    data t.r\n    target >= previous + 150\n",
           "    unit percent\n    data t.r\n    target pending\n",
       }) {
    auto c = Checked::indicator(properties);
    EXPECT_EQ(c.s.count("W0201"), 0u) << properties << c.s.rendered();
  }
}

TEST(WarningTest, W0202TargetWithoutDirection) {
  auto c = Checked::indicator("    unit percent\n    data t.r\n    target = 3,5\n");
  ASSERT_EQ(c.s.count("W0202"), 1u) << c.s.rendered();
  EXPECT_DIAGNOSTIC(c.s, "W0202", "'x' has a target but no direction", "test.rules:5:5");
  const Diagnostic& d = *c.s.find("W0202");
  EXPECT_TRUE(starts_with(c.s.sources.file(0).slice(*d.span), "target = 3,5"));
  EXPECT_EQ(notes(d), std::vector<std::string>{});
  EXPECT_EQ(helps(d), std::vector<std::string>{
                          "add 'higher is better' or 'lower is better' so that trends can say improved or "
                          "worsened"});
  EXPECT_EQ(w02(c.s).size(), 1u) << c.s.rendered();
}

TEST(WarningTest, W0202ForARangeAndForATargetWithDisplayText) {
  auto range = Checked::indicator("    data t.r\n    target 90..100\n");
  EXPECT_DIAGNOSTIC(range.s, "W0202", "'x' has a target but no direction", "test.rules:4:5");
  auto text = Checked::indicator("    unit tkr\n    data t.r\n    target = 0 \"Nollresultat\"\n");
  EXPECT_DIAGNOSTIC(text.s, "W0202", "'x' has a target but no direction", "test.rules:5:5");
}

TEST(WarningTest, W0202NotWhenTheDirectionIsGivenOrFollowsFromTheComparator) {
  for (const char* properties : {
           "    data t.r\n    higher is better\n    target = 3,5\n",
           "    data t.r\n    lower is better\n    target 90..100\n",
           "    data t.r\n    target >= 3\n",
           "    data t.r\n    target < 3\n",
           "    data t.r\n    target pending\n",
           "    data t.r\n    target none\n",
           "    data t.r\n",
       }) {
    auto c = Checked::indicator(properties);
    EXPECT_EQ(c.s.count("W0202"), 0u) << properties << c.s.rendered();
  }
}

TEST(WarningTest, W0203UnusedConstant) {
  auto c = Checked(
      "const used = 5\n"
      "const unused = 7\n" +
      one_indicator("    data t.r\n    target >= used\n"));
  ASSERT_EQ(c.s.count("W0203"), 1u) << c.s.rendered();
  EXPECT_DIAGNOSTIC(c.s, "W0203", "constant 'unused' is never used", "test.rules:2:7");
  const Diagnostic& d = *c.s.find("W0203");
  EXPECT_EQ(c.s.sources.file(0).slice(*d.span), "unused");
  EXPECT_EQ(notes(d), std::vector<std::string>{});
  EXPECT_EQ(helps(d), std::vector<std::string>{
                          "remove it, or use it as a target, materiality, tolerance or in an expression"});
}

TEST(WarningTest, W0203NotForAConstantUsedAsTargetMaterialityToleranceOrInAnExpression) {
  auto c = Checked(
      "const mal = 5\n"
      "const vasentlighet = 500\n"
      "const tol = 1\n"
      "const faktor = 2\n"
      "const i_familj = 3\n"
      "area a \"A\" {\n"
      "  goal g \"G\" {\n"
      "    objective o \"O\" {\n"
      "      indicator x \"X\" { data t.r  target >= mal }\n"
      "      indicator y \"Y\" { value t.r * faktor }\n"
      "      family f \"F\" { members m1 \"M1\"  data t.*  target >= i_familj }\n"
      "    }\n"
      "  }\n"
      "  budget b \"B\" { table t  outcome ar_2019  budget mars_2020  materiality vasentlighet  lines r }\n"
      "}\n"
      "check k \"K\" { expect t.a = t.b  tolerance tol }\n");
  EXPECT_EQ(c.s.count("W0203"), 0u) << c.s.rendered();
}

TEST(WarningTest, W0203ConstantUsedInAnotherFileOrInADataCheckExpression) {
  Session s;
  auto rules = s.check({{"a.rules", "const k = 5\nconst n = 2\n"},
                        {"b.rules", one_indicator("    data t.r\n    target >= k\n") +
                                        "check c \"C\" { expect t.a = t.b * n }\n"}});
  ASSERT_TRUE(rules) << s.rendered();
  EXPECT_EQ(s.count("W0203"), 0u) << s.rendered();
}

TEST(WarningTest, W0203IsReportedAfterEveryFileIsChecked) {
  Session s;
  auto rules = s.check({{"a.rules", "const oanvand = 5\n"},
                        {"b.rules", one_indicator("    unit percent\n    data t.r\n    target = 200\n")}});
  ASSERT_TRUE(rules) << s.rendered();
  const auto found = w02(s);
  ASSERT_EQ(found.size(), 3u) << s.rendered();
  EXPECT_EQ(found[0]->code, "W0201");
  EXPECT_EQ(found[1]->code, "W0202");
  EXPECT_EQ(found[2]->code, "W0203");
  EXPECT_DIAGNOSTIC(s, "W0203", "constant 'oanvand' is never used", "a.rules:1:7");
}

TEST(WarningTest, W0204ComparatorAgainstTheDeclaredDirection) {
  auto c = Checked::indicator("    unit percent\n    higher is better\n    data t.r\n    target <= 35\n");
  ASSERT_EQ(c.s.count("W0204"), 1u) << c.s.rendered();
  EXPECT_DIAGNOSTIC(c.s, "W0204", "'x' is better when higher, but its target is <= 35", "test.rules:6:5");
  const Diagnostic& d = *c.s.find("W0204");
  EXPECT_TRUE(starts_with(c.s.sources.file(0).slice(*d.span), "target <= 35"));
  EXPECT_EQ(notes(d), std::vector<std::string>{"the direction is given here"});
  EXPECT_EQ(note_location(c.s, d), "test.rules:4:5");
  EXPECT_EQ(helps(d),
            std::vector<std::string>{
                "check the comparator or the direction: trends and the commentary follow the direction"});
  EXPECT_EQ(w02(c.s).size(), 1u) << c.s.rendered();
}

// Regression (fixed): the span of a property (a `target` line, a direction, a `breakdown`)
// takes in the line break and the indentation after it. The text renderer stops its
// caret at the end of the line, but the SARIF region of W0202, W0204 (and its note) and
// W0205 ends on the next line (endLine 6 here), so an editor highlights into the next
// line.
TEST(WarningTest, SarifRegionOfAPropertyEndsOnItsLine) {
  auto w = Checked::indicator("    unit percent\n    data t.r\n    target = 3,5\n");
  ASSERT_EQ(w.s.sink.diagnostics().size(), 1u) << w.s.rendered();
  const Json region = Json::parse(render_diagnostics(
      w.s.sink.diagnostics(), w.s.sources,
      DiagnosticFormat::sarif))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region, Json({{"startLine", 5}, {"startColumn", 5}, {"endLine", 5}, {"endColumn", 17}}));
}

TEST(WarningTest, W0204LowerIsBetterWithALowerBoundAndSwedishNumbers) {
  auto ge = Checked::indicator("    unit tkr\n    lower is better\n    data t.r\n    target >= 12500,5\n");
  EXPECT_DIAGNOSTIC(ge.s, "W0204", "'x' is better when lower, but its target is >= 12 500,5",
                    "test.rules:6:5");
  auto gt = Checked::indicator("    lower is better\n    data t.r\n    target > 3 within 1\n");
  EXPECT_DIAGNOSTIC(gt.s, "W0204", "'x' is better when lower, but its target is > 3", "test.rules:5:5");
  auto lt = Checked::indicator("    data t.r\n    higher is better\n    target < 0,5\n");
  EXPECT_DIAGNOSTIC(lt.s, "W0204", "'x' is better when higher, but its target is < 0,5", "test.rules:5:5");
  EXPECT_EQ(note_location(lt.s, *lt.s.find("W0204")), "test.rules:4:5");
}

TEST(WarningTest, W0204NotWhenTheDirectionIsOnlyInferred) {
  for (const char* properties : {"    data t.r\n    target <= 3\n", "    data t.r\n    target > 3\n"}) {
    auto c = Checked::indicator(properties);
    EXPECT_EQ(c.s.count("W0204"), 0u) << properties << c.s.rendered();
    EXPECT_TRUE(w02(c.s).empty()) << properties << c.s.rendered();
    ASSERT_TRUE(c.rules && c.rules->indicators.size() == 1);
    EXPECT_NE(c.rules->indicators[0].direction, ast::Direction::unspecified) << properties;
  }
}

TEST(WarningTest, W0204NotWhenComparatorAndDirectionAgreeOrTheTargetIsNotABound) {
  for (const char* properties : {
           "    data t.r\n    higher is better\n    target >= 3\n",
           "    data t.r\n    lower is better\n    target < 3\n",
           "    data t.r\n    higher is better\n    target = 3\n",
           "    data t.r\n    lower is better\n    target 1..3\n",
           "    data t.r\n    higher is better\n    target pending\n",
       }) {
    auto c = Checked::indicator(properties);
    EXPECT_EQ(c.s.count("W0204"), 0u) << properties << c.s.rendered();
  }
}

TEST(WarningTest, W0205BreakdownWithTheIdOfAnotherDeclaration) {
  auto c = Checked(
      "area a \"A\" {\n"
      "  indicator man \"Män\" { unit percent  lower is better  data t.man  target <= 3,5 }\n"
      "  indicator kvinnor \"Kvinnor\" {\n"
      "    unit percent\n"
      "    lower is better\n"
      "    data t.kvinnor\n"
      "    target <= 3,5\n"
      "    breakdown man \"Män\" data t.kvinnor.man\n"
      "  }\n"
      "}\n");
  ASSERT_EQ(c.s.count("W0205"), 1u) << c.s.rendered();
  EXPECT_DIAGNOSTIC(c.s, "W0205", "breakdown 'man' of 'kvinnor' has the id of another declaration",
                    "test.rules:8:5");
  const Diagnostic& d = *c.s.find("W0205");
  EXPECT_TRUE(starts_with(c.s.sources.file(0).slice(*d.span), "breakdown man \"Män\" data t.kvinnor.man"));
  EXPECT_EQ(notes(d), std::vector<std::string>{"declared here"});
  EXPECT_EQ(note_location(c.s, d), "test.rules:2:13");
  EXPECT_EQ(helps(d), std::vector<std::string>{});
  EXPECT_EQ(w02(c.s).size(), 1u) << c.s.rendered();
}

TEST(WarningTest, W0205ForAnAreaAConstantAndAFamilyMember) {
  auto c = Checked(
      "const vasentlighet = 500\n"
      "area a \"A\" {\n"
      "  family f \"F\" { members m1 \"M1\"  data t.* }\n"
      "  indicator x \"X\" {\n"
      "    data t.r  higher is better  target >= 1\n"
      "    breakdown vasentlighet \"V\" data t.r.v\n"
      "    breakdown a \"A\" data t.r.a\n"
      "    breakdown f_m1 \"M\" data t.r.m\n"
      "    breakdown m1 \"M1\" data t.r.m1\n"
      "  }\n"
      "}\n");
  EXPECT_EQ(c.s.count("W0205"), 3u) << c.s.rendered();
  EXPECT_DIAGNOSTIC(c.s, "W0205", "breakdown 'vasentlighet' of 'x' has the id of another declaration",
                    "test.rules:6:5");
  EXPECT_DIAGNOSTIC(c.s, "W0205", "breakdown 'a' of 'x' has the id of another declaration", "test.rules:7:5");
  EXPECT_DIAGNOSTIC(c.s, "W0205", "breakdown 'f_m1' of 'x' has the id of another declaration",
                    "test.rules:8:5");
}

TEST(WarningTest, W0205NotForBreakdownIdsOfOtherIndicators) {
  auto c = Checked(
      "area a \"A\" {\n"
      "  indicator x \"X\" { data t.x  breakdown man \"Män\" data t.x.man }\n"
      "  indicator y \"Y\" { data t.y  breakdown man \"Män\" data t.y.man }\n"
      "}\n");
  EXPECT_EQ(c.s.count("W0205"), 0u) << c.s.rendered();
}

// Regression (fixed): likely_mistakes returns early unless the target is a fixed comparison, so
// the breakdown check (which has nothing to do with the target) is skipped for an
// indicator without a target, with `pending`/`none`, or with a relative target.
TEST(WarningTest, W0205AlsoWithoutAFixedTarget) {
  for (const char* target : {"", "    target pending\n", "    target none\n", "    target >= previous\n"}) {
    auto c = Checked(
        "area a \"A\" {\n"
        "  indicator man \"Män\" { data t.man }\n"
        "  indicator x \"X\" {\n"
        "    data t.r\n" +
        std::string(target) +
        "    breakdown man \"Män\" data t.r.man\n"
        "  }\n"
        "}\n");
    EXPECT_EQ(c.s.count("W0205"), 1u) << target << c.s.rendered();
  }
}

// Regression (fixed): the ids are collected while the declarations are checked, so a breakdown
// is compared only with the declarations before it; one declared later (further down
// the file or in a later file) is missed.
TEST(WarningTest, W0205ForADeclarationFurtherDown) {
  auto c = Checked(
      "area a \"A\" {\n"
      "  indicator x \"X\" {\n"
      "    data t.r\n"
      "    higher is better\n"
      "    target >= 1\n"
      "    breakdown later \"L\" data t.r.l\n"
      "  }\n"
      "  indicator later \"Later\" { data t.l }\n"
      "}\n");
  EXPECT_DIAGNOSTIC(c.s, "W0205", "breakdown 'later' of 'x' has the id of another declaration",
                    "test.rules:6:5");
}

// Regression (fixed): a breakdown named like its own indicator is reported as having "the id of
// another declaration", with the note pointing at the indicator itself.
TEST(WarningTest, W0205NotForTheIndicatorsOwnId) {
  auto c = Checked::indicator(
      "    data t.r\n    lower is better\n    target <= 3\n    breakdown x \"X\" data t.r.x\n");
  EXPECT_EQ(c.s.count("W0205"), 0u) << c.s.rendered();
}

// Regression (fixed): the warnings are decided before the units of derived indicators are
// inferred, so a derived percentage without a `unit` line (share() gives percent) and a
// target of 150 gets no W0201.
TEST(WarningTest, W0201ForADerivedPercentageWithAnInferredUnit) {
  auto c = Checked::indicator("    value share(t.a, t.b)\n    higher is better\n    target >= 150\n");
  ASSERT_TRUE(c.rules && c.rules->indicators.size() == 1);
  EXPECT_EQ(c.rules->indicators[0].unit, Unit::percent);
  EXPECT_DIAGNOSTIC(c.s, "W0201", "a percentage target above 100 for 'x'", "test.rules:5:15");
}

TEST(WarningTest, WarningsDoNotMakeTheRulesFail) {
  Session s;
  auto rules =
      s.check("const unused = 1\n" +
              one_indicator("    unit percent\n    higher is better\n    data t.r\n    target <= 350\n"));
  ASSERT_TRUE(rules) << s.rendered();
  EXPECT_FALSE(s.sink.has_errors());
  EXPECT_EQ(s.sink.warning_count(), 3u) << s.rendered();
  EXPECT_EQ(rules->indicators.size(), 1u);
}

TEST(WarningTest, TheSeedRulesHaveNoneOfThem) {
  Session s;
  std::vector<ast::RuleFile> parsed;
  const auto files = load_rule_files({(test::repo_root() / "rules").string()}, s.sources, s.sink);
  ASSERT_EQ(files.size(), 10u);
  for (const SourceFile* f : files) {
    auto tree = parse_rules(*f, s.sink);
    ASSERT_TRUE(tree) << s.rendered();
    parsed.push_back(std::move(*tree));
  }
  const RuleSet rules = check_rules(parsed, s.sink);
  EXPECT_FALSE(rules.indicators.empty());
  EXPECT_TRUE(s.sink.diagnostics().empty()) << s.rendered();
  EXPECT_TRUE(w02(s).empty()) << s.rendered();
}

// --- Recovery after syntax errors -------------------------------------------------------------

// Parses each file with recovery, then checks them all together, as `evaluate check` does.
struct Recovered {
  explicit Recovered(std::vector<std::pair<std::string, std::string>> files) {
    for (const auto& [path, text] : files)
      parsed.push_back(parse_rules_recovering(s.add(path, text), s.sink));
    rules = check_rules(parsed, s.sink);
  }
  explicit Recovered(std::string text) : Recovered({{"test.rules", std::move(text)}}) {}

  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : s.sink.diagnostics()) out.push_back(d.code);
    return out;
  }

  Session s;
  std::vector<ast::RuleFile> parsed;
  RuleSet rules;
};

std::vector<std::string> group_ids(const ast::RuleFile& f) {
  std::vector<std::string> out;
  for (const ast::Group& g : f.groups) out.push_back(g.id.text);
  return out;
}

const char* const broken_middle =
    "const k = 5\n"                          // 1
    "area a \"A\" {\n"                       // 2
    "  indicator x \"X\" {\n"                // 3
    "    data t.r\n"                         // 4
    "    target >= k\n"                      // 5
    "  }\n"                                  // 6
    "}\n"                                    // 7
    "area b \"B\" {\n"                       // 8
    "  indicator y \"Y\" {\n"                // 9
    "    targt >= 5\n"                       // 10: syntax error
    "  }\n"                                  // 11
    "}\n"                                    // 12
    "# a comment\n"                          // 13
    "area c \"C\" {\n"                       // 14
    "  indicator z \"Z\" { data t.z }\n"     // 15
    "}\n"                                    // 16
    "check d \"D\" { expect t.a = t.b }\n";  // 17

TEST(RecoveryTest, ReturnsTheDeclarationsAroundASyntaxError) {
  Session s;
  const ast::RuleFile f = parse_rules_recovering(s.add("test.rules", broken_middle), s.sink);
  EXPECT_EQ(group_ids(f), (std::vector<std::string>{"a", "c"}));
  ASSERT_EQ(f.indicators.size(), 2u);
  EXPECT_EQ(f.indicators[0].id.text, "x");
  EXPECT_EQ(f.indicators[1].id.text, "z");
  EXPECT_EQ(f.groups.at(f.indicators[1].group).id.text, "c");
  ASSERT_EQ(f.constants.size(), 1u);
  ASSERT_EQ(f.checks.size(), 1u);
  EXPECT_EQ(f.checks[0].id.text, "d");
  ASSERT_EQ(s.sink.diagnostics().size(), 1u) << s.rendered();
  EXPECT_DIAGNOSTIC(
      s, "E0108",
      "expected an indicator property (unit, data, value, target, bands, higher is better, lower is better, "
      "cumulative, breakdown, breakdowns, gap, precision, weight, compare, description, owner, source, "
      "kolada) or '}'",
      "test.rules:10:5");
}

TEST(RecoveryTest, ParseRulesStillGivesNothingForTheSameFile) {
  Session s;
  EXPECT_FALSE(s.parse(broken_middle));
  EXPECT_EQ(s.sink.error_count(), 1u) << s.rendered();
}

TEST(RecoveryTest, AFileWithoutErrorsParsesAsWithoutRecovery) {
  const std::string text = "const k = 5\n" + one_indicator("    data t.r\n    target >= k\n") +
                           "check d \"D\" { expect t.a = t.b }\n";
  Session plain;
  auto tree = plain.parse(text);
  ASSERT_TRUE(tree) << plain.rendered();
  Session s;
  const ast::RuleFile f = parse_rules_recovering(s.add("test.rules", text), s.sink);
  EXPECT_TRUE(s.sink.diagnostics().empty()) << s.rendered();
  EXPECT_EQ(group_ids(f), group_ids(*tree));
  EXPECT_EQ(f.indicators.size(), tree->indicators.size());
  EXPECT_EQ(f.constants.size(), tree->constants.size());
  EXPECT_EQ(f.checks.size(), tree->checks.size());
}

TEST(RecoveryTest, CheckErrorsInsideTheRecoveredDeclarationsAreReported) {
  // As tests/cases/inputs/three_errors: a syntax error in area b, an unknown unit in a
  // later area c. The unknown unit inside the broken block is not seen.
  Recovered r(
      "area b \"B\" {\n"
      "  indicator y \"Y\" {\n"
      "    unit procent\n"
      "    data t.r\n"
      "    target >= }\n"
      "}\n"
      "\n"
      "area c \"C\" {\n"
      "  indicator z \"Z\" {\n"
      "    unit procent\n"
      "    data t.r\n"
      "  }\n"
      "}\n");
  EXPECT_EQ(r.codes(), (std::vector<std::string>{"E0116", "E0202"})) << r.s.rendered();
  EXPECT_DIAGNOSTIC(r.s, "E0116", "expected a number, 'previous' or a constant's name after the comparator",
                    "test.rules:5:15");
  EXPECT_DIAGNOSTIC(r.s, "E0202", "unknown unit 'procent'", "test.rules:10:10");
  ASSERT_TRUE(r.s.find("E0202"));
  EXPECT_EQ(helps(*r.s.find("E0202")), std::vector<std::string>{"did you mean 'percent'?"});
  EXPECT_EQ(r.rules.indicators.size(), 1u);
}

TEST(RecoveryTest, EveryFileAndEverySyntaxErrorIsReportedAndTheRestCheckedTogether) {
  Recovered r({
      {"a.rules",
       "area a \"A\" {\n"
       "  indicator x \"X\" {\n"
       "    targt >= 5\n"
       "  }\n"
       "}\n"
       "area dup \"D\" {\n"
       "}\n"},
      {"b.rules",
       "area b \"B\" {\n"
       "  indicator y \"Y\" { data t.y  target >= }\n"
       "}\n"
       "garbage here\n"
       "area dup \"D2\" {\n"
       "  indicator z \"Z\" { unit procent  data t.z }\n"
       "}\n"},
  });
  EXPECT_EQ(r.codes(), (std::vector<std::string>{"E0108", "E0116", "E0101", "E0201", "E0202"}))
      << r.s.rendered();
  EXPECT_DIAGNOSTIC(r.s, "E0101",
                    "expected 'area', 'check', 'const', 'profile' or 'test' at the top level of a rule file",
                    "b.rules:4:1");
  EXPECT_DIAGNOSTIC(r.s, "E0201", "duplicate id 'dup': ids must be unique across the rule set",
                    "b.rules:5:6");
  EXPECT_DIAGNOSTIC(r.s, "E0202", "unknown unit 'procent'", "b.rules:6:26");
}

TEST(RecoveryTest, ANewDeclarationStartsOnlyAtALetterInTheFirstColumn) {
  // The indented `area` and the `}` and comment in the first column belong to the
  // broken block; parsing goes on at `const`.
  Session s;
  const ast::RuleFile f = parse_rules_recovering(s.add("test.rules",
                                                       "area a \"A\" {\n"
                                                       "  indicator x \"X\" { targt }\n"
                                                       "  area inner \"I\" {\n"
                                                       "  }\n"
                                                       "}\n"
                                                       "# area commented \"C\" {}\n"
                                                       "const k = 1\n"),
                                                 s.sink);
  EXPECT_EQ(s.sink.error_count(), 1u) << s.rendered();
  EXPECT_TRUE(f.groups.empty());
  ASSERT_EQ(f.constants.size(), 1u);
  EXPECT_EQ(f.constants[0].id.text, "k");
}

TEST(RecoveryTest, AnErrorInTheLastDeclarationKeepsTheEarlierOnes) {
  Session s;
  const ast::RuleFile f = parse_rules_recovering(s.add("test.rules",
                                                       "const k = 1\n"
                                                       "area a \"A\" {\n"
                                                       "  indicator x \"X\" {\n"
                                                       "    targt\n"),
                                                 s.sink);
  EXPECT_EQ(s.sink.error_count(), 1u) << s.rendered();
  ASSERT_EQ(f.constants.size(), 1u);
  EXPECT_TRUE(f.groups.empty());
}

TEST(RecoveryTest, TwoErrorsInOneFileAreBothReported) {
  Recovered r(
      "area a \"A\" {\n"
      "  indicator x \"X\" { targt }\n"
      "}\n"
      "area b \"B\" {\n"
      "  indicator y \"Y\" { data }\n"
      "}\n"
      "area c \"C\" {\n"
      "  indicator z \"Z\" { data t.z }\n"
      "}\n");
  EXPECT_EQ(r.codes(), (std::vector<std::string>{"E0108", "E0112"})) << r.s.rendered();
  ASSERT_TRUE(r.s.find("E0108") && r.s.find("E0112"));
  EXPECT_EQ(r.s.where(*r.s.find("E0108")), "test.rules:2:21");
  EXPECT_EQ(r.s.where(*r.s.find("E0112")), "test.rules:5:26");
  ASSERT_EQ(r.rules.indicators.size(), 1u);
  EXPECT_EQ(r.rules.indicators[0].id, "z");
}

// Regression (fixed): after a syntax error the parser looks for the next declaration on the
// lines *after* the error. When the error is itself at a declaration in the first column
// (the usual case: the `}` of the previous block is missing), that declaration is
// skipped, and its errors are not reported.
TEST(RecoveryTest, AMissingBraceDoesNotSwallowTheNextDeclaration) {
  Recovered r(
      "area a \"A\" {\n"
      "  indicator x \"X\" {\n"
      "    data t.r\n"
      "  }\n"
      "area b \"B\" {\n"
      "  indicator y \"Y\" {\n"
      "    unit procent\n"
      "    data t.r\n"
      "  }\n"
      "}\n");
  EXPECT_EQ(r.codes(), (std::vector<std::string>{"E0105", "E0202"})) << r.s.rendered();
  EXPECT_DIAGNOSTIC(r.s, "E0202", "unknown unit 'procent'", "test.rules:7:10");
}

// Regression (fixed): a number that cannot be represented (E0125) no longer drops its file, and
// with recovery its declaration is kept with the number read as 0, so the checker
// reports follow-on errors that are not in the file: here a reversed range (E0206).
TEST(RecoveryTest, AnUnreadableNumberGivesNoFollowOnErrors) {
  Recovered r(
      "area a \"A\" {\n"
      "  indicator x \"X\" {\n"
      "    data t.r\n"
      "    higher is better\n"
      "    target 5..99999999999999999999999\n"
      "  }\n"
      "}\n");
  EXPECT_EQ(r.codes(), (std::vector<std::string>{"E0125"})) << r.s.rendered();
}

// Regression (fixed; it was a false warning): a constant whose only use is in a declaration dropped
// by a syntax error is reported as never used (W0203), although the file uses it.
TEST(RecoveryTest, NoUnusedConstantWarningForAUseInADroppedDeclaration) {
  Recovered r(
      "const mal = 92\n"
      "area a \"A\" {\n"
      "  indicator x \"X\" {\n"
      "    data t.r\n"
      "    targt >= mal\n"
      "  }\n"
      "}\n");
  EXPECT_EQ(r.codes(), (std::vector<std::string>{"E0108"})) << r.s.rendered();
}

}  // namespace
}  // namespace attain
