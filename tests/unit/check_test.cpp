// Checking parsed rule files into one rule set: unique ids, units, single properties,
// targets and budgets, and what the checker infers.

#include <gtest/gtest.h>

#include "attain/check.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

using test::one_indicator;
using test::Session;

// Checks one rule file and returns the indicator `x`; fails the test on errors.
Indicator checked_indicator(std::string_view properties) {
  Session s;
  auto rules = s.check(one_indicator(properties));
  EXPECT_TRUE(rules) << s.rendered();
  if (!rules || rules->indicators.empty()) return {};
  return rules->indicators[0];
}

// Checks rule text expected to be wrong; every parse succeeds.
struct CheckErrors {
  explicit CheckErrors(std::vector<std::pair<std::string, std::string>> files) {
    std::vector<ast::RuleFile> parsed;
    for (const auto& [path, text] : files) {
      auto tree = parse_rules(s.add(path, text), s.sink);
      EXPECT_TRUE(tree) << s.rendered();
      if (tree) parsed.push_back(std::move(*tree));
    }
    EXPECT_FALSE(s.sink.has_errors()) << s.rendered();
    check_rules(parsed, s.sink);
  }
  explicit CheckErrors(std::string text) : CheckErrors({{"test.rules", std::move(text)}}) {}
  Session s;
};

TEST(CheckTest, BuildsTheRuleSet) {
  Session s;
  auto rules = s.check(
      "area a \"A\" {\n"
      "  goal g \"G\" {\n"
      "    objective o \"O\" {\n"
      "      indicator x \"X\" { unit percent higher is better data t.r target >= 92 }\n"
      "    }\n"
      "  }\n"
      "}\n");
  ASSERT_TRUE(rules) << s.rendered();
  EXPECT_TRUE(s.sink.diagnostics().empty());
  ASSERT_EQ(rules->groups.size(), 3u);
  EXPECT_EQ(rules->groups[0].id, "a");
  EXPECT_EQ(rules->groups[0].name, "A");
  EXPECT_EQ(rules->groups[0].level, ast::GroupLevel::area);
  EXPECT_FALSE(rules->groups[0].parent);
  EXPECT_EQ(rules->groups[2].parent, 1u);
  ASSERT_EQ(rules->indicators.size(), 1u);
  const Indicator& x = rules->indicators[0];
  EXPECT_EQ(x.id, "x");
  EXPECT_EQ(x.name, "X");
  EXPECT_EQ(x.group, 2u);
  EXPECT_EQ(x.unit, Unit::percent);
  EXPECT_EQ(x.direction, ast::Direction::higher);
  EXPECT_EQ(x.data.to_string(), "t.r");
  EXPECT_EQ(x.target.comparator, ast::Comparator::ge);
  EXPECT_EQ(x.target.value, Decimal::integer(92));
  EXPECT_FALSE(x.cumulative);
  EXPECT_EQ(s.sources.location(x.span), "test.rules:4:7");
}

TEST(CheckTest, GroupIndicesContinueAcrossFiles) {
  Session s;
  auto rules =
      s.check({{"a.rules", "area a \"A\" { objective o \"O\" { indicator x \"X\" { data t.r } } }"},
               {"b.rules",
                "area b \"B\" { goal g \"G\" { objective p \"P\" { indicator y \"Y\" { data t.r } } } }"}});
  ASSERT_TRUE(rules) << s.rendered();
  ASSERT_EQ(rules->groups.size(), 5u);
  EXPECT_EQ(rules->groups[1].parent, 0u);
  EXPECT_EQ(rules->groups[2].id, "b");
  EXPECT_FALSE(rules->groups[2].parent);
  EXPECT_EQ(rules->groups[3].parent, 2u);
  EXPECT_EQ(rules->groups[4].parent, 3u);
  ASSERT_EQ(rules->indicators.size(), 2u);
  EXPECT_EQ(rules->indicators[0].group, 1u);
  EXPECT_EQ(rules->indicators[1].group, 4u);
}

TEST(CheckTest, ItemsInterleaveIndicatorsAndBudgetsInDocumentOrder) {
  Session s;
  auto rules = s.check(
      "area a \"A\" {\n"
      "  budget b1 \"B1\" { table t outcome o budget b }\n"
      "  indicator i1 \"I1\" { data t.r }\n"
      "  budget b2 \"B2\" { table t outcome o budget b }\n"
      "  indicator i2 \"I2\" { data t.r }\n"
      "}\n");
  ASSERT_TRUE(rules) << s.rendered();
  ASSERT_EQ(rules->items.size(), 4u);
  EXPECT_EQ(rules->items[0].kind, RuleItem::Kind::budget);
  EXPECT_EQ(rules->budgets[rules->items[0].index].id, "b1");
  EXPECT_EQ(rules->items[1].kind, RuleItem::Kind::indicator);
  EXPECT_EQ(rules->indicators[rules->items[1].index].id, "i1");
  EXPECT_EQ(rules->budgets[rules->items[2].index].id, "b2");
  EXPECT_EQ(rules->indicators[rules->items[3].index].id, "i2");
}

TEST(CheckTest, BudgetDefaultsAndProperties) {
  Session s;
  auto rules = s.check(
      "area a \"A\" {\n"
      "  budget d \"D\" { table t outcome o budget b }\n"
      "  budget e \"E\" { table t outcome o budget b reported r previous p favourable lower materiality 500 "
      "tkr lines x, y }\n"
      "}\n");
  ASSERT_TRUE(rules) << s.rendered();
  const Budget& d = rules->budgets.at(0);
  EXPECT_EQ(d.table.text, "t");
  EXPECT_EQ(d.outcome.text, "o");
  EXPECT_EQ(d.budget.text, "b");
  EXPECT_FALSE(d.reported);
  EXPECT_FALSE(d.previous);
  EXPECT_EQ(d.favourable, ast::Direction::higher);
  EXPECT_FALSE(d.materiality);
  EXPECT_TRUE(d.lines.empty());
  const Budget& e = rules->budgets.at(1);
  EXPECT_EQ(e.reported->text, "r");
  EXPECT_EQ(e.previous->text, "p");
  EXPECT_EQ(e.favourable, ast::Direction::lower);
  EXPECT_EQ(e.materiality, Decimal::integer(500));
  ASSERT_EQ(e.lines.size(), 2u);
  EXPECT_EQ(e.lines[1].text, "y");
}

// --- Inference --------------------------------------------------------------------------

TEST(CheckTest, UnitDefaultsToNumber) {
  EXPECT_EQ(checked_indicator("data t.r\n").unit, Unit::number);
}

TEST(CheckTest, DirectionInferredFromTheComparator) {
  EXPECT_EQ(checked_indicator("data t.r target >= 5\n").direction, ast::Direction::higher);
  EXPECT_EQ(checked_indicator("data t.r target > 5\n").direction, ast::Direction::higher);
  EXPECT_EQ(checked_indicator("data t.r target <= 5\n").direction, ast::Direction::lower);
  EXPECT_EQ(checked_indicator("data t.r target < 5\n").direction, ast::Direction::lower);
}

TEST(CheckTest, NoDirectionFromEqualsRangeOrNoTarget) {
  EXPECT_EQ(checked_indicator("data t.r target = 5\n").direction, ast::Direction::unspecified);
  EXPECT_EQ(checked_indicator("data t.r target 90..100\n").direction, ast::Direction::unspecified);
  EXPECT_EQ(checked_indicator("data t.r target pending\n").direction, ast::Direction::unspecified);
  EXPECT_EQ(checked_indicator("data t.r\n").direction, ast::Direction::unspecified);
  EXPECT_EQ(checked_indicator("data t.r\n").target.kind, ast::Target::Kind::none);
}

TEST(CheckTest, ExplicitDirectionWinsOverTheComparator) {
  EXPECT_EQ(checked_indicator("lower is better data t.r target >= 5\n").direction, ast::Direction::lower);
  EXPECT_EQ(checked_indicator("higher is better data t.r target <= 5\n").direction, ast::Direction::higher);
}

TEST(CheckTest, CumulativeImpliedByAnnual) {
  EXPECT_TRUE(checked_indicator("data t.r target >= 220000 annual\n").cumulative);
  EXPECT_TRUE(checked_indicator("cumulative data t.r target none\n").cumulative);
  EXPECT_FALSE(checked_indicator("data t.r target >= 220000\n").cumulative);
}

TEST(CheckTest, EveryUnitName) {
  EXPECT_EQ(unit_names(), (std::vector<std::string>{"number", "percent", "count", "tkr", "kr", "index",
                                                    "score", "ratio", "days", "hours"}));
  for (const std::string& name : unit_names()) {
    const auto unit = unit_from_name(name);
    ASSERT_TRUE(unit) << name;
    EXPECT_EQ(to_string(*unit), name);
    EXPECT_EQ(checked_indicator("unit " + name + " data t.r\n").unit, *unit);
  }
  EXPECT_FALSE(unit_from_name("procent"));
}

// --- Errors -----------------------------------------------------------------------------

TEST(CheckErrorTest, E0201DuplicateIdAcrossFiles) {
  CheckErrors e({{"a.rules", "area a \"A\" {\n  indicator x \"X\" { data t.r }\n}\n"},
                 {"b.rules", "area b \"B\" {\n  indicator x \"X2\" { data t.r }\n}\n"}});
  EXPECT_DIAGNOSTIC(e.s, "E0201", "duplicate id 'x': ids must be unique across the rule set", "b.rules:2:13");
  const Diagnostic* d = e.s.find("E0201");
  ASSERT_NE(d, nullptr);
  ASSERT_EQ(d->notes.size(), 1u);
  EXPECT_EQ(d->notes[0].message, "'x' is first declared here");
  ASSERT_TRUE(d->notes[0].span);
  EXPECT_EQ(e.s.sources.location(*d->notes[0].span), "a.rules:2:13");
  EXPECT_EQ(e.s.sink.error_count(), 1u);
}

TEST(CheckErrorTest, E0201IdsShareOneNamespaceAcrossLevels) {
  CheckErrors e(
      "area a \"A\" {\n  objective x \"O\" {\n    budget x \"B\" { table t outcome o budget b }\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0201", "duplicate id 'x': ids must be unique across the rule set",
                    "test.rules:3:12");
}

// A member's id is FAMILY_MEMBER, and '_' may be in either part: however two ids are
// split, the same text is a duplicate.
TEST(CheckErrorTest, E0201MemberIdsSplitDifferentlyAreTheSameId) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"  family a_b \"F1\" { members c \"C\" data t.* }\n  family a \"F2\" { members b_c \"BC\" data t.* "
       "}\n",
       "test.rules:3:27"},
      {"  family a \"F1\" { members b_c \"BC\" data t.* }\n  family a_b \"F2\" { members c \"C\" data t.* "
       "}\n",
       "test.rules:3:29"},
      {"  family a \"F\" { members b_c \"BC\" data t.* }\n  indicator a_b_c \"I\" { data t.r }\n",
       "test.rules:3:13"},
      {"  indicator a_b_c \"I\" { data t.r }\n  family a_b \"F\" { members c \"C\" data t.* }\n",
       "test.rules:3:28"},
  };
  for (const auto& [declarations, second] : cases) {
    SCOPED_TRACE(declarations);
    CheckErrors e("area z \"Z\" {\n" + declarations + "}\n");
    EXPECT_DIAGNOSTIC(e.s, "E0201", "duplicate id 'a_b_c': ids must be unique across the rule set", second);
    EXPECT_EQ(e.s.count("E0201"), 1u) << e.s.rendered();
  }
  // Ids of the same length that differ are not duplicates.
  CheckErrors fine(
      "area z \"Z\" {\n  family a_b \"F1\" { members c \"C\" data t.* }\n"
      "  family a \"F2\" { members b_d \"BD\" data t.* }\n  indicator a_b_e \"I\" { data t.r }\n}\n");
  EXPECT_EQ(fine.s.count("E0201"), 0u) << fine.s.rendered();
}

TEST(CheckErrorTest, E0201DuplicateBreakdown) {
  CheckErrors e(
      one_indicator("data t.r\nbreakdown man \"Män\" data t.r.man\nbreakdown man \"Män 2\" data t.r.man2\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0201", "duplicate breakdown 'man' in indicator 'x'", "test.rules:5:11");
  EXPECT_EQ(test::notes(*e.s.find("E0201")), std::vector<std::string>{"first declared here"});
}

TEST(CheckErrorTest, E0202UnknownUnitWithDidYouMean) {
  CheckErrors e(one_indicator("    unit procent\n    data t.r\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0202", "unknown unit 'procent'", "test.rules:3:10");
  EXPECT_EQ(test::helps(*e.s.find("E0202")), std::vector<std::string>{"did you mean 'percent'?"});
}

TEST(CheckErrorTest, E0202UnknownUnitListsTheUnits) {
  CheckErrors e(one_indicator("    unit furlongs\n    data t.r\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0202", "unknown unit 'furlongs'", "test.rules:3:10");
  EXPECT_EQ(test::helps(*e.s.find("E0202")),
            std::vector<std::string>{
                "units are: number, percent, count, tkr, kr, index, score, ratio, days, hours"});
}

TEST(CheckErrorTest, E0203PropertyGivenTwice) {
  CheckErrors e(one_indicator("    unit percent\n    data t.r\n    unit count\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0203", "'unit' is given more than once", "test.rules:5:5");
  const Diagnostic* d = e.s.find("E0203");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(test::notes(*d), std::vector<std::string>{"first given here"});
  EXPECT_EQ(test::note_location(e.s, *d), "test.rules:3:5");
}

TEST(CheckErrorTest, E0203EveryRepeatIsReported) {
  CheckErrors e(
      one_indicator("    data t.r\n    data t.s\n    data t.u\n    higher is better\n    lower is better\n"));
  EXPECT_EQ(e.s.count("E0203"), 3u) << e.s.rendered();
  EXPECT_DIAGNOSTIC(e.s, "E0203", "'data' is given more than once", "test.rules:4:5");
  EXPECT_DIAGNOSTIC(e.s, "E0203", "'data' is given more than once", "test.rules:5:5");
  EXPECT_DIAGNOSTIC(e.s, "E0203", "'higher/lower is better' is given more than once", "test.rules:7:5");
}

TEST(CheckErrorTest, E0203BudgetPropertyTwice) {
  CheckErrors e(
      "area a \"A\" {\n  budget b \"B\" {\n    table t\n    outcome o\n    budget b\n    table u\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0203", "'table' is given more than once", "test.rules:6:5");
}

TEST(CheckErrorTest, E0205MissingData) {
  CheckErrors e(one_indicator("    target >= 5\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0205", "indicator 'x' has no data reference", "test.rules:2:13");
  EXPECT_EQ(test::helps(*e.s.find("E0205")),
            std::vector<std::string>{
                "add a line such as 'data table.row', or 'value EXPRESSION' for a derived indicator"});
}

TEST(CheckErrorTest, E0206BadRange) {
  CheckErrors e(one_indicator("    data t.r\n    target 100..90\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0206", "the range's lower bound is greater than its upper bound",
                    "test.rules:4:12");
  EXPECT_EQ(test::helps(*e.s.find("E0206")),
            std::vector<std::string>{"write the smaller number first, as in 90..100"});
}

TEST(CheckErrorTest, EqualBoundsAreAValidRange) {
  Session s;
  EXPECT_TRUE(s.check(one_indicator("    data t.r\n    target 5..5\n"))) << s.rendered();
}

TEST(CheckErrorTest, E0207AnnualWithRange) {
  CheckErrors e(one_indicator("    data t.r\n    target 90..100 annual\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0207", "an annual target needs one of >=, >, <=, <", "test.rules:4:5");
  EXPECT_EQ(
      test::helps(*e.s.find("E0207")),
      std::vector<std::string>{
          "an annual target is pro-rated over the months elapsed, which needs a bound to compare against"});
}

TEST(CheckErrorTest, E0207AnnualWithEquals) {
  CheckErrors e(one_indicator("    data t.r\n    target = 4 annual\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0207", "an annual target needs one of >=, >, <=, <", "test.rules:4:5");
}

TEST(CheckErrorTest, E0208BudgetMissingTable) {
  CheckErrors e("area a \"A\" {\n  budget b \"B\" {\n    outcome o\n    budget b\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0208", "budget 'b' has no 'table'", "test.rules:2:10");
  EXPECT_EQ(test::helps(*e.s.find("E0208")),
            std::vector<std::string>{"add a line such as 'table driftsammandrag'"});
  EXPECT_EQ(e.s.sink.error_count(), 1u);
}

TEST(CheckErrorTest, E0208BudgetMissingEverything) {
  CheckErrors e("area a \"A\" {\n  budget b \"B\" {}\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0208", "budget 'b' has no 'table'", "test.rules:2:10");
  EXPECT_DIAGNOSTIC(e.s, "E0208", "budget 'b' has no 'outcome'", "test.rules:2:10");
  EXPECT_DIAGNOSTIC(e.s, "E0208", "budget 'b' has no 'budget'", "test.rules:2:10");
  EXPECT_EQ(e.s.sink.error_count(), 3u);
}

TEST(CheckErrorTest, E0209NegativeMateriality) {
  CheckErrors e(
      "area a \"A\" {\n  budget b \"B\" {\n    table t outcome o budget b\n    materiality -5 tkr\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0209", "materiality must not be negative", "test.rules:4:5");
}

TEST(CheckErrorTest, E0210LineListedTwice) {
  CheckErrors e(
      "area a \"A\" {\n  budget b \"B\" {\n    table t outcome o budget b\n    lines x, y, x\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0210", "line 'x' is listed twice", "test.rules:4:17");
  EXPECT_EQ(test::notes(*e.s.find("E0210")), std::vector<std::string>{"first listed here"});
}

TEST(CheckErrorTest, ReportsEveryProblemAndGoesOn) {
  CheckErrors e(
      "area a \"A\" {\n"
      "  indicator x \"X\" { unit procent }\n"
      "  indicator x \"X\" { data t.r target 9..1 }\n"
      "}\n");
  EXPECT_EQ(e.s.count("E0202"), 1u);
  EXPECT_EQ(e.s.count("E0205"), 1u);
  EXPECT_EQ(e.s.count("E0201"), 1u);
  EXPECT_EQ(e.s.count("E0206"), 1u);
  EXPECT_EQ(e.s.sink.error_count(), 4u) << e.s.rendered();
}

}  // namespace
}  // namespace attain

namespace attain {
namespace {

// Checking files it may consume gives the same rule set, with the same messages, and
// gives back the families' member lists (only those) as it goes.
TEST(CheckConsumingTest, GivesTheSameRuleSetAndTakesTheMemberLists) {
  const std::string text =
      "area a \"A\" {\n"
      "  family lev \"Leveranssäkerhet\" {\n    members x \"X\", y \"Y\", x \"Z\"\n"
      "    unit percent\n    data t.*\n    target >= 95\n  }\n"
      "  indicator lev_y \"Krock\" { unit percent data t.r target >= 95 }\n"
      "  family fam \"F\" {\n    members m \"M\"\n    unit count\n    data u.*\n  }\n"
      "}\n";
  Session kept, consumed;
  std::vector<ast::RuleFile> a, b;
  for (auto [s, files] : {std::pair{&kept, &a}, std::pair{&consumed, &b}}) {
    auto tree = parse_rules(s->add("test.rules", text), s->sink);
    ASSERT_TRUE(tree) << s->rendered();
    files->push_back(std::move(*tree));
  }
  const RuleSet from_kept = check_rules(a, kept.sink);
  const RuleSet from_consumed = check_rules(std::move(b), consumed.sink);
  EXPECT_EQ(describe(from_consumed), describe(from_kept));
  EXPECT_EQ(consumed.rendered(), kept.rendered());
  EXPECT_EQ(kept.count("E0201"), 2u) << kept.rendered();  // lev_x twice; lev_y, a member and an indicator
  ASSERT_EQ(b.size(), 1u);
  ASSERT_EQ(b[0].indicators.size(), 3u);
  EXPECT_TRUE(b[0].indicators[0].members.empty());
  EXPECT_EQ(b[0].indicators[1].id.text, "lev_y");  // the rest is left as it was
  EXPECT_TRUE(b[0].indicators[2].members.empty());
  EXPECT_EQ(a[0].indicators[0].members.size(), 3u);
}

}  // namespace
}  // namespace attain
