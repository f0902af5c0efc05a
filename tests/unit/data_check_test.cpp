// Data checks ('check ID "name" { expect A CMP B  columns ...  tolerance ... }'): the
// outcomes pass, rounding, fail, no_data and error with the tolerance rule for every
// comparator; iteration over columns and rows and the ids it gives; patterns, except and
// nested patterns; reference errors inside checks; the seed report's 62 checks; and the
// Swedish sentences, the text report's Datakontroller section and JSON data_checks.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <stdexcept>

#include "attain/commentary.hpp"
#include "attain/evaluate.hpp"
#include "attain/render.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

using test::Session;
using test::small_dataset;
using Json = nlohmann::json;

Decimal dec(std::int64_t units, int scale) {
  return Decimal::from_units(units, scale);
}

// Rows of table `t` (columns ar_2019, mars_2020, malvarde), lines 14-20 of the dataset.
const char* const rows =
    "      a: {label: \"A\", values: [1, 10, 3]}\n"                                                    // 14
    "      b: {label: \"B\", values: [2, 20, 5]}\n"                                                    // 15
    "      s: {label: \"S\", values: [3, 31, 8]}\n"                                                    // 16
    "      h: {label: \"H\", rows: {man: {values: [1, 2, null]}, kvinnor: {values: [4, 5, null]}}}\n"  // 17
    "      g: {label: \"G\", rows: {man: {values: [7, 3, null]}, kvinnor: {values: [6, 3, null]}}}\n"  // 18
    "      iu: {values: [I.U., 1, null]}\n"                                                            // 19
    "      z: {values: [0, 0, Nollresultat]}\n";                                                       // 20

// The data checks of `rules` against `rows`.
struct Checked {
  explicit Checked(std::string rules) {
    results = s.run(std::move(rules), small_dataset(rows));
    EXPECT_TRUE(results) << s.rendered();
  }
  const std::vector<CheckResult>& checks() const { return results.value().checks; }
  const CheckResult& at(std::size_t i) const { return checks().at(i); }
  // "id outcome" for every result, in order.
  std::vector<std::string> summary() const {
    std::vector<std::string> out;
    for (const CheckResult& c : checks()) out.push_back(c.id + " " + std::string(to_string(c.outcome)));
    return out;
  }
  std::vector<std::string> sentences() const { return write_commentary(*results).checks; }
  // "path:line" of every input of one side.
  std::vector<std::string> places(const std::vector<Observation>& inputs) const {
    std::vector<std::string> out;
    for (const Observation& o : inputs) out.push_back(s.sources.file_line(o.value.span));
    return out;
  }
  Session s;
  std::optional<Results> results;
};

// The outcome of one check `expect EXPECTATION` with further `properties`.
std::string outcome(std::string_view expectation, std::string_view properties = "") {
  Checked c("check c \"C\" {\n  expect " + std::string(expectation) + "\n" + std::string(properties) + "}\n");
  if (!c.results || c.checks().size() != 1) return "(no result)";
  return std::string(to_string(c.at(0).outcome));
}

// --- Outcomes and the tolerance ---------------------------------------------------------------

TEST(DataCheckTest, FieldsOfASingleResult) {
  Checked c("check summa \"Summan st\xC3\xA4mmer\" {\n  expect t.a + t.b = t.s\n  tolerance 1 tkr\n}\n");
  ASSERT_TRUE(c.results);
  ASSERT_EQ(c.checks().size(), 1u);
  const CheckResult& r = c.at(0);
  EXPECT_EQ(r.id, "summa");
  EXPECT_EQ(r.check_id, "summa");
  EXPECT_EQ(r.name, "Summan stämmer");
  EXPECT_EQ(c.s.sources.location(r.rule_span), "test.rules:1:1");
  EXPECT_FALSE(r.row);
  EXPECT_FALSE(r.column);
  EXPECT_EQ(r.comparator, ast::Comparator::eq);
  EXPECT_EQ(r.left, Decimal::integer(30));  // the report period's column: Mars 2020
  EXPECT_EQ(r.right, Decimal::integer(31));
  EXPECT_EQ(r.difference, Decimal::integer(-1));
  EXPECT_EQ(r.tolerance, Decimal::integer(1));
  EXPECT_EQ(r.outcome, CheckResult::Outcome::rounding);
  EXPECT_TRUE(r.reason.empty());
  EXPECT_EQ(c.places(r.left_inputs), (std::vector<std::string>{"test.yaml:14", "test.yaml:15"}));
  EXPECT_EQ(c.places(r.right_inputs), (std::vector<std::string>{"test.yaml:16"}));
  EXPECT_EQ(r.left_inputs.at(0).column_id, "mars_2020");
  EXPECT_EQ(c.s.sources.location(r.left_inputs.at(0).value.span), "test.yaml:14:35");
  EXPECT_TRUE(c.s.sink.diagnostics().empty()) << c.s.rendered();
}

TEST(DataCheckTest, PassRoundingAtTheToleranceAndFailJustAbove) {
  EXPECT_EQ(outcome("10 = 10", "  tolerance 1\n"), "pass");
  EXPECT_EQ(outcome("11 = 10", "  tolerance 1\n"), "rounding");
  EXPECT_EQ(outcome("9 = 10", "  tolerance 1\n"), "rounding");
  EXPECT_EQ(outcome("12 = 10", "  tolerance 1\n"), "fail");
  EXPECT_EQ(outcome("8 = 10", "  tolerance 1\n"), "fail");
  EXPECT_EQ(outcome("11,0001 = 10", "  tolerance 1\n"), "fail");
}

TEST(DataCheckTest, DecimalTolerance) {
  EXPECT_EQ(outcome("0,25 = 0,2", "  tolerance 0,05\n"), "rounding");
  EXPECT_EQ(outcome("0,15 = 0,2", "  tolerance 0,05\n"), "rounding");
  EXPECT_EQ(outcome("0,251 = 0,2", "  tolerance 0,05\n"), "fail");
  EXPECT_EQ(outcome("0,149 = 0,2", "  tolerance 0,05\n"), "fail");
  EXPECT_EQ(outcome("share(134, 62240) = 0,2", "  tolerance 0,05\n"), "rounding");
  EXPECT_EQ(outcome("0,20 = 0,2", "  tolerance 0,05\n"), "pass");
}

TEST(DataCheckTest, WithoutAToleranceOnlyExactPasses) {
  EXPECT_EQ(outcome("10 = 10"), "pass");
  EXPECT_EQ(outcome("10,0 = 10"), "pass");
  EXPECT_EQ(outcome("0,1 + 0,2 = 0,3"), "pass");
  EXPECT_EQ(outcome("11 = 10"), "fail");
  EXPECT_EQ(outcome("10 < 10"), "fail");
  EXPECT_EQ(outcome("10 > 10"), "fail");
  EXPECT_EQ(outcome("11 <= 10"), "fail");
  EXPECT_EQ(outcome("9 >= 10"), "fail");
  EXPECT_EQ(outcome("10 = 10", "  tolerance 0\n"), "pass");
  EXPECT_EQ(outcome("11 = 10", "  tolerance 0\n"), "fail");
}

TEST(DataCheckTest, LessOrEqualWithTolerance) {
  EXPECT_EQ(outcome("10 <= 10", "  tolerance 1\n"), "pass");
  EXPECT_EQ(outcome("-5 <= 10", "  tolerance 1\n"), "pass");
  EXPECT_EQ(outcome("11 <= 10", "  tolerance 1\n"), "rounding");
  EXPECT_EQ(outcome("12 <= 10", "  tolerance 1\n"), "fail");
  EXPECT_EQ(outcome("11 \xE2\x89\xA4 10", "  tolerance 1\n"), "rounding");
}

TEST(DataCheckTest, GreaterOrEqualWithTolerance) {
  EXPECT_EQ(outcome("10 >= 10", "  tolerance 1\n"), "pass");
  EXPECT_EQ(outcome("25 >= 10", "  tolerance 1\n"), "pass");
  EXPECT_EQ(outcome("9 >= 10", "  tolerance 1\n"), "rounding");
  EXPECT_EQ(outcome("8 >= 10", "  tolerance 1\n"), "fail");
  EXPECT_EQ(outcome("9 \xE2\x89\xA5 10", "  tolerance 1\n"), "rounding");
}

TEST(DataCheckTest, LessThanWithTolerance) {
  EXPECT_EQ(outcome("9 < 10", "  tolerance 1\n"), "pass");
  EXPECT_EQ(outcome("10 < 10", "  tolerance 1\n"), "rounding");
  EXPECT_EQ(outcome("11 < 10", "  tolerance 1\n"), "rounding");
  EXPECT_EQ(outcome("12 < 10", "  tolerance 1\n"), "fail");
}

TEST(DataCheckTest, GreaterThanWithTolerance) {
  EXPECT_EQ(outcome("11 > 10", "  tolerance 1\n"), "pass");
  EXPECT_EQ(outcome("10 > 10", "  tolerance 1\n"), "rounding");
  EXPECT_EQ(outcome("9 > 10", "  tolerance 1\n"), "rounding");
  EXPECT_EQ(outcome("8 > 10", "  tolerance 1\n"), "fail");
}

TEST(DataCheckTest, DifferenceIsLeftMinusRight) {
  Checked c("check c \"C\" {\n  expect 2,5 >= 4 - 0,25\n  tolerance 2\n}\n");
  ASSERT_TRUE(c.results);
  EXPECT_EQ(c.at(0).left, dec(25, 1));
  EXPECT_EQ(c.at(0).right, dec(375, 2));
  EXPECT_EQ(c.at(0).difference, dec(-125, 2));
  EXPECT_EQ(c.at(0).comparator, ast::Comparator::ge);
  EXPECT_EQ(c.at(0).outcome, CheckResult::Outcome::rounding);
  EXPECT_TRUE(c.at(0).left_inputs.empty());
}

TEST(DataCheckTest, NoDataWhenASideIsMissing) {
  Checked c(
      "check left \"L\" { expect t.iu@ar_2019 = 1 }\n"
      "check right \"R\" { expect 1 = t.iu@ar_2019 + 1 }\n"
      "check text \"T\" { expect t.z@malvarde = 0 }\n");
  ASSERT_TRUE(c.results);
  EXPECT_EQ(c.summary(), (std::vector<std::string>{"left no_data", "right no_data", "text no_data"}));
  const CheckResult& left = c.at(0);
  EXPECT_FALSE(left.left);
  EXPECT_EQ(left.right, Decimal::integer(1));
  EXPECT_FALSE(left.difference);
  EXPECT_EQ(left.reason, "");
  EXPECT_EQ(c.places(left.left_inputs), std::vector<std::string>{"test.yaml:19"});
  EXPECT_EQ(left.left_inputs.at(0).value.text, "I.U.");
  EXPECT_EQ(c.at(2).reason, "'Nollresultat' is text, not a number");
}

TEST(DataCheckTest, ErrorForADivisionByZero) {
  Checked c(
      "check noll \"Noll\" { expect t.a / t.z = 1 }\n"
      "check both \"B\" { expect t.iu@ar_2019 = 1 / t.z }\n"  // an error wins over missing data
      "check share \"S\" { expect share(t.a, t.z) = 1 }\n");
  ASSERT_TRUE(c.results);
  EXPECT_EQ(c.summary(), (std::vector<std::string>{"noll error", "both error", "share error"}));
  EXPECT_EQ(c.at(0).reason, "division by zero");
  EXPECT_FALSE(c.at(0).left);
  EXPECT_FALSE(c.at(0).difference);
  EXPECT_EQ(c.places(c.at(0).left_inputs), (std::vector<std::string>{"test.yaml:14", "test.yaml:20"}));
  EXPECT_EQ(c.at(1).reason, "division by zero");
  EXPECT_EQ(c.at(2).reason, "division by zero");
}

TEST(DataCheckTest, NotApplicableItemsAreLeftOutOfAggregates) {
  Session s;
  auto results = s.run(
      "check c \"C\" {\n  expect sum(t.a, t.na) = t.a\n  columns ar_2019\n}\n"
      "check d \"D\" {\n  expect t.a + t.na = t.a\n  columns ar_2019\n}\n",
      small_dataset("      a: {values: [1, 2, 3]}\n      na: {values: [N/A, N/A, null]}\n"));
  ASSERT_TRUE(results) << s.rendered();
  ASSERT_EQ(results->checks.size(), 2u);
  EXPECT_EQ(results->checks[0].outcome, CheckResult::Outcome::pass);
  EXPECT_EQ(results->checks[1].outcome, CheckResult::Outcome::no_data);
}

// --- Iteration ------------------------------------------------------------------------------------

TEST(DataCheckIterationTest, OncePerListedColumn) {
  Checked c(
      "check summa \"Summa\" {\n"
      "  expect sum(t.* except (s, iu, z)) = t.s\n"
      "  columns ar_2019, mars_2020, malvarde\n"
      "  tolerance 1\n"
      "}\n");
  ASSERT_TRUE(c.results);
  EXPECT_EQ(c.summary(), (std::vector<std::string>{"summa.ar_2019 pass", "summa.mars_2020 rounding",
                                                   "summa.malvarde pass"}));
  for (const CheckResult& r : c.checks()) {
    EXPECT_EQ(r.check_id, "summa");
    EXPECT_FALSE(r.row);
  }
  EXPECT_EQ(c.at(1).column, "mars_2020");
  EXPECT_EQ(c.at(1).left, Decimal::integer(30));
  EXPECT_EQ(c.at(2).left, Decimal::integer(8));
  EXPECT_EQ(c.at(2).left_inputs.at(0).column_id, "malvarde");
  EXPECT_EQ(c.places(c.at(1).left_inputs), (std::vector<std::string>{"test.yaml:14", "test.yaml:15"}));
}

TEST(DataCheckIterationTest, ExplicitColumnsWinOverTheListedOnes) {
  Checked c("check c \"C\" {\n  expect t.a@malvarde + t.b = t.b@malvarde\n  columns ar_2019, mars_2020\n}\n");
  ASSERT_TRUE(c.results);
  EXPECT_EQ(c.summary(), (std::vector<std::string>{"c.ar_2019 pass", "c.mars_2020 fail"}));
  EXPECT_EQ(c.at(1).left, Decimal::integer(23));
  EXPECT_EQ(c.at(1).right, Decimal::integer(5));
}

TEST(DataCheckIterationTest, OncePerRowForAWildcardOutsideAnAggregate) {
  Checked c("check rad \"Rad\" {\n  expect t.*@mars_2020 >= t.*@ar_2019 * 10\n}\n");
  ASSERT_TRUE(c.results);
  // Header rows without figures (h, g) are passed over.
  EXPECT_EQ(c.summary(), (std::vector<std::string>{"rad.a pass", "rad.b pass", "rad.s pass", "rad.iu no_data",
                                                   "rad.z pass"}));
  EXPECT_EQ(c.at(2).row, "s");
  EXPECT_FALSE(c.at(2).column);
  EXPECT_EQ(c.at(2).left, Decimal::integer(31));
  EXPECT_EQ(c.at(2).right, Decimal::integer(30));
  EXPECT_EQ(c.places(c.at(2).left_inputs), std::vector<std::string>{"test.yaml:16"});
}

TEST(DataCheckIterationTest, ExceptLeavesRowsOutOfTheIteration) {
  Checked c("check e \"E\" {\n  expect t.*@ar_2019 except (iu, z, s) <= t.*@malvarde\n}\n");
  ASSERT_TRUE(c.results);
  EXPECT_EQ(c.summary(), (std::vector<std::string>{"e.a pass", "e.b pass"}));
  Checked one("check e \"E\" {\n  expect t.*@ar_2019 except iu >= 0\n}\n");
  ASSERT_TRUE(one.results);
  EXPECT_EQ(one.summary(), (std::vector<std::string>{"e.a pass", "e.b pass", "e.s pass", "e.z pass"}));
}

TEST(DataCheckIterationTest, WildcardOnTheRightSide) {
  Checked c("check r \"R\" {\n  expect 5 <= t.*@malvarde except (iu, z)\n}\n");
  ASSERT_TRUE(c.results);
  EXPECT_EQ(c.summary(), (std::vector<std::string>{"r.a fail", "r.b pass", "r.s pass"}));
}

TEST(DataCheckIterationTest, NestedPatternIteratesOverTheTablesRowsAndColumns) {
  Checked c("check kon \"Kön\" {\n  expect t.*.man <= t.*.kvinnor\n  columns ar_2019, mars_2020\n}\n");
  ASSERT_TRUE(c.results);
  EXPECT_EQ(c.summary(), (std::vector<std::string>{"kon.h.ar_2019 pass", "kon.h.mars_2020 pass",
                                                   "kon.g.ar_2019 fail", "kon.g.mars_2020 pass"}));
  const CheckResult& g = c.at(2);
  EXPECT_EQ(g.row, "g");
  EXPECT_EQ(g.column, "ar_2019");
  EXPECT_EQ(g.left, Decimal::integer(7));
  EXPECT_EQ(g.right, Decimal::integer(6));
  EXPECT_EQ(g.difference, Decimal::integer(1));
  EXPECT_EQ(c.s.sources.location(g.left_inputs.at(0).value.span), "test.yaml:18:45");
  EXPECT_EQ(c.s.sources.location(g.right_inputs.at(0).value.span), "test.yaml:18:78");
}

TEST(DataCheckIterationTest, PatternsInsideAggregatesDoNotIterate) {
  Checked c(
      "check mx \"Max\" {\n  expect max(t.*.man) = 7\n  columns ar_2019\n}\n"
      "check mn \"Min\" {\n  expect t.*.man >= min(t.*.man, t.*.kvinnor)\n  columns ar_2019\n}\n");
  ASSERT_TRUE(c.results);
  EXPECT_EQ(c.summary(),
            (std::vector<std::string>{"mx.ar_2019 pass", "mn.h.ar_2019 pass", "mn.g.ar_2019 pass"}));
  EXPECT_EQ(c.places(c.at(0).left_inputs), (std::vector<std::string>{"test.yaml:17", "test.yaml:18"}));
  EXPECT_EQ(c.at(2).right, Decimal::integer(1));
  EXPECT_EQ(c.at(2).right_inputs.size(), 4u);
}

TEST(DataCheckIterationTest, ChecksKeepRuleOrder) {
  Checked c(
      "check b \"B\" { expect 1 = 1 }\n"
      "check a \"A\" { expect 1 = 2 }\n");
  ASSERT_TRUE(c.results);
  EXPECT_EQ(c.summary(), (std::vector<std::string>{"b pass", "a fail"}));
}

// Regression: a data check naming an indicator never got its value (the evaluator
// cleared the indicator results before it ran the checks), so it ended in 'error' with
// the reason "'p' has no value".
TEST(DataCheckTest, CheckNamingAnIndicatorUsesItsValue) {
  Checked c(
      "area a \"A\" {\n"
      "  indicator p \"P\" { data t.a }\n"
      "  indicator q \"Q\" { value t.a * 2 }\n"
      "}\n"
      "check c1 \"C1\" { expect p = t.a }\n"
      "check c2 \"C2\" { expect q = 20 }\n");
  ASSERT_TRUE(c.results);
  EXPECT_EQ(c.summary(), (std::vector<std::string>{"c1 pass", "c2 pass"}));
}

// --- Reference errors inside checks -------------------------------------------------------------

TEST(DataCheckErrorTest, E0211UnknownTableReportedOnceThoughTheCheckIterates) {
  Session s;
  EXPECT_FALSE(s.run("check c \"C\" {\n  expect sum(tt.*) = t.s\n  columns ar_2019, mars_2020\n}\n",
                     small_dataset(rows)));
  EXPECT_DIAGNOSTIC(s, "E0211", "unknown dataset table 'tt'", "test.rules:2:14");
  EXPECT_EQ(test::helps(*s.find("E0211")), std::vector<std::string>{"did you mean 't'?"});
  EXPECT_EQ(s.count("E0211"), 1u) << s.rendered();
  EXPECT_EQ(s.sink.error_count(), 1u) << s.rendered();
}

TEST(DataCheckErrorTest, E0211UnknownTableOfTheIteratedPattern) {
  Session s;
  EXPECT_FALSE(s.run("check c \"C\" {\n  expect tt.* = 1\n}\n", small_dataset(rows)));
  EXPECT_DIAGNOSTIC(s, "E0211", "unknown dataset table 'tt'", "test.rules:2:10");
  EXPECT_EQ(s.sink.error_count(), 1u) << s.rendered();
}

TEST(DataCheckErrorTest, E0213UnknownRowReportedOnceThoughTheCheckIterates) {
  Session s;
  EXPECT_FALSE(
      s.run("check c \"C\" {\n  expect t.*@mars_2020 = t.sx@mars_2020\n  columns ar_2019, mars_2020\n}\n",
            small_dataset(rows)));
  EXPECT_DIAGNOSTIC(s, "E0213", "unknown row 'sx' in dataset table 't'", "test.rules:2:28");
  EXPECT_EQ(test::helps(*s.find("E0213")), std::vector<std::string>{"did you mean 't.s'?"});
  EXPECT_EQ(s.sink.error_count(), 1u) << s.rendered();
}

TEST(DataCheckErrorTest, E0213NoRowAtThisLevelOfAPattern) {
  Session s;
  EXPECT_FALSE(s.run("check c \"C\" {\n  expect sum(t.*.mann) = 1\n  columns ar_2019, mars_2020\n}\n",
                     small_dataset(rows)));
  EXPECT_DIAGNOSTIC(s, "E0213", "no row 'mann' in dataset table 't' at this level", "test.rules:2:18");
  EXPECT_EQ(s.sink.error_count(), 1u) << s.rendered();
}

TEST(DataCheckErrorTest, E0214UnknownListedColumnReportedOnce) {
  Session s;
  EXPECT_FALSE(
      s.run("check c \"C\" {\n  expect t.a = t.b\n  columns ar_2019, mars2020\n}\n", small_dataset(rows)));
  EXPECT_DIAGNOSTIC(s, "E0214", "unknown column 'mars2020' in dataset table 't'", "test.rules:3:20");
  EXPECT_EQ(test::helps(*s.find("E0214")), std::vector<std::string>{"did you mean 'mars_2020'?"});
  EXPECT_EQ(s.sink.error_count(), 1u) << s.rendered();
}

TEST(DataCheckErrorTest, E0214UnknownColumnInAReference) {
  Session s;
  EXPECT_FALSE(s.run("check c \"C\" {\n  expect t.*@prognos = 1\n  columns ar_2019, mars_2020\n}\n",
                     small_dataset(rows)));
  EXPECT_DIAGNOSTIC(s, "E0214", "unknown column 'prognos' in dataset table 't'", "test.rules:2:14");
  EXPECT_EQ(test::helps(*s.find("E0214")),
            std::vector<std::string>{"the table's columns are: ar_2019, mars_2020, malvarde"});
  EXPECT_EQ(s.sink.error_count(), 1u) << s.rendered();
}

TEST(DataCheckErrorTest, E0216HeaderRowInACheck) {
  Session s;
  EXPECT_FALSE(s.run("check c \"C\" {\n  expect t.h = 1\n}\n", small_dataset(rows)));
  EXPECT_DIAGNOSTIC(s, "E0216", "dataset row 't.h' has no figures of its own", "test.rules:2:10");
}

// Regression (fixed): a row named in 'except' that the table does not have is silently ignored, so a
// misspelt exception ('summ' for 'summa') puts the total into the sum it is compared
// with, and the check fails for no visible reason. It should be reported like any
// unknown row (E0213).
TEST(DataCheckErrorTest, UnknownRowInExceptIsReported) {
  Session s;
  EXPECT_FALSE(
      s.run("check c \"C\" {\n  expect sum(t.* except (iu, z, ss)) = t.s\n}\n", small_dataset(rows)));
  const Diagnostic* d = s.find("E0213");
  ASSERT_NE(d, nullptr) << s.rendered();
  EXPECT_EQ(s.where(*d), "test.rules:2:33");
}

// --- The seed report -------------------------------------------------------------------------------

class SeedCheckTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    seed = new Seed;
    const std::filesystem::path root = test::repo_root();
    Session& s = seed->session;
    std::vector<ast::RuleFile> parsed;
    for (const SourceFile* f : load_rule_files({(root / "rules").string()}, s.sources, s.sink)) {
      if (auto tree = parse_rules(*f, s.sink)) parsed.push_back(std::move(*tree));
    }
    std::optional<RuleSet> rules(check_rules(parsed, s.sink));
    std::string error;
    auto text = read_file((root / "datasets" / "2020q1.yaml").string(), error);
    if (!text || s.sink.has_errors()) return;
    auto data = s.load(std::move(*text), "datasets/2020q1.yaml");
    if (!data) return;
    seed->results = evaluate(*rules, *data, s.sink);
    if (seed->results) seed->commentary = write_commentary(*seed->results);
  }
  static void TearDownTestSuite() {
    delete seed;
    seed = nullptr;
  }

  struct Seed {
    Session session;
    std::optional<Results> results;
    Commentary commentary;
  };
  static Seed* seed;

  void SetUp() override { ASSERT_TRUE(seed->results) << seed->session.rendered(); }

  static const CheckResult& check(std::string_view id) {
    for (const CheckResult& c : seed->results->checks) {
      if (c.id == id) return c;
    }
    throw std::runtime_error("no check result " + std::string(id));
  }
  // The data check file as the rules were loaded: below the absolute repository root.
  static std::string rules_file() {
    return (test::repo_root() / "rules").generic_string() + "/60_datakontroller.rules";
  }
  static std::vector<std::string> places(const std::vector<Observation>& inputs) {
    std::vector<std::string> out;
    for (const Observation& o : inputs) out.push_back(seed->session.sources.file_line(o.value.span));
    return out;
  }
};

SeedCheckTest::Seed* SeedCheckTest::seed = nullptr;

TEST_F(SeedCheckTest, SixtyTwoResultsInRuleOrder) {
  std::vector<std::string> ids;
  for (const CheckResult& c : seed->results->checks) ids.push_back(c.id);
  const std::vector<std::string> expected = {
      "dk_drift_mars_summa.redovisat",
      "dk_drift_mars_summa.budget",
      "dk_drift_mars_summa.avvikelse",
      "dk_drift_mars_summa.foregaende_ar",
      "dk_drift_prognos_summa.prognos",
      "dk_drift_prognos_summa.budget",
      "dk_drift_prognos_summa.avvikelse",
      "dk_drift_prognos_summa.bokslut_2019",
      "dk_drift_prognos_netto.prognos",
      "dk_drift_prognos_netto.budget",
      "dk_drift_prognos_netto.avvikelse",
      "dk_drift_prognos_netto.bokslut_2019",
      "dk_drift_mars_avvikelse.vss_ledning",
      "dk_drift_mars_avvikelse.upphandling_inkop",
      "dk_drift_mars_avvikelse.ekonomiservice",
      "dk_drift_mars_avvikelse.hr_service",
      "dk_drift_mars_avvikelse.kontakt_linkoping",
      "dk_drift_mars_avvikelse.stadsarkivet",
      "dk_drift_mars_avvikelse.elarandecenter",
      "dk_drift_mars_avvikelse.lkdata",
      "dk_drift_mars_avvikelse.summa",
      "dk_drift_prognos_avvikelse.vss_ledning",
      "dk_drift_prognos_avvikelse.upphandling_inkop",
      "dk_drift_prognos_avvikelse.ekonomiservice",
      "dk_drift_prognos_avvikelse.hr_service",
      "dk_drift_prognos_avvikelse.kontakt_linkoping",
      "dk_drift_prognos_avvikelse.stadsarkivet",
      "dk_drift_prognos_avvikelse.elarandecenter",
      "dk_drift_prognos_avvikelse.lkdata",
      "dk_drift_prognos_avvikelse.summa",
      "dk_investeringar_avvikelse",
      "dk_investeringar_netto",
      "dk_ekonomi_avvikelse",
      "dk_ekonomi_investeringar_avvikelse",
      "dk_ekonomi_mot_driftsammandrag",
      "dk_ekonomi_kostnader",
      "dk_ekonomi_intakter",
      "dk_ekonomi_mot_investeringar",
      "dk_ekonomi_investeringsram",
      "dk_investeringar_summa.utgifter_mars",
      "dk_investeringar_summa.utgifter_prognos",
      "dk_investeringar_summa.prognos_netto",
      "dk_investeringar_summa.investeringsram",
      "dk_investeringar_summa.avvikelse",
      "dk_arenden_kontakt_linkoping",
      "dk_arenden_lkdata_support",
      "dk_arenden_stadsarkivet",
      "dk_personal_sjukfranvaro",
      "dk_personal_personalomsattning",
      "dk_chatt_andel",
      "dk_personalomsattning_kon_min.ar_2018",
      "dk_personalomsattning_kon_min.ar_2019",
      "dk_personalomsattning_kon_min.mars_2020",
      "dk_personalomsattning_kon_max.ar_2018",
      "dk_personalomsattning_kon_max.ar_2019",
      "dk_personalomsattning_kon_max.mars_2020",
      "dk_sjukfranvaro_kon_min.ar_2018",
      "dk_sjukfranvaro_kon_min.ar_2019",
      "dk_sjukfranvaro_kon_min.mars_2020",
      "dk_sjukfranvaro_kon_max.ar_2018",
      "dk_sjukfranvaro_kon_max.ar_2019",
      "dk_sjukfranvaro_kon_max.mars_2020",
  };
  EXPECT_EQ(ids.size(), 62u);
  EXPECT_EQ(ids, expected);
}

TEST_F(SeedCheckTest, ThreeFailThreeAreRoundingAndTheRestPass) {
  const std::map<std::string, CheckResult::Outcome> special = {
      {"dk_ekonomi_mot_driftsammandrag", CheckResult::Outcome::fail},
      {"dk_arenden_kontakt_linkoping", CheckResult::Outcome::fail},
      {"dk_personalomsattning_kon_max.ar_2018", CheckResult::Outcome::fail},
      {"dk_drift_mars_summa.redovisat", CheckResult::Outcome::rounding},
      {"dk_drift_mars_avvikelse.lkdata", CheckResult::Outcome::rounding},
      {"dk_chatt_andel", CheckResult::Outcome::rounding},
  };
  std::size_t passes = 0;
  for (const CheckResult& c : seed->results->checks) {
    auto it = special.find(c.id);
    const CheckResult::Outcome expected = it == special.end() ? CheckResult::Outcome::pass : it->second;
    EXPECT_EQ(to_string(c.outcome), to_string(expected)) << c.id << ": " << c.reason;
    passes += c.outcome == CheckResult::Outcome::pass ? 1 : 0;
  }
  EXPECT_EQ(passes, 56u);
}

TEST_F(SeedCheckTest, EkonomiAgainstDriftsammandrag) {
  const CheckResult& c = check("dk_ekonomi_mot_driftsammandrag");
  EXPECT_EQ(c.left, Decimal::integer(-136));
  EXPECT_EQ(c.right, Decimal::integer(0));
  EXPECT_EQ(c.difference, Decimal::integer(-136));
  EXPECT_EQ(c.tolerance, Decimal::integer(1));
  EXPECT_EQ(places(c.left_inputs), std::vector<std::string>{"datasets/2020q1.yaml:45"});
  EXPECT_EQ(places(c.right_inputs), std::vector<std::string>{"datasets/2020q1.yaml:175"});
  EXPECT_EQ(seed->session.sources.file_line(c.rule_span), rules_file() + ":72");
}

TEST_F(SeedCheckTest, ArendenKontaktLinkoping) {
  const CheckResult& c = check("dk_arenden_kontakt_linkoping");
  EXPECT_EQ(c.left, Decimal::integer(62240));
  EXPECT_EQ(c.right, Decimal::integer(62500));
  EXPECT_EQ(c.difference, Decimal::integer(-260));
  EXPECT_EQ(c.tolerance, Decimal::integer(0));
  EXPECT_EQ(places(c.left_inputs), std::vector<std::string>{"datasets/2020q1.yaml:67"});
  EXPECT_EQ(places(c.right_inputs), std::vector<std::string>{"datasets/2020q1.yaml:293"});
}

TEST_F(SeedCheckTest, PersonalomsattningAboveBothMenAndWomenIn2018) {
  const CheckResult& c = check("dk_personalomsattning_kon_max.ar_2018");
  EXPECT_EQ(c.comparator, ast::Comparator::le);
  EXPECT_EQ(c.column, "ar_2018");
  EXPECT_FALSE(c.row);
  EXPECT_EQ(c.left, dec(21, 1));
  EXPECT_EQ(c.right, dec(14, 1));
  EXPECT_EQ(c.difference, dec(7, 1));
  EXPECT_EQ(places(c.left_inputs), std::vector<std::string>{"datasets/2020q1.yaml:397"});
  EXPECT_EQ(places(c.right_inputs),
            (std::vector<std::string>{"datasets/2020q1.yaml:399", "datasets/2020q1.yaml:400"}));
}

TEST_F(SeedCheckTest, RoundingLevelDifferences) {
  const CheckResult& summa = check("dk_drift_mars_summa.redovisat");
  EXPECT_EQ(summa.left, Decimal::integer(-452));
  EXPECT_EQ(summa.right, Decimal::integer(-453));
  EXPECT_EQ(summa.left_inputs.size(), 8u);
  EXPECT_EQ(places(summa.right_inputs), std::vector<std::string>{"datasets/2020q1.yaml:138"});
  const CheckResult& lkdata = check("dk_drift_mars_avvikelse.lkdata");
  EXPECT_EQ(lkdata.row, "lkdata");
  EXPECT_FALSE(lkdata.column);
  EXPECT_EQ(lkdata.left, Decimal::integer(1780));
  EXPECT_EQ(lkdata.right, Decimal::integer(1779));
  EXPECT_EQ(places(lkdata.left_inputs),
            (std::vector<std::string>{"datasets/2020q1.yaml:134", "datasets/2020q1.yaml:134"}));
  const CheckResult& chatt = check("dk_chatt_andel");
  EXPECT_EQ(chatt.left, dec(2153, 4));
  EXPECT_EQ(chatt.right, dec(2, 1));
  EXPECT_EQ(chatt.difference, dec(153, 4));
  EXPECT_EQ(chatt.tolerance, dec(5, 2));
  EXPECT_EQ(places(chatt.left_inputs),
            (std::vector<std::string>{"datasets/2020q1.yaml:69", "datasets/2020q1.yaml:67"}));
  EXPECT_EQ(places(chatt.right_inputs), std::vector<std::string>{"datasets/2020q1.yaml:334"});
}

TEST_F(SeedCheckTest, Sentences) {
  std::map<std::string, std::string> sentences;
  for (std::size_t i = 0; i < seed->results->checks.size(); ++i)
    sentences[seed->results->checks[i].id] = seed->commentary.checks.at(i);
  EXPECT_EQ(sentences["dk_ekonomi_mot_driftsammandrag"],
            "Ekonomi och Driftsammandrag: samma prognos för nettokostnaderna: \xE2\x88\x92"
            "136 mot 0 skiljer "
            "136, stämmer inte.");
  EXPECT_EQ(sentences["dk_drift_mars_summa.redovisat"],
            "Driftsammandrag jan–mars: verksamheterna summerar till Summa (kolumn redovisat): \xE2\x88\x92"
            "452 mot \xE2\x88\x92"
            "453 skiljer 1, inom avrundning (tolerans 1).");
  EXPECT_EQ(sentences["dk_chatt_andel"],
            "Chattens andel av ärendena stämmer med Basuppdrag: 0,2153 mot 0,2 skiljer 0,0153, inom "
            "avrundning (tolerans 0,05).");
  EXPECT_EQ(sentences["dk_drift_mars_avvikelse.lkdata"],
            "Driftsammandrag jan–mars: Avvikelse är redovisat minus budget (rad lkdata): 1 780 mot 1 779 "
            "skiljer 1, inom avrundning (tolerans 1).");
  EXPECT_EQ(sentences["dk_personalomsattning_kon_max.ar_2018"],
            "Extern personalomsättning: totalen är högst den högsta av män och kvinnor (kolumn ar_2018): 2,1 "
            "≤ 1,4 skiljer 0,7, stämmer inte.");
  EXPECT_EQ(sentences["dk_sjukfranvaro_kon_max.ar_2019"],
            "Total sjukfrånvaro: totalen är högst den högsta av män och kvinnor (kolumn ar_2019): 3,8 ≤ 3,8 "
            "stämmer.");
}

TEST_F(SeedCheckTest, TextReportSummaryLine) {
  const std::string text =
      render_text(*seed->results, seed->commentary, seed->session.sources, RenderOptions{});
  EXPECT_NE(
      text.find("\nDatakontroller\n  62 kontroller: 56 stämmer, 3 inom avrundning, 3 stämmer inte, 0 utan "
                "uppgift, 0 fel.\n"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("  ✗ Basuppdrag och nämndindikator: ärenden Kontakt Linköping mars 2020: 62 240 mot "
                      "62 500 skiljer 260, stämmer inte.\n"
                      "      62 240 datasets/2020q1.yaml:67\n"
                      "      62 500 datasets/2020q1.yaml:293\n"),
            std::string::npos)
      << text;
}

TEST_F(SeedCheckTest, JsonDataChecks) {
  const Json json = Json::parse(
      render_json(*seed->results, seed->commentary, seed->session.sources, seed->session.sink.diagnostics()));
  const Json& checks = json.at("data_checks");
  ASSERT_EQ(checks.size(), 62u);
  const Json* chatt = nullptr;
  for (const Json& c : checks) {
    if (c.at("id") == "dk_chatt_andel") chatt = &c;
  }
  ASSERT_NE(chatt, nullptr);
  EXPECT_EQ(chatt->at("outcome"), "rounding");
  EXPECT_EQ(chatt->at("left"), 0.2153);
  EXPECT_EQ(chatt->at("right"), 0.2);
  EXPECT_EQ(chatt->at("difference"), 0.0153);
  EXPECT_EQ(chatt->at("tolerance"), 0.05);
  EXPECT_EQ(chatt->at("right_inputs"),
            Json::parse(R"([{"value": 0.2, "text": "0,2 %", "status": "number", "column": "mars_2020",
                              "period": "2020-03", "location": "datasets/2020q1.yaml:334"}])"));
  EXPECT_EQ(chatt->at("rule_location"), rules_file() + ":127");
}

// --- Commentary and renderers ----------------------------------------------------------------------

const char* const mixed_checks =
    "check summa \"Summa\" {\n"                                               // 1
    "  expect sum(t.* except (s, iu, z)) = t.s\n"                             // 2
    "  columns ar_2019, mars_2020\n"                                          // 3
    "  tolerance 1\n"                                                         // 4
    "}\n"                                                                     // 5
    "check tom \"Tom\" { expect t.iu@ar_2019 = 1 }\n"                         // 6
    "check noll \"Noll\" { expect t.a / t.z = 1 }\n"                          // 7
    "check kon \"Kön\" { expect t.*.man <= t.*.kvinnor  columns ar_2019 }\n"  // 8
    "check neg \"Neg\" { expect -t.a * 100 >= -2000 }\n";                     // 9

TEST(DataCheckCommentaryTest, OneSentencePerOutcome) {
  Checked c(mixed_checks);
  ASSERT_TRUE(c.results);
  EXPECT_EQ(c.sentences(), (std::vector<std::string>{
                               "Summa (kolumn ar_2019): 3 mot 3 stämmer.",
                               "Summa (kolumn mars_2020): 30 mot 31 skiljer 1, inom avrundning (tolerans 1).",
                               "Tom: kan inte kontrolleras, uppgift saknas.",
                               "Noll: kan inte kontrolleras, division med noll.",
                               "Kön (rad h, kolumn ar_2019): 1 ≤ 4 stämmer.",
                               "Kön (rad g, kolumn ar_2019): 7 ≤ 6 skiljer 1, stämmer inte.",
                               "Neg: \xE2\x88\x92"
                               "1 000 ≥ \xE2\x88\x92"
                               "2 000 stämmer.",
                           }));
}

TEST(DataCheckCommentaryTest, RowOnlyAndOtherComparators) {
  Checked c(
      "check r \"R\" { expect t.*@ar_2019 except (iu, z) < 3 }\n"
      "check g \"G\" { expect 0,5 > 1 tolerance 0,5 }\n");
  ASSERT_TRUE(c.results);
  EXPECT_EQ(c.sentences(), (std::vector<std::string>{
                               "R (rad a): 1 < 3 stämmer.",
                               "R (rad b): 2 < 3 stämmer.",
                               "R (rad s): 3 < 3 skiljer 0, stämmer inte.",
                               "G: 0,5 > 1 skiljer 0,5, inom avrundning (tolerans 0,5).",
                           }));
}

// Regression: reasons the commentary had no Swedish for went into the Swedish sentence
// as they were: "T: kan inte kontrolleras, 'Nollresultat' is text, not a number."
TEST(DataCheckCommentaryTest, ReasonsAreSaidInSwedish) {
  Checked c("check text \"T\" { expect t.z@malvarde = 0 }\n");
  ASSERT_TRUE(c.results);
  EXPECT_EQ(c.sentences().at(0), "T: kan inte kontrolleras, 'Nollresultat' är text, inte ett tal.");
}

// Regression (fixed): a pattern in arithmetic inside an aggregate (here sum(t.*@mars_2020 * 2)) is
// accepted by the checker, but the evaluator cannot expand it and fails without any
// diagnostic ("evaluate: 0 errors; no report written", exit code 2).
TEST(DataCheckErrorTest, WildcardInArithmeticInsideAnAggregateIsReported) {
  Session s;
  auto results = s.run("check c \"C\" {\n  expect sum(t.*@mars_2020 * 2) = 1\n}\n", small_dataset(rows));
  EXPECT_TRUE(results || s.sink.has_errors()) << "evaluation failed without a diagnostic";
}

// The text report from "\nDatakontroller\n" up to the summary.
std::string datakontroller(const std::string& text) {
  const auto begin = text.find("\nDatakontroller\n");
  const auto end = text.find("\nSammanfattning\n");
  if (begin == std::string::npos || end == std::string::npos || end < begin) return "(no section)";
  return text.substr(begin, end - begin);
}

TEST(DataCheckRenderTest, TextSectionListsEveryCheckAndWhereTheFiguresAre) {
  Checked c(mixed_checks);
  ASSERT_TRUE(c.results);
  const std::string text =
      render_text(*c.results, write_commentary(*c.results), c.s.sources, RenderOptions{});
  EXPECT_EQ(datakontroller(text),
            "\nDatakontroller\n"
            "  7 kontroller: 3 stämmer, 1 inom avrundning, 1 stämmer inte, 1 utan uppgift, 1 fel.\n"
            "  ✓ Summa (kolumn ar_2019): 3 mot 3 stämmer.\n"
            "  ≈ Summa (kolumn mars_2020): 30 mot 31 skiljer 1, inom avrundning (tolerans 1).\n"
            "      10 test.yaml:14, 20 test.yaml:15\n"
            "      31 test.yaml:16\n"
            "  ? Tom: kan inte kontrolleras, uppgift saknas.\n"
            "      I.U. test.yaml:19\n"
            "  ! Noll: kan inte kontrolleras, division med noll.\n"
            "      10 test.yaml:14, 0 test.yaml:20\n"
            "  ✓ Kön (rad h, kolumn ar_2019): 1 ≤ 4 stämmer.\n"
            "  ✗ Kön (rad g, kolumn ar_2019): 7 ≤ 6 skiljer 1, stämmer inte.\n"
            "      7 test.yaml:18\n"
            "      6 test.yaml:18\n"
            "  ✓ Neg: \xE2\x88\x92"
            "1 000 ≥ \xE2\x88\x92"
            "2 000 stämmer.\n");
}

TEST(DataCheckRenderTest, NoSectionWithoutChecks) {
  Session s;
  auto results = s.run("area a \"A\" {}\n", small_dataset(rows));
  ASSERT_TRUE(results) << s.rendered();
  const std::string text = render_text(*results, write_commentary(*results), s.sources, RenderOptions{});
  EXPECT_EQ(text.find("Datakontroller"), std::string::npos) << text;
  const Json json = Json::parse(render_json(*results, write_commentary(*results), s.sources, {}));
  EXPECT_EQ(json.at("data_checks"), Json::array());
}

TEST(DataCheckRenderTest, ColouredSymbols) {
  Checked c(mixed_checks);
  ASSERT_TRUE(c.results);
  const std::string text =
      render_text(*c.results, write_commentary(*c.results), c.s.sources, RenderOptions{true});
  EXPECT_NE(text.find("  \x1b[32m✓\x1b[0m Summa (kolumn ar_2019)"), std::string::npos) << text;
  EXPECT_NE(text.find("  \x1b[31m✗\x1b[0m Kön (rad g"), std::string::npos) << text;
  EXPECT_NE(text.find("      \x1b[2m7 test.yaml:18\x1b[0m\n"), std::string::npos) << text;
}

TEST(DataCheckRenderTest, JsonFieldsOfEveryOutcome) {
  Checked c(mixed_checks);
  ASSERT_TRUE(c.results);
  const Json json = Json::parse(render_json(*c.results, write_commentary(*c.results), c.s.sources, {}));
  const Json& checks = json.at("data_checks");
  ASSERT_EQ(checks.size(), 7u);
  EXPECT_EQ(checks[1], Json::parse(R"({
    "id": "summa.mars_2020", "check_id": "summa", "name": "Summa", "row": null, "column": "mars_2020",
    "outcome": "rounding", "comparator": "=", "left": 30, "right": 31, "difference": -1, "tolerance": 1,
    "reason": null,
    "left_inputs": [{"value": 10, "text": "10", "status": "number", "column": "mars_2020", "period": "2020-03", "location": "test.yaml:14"},
                    {"value": 20, "text": "20", "status": "number", "column": "mars_2020", "period": "2020-03", "location": "test.yaml:15"}],
    "right_inputs": [{"value": 31, "text": "31", "status": "number", "column": "mars_2020", "period": "2020-03", "location": "test.yaml:16"}],
    "commentary": "Summa (kolumn mars_2020): 30 mot 31 skiljer 1, inom avrundning (tolerans 1).",
    "rule_location": "test.rules:1"})"));
  EXPECT_EQ(checks[2], Json::parse(R"({
    "id": "tom", "check_id": "tom", "name": "Tom", "row": null, "column": null,
    "outcome": "no_data", "comparator": "=", "left": null, "right": 1, "difference": null, "tolerance": 0,
    "reason": null,
    "left_inputs": [{"value": null, "text": "I.U.", "status": "no_data", "column": "ar_2019", "period": "2019",
                     "location": "test.yaml:19"}],
    "right_inputs": [],
    "commentary": "Tom: kan inte kontrolleras, uppgift saknas.",
    "rule_location": "test.rules:6"})"));
  EXPECT_EQ(checks[3], Json::parse(R"({
    "id": "noll", "check_id": "noll", "name": "Noll", "row": null, "column": null,
    "outcome": "error", "comparator": "=", "left": null, "right": 1, "difference": null, "tolerance": 0,
    "reason": "division by zero",
    "left_inputs": [{"value": 10, "text": "10", "status": "number", "column": "mars_2020", "period": "2020-03", "location": "test.yaml:14"},
                    {"value": 0, "text": "0", "status": "number", "column": "mars_2020", "period": "2020-03", "location": "test.yaml:20"}],
    "right_inputs": [],
    "commentary": "Noll: kan inte kontrolleras, division med noll.",
    "rule_location": "test.rules:7"})"));
  EXPECT_EQ(checks[5], Json::parse(R"({
    "id": "kon.g.ar_2019", "check_id": "kon", "name": "Kön", "row": "g", "column": "ar_2019",
    "outcome": "fail", "comparator": "<=", "left": 7, "right": 6, "difference": 1, "tolerance": 0,
    "reason": null,
    "left_inputs": [{"value": 7, "text": "7", "status": "number", "column": "ar_2019", "period": "2019", "location": "test.yaml:18"}],
    "right_inputs": [{"value": 6, "text": "6", "status": "number", "column": "ar_2019", "period": "2019", "location": "test.yaml:18"}],
    "commentary": "Kön (rad g, kolumn ar_2019): 7 ≤ 6 skiljer 1, stämmer inte.",
    "rule_location": "test.rules:8"})"));
  EXPECT_EQ(checks[6].at("comparator"), ">=");
  EXPECT_EQ(checks[0].at("outcome"), "pass");
  EXPECT_EQ(checks[4].at("id"), "kon.h.ar_2019");
}

TEST(DataCheckRenderTest, OutcomeNames) {
  EXPECT_EQ(to_string(CheckResult::Outcome::pass), "pass");
  EXPECT_EQ(to_string(CheckResult::Outcome::rounding), "rounding");
  EXPECT_EQ(to_string(CheckResult::Outcome::fail), "fail");
  EXPECT_EQ(to_string(CheckResult::Outcome::no_data), "no_data");
  EXPECT_EQ(to_string(CheckResult::Outcome::error), "error");
}

}  // namespace
}  // namespace attain
