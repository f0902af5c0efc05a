// Rule tests (`test` blocks, docs/language.md#rule-tests): how a block parses and
// lowers, its syntax errors (E0155-E0162, E0101), the checker's errors (E0246-E0253,
// E0201, E0203), the runner (run_rule_tests: a dataset of blank cells per test, the
// given ones set, the whole rule set evaluated and compared), the report
// (render_test_report), and the seed rule set's own tests.

#include "attain/rule_test.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "attain/render.hpp"
#include "grammar/errors.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

using test::helps;
using test::note_location;
using test::notes;
using test::Session;
using test::small_dataset;
using test::SyntaxError;

const std::vector<std::string> no_help;

// --- Parsing and lowering ----------------------------------------------------------------

TEST(RuleTestParseTest, LowersPeriodGivensAndExpects) {
  Session s;
  auto tree = s.parse(
      "test svar_under \"Svar: \\\"91 %\\\" \\\\ mål\" {\n"    // 1
      "  period \"2020-03\"\n"                                 // 2
      "  given kl_svar = 91\n"                                 // 3
      "  given kl_svar previous = \"89 %\"\n"                  // 4
      "  given t.r.barn@mars_2020 = \"\"\n"                    // 5
      "  given t.r = \"I.U.\"\n"                               // 6
      "  given t.s = -5,5\n"                                   // 7
      "  given t.q = \"sa \\\"x\\\"\"\n"                       // 8
      "  expect kl_svar not_met\n"                             // 9
      "  expect kl_svar trend improved\n"                      // 10
      "  expect kl_svar commentary \"under \\\"målet\\\"\"\n"  // 11
      "  expect dk.summa.redovisat rounding\n"                 // 12
      "  expect kl_svar commentary \"\"\n"                     // 13
      "}\n");
  ASSERT_TRUE(tree) << s.rendered();
  ASSERT_EQ(tree->tests.size(), 1u);
  const ast::RuleTest& t = tree->tests[0];
  EXPECT_EQ(t.id.text, "svar_under");
  EXPECT_EQ(s.sources.location(t.id.span), "test.rules:1:6");
  EXPECT_EQ(t.name, "Svar: \"91 %\" \\ mål");
  EXPECT_EQ(s.sources.location(t.span), "test.rules:1:1");
  ASSERT_EQ(t.period.size(), 1u);
  EXPECT_EQ(t.period[0].value, "2020-03");
  EXPECT_EQ(s.sources.location(t.period[0].span), "test.rules:2:3");

  ASSERT_EQ(t.givens.size(), 6u);
  EXPECT_EQ(t.givens[0].target.to_string(), "kl_svar");
  EXPECT_EQ(t.givens[0].target.path.size(), 1u);
  EXPECT_FALSE(t.givens[0].target.column);
  EXPECT_FALSE(t.givens[0].previous);
  EXPECT_EQ(t.givens[0].value, "91");
  EXPECT_EQ(s.sources.location(t.givens[0].span), "test.rules:3:3");
  EXPECT_EQ(s.sources.location(t.givens[0].value_span), "test.rules:3:19");

  EXPECT_EQ(t.givens[1].target.to_string(), "kl_svar");
  EXPECT_TRUE(t.givens[1].previous);
  EXPECT_EQ(t.givens[1].value, "89 %");  // the text without its quotes
  EXPECT_EQ(s.sources.location(t.givens[1].value_span), "test.rules:4:28");

  const ast::Reference& cell = t.givens[2].target;
  ASSERT_EQ(cell.path.size(), 3u);
  EXPECT_EQ(cell.path[0].text, "t");
  EXPECT_EQ(cell.path[1].text, "r");
  EXPECT_EQ(cell.path[2].text, "barn");
  ASSERT_TRUE(cell.column);
  EXPECT_EQ(cell.column->text, "mars_2020");
  EXPECT_EQ(cell.to_string(), "t.r.barn@mars_2020");
  EXPECT_FALSE(t.givens[2].previous);
  EXPECT_EQ(t.givens[2].value, "");  // a blank cell: "" is a value
  EXPECT_EQ(s.sources.location(t.givens[2].value_span), "test.rules:5:30");

  EXPECT_EQ(t.givens[3].target.to_string(), "t.r");
  EXPECT_EQ(t.givens[3].value, "I.U.");
  EXPECT_EQ(t.givens[4].value, "-5,5");      // a number is kept as written
  EXPECT_EQ(t.givens[5].value, "sa \"x\"");  // escapes are undone

  ASSERT_EQ(t.expects.size(), 5u);
  EXPECT_EQ(t.expects[0].kind, ast::TestExpect::Kind::verdict);
  EXPECT_EQ(t.expects[0].subject.to_string(), "kl_svar");
  EXPECT_EQ(t.expects[0].word.text, "not_met");
  EXPECT_EQ(s.sources.location(t.expects[0].span), "test.rules:9:3");
  EXPECT_EQ(s.sources.location(t.expects[0].subject.span), "test.rules:9:10");
  EXPECT_EQ(s.sources.location(t.expects[0].word.span), "test.rules:9:18");

  EXPECT_EQ(t.expects[1].kind, ast::TestExpect::Kind::trend);
  EXPECT_EQ(t.expects[1].word.text, "improved");
  EXPECT_EQ(s.sources.location(t.expects[1].word.span), "test.rules:10:24");

  EXPECT_EQ(t.expects[2].kind, ast::TestExpect::Kind::commentary);
  EXPECT_EQ(t.expects[2].text, "under \"målet\"");
  EXPECT_EQ(t.expects[2].word.text, "");

  EXPECT_EQ(t.expects[3].kind, ast::TestExpect::Kind::verdict);
  ASSERT_EQ(t.expects[3].subject.path.size(), 3u);
  EXPECT_EQ(t.expects[3].subject.to_string(), "dk.summa.redovisat");
  EXPECT_EQ(t.expects[3].word.text, "rounding");

  EXPECT_EQ(t.expects[4].kind, ast::TestExpect::Kind::commentary);
  EXPECT_EQ(t.expects[4].text, "");
}

TEST(RuleTestParseTest, DefaultsWhenNothingIsWritten) {
  Session s;
  auto tree = s.parse("test tom \"Tom\" {}\n");
  ASSERT_TRUE(tree) << s.rendered();
  ASSERT_EQ(tree->tests.size(), 1u);
  EXPECT_TRUE(tree->tests[0].period.empty());
  EXPECT_TRUE(tree->tests[0].givens.empty());
  EXPECT_TRUE(tree->tests[0].expects.empty());
}

TEST(RuleTestParseTest, TestBlocksAmongAreasAndChecks) {
  Session s;
  auto tree = s.parse(
      "test forsta \"Första\" { expect x met }\n"
      "area a \"A\" {\n"
      "  indicator x \"X\" { data t.x  target >= 1 }\n"
      "}\n"
      "test andra \"Andra\" { given x = 1  expect x met }\n"
      "check dk \"DK\" { expect t.a = t.b }\n"
      "const mal = 3\n"
      "test tredje \"Tredje\" {\n"
      "  period \"2020\"\n"
      "  period \"2020-06\"\n"  // repeats are the checker's business (E0203)
      "  expect dk pass\n"
      "}\n");
  ASSERT_TRUE(tree) << s.rendered();
  EXPECT_EQ(tree->groups.size(), 1u);
  EXPECT_EQ(tree->indicators.size(), 1u);
  EXPECT_EQ(tree->checks.size(), 1u);
  EXPECT_EQ(tree->constants.size(), 1u);
  ASSERT_EQ(tree->tests.size(), 3u);
  EXPECT_EQ(tree->tests[0].id.text, "forsta");
  EXPECT_EQ(tree->tests[1].id.text, "andra");
  EXPECT_EQ(tree->tests[1].givens.size(), 1u);
  EXPECT_EQ(tree->tests[2].id.text, "tredje");
  ASSERT_EQ(tree->tests[2].period.size(), 2u);
  EXPECT_EQ(tree->tests[2].period[1].value, "2020-06");
  EXPECT_EQ(s.sources.location(tree->tests[2].period[1].span), "test.rules:10:3");
}

TEST(RuleTestParseTest, KeywordsAreIdsInsideATest) {
  // `test`, `given`, `expect`, `period` and `trend` may be ids of indicators and rows.
  Session s;
  auto tree = s.parse(
      "test test \"T\" {\n"
      "  given period.given@expect previous = 1\n"
      "  expect trend trend none\n"
      "}\n");
  ASSERT_TRUE(tree) << s.rendered();
  ASSERT_EQ(tree->tests.size(), 1u);
  EXPECT_EQ(tree->tests[0].id.text, "test");
  ASSERT_EQ(tree->tests[0].givens.size(), 1u);
  EXPECT_EQ(tree->tests[0].givens[0].target.to_string(), "period.given@expect");
  EXPECT_TRUE(tree->tests[0].givens[0].previous);
  ASSERT_EQ(tree->tests[0].expects.size(), 1u);
  EXPECT_EQ(tree->tests[0].expects[0].subject.to_string(), "trend");
  EXPECT_EQ(tree->tests[0].expects[0].kind, ast::TestExpect::Kind::trend);
  EXPECT_EQ(tree->tests[0].expects[0].word.text, "none");
}

// --- Syntax errors -----------------------------------------------------------------------

TEST(RuleTestSyntaxTest, EveryTestCodeIsInTheTable) {
  for (int n = 155; n <= 162; ++n) {
    const std::string code = "E0" + std::to_string(n);
    EXPECT_NE(grammar::msg(code), nullptr) << code;
  }
}

TEST(RuleTestSyntaxTest, E0101ListsTest) {
  SyntaxError e("tst t \"T\" {\n  expect x met\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0101",
                    "expected 'area', 'check', 'const', 'profile' or 'test' at the top level of a rule file",
                    "test.rules:1:1");
  EXPECT_EQ(e.helps(), std::vector<std::string>{"did you mean 'test'?"});
  // After a test block, too.
  SyntaxError after("test t \"T\" { expect x met }\ntests u \"U\" {}\n");
  EXPECT_DIAGNOSTIC(after.s, "E0101",
                    "expected 'area', 'check', 'const', 'profile' or 'test' at the top level of a rule file",
                    "test.rules:2:1");
  EXPECT_EQ(after.helps(), std::vector<std::string>{"did you mean 'test'?"});
}

TEST(RuleTestSyntaxTest, TestHeadNeedsIdNameAndBrace) {
  SyntaxError id("test \"T\" {}\n");
  EXPECT_DIAGNOSTIC(id.s, "E0102", "expected an id (letters, digits and _, not starting with a digit)",
                    "test.rules:1:6");
  SyntaxError name("test t {}\n");
  EXPECT_DIAGNOSTIC(name.s, "E0103", "expected a display name in double quotes", "test.rules:1:8");
  SyntaxError brace("test t \"T\"\n  expect x met\n");
  EXPECT_DIAGNOSTIC(brace.s, "E0104", "expected '{' to open the block", "test.rules:2:3");
}

TEST(RuleTestSyntaxTest, E0155UnknownTestProperty) {
  SyntaxError e("test t \"T\" {\n  expekt x met\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0155", "expected a test property (period, given, expect) or '}'",
                    "test.rules:2:3");
  EXPECT_EQ(e.helps(), std::vector<std::string>{"did you mean 'expect'?"});
  SyntaxError givn("test t \"T\" {\n  givn x = 1\n}\n");
  EXPECT_EQ(givn.helps(), std::vector<std::string>{"did you mean 'given'?"});
  SyntaxError unclosed("test t \"T\" {\n  period \"2020\"\n");
  EXPECT_DIAGNOSTIC(unclosed.s, "E0155", "expected a test property (period, given, expect) or '}'",
                    "test.rules:3:1");
  EXPECT_EQ(unclosed.helps(), no_help);
  // An unquoted percentage: the number is the value, '%' is left over.
  SyntaxError percent("test t \"T\" {\n  given x = 91 %\n  expect x met\n}\n");
  EXPECT_DIAGNOSTIC(percent.s, "E0155", "expected a test property (period, given, expect) or '}'",
                    "test.rules:2:16");
}

TEST(RuleTestSyntaxTest, E0156PeriodWithoutQuotes) {
  SyntaxError e("test t \"T\" {\n  period 2020-03\n  expect x met\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0156", "expected the report period in double quotes, as in: period \"2020-03\"",
                    "test.rules:2:10");
  EXPECT_EQ(e.helps(), no_help);
  SyntaxError nothing("test t \"T\" {\n  period\n}\n");
  EXPECT_DIAGNOSTIC(nothing.s, "E0156",
                    "expected the report period in double quotes, as in: period \"2020-03\"",
                    "test.rules:3:1");
}

TEST(RuleTestSyntaxTest, E0157GivenWithoutTarget) {
  SyntaxError e("test t \"T\" {\n  given = 91\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0157",
                    "expected an indicator id or a dataset reference, as in: given kl_svarsservice_120s = 91",
                    "test.rules:2:9");
  SyntaxError number("test t \"T\" {\n  given 5 = 91\n}\n");
  EXPECT_DIAGNOSTIC(number.s, "E0157",
                    "expected an indicator id or a dataset reference, as in: given kl_svarsservice_120s = 91",
                    "test.rules:2:9");
  SyntaxError quoted("test t \"T\" {\n  given \"x\" = 91\n}\n");
  EXPECT_DIAGNOSTIC(quoted.s, "E0157",
                    "expected an indicator id or a dataset reference, as in: given kl_svarsservice_120s = 91",
                    "test.rules:2:9");
}

TEST(RuleTestSyntaxTest, E0158GivenWithoutEquals) {
  SyntaxError e("test t \"T\" {\n  given x 91\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0158", "expected '=' and a value, as in: given kl_svarsservice_120s = 91",
                    "test.rules:2:11");
  SyntaxError previous("test t \"T\" {\n  given x previous 91\n}\n");
  EXPECT_DIAGNOSTIC(previous.s, "E0158", "expected '=' and a value, as in: given kl_svarsservice_120s = 91",
                    "test.rules:2:20");
  SyntaxError misspelt("test t \"T\" {\n  given x prevous = 91\n}\n");
  EXPECT_DIAGNOSTIC(misspelt.s, "E0158", "expected '=' and a value, as in: given kl_svarsservice_120s = 91",
                    "test.rules:2:11");
  // A dataset reference that stops after '.' is the reference's own error.
  SyntaxError dot("test t \"T\" {\n  given t. = 91\n}\n");
  EXPECT_DIAGNOSTIC(dot.s, "E0113", "expected a row name after '.'", "test.rules:2:11");
}

TEST(RuleTestSyntaxTest, E0159GivenWithoutValue) {
  SyntaxError e("test t \"T\" {\n  given x = abc\n}\n");
  EXPECT_DIAGNOSTIC(
      e.s, "E0159",
      "expected a value: a number such as 91 or 5,5, or a cell's text in double quotes such as \"I.U.\"",
      "test.rules:2:13");
  SyntaxError nothing("test t \"T\" {\n  given x =\n}\n");
  EXPECT_DIAGNOSTIC(
      nothing.s, "E0159",
      "expected a value: a number such as 91 or 5,5, or a cell's text in double quotes such as \"I.U.\"",
      "test.rules:3:1");
  SyntaxError minus("test t \"T\" {\n  given x = - 5\n}\n");
  EXPECT_DIAGNOSTIC(
      minus.s, "E0159",
      "expected a value: a number such as 91 or 5,5, or a cell's text in double quotes such as \"I.U.\"",
      "test.rules:2:13");
}

TEST(RuleTestSyntaxTest, E0160ExpectWithoutSubject) {
  SyntaxError e("test t \"T\" {\n  expect 92 met\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0160", "expected the id of an indicator, budget line, group or data check",
                    "test.rules:2:10");
  SyntaxError quoted("test t \"T\" {\n  expect \"x\" met\n}\n");
  EXPECT_DIAGNOSTIC(quoted.s, "E0160", "expected the id of an indicator, budget line, group or data check",
                    "test.rules:2:10");
}

TEST(RuleTestSyntaxTest, E0161ExpectWithoutWhat) {
  SyntaxError e("test t \"T\" {\n  expect x 92\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0161",
                    "expected what to expect: a verdict such as met or not_met, 'trend' and a trend, or "
                    "'commentary' and a text",
                    "test.rules:2:12");
  SyntaxError nothing("test t \"T\" {\n  expect x\n}\n");
  EXPECT_DIAGNOSTIC(nothing.s, "E0161",
                    "expected what to expect: a verdict such as met or not_met, 'trend' and a trend, or "
                    "'commentary' and a text",
                    "test.rules:3:1");
  SyntaxError quoted("test t \"T\" {\n  expect x \"Målet är uppfyllt\"\n}\n");
  EXPECT_DIAGNOSTIC(quoted.s, "E0161",
                    "expected what to expect: a verdict such as met or not_met, 'trend' and a trend, or "
                    "'commentary' and a text",
                    "test.rules:2:12");
}

TEST(RuleTestSyntaxTest, E0162TrendWithoutTrend) {
  SyntaxError e("test t \"T\" {\n  expect x trend 1\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0162", "expected a trend: improved, worsened, unchanged or none",
                    "test.rules:2:18");
  SyntaxError nothing("test t \"T\" {\n  expect x trend\n}\n");
  EXPECT_DIAGNOSTIC(nothing.s, "E0162", "expected a trend: improved, worsened, unchanged or none",
                    "test.rules:3:1");
}

TEST(RuleTestSyntaxTest, E0144CommentaryWithoutText) {
  SyntaxError e("test t \"T\" {\n  expect x commentary uppfyllt\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0144", "expected text in double quotes", "test.rules:2:23");
}

TEST(RuleTestSyntaxTest, UnterminatedTextInAGiven) {
  SyntaxError e("test t \"T\" {\n  given x = \"91 %\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0123", "unterminated string: a display name must end with \" on the same line",
                    "test.rules:2:18");
}

// --- Checker errors ----------------------------------------------------------------------

// Rules the checker tests refer to (rules.rules); the test under check is in t.rules.
const char* const checked_rules =
    "area a \"A\" {\n"                          // 1
    "  indicator kl_svarsservice \"Svar\" {\n"  // 2
    "    unit percent\n"                        // 3
    "    data t.svar\n"                         // 4
    "    target >= 92\n"                        // 5
    "  }\n"                                     // 6
    "  indicator kvot \"Kvot\" {\n"             // 7
    "    unit percent\n"                        // 8
    "    value kl_svarsservice + 1\n"           // 9
    "  }\n"                                     // 10
    "  indicator fast \"Fast\" {\n"             // 11
    "    data t.fast@utfall\n"                  // 12
    "    target >= 0\n"                         // 13
    "  }\n"                                     // 14
    "  budget drift \"Drift\" {\n"              // 15
    "    table d\n"                             // 16
    "    outcome utfall\n"                      // 17
    "    budget budget\n"                       // 18
    "  }\n"                                     // 19
    "}\n"                                       // 20
    "check dk \"Kontroll\" {\n"                 // 21
    "  expect t.a = t.b\n"                      // 22
    "}\n";                                      // 23

// Checks `checked_rules` with the test file `tests`; the rules must not check.
struct Checked {
  explicit Checked(std::string tests) {
    rules = s.check({{"rules.rules", checked_rules}, {"t.rules", std::move(tests)}});
  }
  const Diagnostic& d(std::string_view code) const {
    const Diagnostic* found = s.find(code);
    if (!found) throw std::runtime_error("no diagnostic " + std::string(code) + "\n" + s.rendered());
    return *found;
  }
  Session s;
  std::optional<RuleSet> rules;
};

TEST(RuleTestCheckTest, TheRulesCheckWithoutTests) {
  Checked c("");
  ASSERT_TRUE(c.rules) << c.s.rendered();
  EXPECT_TRUE(c.rules->tests.empty());
}

TEST(RuleTestCheckTest, ACheckedTestResolvesGivensAndExpects) {
  Checked c(
      "test t \"T\" {\n"
      "  period \"2020-03\"\n"
      "  given kl_svarsservice = \"91 %\"\n"
      "  given kl_svarsservice previous = 89\n"
      "  given fast = 5\n"
      "  given d.lkdata.barn@budget = \"62 500\"\n"
      "  given t.x = \"I.U.\"\n"
      "  expect kl_svarsservice not_met\n"
      "  expect kl_svarsservice trend improved\n"
      "  expect drift_lkdata commentary \"tkr\"\n"
      "  expect a met\n"
      "  expect dk fail\n"
      "  expect dk.r.c rounding\n"
      "  expect kvot error\n"
      "}\n");
  ASSERT_TRUE(c.rules) << c.s.rendered();
  ASSERT_EQ(c.rules->tests.size(), 1u);
  const RuleTest& t = c.rules->tests[0];
  EXPECT_EQ(t.id, "t");
  EXPECT_EQ(t.name, "T");
  EXPECT_EQ(t.period, (Period{2020, 3, false}));
  EXPECT_FALSE(t.period.full_year);
  ASSERT_EQ(t.inputs.size(), 5u);
  // An indicator is the cell its data reads.
  EXPECT_EQ(t.inputs[0].text, "kl_svarsservice");
  EXPECT_EQ(t.inputs[0].table, "t");
  EXPECT_EQ(t.inputs[0].rows, std::vector<std::string>{"svar"});
  EXPECT_FALSE(t.inputs[0].column);
  EXPECT_FALSE(t.inputs[0].previous);
  EXPECT_TRUE(t.inputs[0].value.is_number());
  EXPECT_EQ(t.inputs[0].value.number, Decimal::integer(91));
  EXPECT_TRUE(t.inputs[0].value.percent);
  EXPECT_TRUE(t.inputs[1].previous);
  EXPECT_EQ(t.inputs[1].value.number, Decimal::integer(89));
  EXPECT_EQ(t.inputs[2].table, "t");
  EXPECT_EQ(t.inputs[2].rows, std::vector<std::string>{"fast"});
  EXPECT_EQ(t.inputs[2].column, std::optional<std::string>("utfall"));
  EXPECT_EQ(t.inputs[3].text, "d.lkdata.barn@budget");
  EXPECT_EQ(t.inputs[3].table, "d");
  EXPECT_EQ(t.inputs[3].rows, (std::vector<std::string>{"lkdata", "barn"}));
  EXPECT_EQ(t.inputs[3].column, std::optional<std::string>("budget"));
  EXPECT_EQ(t.inputs[3].value.number, Decimal::integer(62500));
  EXPECT_FALSE(t.inputs[4].value.is_number());
  EXPECT_EQ(t.inputs[4].value.absence, Absence::no_data);

  using Subject = TestExpectation::Subject;
  using Kind = ast::TestExpect::Kind;
  ASSERT_EQ(t.expects.size(), 7u);
  EXPECT_EQ(t.expects[0].subject, Subject::indicator);
  EXPECT_EQ(t.expects[0].kind, Kind::verdict);
  EXPECT_EQ(t.expects[0].verdict, Verdict::not_met);
  EXPECT_EQ(t.expects[1].kind, Kind::trend);
  EXPECT_EQ(t.expects[1].trend, Trend::improved);
  EXPECT_EQ(t.expects[2].subject, Subject::budget_line);
  EXPECT_EQ(t.expects[2].id, "drift_lkdata");
  EXPECT_EQ(t.expects[2].kind, Kind::commentary);
  EXPECT_EQ(t.expects[2].text, "tkr");
  EXPECT_EQ(t.expects[3].subject, Subject::group);
  EXPECT_EQ(t.expects[3].verdict, Verdict::met);
  EXPECT_EQ(t.expects[4].subject, Subject::check);
  EXPECT_EQ(t.expects[4].outcome, CheckOutcome::fail);
  EXPECT_EQ(t.expects[5].subject, Subject::check);
  EXPECT_EQ(t.expects[5].id, "dk.r.c");
  EXPECT_EQ(t.expects[5].outcome, CheckOutcome::rounding);
  EXPECT_EQ(t.expects[6].verdict, Verdict::error);
}

TEST(RuleTestCheckTest, PeriodDefaultsToTheFullYear2020) {
  Checked c("test t \"T\" { expect kl_svarsservice met }\n");
  ASSERT_TRUE(c.rules) << c.s.rendered();
  ASSERT_EQ(c.rules->tests.size(), 1u);
  EXPECT_EQ(c.rules->tests[0].period, (Period{2020, 12, true}));
  EXPECT_TRUE(c.rules->tests[0].period.full_year);
  Checked year("test t \"T\" { period \"2019\" expect kl_svarsservice met }\n");
  ASSERT_TRUE(year.rules) << year.s.rendered();
  EXPECT_EQ(year.rules->tests[0].period, (Period{2019, 12, true}));
  EXPECT_TRUE(year.rules->tests[0].period.full_year);
}

TEST(RuleTestCheckTest, E0246UnknownIndicatorInGiven) {
  Checked c(
      "test t \"T\" {\n"
      "  given kl_svarservice = 91\n"
      "  expect kl_svarsservice met\n"
      "}\n");
  EXPECT_FALSE(c.rules);
  EXPECT_DIAGNOSTIC(c.s, "E0246", "unknown indicator 'kl_svarservice' in 'given'", "t.rules:2:9");
  EXPECT_EQ(helps(c.d("E0246")),
            (std::vector<std::string>{
                "did you mean 'kl_svarsservice'?",
                "give an indicator's id, or a dataset cell as table.row or table.row@column"}));
  EXPECT_EQ(c.s.count("E0246"), 1u);
  // Nothing close: no guess.
  Checked far("test t \"T\" {\n  given zzzzzz = 91\n  expect kl_svarsservice met\n}\n");
  EXPECT_DIAGNOSTIC(far.s, "E0246", "unknown indicator 'zzzzzz' in 'given'", "t.rules:2:9");
  EXPECT_EQ(
      helps(far.d("E0246")),
      std::vector<std::string>{"give an indicator's id, or a dataset cell as table.row or table.row@column"});
}

TEST(RuleTestCheckTest, E0246AWildcardNamesMoreThanOneCell) {
  Checked c("test t \"T\" {\n  given t.* = 91\n  expect kl_svarsservice met\n}\n");
  EXPECT_FALSE(c.rules);
  EXPECT_DIAGNOSTIC(c.s, "E0246", "'t.*' names more than one cell", "t.rules:2:9");
  EXPECT_EQ(helps(c.d("E0246")),
            std::vector<std::string>{"give one cell at a time: name its row instead of '*'"});
}

TEST(RuleTestCheckTest, E0246ATableWithAColumnIsNoCell) {
  Checked c("test t \"T\" {\n  given t@utfall = 91\n  expect kl_svarsservice met\n}\n");
  EXPECT_FALSE(c.rules);
  EXPECT_DIAGNOSTIC(c.s, "E0246", "'t@utfall' names neither an indicator nor a dataset row", "t.rules:2:9");
  EXPECT_EQ(
      helps(c.d("E0246")),
      std::vector<std::string>{"give an indicator's id, or a dataset cell as table.row or table.row@column"});
}

TEST(RuleTestCheckTest, E0246PreviousWithAColumn) {
  Checked c("test t \"T\" {\n  given d.lkdata@utfall previous = 91\n  expect kl_svarsservice met\n}\n");
  EXPECT_FALSE(c.rules);
  EXPECT_DIAGNOSTIC(c.s, "E0246", "'d.lkdata@utfall' names a column, which has no earlier periods",
                    "t.rules:2:9");
  EXPECT_EQ(
      helps(c.d("E0246")),
      std::vector<std::string>{
          "drop 'previous' to set this cell, or name the row without '@column' to set its earlier periods"});
}

TEST(RuleTestCheckTest, E0247GivenOnADerivedIndicator) {
  Checked c("test t \"T\" {\n  given kvot = 91\n  expect kvot met\n}\n");
  EXPECT_FALSE(c.rules);
  EXPECT_DIAGNOSTIC(c.s, "E0247", "'kvot' is computed by its 'value' and has no data of its own",
                    "t.rules:2:9");
  const Diagnostic& d = c.d("E0247");
  EXPECT_EQ(notes(d), std::vector<std::string>{"the indicator is declared here"});
  EXPECT_EQ(note_location(c.s, d), "rules.rules:7:3");
  EXPECT_EQ(helps(d),
            std::vector<std::string>{"give the dataset cells or indicators its value is computed from"});
}

TEST(RuleTestCheckTest, E0248UnknownExpectSubject) {
  Checked c("test t \"T\" {\n  given kl_svarsservice = 91\n  expect kl_svarservice met\n}\n");
  EXPECT_FALSE(c.rules);
  EXPECT_DIAGNOSTIC(c.s, "E0248", "'kl_svarservice' is not an indicator, budget line, group or data check",
                    "t.rules:3:10");
  EXPECT_EQ(helps(c.d("E0248")), std::vector<std::string>{"did you mean 'kl_svarsservice'?"});
  // A group and a check are suggested too.
  Checked check("test t \"T\" {\n  expect dkk pass\n}\n");
  EXPECT_DIAGNOSTIC(check.s, "E0248", "'dkk' is not an indicator, budget line, group or data check",
                    "t.rules:2:10");
  EXPECT_EQ(helps(check.d("E0248")), std::vector<std::string>{"did you mean 'dk'?"});
  // The budget itself is not a result: its lines are.
  Checked budget("test t \"T\" {\n  expect drift met\n}\n");
  EXPECT_DIAGNOSTIC(budget.s, "E0248", "'drift' is not an indicator, budget line, group or data check",
                    "t.rules:2:10");
}

TEST(RuleTestCheckTest, E0248DottedSubjectWhoseHeadIsNoCheck) {
  Checked c("test t \"T\" {\n  expect t.svar met\n}\n");
  EXPECT_FALSE(c.rules);
  EXPECT_DIAGNOSTIC(c.s, "E0248", "'t.svar' is not an indicator, budget line, group or data check",
                    "t.rules:2:10");
  const std::vector<std::string> h = helps(c.d("E0248"));
  ASSERT_FALSE(h.empty());
  EXPECT_EQ(h.back(), "a data check's result is named check.row or check.row.column");
  // An indicator id with a row after it.
  Checked ind("test t \"T\" {\n  expect kl_svarsservice.x met\n}\n");
  EXPECT_DIAGNOSTIC(ind.s, "E0248",
                    "'kl_svarsservice.x' is not an indicator, budget line, group or data check",
                    "t.rules:2:10");
  EXPECT_EQ(helps(ind.d("E0248")),
            std::vector<std::string>{"a data check's result is named check.row or check.row.column"});
  // A column is never part of a result id, not even a check's.
  Checked column("test t \"T\" {\n  expect dk.r@c pass\n}\n");
  EXPECT_DIAGNOSTIC(column.s, "E0248", "'dk.r@c' is not an indicator, budget line, group or data check",
                    "t.rules:2:10");
  EXPECT_EQ(helps(column.d("E0248")).back(), "a data check's result is named check.row or check.row.column");
}

TEST(RuleTestCheckTest, E0249UnknownVerdict) {
  Checked c("test t \"T\" {\n  expect kl_svarsservice mett\n}\n");
  EXPECT_FALSE(c.rules);
  EXPECT_DIAGNOSTIC(c.s, "E0249", "'mett' is not a verdict", "t.rules:2:26");
  const Diagnostic& d = c.d("E0249");
  EXPECT_EQ(helps(d), std::vector<std::string>{"did you mean 'met'?"});
  EXPECT_EQ(notes(d), std::vector<std::string>{"a verdict is one of: met, not_met, near, on_track, behind, "
                                               "no_data, pending, not_applicable, no_target, error"});
  // A check outcome is no verdict.
  Checked outcome("test t \"T\" {\n  expect kl_svarsservice pass\n}\n");
  EXPECT_DIAGNOSTIC(outcome.s, "E0249", "'pass' is not a verdict", "t.rules:2:26");
  // Nor for a budget line or a group.
  Checked line("test t \"T\" {\n  expect drift_lkdata onn_track\n}\n");
  EXPECT_DIAGNOSTIC(line.s, "E0249", "'onn_track' is not a verdict", "t.rules:2:23");
  EXPECT_EQ(helps(line.d("E0249")), std::vector<std::string>{"did you mean 'on_track'?"});
}

TEST(RuleTestCheckTest, E0249UnknownTrend) {
  Checked c("test t \"T\" {\n  expect kl_svarsservice trend improvd\n}\n");
  EXPECT_FALSE(c.rules);
  EXPECT_DIAGNOSTIC(c.s, "E0249", "'improvd' is not a trend", "t.rules:2:32");
  const Diagnostic& d = c.d("E0249");
  EXPECT_EQ(helps(d), std::vector<std::string>{"did you mean 'improved'?"});
  EXPECT_EQ(notes(d), std::vector<std::string>{"a trend is one of: improved, worsened, unchanged, none"});
  Checked verdict("test t \"T\" {\n  expect kl_svarsservice trend met\n}\n");
  EXPECT_DIAGNOSTIC(verdict.s, "E0249", "'met' is not a trend", "t.rules:2:32");
}

TEST(RuleTestCheckTest, E0249UnknownCheckOutcome) {
  Checked c("test t \"T\" {\n  expect dk passed\n}\n");
  EXPECT_FALSE(c.rules);
  EXPECT_DIAGNOSTIC(c.s, "E0249", "'passed' is not a data check outcome", "t.rules:2:13");
  const Diagnostic& d = c.d("E0249");
  EXPECT_EQ(helps(d), std::vector<std::string>{"did you mean 'pass'?"});
  EXPECT_EQ(notes(d),
            std::vector<std::string>{"a data check outcome is one of: pass, rounding, fail, no_data, error"});
  // A verdict is no check outcome, also for one result of a check.
  Checked met("test t \"T\" {\n  expect dk.r.c met\n}\n");
  EXPECT_DIAGNOSTIC(met.s, "E0249", "'met' is not a data check outcome", "t.rules:2:17");
}

TEST(RuleTestCheckTest, E0249NoTrendForChecksAndGroups) {
  Checked check("test t \"T\" {\n  expect dk trend improved\n}\n");
  EXPECT_FALSE(check.rules);
  EXPECT_DIAGNOSTIC(check.s, "E0249", "a data check has no trend", "t.rules:2:19");
  EXPECT_EQ(helps(check.d("E0249")),
            std::vector<std::string>{"expect its verdict or its commentary instead"});
  Checked row("test t \"T\" {\n  expect dk.r trend none\n}\n");
  EXPECT_DIAGNOSTIC(row.s, "E0249", "a data check has no trend", "t.rules:2:21");
  Checked group("test t \"T\" {\n  expect a trend improved\n}\n");
  EXPECT_FALSE(group.rules);
  EXPECT_DIAGNOSTIC(group.s, "E0249", "a group has no trend", "t.rules:2:18");
  EXPECT_EQ(helps(group.d("E0249")),
            std::vector<std::string>{"expect its verdict or its commentary instead"});
  // A budget line has one.
  Checked line("test t \"T\" {\n  expect drift_lkdata trend worsened\n}\n");
  EXPECT_TRUE(line.rules) << line.s.rendered();
}

TEST(RuleTestCheckTest, E0250UnreadableValue) {
  Checked c("test t \"T\" {\n  given kl_svarsservice = \"5,5,5\"\n  expect kl_svarsservice met\n}\n");
  EXPECT_FALSE(c.rules);
  EXPECT_DIAGNOSTIC(c.s, "E0250", "cannot read '5,5,5' as a number: unexpected ',' after the number",
                    "t.rules:2:27");
  EXPECT_EQ(
      helps(c.d("E0250")),
      std::vector<std::string>{
          "write values as a dataset does: 91, 5,5, \"91 %\", \"62 500\", or a marker such as \"I.U.\""});
  Checked words("test t \"T\" {\n  given t.x@c = \"nittio\"\n  expect kl_svarsservice met\n}\n");
  EXPECT_DIAGNOSTIC(words.s, "E0250", "cannot read 'nittio' as a number: expected a number", "t.rules:2:17");
  // An unquoted number is read the same way.
  Checked groups("test t \"T\" {\n  given t.x@c = 1_00\n  expect kl_svarsservice met\n}\n");
  EXPECT_DIAGNOSTIC(groups.s, "E0250",
                    "cannot read '1_00' as a number: digit groups must have three digits, as in 62 500",
                    "t.rules:2:17");
  // A target-column marker such as Q3 is no value of an actual cell.
  Checked q3("test t \"T\" {\n  given kl_svarsservice = \"Q3\"\n  expect kl_svarsservice met\n}\n");
  EXPECT_DIAGNOSTIC(q3.s, "E0250", "cannot read 'Q3' as a number: expected a number", "t.rules:2:27");
}

TEST(RuleTestCheckTest, E0251BadPeriod) {
  Checked c("test t \"T\" {\n  period \"2020-13\"\n  expect kl_svarsservice met\n}\n");
  EXPECT_FALSE(c.rules);
  EXPECT_DIAGNOSTIC(c.s, "E0251", "'2020-13' is not a period", "t.rules:2:3");
  EXPECT_EQ(
      helps(c.d("E0251")),
      std::vector<std::string>{"write a year or a year and month: period \"2020\" or period \"2020-03\""});
  Checked q3("test t \"T\" {\n  expect kl_svarsservice met\n  period \"Q3\"\n}\n");
  EXPECT_DIAGNOSTIC(q3.s, "E0251", "'Q3' is not a period", "t.rules:3:3");
  Checked empty("test t \"T\" {\n  period \"\"\n  expect kl_svarsservice met\n}\n");
  EXPECT_DIAGNOSTIC(empty.s, "E0251", "'' is not a period", "t.rules:2:3");
}

TEST(RuleTestCheckTest, E0252TestWithoutExpect) {
  Checked c("test tom \"Tom\" {\n  given kl_svarsservice = 91\n}\n");
  EXPECT_FALSE(c.rules);
  EXPECT_DIAGNOSTIC(c.s, "E0252", "test 'tom' expects nothing", "t.rules:1:6");
  EXPECT_EQ(helps(c.d("E0252")),
            std::vector<std::string>{"add a line such as 'expect kl_svarsservice_120s met'"});
  Checked empty("test tom \"Tom\" {}\n");
  EXPECT_DIAGNOSTIC(empty.s, "E0252", "test 'tom' expects nothing", "t.rules:1:6");
}

TEST(RuleTestCheckTest, E0253SameCellGivenTwice) {
  Checked c(
      "test t \"T\" {\n"
      "  given kl_svarsservice = 91\n"
      "  given kl_svarsservice = 92\n"
      "  expect kl_svarsservice met\n"
      "}\n");
  EXPECT_FALSE(c.rules);
  EXPECT_DIAGNOSTIC(c.s, "E0253", "'kl_svarsservice' is given twice in this test", "t.rules:3:3");
  const Diagnostic& d = c.d("E0253");
  EXPECT_EQ(notes(d), std::vector<std::string>{"first given here"});
  EXPECT_EQ(note_location(c.s, d), "t.rules:2:3");
  // The indicator and its dataset cell are the same cell.
  Checked cell(
      "test t \"T\" {\n"
      "  given kl_svarsservice previous = 91\n"
      "  given t.svar previous = \"92 %\"\n"
      "  expect kl_svarsservice met\n"
      "}\n");
  EXPECT_DIAGNOSTIC(cell.s, "E0253", "'t.svar' is given twice in this test", "t.rules:3:3");
  // The current and the earlier periods are different cells; so are two tests.
  Checked both(
      "test t \"T\" {\n"
      "  given kl_svarsservice = 91\n"
      "  given t.svar previous = 90\n"
      "  expect kl_svarsservice met\n"
      "}\n"
      "test u \"U\" {\n"
      "  given kl_svarsservice = 91\n"
      "  expect kl_svarsservice met\n"
      "}\n");
  EXPECT_TRUE(both.rules) << both.s.rendered();
}

TEST(RuleTestCheckTest, E0201DuplicateTestId) {
  Checked c(
      "test t \"T\" {\n"
      "  expect kl_svarsservice met\n"
      "}\n"
      "test t \"Också T\" {\n"
      "  expect kl_svarsservice not_met\n"
      "}\n");
  EXPECT_FALSE(c.rules);
  EXPECT_DIAGNOSTIC(c.s, "E0201", "duplicate test id 't'", "t.rules:4:6");
  const Diagnostic& d = c.d("E0201");
  EXPECT_EQ(notes(d), std::vector<std::string>{"'t' is first declared here"});
  EXPECT_EQ(note_location(c.s, d), "t.rules:1:6");
  EXPECT_EQ(c.s.count("E0201"), 1u);
  // Test ids are a namespace of their own: a test may share an indicator's id.
  Checked shared("test kl_svarsservice \"Svar\" {\n  expect kl_svarsservice met\n}\n");
  EXPECT_TRUE(shared.rules) << shared.s.rendered();
}

TEST(RuleTestCheckTest, E0201DuplicateTestIdAcrossFiles) {
  Session s;
  auto rules = s.check({{"rules.rules", checked_rules},
                        {"a.rules", "test t \"T\" { expect kl_svarsservice met }\n"},
                        {"b.rules", "\ntest t \"T\" { expect kl_svarsservice met }\n"}});
  EXPECT_FALSE(rules);
  EXPECT_DIAGNOSTIC(s, "E0201", "duplicate test id 't'", "b.rules:2:6");
}

TEST(RuleTestCheckTest, E0203PeriodTwice) {
  Checked c(
      "test t \"T\" {\n"
      "  period \"2020-03\"\n"
      "  expect kl_svarsservice met\n"
      "  period \"2020-06\"\n"
      "}\n");
  EXPECT_FALSE(c.rules);
  EXPECT_DIAGNOSTIC(c.s, "E0203", "'period' is given more than once", "t.rules:4:3");
  const Diagnostic& d = c.d("E0203");
  EXPECT_EQ(notes(d), std::vector<std::string>{"first given here"});
  EXPECT_EQ(note_location(c.s, d), "t.rules:2:3");
}

TEST(RuleTestCheckTest, EveryErrorOfOneTestIsReported) {
  Checked c(
      "test t \"T\" {\n"
      "  period \"2020-3x\"\n"
      "  given nosuch = 1\n"
      "  given kvot = 1\n"
      "  given kl_svarsservice = \"x y\"\n"
      "  expect nosuch met\n"
      "  expect kl_svarsservice good\n"
      "}\n");
  EXPECT_FALSE(c.rules);
  for (const char* code : {"E0251", "E0246", "E0247", "E0250", "E0248", "E0249"}) {
    EXPECT_EQ(c.s.count(code), 1u) << code << "\n" << c.s.rendered();
  }
}

// --- The runner ----------------------------------------------------------------------------

// Rules the runner tests evaluate (rules.rules): a percentage with a target, an annual
// count, an indicator no test gives, a budget over every row of its table, an area
// whose roll-up needs two of three indicators, a data check over two columns and one
// over every row of v (the rows a test gives) and two columns.
const char* const runner_rules =
    "area a \"A\" {\n"
    "  indicator x \"Svarsservice\" {\n"
    "    unit percent\n"
    "    higher is better\n"
    "    data t.x\n"
    "    target >= 92\n"
    "  }\n"
    "  indicator besok \"Studiebesök\" {\n"
    "    unit count\n"
    "    data t.besok\n"
    "    target >= 90 annual\n"
    "  }\n"
    "  indicator z \"Orörd\" {\n"
    "    unit percent\n"
    "    data t.z\n"
    "    target >= 50\n"
    "  }\n"
    "  budget drift \"Drift\" {\n"
    "    table d\n"
    "    outcome utfall\n"
    "    budget budget\n"
    "    favourable higher\n"
    "    materiality 500\n"
    "  }\n"
    "}\n"
    "area b \"B\" {\n"
    "  rollup at least 2\n"
    "  indicator b1 \"B1\" { unit percent  data u.b1  target >= 90 }\n"
    "  indicator b2 \"B2\" { unit percent  data u.b2  target >= 90 }\n"
    "  indicator b3 \"B3\" { unit percent  data u.b3  target >= 90 }\n"
    "}\n"
    "check dk \"Summa\" {\n"
    "  expect s.a + s.b = s.summa\n"
    "  columns c1, c2\n"
    "  tolerance 1\n"
    "}\n"
    "check dk_rad \"Per rad\" {\n"
    "  expect v.* = w.*\n"
    "  columns k1, k2\n"
    "}\n";

// Checks `runner_rules` with the tests in t.rules and runs them.
struct Ran {
  explicit Ran(std::string tests) {
    rules = s.check({{"rules.rules", runner_rules}, {"t.rules", std::move(tests)}});
    if (rules) report = run_rule_tests(*rules);
  }
  const TestOutcome& only() const {
    if (report.tests.size() != 1) throw std::runtime_error("expected one test\n" + s.rendered());
    return report.tests[0];
  }
  // "expected / actual" of every failure, for messages.
  std::string failures() const {
    std::string out;
    for (const TestOutcome& t : report.tests) {
      for (const TestFailure& f : t.failures) out += t.id + ": " + f.expected + " / " + f.actual + "\n";
      for (const Diagnostic& d : t.errors) out += t.id + ": " + d.code + " " + d.message + "\n";
    }
    return out.empty() ? "(no failures)" : out;
  }
  Session s;
  std::optional<RuleSet> rules;
  TestReport report;
};

TEST(RuleTestRunTest, APassingTest) {
  Ran r("test pa_malet \"På målet\" {\n  period \"2020-03\"\n  given x = \"92 %\"\n  expect x met\n}\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  const TestOutcome& t = r.only();
  EXPECT_TRUE(t.passed()) << r.failures();
  EXPECT_EQ(t.id, "pa_malet");
  EXPECT_EQ(t.name, "På målet");
  EXPECT_EQ(t.expectations, 1u);
  EXPECT_TRUE(t.failures.empty());
  EXPECT_TRUE(t.errors.empty());
  EXPECT_EQ(r.s.sources.location(t.span), "t.rules:1:1");
  EXPECT_EQ(r.report.passed, 1u);
  EXPECT_EQ(r.report.failed, 0u);
}

// The commentary sentence of `x` (target >= 92) for `now` in March 2020 with 2019 blank,
// from a real evaluation of a dataset.
std::string real_sentence(std::string_view now) {
  Session s;
  auto results = s.run(
      "area a \"A\" {\n"
      "  indicator x \"Svarsservice\" {\n"
      "    unit percent\n"
      "    higher is better\n"
      "    data t.x\n"
      "    target >= 92\n"
      "  }\n"
      "}\n",
      small_dataset("      x: {label: \"Svarsservice\", values: [null, " + std::string(now) + ", null]}\n"));
  EXPECT_TRUE(results) << s.rendered();
  return results ? write_commentary(*results).items.at(0) : "(no results)";
}

TEST(RuleTestRunTest, AFailingVerdict) {
  Ran r(
      "test fel \"Fel\" {\n"
      "  period \"2020-03\"\n"
      "  given x = \"91 %\"\n"
      "  expect x met\n"
      "  expect x not_met\n"
      "}\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  const TestOutcome& t = r.only();
  EXPECT_FALSE(t.passed());
  EXPECT_EQ(t.expectations, 2u);
  ASSERT_EQ(t.failures.size(), 1u) << r.failures();
  const TestFailure& f = t.failures[0];
  EXPECT_EQ(r.s.sources.location(f.span), "t.rules:4:3");
  EXPECT_EQ(f.expected, "met");
  EXPECT_EQ(f.actual, "not_met");
  // The context is the sentence a real report would print for the same figures.
  EXPECT_EQ(f.context, real_sentence("91 %"));
  EXPECT_NE(f.context.find("1 procentenhet under målvärdet 92 %"), std::string::npos) << f.context;
  EXPECT_EQ(r.report.passed, 0u);
  EXPECT_EQ(r.report.failed, 1u);
}

TEST(RuleTestRunTest, TrendFromPrevious) {
  Ran r(
      "test battre \"Bättre\" {\n"
      "  period \"2020-03\"\n"
      "  given x = \"91 %\"\n"
      "  given x previous = \"89 %\"\n"
      "  expect x not_met\n"
      "  expect x trend improved\n"
      "  expect x commentary \"en förbättring från 89 %\"\n"
      "}\n"
      "test samre \"Sämre\" {\n"
      "  given x = 93\n"
      "  given x previous = 95\n"
      "  expect x met\n"
      "  expect x trend worsened\n"
      "}\n"
      "test oforandrad \"Oförändrad\" {\n"
      "  given x = 93\n"
      "  given x previous = 93\n"
      "  expect x trend unchanged\n"
      "}\n"
      "test ingen \"Ingen\" {\n"
      "  given x = 93\n"
      "  expect x trend none\n"
      "}\n"
      "test fel_trend \"Fel trend\" {\n"
      "  given x = 93\n"
      "  given x previous = 95\n"
      "  expect x trend improved\n"
      "}\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  ASSERT_EQ(r.report.tests.size(), 5u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_TRUE(r.report.tests[i].passed()) << r.report.tests[i].id;
  EXPECT_EQ(r.report.passed, 4u) << r.failures();
  const TestOutcome& wrong = r.report.tests[4];
  ASSERT_EQ(wrong.failures.size(), 1u) << r.failures();
  EXPECT_EQ(wrong.failures[0].expected, "trend improved");
  EXPECT_EQ(wrong.failures[0].actual, "trend worsened");
  EXPECT_NE(wrong.failures[0].context.find("försämring"), std::string::npos) << wrong.failures[0].context;
}

TEST(RuleTestRunTest, CommentarySubstring) {
  Ran r(
      "test med \"Med\" {\n"
      "  period \"2020-03\"\n"
      "  given x = \"91 %\"\n"
      "  expect x commentary \"1 procentenhet under målvärdet 92 %\"\n"
      "}\n"
      "test utan \"Utan\" {\n"
      "  period \"2020-03\"\n"
      "  given x = \"91 %\"\n"
      "  expect x commentary \"Målet är uppfyllt\"\n"
      "}\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  ASSERT_EQ(r.report.tests.size(), 2u);
  EXPECT_TRUE(r.report.tests[0].passed()) << r.failures();
  ASSERT_EQ(r.report.tests[1].failures.size(), 1u);
  const TestFailure& f = r.report.tests[1].failures[0];
  EXPECT_EQ(f.expected, "a commentary containing \"Målet är uppfyllt\"");
  EXPECT_EQ(f.actual, "a commentary without it");
  EXPECT_EQ(f.context, real_sentence("91 %"));
  EXPECT_EQ(r.s.sources.location(f.span), "t.rules:9:3");
}

TEST(RuleTestRunTest, AnnualTargetThroughTheYear) {
  Ran r(
      "test i_fas \"I fas\" { period \"2020-03\"  given besok = 23  expect besok on_track }\n"
      "test exakt \"Exakt\" { period \"2020-03\"  given besok = \"22,5\"  expect besok on_track }\n"
      "test efter \"Efter\" { period \"2020-03\"  given besok = 22  expect besok behind }\n"
      "test helar \"Helår\" { period \"2020\"  given besok = 90  expect besok met }\n"
      "test missat \"Missat\" { period \"2020\"  given besok = 89  expect besok not_met }\n"
      "test juni \"Juni\" { period \"2020-06\"  given besok = 44  expect besok behind }\n"
      "test juni_fas \"Juni i fas\" { period \"2020-06\"  given besok = 45  expect besok on_track }\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  ASSERT_EQ(r.report.tests.size(), 7u);
  EXPECT_EQ(r.report.failed, 0u) << r.failures();
  EXPECT_EQ(r.report.passed, 7u);
}

TEST(RuleTestRunTest, AnnualTargetWrongVerdictFails) {
  Ran r("test fel \"Fel\" { period \"2020-03\"  given besok = 23  expect besok met }\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  ASSERT_EQ(r.only().failures.size(), 1u);
  EXPECT_EQ(r.only().failures[0].actual, "on_track");
}

TEST(RuleTestRunTest, BudgetLineFromColumnGivens) {
  Ran r(
      "test avvikelse \"Avvikelse\" {\n"
      "  given d.lkdata@utfall = -941\n"
      "  given d.lkdata@budget = 0\n"
      "  expect drift_lkdata not_met\n"
      "  expect drift_lkdata commentary \"−941 tkr\"\n"
      "}\n"
      "test liten \"Liten\" {\n"
      "  given d.lkdata@utfall = -143\n"
      "  given d.lkdata@budget = 0\n"
      "  expect drift_lkdata met\n"
      "}\n"
      "test gynnsam \"Gynnsam\" {\n"
      "  given d.lkdata@utfall = \"1 136\"\n"
      "  given d.lkdata@budget = 0\n"
      "  expect drift_lkdata met\n"
      "}\n"
      "test utan_budget \"Utan budget\" {\n"
      "  given d.lkdata@utfall = 5\n"
      "  expect drift_lkdata no_data\n"
      "}\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  ASSERT_EQ(r.report.tests.size(), 4u);
  EXPECT_EQ(r.report.failed, 0u) << r.failures();
}

TEST(RuleTestRunTest, BudgetLineNotInTheTestsData) {
  Ran r(
      "test annan_rad \"Annan rad\" {\n"
      "  given d.lkdata@utfall = -941\n"
      "  given d.lkdata@budget = 0\n"
      "  expect drift_ekonomi met\n"
      "  expect drift_lkdata not_met\n"
      "}\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  const TestOutcome& t = r.only();
  EXPECT_TRUE(t.errors.empty());
  ASSERT_EQ(t.failures.size(), 1u) << r.failures();
  EXPECT_EQ(r.s.sources.location(t.failures[0].span), "t.rules:4:3");
  EXPECT_EQ(t.failures[0].expected, "met");
  EXPECT_EQ(t.failures[0].actual, "no result with this id");
  EXPECT_EQ(t.failures[0].context, "");
}

TEST(RuleTestRunTest, GroupRollup) {
  Ran r(
      "test tva_av_tre \"Två av tre\" {\n"
      "  given b1 = 95\n"
      "  given b2 = 90\n"
      "  given b3 = 10\n"
      "  expect b met\n"
      "  expect b3 not_met\n"
      "}\n"
      "test en_av_tre \"En av tre\" {\n"
      "  given b1 = 95\n"
      "  given b2 = 89\n"
      "  given b3 = 10\n"
      "  expect b not_met\n"
      "}\n"
      "test inga \"Inga\" {\n"
      "  expect b no_data\n"
      "}\n"
      "test fel \"Fel\" {\n"
      "  given b1 = 95\n"
      "  expect b met\n"
      "}\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  ASSERT_EQ(r.report.tests.size(), 4u);
  EXPECT_TRUE(r.report.tests[0].passed()) << r.failures();
  EXPECT_TRUE(r.report.tests[1].passed()) << r.failures();
  EXPECT_TRUE(r.report.tests[2].passed()) << r.failures();
  const TestOutcome& wrong = r.report.tests[3];
  ASSERT_EQ(wrong.failures.size(), 1u) << r.failures();
  EXPECT_EQ(wrong.failures[0].expected, "met");
  EXPECT_EQ(wrong.failures[0].actual, "not_met");
  EXPECT_FALSE(wrong.failures[0].context.empty());
}

TEST(RuleTestRunTest, DataCheckOutcomes) {
  Ran r(
      "test stammer \"Stämmer\" {\n"
      "  given s.a@c1 = 10\n"
      "  given s.b@c1 = 20\n"
      "  given s.summa@c1 = 30\n"
      "  given s.a@c2 = 1\n"
      "  given s.b@c2 = 2\n"
      "  given s.summa@c2 = 4\n"
      "  expect dk.c1 pass\n"
      "  expect dk.c2 rounding\n"
      "  expect dk rounding\n"
      "}\n"
      "test fel \"Fel\" {\n"
      "  given s.a@c1 = 10\n"
      "  given s.b@c1 = 20\n"
      "  given s.summa@c1 = 30\n"
      "  given s.a@c2 = 1\n"
      "  given s.b@c2 = 2\n"
      "  given s.summa@c2 = 5\n"
      "  expect dk.c1 pass\n"
      "  expect dk.c2 fail\n"
      "  expect dk fail\n"
      "}\n"
      "test halft \"Halft\" {\n"
      "  given s.a@c1 = 10\n"
      "  given s.b@c1 = 20\n"
      "  given s.summa@c1 = 30\n"
      "  expect dk.c1 pass\n"
      "  expect dk.c2 no_data\n"
      "  expect dk no_data\n"
      "}\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  ASSERT_EQ(r.report.tests.size(), 3u);
  EXPECT_EQ(r.report.failed, 0u) << r.failures();
}

TEST(RuleTestRunTest, ABareCheckIdIsJudgedByItsWorstResult) {
  Ran r(
      "test varst \"Värst\" {\n"
      "  given s.a@c1 = 10\n"
      "  given s.b@c1 = 20\n"
      "  given s.summa@c1 = 30\n"
      "  given s.a@c2 = 1\n"
      "  given s.b@c2 = 2\n"
      "  given s.summa@c2 = 9\n"
      "  expect dk pass\n"
      "  expect dk.c1 fail\n"
      "  expect dk.c9 pass\n"
      "}\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  const TestOutcome& t = r.only();
  ASSERT_EQ(t.failures.size(), 3u) << r.failures();
  EXPECT_EQ(t.failures[0].expected, "pass");
  EXPECT_EQ(t.failures[0].actual, "fail");
  EXPECT_EQ(t.failures[1].expected, "fail");
  EXPECT_EQ(t.failures[1].actual, "pass");
  // Both results' sentences make up the bare id's context, one the dotted id's.
  EXPECT_NE(t.failures[0].context.find(t.failures[1].context), std::string::npos);
  EXPECT_GT(t.failures[0].context.size(), t.failures[1].context.size());
  EXPECT_EQ(t.failures[2].expected, "pass");
  EXPECT_EQ(t.failures[2].actual, "no result with this id");
}

TEST(RuleTestRunTest, CheckRowColumnResults) {
  Ran r(
      "test rader \"Rader\" {\n"
      "  given v.r1@k1 = 5\n"
      "  given w.r1@k1 = 5\n"
      "  given v.r1@k2 = 5\n"
      "  given w.r1@k2 = 6\n"
      "  given v.r2@k1 = 1\n"
      "  given w.r2@k1 = 1\n"
      "  given v.r2@k2 = 1\n"
      "  given w.r2@k2 = 1\n"
      "  expect dk_rad.r1.k1 pass\n"
      "  expect dk_rad.r1.k2 fail\n"
      "  expect dk_rad.r2.k1 pass\n"
      "  expect dk_rad.r2.k2 pass\n"
      "  expect dk_rad fail\n"
      "  expect dk_rad.r1.k2 commentary \"6\"\n"
      "}\n"
      "test fel \"Fel\" {\n"
      "  given v.r1@k1 = 5\n"
      "  given w.r1@k1 = 5\n"
      "  given v.r1@k2 = 5\n"
      "  given w.r1@k2 = 6\n"
      "  expect dk_rad.r1.k1 fail\n"  // 22
      "  expect dk_rad pass\n"        // 23
      "  expect dk_rad.r1 pass\n"     // 24: a row over two columns is no result of its own
      "  expect dk_rad.r3.k1 pass\n"  // 25: a row the test did not give
      "}\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  ASSERT_EQ(r.report.tests.size(), 2u);
  EXPECT_TRUE(r.report.tests[0].passed()) << r.failures();
  const TestOutcome& t = r.report.tests[1];
  ASSERT_EQ(t.failures.size(), 4u) << r.failures();
  EXPECT_EQ(r.s.sources.location(t.failures[0].span), "t.rules:22:3");
  EXPECT_EQ(r.s.sources.location(t.failures[3].span), "t.rules:25:3");
  EXPECT_EQ(t.failures[0].actual, "pass");
  EXPECT_EQ(t.failures[1].actual, "fail");
  EXPECT_EQ(t.failures[2].actual, "no result with this id");
  EXPECT_EQ(t.failures[3].actual, "no result with this id");
  EXPECT_EQ(t.failures[3].context, "");
}

TEST(RuleTestRunTest, CellsNotGivenAreBlank) {
  Ran r(
      "test bara_x \"Bara x\" {\n"
      "  given x = 95\n"
      "  expect x met\n"
      "  expect z no_data\n"
      "  expect besok no_data\n"
      "  expect b1 no_data\n"
      "  expect b no_data\n"
      "  expect dk no_data\n"
      "}\n"
      "test inte_z \"Inte z\" {\n"
      "  given x = 95\n"
      "  expect z met\n"
      "}\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  ASSERT_EQ(r.report.tests.size(), 2u);
  EXPECT_TRUE(r.report.tests[0].passed()) << r.failures();
  ASSERT_EQ(r.report.tests[1].failures.size(), 1u);
  EXPECT_EQ(r.report.tests[1].failures[0].actual, "no_data");
}

TEST(RuleTestRunTest, EachTestHasItsOwnData) {
  // The second test does not see the first one's figures.
  Ran r(
      "test forsta \"Första\" { given x = 95  given z = 60  expect x met  expect z met }\n"
      "test andra \"Andra\" { given z = 40  expect x no_data  expect z not_met }\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  EXPECT_EQ(r.report.passed, 2u) << r.failures();
}

TEST(RuleTestRunTest, MarkersAndBlankValues) {
  Ran r(
      "test iu \"I.U.\" { given x = \"I.U.\"  expect x no_data }\n"
      "test na \"N/A\" { given x = \"N/A\"  expect x not_applicable }\n"
      "test blank \"Blank\" { given x = \"\"  expect x no_data }\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  EXPECT_EQ(r.report.passed, 3u) << r.failures();
}

TEST(RuleTestRunTest, PassedAndFailedCounts) {
  Ran r(
      "test a1 \"A1\" { given x = 95  expect x met }\n"
      "test a2 \"A2\" { given x = 90  expect x met }\n"
      "test a3 \"A3\" { given x = 90  expect x not_met }\n"
      "test a4 \"A4\" { given z = 1  expect z met  expect z trend improved }\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  ASSERT_EQ(r.report.tests.size(), 4u);
  EXPECT_EQ(r.report.passed, 2u);
  EXPECT_EQ(r.report.failed, 2u);
  std::vector<std::string> ids;
  std::vector<bool> passed;
  for (const TestOutcome& t : r.report.tests) {
    ids.push_back(t.id);
    passed.push_back(t.passed());
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"a1", "a2", "a3", "a4"}));
  EXPECT_EQ(passed, (std::vector<bool>{true, false, true, false}));
  EXPECT_EQ(r.report.tests[3].failures.size(), 2u);  // every unmet expectation, not the first
}

TEST(RuleTestRunTest, NoTestsNoOutcomes) {
  Ran r("");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  EXPECT_TRUE(r.report.tests.empty());
  EXPECT_EQ(r.report.passed, 0u);
  EXPECT_EQ(r.report.failed, 0u);
}

// The verdicts, trends and check outcomes of an evaluation, for comparing two.
std::vector<std::string> summary(const Results& results) {
  std::vector<std::string> out;
  for (const ItemResult& i : results.items) {
    out.push_back(i.id + " " + std::string(to_string(i.verdict)) + " " + std::string(to_string(i.trend)));
  }
  for (std::size_t g = 0; g < results.groups.size(); ++g) {
    out.push_back(results.groups[g].id + " " + std::string(to_string(results.rollups[g].verdict)));
  }
  for (const CheckResult& c : results.checks) out.push_back(c.id + " " + std::string(to_string(c.outcome)));
  return out;
}

TEST(RuleTestRunTest, TestsDoNotAffectEvaluation) {
  const std::string rules =
      "area a \"A\" {\n"
      "  indicator x \"X\" { unit percent  higher is better  data t.x  target >= 92 }\n"
      "  indicator y \"Y\" { unit percent  data t.y  target >= 50 }\n"
      "}\n"
      "check dk \"DK\" { expect t.x = t.y }\n";
  const std::string tests =
      "test ett \"Ett\" {\n"
      "  period \"2019\"\n"
      "  given x = 99\n"
      "  given x previous = 99\n"
      "  given y = 10\n"
      "  given t.y@malvarde = 1\n"
      "  expect x met\n"
      "  expect y met\n"
      "}\n";
  const std::string data = small_dataset(
      "      x: {label: \"X\", values: [89 %, 91 %, null]}\n"
      "      y: {label: \"Y\", values: [40 %, 60 %, null]}\n");
  Session without;
  auto plain = without.run(rules, data);
  ASSERT_TRUE(plain) << without.rendered();
  Session with;
  auto tested = with.run(rules + tests, data);
  ASSERT_TRUE(tested) << with.rendered();
  EXPECT_EQ(summary(*plain), summary(*tested));
  EXPECT_EQ(summary(*tested),
            (std::vector<std::string>{"x not_met improved", "y met improved", "a not_met", "dk fail"}));
  EXPECT_EQ(write_commentary(*plain).items, write_commentary(*tested).items);
  EXPECT_EQ(with.sink.diagnostics().size(), without.sink.diagnostics().size()) << with.rendered();
  // ... while the test itself sees its own figures, and fails on y.
  auto checked = with.check(rules + tests, "again.rules");
  ASSERT_TRUE(checked) << with.rendered();
  const TestReport report = run_rule_tests(*checked);
  ASSERT_EQ(report.tests.size(), 1u);
  ASSERT_EQ(report.tests[0].failures.size(), 1u);
  EXPECT_EQ(report.tests[0].failures[0].expected, "met");
  EXPECT_EQ(report.tests[0].failures[0].actual, "not_met");
}

TEST(RuleTestRunTest, CumulativeTrendFromPrevious) {
  // An annual target accumulates: the earlier value is the same months a year before.
  Ran r(
      "test fas \"Fas\" {\n"
      "  period \"2020-03\"\n"
      "  given besok = 30\n"
      "  given besok previous = 20\n"
      "  expect besok on_track\n"
      "  expect besok trend improved\n"
      "}\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  EXPECT_TRUE(r.only().passed()) << r.failures();
}

TEST(RuleTestRunTest, GroupCommentary) {
  // A group's commentary is its roll-up sentence and its summary.
  Ran r(
      "test med \"Med\" {\n"
      "  given b1 = 95\n"
      "  given b2 = 95\n"
      "  expect b commentary \"2 av 2 bedömda indikatorer uppfyllda (krav: minst 2)\"\n"
      "  expect b commentary \"3 mått: 2 uppfyllda, 1 utan uppgift\"\n"
      "}\n"
      "test utan \"Utan\" {\n"
      "  given b1 = 95\n"
      "  given b2 = 95\n"
      "  expect b commentary \"3 av 3\"\n"
      "}\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  ASSERT_EQ(r.report.tests.size(), 2u);
  EXPECT_TRUE(r.report.tests[0].passed()) << r.failures();
  ASSERT_EQ(r.report.tests[1].failures.size(), 1u);
  const TestFailure& f = r.report.tests[1].failures[0];
  EXPECT_EQ(f.expected, "a commentary containing \"3 av 3\"");
  EXPECT_EQ(f.actual, "a commentary without it");
  EXPECT_EQ(
      f.context,
      "Uppfyllt: 2 av 2 bedömda indikatorer uppfyllda (krav: minst 2); 1 utan bedömning (mål eller uppgift "
      "saknas). 3 mått: 2 uppfyllda, 1 utan uppgift.");
}

// Rules whose budget makes a line id per row of its table: a test that gives row `x`
// makes the line drift_x, which clashes with the indicator drift_x (E0217).
const char* const clashing_rules =
    "area a \"A\" {\n"
    "  indicator drift_x \"X\" { data t.x  target >= 1 }\n"
    "  budget drift \"Drift\" { table d  outcome utfall  budget budget }\n"
    "}\n"
    "test krock \"Krock\" {\n"
    "  given d.x@utfall = 1\n"
    "  given d.x@budget = 1\n"
    "  expect drift_x met\n"
    "}\n"
    "test utan \"Utan\" {\n"
    "  given drift_x = 1\n"
    "  expect drift_x met\n"
    "}\n";

TEST(RuleTestRunTest, EvaluationErrorsFailTheTest) {
  Session s;
  auto rules = s.check(clashing_rules);
  ASSERT_TRUE(rules) << s.rendered();
  const TestReport report = run_rule_tests(*rules);
  ASSERT_EQ(report.tests.size(), 2u);
  EXPECT_FALSE(report.tests[0].passed());
  EXPECT_TRUE(report.tests[0].failures.empty());  // nothing was compared
  ASSERT_EQ(report.tests[0].errors.size(), 1u);
  EXPECT_EQ(report.tests[0].errors[0].code, "E0217");
  EXPECT_EQ(report.tests[0].errors[0].message,
            "budget 'drift' generates the line id 'drift_x', which is already the id of indicator 'drift_x'");
  EXPECT_TRUE(report.tests[1].passed());
  EXPECT_EQ(report.failed, 1u);
  EXPECT_EQ(report.passed, 1u);
  // The session itself saw no error: the test's data is its own.
  EXPECT_FALSE(s.sink.has_errors());
}

TEST(RuleTestRunTest, SamePeriodLastYearFromPrevious) {
  Session s;
  auto rules = s.check(
      "area a \"A\" {\n"
      "  indicator x \"X\" {\n"
      "    unit percent\n"
      "    higher is better\n"
      "    data t.x\n"
      "    target >= 50\n"
      "    compare with same period last year\n"
      "  }\n"
      "}\n"
      "test mars \"Mars\" {\n"
      "  period \"2020-03\"\n"
      "  given x = 60\n"
      "  given x previous = 55\n"
      "  expect x trend improved\n"
      "}\n"
      "test helar \"Helår\" {\n"
      "  given x = 60\n"
      "  given x previous = 65\n"
      "  expect x trend worsened\n"
      "}\n");
  ASSERT_TRUE(rules) << s.rendered();
  const TestReport report = run_rule_tests(*rules);
  EXPECT_EQ(report.passed, 2u) << render_test_report(report, s.sources, false);
}

// A test period "2020-12" is a year to date through December, not the full year: the
// test's dataset has a column for December 2019 as a year to date too, which is what
// `compare with same period last year` looks for (the full year 2019 is another column).
TEST(RuleTestRunTest, DecemberComparesWithDecemberAYearEarlier) {
  Session s;
  auto rules = s.check(
      "area a \"A\" {\n"
      "  indicator x \"X\" {\n"
      "    unit percent\n"
      "    higher is better\n"
      "    data t.x\n"
      "    target >= 50\n"
      "    compare with same period last year\n"
      "  }\n"
      "}\n"
      "test dec \"December\" {\n"
      "  period \"2020-12\"\n"
      "  given x = 60\n"
      "  given x previous = 55\n"
      "  expect x trend improved\n"
      "}\n");
  ASSERT_TRUE(rules) << s.rendered();
  const TestReport report = run_rule_tests(*rules);
  EXPECT_EQ(report.passed, 1u) << render_test_report(report, s.sources, false);
}

// An indicator whose data names a column has no earlier periods: `given IND previous`
// is E0246, as for the cell itself, so it can never overwrite the current value.
TEST(RuleTestCheckTest, PreviousOfAnIndicatorThatReadsANamedColumn) {
  Session s;
  auto rules = s.check(
      "area a \"A\" {\n"
      "  indicator fast \"Fast\" { data t.fast@utfall  target >= 0 }\n"
      "}\n"
      "test t \"T\" {\n"
      "  given fast = 5\n"
      "  given fast previous = -5\n"
      "  expect fast met\n"
      "}\n");
  EXPECT_FALSE(rules);
  EXPECT_DIAGNOSTIC(s, "E0246", "'fast' reads the column 'utfall', which has no earlier periods",
                    "test.rules:6:9");
}

TEST(RuleTestCheckTest, AnEmptyCommentaryTextCouldNeverFail) {
  Session s;
  auto rules = s.check(
      "area a \"A\" {\n"
      "  indicator x \"X\" { data t.x  target >= 0 }\n"
      "}\n"
      "test t \"T\" {\n"
      "  given x = 5\n"
      "  expect x commentary \"\"\n"
      "}\n");
  EXPECT_FALSE(rules);
  EXPECT_DIAGNOSTIC(s, "E0252", "an empty commentary text is part of every commentary", "test.rules:6:3");
}

TEST(RuleTestSyntaxTest, AValueWithAPercentSignNeedsQuotes) {
  Session s;
  EXPECT_FALSE(s.parse("test t \"T\" {\n  given x = 91 %\n  expect x met\n}\n"));
  EXPECT_DIAGNOSTIC(s, "E0155", "expected a test property (period, given, expect) or '}'", "test.rules:2:16");
  ASSERT_FALSE(s.sink.diagnostics().empty());
  EXPECT_EQ(test::helps(s.sink.diagnostics().front()),
            (std::vector<std::string>{
                "a value written with '%' or a space goes in double quotes, as in: given x = \"91 %\""}));
}

// --- The report ----------------------------------------------------------------------------

TEST(RuleTestReportTest, PassAndFailText) {
  Ran r(
      "test pa_malet \"På målet\" {\n"
      "  period \"2020-03\"\n"
      "  given x = \"92 %\"\n"
      "  expect x met\n"
      "}\n"
      "test under \"Under målet\" {\n"
      "  period \"2020-03\"\n"
      "  given x = \"91 %\"\n"
      "    expect   x met   # indented\n"
      "  expect x not_met\n"
      "}\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  const std::string sentence = real_sentence("91 %");
  const std::string text = render_test_report(r.report, r.s.sources, false);
  EXPECT_EQ(text,
            "PASS  pa_malet  På målet\n"
            "FAIL  under  Under målet\n"
            "      t.rules:9:5: expect   x met   # indented\n"
            "        expected: met\n"
            "        actual:   not_met\n"
            "        commentary: " +
                sentence +
                "\n"
                "1 passed, 1 failed\n");
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(render_test_report(r.report, r.s.sources), text);  // no colour by default
}

TEST(RuleTestReportTest, ExactSentenceAndNoResultLine) {
  Ran r(
      "test under \"Under\" {\n"
      "  period \"2020-03\"\n"
      "  given x = \"91 %\"\n"
      "  expect x met\n"
      "  expect drift_ekonomi met\n"
      "}\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  const std::string text = render_test_report(r.report, r.s.sources, false);
  EXPECT_EQ(text,
            "FAIL  under  Under\n"
            "      t.rules:4:3: expect x met\n"
            "        expected: met\n"
            "        actual:   not_met\n"
            "        commentary: Svarsservice: 91 % är 1 procentenhet under målvärdet 92 %. Målet är inte "
            "uppfyllt.\n"
            "      t.rules:5:3: expect drift_ekonomi met\n"
            "        expected: met\n"
            "        actual:   no result with this id\n"
            "0 passed, 1 failed\n");
}

TEST(RuleTestReportTest, EvaluationErrorText) {
  Session s;
  auto rules = s.check(clashing_rules);
  ASSERT_TRUE(rules) << s.rendered();
  EXPECT_EQ(render_test_report(run_rule_tests(*rules), s.sources, false),
            "FAIL  krock  Krock\n"
            "      test.rules:5:1: the rules could not be evaluated on this test's data\n"
            "        test.rules:3:3: error[E0217]: budget 'drift' generates the line id 'drift_x', which is "
            "already the id of indicator 'drift_x'\n"
            "            3 |   budget drift \"Drift\" { table d  outcome utfall  budget budget }\n"
            "              |   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
            "              = help: a budget line's id is the budget id, '_' and the row id, and must differ "
            "from every other id; rename the budget or the row\n"
            "PASS  utan  Utan\n"
            "1 passed, 1 failed\n");
}

TEST(RuleTestReportTest, ColourOnlyWhenAsked) {
  Ran r(
      "test a1 \"A1\" { given x = 95  expect x met }\n"
      "test a2 \"A2\" { given x = 90  expect x met }\n");
  ASSERT_TRUE(r.rules) << r.s.rendered();
  const std::string plain = render_test_report(r.report, r.s.sources, false);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  EXPECT_NE(plain.find("PASS  a1  A1\n"), std::string::npos) << plain;
  EXPECT_NE(plain.find("FAIL  a2  A2\n"), std::string::npos) << plain;
  const std::string coloured = render_test_report(r.report, r.s.sources, true);
  EXPECT_NE(coloured.find("\x1b[32mPASS\x1b[0m  a1  A1\n"), std::string::npos) << coloured;
  EXPECT_NE(coloured.find("\x1b[1;31mFAIL\x1b[0m  a2  A2\n"), std::string::npos) << coloured;
  EXPECT_NE(coloured.find("1 passed, 1 failed\n"), std::string::npos);
}

TEST(RuleTestReportTest, EmptyReport) {
  SourceManager sources;
  EXPECT_EQ(render_test_report(TestReport{}, sources, false), "0 passed, 0 failed\n");
}

// --- The seed rule set's tests ---------------------------------------------------------------

class RuleTestSeedTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    seed = new Seed;
    Session& s = seed->session;
    std::vector<ast::RuleFile> parsed;
    for (const SourceFile* f : load_rule_files({(test::repo_root() / "rules").string()}, s.sources, s.sink)) {
      if (auto tree = parse_rules(*f, s.sink)) parsed.push_back(std::move(*tree));
    }
    RuleSet rules = check_rules(parsed, s.sink);
    if (s.sink.has_errors()) return;
    seed->rules = std::move(rules);
    seed->report = run_rule_tests(*seed->rules);
  }
  static void TearDownTestSuite() {
    delete seed;
    seed = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(seed->rules) << seed->session.rendered(); }

  struct Seed {
    Session session;
    std::optional<RuleSet> rules;
    TestReport report;
  };
  static Seed* seed;
};

RuleTestSeedTest::Seed* RuleTestSeedTest::seed = nullptr;

TEST_F(RuleTestSeedTest, EveryTestPasses) {
  const TestReport& report = seed->report;
  EXPECT_EQ(report.failed, 0u) << render_test_report(report, seed->session.sources, false);
  EXPECT_GE(report.passed, 30u);
  EXPECT_EQ(report.passed + report.failed, seed->rules->tests.size());
  EXPECT_EQ(report.tests.size(), seed->rules->tests.size());
  for (const TestOutcome& t : report.tests) EXPECT_GT(t.expectations, 0u) << t.id;
}

TEST_F(RuleTestSeedTest, TestsComeFromTheTestsFolder) {
  for (const RuleTest& t : seed->rules->tests) {
    const std::string location = seed->session.sources.location(t.span);
    EXPECT_NE(location.find("tests"), std::string::npos) << t.id << " at " << location;
  }
}

TEST_F(RuleTestSeedTest, TestsCoverEveryVerdictTrendOutcomeAndComparator) {
  using Subject = TestExpectation::Subject;
  using Kind = ast::TestExpect::Kind;
  std::set<std::string> verdicts, trends, outcomes, comparators;
  for (const RuleTest& t : seed->rules->tests) {
    for (const TestExpectation& e : t.expects) {
      if (e.kind == Kind::trend) trends.emplace(to_string(e.trend));
      if (e.kind != Kind::verdict) continue;
      if (e.subject == Subject::check) {
        outcomes.emplace(to_string(e.outcome));
        continue;
      }
      verdicts.emplace(to_string(e.verdict));
      if (e.subject != Subject::indicator) continue;
      const std::optional<Indicator> ind = seed->rules->indicator(e.id);
      ASSERT_TRUE(ind) << e.id;
      if (ind->target.kind == ast::Target::Kind::compare)
        comparators.emplace(ast::to_string(ind->target.comparator));
    }
  }
  for (const char* v : {"met", "not_met", "near", "on_track", "behind", "no_data", "pending",
                        "not_applicable", "no_target"}) {
    EXPECT_TRUE(verdicts.count(v)) << "no seed test expects verdict " << v;
  }
  for (const char* t : {"improved", "worsened", "unchanged", "none"}) {
    EXPECT_TRUE(trends.count(t)) << "no seed test expects trend " << t;
  }
  for (const char* o : {"pass", "rounding", "fail"}) {
    EXPECT_TRUE(outcomes.count(o)) << "no seed test expects outcome " << o;
  }
  // Every comparator the seed's indicators use is tested by a verdict.
  std::set<std::string> used;
  for (const Indicator& i : seed->rules->indicators) {
    if (i.target.kind == ast::Target::Kind::compare) used.emplace(ast::to_string(i.target.comparator));
  }
  EXPECT_EQ(used, (std::set<std::string>{">=", "<=", "<"}));
  for (const std::string& c : used) EXPECT_TRUE(comparators.count(c)) << "no seed test covers " << c;
}

}  // namespace
}  // namespace attain
