// Parsing rule files into the AST: every construct of the language, every syntax error
// with its code, message and position, and collecting rule files from directories.

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "attain/parse.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

namespace fs = std::filesystem;
using test::Session;
using test::SyntaxError;

Decimal dec(std::int64_t units, int scale) {
  return Decimal::from_units(units, scale);
}

// A file using every construct of the language.
const char* const full_example =
    "# Målområde: test\n"                                                                            // 1
    "area medarbetare \"Medarbetare \\\"M\\\"\" {\n"                                                 // 2
    "  goal attraktiv \"Attraktiv arbetsgivare\" {\n"                                                // 3
    "    objective goda \"Goda arbetsplatser\" {\n"                                                  // 4
    "      indicator sjuk \"Total sjukfrånvaro\" {\n"                                                // 5
    "        unit percent   # a comment\n"                                                           // 6
    "        lower is better\n"                                                                      // 7
    "        data medarbetare_attraktiv.sjukfranvaro_total\n"                                        // 8
    "        target <= 3,5\n"                                                                        // 9
    "        breakdown man \"Män\" data medarbetare_attraktiv.sjukfranvaro_total.man\n"              // 10
    "        breakdown kvinnor \"Kvinnor\" data medarbetare_attraktiv.sjukfranvaro_total.kvinnor\n"  // 11
    "      }\n"                                                                                      // 12
    "      indicator ge \"GE\" { data t.r target >= 92 }\n"                                          // 13
    "      indicator gt \"GT\" { data t.r target > 0 }\n"                                            // 14
    "      indicator lt \"LT\" { data t.r target < 5 }\n"                                            // 15
    "      indicator eq \"EQ\" { data t.r target = 100 }\n"                                          // 16
    "      indicator uge \"UGE\" { data t.r target \xE2\x89\xA5 90 }\n"                              // 17
    "      indicator ule \"ULE\" { data t.r target \xE2\x89\xA4 6,5 }\n"                             // 18
    "    }\n"                                                                                        // 19
    "    indicator range \"Range\" { higher is better data t.r target 90..100 }\n"                   // 20
    "  }\n"                                                                                          // 21
    "  objective ekonomi \"Ekonomi\" {\n"                                                            // 22
    "    indicator annual \"Annual\" {\n"                                                            // 23
    "      unit count\n"                                                                             // 24
    "      data ekonomi_hallbar.arendevolym.kontakt_linkoping@mars_2020\n"                           // 25
    "      target >= 220_000 annual \"220 000 per år\"\n"                                            // 26
    "    }\n"                                                                                        // 27
    "    indicator pend \"Pending\" { cumulative data t.r target pending \"Q3\" }\n"                 // 28
    "    indicator nothing \"None\" { data t.r target none }\n"                                      // 29
    "    indicator text \"Text\" { unit tkr data t.r target >= 0 \"Nollresultat\" }\n"               // 30
    "    budget budget \"Driftsammandrag\" {\n"                                                      // 31
    "      table driftsammandrag_mars\n"                                                             // 32
    "      outcome redovisat\n"                                                                      // 33
    "      budget budget\n"                                                                          // 34
    "      reported avvikelse\n"                                                                     // 35
    "      previous foregaende_ar\n"                                                                 // 36
    "      favourable lower\n"                                                                       // 37
    "      materiality 500 tkr\n"                                                                    // 38
    "      lines vss_ledning, lkdata , summa\n"                                                      // 39
    "    }\n"                                                                                        // 40
    "  }\n"                                                                                          // 41
    "}\n"                                                                                            // 42
    "area tom \"Tom\" {}\n";                                                                         // 43

class FullExampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tree = session.parse(full_example, "full.rules");
    ASSERT_TRUE(tree) << session.rendered();
    ASSERT_FALSE(session.sink.has_errors());
  }
  const ast::Indicator& indicator(std::string_view id) const {
    for (const ast::Indicator& i : tree->indicators) {
      if (i.id.text == id) return i;
    }
    throw std::runtime_error("no indicator " + std::string(id));
  }
  const ast::Target& target(std::string_view id) const {
    const ast::Indicator& i = indicator(id);
    EXPECT_EQ(i.targets.size(), 1u);
    return i.targets.at(0).value;
  }
  std::string text(Span span) const { return std::string(session.sources.file(0).slice(span)); }
  std::string where(Span span) const { return session.sources.location(span); }

  Session session;
  std::optional<ast::RuleFile> tree;
};

TEST_F(FullExampleTest, GroupsAreFlatWithParentIndices) {
  EXPECT_EQ(tree->file, 0u);
  ASSERT_EQ(tree->groups.size(), 5u);
  const auto& g = tree->groups;
  EXPECT_EQ(g[0].level, ast::GroupLevel::area);
  EXPECT_EQ(g[0].id.text, "medarbetare");
  EXPECT_EQ(g[0].name, "Medarbetare \"M\"");  // escapes are resolved
  EXPECT_FALSE(g[0].parent);
  EXPECT_EQ(g[1].level, ast::GroupLevel::goal);
  EXPECT_EQ(g[1].id.text, "attraktiv");
  EXPECT_EQ(g[1].name, "Attraktiv arbetsgivare");
  EXPECT_EQ(g[1].parent, 0u);
  EXPECT_EQ(g[2].level, ast::GroupLevel::objective);
  EXPECT_EQ(g[2].id.text, "goda");
  EXPECT_EQ(g[2].parent, 1u);
  EXPECT_EQ(g[3].level, ast::GroupLevel::objective);
  EXPECT_EQ(g[3].id.text, "ekonomi");
  EXPECT_EQ(g[3].parent, 0u);  // an objective directly in an area
  EXPECT_EQ(g[4].id.text, "tom");
  EXPECT_FALSE(g[4].parent);
}

TEST_F(FullExampleTest, SpansPointIntoTheSource) {
  const auto& g = tree->groups;
  EXPECT_EQ(where(g[0].id.span), "full.rules:2:6");
  EXPECT_EQ(text(g[0].id.span), "medarbetare");
  EXPECT_EQ(where(g[0].span), "full.rules:2:1");
  EXPECT_EQ(where(g[1].span), "full.rules:3:3");
  const ast::Indicator& sjuk = indicator("sjuk");
  EXPECT_EQ(where(sjuk.span), "full.rules:5:7");
  EXPECT_EQ(text(sjuk.id.span), "sjuk");
  EXPECT_EQ(where(sjuk.units.at(0).span), "full.rules:6:9");
  EXPECT_EQ(where(sjuk.units.at(0).value.span), "full.rules:6:14");
  EXPECT_EQ(where(sjuk.targets.at(0).span), "full.rules:9:9");
  EXPECT_EQ(text(sjuk.targets.at(0).value.value_span), "3,5");
  EXPECT_EQ(where(sjuk.targets.at(0).value.value_span), "full.rules:9:19");
}

TEST_F(FullExampleTest, IndicatorsKeepDocumentOrderAndTheirGroup) {
  std::vector<std::string> ids;
  for (const ast::Indicator& i : tree->indicators) ids.push_back(i.id.text);
  EXPECT_EQ(ids, (std::vector<std::string>{"sjuk", "ge", "gt", "lt", "eq", "uge", "ule", "range", "annual",
                                           "pend", "nothing", "text"}));
  EXPECT_EQ(indicator("sjuk").group, 2u);
  EXPECT_EQ(indicator("ule").group, 2u);
  EXPECT_EQ(indicator("range").group, 1u);  // directly in the goal
  EXPECT_EQ(indicator("annual").group, 3u);
}

TEST_F(FullExampleTest, IndicatorProperties) {
  const ast::Indicator& sjuk = indicator("sjuk");
  EXPECT_EQ(sjuk.name, "Total sjukfrånvaro");
  ASSERT_EQ(sjuk.units.size(), 1u);
  EXPECT_EQ(sjuk.units[0].value.text, "percent");
  ASSERT_EQ(sjuk.directions.size(), 1u);
  EXPECT_EQ(sjuk.directions[0].value, ast::Direction::lower);
  ASSERT_EQ(sjuk.data.size(), 1u);
  EXPECT_EQ(sjuk.data[0].value.to_string(), "medarbetare_attraktiv.sjukfranvaro_total");
  EXPECT_TRUE(sjuk.cumulative.empty());
  EXPECT_EQ(indicator("range").directions.at(0).value, ast::Direction::higher);
  EXPECT_EQ(indicator("pend").cumulative.size(), 1u);
  EXPECT_TRUE(indicator("ge").units.empty());
  EXPECT_TRUE(indicator("ge").directions.empty());
}

TEST_F(FullExampleTest, Breakdowns) {
  const ast::Indicator& sjuk = indicator("sjuk");
  ASSERT_EQ(sjuk.breakdowns.size(), 2u);
  EXPECT_EQ(sjuk.breakdowns[0].id.text, "man");
  EXPECT_EQ(sjuk.breakdowns[0].name, "Män");
  EXPECT_EQ(sjuk.breakdowns[0].data.to_string(), "medarbetare_attraktiv.sjukfranvaro_total.man");
  EXPECT_EQ(where(sjuk.breakdowns[0].span), "full.rules:10:9");
  EXPECT_EQ(sjuk.breakdowns[1].id.text, "kvinnor");
  EXPECT_EQ(sjuk.breakdowns[1].name, "Kvinnor");
  ASSERT_EQ(sjuk.breakdowns[1].data.path.size(), 3u);
  EXPECT_EQ(sjuk.breakdowns[1].data.path[2].text, "kvinnor");
}

TEST_F(FullExampleTest, ReferenceWithChildrenAndColumn) {
  const ast::Reference& ref = indicator("annual").data.at(0).value;
  ASSERT_EQ(ref.path.size(), 3u);
  EXPECT_EQ(ref.path[0].text, "ekonomi_hallbar");
  EXPECT_EQ(ref.path[1].text, "arendevolym");
  EXPECT_EQ(ref.path[2].text, "kontakt_linkoping");
  ASSERT_TRUE(ref.column);
  EXPECT_EQ(ref.column->text, "mars_2020");
  EXPECT_EQ(where(ref.column->span), "full.rules:25:58");
  EXPECT_EQ(ref.to_string(), "ekonomi_hallbar.arendevolym.kontakt_linkoping@mars_2020");
  EXPECT_EQ(text(ref.span), "ekonomi_hallbar.arendevolym.kontakt_linkoping@mars_2020");
  EXPECT_FALSE(indicator("ge").data.at(0).value.column);
}

TEST_F(FullExampleTest, TargetWithDecimalComma) {
  const ast::Target& t = target("sjuk");
  EXPECT_EQ(t.kind, ast::Target::Kind::compare);
  EXPECT_EQ(t.comparator, ast::Comparator::le);
  EXPECT_EQ(t.value.units(), 35);
  EXPECT_EQ(t.value.scale(), 1);
  EXPECT_FALSE(t.annual);
  EXPECT_FALSE(t.text);
}

TEST_F(FullExampleTest, AsciiComparators) {
  EXPECT_EQ(target("ge").comparator, ast::Comparator::ge);
  EXPECT_EQ(target("ge").value, Decimal::integer(92));
  EXPECT_EQ(target("gt").comparator, ast::Comparator::gt);
  EXPECT_EQ(target("gt").value, Decimal::integer(0));
  EXPECT_EQ(target("lt").comparator, ast::Comparator::lt);
  EXPECT_EQ(target("lt").value, Decimal::integer(5));
  EXPECT_EQ(target("eq").comparator, ast::Comparator::eq);
  EXPECT_EQ(target("eq").value, Decimal::integer(100));
}

TEST_F(FullExampleTest, Utf8Comparators) {
  EXPECT_EQ(target("uge").comparator, ast::Comparator::ge);
  EXPECT_EQ(target("uge").value, Decimal::integer(90));
  EXPECT_EQ(target("ule").comparator, ast::Comparator::le);
  EXPECT_EQ(target("ule").value, dec(65, 1));
}

TEST_F(FullExampleTest, RangeTarget) {
  const ast::Target& t = target("range");
  EXPECT_EQ(t.kind, ast::Target::Kind::compare);
  EXPECT_EQ(t.comparator, ast::Comparator::range);
  EXPECT_EQ(t.value, Decimal::integer(90));
  EXPECT_EQ(t.upper, Decimal::integer(100));
  EXPECT_EQ(text(t.value_span), "90..100");
}

TEST_F(FullExampleTest, AnnualTargetWithText) {
  const ast::Target& t = target("annual");
  EXPECT_EQ(t.kind, ast::Target::Kind::compare);
  EXPECT_EQ(t.comparator, ast::Comparator::ge);
  EXPECT_EQ(t.value, Decimal::integer(220000));
  EXPECT_TRUE(t.annual);
  EXPECT_EQ(t.text, "220 000 per år");
  EXPECT_EQ(text(t.value_span), "220_000");
}

TEST_F(FullExampleTest, PendingNoneAndTextTargets) {
  EXPECT_EQ(target("pend").kind, ast::Target::Kind::pending);
  EXPECT_EQ(target("pend").text, "Q3");
  EXPECT_EQ(target("nothing").kind, ast::Target::Kind::none);
  EXPECT_FALSE(target("nothing").text);
  EXPECT_EQ(target("text").kind, ast::Target::Kind::compare);
  EXPECT_EQ(target("text").value, Decimal::integer(0));
  EXPECT_EQ(target("text").text, "Nollresultat");
}

TEST_F(FullExampleTest, BudgetWithEveryProperty) {
  ASSERT_EQ(tree->budgets.size(), 1u);
  const ast::Budget& b = tree->budgets[0];
  EXPECT_EQ(b.id.text, "budget");
  EXPECT_EQ(b.name, "Driftsammandrag");
  EXPECT_EQ(b.group, 3u);
  EXPECT_EQ(where(b.span), "full.rules:31:5");
  EXPECT_EQ(b.table.at(0).value.text, "driftsammandrag_mars");
  EXPECT_EQ(b.outcome.at(0).value.text, "redovisat");
  EXPECT_EQ(b.budget.at(0).value.text, "budget");
  EXPECT_EQ(b.reported.at(0).value.text, "avvikelse");
  EXPECT_EQ(b.previous.at(0).value.text, "foregaende_ar");
  EXPECT_EQ(b.favourable.at(0).value, ast::Direction::lower);
  ASSERT_EQ(b.materiality.size(), 1u);
  EXPECT_EQ(b.materiality[0].value, Decimal::integer(500));
  ASSERT_EQ(b.lines.size(), 1u);
  std::vector<std::string> lines;
  for (const ast::Name& n : b.lines[0].value) lines.push_back(n.text);
  EXPECT_EQ(lines, (std::vector<std::string>{"vss_ledning", "lkdata", "summa"}));
  EXPECT_EQ(where(b.lines[0].value[2].span), "full.rules:39:35");
}

TEST(ParseTest, EmptyFileAndCommentsOnlyAreValid) {
  Session s;
  auto empty = s.parse("");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->groups.empty());
  auto comments = s.parse("# nothing\n\n   # here\n");
  ASSERT_TRUE(comments);
  EXPECT_TRUE(comments->groups.empty());
  EXPECT_FALSE(s.sink.has_errors());
}

TEST(ParseTest, RepeatedPropertiesAreAllKeptForTheChecker) {
  Session s;
  auto tree = s.parse(
      "area a \"A\" { indicator x \"X\" { unit count unit percent data t.r data t.s target none target >= 1 "
      "} }");
  ASSERT_TRUE(tree) << s.rendered();
  const ast::Indicator& x = tree->indicators.at(0);
  EXPECT_EQ(x.units.size(), 2u);
  EXPECT_EQ(x.data.size(), 2u);
  EXPECT_EQ(x.targets.size(), 2u);
}

TEST(ParseTest, KeywordPrefixIsAnIdentifier) {
  // "areal" is not the keyword "area" followed by "l".
  Session s;
  EXPECT_FALSE(s.parse("areal a \"A\" {}"));
  EXPECT_DIAGNOSTIC(s, "E0101",
                    "expected 'area', 'check', 'const', 'profile' or 'test' at the top level of a rule file",
                    "test.rules:1:1");
}

TEST(ParseTest, NegativeBound) {
  Session s;
  auto tree = s.parse("area a \"A\" { indicator x \"X\" { data t.r target >= -143 } }");
  ASSERT_TRUE(tree) << s.rendered();
  EXPECT_EQ(tree->indicators.at(0).targets.at(0).value.value, Decimal::integer(-143));
}

TEST(ParseTest, DecimalPointBound) {
  Session s;
  auto tree = s.parse("area a \"A\" { indicator x \"X\" { data t.r target >= 99.5 } }");
  ASSERT_TRUE(tree) << s.rendered();
  EXPECT_EQ(tree->indicators.at(0).targets.at(0).value.value, dec(995, 1));
}

TEST(ParseTest, ToStringOfComparatorsAndLevels) {
  EXPECT_EQ(ast::to_string(ast::Comparator::ge), ">=");
  EXPECT_EQ(ast::to_string(ast::Comparator::le), "<=");
  EXPECT_EQ(ast::to_string(ast::Comparator::gt), ">");
  EXPECT_EQ(ast::to_string(ast::Comparator::lt), "<");
  EXPECT_EQ(ast::to_string(ast::Comparator::eq), "=");
  EXPECT_EQ(ast::to_string(ast::Comparator::range), "..");
  EXPECT_EQ(ast::to_string(ast::GroupLevel::area), "area");
  EXPECT_EQ(ast::to_string(ast::GroupLevel::goal), "goal");
  EXPECT_EQ(ast::to_string(ast::GroupLevel::objective), "objective");
}

// --- Syntax errors ------------------------------------------------------------------------

const std::vector<std::string> no_help;

TEST(SyntaxErrorTest, E0101NotAnArea) {
  SyntaxError e("# rules\n  are x \"X\" {}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0101",
                    "expected 'area', 'check', 'const', 'profile' or 'test' at the top level of a rule file",
                    "test.rules:2:3");
  EXPECT_EQ(e.helps(), std::vector<std::string>{"did you mean 'area'?"});
  EXPECT_EQ(e.s.sources.file(0).slice(*e.d().span), "are");
}

TEST(SyntaxErrorTest, E0101GoalOutsideAnArea) {
  SyntaxError e("goal g \"G\" {}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0101",
                    "expected 'area', 'check', 'const', 'profile' or 'test' at the top level of a rule file",
                    "test.rules:1:1");
  EXPECT_EQ(e.helps(), std::vector<std::string>{"'goal' must stand inside an 'area' block"});
}

TEST(SyntaxErrorTest, E0101IndicatorOutsideAnArea) {
  SyntaxError e("area a \"A\" {}\nindicator x \"X\" {}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0101",
                    "expected 'area', 'check', 'const', 'profile' or 'test' at the top level of a rule file",
                    "test.rules:2:1");
  EXPECT_EQ(e.helps(), std::vector<std::string>{"'indicator' must stand inside an 'area' block"});
}

TEST(SyntaxErrorTest, E0102MissingId) {
  SyntaxError e("area \"A\" {}");
  EXPECT_DIAGNOSTIC(e.s, "E0102", "expected an id (letters, digits and _, not starting with a digit)",
                    "test.rules:1:6");
  EXPECT_EQ(e.helps(), no_help);
}

TEST(SyntaxErrorTest, E0102IdStartingWithADigit) {
  SyntaxError e("area a \"A\" {\n  goal 1g \"G\" {}\n}");
  EXPECT_DIAGNOSTIC(e.s, "E0102", "expected an id (letters, digits and _, not starting with a digit)",
                    "test.rules:2:8");
}

TEST(SyntaxErrorTest, E0103MissingDisplayName) {
  SyntaxError e("area a {}");
  EXPECT_DIAGNOSTIC(e.s, "E0103", "expected a display name in double quotes", "test.rules:1:8");
}

TEST(SyntaxErrorTest, E0104MissingOpenBrace) {
  SyntaxError e("area a \"A\" x");
  EXPECT_DIAGNOSTIC(e.s, "E0104", "expected '{' to open the block", "test.rules:1:12");
  EXPECT_EQ(e.s.sources.file(0).slice(*e.d().span), "x");
}

TEST(SyntaxErrorTest, E0105BadItemInArea) {
  SyntaxError e("area a \"A\" {\n  goel g \"G\" {}\n}\n");
  EXPECT_DIAGNOSTIC(
      e.s, "E0105",
      "expected 'goal', 'objective', 'indicator', 'family', 'budget', 'rollup' or '}' in the area",
      "test.rules:2:3");
  EXPECT_EQ(e.helps(), std::vector<std::string>{"did you mean 'goal'?"});
}

TEST(SyntaxErrorTest, E0105UnclosedAreaAtEndOfFile) {
  SyntaxError e("area a \"A\" {\n");
  EXPECT_DIAGNOSTIC(
      e.s, "E0105",
      "expected 'goal', 'objective', 'indicator', 'family', 'budget', 'rollup' or '}' in the area",
      "test.rules:2:1");
  EXPECT_EQ(test::notes(e.d()), std::vector<std::string>{"the file ends here"});
  EXPECT_EQ(e.d().span->begin, e.d().span->end);
}

TEST(SyntaxErrorTest, E0106BadItemInGoal) {
  SyntaxError e("area a \"A\" {\n goal g \"G\" {\n  indicatr x \"X\" {}\n }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0106",
                    "expected 'objective', 'indicator', 'family', 'budget', 'rollup' or '}' in the goal",
                    "test.rules:3:3");
  EXPECT_EQ(e.helps(), std::vector<std::string>{"did you mean 'indicator'?"});
}

TEST(SyntaxErrorTest, E0107BadItemInObjective) {
  SyntaxError e("area a \"A\" {\n objective o \"O\" {\n  budgt b \"B\" {}\n }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0107",
                    "expected 'indicator', 'family', 'budget', 'rollup' or '}' in the objective",
                    "test.rules:3:3");
  EXPECT_EQ(e.helps(), std::vector<std::string>{"did you mean 'budget'?"});
}

TEST(SyntaxErrorTest, E0107GoalInsideObjective) {
  SyntaxError e("area a \"A\" {\n objective o \"O\" {\n  goal g \"G\" {}\n }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0107",
                    "expected 'indicator', 'family', 'budget', 'rollup' or '}' in the objective",
                    "test.rules:3:3");
  EXPECT_EQ(e.helps(), no_help);
}

TEST(SyntaxErrorTest, E0108MisspelledIndicatorProperty) {
  SyntaxError e("area a \"A\" {\n  indicator x \"X\" {\n    targt >= 5\n  }\n}\n");
  EXPECT_DIAGNOSTIC(
      e.s, "E0108",
      "expected an indicator property (unit, data, value, target, bands, higher is better, lower is better, "
      "cumulative, breakdown, breakdowns, gap, precision, weight, compare, description, owner, source, "
      "kolada) or '}'",
      "test.rules:3:5");
  EXPECT_EQ(e.helps(), std::vector<std::string>{"did you mean 'target'?"});
  EXPECT_EQ(e.s.sources.file(0).slice(*e.d().span), "targt");
}

TEST(SyntaxErrorTest, E0109MisspelledBudgetProperty) {
  SyntaxError e("area a \"A\" {\n  budget b \"B\" {\n    tble t\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0109",
                    "expected a budget property (table, outcome, budget, reported, previous, favourable, "
                    "materiality, lines) or '}'",
                    "test.rules:3:5");
  EXPECT_EQ(e.helps(), std::vector<std::string>{"did you mean 'table'?"});
}

TEST(SyntaxErrorTest, E0110MissingUnit) {
  SyntaxError e("area a \"A\" {\n  indicator x \"X\" {\n    unit 5\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0110", "expected a unit such as percent, count or tkr", "test.rules:3:10");
}

TEST(SyntaxErrorTest, E0111HigherWithoutIsBetter) {
  SyntaxError e("area a \"A\" {\n  indicator x \"X\" {\n    higher better\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0111", "expected 'is better'", "test.rules:3:12");
  EXPECT_EQ(e.helps(), no_help);
}

TEST(SyntaxErrorTest, E0111LowerIsWorse) {
  SyntaxError e("area a \"A\" {\n  indicator x \"X\" {\n    lower is worse\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0111", "expected 'is better'", "test.rules:3:14");
}

TEST(SyntaxErrorTest, E0112MissingReference) {
  SyntaxError e("area a \"A\" {\n  indicator x \"X\" {\n    data 5\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0112", "expected a dataset reference such as table.row or table.row@column",
                    "test.rules:3:10");
}

TEST(SyntaxErrorTest, E0113MissingRowAfterDot) {
  SyntaxError e("area a \"A\" {\n  indicator x \"X\" {\n    data t.5\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0113", "expected a row name after '.'", "test.rules:3:12");
}

TEST(SyntaxErrorTest, E0114MissingColumnAfterAt) {
  SyntaxError e("area a \"A\" {\n  indicator x \"X\" {\n    data t.r@ target none\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0114", "expected a column name after '@'", "test.rules:3:14");
}

TEST(SyntaxErrorTest, E0115BadTarget) {
  SyntaxError e("area a \"A\" {\n  indicator x \"X\" {\n    target about 5\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0115",
                    "expected a target: a comparator and a number such as >= 92, a range such as 90..100, "
                    "'pending' or 'none'",
                    "test.rules:3:12");
  EXPECT_EQ(e.helps(), no_help);
}

TEST(SyntaxErrorTest, E0115MisspelledNone) {
  SyntaxError e("area a \"A\" {\n  indicator x \"X\" {\n    target nne\n  }\n}\n");
  EXPECT_EQ(e.d().code, "E0115");
  EXPECT_EQ(e.helps(), std::vector<std::string>{"did you mean 'none'?"});
}

TEST(SyntaxErrorTest, E0116MissingBound) {
  SyntaxError e("area a \"A\" {\n  indicator x \"X\" {\n    target >= %\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0116", "expected a number, 'previous' or a constant's name after the comparator",
                    "test.rules:3:15");
}

TEST(SyntaxErrorTest, E0117MissingUpperBound) {
  SyntaxError e("area a \"A\" {\n  indicator x \"X\" {\n    target 90..\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0117", "expected the upper bound of the range, as in 90..100", "test.rules:4:3");
}

TEST(SyntaxErrorTest, E0118BreakdownWithoutData) {
  SyntaxError e("area a \"A\" {\n  indicator x \"X\" {\n    breakdown man \"Män\" t.r.man\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0118", "expected 'data' and the breakdown's dataset reference", "test.rules:3:25");
}

TEST(SyntaxErrorTest, E0118MisspelledData) {
  SyntaxError e("area a \"A\" {\n  indicator x \"X\" {\n    breakdown man \"Män\" dta t.r.man\n  }\n}\n");
  EXPECT_EQ(e.d().code, "E0118");
  EXPECT_EQ(e.helps(), std::vector<std::string>{"did you mean 'data'?"});
}

TEST(SyntaxErrorTest, E0119MissingColumnName) {
  SyntaxError e("area a \"A\" {\n  budget b \"B\" {\n    outcome \"redovisat\"\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0119", "expected a column name", "test.rules:3:13");
}

TEST(SyntaxErrorTest, E0120BadFavourableSide) {
  SyntaxError e("area a \"A\" {\n  budget b \"B\" {\n    favourable hgher\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0120", "expected 'higher' or 'lower'", "test.rules:3:16");
  EXPECT_EQ(e.helps(), std::vector<std::string>{"did you mean 'higher'?"});
}

TEST(SyntaxErrorTest, E0121MissingAmount) {
  SyntaxError e("area a \"A\" {\n  budget b \"B\" {\n    materiality %\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0121", "expected an amount such as 500, or the name of a constant",
                    "test.rules:3:17");
}

TEST(SyntaxErrorTest, E0122MissingLineAfterComma) {
  SyntaxError e("area a \"A\" {\n  budget b \"B\" {\n    lines a, 5\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0122", "expected a row name", "test.rules:3:14");
}

TEST(SyntaxErrorTest, E0123UnterminatedString) {
  SyntaxError e("area a \"A {\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0123", "unterminated string: a display name must end with \" on the same line",
                    "test.rules:1:12");
}

TEST(SyntaxErrorTest, E0124UnknownEscape) {
  SyntaxError e("area a \"A\\x\" {}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0124", "unknown escape sequence: only \\\" and \\\\ may follow a backslash",
                    "test.rules:1:10");  // on the backslash
}

TEST(SyntaxErrorTest, E0125NumberWithBadGrouping) {
  SyntaxError e("area a \"A\" {\n  indicator x \"X\" {\n    target >= 1_00\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0125",
                    "cannot read '1_00' as a number: digit groups must have three digits, as in 62 500",
                    "test.rules:3:15");
}

TEST(SyntaxErrorTest, E0125NumberWithTooManyDecimals) {
  SyntaxError e("area a \"A\" {\n  budget b \"B\" {\n    materiality 0,1234567890\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0125", "cannot read '0,1234567890' as a number: more than 9 decimals",
                    "test.rules:3:17");
}

TEST(SyntaxErrorTest, ColumnsCountCodePoints) {
  SyntaxError e("area \xC3\xA5 \"A\" {}");
  EXPECT_DIAGNOSTIC(e.s, "E0102", "expected an id (letters, digits and _, not starting with a digit)",
                    "test.rules:1:6");
  EXPECT_EQ(e.s.sources.file(0).slice(*e.d().span), "\xC3\xA5");  // one whole code point
}

// Bug (usability): docs/language.md says rule files are UTF-8 text, but a file that
// starts with a UTF-8 byte order mark (as saved by older Windows editors) is rejected
// with E0101 at 1:1, the caret under an invisible character.
TEST(ParseTest, AcceptsAUtf8ByteOrderMark) {
  Session s;
  auto tree = s.parse(
      "\xEF\xBB\xBF"
      "area a \"A\" {}\n");
  EXPECT_TRUE(tree) << s.rendered();
}

TEST(SyntaxErrorTest, ParsingGoesOnWithTheNextFile) {
  Session s;
  EXPECT_FALSE(s.parse("area a \"A\" {", "bad.rules"));
  EXPECT_TRUE(s.parse("area b \"B\" {}", "good.rules"));
  EXPECT_EQ(s.sink.error_count(), 1u);
}

// --- load_rule_files ------------------------------------------------------------------------

class LoadRuleFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir = fs::temp_directory_path() /
          ("attain_parse_test_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) {
    fs::create_directories((dir / name).parent_path());
    std::ofstream(dir / name) << text;
  }
  std::string path(const std::string& name) const { return (dir / name).generic_string(); }

  fs::path dir;
  SourceManager sources;
  DiagnosticSink sink;
};

TEST_F(LoadRuleFilesTest, DirectoryContributesEveryRulesFileRecursivelyAndSorted) {
  write("b.rules", "b");
  write("a.rules", "a");
  write("sub/c.rules", "c");
  write("sub/deeper/0.rules", "0");
  write("notes.txt", "not a rule file");
  write("a.rules.bak", "not a rule file");
  fs::create_directories(dir / "folder.rules");  // a directory, not a file
  const auto files = load_rule_files({dir.string()}, sources, sink);
  EXPECT_FALSE(sink.has_errors());
  std::vector<std::string> paths, texts;
  for (const SourceFile* f : files) {
    paths.push_back(f->path());
    texts.emplace_back(f->text());
  }
  EXPECT_EQ(paths, (std::vector<std::string>{path("a.rules"), path("b.rules"), path("sub/c.rules"),
                                             path("sub/deeper/0.rules")}));
  EXPECT_EQ(texts, (std::vector<std::string>{"a", "b", "c", "0"}));
  EXPECT_EQ(sources.size(), 4u);
}

TEST_F(LoadRuleFilesTest, AFileIsTakenAsIs) {
  write("x.txt", "text");
  const auto files = load_rule_files({path("x.txt")}, sources, sink);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0]->path(), path("x.txt"));
  EXPECT_EQ(files[0]->text(), "text");
}

TEST_F(LoadRuleFilesTest, KeepsTheCommandLineOrderOfPaths) {
  write("z.rules", "z");
  write("d/a.rules", "a");
  const auto files = load_rule_files({path("z.rules"), path("d")}, sources, sink);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0]->text(), "z");
  EXPECT_EQ(files[1]->text(), "a");
}

TEST_F(LoadRuleFilesTest, MissingFileIsReportedAndSkipped) {
  write("ok.rules", "ok");
  const auto files = load_rule_files({path("missing.rules"), path("ok.rules")}, sources, sink);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0]->text(), "ok");
  ASSERT_EQ(sink.diagnostics().size(), 1u);
  const Diagnostic& d = sink.diagnostics()[0];
  EXPECT_EQ(d.code, "E0001");
  EXPECT_EQ(d.message, "cannot read rule file: No such file or directory");
  EXPECT_EQ(d.path, path("missing.rules"));
  EXPECT_FALSE(d.span);
}

TEST_F(LoadRuleFilesTest, EmptyDirectoryIsReported) {
  fs::create_directories(dir / "empty");
  write("empty/readme.txt", "x");
  const auto files = load_rule_files({path("empty")}, sources, sink);
  EXPECT_TRUE(files.empty());
  ASSERT_EQ(sink.diagnostics().size(), 1u);
  const Diagnostic& d = sink.diagnostics()[0];
  EXPECT_EQ(d.code, "E0002");
  EXPECT_EQ(d.message, "no '*.rules' files in this directory");
  EXPECT_EQ(d.path, path("empty"));
  EXPECT_EQ(d.severity, Severity::error);
}

// After a syntax error the parser goes on with the next declaration, so one run
// reports every syntax error of a file.
TEST(ParseRecoveryTest, ReportsEveryDeclarationsSyntaxError) {
  Session s;
  auto tree = s.parse(
      "area a \"A\" {\n  indicator x \"X\" {\n    targt >= 5\n  }\n}\n\n"
      "area b \"B\" {\n  indicator y \"Y\" {\n    target >= }\n}\n"
      "areal c \"C\" {}\n"
      "const ok = 1\n");
  EXPECT_FALSE(tree);
  ASSERT_EQ(s.sink.error_count(), 3u) << s.rendered();
  EXPECT_DIAGNOSTIC(
      s, "E0108",
      "expected an indicator property (unit, data, value, target, bands, higher is better, lower is "
      "better, cumulative, breakdown, breakdowns, gap, precision, weight, compare, description, "
      "owner, source, kolada) or '}'",
      "test.rules:3:5");
  EXPECT_DIAGNOSTIC(s, "E0116", "expected a number, 'previous' or a constant's name after the comparator",
                    "test.rules:9:15");
  EXPECT_DIAGNOSTIC(s, "E0101",
                    "expected 'area', 'check', 'const', 'profile' or 'test' at the top level of a rule file",
                    "test.rules:11:1");
}

TEST(ParseRecoveryTest, DeclarationsAroundAnErrorAreStillRead) {
  Session s;
  // The tree is withheld after an error, but the error after a good declaration is
  // located in the right place even though parsing restarted in the middle of the file.
  auto tree = s.parse("const a = 1\n\nconst b = \n\nconst c = 3\n");
  EXPECT_FALSE(tree);
  ASSERT_EQ(s.sink.error_count(), 1u) << s.rendered();
  EXPECT_DIAGNOSTIC(s, "E0146", "expected a number", "test.rules:5:1");
}

}  // namespace
}  // namespace attain
