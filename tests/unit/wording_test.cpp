// --lang: the wording tables (wording.hpp) and what the commentary and renderers make of
// them. Swedish is the default and is asserted everywhere else; here English.

#include "attain/wording.hpp"

#include "attain/check.hpp"
#include "attain/parse.hpp"
#include "attain/render.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

using test::one_indicator;
using test::Session;
using test::small_dataset;

TEST(WordingTest, LanguagesByName) {
  EXPECT_EQ(language_from_name("sv"), Language::sv);
  EXPECT_EQ(language_from_name("en"), Language::en);
  EXPECT_EQ(language_from_name("fi"), std::nullopt);
  EXPECT_EQ(to_string(Language::en), "en");
  EXPECT_EQ(wording(Language::sv).language, Language::sv);
  EXPECT_EQ(wording(Language::en).language, Language::en);
}

TEST(WordingTest, EveryLabelIsThereInBothLanguages) {
  for (const Language l : {Language::sv, Language::en}) {
    const Wording& w = wording(l);
    for (std::string_view v : w.verdicts) EXPECT_FALSE(v.empty());
    for (std::string_view v : w.outcomes) EXPECT_FALSE(v.empty());
    for (std::string_view v : w.levels) EXPECT_FALSE(v.empty());
    for (std::string_view v : w.months) EXPECT_FALSE(v.empty());
    for (std::string_view v : w.count_one) EXPECT_FALSE(v.empty());
    for (std::string_view v : w.count_many) EXPECT_FALSE(v.empty());
    EXPECT_TRUE(w.trends[0].empty());  // no trend: nothing to say
    for (std::size_t i = 1; i < w.trends.size(); ++i) EXPECT_FALSE(w.trends[i].empty());
  }
  EXPECT_NE(wording(Language::sv).verdicts, wording(Language::en).verdicts);
}

TEST(WordingTest, EnglishNumbersAndLabels) {
  EXPECT_EQ(format_number(Decimal::integer(62500), Language::en), "62,500");
  EXPECT_EQ(format_number(Decimal::integer(62500)), "62 500");
  EXPECT_EQ(format_number(Decimal::from_units(55, 1), Language::en), "5.5");
  EXPECT_EQ(format_number(Decimal::integer(-143), Language::en),
            "\xE2\x88\x92"
            "143");
  EXPECT_EQ(format_value(Decimal::from_units(35, 1), Unit::percent, Language::en), "3.5 %");
  EXPECT_EQ(format_value(Decimal::integer(-1462), Unit::tkr, Language::en),
            "\xE2\x88\x92"
            "1,462 tkr");
  EXPECT_EQ(verdict_label(Verdict::not_met, Language::en), "not met");
  EXPECT_EQ(trend_label(Trend::improved, Language::en), "improvement");
  EXPECT_EQ(level_label(ast::GroupLevel::area, Language::en), "Area");
  EXPECT_EQ(period_range_text(*parse_period("2020-03"), Language::en), "January–March 2020");
  EXPECT_EQ(period_range_text(*parse_period("2019"), Language::en), "full year 2019");
  EXPECT_EQ(format_gap(Decimal::integer(-1), Unit::percent, Language::en), "−1 percentage point");
}

struct English {
  English(std::string rules, std::string yaml) {
    results = s.run(std::move(rules), std::move(yaml));
    EXPECT_TRUE(results) << s.rendered();
    if (results) commentary = write_commentary(*results, Language::en);
  }
  Session s;
  std::optional<Results> results;
  Commentary commentary;
};

TEST(WordingTest, EnglishCommentary) {
  English e(one_indicator("    unit percent\n    higher is better\n    data t.r\n    target >= 92\n"),
            small_dataset("      r: {label: \"R\", values: [90 %, 91 %, 92 %]}\n"));
  ASSERT_TRUE(e.results);
  EXPECT_EQ(e.commentary.language, Language::en);
  EXPECT_EQ(e.commentary.items.at(0),
            "Mått: 91 % is 1 percentage point below the target 92 %, an improvement from 90 % in 2019. "
            "The target is not met.");
  EXPECT_EQ(e.commentary.rollups.at(0), "Not met: 0 of 1 judged indicator met (required: all).");
  EXPECT_EQ(e.commentary.overall, "In total 1 measure: 1 not met.");
}

TEST(WordingTest, EnglishAnnualTargetsAndBudgets) {
  English annual(one_indicator("    unit count\n    data t.r\n    target >= 220000 annual\n"),
                 small_dataset("      r: {label: \"R\", values: [1, \"62 500\", 0]}\n"));
  ASSERT_TRUE(annual.results);
  EXPECT_EQ(
      annual.commentary.items.at(0),
      "Mått: 62,500 so far this year is on track for the annual target 220,000 (7,500 above the expected "
      "55,000 after 3 of 12 months).");
  English budget(
      "area a \"A\" {\n  budget b \"Budget B\" { table d outcome redovisat budget budget materiality 500 tkr "
      "}\n}\n",
      "report: {title: \"T\", period: \"2020-03\"}\n"
      "tables:\n"
      "  d:\n"
      "    columns:\n"
      "      - {id: redovisat, label: \"Redovisat\", kind: actual, period: \"2020-03\"}\n"
      "      - {id: budget, label: \"Budget\", kind: budget, period: \"2020-03\"}\n"
      "    rows:\n"
      "      x: {label: \"X\", values: [-941, 0]}\n");
  ASSERT_TRUE(budget.results);
  EXPECT_EQ(budget.commentary.items.at(0),
            "Budget B, X: redovisat −941 tkr against budget 0 tkr, an unfavourable deviation of 941 tkr "
            "(significant, at least 500 tkr).");
}

TEST(WordingTest, EnglishReportHeadings) {
  English e(one_indicator("    unit percent\n    data t.r\n    target >= 92\n"),
            small_dataset("      r: {label: \"R\", values: [90 %, 92 %, 92 %]}\n"));
  ASSERT_TRUE(e.results);
  const std::string text = render_text(*e.results, e.commentary, e.s.sources, RenderOptions{});
  for (const char* heading : {"Period: January–March 2020 (3 of 12 months)\n", "\nArea: A\n",
                              "\nSignificant deviations\n  None.\n", "\nSummary\n", "\nInputs (attain "}) {
    EXPECT_NE(text.find(heading), std::string::npos) << heading << "\n" << text;
  }
  const std::string md = render_markdown(*e.results, e.commentary, e.s.sources);
  EXPECT_NE(md.find("| Indicator | 2019 | Mars 2020 | Target | Verdict |"), std::string::npos) << md;
  const std::string html = render_html(*e.results, e.commentary, e.s.sources);
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_EQ(html.find("Sammanfattning"), std::string::npos);
  const std::string junit = render_junit(*e.results, e.commentary, e.s.sources);
  EXPECT_NE(junit.find("<testsuite name=\"Area: A\""), std::string::npos) << junit;
}

TEST(WordingTest, EnglishAuditVerbs) {
  English e(one_indicator("    unit percent\n    higher is better\n    data t.r\n    target >= 92\n"),
            small_dataset("      r: {label: \"R\", values: [90 %, 91 %, 92 %]}\n"));
  ASSERT_TRUE(e.results);
  DiagnosticSink sink;
  std::vector<ast::RuleFile> files;
  if (auto f = parse_rules(e.s.sources.file(0), sink)) files.push_back(*f);
  const RuleSet rules = check_rules(files, sink);
  std::vector<std::string> known;
  const auto text = render_explanation(rules, *e.results, e.commentary, e.s.sources, "x", false, known);
  ASSERT_TRUE(text);
  for (const char* part :
       {"Explanation: x – Mått\n", "\nRule  test.rules:2:3\n", "\nValues from the dataset\n",
        "  1. comparison: 91 % ≥ 92 % does not hold\n", "Verdict: not met (not_met)\n",
        "Trend: improvement: 91 % against 90 % (2019), higher is better\n",
        "  - the difference from the target is −1 → \"is 1 percentage point below the target 92 %\"\n",
        "  - the verdict is not met → \"The target is not met.\"\n"}) {
    EXPECT_NE(text->find(part), std::string::npos) << part << "\n" << *text;
  }
  const std::string list = render_catalogue(rules, e.s.sources, CatalogueFormat::text, Language::en);
  EXPECT_NE(list.find("target: ≥ 92 %; higher is better; unit percent; data t.r"), std::string::npos) << list;
  // (the test's dataset is among the sources; `evaluate list` reads rule files only)
  EXPECT_NE(list.find("\n1 indicators, 0 budgets, 0 data checks, 0 rule tests in "), std::string::npos)
      << list;
}

}  // namespace
}  // namespace attain
