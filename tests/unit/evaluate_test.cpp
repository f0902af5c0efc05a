// Evaluating rules against a dataset: verdicts for every comparator at and around the
// bound, annual pro-rating, absent values, trends, budget lines, reference errors, and
// the seed report end to end.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <map>

#include "attain/evaluate.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

using test::one_indicator;
using test::Session;
using test::Single;
using test::small_dataset;

Decimal dec(std::int64_t units, int scale) {
  return Decimal::from_units(units, scale);
}

// The verdict of `properties` with the Mars 2020 cell `value` (2019 and Målvärde blank).
Verdict verdict_of(std::string_view properties, std::string_view value) {
  Single s(properties, "[null, " + std::string(value) + ", null]");
  EXPECT_TRUE(s.results) << s.session.rendered();
  return s.results ? s.item().verdict : Verdict::no_data;
}

// The trend of `properties` from 2019 `before` to Mars 2020 `now`.
Trend trend_of(std::string_view properties, std::string_view before, std::string_view now) {
  Single s(properties, "[" + std::string(before) + ", " + std::string(now) + ", null]");
  EXPECT_TRUE(s.results) << s.session.rendered();
  return s.results ? s.item().trend : Trend::none;
}

TEST(EvaluateTest, FillsTheResultOfAnIndicator) {
  Single s("    unit percent\n    target >= 92\n", "[90 %, 92 %, 92 %]");
  ASSERT_TRUE(s.results) << s.session.rendered();
  EXPECT_EQ(s.results->report.title, "Testrapport");
  EXPECT_EQ(s.results->groups.size(), 1u);
  ASSERT_EQ(s.results->items.size(), 1u);
  const ItemResult& r = s.item();
  EXPECT_EQ(r.kind, ItemResult::Kind::indicator);
  EXPECT_EQ(r.id, "x");
  EXPECT_EQ(r.name, "Mått");
  EXPECT_EQ(r.group, 0u);
  EXPECT_EQ(r.unit, Unit::percent);
  EXPECT_EQ(r.direction, ast::Direction::higher);
  EXPECT_EQ(r.data_ref, "t.r");
  EXPECT_EQ(s.session.sources.location(r.rule_span), "test.rules:2:3");
  ASSERT_TRUE(r.current);
  EXPECT_EQ(r.current->value.number, Decimal::integer(92));
  EXPECT_EQ(r.current->column_id, "mars_2020");
  EXPECT_EQ(r.current->column_label, "Mars 2020");
  EXPECT_EQ(r.current->period, (Period{2020, 3, false}));
  EXPECT_EQ(s.session.sources.location(r.current->value.span), "test.yaml:14:38");
  ASSERT_TRUE(r.previous);
  EXPECT_EQ(r.previous->column_id, "ar_2019");
  EXPECT_EQ(r.previous->value.number, Decimal::integer(90));
  EXPECT_EQ(r.verdict, Verdict::met);
  EXPECT_EQ(r.trend, Trend::improved);
  EXPECT_EQ(r.reference, Decimal::integer(92));
  EXPECT_EQ(r.gap, Decimal::integer(0));
  EXPECT_TRUE(s.session.sink.diagnostics().empty()) << s.session.rendered();
}

// The series over time is kept only when asked for (HTML and Markdown draw it); nothing
// else about the result changes without it.
TEST(EvaluateTest, TheSeriesIsFilledOnlyWhenAskedFor) {
  Session s;
  auto rules = s.check(test::one_indicator("    unit percent\n    target >= 92\n    data t.r\n"));
  auto data = s.load(small_dataset("      r: {label: \"R\", values: [90 %, 92 %, 92 %]}\n"));
  ASSERT_TRUE(rules && data) << s.rendered();
  const auto with = evaluate(*rules, *data, s.sink);
  const auto without = evaluate(*rules, *data, s.sink, {.series = false});
  ASSERT_TRUE(with && without) << s.rendered();
  const ItemResult& a = with->items.at(0);
  const ItemResult& b = without->items.at(0);
  ASSERT_EQ(a.series.size(), 2u);  // 2019 and Mars 2020: the actual columns with a period
  EXPECT_EQ(a.series[0].value.number, Decimal::integer(90));
  EXPECT_EQ(a.series[1].value.number, Decimal::integer(92));
  EXPECT_TRUE(b.series.empty());
  EXPECT_EQ(a.verdict, b.verdict);
  EXPECT_EQ(a.trend, b.trend);
  EXPECT_EQ(a.current->value.number, b.current->value.number);
  EXPECT_EQ(a.previous->value.number, b.previous->value.number);
}

// --- Comparators ---------------------------------------------------------------------------

TEST(EvaluateTest, GreaterOrEqualAtAndAroundTheBound) {
  EXPECT_EQ(verdict_of("    target >= 92\n", "92"), Verdict::met);
  EXPECT_EQ(verdict_of("    target >= 92\n", "93"), Verdict::met);
  EXPECT_EQ(verdict_of("    target >= 92\n", "91"), Verdict::not_met);
  EXPECT_EQ(verdict_of("    target >= 92\n", "\"91,9\""), Verdict::not_met);
  EXPECT_EQ(verdict_of("    target \xE2\x89\xA5 92\n", "92"), Verdict::met);
}

TEST(EvaluateTest, LessOrEqualAtAndAroundTheBound) {
  EXPECT_EQ(verdict_of("    target <= 3,5\n", "\"3,5\""), Verdict::met);
  EXPECT_EQ(verdict_of("    target <= 3,5\n", "\"3,50\""), Verdict::met);
  EXPECT_EQ(verdict_of("    target <= 3,5\n", "\"3,4\""), Verdict::met);
  EXPECT_EQ(verdict_of("    target <= 3,5\n", "\"3,51\""), Verdict::not_met);
  EXPECT_EQ(verdict_of("    target \xE2\x89\xA4 3,5\n", "\"5,5\""), Verdict::not_met);
}

TEST(EvaluateTest, GreaterThanAtAndAroundTheBound) {
  EXPECT_EQ(verdict_of("    target > 5\n", "5"), Verdict::not_met);
  EXPECT_EQ(verdict_of("    target > 5\n", "\"5,1\""), Verdict::met);
  EXPECT_EQ(verdict_of("    target > 5\n", "4"), Verdict::not_met);
}

TEST(EvaluateTest, LessThanAtAndAroundTheBound) {
  EXPECT_EQ(verdict_of("    target < 5\n", "5"), Verdict::not_met);
  EXPECT_EQ(verdict_of("    target < 5\n", "\"4,9\""), Verdict::met);
  EXPECT_EQ(verdict_of("    target < 5\n", "\"6,5 %\""), Verdict::not_met);
}

TEST(EvaluateTest, EqualsAtAndAroundTheBound) {
  EXPECT_EQ(verdict_of("    target = 100\n", "100"), Verdict::met);
  EXPECT_EQ(verdict_of("    target = 100\n", "\"100,0\""), Verdict::met);
  EXPECT_EQ(verdict_of("    target = 100\n", "99"), Verdict::not_met);
  EXPECT_EQ(verdict_of("    target = 100\n", "101"), Verdict::not_met);
}

TEST(EvaluateTest, RangeIncludesBothBounds) {
  EXPECT_EQ(verdict_of("    target 90..100\n", "90"), Verdict::met);
  EXPECT_EQ(verdict_of("    target 90..100\n", "100"), Verdict::met);
  EXPECT_EQ(verdict_of("    target 90..100\n", "95"), Verdict::met);
  EXPECT_EQ(verdict_of("    target 90..100\n", "\"89,9\""), Verdict::not_met);
  EXPECT_EQ(verdict_of("    target 90..100\n", "\"100,1\""), Verdict::not_met);
}

TEST(EvaluateTest, RangeGapIsMeasuredFromTheNearestBound) {
  Single below("    target 90..100\n", "[null, 89, null]");
  ASSERT_TRUE(below.results) << below.session.rendered();
  EXPECT_EQ(below.item().reference, Decimal::integer(90));
  EXPECT_EQ(below.item().gap, Decimal::integer(-1));
  Single above("    target 90..100\n", "[null, 103, null]");
  ASSERT_TRUE(above.results);
  EXPECT_EQ(above.item().reference, Decimal::integer(100));
  EXPECT_EQ(above.item().gap, Decimal::integer(3));
  Single inside("    target 90..100\n", "[null, 95, null]");
  ASSERT_TRUE(inside.results);
  EXPECT_EQ(inside.item().gap, Decimal::integer(0));
}

TEST(EvaluateTest, GapIsValueMinusBound) {
  Single s("    target <= 3,5\n", "[null, \"5,5\", null]");
  ASSERT_TRUE(s.results) << s.session.rendered();
  EXPECT_EQ(s.item().reference, dec(35, 1));
  EXPECT_EQ(s.item().gap, dec(20, 1));
  EXPECT_EQ(s.item().gap->scale(), 1);
}

// --- Annual targets ------------------------------------------------------------------------

TEST(EvaluateAnnualTest, ExactlyOnTheProRatedLineIsOnTrack) {
  Single s("    target >= 220000 annual\n", "[null, \"55 000\", null]");
  ASSERT_TRUE(s.results) << s.session.rendered();
  const ItemResult& r = s.item();
  EXPECT_EQ(r.verdict, Verdict::on_track);
  EXPECT_EQ(r.months_elapsed, 3);
  EXPECT_EQ(r.reference, Decimal::integer(55000));
  EXPECT_EQ(r.reference->scale(), 0);
  EXPECT_EQ(r.gap, Decimal::integer(0));
}

TEST(EvaluateAnnualTest, BelowTheProRatedLineIsBehind) {
  Single s("    target >= 220000 annual\n", "[null, \"54 999\", null]");
  ASSERT_TRUE(s.results) << s.session.rendered();
  EXPECT_EQ(s.item().verdict, Verdict::behind);
  EXPECT_EQ(s.item().gap, Decimal::integer(-1));
}

TEST(EvaluateAnnualTest, ProRatedReferenceKeepsAHalf) {
  Single s("    target >= 90 annual\n", "[null, 11, 90]");
  ASSERT_TRUE(s.results) << s.session.rendered();
  EXPECT_EQ(s.item().verdict, Verdict::behind);
  EXPECT_EQ(s.item().reference->units(), 225);
  EXPECT_EQ(s.item().reference->scale(), 1);
  EXPECT_EQ(s.item().gap, dec(-115, 1));
}

TEST(EvaluateAnnualTest, ComparesExactlyWithoutRoundingTheExpectation) {
  // 1 of 12 months against >= 5 per year: the expectation 0,41666... has no finite
  // decimal form; it is shown two decimals finer than the value, and 0,4 is behind.
  Session s;
  auto results = s.run(one_indicator("    data t.r\n    target >= 5 annual\n"),
                       "report: {title: \"T\", period: \"2020-01\"}\n"
                       "tables:\n"
                       "  t:\n"
                       "    columns: [{id: jan, kind: actual, period: \"2020-01\"}]\n"
                       "    rows: {r: {values: [\"0,4\"]}}\n");
  ASSERT_TRUE(results) << s.rendered();
  const ItemResult& r = results->items.at(0);
  EXPECT_EQ(r.months_elapsed, 1);
  EXPECT_EQ(r.reference->units(), 417);
  EXPECT_EQ(r.reference->scale(), 3);
  EXPECT_EQ(r.gap, dec(-17, 3));
  EXPECT_EQ(r.verdict, Verdict::behind);
}

TEST(EvaluateAnnualTest, ExactExpectationKeepsTheDecimalsItNeeds) {
  Single s("    target >= 1 annual\n", "[null, 0, null]");
  ASSERT_TRUE(s.results) << s.session.rendered();
  EXPECT_EQ(s.item().reference->units(), 25);  // 1 * 3/12 = 0,25
  EXPECT_EQ(s.item().reference->scale(), 2);
  EXPECT_EQ(s.item().verdict, Verdict::behind);
}

TEST(EvaluateAnnualTest, MonthsElapsedAreSetWithoutAValue) {
  Single s("    target >= 90 annual\n", "[null, I.U., null]");
  ASSERT_TRUE(s.results) << s.session.rendered();
  EXPECT_EQ(s.item().verdict, Verdict::no_data);
  EXPECT_EQ(s.item().months_elapsed, 3);
  EXPECT_FALSE(s.item().reference);
}

TEST(EvaluateAnnualTest, StrictAndUpperBounds) {
  EXPECT_EQ(verdict_of("    target > 100 annual\n", "25"), Verdict::behind);
  EXPECT_EQ(verdict_of("    target > 100 annual\n", "26"), Verdict::on_track);
  EXPECT_EQ(verdict_of("    target <= 120 annual\n", "30"), Verdict::on_track);
  EXPECT_EQ(verdict_of("    target <= 120 annual\n", "31"), Verdict::behind);
  EXPECT_EQ(verdict_of("    target < 120 annual\n", "30"), Verdict::behind);
  EXPECT_EQ(verdict_of("    target < 120 annual\n", "29"), Verdict::on_track);
}

TEST(EvaluateAnnualTest, NoTrendAgainstAFullYearColumn) {
  // annual implies cumulative: 2019 (twelve months) is no comparison for Mars 2020.
  Single s("    target >= 90 annual\n", "[29, 11, 90]");
  ASSERT_TRUE(s.results) << s.session.rendered();
  EXPECT_FALSE(s.item().previous);
  EXPECT_EQ(s.item().trend, Trend::none);
}

// --- Columns for current and previous values ------------------------------------------------

const char* const four_columns =
    "report: {title: \"T\", period: \"2020-03\"}\n"
    "tables:\n"
    "  v:\n"
    "    columns:\n"
    "      - {id: ar_2019, label: \"2019\", kind: actual, period: \"2019\"}\n"
    "      - {id: mars_2019, label: \"Mars 2019\", kind: actual, period: \"2019-03\"}\n"
    "      - {id: ar_2018, label: \"2018\", kind: actual, period: \"2018\"}\n"
    "      - {id: mars_2020, label: \"Mars 2020\", kind: actual, period: \"2020-03\"}\n"
    "      - {id: prognos, label: \"Prognos\", kind: forecast, period: \"2020\"}\n"
    "    rows:\n"
    "      r: {values: [100, 20, 50, 30, 120]}\n";

TEST(EvaluateColumnsTest, PreviousIsTheLatestEarlierActualColumn) {
  Session s;
  auto results = s.run(one_indicator("    data v.r\n    higher is better\n"), four_columns);
  ASSERT_TRUE(results) << s.rendered();
  const ItemResult& r = results->items.at(0);
  EXPECT_EQ(r.current->column_id, "mars_2020");
  EXPECT_EQ(r.previous->column_id, "ar_2019");
  EXPECT_EQ(r.trend, Trend::worsened);  // 30 against 100
}

TEST(EvaluateColumnsTest, CumulativeComparesTheSameMonthsOfTheYearBefore) {
  Session s;
  auto results = s.run(one_indicator("    data v.r\n    higher is better\n    cumulative\n"), four_columns);
  ASSERT_TRUE(results) << s.rendered();
  const ItemResult& r = results->items.at(0);
  EXPECT_EQ(r.previous->column_id, "mars_2019");
  EXPECT_EQ(r.trend, Trend::improved);  // 30 against 20
}

TEST(EvaluateColumnsTest, ExplicitColumnHasNoPrevious) {
  Session s;
  auto results = s.run(one_indicator("    data v.r@prognos\n    target >= 100\n"), four_columns);
  ASSERT_TRUE(results) << s.rendered();
  const ItemResult& r = results->items.at(0);
  EXPECT_EQ(r.data_ref, "v.r@prognos");
  EXPECT_EQ(r.current->column_id, "prognos");
  EXPECT_EQ(r.current->value.number, Decimal::integer(120));
  EXPECT_EQ(r.current->period, (Period{2020, 12, true}));
  EXPECT_FALSE(r.previous);
  EXPECT_EQ(r.verdict, Verdict::met);
  EXPECT_EQ(r.trend, Trend::none);
}

// --- Absent values and targets ----------------------------------------------------------------

TEST(EvaluateTest, PendingTargetWhateverTheValue) {
  EXPECT_EQ(verdict_of("    target pending \"Q3\"\n", "39"), Verdict::pending);
  EXPECT_EQ(verdict_of("    target pending \"Q3\"\n", "I.U."), Verdict::pending);
  EXPECT_EQ(verdict_of("    target pending\n", "null"), Verdict::pending);
}

TEST(EvaluateTest, NoTarget) {
  EXPECT_EQ(verdict_of("    target none\n", "\"4,4\""), Verdict::no_target);
  EXPECT_EQ(verdict_of("", "\"4,4\""), Verdict::no_target);
  EXPECT_EQ(verdict_of("    target none\n", "I.U."), Verdict::no_target);
}

TEST(EvaluateTest, NoDataForIuAndBlank) {
  EXPECT_EQ(verdict_of("    target >= 90\n", "I.U."), Verdict::no_data);
  EXPECT_EQ(verdict_of("    target >= 90\n", "null"), Verdict::no_data);
  EXPECT_EQ(verdict_of("    target >= 90\n", "\"\""), Verdict::no_data);
  EXPECT_EQ(verdict_of("    target >= 90 annual\n", "I.U."), Verdict::no_data);
}

TEST(EvaluateTest, NotApplicableForNaAndDash) {
  EXPECT_EQ(verdict_of("    target >= 90\n", "N/A"), Verdict::not_applicable);
  EXPECT_EQ(verdict_of("    target >= 90\n", "\"-\""), Verdict::not_applicable);
}

TEST(EvaluateTest, NoDataKeepsNoReferenceOrGap) {
  Single s("    target >= 90\n", "[90, I.U., null]");
  ASSERT_TRUE(s.results) << s.session.rendered();
  EXPECT_FALSE(s.item().reference);
  EXPECT_FALSE(s.item().gap);
  EXPECT_EQ(s.item().trend, Trend::none);
}

TEST(EvaluateTest, W0302TextValueIsNoData) {
  Session s;
  auto results = s.run(one_indicator("    data t.r@malvarde\n    target >= 0\n"),
                       small_dataset("      r: {values: [null, null, Nollresultat]}\n"));
  ASSERT_TRUE(results) << s.rendered();
  EXPECT_EQ(results->items.at(0).verdict, Verdict::no_data);
  EXPECT_DIAGNOSTIC(s, "W0302", "'Nollresultat' is text, not a number; 'x' has no value", "test.yaml:14:32");
  EXPECT_EQ(s.find("W0302")->severity, Severity::warning);
}

TEST(EvaluateTest, W0301PercentValueForAnIndicatorWithoutPercentUnit) {
  Session s;
  auto results = s.run(one_indicator("    unit count\n    data t.r\n    target >= 90\n"),
                       small_dataset("      r: {values: [null, 91 %, null]}\n"));
  ASSERT_TRUE(results) << s.rendered();
  EXPECT_DIAGNOSTIC(s, "W0301", "'91 %' is written as a percentage but 'x' has unit count",
                    "test.yaml:14:26");
  const Diagnostic* d = s.find("W0301");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->severity, Severity::warning);
  EXPECT_EQ(test::notes(*d), std::vector<std::string>{"'x' is declared here"});
  EXPECT_EQ(test::note_location(s, *d), "test.rules:2:3");
}

TEST(EvaluateTest, NoW0301ForPercentUnit) {
  Single s("    unit percent\n    target >= 90\n", "[null, 91 %, null]");
  ASSERT_TRUE(s.results);
  EXPECT_TRUE(s.session.sink.diagnostics().empty()) << s.session.rendered();
}

// --- Trends ------------------------------------------------------------------------------------

TEST(EvaluateTrendTest, HigherIsBetter) {
  EXPECT_EQ(trend_of("    target >= 92\n", "90", "91"), Trend::improved);
  EXPECT_EQ(trend_of("    target >= 92\n", "91", "90"), Trend::worsened);
  EXPECT_EQ(trend_of("    higher is better\n", "91", "90"), Trend::worsened);
}

TEST(EvaluateTrendTest, LowerIsBetter) {
  EXPECT_EQ(trend_of("    target <= 3,5\n", "\"3,8\"", "\"5,5\""), Trend::worsened);
  EXPECT_EQ(trend_of("    target <= 3,5\n", "\"5,5\"", "\"3,8\""), Trend::improved);
  EXPECT_EQ(trend_of("    lower is better\n    target >= 1\n", "1", "2"), Trend::worsened);
}

TEST(EvaluateTrendTest, UnchangedComparesValues) {
  EXPECT_EQ(trend_of("    target < 5\n", "\"6,5 %\"", "\"6,5 %\""), Trend::unchanged);
  EXPECT_EQ(trend_of("    target < 5\n", "\"3,8\"", "\"3,80\""), Trend::unchanged);
  EXPECT_EQ(trend_of("    target = 5\n", "2", "2"), Trend::unchanged);
}

TEST(EvaluateTrendTest, NoneWithoutADirection) {
  EXPECT_EQ(trend_of("    target = 5\n", "1", "2"), Trend::none);
  EXPECT_EQ(trend_of("    target 1..9\n", "1", "2"), Trend::none);
  EXPECT_EQ(trend_of("", "1", "2"), Trend::none);
}

TEST(EvaluateTrendTest, NoneWithoutTwoNumbers) {
  EXPECT_EQ(trend_of("    target >= 1\n", "I.U.", "2"), Trend::none);
  EXPECT_EQ(trend_of("    target >= 1\n", "2", "I.U."), Trend::none);
  EXPECT_EQ(trend_of("    target >= 1\n", "null", "2"), Trend::none);
}

// --- Breakdowns ---------------------------------------------------------------------------------

TEST(EvaluateTest, BreakdownsAreJudgedAgainstTheIndicatorsTarget) {
  Session s;
  auto results = s.run(one_indicator("    unit percent\n    data t.r\n    target <= 3,5\n"
                                     "    breakdown man \"Män\" data t.r.man\n"
                                     "    breakdown kvinnor \"Kvinnor\" data t.r.kvinnor\n"),
                       small_dataset("      r:\n"
                                     "        values: [\"3,8\", \"5,5\", \"3,5 %\"]\n"
                                     "        rows:\n"
                                     "          man: {values: [\"3,8\", \"3,4\", null]}\n"
                                     "          kvinnor: {values: [\"3,7\", \"6,7\", null]}\n"));
  ASSERT_TRUE(results) << s.rendered();
  const ItemResult& r = results->items.at(0);
  EXPECT_EQ(r.verdict, Verdict::not_met);
  ASSERT_EQ(r.breakdowns.size(), 2u);
  EXPECT_EQ(r.breakdowns[0].kind, ItemResult::Kind::breakdown);
  EXPECT_EQ(r.breakdowns[0].id, "man");
  EXPECT_EQ(r.breakdowns[0].name, "Män");
  EXPECT_EQ(r.breakdowns[0].data_ref, "t.r.man");
  EXPECT_EQ(r.breakdowns[0].verdict, Verdict::met);
  EXPECT_EQ(r.breakdowns[0].trend, Trend::improved);
  EXPECT_EQ(r.breakdowns[1].verdict, Verdict::not_met);
  EXPECT_EQ(r.breakdowns[1].trend, Trend::worsened);
  EXPECT_EQ(s.sources.location(r.breakdowns[1].rule_span), "test.rules:7:5");
}

// --- Budget lines --------------------------------------------------------------------------------

const char* const budget_dataset =
    "report: {title: \"T\", period: \"2020-03\"}\n"
    "tables:\n"
    "  d:\n"
    "    title: \"Driftsammandrag\"\n"
    "    unit: tkr\n"
    "    columns:\n"
    "      - {id: redovisat, label: \"Redovisat jan-mars 2020\", kind: actual, period: \"2020-03\"}\n"
    "      - {id: budget, label: \"Budget jan-mars 2020\", kind: budget, period: \"2020-03\"}\n"
    "      - {id: avvikelse, label: \"Avvikelse\", kind: deviation}\n"
    "      - {id: foregaende, label: \"Redovisat samma period f\xC3\xB6reg\xC3\xA5"
    "ende \xC3\xA5r\", kind: actual, period: \"2019-03\"}\n"
    "    rows:\n"
    "      ledning: {label: \"VSS ledning\", values: [-143, 0, -143, \"-1 462\"]}\n"        // 12
    "      lkdata: {label: \"LKDATA\", values: [\"1 281\", -499, \"1 779\", \"5 382\"]}\n"  // 13
    "      at_limit: {label: \"Vid gr\xC3\xA4nsen\", values: [-500, 0, -500, 0]}\n"
    "      below: {label: \"Under gr\xC3\xA4nsen\", values: [-499, 0, 499, 0]}\n"
    "      plus: {label: \"Plus\", values: [600, 0, \"+600\", 0]}\n"
    "      zero: {label: \"Noll\", values: [0, 0, 0, 0]}\n"
    "      missing: {label: \"Saknas\", values: [I.U., 0, null, 0]}\n"
    "      na: {label: \"Ej till\xC3\xA4mpligt\", values: [0, N/A, null, 0]}\n"
    "      header: {label: \"Rubrik\", rows: {child: {values: [1, 1, 0, 1]}}}\n";

const char* const budget_rules =
    "area a \"A\" {\n"
    "  budget b \"Budget B\" {\n"
    "    table d\n"
    "    outcome redovisat\n"
    "    budget budget\n"
    "    reported avvikelse\n"
    "    previous foregaende\n"
    "    favourable higher\n"
    "    materiality 500 tkr\n"
    "  }\n"
    "}\n";

class BudgetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    results = s.run(budget_rules, budget_dataset);
    ASSERT_TRUE(results) << s.rendered();
    for (const ItemResult& r : results->items) lines[r.id] = &r;
  }
  const ItemResult& line(const std::string& id) const {
    auto it = lines.find(id);
    if (it == lines.end()) throw std::runtime_error("no line " + id);
    return *it->second;
  }
  Session s;
  std::optional<Results> results;
  std::map<std::string, const ItemResult*> lines;
};

TEST_F(BudgetTest, EveryTopLevelRowWithFiguresIsALine) {
  std::vector<std::string> ids;
  for (const ItemResult& r : results->items) ids.push_back(r.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"b_ledning", "b_lkdata", "b_at_limit", "b_below", "b_plus",
                                           "b_zero", "b_missing", "b_na"}));
}

TEST_F(BudgetTest, LineFields) {
  const ItemResult& r = line("b_ledning");
  EXPECT_EQ(r.kind, ItemResult::Kind::budget_line);
  EXPECT_EQ(r.name, "VSS ledning");
  EXPECT_EQ(r.budget_id, "b");
  EXPECT_EQ(r.budget_name, "Budget B");
  EXPECT_EQ(r.data_ref, "d.ledning");
  EXPECT_EQ(r.unit, Unit::tkr);
  EXPECT_EQ(r.direction, ast::Direction::higher);
  EXPECT_EQ(r.target.kind, ast::Target::Kind::none);
  EXPECT_EQ(r.current->column_id, "redovisat");
  EXPECT_EQ(r.budget->column_id, "budget");
  EXPECT_EQ(r.reported_deviation->column_id, "avvikelse");
  EXPECT_EQ(r.previous->value.number, Decimal::integer(-1462));
  EXPECT_EQ(r.materiality, Decimal::integer(500));
  EXPECT_EQ(s.sources.location(r.rule_span), "test.rules:2:3");
}

TEST_F(BudgetTest, SmallUnfavourableDeviationIsMet) {
  const ItemResult& r = line("b_ledning");
  EXPECT_EQ(r.deviation, Decimal::integer(-143));
  EXPECT_EQ(r.reference, Decimal::integer(0));
  EXPECT_EQ(r.gap, Decimal::integer(-143));
  EXPECT_FALSE(r.favourable);
  EXPECT_FALSE(r.significant);
  EXPECT_EQ(r.verdict, Verdict::met);
  EXPECT_EQ(r.trend, Trend::improved);  // -143 against -1 462, higher is better
}

TEST_F(BudgetTest, DeviationExactlyAtTheMaterialityIsSignificant) {
  const ItemResult& r = line("b_at_limit");
  EXPECT_EQ(r.deviation, Decimal::integer(-500));
  EXPECT_TRUE(r.significant);
  EXPECT_FALSE(r.favourable);
  EXPECT_EQ(r.verdict, Verdict::not_met);
  const ItemResult& below = line("b_below");
  EXPECT_FALSE(below.significant);
  EXPECT_EQ(below.verdict, Verdict::met);
}

TEST_F(BudgetTest, SignificantFavourableDeviationIsMet) {
  const ItemResult& r = line("b_plus");
  EXPECT_EQ(r.deviation, Decimal::integer(600));
  EXPECT_TRUE(r.significant);
  EXPECT_TRUE(r.favourable);
  EXPECT_EQ(r.verdict, Verdict::met);
}

TEST_F(BudgetTest, ZeroDeviation) {
  const ItemResult& r = line("b_zero");
  EXPECT_EQ(r.deviation, Decimal::integer(0));
  EXPECT_FALSE(r.significant);
  EXPECT_TRUE(r.favourable);
  EXPECT_EQ(r.verdict, Verdict::met);
  EXPECT_EQ(r.trend, Trend::unchanged);
}

TEST_F(BudgetTest, AbsentOutcomeOrBudget) {
  EXPECT_EQ(line("b_missing").verdict, Verdict::no_data);
  EXPECT_FALSE(line("b_missing").deviation);
  EXPECT_EQ(line("b_na").verdict, Verdict::not_applicable);
  EXPECT_FALSE(line("b_na").deviation);
}

TEST_F(BudgetTest, W0303ReportedDeviationMismatch) {
  // 1 281 - (-499) = 1 780; the report prints 1 779. A reported deviation of either sign
  // (-143 or +499 for -499) is accepted.
  ASSERT_EQ(s.sink.diagnostics().size(), 1u) << s.rendered();
  EXPECT_DIAGNOSTIC(
      s, "W0303", "reported deviation 1 779 differs from outcome \xE2\x88\x92 budget = 1 780 for 'b_lkdata'",
      "test.yaml:13:57");
  const Diagnostic* d = s.find("W0303");
  EXPECT_EQ(d->severity, Severity::warning);
  EXPECT_EQ(test::notes(*d), std::vector<std::string>{"outcome 1 281 and budget -499"});
  EXPECT_EQ(test::note_location(s, *d), "test.yaml:13:42");
  EXPECT_EQ(line("b_lkdata").verdict, Verdict::met);
  EXPECT_TRUE(line("b_lkdata").significant);
}

// Regression: a deviation of INT64_MIN could not be negated (undefined behaviour) and was
// judged insignificant; arithmetic now refuses results that cannot be negated (W0304).
TEST(BudgetRulesTest, DeviationAtTheInt64LimitIsNotJudgedInsignificant) {
  Session s;
  auto results = s.run(
      "area a \"A\" {\n  budget b \"B\" { table t outcome mars_2020 budget ar_2019 materiality 500 }\n}\n",
      small_dataset("      r: {values: [1, \"-9 223 372 036 854 775 807\", null]}\n"));
  ASSERT_TRUE(results) << s.rendered();
  const ItemResult& r = results->items.at(0);
  if (r.deviation) {
    EXPECT_TRUE(r.significant);
    EXPECT_EQ(r.verdict, Verdict::not_met);
  } else {
    EXPECT_EQ(s.count("W0304"), 1u);
  }
}

TEST(BudgetRulesTest, FavourableLowerForInvestments) {
  Session s;
  auto results = s.run(
      "area a \"A\" {\n"
      "  budget inv \"Investeringar\" {\n"
      "    table i outcome prognos budget ram reported avvikelse favourable lower materiality 500 tkr\n"
      "  }\n"
      "}\n",
      "report: {title: \"T\", period: \"2020-03\"}\n"
      "tables:\n"
      "  i:\n"
      "    columns:\n"
      "      - {id: prognos, kind: forecast, period: \"2020\"}\n"
      "      - {id: ram, kind: frame, period: \"2020\"}\n"
      "      - {id: avvikelse, kind: deviation}\n"
      "    rows:\n"
      "      lkdata: {values: [\"60 000\", \"45 000\", \"15 000\"]}\n"
      "      under: {values: [\"40 000\", \"45 000\", \"-5 000\"]}\n");
  ASSERT_TRUE(results) << s.rendered();
  const ItemResult& over = results->items.at(0);
  EXPECT_EQ(over.id, "inv_lkdata");
  EXPECT_EQ(over.direction, ast::Direction::lower);
  EXPECT_EQ(over.deviation, Decimal::integer(15000));
  EXPECT_FALSE(over.favourable);
  EXPECT_TRUE(over.significant);
  EXPECT_EQ(over.verdict, Verdict::not_met);
  const ItemResult& under = results->items.at(1);
  EXPECT_EQ(under.deviation, Decimal::integer(-5000));
  EXPECT_TRUE(under.favourable);
  EXPECT_TRUE(under.significant);
  EXPECT_EQ(under.verdict, Verdict::met);
  EXPECT_TRUE(s.sink.diagnostics().empty()) << s.rendered();
}

TEST(BudgetRulesTest, WithoutMaterialityEveryDeviationIsSignificant) {
  Session s;
  auto results =
      s.run("area a \"A\" {\n  budget b \"B\" { table d outcome redovisat budget budget lines ledning }\n}\n",
            budget_dataset);
  ASSERT_TRUE(results) << s.rendered();
  ASSERT_EQ(results->items.size(), 1u);
  EXPECT_FALSE(results->items[0].materiality);
  EXPECT_TRUE(results->items[0].significant);
  EXPECT_EQ(results->items[0].verdict, Verdict::not_met);
  EXPECT_FALSE(results->items[0].previous);
  EXPECT_FALSE(results->items[0].reported_deviation);
}

TEST(BudgetRulesTest, LinesChooseRowsAndTheirOrder) {
  Session s;
  auto results = s.run(
      "area a \"A\" {\n  budget b \"B\" { table d outcome redovisat budget budget lines zero, ledning }\n}\n",
      budget_dataset);
  ASSERT_TRUE(results) << s.rendered();
  ASSERT_EQ(results->items.size(), 2u);
  EXPECT_EQ(results->items[0].id, "b_zero");
  EXPECT_EQ(results->items[1].id, "b_ledning");
}

// --- Reference errors -------------------------------------------------------------------------------

// Runs rules expected to fail on a reference, against a table `t` with a row `r` and a
// header row `h` with children `man` and `kvinnor`.
struct ReferenceError {
  explicit ReferenceError(std::string properties, std::string_view period = "2020-03") {
    std::string yaml = small_dataset(
        "      r: {values: [1, 2, 3]}\n"
        "      h:\n"
        "        rows:\n"
        "          man: {values: [1, 2, 3]}\n"
        "          kvinnor: {values: [1, 2, 3]}\n");
    yaml.replace(yaml.find("2020-03"), 7, period);
    results = s.run(one_indicator(properties), yaml);
    EXPECT_FALSE(results);
  }
  std::vector<std::string> helps(std::string_view code) const {
    const Diagnostic* d = s.find(code);
    return d ? test::helps(*d) : std::vector<std::string>{"(no " + std::string(code) + ")"};
  }
  Session s;
  std::optional<Results> results;
};

TEST(ReferenceErrorTest, E0211UnknownTableWithDidYouMean) {
  ReferenceError e("    data tt.r\n");
  EXPECT_DIAGNOSTIC(e.s, "E0211", "unknown dataset table 'tt'", "test.rules:3:10");
  EXPECT_EQ(e.helps("E0211"), std::vector<std::string>{"did you mean 't'?"});
}

TEST(ReferenceErrorTest, E0211UnknownTableListsTheTables) {
  ReferenceError e("    data xyz.r\n");
  EXPECT_DIAGNOSTIC(e.s, "E0211", "unknown dataset table 'xyz'", "test.rules:3:10");
  EXPECT_EQ(e.helps("E0211"), std::vector<std::string>{"the dataset's tables are: t"});
}

TEST(ReferenceErrorTest, E0212TableWithoutRow) {
  ReferenceError e("    data t\n");
  EXPECT_DIAGNOSTIC(e.s, "E0212", "'t' names a table, not a row", "test.rules:3:10");
  EXPECT_EQ(e.helps("E0212"), std::vector<std::string>{"name a row of the table, as in t.r"});
}

TEST(ReferenceErrorTest, E0213UnknownRowWithDidYouMean) {
  ReferenceError e("    data t.rr\n");
  EXPECT_DIAGNOSTIC(e.s, "E0213", "unknown row 'rr' in dataset table 't'", "test.rules:3:12");
  EXPECT_EQ(e.helps("E0213"), std::vector<std::string>{"did you mean 't.r'?"});
}

TEST(ReferenceErrorTest, E0213UnknownChildRowWithDidYouMean) {
  ReferenceError e("    data t.h.kvinor\n");
  EXPECT_DIAGNOSTIC(e.s, "E0213", "unknown row 'kvinor' in dataset row 't.h'", "test.rules:3:14");
  EXPECT_EQ(e.helps("E0213"), std::vector<std::string>{"did you mean 't.h.kvinnor'?"});
}

TEST(ReferenceErrorTest, E0213UnknownRowListsTheRows) {
  ReferenceError e("    data t.zzzzzz\n");
  EXPECT_DIAGNOSTIC(e.s, "E0213", "unknown row 'zzzzzz' in dataset table 't'", "test.rules:3:12");
  EXPECT_EQ(e.helps("E0213"), std::vector<std::string>{"rows here are: r, h"});
}

// A table of more than a few rows is searched through an index of its rows by id (the
// rows in any order): a row is found, a missing one is still E0213 with its hint.
TEST(ReferenceErrorTest, RowsOfALargeTableAreFoundThroughTheIndex) {
  std::string rows;
  for (int i = 40; i > 0; --i) rows += fmt::format("      r{0}: {{values: [{0}, {0}, {0}]}}\n", i);
  Session found;
  const std::optional<Results> ok = found.run(one_indicator("    data t.r17\n"), small_dataset(rows));
  ASSERT_TRUE(ok) << found.rendered();
  ASSERT_TRUE(ok->items.at(0).current);
  EXPECT_EQ(ok->items.at(0).current->value.number, Decimal::integer(17));
  Session missing;
  EXPECT_FALSE(missing.run(one_indicator("    data t.r41\n"), small_dataset(rows)));
  EXPECT_DIAGNOSTIC(missing, "E0213", "unknown row 'r41' in dataset table 't'", "test.rules:3:12");
  ASSERT_NE(missing.find("E0213"), nullptr);
  EXPECT_EQ(test::helps(*missing.find("E0213")), std::vector<std::string>{"did you mean 't.r40'?"});
}

TEST(ReferenceErrorTest, E0213RowWithoutChildren) {
  ReferenceError e("    data t.r.man\n");
  EXPECT_DIAGNOSTIC(e.s, "E0213", "unknown row 'man' in dataset row 't.r'", "test.rules:3:14");
  EXPECT_EQ(e.helps("E0213"), std::vector<std::string>{"'t.r' has no rows under it"});
}

TEST(ReferenceErrorTest, E0214UnknownColumnWithDidYouMean) {
  ReferenceError e("    data t.r@mars2020\n");
  EXPECT_DIAGNOSTIC(e.s, "E0214", "unknown column 'mars2020' in dataset table 't'", "test.rules:3:14");
  EXPECT_EQ(e.helps("E0214"), std::vector<std::string>{"did you mean 'mars_2020'?"});
}

TEST(ReferenceErrorTest, E0214UnknownColumnListsTheColumns) {
  ReferenceError e("    data t.r@prognos\n");
  EXPECT_EQ(e.helps("E0214"),
            std::vector<std::string>{"the table's columns are: ar_2019, mars_2020, malvarde"});
}

TEST(ReferenceErrorTest, E0215NoActualColumnForTheReportPeriod) {
  ReferenceError e("    data t.r\n", "2020-06");
  EXPECT_DIAGNOSTIC(e.s, "E0215", "dataset table 't' has no actual column for the report period 2020-06",
                    "test.rules:3:10");
  const Diagnostic* d = e.s.find("E0215");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(test::notes(*d),
            std::vector<std::string>{"the report period is set under 'report: period:' in the dataset"});
  EXPECT_EQ(test::helps(*d), std::vector<std::string>{"name a column explicitly, as in t.r@column"});
}

TEST(ReferenceErrorTest, E0216RowWithoutFigures) {
  ReferenceError e("    data t.h\n");
  EXPECT_DIAGNOSTIC(e.s, "E0216", "dataset row 't.h' has no figures of its own", "test.rules:3:10");
  const Diagnostic* d = e.s.find("E0216");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(test::helps(*d), std::vector<std::string>{"name one of its rows, as in t.h.man"});
  EXPECT_EQ(test::notes(*d), std::vector<std::string>{"the row is declared here"});
  EXPECT_EQ(test::note_location(e.s, *d), "test.yaml:15:7");
}

TEST(ReferenceErrorTest, BreakdownReferenceErrorsAreReportedToo) {
  ReferenceError e("    data t.r\n    breakdown man \"M\xC3\xA4n\" data t.h.mn\n");
  EXPECT_DIAGNOSTIC(e.s, "E0213", "unknown row 'mn' in dataset row 't.h'", "test.rules:4:34");
  EXPECT_EQ(e.helps("E0213"), std::vector<std::string>{"did you mean 't.h.man'?"});
}

TEST(ReferenceErrorTest, EveryReferenceErrorIsReported) {
  Session s;
  auto results = s.run(
      "area a \"A\" {\n"
      "  indicator x \"X\" { data tt.r }\n"
      "  indicator y \"Y\" { data t.rr }\n"
      "}\n",
      small_dataset("      r: {values: [1, 2, 3]}\n"));
  EXPECT_FALSE(results);
  EXPECT_EQ(s.count("E0211"), 1u);
  EXPECT_EQ(s.count("E0213"), 1u);
}

TEST(BudgetErrorTest, E0211UnknownTable) {
  Session s;
  EXPECT_FALSE(s.run("area a \"A\" {\n  budget b \"B\" { table dd outcome redovisat budget budget }\n}\n",
                     budget_dataset));
  EXPECT_DIAGNOSTIC(s, "E0211", "unknown dataset table 'dd'", "test.rules:2:24");
  EXPECT_EQ(test::helps(*s.find("E0211")), std::vector<std::string>{"did you mean 'd'?"});
}

TEST(BudgetErrorTest, E0214UnknownColumn) {
  Session s;
  EXPECT_FALSE(s.run("area a \"A\" {\n  budget b \"B\" { table d outcome redovisad budget budget }\n}\n",
                     budget_dataset));
  EXPECT_DIAGNOSTIC(s, "E0214", "unknown column 'redovisad' in dataset table 'd'", "test.rules:2:34");
  EXPECT_EQ(test::helps(*s.find("E0214")), std::vector<std::string>{"did you mean 'redovisat'?"});
}

TEST(BudgetErrorTest, E0213UnknownLine) {
  Session s;
  EXPECT_FALSE(
      s.run("area a \"A\" {\n  budget b \"B\" { table d outcome redovisat budget budget lines ledning, lkdat "
            "}\n}\n",
            budget_dataset));
  EXPECT_DIAGNOSTIC(s, "E0213", "unknown row 'lkdat' in dataset table 'd'", "test.rules:2:73");
}

// Regression: a misspelt `lines` entry is answered with a plain row id ('lkdata'), as
// `lines` takes them, not with a table.row path.
TEST(BudgetErrorTest, UnknownLineSuggestsAPlainRowId) {
  Session s;
  EXPECT_FALSE(
      s.run("area a \"A\" {\n  budget b \"B\" { table d outcome redovisat budget budget lines ledning, lkdat "
            "}\n}\n",
            budget_dataset));
  ASSERT_NE(s.find("E0213"), nullptr) << s.rendered();
  EXPECT_EQ(test::helps(*s.find("E0213")), std::vector<std::string>{"did you mean 'lkdata'?"});
}

TEST(BudgetErrorTest, E0216LineWithoutFigures) {
  Session s;
  EXPECT_FALSE(
      s.run("area a \"A\" {\n  budget b \"B\" { table d outcome redovisat budget budget lines header }\n}\n",
            budget_dataset));
  EXPECT_DIAGNOSTIC(s, "E0216", "dataset row 'd.header' has no figures of its own", "test.rules:2:64");
}

// Regression: a `lines` entry naming a header row is not told to name a child row,
// which `lines` cannot do.
TEST(BudgetErrorTest, HeaderLineGetsNoImpossibleAdvice) {
  Session s;
  EXPECT_FALSE(
      s.run("area a \"A\" {\n  budget b \"B\" { table d outcome redovisat budget budget lines header }\n}\n",
            budget_dataset));
  ASSERT_NE(s.find("E0216"), nullptr) << s.rendered();
  for (const std::string& help : test::helps(*s.find("E0216"))) {
    EXPECT_EQ(help.find("d.header.child"), std::string::npos) << help;
  }
}

TEST(BudgetErrorTest, E0217GeneratedLineIdCollides) {
  Session s;
  EXPECT_FALSE(
      s.run("area a \"A\" {\n"
            "  indicator b_ledning \"X\" { data d.ledning@redovisat }\n"
            "  budget b \"B\" { table d outcome redovisat budget budget lines ledning }\n"
            "}\n",
            budget_dataset));
  EXPECT_DIAGNOSTIC(
      s, "E0217",
      "budget 'b' generates the line id 'b_ledning', which is already the id of indicator 'b_ledning'",
      "test.rules:3:3");
  EXPECT_EQ(test::helps(*s.find("E0217")),
            std::vector<std::string>{
                "a budget line's id is the budget id, '_' and the row id, and must differ from "
                "every other id; rename the budget or the row"});
}

TEST(BudgetErrorTest, E0217LinesOfTwoBudgetsCollide) {
  Session s;
  EXPECT_FALSE(
      s.run("area a \"A\" {\n"
            "  budget b \"B\" { table t outcome mars_2020 budget malvarde lines x_y }\n"
            "  budget b_x \"BX\" { table t outcome mars_2020 budget malvarde lines y }\n"
            "}\n",
            small_dataset("      x_y: {values: [1, 2, 3]}\n      y: {values: [1, 2, 3]}\n")));
  EXPECT_DIAGNOSTIC(
      s, "E0217",
      "budget 'b_x' generates the line id 'b_x_y', which is already the id of a line of budget 'b'",
      "test.rules:3:3");
}

TEST(BudgetErrorTest, E0217ClashWithAGroup) {
  Session s;
  EXPECT_FALSE(
      s.run("area a \"A\" {\n"
            "  objective b_y \"O\" {}\n"
            "  budget b \"B\" { table t outcome mars_2020 budget malvarde }\n"
            "}\n",
            small_dataset("      y: {values: [1, 2, 3]}\n")));
  EXPECT_DIAGNOSTIC(s, "E0217",
                    "budget 'b' generates the line id 'b_y', which is already the id of objective 'b_y'",
                    "test.rules:3:3");
}

TEST(BudgetErrorTest, RepeatedLinesAreReportedOnceByTheChecker) {
  Session s;
  auto tree =
      parse_rules(s.add("test.rules",
                        "area a \"A\" {\n"
                        "  budget b \"B\" { table d outcome redovisat budget budget lines zero, zero }\n"
                        "}\n"),
                  s.sink);
  ASSERT_TRUE(tree) << s.rendered();
  const RuleSet rules = check_rules({*tree}, s.sink);
  auto data = s.load(budget_dataset);
  ASSERT_TRUE(data) << s.rendered();
  auto results = evaluate(rules, *data, s.sink);
  ASSERT_TRUE(results) << s.rendered();
  ASSERT_EQ(results->items.size(), 1u);
  EXPECT_EQ(s.count("E0210"), 1u);
  EXPECT_EQ(s.count("E0217"), 0u) << s.rendered();
  EXPECT_EQ(s.sink.error_count(), 1u) << s.rendered();
}

TEST(BudgetRulesTest, W0302TextInABudgetCell) {
  Session s;
  auto results = s.run("area a \"A\" {\n  budget b \"B\" { table t outcome mars_2020 budget malvarde }\n}\n",
                       small_dataset("      r: {values: [1, 2, Nollresultat]}\n"));
  ASSERT_TRUE(results) << s.rendered();
  EXPECT_EQ(results->items.at(0).verdict, Verdict::no_data);
  EXPECT_DIAGNOSTIC(
      s, "W0302", "'Nollresultat' in column 'malvarde' is text, not a number; budget line 'b_r' has no value",
      "test.yaml:14:26");
}

TEST(EvaluateTest, ReferencesAreResolvedEvenAfterCheckErrors) {
  // check_rules returns the rule set after errors so that unknown references are found
  // in the same run.
  Session s;
  auto tree = parse_rules(s.add("test.rules",
                                "area a \"A\" {\n"
                                "  indicator x \"X\" { unit procent data tt.r }\n"
                                "  indicator y \"Y\" { target >= 1 }\n"
                                "  budget b \"B\" { outcome o }\n"
                                "}\n"),
                          s.sink);
  ASSERT_TRUE(tree) << s.rendered();
  const RuleSet rules = check_rules({*tree}, s.sink);
  EXPECT_EQ(s.count("E0202"), 1u);
  EXPECT_EQ(s.count("E0205"), 1u);
  EXPECT_EQ(s.count("E0208"), 2u);
  auto data = s.load(small_dataset("      r: {values: [1, 2, 3]}\n"));
  ASSERT_TRUE(data) << s.rendered();
  EXPECT_FALSE(evaluate(rules, *data, s.sink));
  EXPECT_DIAGNOSTIC(s, "E0211", "unknown dataset table 'tt'", "test.rules:2:39");
  EXPECT_EQ(s.sink.error_count(), 5u) << s.rendered();
}

TEST(EvaluateTest, VerdictAndTrendNames) {
  EXPECT_EQ(to_string(Verdict::met), "met");
  EXPECT_EQ(to_string(Verdict::not_met), "not_met");
  EXPECT_EQ(to_string(Verdict::on_track), "on_track");
  EXPECT_EQ(to_string(Verdict::behind), "behind");
  EXPECT_EQ(to_string(Verdict::no_data), "no_data");
  EXPECT_EQ(to_string(Verdict::pending), "pending");
  EXPECT_EQ(to_string(Verdict::not_applicable), "not_applicable");
  EXPECT_EQ(to_string(Verdict::no_target), "no_target");
  EXPECT_EQ(to_string(Trend::none), "none");
  EXPECT_EQ(to_string(Trend::improved), "improved");
  EXPECT_EQ(to_string(Trend::worsened), "worsened");
  EXPECT_EQ(to_string(Trend::unchanged), "unchanged");
}

TEST(EvaluateTest, ShortfallsAreNotMetAndBehind) {
  EXPECT_TRUE(is_shortfall(Verdict::not_met));
  EXPECT_TRUE(is_shortfall(Verdict::behind));
  for (Verdict v : {Verdict::met, Verdict::on_track, Verdict::no_data, Verdict::pending,
                    Verdict::not_applicable, Verdict::no_target}) {
    EXPECT_FALSE(is_shortfall(v)) << to_string(v);
  }
}

// --- The seed report, end to end -----------------------------------------------------------------

class SeedTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    seed = new Seed;
    const std::filesystem::path root = test::repo_root();
    Session& s = seed->session;
    std::vector<ast::RuleFile> parsed;
    for (const SourceFile* f : load_rule_files({(root / "rules").string()}, s.sources, s.sink)) {
      if (auto tree = parse_rules(*f, s.sink)) parsed.push_back(std::move(*tree));
    }
    seed->files = parsed.size();
    std::optional<RuleSet> rules(check_rules(parsed, s.sink));
    std::string error;
    auto text = read_file((root / "datasets" / "2020q1.yaml").string(), error);
    if (!text || !rules || s.sink.has_errors()) return;
    auto data = s.load(std::move(*text), "datasets/2020q1.yaml");
    if (!data) return;
    seed->results = evaluate(*rules, *data, s.sink);
  }
  static void TearDownTestSuite() {
    delete seed;
    seed = nullptr;
  }

  struct Seed {
    Session session;
    std::size_t files = 0;
    std::optional<Results> results;
  };
  static Seed* seed;

  static const ItemResult* item(std::string_view id) {
    for (const ItemResult& r : seed->results->items) {
      if (r.id == id) return &r;
    }
    return nullptr;
  }
};

SeedTest::Seed* SeedTest::seed = nullptr;

TEST_F(SeedTest, RunsWithoutErrors) {
  EXPECT_EQ(seed->files, 10u);  // six rule files and four of rule tests (rules/tests/)
  EXPECT_FALSE(seed->session.sink.has_errors()) << seed->session.rendered();
  ASSERT_TRUE(seed->results) << seed->session.rendered();
  EXPECT_EQ(seed->results->report.period, (Period{2020, 3, false}));
}

TEST_F(SeedTest, TheOnlyWarningIsTheReportsOwnArithmetic) {
  // LKDATA in Driftsammandrag mars: 1 281 - (-499) = 1 780, printed as 1 779.
  const auto& diagnostics = seed->session.sink.diagnostics();
  ASSERT_EQ(diagnostics.size(), 1u) << seed->session.rendered();
  EXPECT_DIAGNOSTIC(
      seed->session, "W0303",
      "reported deviation 1 779 differs from outcome \xE2\x88\x92 budget = 1 780 for 'drift_mars_lkdata'",
      "datasets/2020q1.yaml:134:33");
}

TEST_F(SeedTest, Verdicts) {
  ASSERT_TRUE(seed->results) << seed->session.rendered();
  const std::vector<std::pair<std::string, Verdict>> expected = {
      {"kl_svarsservice_120s", Verdict::not_met},
      {"kl_tappade_samtal", Verdict::not_met},
      {"hr_direkt_svarsservice", Verdict::met},
      {"lkdata_kundnojdhet", Verdict::met},
      {"kl_kundnojdhet", Verdict::no_target},
      {"avtalstrohet", Verdict::no_data},
      {"ehandelstrohet", Verdict::met},
      {"kl_chatt_andel", Verdict::not_met},
      {"sjukfranvaro_total", Verdict::not_met},
      {"heltid_andel", Verdict::met},
      {"chefers_sjukfranvaro", Verdict::not_met},
      {"extern_personalomsattning", Verdict::met},
      {"mertid_overtid", Verdict::met},
      {"hme", Verdict::no_data},
      {"strategiska_dialoger_forvaltningar", Verdict::not_met},
      {"arendevolym_kontakt_linkoping", Verdict::on_track},
      {"arendevolym_hr_rekryteringar", Verdict::behind},
      {"arendevolym_upphandling", Verdict::pending},
      {"studiebesok_stadsarkivet", Verdict::behind},
      {"leveranssakerhet_lkdata", Verdict::pending},
      {"investeringar_lkdata", Verdict::not_met},
      {"forvaltningens_resultat", Verdict::met},
  };
  for (const auto& [id, verdict] : expected) {
    const ItemResult* r = item(id);
    ASSERT_NE(r, nullptr) << id;
    EXPECT_EQ(to_string(r->verdict), to_string(verdict)) << id;
  }
}

TEST_F(SeedTest, Trends) {
  ASSERT_TRUE(seed->results) << seed->session.rendered();
  EXPECT_EQ(to_string(item("kl_svarsservice_120s")->trend), "improved");
  EXPECT_EQ(to_string(item("kl_tappade_samtal")->trend), "unchanged");
  EXPECT_EQ(to_string(item("sjukfranvaro_total")->trend), "worsened");
  // Cumulative volumes are not compared with a full year.
  EXPECT_EQ(to_string(item("arendevolym_kontakt_linkoping")->trend), "none");
  EXPECT_FALSE(item("arendevolym_kontakt_linkoping")->previous);
}

TEST_F(SeedTest, AnnualExpectationForKontaktLinkoping) {
  ASSERT_TRUE(seed->results);
  const ItemResult* r = item("arendevolym_kontakt_linkoping");
  EXPECT_EQ(r->reference, Decimal::integer(55000));
  EXPECT_EQ(r->gap, Decimal::integer(7500));
  EXPECT_EQ(r->months_elapsed, 3);
}

TEST_F(SeedTest, ValueLocationsPointIntoTheDataset) {
  ASSERT_TRUE(seed->results);
  const ItemResult* r = item("sjukfranvaro_total");
  EXPECT_EQ(seed->session.sources.location(r->current->value.span), "datasets/2020q1.yaml:347:32");
}

}  // namespace
}  // namespace attain
