// evaluate diff: snapshots from an evaluation and from its JSON report are the same, and
// the comparison lists changed verdicts with both values and both commentaries.

#include "attain/diff.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "attain/render.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

using test::Session;
using test::small_dataset;

struct Evaluated {
  Evaluated(const std::string& rules, const std::string& yaml) {
    results = s.run(rules, yaml);
    EXPECT_TRUE(results) << s.rendered();
    if (results) commentary = write_commentary(*results);
  }
  Session s;
  std::optional<Results> results;
  Commentary commentary;
};

const char* const rules =
    "area a \"A\" {\n"
    "  indicator x \"Svar\" { unit percent  higher is better  data t.x  target >= 92 }\n"
    "  indicator y \"Tapp\" { unit percent  lower is better  data t.y  target < 5 }\n"
    "}\n"
    "check k \"Summa\" { expect t.x@mars_2020 + t.y@mars_2020 = 100 }\n";

std::string rows(const char* x, const char* y) {
  return small_dataset(
      fmt::format("      x: {{values: [90 %, {}, 92 %]}}\n      y: {{values: [6 %, {}, 5 %]}}\n", x, y));
}

TEST(DiffTest, AJsonReportGivesTheSameSnapshotAsTheEvaluation) {
  Evaluated e(rules, rows("91 %", "9 %"));
  ASSERT_TRUE(e.results);
  const Snapshot direct = snapshot(*e.results, e.commentary, "q1");
  std::string error;
  const auto from_json =
      read_snapshot(render_json(*e.results, e.commentary, e.s.sources, e.s.sink.diagnostics()), "q1", error);
  ASSERT_TRUE(from_json) << error;
  EXPECT_EQ(from_json->period, "2020-03");
  ASSERT_EQ(from_json->items.size(), direct.items.size());
  for (std::size_t i = 0; i < direct.items.size(); ++i) {
    const SnapshotItem& a = direct.items[i];
    const SnapshotItem& b = from_json->items[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.kind, b.kind) << a.id;
    EXPECT_EQ(a.name, b.name) << a.id;
    EXPECT_EQ(a.verdict, b.verdict) << a.id;
    EXPECT_EQ(a.value, b.value) << a.id;
    EXPECT_EQ(a.target, b.target) << a.id;
    EXPECT_EQ(a.trend, b.trend) << a.id;
    EXPECT_EQ(a.commentary, b.commentary) << a.id;
  }
  // And the seed: every item of its JSON report.
}

TEST(DiffTest, ChangedVerdictsWithBothValuesAndWhy) {
  Evaluated q1(rules, rows("91 %", "8 %"));
  Evaluated q2(rules, rows("93 %", "7 %"));
  ASSERT_TRUE(q1.results && q2.results);
  const std::string text = render_diff(snapshot(*q1.results, q1.commentary, "q1.yaml"),
                                       snapshot(*q2.results, q2.commentary, "q2.yaml"), false);
  EXPECT_NE(
      text.find(
          "Jämförelse: q1.yaml (2020-03) → q2.yaml (2020-03)\n\nÄndrade bedömningar (2)\n"
          "  x  Svar (indikator): ej uppfyllt (not_met) → uppfyllt (met)\n"
          "      värde 91 % → 93 %, mot ≥ 92 %\n"
          "      före: Svar: 91 % är 1 procentenhet under målvärdet 92 %, en förbättring från 90 % 2019. "
          "Målet är inte uppfyllt.\n"
          "      nu:   Svar: 93 % är 1 procentenhet över målvärdet 92 %, en förbättring från 90 % 2019. "
          "Målet är uppfyllt.\n"),
      std::string::npos)
      << text;
  // 91 + 8 is not 100, 93 + 7 is: the check goes from fail to pass.
  EXPECT_NE(text.find("  k  Summa (datakontroll): stämmer inte (fail) → stämmer (pass)\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("\n2 resultat med samma bedömning.\n"), std::string::npos) << text;  // y, group a
  EXPECT_EQ(text.find("  y  "), std::string::npos) << text;  // not_met both times
}

TEST(DiffTest, AddedAndRemovedResultsAndJson) {
  Evaluated before(rules, rows("91 %", "8 %"));
  Evaluated after(
      "area a \"A\" {\n  indicator x \"Svar\" { unit percent  data t.x  target >= 92 }\n"
      "  indicator z \"Ny\" { unit percent  data t.y  target >= 1 }\n}\n",
      rows("91 %", "9 %"));
  ASSERT_TRUE(before.results && after.results);
  const Snapshot b = snapshot(*before.results, before.commentary, "b");
  const Snapshot a = snapshot(*after.results, after.commentary, "a");
  const std::string text = render_diff(b, a, false);
  EXPECT_NE(text.find("\nNya resultat (1)\n  z  Ny: uppfyllt (met)\n"), std::string::npos) << text;
  EXPECT_NE(
      text.find(
          "\nBorttagna resultat (2)\n  y  Tapp: ej uppfyllt (not_met)\n  k  Summa: stämmer inte (fail)\n"),
      std::string::npos)
      << text;
  const nlohmann::json j = nlohmann::json::parse(render_diff(b, a, true));
  EXPECT_EQ(j.at("schema"), "attain/diff/v1");
  ASSERT_EQ(j.at("changes").size(), 3u);
  EXPECT_EQ(j.at("changes")[0].at("change"), "added");
  EXPECT_TRUE(j.at("changes")[0].at("before").is_null());
  EXPECT_EQ(j.at("changes")[1].at("change"), "removed");
}

TEST(DiffTest, OnlyAttainReportsAreRead) {
  std::string error;
  EXPECT_FALSE(read_snapshot("not json", "x", error));
  EXPECT_EQ(error, "not JSON");
  EXPECT_FALSE(read_snapshot("{\"schema\": \"attain/catalogue/v1\"}", "x", error));
  EXPECT_EQ(error, "not an attain JSON report (schema attain/results/v1)");
  EXPECT_FALSE(read_snapshot("[1, 2]", "x", error));
}

}  // namespace
}  // namespace attain
