// The renderers: the terminal report (layout, colour, control characters) and the JSON
// report (schema fields and values).

#include <gtest/gtest.h>

#include <cstring>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "attain/render.hpp"
#include "attain/version.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

using test::one_indicator;
using test::Session;
using test::small_dataset;
using Json = nlohmann::json;

std::string spaces(std::size_t n) {
  return std::string(n, ' ');
}

// One run through every stage up to the commentary.
struct Rendered {
  Rendered(std::string rules, std::string yaml) {
    results = s.run(std::move(rules), std::move(yaml));
    EXPECT_TRUE(results) << s.rendered();
    if (results) commentary = write_commentary(*results);
  }
  std::string markdown() const { return render_markdown(*results, commentary, s.sources); }
  std::string junit() const { return render_junit(*results, commentary, s.sources); }
  std::string text(bool color = false) const {
    return render_text(*results, commentary, s.sources, RenderOptions{color});
  }
  Json json() const {
    return Json::parse(render_json(*results, commentary, s.sources, s.sink.diagnostics()));
  }
  // The "Underlag" block that ends every text report: each input with its SHA-256.
  std::string inputs() const {
    std::string out = fmt::format("\nUnderlag (attain {})\n", version);
    for (FileId id = 0; id < s.sources.size(); ++id) {
      const SourceFile& f = s.sources.file(id);
      out += fmt::format("  {:<6}  {}  {}\n", id == results->dataset_file ? "data" : "regler",
                         sha256_hex(f.text()), f.path());
    }
    return out;
  }
  Session s;
  std::optional<Results> results;
  Commentary commentary;
};

const char* const met_indicator = "    unit percent\n    data t.r\n    target >= 92\n";
const char* const met_row = "      r: {label: \"R\", values: [90 %, 92 %, 92 %]}\n";

// --- Text ------------------------------------------------------------------------------------------

TEST(RenderTextTest, SmallReport) {
  Rendered r(one_indicator(met_indicator), small_dataset(met_row));
  ASSERT_TRUE(r.results);
  // Symbol, label padded to 14, value right-aligned in 12, target padded to 20, trend
  // arrow, significance marker, name.
  const std::string line =
      "  ✓ uppfyllt" + spaces(6) + " " + spaces(8) + "92 % " + "≥ 92 %" + spaces(14) + " ▲  Mått\n";
  const std::string expected = std::string(
                                   "Testrapport\n"
                                   "Testförvaltningen, Testkommun\n"
                                   "Period: januari–mars 2020 (3 av 12 månader)\n"
                                   "\n"
                                   "Målområde: A\n"
                                   "  ✓ Uppfyllt: 1 av 1 bedömd indikator uppfylld (krav: alla).\n"
                                   "  1 mått: 1 uppfyllt.\n") +
                               line +
                               "      Mått: 92 % når målvärdet 92 %, en förbättring från 90 % 2019. Målet är "
                               "uppfyllt.\n"
                               "\n"
                               "Väsentliga avvikelser\n"
                               "  Inga.\n"
                               "\n"
                               "Sammanfattning\n"
                               "  Totalt 1 mått: 1 uppfyllt.\n" +
                               r.inputs();
  EXPECT_EQ(r.text(), expected);
  EXPECT_EQ(r.inputs().substr(0, 10), "\nUnderlag ");
}

TEST(RenderTextTest, NestedGroupsAreIndentedAndShortfallsListed) {
  Rendered r(
      "area a \"A\" {\n"
      "  goal g \"G\" {\n"
      "    objective o \"O\" {\n"
      "      indicator x \"Mått\" { unit percent data t.r target >= 92 }\n"
      "    }\n"
      "  }\n"
      "}\n",
      small_dataset("      r: {values: [92 %, 91 %, 92 %]}\n"));
  ASSERT_TRUE(r.results);
  const std::string sentence =
      "Mått: 91 % är 1 procentenhet under målvärdet 92 %, en försämring från 92 % 2019. Målet är inte "
      "uppfyllt.";
  const std::string line = "      ✗ ej uppfyllt" + spaces(12) + "91 % ≥ 92 %" + spaces(15) + "▼  Mått\n";
  const std::string head =
      "Testrapport\n"
      "Testförvaltningen, Testkommun\n"
      "Period: januari–mars 2020 (3 av 12 månader)\n"
      "\n"
      "Målområde: A\n"
      "  ✗ Ej uppfyllt: 0 av 1 bedömd indikator uppfylld (krav: alla).\n"
      "  1 mått: 1 ej uppfyllt.\n"
      "\n"
      "  Kommunövergripande mål: G\n"  // a goal with one objective: no summary of its own
      "\n"
      "    Mål: O\n"
      "      ✗ Ej uppfyllt: 0 av 1 bedömd indikator uppfylld (krav: alla).\n"
      "      1 mått: 1 ej uppfyllt.\n";
  const std::string tail = "\nSammanfattning\n  Totalt 1 mått: 1 ej uppfyllt.\n";
  EXPECT_EQ(r.text(), head + line + "          " + sentence + "\n\nVäsentliga avvikelser\n  ✗ " + sentence +
                          "\n" + tail + r.inputs());
}

// Regression: a group name containing ": " (the report's own headings do) kept part of
// the name in the summary line; summaries no longer carry the name at all.
TEST(RenderTextTest, GroupNameWithAColonKeepsItsSummary) {
  Rendered r("area a \"Ekonomi: budget\" {\n  indicator x \"X\" { data t.r target >= 1 }\n}\n",
             small_dataset("      r: {values: [1, 2, 3]}\n"));
  ASSERT_TRUE(r.results);
  EXPECT_NE(
      r.text().find("\nMålområde: Ekonomi: budget\n  ✓ Uppfyllt: 1 av 1 bedömd indikator uppfylld (krav: "
                    "alla).\n  1 mått: 1 uppfyllt.\n"),
      std::string::npos)
      << r.text();
}

TEST(RenderTextTest, BudgetLinesUnderTheirBudgetWithSignificanceMarker) {
  Rendered r(
      "area a \"A\" {\n"
      "  budget b \"Budget B\" { table d outcome redovisat budget budget materiality 500 tkr }\n"
      "}\n",
      "report: {title: \"T\", period: \"2020-03\"}\n"
      "tables:\n"
      "  d:\n"
      "    columns:\n"
      "      - {id: redovisat, label: \"Redovisat\", kind: actual, period: \"2020-03\"}\n"
      "      - {id: budget, label: \"Budget\", kind: budget, period: \"2020-03\"}\n"
      "    rows:\n"
      "      x: {label: \"Stor\", values: [-600, 0]}\n"
      "      y: {label: \"Liten\", values: [-1, 0]}\n");
  ASSERT_TRUE(r.results);
  const std::string text = r.text();
  EXPECT_NE(text.find("\n  Budget B\n"
                      "  ✗ ej uppfyllt" +
                      spaces(8) + "−600 tkr budget 0 tkr" + spaces(11) + "!Stor\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  ✓ uppfyllt" + spaces(13) + "−1 tkr budget 0 tkr" + spaces(12) + "Liten\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("Budget B\n", text.find("Budget B\n") + 1), std::string::npos) << "one budget heading";
}

TEST(RenderTextTest, BreakdownLinesFollowTheirIndicator) {
  Rendered r(one_indicator("    unit percent\n    data t.r\n    target <= 3,5\n"
                           "    breakdown man \"Män\" data t.r.man\n"),
             small_dataset("      r:\n"
                           "        values: [\"3,8\", \"5,5\", null]\n"
                           "        rows:\n"
                           "          man: {values: [\"3,8\", \"3,4\", null]}\n"));
  ASSERT_TRUE(r.results);
  EXPECT_NE(r.text().find("      ✓ uppfyllt" + spaces(14) + "3,4 % ≤ 3,5 %" + spaces(14) + "▲    Män\n"),
            std::string::npos)
      << r.text();
}

TEST(RenderTextTest, NoEscapesWithoutColour) {
  Rendered r(one_indicator(met_indicator), small_dataset(met_row));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.text(false).find('\x1b'), std::string::npos);
}

TEST(RenderTextTest, EscapesWithColour) {
  Rendered r(one_indicator(met_indicator), small_dataset(met_row));
  ASSERT_TRUE(r.results);
  const std::string text = r.text(true);
  EXPECT_EQ(text.rfind("\x1b[1mTestrapport\x1b[0m\n", 0), 0u) << text;
  EXPECT_NE(text.find("  \x1b[32m✓ uppfyllt      \x1b[0m"), std::string::npos) << text;
  EXPECT_NE(text.find("\n\x1b[1mMålområde: A\x1b[0m\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\n\x1b[1mSammanfattning\x1b[0m\n"), std::string::npos) << text;
}

TEST(RenderTextTest, ShortfallIsRedWithColour) {
  Rendered r(one_indicator(met_indicator), small_dataset("      r: {values: [90 %, 91 %, 92 %]}\n"));
  ASSERT_TRUE(r.results);
  EXPECT_NE(r.text(true).find("\x1b[31m✗ ej uppfyllt"), std::string::npos) << r.text(true);
}

// A rule file with a raw control character is rejected when read (E0004); a dataset can
// still carry them through YAML's escapes ("\e", "\a"), and a rule name a tab.
TEST(RenderTextTest, ControlCharactersFromNamesAreRemoved) {
  Rendered r("area a \"Omr\" {\n  indicator x \"M\tx\" { data t.r target >= 1 }\n}\n",
             "report: {title: \"Rapport\\e]0;pwned\\a\", organisation: \"O\\r\", period: \"2020-03\"}\n"
             "tables:\n"
             "  t:\n"
             "    columns: [{id: mars, kind: actual, period: \"2020-03\"}]\n"
             "    rows: {r: {values: [2]}}\n");
  ASSERT_TRUE(r.results);
  const std::string text = r.text(false);
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_EQ(text.find('\a'), std::string::npos) << text;
  EXPECT_EQ(text.find('\r'), std::string::npos) << text;
  EXPECT_EQ(text.find('\t'), std::string::npos) << text;
  EXPECT_EQ(text.rfind("Rapport?]0;pwned?\nO?\n", 0), 0u) << text;
  EXPECT_NE(text.find("Målområde: Omr\n"), std::string::npos) << text;
  EXPECT_NE(text.find("M x\n"), std::string::npos) << text;
  EXPECT_NE(text.find("      M x: 2 är 1 över målvärdet 1. Målet är uppfyllt.\n"), std::string::npos) << text;
}

// --- JSON ------------------------------------------------------------------------------------------

TEST(RenderJsonTest, ReportAndSummary) {
  Rendered r(one_indicator(met_indicator), small_dataset(met_row));
  ASSERT_TRUE(r.results);
  const Json j = r.json();
  EXPECT_EQ(j["schema"], "attain/results/v1");
  EXPECT_EQ(j["engine"]["name"], "attain");
  EXPECT_TRUE(j["engine"]["version"].is_string());
  EXPECT_EQ(j["report"]["title"], "Testrapport");
  EXPECT_EQ(j["report"]["organisation"], "Testförvaltningen");
  EXPECT_EQ(j["report"]["municipality"], "Testkommun");
  EXPECT_EQ(j["report"]["period"], "2020-03");
  EXPECT_EQ(j["report"]["months_elapsed"], 3);
  EXPECT_EQ(j["summary"]["text"], "Totalt 1 mått: 1 uppfyllt.");
  EXPECT_EQ(j["summary"]["counts"]["met"], 1);
  EXPECT_EQ(j["summary"]["counts"]["not_met"], 0);
  EXPECT_EQ(j["summary"]["counts"].size(), 10u);
  ASSERT_EQ(j["groups"].size(), 1u);
  EXPECT_EQ(j["groups"][0]["id"], "a");
  EXPECT_EQ(j["groups"][0]["level"], "area");
  EXPECT_EQ(j["groups"][0]["name"], "A");
  EXPECT_TRUE(j["groups"][0]["parent"].is_null());
  EXPECT_EQ(j["groups"][0]["summary"], "1 mått: 1 uppfyllt.");
  EXPECT_EQ(j["groups"][0]["rule_location"], "test.rules:1");
  EXPECT_TRUE(j["significant_deviations"].empty());
  EXPECT_TRUE(j["diagnostics"].empty());
}

TEST(RenderJsonTest, IndicatorFields) {
  Rendered r(one_indicator(met_indicator), small_dataset(met_row));
  ASSERT_TRUE(r.results);
  const Json j = r.json();
  ASSERT_EQ(j["indicators"].size(), 1u);
  const Json& x = j["indicators"][0];
  EXPECT_EQ(x["id"], "x");
  EXPECT_EQ(x["kind"], "indicator");
  EXPECT_EQ(x["name"], "Mått");
  EXPECT_EQ(x["area"], "A");
  EXPECT_EQ(x["area_id"], "a");
  EXPECT_TRUE(x["goal"].is_null());
  EXPECT_TRUE(x["objective"].is_null());
  EXPECT_EQ(x["unit"], "percent");
  EXPECT_EQ(x["direction"], "higher");
  EXPECT_EQ(x["value"], 92);
  EXPECT_TRUE(x["value"].is_number_integer());
  EXPECT_EQ(x["value_text"], "92 %");
  EXPECT_EQ(x["period"], "2020-03");
  EXPECT_EQ(x["target"], 92);
  EXPECT_EQ(x["comparator"], ">=");
  EXPECT_TRUE(x["target_upper"].is_null());
  EXPECT_TRUE(x["target_text"].is_null());
  EXPECT_EQ(x["target_status"], "set");
  EXPECT_EQ(x["annual"], false);
  EXPECT_FALSE(x.contains("expected"));
  EXPECT_EQ(x["gap"], 0);
  EXPECT_EQ(x["verdict"], "met");
  EXPECT_EQ(x["trend"], "improved");
  EXPECT_EQ(x["commentary"],
            "Mått: 92 % når målvärdet 92 %, en förbättring från 90 % 2019. Målet är uppfyllt.");
  EXPECT_EQ(x["data"], "t.r");
  EXPECT_EQ(x["rule_location"], "test.rules:2");
  EXPECT_EQ(x["value_location"], "test.yaml:14");
  EXPECT_TRUE(x["breakdowns"].empty());
  const Json& prev = x["previous"];
  EXPECT_EQ(prev["value"], 90);
  EXPECT_EQ(prev["text"], "90 %");
  EXPECT_EQ(prev["status"], "number");
  EXPECT_EQ(prev["column"], "ar_2019");
  EXPECT_EQ(prev["period"], "2019");
  EXPECT_EQ(prev["location"], "test.yaml:14");
}

TEST(RenderJsonTest, GroupsAndDecimalsAndBreakdowns) {
  Rendered r(
      "area a \"A\" {\n"
      "  goal g \"G\" {\n"
      "    objective o \"O\" {\n"
      "      indicator x \"Sjuk\" {\n"
      "        unit percent data t.r target <= 3,5\n"
      "        breakdown man \"Män\" data t.r.man\n"
      "      }\n"
      "    }\n"
      "  }\n"
      "}\n",
      small_dataset("      r:\n"
                    "        values: [\"3,8\", \"5,5\", null]\n"
                    "        rows:\n"
                    "          man: {values: [\"3,8\", \"3,4\", null]}\n"));
  ASSERT_TRUE(r.results);
  const Json j = r.json();
  EXPECT_EQ(j["groups"][2]["parent"], "g");
  EXPECT_EQ(j["groups"][1]["level"], "goal");
  const Json& x = j["indicators"][0];
  EXPECT_EQ(x["area"], "A");
  EXPECT_EQ(x["goal"], "G");
  EXPECT_EQ(x["goal_id"], "g");
  EXPECT_EQ(x["objective"], "O");
  EXPECT_EQ(x["objective_id"], "o");
  EXPECT_EQ(x["direction"], "lower");
  EXPECT_DOUBLE_EQ(x["value"].get<double>(), 5.5);
  EXPECT_DOUBLE_EQ(x["target"].get<double>(), 3.5);
  EXPECT_DOUBLE_EQ(x["gap"].get<double>(), 2.0);
  EXPECT_EQ(x["comparator"], "<=");
  EXPECT_EQ(x["verdict"], "not_met");
  EXPECT_EQ(x["trend"], "worsened");
  EXPECT_EQ(x["value_location"], "test.yaml:15");
  ASSERT_EQ(x["breakdowns"].size(), 1u);
  const Json& man = x["breakdowns"][0];
  EXPECT_EQ(man["id"], "man");
  EXPECT_EQ(man["kind"], "breakdown");
  EXPECT_EQ(man["name"], "Män");
  EXPECT_FALSE(man.contains("area"));
  EXPECT_DOUBLE_EQ(man["value"].get<double>(), 3.4);
  EXPECT_EQ(man["verdict"], "met");
  EXPECT_EQ(man["commentary"],
            "Män: 3,4 % är 0,1 procentenheter under målvärdet 3,5 %, en förbättring från 3,8 % 2019. Målet "
            "är uppfyllt.");
  EXPECT_EQ(man["data"], "t.r.man");
  EXPECT_EQ(man["rule_location"], "test.rules:6");
  ASSERT_EQ(j["significant_deviations"].size(), 1u);
  EXPECT_EQ(j["significant_deviations"][0]["id"], "x");
  EXPECT_EQ(j["significant_deviations"][0]["verdict"], "not_met");
  EXPECT_EQ(j["significant_deviations"][0]["significant"], false);
}

TEST(RenderJsonTest, TargetForms) {
  Rendered r(
      "area a \"A\" {\n"
      "  indicator rg \"Range\" { unit percent data t.r target 90..100 }\n"
      "  indicator an \"Annual\" { unit count data t.r target >= 220000 annual }\n"
      "  indicator pe \"Pending\" { data t.r target pending \"Q3\" }\n"
      "  indicator no \"None\" { data t.u target none }\n"
      "}\n",
      small_dataset("      r: {values: [null, 95, Q3]}\n      u: {values: [null, I.U., null]}\n"));
  ASSERT_TRUE(r.results);
  const Json j = r.json();
  const Json& rg = j["indicators"][0];
  EXPECT_EQ(rg["comparator"], "..");
  EXPECT_EQ(rg["target"], 90);
  EXPECT_EQ(rg["target_upper"], 100);
  EXPECT_EQ(rg["verdict"], "met");
  const Json& an = j["indicators"][1];
  EXPECT_EQ(an["annual"], true);
  EXPECT_EQ(an["expected"], 55000);
  EXPECT_EQ(an["months_elapsed"], 3);
  EXPECT_EQ(an["verdict"], "behind");
  EXPECT_TRUE(an["previous"].is_null());
  const Json& pe = j["indicators"][2];
  EXPECT_EQ(pe["target_status"], "pending");
  EXPECT_EQ(pe["target_text"], "Q3");
  EXPECT_TRUE(pe["target"].is_null());
  EXPECT_TRUE(pe["comparator"].is_null());
  EXPECT_EQ(pe["verdict"], "pending");
  const Json& no = j["indicators"][3];
  EXPECT_EQ(no["target_status"], "none");
  EXPECT_TRUE(no["value"].is_null());
  EXPECT_EQ(no["value_text"], "I.U.");
  EXPECT_EQ(no["verdict"], "no_target");
  EXPECT_TRUE(no["gap"].is_null());
  EXPECT_EQ(j["summary"]["counts"]["behind"], 1);
  EXPECT_EQ(j["summary"]["counts"]["pending"], 1);
}

TEST(RenderJsonTest, BudgetLineFields) {
  Rendered r(
      "area a \"A\" {\n"
      "  budget b \"Budget B\" {\n"
      "    table d outcome redovisat budget budget reported avvikelse favourable lower materiality 500 tkr\n"
      "  }\n"
      "}\n",
      "report: {title: \"T\", period: \"2020-03\"}\n"
      "tables:\n"
      "  d:\n"
      "    columns:\n"
      "      - {id: redovisat, kind: actual, period: \"2020-03\"}\n"
      "      - {id: budget, kind: budget, period: \"2020-03\"}\n"
      "      - {id: avvikelse, kind: deviation}\n"
      "    rows:\n"
      "      x: {label: \"Stor\", values: [\"60 000\", \"45 000\", \"15 000\"]}\n");
  ASSERT_TRUE(r.results);
  const Json j = r.json();
  const Json& x = j["indicators"][0];
  EXPECT_EQ(x["id"], "b_x");
  EXPECT_EQ(x["kind"], "budget_line");
  EXPECT_EQ(x["name"], "Stor");
  EXPECT_EQ(x["unit"], "tkr");
  EXPECT_EQ(x["target"], 45000);
  EXPECT_EQ(x["comparator"], "<=");
  EXPECT_EQ(x["target_status"], "set");
  EXPECT_EQ(x["value"], 60000);
  EXPECT_EQ(x["deviation"], 15000);
  EXPECT_EQ(x["gap"], 15000);
  EXPECT_EQ(x["materiality"], 500);
  EXPECT_EQ(x["significant"], true);
  EXPECT_EQ(x["favourable"], false);
  EXPECT_EQ(x["verdict"], "not_met");
  EXPECT_EQ(x["budget_id"], "b");
  EXPECT_EQ(x["budget_name"], "Budget B");
  EXPECT_EQ(x["budget"]["value"], 45000);
  EXPECT_EQ(x["budget"]["column"], "budget");
  EXPECT_EQ(x["reported_deviation"]["value"], 15000);
  EXPECT_EQ(x["reported_deviation"]["status"], "number");
  EXPECT_TRUE(x["reported_deviation"]["period"].is_null());
  EXPECT_EQ(x["rule_location"], "test.rules:2");
  EXPECT_EQ(x["value_location"], "test.yaml:9");
  ASSERT_EQ(j["significant_deviations"].size(), 1u);
  EXPECT_EQ(j["significant_deviations"][0]["significant"], true);
  EXPECT_EQ(j["significant_deviations"][0]["commentary"], x["commentary"]);
}

TEST(RenderJsonTest, ObservationStatuses) {
  Rendered r(one_indicator("    data t.r\n    target >= 1\n"),
             small_dataset("      r: {values: [N/A, I.U., null]}\n"));
  ASSERT_TRUE(r.results);
  const Json x = r.json()["indicators"][0];
  EXPECT_EQ(x["previous"]["status"], "not_applicable");
  EXPECT_TRUE(x["previous"]["value"].is_null());
  EXPECT_EQ(x["previous"]["text"], "N/A");
  EXPECT_EQ(x["verdict"], "no_data");
  EXPECT_EQ(x["value_text"], "I.U.");
}

TEST(RenderJsonTest, IncludesTheGivenDiagnostics) {
  Rendered r(one_indicator("    unit count\n    data t.r\n    target >= 90\n"),
             small_dataset("      r: {values: [null, 91 %, null]}\n"));
  ASSERT_TRUE(r.results);
  const Json j = r.json();
  ASSERT_EQ(j["diagnostics"].size(), 1u);
  const Json& d = j["diagnostics"][0];
  EXPECT_EQ(d["severity"], "warning");
  EXPECT_EQ(d["code"], "W0301");
  EXPECT_EQ(d["message"], "'91 %' is written as a percentage but 'x' has unit count");
  EXPECT_EQ(d["location"], "test.yaml:14:26");
  ASSERT_EQ(d["notes"].size(), 1u);
  EXPECT_EQ(d["notes"][0]["kind"], "note");
  EXPECT_EQ(d["notes"][0]["message"], "'x' is declared here");
  EXPECT_EQ(d["notes"][0]["location"], "test.rules:2:3");
}

TEST(RenderJsonTest, DiagnosticWithOnlyAPath) {
  Rendered r(one_indicator(met_indicator), small_dataset(met_row));
  ASSERT_TRUE(r.results);
  Diagnostic d;
  d.severity = Severity::warning;
  d.code = "W0000";
  d.message = "m";
  d.path = "rules/x.rules";
  d.help("h");
  const Json j = Json::parse(render_json(*r.results, r.commentary, r.s.sources, {d}));
  EXPECT_EQ(j["diagnostics"][0]["location"], "rules/x.rules");
  EXPECT_EQ(j["diagnostics"][0]["notes"][0]["kind"], "help");
  EXPECT_TRUE(j["diagnostics"][0]["notes"][0]["location"].is_null());
}

// Inputs that are not UTF-8 are rejected (E0004) before they reach a renderer; should a
// result still carry such bytes, the renderer replaces them rather than throwing.
TEST(RenderJsonTest, InvalidUtf8IsReplacedNotThrown) {
  Rendered r("area a \"A\" {\n  indicator x \"Mitt\" { data t.r target >= 1 }\n}\n",
             small_dataset("      r: {values: [1, 2, 3]}\n"));
  ASSERT_TRUE(r.results);
  r.results->items[0].name = "M\xFFtt";
  std::string out;
  ASSERT_NO_THROW(out = render_json(*r.results, r.commentary, r.s.sources, {}));
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(Json::parse(out)["indicators"][0]["name"], "M\xEF\xBF\xBDtt");
}

}  // namespace
}  // namespace attain

namespace attain {
namespace {

// --- Markdown ---------------------------------------------------------------------------

TEST(RenderMarkdownTest, IndicatorTableIsShapedLikeTheReports) {
  Rendered r(one_indicator(met_indicator), small_dataset(met_row));
  ASSERT_TRUE(r.results);
  const std::string md = r.markdown();
  EXPECT_EQ(md.substr(0, md.find("\n## ")),
            "# Testrapport\n"
            "\n"
            "Testförvaltningen, Testkommun  \n"
            "Period: januari–mars 2020 (3 av 12 månader)\n");
  EXPECT_NE(md.find("\n## Målområde: A\n"
                    "\n"
                    "✓ Uppfyllt: 1 av 1 bedömd indikator uppfylld (krav: alla).  \n"
                    "1 mått: 1 uppfyllt.\n"
                    "\n"
                    "| Indikator | 2019 | Mars 2020 | Målvärde | Bedömning |\n"
                    "|---|---:|---:|---|---|\n"
                    "| Mått | 90 % | 92 % | ≥ 92 % | ✓ uppfyllt |\n"
                    "\n"
                    "- Mått: 92 % når målvärdet 92 %, en förbättring från 90 % 2019. Målet är uppfyllt.\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("\n## Väsentliga avvikelser\n\nInga.\n"), std::string::npos) << md;
  EXPECT_NE(md.find("\n## Sammanfattning\n\nTotalt 1 mått: 1 uppfyllt.\n"), std::string::npos) << md;
  EXPECT_NE(md.find("| data | test.yaml | `" + sha256_hex(r.s.sources.file(r.results->dataset_file).text()) +
                    "` |"),
            std::string::npos)
      << md;
}

TEST(RenderMarkdownTest, TextFromRulesAndDataCannotFormatOrBreakATable) {
  Rendered r(
      "area a \"A | *fet* <script>\" {\n  indicator x \"[länk](http://x) `kod` _k_ # h\" {\n"
      "    unit percent\n    data t.r\n    target >= 92\n  }\n}\n",
      small_dataset("      r: {label: \"R\", values: [\"-\", 92 %, 92 %]}\n"));
  ASSERT_TRUE(r.results);
  const std::string md = r.markdown();
  EXPECT_NE(md.find("## Målområde: A \\| \\*fet\\* \\<script\\>"), std::string::npos) << md;
  EXPECT_NE(md.find("| \\[länk\\](http://x) \\`kod\\` \\_k\\_ \\# h | \\- | 92 % |"), std::string::npos)
      << md;
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  // Every table row has as many cells as its header.
  std::size_t start = 0;
  std::size_t header_pipes = 0;
  while (start < md.size()) {
    const std::size_t end = md.find('\n', start);
    const std::string line = md.substr(start, end - start);
    start = end + 1;
    if (line.empty() || line[0] != '|') {
      header_pipes = 0;
      continue;
    }
    std::size_t pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i) pipes += line[i] == '|' && (i == 0 || line[i - 1] != '\\');
    if (header_pipes == 0) header_pipes = pipes;
    EXPECT_EQ(pipes, header_pipes) << line;
  }
}

TEST(RenderMarkdownTest, TheSameInputsGiveTheSameBytes) {
  Rendered a(one_indicator(met_indicator), small_dataset(met_row));
  Rendered b(one_indicator(met_indicator), small_dataset(met_row));
  ASSERT_TRUE(a.results && b.results);
  EXPECT_EQ(a.markdown(), b.markdown());
}

}  // namespace
}  // namespace attain

namespace attain {
namespace {

// --- JUnit ------------------------------------------------------------------------------

// A small XML 1.0 well-formedness check: one root, tags nest and close, attributes are
// quoted, text and attribute values hold no raw '<' and only the five entities after '&'.
::testing::AssertionResult well_formed(const std::string& xml) {
  std::vector<std::string> open;
  std::size_t i = 0, roots = 0;
  auto entity_ok = [&](std::size_t at) {
    for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"}) {
      if (xml.compare(at, std::strlen(e), e) == 0) return true;
    }
    // A numeric character reference: &#39;
    std::size_t k = at + 1;
    if (k >= xml.size() || xml[k] != '#') return false;
    const std::size_t digits = ++k;
    while (k < xml.size() && xml[k] >= '0' && xml[k] <= '9') ++k;
    return k > digits && k < xml.size() && xml[k] == ';';
  };
  if (xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) != 0)
    return ::testing::AssertionFailure() << "no XML declaration";
  i = xml.find('\n') + 1;
  while (i < xml.size()) {
    if (xml[i] == '&' && !entity_ok(i)) return ::testing::AssertionFailure() << "bare & at " << i;
    if (xml[i] != '<') {
      if (xml[i] == '>') return ::testing::AssertionFailure() << "bare > at " << i;
      ++i;
      continue;
    }
    const std::size_t end = xml.find('>', i);
    if (end == std::string::npos) return ::testing::AssertionFailure() << "unclosed tag at " << i;
    std::string tag = xml.substr(i + 1, end - i - 1);
    // Attribute values: quoted, no raw '<', entities only.
    bool in_value = false;
    for (std::size_t k = 0; k < tag.size(); ++k) {
      if (tag[k] == '"') in_value = !in_value;
      if (in_value && tag[k] == '<') return ::testing::AssertionFailure() << "< in attribute at " << i;
      if (in_value && tag[k] == '&' && !entity_ok(i + 1 + k))
        return ::testing::AssertionFailure() << "bare & in attribute";
    }
    if (in_value) return ::testing::AssertionFailure() << "unbalanced quotes in <" << tag << ">";
    if (tag[0] == '/') {
      const std::string name = tag.substr(1);
      if (open.empty() || open.back() != name)
        return ::testing::AssertionFailure()
               << "</" << name << "> closes " << (open.empty() ? "nothing" : open.back());
      open.pop_back();
    } else if (tag.back() != '/') {
      if (open.empty()) ++roots;
      open.push_back(tag.substr(0, tag.find_first_of(" \n")));
    } else if (open.empty()) {
      ++roots;
    }
    i = end + 1;
  }
  if (!open.empty()) return ::testing::AssertionFailure() << "<" << open.back() << "> never closed";
  if (roots != 1) return ::testing::AssertionFailure() << roots << " root elements";
  return ::testing::AssertionSuccess();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The element a test case holds, by the indicator id it names.
std::string case_of(const std::string& xml, const std::string& id) {
  const std::size_t at = xml.find("name=\"" + id + ": ");
  if (at == std::string::npos) return "(no test case)";
  const std::size_t end = xml.find("</testcase>", at);
  return xml.substr(at, end - at);
}

TEST(RenderJunitTest, TheWellFormednessCheckCatchesBrokenDocuments) {
  const std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  EXPECT_TRUE(well_formed(head + "<a><b x=\"1 &amp; 2 &#39;\"/>t &lt; u</a>\n"));
  EXPECT_FALSE(well_formed(head + "<a>&#;</a>\n"));
  EXPECT_FALSE(well_formed(head + "<a><b></a></b>\n"));
  EXPECT_FALSE(well_formed(head + "<a>x & y</a>\n"));
  EXPECT_FALSE(well_formed(head + "<a x=\"<\"/>\n"));
  EXPECT_FALSE(well_formed(head + "<a></a><b></b>\n"));
  EXPECT_FALSE(well_formed(head + "<a>\n"));
  EXPECT_FALSE(well_formed("<a></a>\n"));
}

TEST(RenderJunitTest, EveryVerdictIsMappedAsDocumented) {
  Rendered r(
      "area a \"A\" {\n"
      "  indicator met \"M\" { data t.met  target >= 1 }\n"
      "  indicator miss \"N\" { data t.miss  target >= 10 }\n"
      "  indicator nara \"Na\" { data t.nara  target >= 10 within 2 }\n"
      "  indicator fas \"F\" { data t.fas  target >= 4 annual }\n"
      "  indicator efter \"E\" { data t.efter  target >= 400 annual }\n"
      "  indicator iu \"I\" { data t.iu  target >= 1 }\n"
      "  indicator sen \"S\" { data t.met  target pending \"Q3\" }\n"
      "  indicator utan \"U\" { data t.met  target none }\n"
      "  indicator na \"NA\" { data t.na  target >= 1 }\n"
      "}\n",
      small_dataset("      met: {values: [1, 2, 3]}\n"
                    "      miss: {values: [1, 2, 3]}\n"
                    "      nara: {values: [1, 9, 3]}\n"
                    "      fas: {values: [1, 2, 3]}\n"
                    "      efter: {values: [1, 2, 3]}\n"
                    "      iu: {values: [1, I.U., 3]}\n"
                    "      na: {values: [1, N/A, 3]}\n"));
  ASSERT_TRUE(r.results);
  const std::string x = r.junit();
  EXPECT_TRUE(well_formed(x)) << x;
  EXPECT_NE(case_of(x, "met").find("<system-out>"), std::string::npos);
  EXPECT_EQ(case_of(x, "met").find("<failure"), std::string::npos);
  EXPECT_NE(case_of(x, "miss").find("<failure type=\"not_met\" message=\"ej uppfyllt: 2 mot ≥ 10\">"),
            std::string::npos)
      << case_of(x, "miss");
  EXPECT_NE(case_of(x, "nara").find("<failure type=\"near\""), std::string::npos) << case_of(x, "nara");
  EXPECT_EQ(case_of(x, "fas").find("<failure"), std::string::npos) << case_of(x, "fas");
  EXPECT_NE(case_of(x, "efter").find("<failure type=\"behind\""), std::string::npos) << case_of(x, "efter");
  EXPECT_NE(case_of(x, "iu").find("<skipped message=\"no_data: "), std::string::npos) << case_of(x, "iu");
  EXPECT_NE(case_of(x, "sen").find("<skipped message=\"pending: "), std::string::npos) << case_of(x, "sen");
  EXPECT_NE(case_of(x, "utan").find("<skipped message=\"no_target: "), std::string::npos)
      << case_of(x, "utan");
  EXPECT_NE(case_of(x, "na").find("<skipped message=\"not_applicable: "), std::string::npos)
      << case_of(x, "na");
  EXPECT_NE(x.find("tests=\"9\" failures=\"3\" errors=\"0\" skipped=\"4\""), std::string::npos) << x;
  EXPECT_EQ(count(x, "<testcase "), 9u);
  EXPECT_EQ(count(x, "<failure "), 3u);
  // Each case names its rule's file and line.
  EXPECT_NE(case_of(x, "miss").find("file=\"test.rules\" line=\"3\""), std::string::npos)
      << case_of(x, "miss");
}

TEST(RenderJunitTest, TextIsEscapedAndTheDocumentStaysWellFormed) {
  Rendered r(
      "area a \"A <&> \\\"q\\\" 'b'\" {\n  indicator x \"</testcase><x a=\\\"1\\\">&amp;\" {\n"
      "    data t.r\n    target >= 5\n  }\n}\n",
      small_dataset("      r: {label: \"R\", values: [1, 2, 3]}\n"));
  ASSERT_TRUE(r.results) << r.s.rendered();
  const std::string x = r.junit();
  EXPECT_TRUE(well_formed(x)) << x;
  EXPECT_NE(x.find("name=\"Målområde: A &lt;&amp;&gt; &quot;q&quot; &#39;b&#39;\""), std::string::npos) << x;
  EXPECT_NE(x.find("x: &lt;/testcase&gt;&lt;x a=&quot;1&quot;&gt;&amp;amp;"), std::string::npos) << x;
}

TEST(RenderJunitTest, DataChecksFormTheirOwnSuite) {
  Rendered r(
      "check ok \"Lika\" { expect t.r@ar_2019 = 1 }\ncheck fel \"Olika\" { expect t.r@ar_2019 = 2 }\n"
      "area a \"A\" {\n  indicator x \"X\" { data t.r  target >= 1 }\n}\n",
      small_dataset("      r: {label: \"R\", values: [1, 2, 3]}\n"));
  ASSERT_TRUE(r.results) << r.s.rendered();
  const std::string x = r.junit();
  EXPECT_TRUE(well_formed(x)) << x;
  EXPECT_NE(
      x.find("<testsuite name=\"Datakontroller\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">"),
      std::string::npos)
      << x;
  EXPECT_NE(x.find("<testcase classname=\"datakontroller.fel\" name=\"fel: Olika\""), std::string::npos) << x;
}

}  // namespace
}  // namespace attain

namespace attain {
namespace {

// --- The catalogue (evaluate list) ---------------------------------------------------------

struct Listed {
  explicit Listed(std::string rules) {
    checked = s.check(std::move(rules), "cat.rules");
    EXPECT_TRUE(checked) << s.rendered();
  }
  std::string operator()(CatalogueFormat f) const { return render_catalogue(*checked, s.sources, f); }
  test::Session s;
  std::optional<RuleSet> checked;
};

const char* const catalogue_rules =
    "area a \"Medborgare\" {\n"                        // 1
    "  rollup at least 75 %\n"                         // 2
    "  objective o \"God service\" {\n"                // 3
    "    indicator svar \"Svarsservice | andel\" {\n"  // 4
    "      unit percent\n"                             // 5
    "      higher is better\n"                         // 6
    "      data t.svar\n"                              // 7
    "      target >= 92 within 1\n"                    // 8
    "    }\n"                                          // 9
    "    indicator besok \"Besök\" { unit count  higher is better  data t.besok  target >= 90 annual }\n"  // 10
    "  }\n"                                                              // 11
    "}\n"                                                                // 12
    "check dk \"Summa\" { expect t.a + t.b = t.summa  tolerance 1 }\n";  // 13

TEST(RenderCatalogueTest, TextListsEveryGroupAndIndicatorWithWhereItIs) {
  Listed l(catalogue_rules);
  ASSERT_TRUE(l.checked);
  const std::string text = l(CatalogueFormat::text);
  EXPECT_NE(text.find("Målområde: Medborgare  [a]  cat.rules:1\n  roll-up: minst 75 %\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("\n  Mål: God service  [o]  cat.rules:3\n    roll-up: alla\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("\n    svar  Svarsservice | andel  cat.rules:4\n"
                      "        mål: ≥ 92 %, nära inom 1; högre är bättre; enhet percent; data t.svar\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("mål: ≥ 90 per år; högre är bättre; enhet count; data t.besok; ackumulerat"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Datakontroller\n  dk  Summa  cat.rules:13\n      (t.a + t.b) = t.summa, tolerans 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("2 indikatorer, 0 budgetar, 1 datakontroller, 0 regeltester i 1 regelfiler."),
            std::string::npos);
}

TEST(RenderCatalogueTest, JsonHasTheSchemaTheInputsAndStructuredTargets) {
  Listed l(catalogue_rules);
  ASSERT_TRUE(l.checked);
  const Json j = Json::parse(l(CatalogueFormat::json));
  EXPECT_EQ(j.at("schema"), "attain/catalogue/v1");
  ASSERT_EQ(j.at("inputs").size(), 1u);
  EXPECT_EQ(j.at("inputs")[0].at("sha256"), sha256_hex(l.s.sources.file(0).text()));
  ASSERT_EQ(j.at("indicators").size(), 2u);
  const Json& svar = j.at("indicators")[0];
  EXPECT_EQ(svar.at("id"), "svar");
  EXPECT_EQ(svar.at("group"), "o");
  EXPECT_EQ(svar.at("target").at("comparator"), ">=");
  EXPECT_EQ(svar.at("target").at("value"), "92");
  EXPECT_EQ(svar.at("target").at("within"), "1");
  EXPECT_EQ(svar.at("location"), "cat.rules:4");
  EXPECT_EQ(j.at("indicators")[1].at("target").at("annual"), true);
  EXPECT_EQ(j.at("groups")[0].at("rollup").at("policy"), "at_least_percent");
  EXPECT_EQ(j.at("groups")[0].at("rollup").at("threshold"), "75");
  EXPECT_EQ(j.at("data_checks")[0].at("expect"), "(t.a + t.b) = t.summa");
}

TEST(RenderCatalogueTest, MarkdownEscapesTableText) {
  Listed l(catalogue_rules);
  ASSERT_TRUE(l.checked);
  const std::string md = l(CatalogueFormat::markdown);
  EXPECT_NE(
      md.find(
          "| `svar` | Svarsservice \\| andel | ≥ 92 %, nära inom 1 | högre är bättre | percent | t.svar | "
          "cat.rules:4 |"),
      std::string::npos)
      << md;
}

}  // namespace
}  // namespace attain

namespace attain {
namespace {

// --- evaluate explain ----------------------------------------------------------------------

struct Explained {
  Explained(std::string rules, std::string yaml) : r(std::move(rules), std::move(yaml)) {
    if (!r.results) return;
    for (const ast::RuleFile& f : parsed()) files.push_back(f);
    checked = check_rules(files, scratch);
  }
  std::vector<ast::RuleFile> parsed() {
    std::vector<ast::RuleFile> out;
    DiagnosticSink sink;
    if (auto f = parse_rules(r.s.sources.file(0), sink)) out.push_back(*f);
    return out;
  }
  std::optional<std::string> operator()(std::string_view id, bool json = false) {
    return render_explanation(checked, *r.results, r.commentary, r.s.sources, id, json, known);
  }
  Rendered r;
  DiagnosticSink scratch;
  std::vector<ast::RuleFile> files;
  RuleSet checked;
  std::vector<std::string> known;
};

TEST(RenderExplainTest, TheTrailOfAnUnmetTarget) {
  Explained e(one_indicator(met_indicator),
              small_dataset("      r: {label: \"R\", values: [90 %, 91 %, 92 %]}\n"));
  ASSERT_TRUE(e.r.results);
  const auto text = e("x");
  ASSERT_TRUE(text);
  EXPECT_NE(text->find("Förklaring: x – Mått\n\nRegel  test.rules:2:3\n"
                       "      2 |   indicator x \"Mått\" {\n"
                       "      3 |     unit percent\n"
                       "      4 |     data t.r\n"
                       "      5 |     target >= 92\n"
                       "      6 |   }\n"),
            std::string::npos)
      << *text;
  EXPECT_NE(
      text->find(
          "  värde            \"91 %\"  test.yaml:14:38  (kolumn mars_2020 \"Mars 2020\", 2020-03) → 91 %\n"),
      std::string::npos)
      << *text;
  EXPECT_NE(
      text->find("  jämförelsevärde  \"90 %\"  test.yaml:14:32  (kolumn ar_2019 \"2019\", 2019) → 90 %\n"),
      std::string::npos)
      << *text;
  EXPECT_NE(
      text->find("  1. jämförelse: 91 % ≥ 92 % gäller inte\n  2. skillnad mot målet: −1 procentenhet\n"),
      std::string::npos)
      << *text;
  EXPECT_NE(text->find("Bedömning: ej uppfyllt (not_met)\n"), std::string::npos) << *text;
  EXPECT_NE(text->find("  - skillnaden mot målet är −1 → \"är 1 procentenhet under målvärdet 92 %\"\n"),
            std::string::npos)
      << *text;
  EXPECT_NE(text->find("  - bedömningen är ej uppfyllt → \"Målet är inte uppfyllt.\"\n"), std::string::npos)
      << *text;
}

TEST(RenderExplainTest, AnnualTargetsShowTheProRating) {
  Explained e(one_indicator("    unit count\n    data t.r\n    target >= 220000 annual\n"),
              small_dataset("      r: {label: \"R\", values: [1, \"62 500\", 0]}\n"));
  ASSERT_TRUE(e.r.results);
  const auto text = e("x");
  ASSERT_TRUE(text);
  EXPECT_NE(text->find("  1. årsmål pro rata: 220 000 × 3/12 månader = 55 000\n"
                       "  2. jämförelse: 62 500 ≥ 55 000 gäller\n"),
            std::string::npos)
      << *text;
  EXPECT_NE(text->find("Bedömning: i fas (on_track)"), std::string::npos);
}

TEST(RenderExplainTest, JsonAndUnknownIds) {
  Explained e(one_indicator(met_indicator), small_dataset(met_row));
  ASSERT_TRUE(e.r.results);
  const auto json = e("x", true);
  ASSERT_TRUE(json);
  const Json j = Json::parse(*json);
  EXPECT_EQ(j.at("schema"), "attain/explain/v1");
  EXPECT_EQ(j.at("kind"), "indicator");
  EXPECT_EQ(j.at("rule").at("location"), "test.rules:2:3");
  EXPECT_EQ(j.at("rule").at("source").get<std::string>().back(), '}');
  EXPECT_EQ(j.at("data")[0].at("text"), "92 %");
  EXPECT_EQ(j.at("verdict"), "met");
  EXPECT_FALSE(j.at("commentary").at("reasons").empty());
  EXPECT_FALSE(e("y"));
  EXPECT_EQ(e.known, std::vector<std::string>{"x"});
}

}  // namespace
}  // namespace attain
