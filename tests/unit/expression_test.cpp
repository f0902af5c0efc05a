// Expressions in the rule language and derived indicators ('value EXPR'): parsing
// (precedence, associativity, parentheses, unary minus, literals, references, patterns,
// functions, names) and the syntax errors E0126-E0132; the checker's unit inference and
// errors E0220-E0230; evaluation (exact arithmetic, rounding of divisions and shares,
// division by zero, the missing-data rules of operators and aggregates), verdicts, trends
// and inputs of derived indicators, and how commentary and JSON show them.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "attain/check.hpp"
#include "attain/commentary.hpp"
#include "attain/evaluate.hpp"
#include "attain/parse.hpp"
#include "attain/render.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

using test::one_indicator;
using test::Session;
using test::small_dataset;
using test::SyntaxError;

Decimal dec(std::int64_t units, int scale) {
  return Decimal::from_units(units, scale);
}

// An expression tree in prefix form: "(+ 1 (* 2 3))", "(neg t.r)", "sum(t.* except s)".
std::string show(const ast::Expr& e) {
  using K = ast::Expr::Kind;
  const auto binary = [&](const char* op) {
    return std::string("(") + op + " " + show(*e.operands.at(0)) + " " + show(*e.operands.at(1)) + ")";
  };
  switch (e.kind) {
    case K::number:
      return e.number.to_string();
    case K::reference:
      return e.reference.to_string();
    case K::name:
      return "name:" + e.name.text;
    case K::negate:
      return "(neg " + show(*e.operands.at(0)) + ")";
    case K::add:
      return binary("+");
    case K::subtract:
      return binary("-");
    case K::multiply:
      return binary("*");
    case K::divide:
      return binary("/");
    case K::call: {
      std::string out = std::string(ast::to_string(e.function)) + "(";
      for (std::size_t i = 0; i < e.operands.size(); ++i) out += (i ? ", " : "") + show(*e.operands[i]);
      return out + ")";
    }
  }
  return "?";
}

// One indicator `x` whose third line is "    value EXPR": the expression starts at 3:11.
struct Parsed {
  explicit Parsed(std::string_view expression) {
    tree = s.parse(one_indicator("    value " + std::string(expression) + "\n"));
  }
  const ast::Expr& expr() const { return *tree.value().indicators.at(0).values.at(0).value; }
  std::string text(Span span) const { return std::string(s.sources.file(0).slice(span)); }
  std::string where(Span span) const { return s.sources.location(span); }
  Session s;
  std::optional<ast::RuleFile> tree;
};

std::string parsed(std::string_view expression) {
  Parsed p(expression);
  EXPECT_TRUE(p.tree) << p.s.rendered();
  return p.tree ? show(p.expr()) : "(syntax error)";
}

// --- Parsing ---------------------------------------------------------------------------------

TEST(ExprParseTest, MultiplicationBindsTighterThanAddition) {
  EXPECT_EQ(parsed("1 + 2 * 3"), "(+ 1 (* 2 3))");
  EXPECT_EQ(parsed("1 * 2 + 3"), "(+ (* 1 2) 3)");
  EXPECT_EQ(parsed("1 - 6 / 3"), "(- 1 (/ 6 3))");
  EXPECT_EQ(parsed("1 + 2 * 3 - 4 / 5"), "(- (+ 1 (* 2 3)) (/ 4 5))");
}

TEST(ExprParseTest, OperatorsOfOneLevelAssociateToTheLeft) {
  EXPECT_EQ(parsed("10 - 3 - 2"), "(- (- 10 3) 2)");
  EXPECT_EQ(parsed("8 / 4 / 2"), "(/ (/ 8 4) 2)");
  EXPECT_EQ(parsed("6 / 2 * 3"), "(* (/ 6 2) 3)");
  EXPECT_EQ(parsed("1 - 2 + 3"), "(+ (- 1 2) 3)");
}

TEST(ExprParseTest, ParenthesesGroup) {
  EXPECT_EQ(parsed("(1 + 2) * 3"), "(* (+ 1 2) 3)");
  EXPECT_EQ(parsed("10 - (3 - 2)"), "(- 10 (- 3 2))");
  EXPECT_EQ(parsed("((4))"), "4");
  EXPECT_EQ(parsed("( 1+2 )*( 3 )"), "(* (+ 1 2) 3)");
}

TEST(ExprParseTest, UnaryMinus) {
  EXPECT_EQ(parsed("-2"), "(neg 2)");
  EXPECT_EQ(parsed("-2 * 3"), "(* (neg 2) 3)");
  EXPECT_EQ(parsed("-(1 + 2)"), "(neg (+ 1 2))");
  EXPECT_EQ(parsed("2 - -3"), "(- 2 (neg 3))");
  EXPECT_EQ(parsed("--t.r"), "(neg (neg t.r))");
  EXPECT_EQ(parsed("1 -2"), "(- 1 2)");
}

TEST(ExprParseTest, LiteralsWithDecimalCommaPointAndGrouping) {
  Parsed p("0,5 + 1.25 * 220_000");
  ASSERT_TRUE(p.tree) << p.s.rendered();
  const ast::Expr& e = p.expr();
  EXPECT_EQ(show(e), "(+ 0.5 (* 1.25 220000))");
  EXPECT_EQ(e.operands[0]->number.units(), 5);
  EXPECT_EQ(e.operands[0]->number.scale(), 1);
  EXPECT_EQ(e.operands[1]->operands[1]->number, Decimal::integer(220000));
  EXPECT_EQ(p.text(e.operands[0]->span), "0,5");
  EXPECT_EQ(p.where(e.operands[0]->span), "test.rules:3:11");
}

TEST(ExprParseTest, ADecimalCommaWinsOverTheArgumentSeparator) {
  // "1,2" is one number; arguments are separated by a comma and a space.
  EXPECT_EQ(parsed("sum(1,2)"), "sum(1.2)");
  EXPECT_EQ(parsed("sum(1, 2)"), "sum(1, 2)");
  EXPECT_EQ(parsed("max(t.a,2)"), "max(t.a, 2)");
}

TEST(ExprParseTest, ReferencesWithRowsChildrenAndColumns) {
  Parsed p("t.r + t.r.man@ar_2019");
  ASSERT_TRUE(p.tree) << p.s.rendered();
  const ast::Expr& e = p.expr();
  EXPECT_EQ(show(e), "(+ t.r t.r.man@ar_2019)");
  const ast::Reference& left = e.operands[0]->reference;
  ASSERT_EQ(left.path.size(), 2u);
  EXPECT_EQ(left.path[0].text, "t");
  EXPECT_EQ(left.path[1].text, "r");
  EXPECT_FALSE(left.column);
  EXPECT_FALSE(left.has_wildcard());
  const ast::Reference& right = e.operands[1]->reference;
  ASSERT_EQ(right.path.size(), 3u);
  EXPECT_EQ(right.path[2].text, "man");
  ASSERT_TRUE(right.column);
  EXPECT_EQ(right.column->text, "ar_2019");
  EXPECT_EQ(p.where(right.column->span), "test.rules:3:25");
  EXPECT_EQ(p.text(right.span), "t.r.man@ar_2019");
  EXPECT_EQ(p.where(right.span), "test.rules:3:17");
  EXPECT_EQ(e.operands[1]->kind, ast::Expr::Kind::reference);
}

TEST(ExprParseTest, PatternsWithWildcardsAndExcept) {
  EXPECT_EQ(parsed("sum(t.*)"), "sum(t.*)");
  EXPECT_EQ(parsed("sum(t.* except summa)"), "sum(t.* except summa)");
  EXPECT_EQ(parsed("sum(t.* except (a, b))"), "sum(t.* except (a, b))");
  EXPECT_EQ(parsed("sum(t.* except (a))"), "sum(t.* except a)");
  EXPECT_EQ(parsed("max(t.r.*)"), "max(t.r.*)");
  EXPECT_EQ(parsed("min(t.*.man)"), "min(t.*.man)");
  EXPECT_EQ(parsed("avg(t.*@malvarde except s)"), "avg(t.*@malvarde except s)");
}

TEST(ExprParseTest, ExceptNamesAndSpans) {
  Parsed p("sum(t.* except (summa, total))");
  ASSERT_TRUE(p.tree) << p.s.rendered();
  const ast::Expr& arg = *p.expr().operands.at(0);
  ASSERT_EQ(arg.kind, ast::Expr::Kind::reference);
  const ast::Reference& ref = arg.reference;
  EXPECT_TRUE(ref.has_wildcard());
  ASSERT_EQ(ref.path.size(), 2u);
  EXPECT_EQ(ref.path[1].text, "*");
  ASSERT_EQ(ref.except.size(), 2u);
  EXPECT_EQ(ref.except[0].text, "summa");
  EXPECT_EQ(ref.except[1].text, "total");
  EXPECT_EQ(p.where(ref.except[0].span), "test.rules:3:27");
  EXPECT_EQ(p.where(ref.except[1].span), "test.rules:3:34");
  EXPECT_EQ(p.text(arg.span), "t.*");  // the pattern, without its except clause
}

TEST(ExprParseTest, EveryFunction) {
  const std::vector<std::pair<std::string, ast::Function>> functions = {
      {"sum", ast::Function::sum}, {"min", ast::Function::min},     {"max", ast::Function::max},
      {"avg", ast::Function::avg}, {"count", ast::Function::count}, {"share", ast::Function::share},
  };
  for (const auto& [name, function] : functions) {
    Parsed p(name + "(t.a, t.b)");
    ASSERT_TRUE(p.tree) << name << "\n" << p.s.rendered();
    EXPECT_EQ(p.expr().kind, ast::Expr::Kind::call) << name;
    EXPECT_EQ(p.expr().function, function) << name;
    EXPECT_EQ(p.expr().operands.size(), 2u) << name;
    EXPECT_EQ(ast::to_string(function), name);
    EXPECT_EQ(p.where(p.expr().span), "test.rules:3:11");
  }
  EXPECT_EQ(parsed("share(sum(t.a, 1), (2 + 3) * 4)"), "share(sum(t.a, 1), (* (+ 2 3) 4))");
  EXPECT_EQ(parsed("count(t.*)"), "count(t.*)");
}

TEST(ExprParseTest, IndicatorNames) {
  Parsed p("andel_a + b2 * 100");
  ASSERT_TRUE(p.tree) << p.s.rendered();
  EXPECT_EQ(show(p.expr()), "(+ name:andel_a (* name:b2 100))");
  const ast::Expr& a = *p.expr().operands[0];
  EXPECT_EQ(a.kind, ast::Expr::Kind::name);
  EXPECT_EQ(p.where(a.name.span), "test.rules:3:11");
  EXPECT_EQ(p.text(a.name.span), "andel_a");
  // A function name without '(' and a word merely starting with one are names.
  EXPECT_EQ(parsed("sum + 1"), "(+ name:sum 1)");
  EXPECT_EQ(parsed("summa"), "name:summa");
  EXPECT_EQ(parsed("counter * 2"), "(* name:counter 2)");
}

TEST(ExprParseTest, BinarySpansCoverBothOperands) {
  Parsed p("1 + 2 * t.r");
  ASSERT_TRUE(p.tree) << p.s.rendered();
  EXPECT_EQ(p.text(p.expr().span), "1 + 2 * t.r");
  EXPECT_EQ(p.text(p.expr().operands[1]->span), "2 * t.r");
  EXPECT_EQ(p.where(p.expr().operands[1]->span), "test.rules:3:15");
}

TEST(ExprParseTest, ValuePropertyIsKeptWithItsSpan) {
  Session s;
  auto tree = s.parse(one_indicator("    unit percent\n    value share(t.a, t.b)\n    target >= 5\n"));
  ASSERT_TRUE(tree) << s.rendered();
  const ast::Indicator& x = tree->indicators.at(0);
  ASSERT_EQ(x.values.size(), 1u);
  EXPECT_TRUE(x.data.empty());
  EXPECT_EQ(s.sources.location(x.values[0].span), "test.rules:4:5");
  EXPECT_EQ(show(*x.values[0].value), "share(t.a, t.b)");
  EXPECT_EQ(x.targets.size(), 1u);
}

TEST(ExprParseTest, ChecksAreLoweredAtTheTopLevel) {
  Session s;
  auto tree = s.parse(
      "check c \"Kontroll \\\"K\\\"\" {\n"
      "  expect sum(t.* except s) = t.s\n"
      "  columns ar_2019, mars_2020\n"
      "  tolerance 0,5 tkr\n"
      "}\n"
      "area a \"A\" {}\n"
      "check d \"D\" { expect t.a \xE2\x89\xA5 -1 expect t.b < 2 }\n");
  ASSERT_TRUE(tree) << s.rendered();
  ASSERT_EQ(tree->checks.size(), 2u);
  EXPECT_EQ(tree->groups.size(), 1u);
  const ast::Check& c = tree->checks[0];
  EXPECT_EQ(c.id.text, "c");
  EXPECT_EQ(c.name, "Kontroll \"K\"");
  EXPECT_EQ(s.sources.location(c.span), "test.rules:1:1");
  ASSERT_EQ(c.expects.size(), 1u);
  EXPECT_EQ(s.sources.location(c.expects[0].span), "test.rules:2:3");
  EXPECT_EQ(show(*c.expects[0].value.left), "sum(t.* except s)");
  EXPECT_EQ(c.expects[0].value.comparator, ast::Comparator::eq);
  EXPECT_EQ(show(*c.expects[0].value.right), "t.s");
  ASSERT_EQ(c.columns.size(), 1u);
  ASSERT_EQ(c.columns[0].value.size(), 2u);
  EXPECT_EQ(c.columns[0].value[0].text, "ar_2019");
  EXPECT_EQ(c.columns[0].value[1].text, "mars_2020");
  EXPECT_EQ(s.sources.location(c.columns[0].value[1].span), "test.rules:3:20");
  ASSERT_EQ(c.tolerance.size(), 1u);
  EXPECT_EQ(c.tolerance[0].value, dec(5, 1));
  const ast::Check& d = tree->checks[1];
  ASSERT_EQ(d.expects.size(), 2u);  // kept for the checker to report
  EXPECT_EQ(d.expects[0].value.comparator, ast::Comparator::ge);
  EXPECT_EQ(show(*d.expects[0].value.right), "(neg 1)");
  EXPECT_EQ(d.expects[1].value.comparator, ast::Comparator::lt);
}

TEST(ExprParseTest, EveryComparatorInAnExpectation) {
  const std::vector<std::pair<std::string, ast::Comparator>> comparators = {
      {"=", ast::Comparator::eq},
      {"<=", ast::Comparator::le},
      {">=", ast::Comparator::ge},
      {"<", ast::Comparator::lt},
      {">", ast::Comparator::gt},
      {"\xE2\x89\xA4", ast::Comparator::le},
      {"\xE2\x89\xA5", ast::Comparator::ge},
  };
  for (const auto& [text, comparator] : comparators) {
    Session s;
    auto tree = s.parse("check c \"C\" { expect 1 " + text + " 2 }\n");
    ASSERT_TRUE(tree) << text << "\n" << s.rendered();
    EXPECT_EQ(tree->checks.at(0).expects.at(0).value.comparator, comparator) << text;
  }
}

// --- Syntax errors ---------------------------------------------------------------------------

// Parses `text`, expects it to fail with exactly one diagnostic, and keeps it.

// An indicator whose third line is "    value " + `expression`.
std::string with_value(std::string_view expression) {
  return one_indicator("    value " + std::string(expression) + "\n");
}

// A check whose second line is "  " + `line`.
std::string check_with(std::string_view line) {
  return "check c \"C\" {\n  " + std::string(line) + "\n}\n";
}

const char* const e0126 = "expected an expression such as 42, table.row, an indicator id, sum(...) or (...)";
const std::vector<std::string> no_help;

TEST(ExprSyntaxErrorTest, E0126NothingAfterValue) {
  SyntaxError e(one_indicator("    value\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0126", e0126, "test.rules:4:3");
  EXPECT_EQ(e.found(), "}");
  EXPECT_EQ(e.helps(), no_help);
}

TEST(ExprSyntaxErrorTest, E0126NothingAfterAnOperator) {
  SyntaxError e(with_value("1 +"));
  EXPECT_DIAGNOSTIC(e.s, "E0126", e0126, "test.rules:4:3");
}

TEST(ExprSyntaxErrorTest, E0126TwoOperatorsInARow) {
  SyntaxError e(with_value("1 * / 2"));
  EXPECT_DIAGNOSTIC(e.s, "E0126", e0126, "test.rules:3:15");
  EXPECT_EQ(e.found(), "/");
  SyntaxError plus(with_value("1 +* 2"));
  EXPECT_DIAGNOSTIC(plus.s, "E0126", e0126, "test.rules:3:14");
}

TEST(ExprSyntaxErrorTest, E0126EmptyOrMissingArgument) {
  SyntaxError empty(with_value("sum()"));
  EXPECT_DIAGNOSTIC(empty.s, "E0126", e0126, "test.rules:3:15");
  SyntaxError missing(with_value("sum(1, )"));
  EXPECT_DIAGNOSTIC(missing.s, "E0126", e0126, "test.rules:3:18");
  SyntaxError minus(with_value("- )"));
  EXPECT_DIAGNOSTIC(minus.s, "E0126", e0126, "test.rules:3:13");
}

TEST(ExprSyntaxErrorTest, E0126InAnExpectation) {
  SyntaxError left(check_with("expect = 1"));
  EXPECT_DIAGNOSTIC(left.s, "E0126", e0126, "test.rules:2:10");
  SyntaxError right(check_with("expect t.a ="));
  EXPECT_DIAGNOSTIC(right.s, "E0126", e0126, "test.rules:3:1");
  SyntaxError doubled(check_with("expect t.a == t.b"));
  EXPECT_DIAGNOSTIC(doubled.s, "E0126", e0126, "test.rules:2:15");
}

TEST(ExprSyntaxErrorTest, E0127UnclosedParenthesis) {
  SyntaxError e(with_value("(1 + 2"));
  EXPECT_DIAGNOSTIC(e.s, "E0127", "expected ')'", "test.rules:4:3");
  EXPECT_EQ(e.helps(), no_help);
  SyntaxError bracket(with_value("(1 + 2]"));
  EXPECT_DIAGNOSTIC(bracket.s, "E0127", "expected ')'", "test.rules:3:17");
  EXPECT_EQ(bracket.found(), "]");
}

TEST(ExprSyntaxErrorTest, E0127UnclosedCallAndExceptList) {
  SyntaxError call(with_value("share(t.a, t.b"));
  EXPECT_DIAGNOSTIC(call.s, "E0127", "expected ')'", "test.rules:4:3");
  SyntaxError except(with_value("sum(t.* except (a, b) 1"));
  EXPECT_DIAGNOSTIC(except.s, "E0127", "expected ')'", "test.rules:3:33");
  SyntaxError list(with_value("sum(t.* except (a, b"));
  EXPECT_DIAGNOSTIC(list.s, "E0127", "expected ')'", "test.rules:4:3");
}

TEST(ExprSyntaxErrorTest, E0128NothingAfterADot) {
  SyntaxError e(with_value("t."));
  EXPECT_DIAGNOSTIC(e.s, "E0128", "expected a row name or * after '.'", "test.rules:3:13");
  SyntaxError digit(with_value("sum(t.5)"));
  EXPECT_DIAGNOSTIC(digit.s, "E0128", "expected a row name or * after '.'", "test.rules:3:17");
  EXPECT_EQ(digit.found(), "5");
  SyntaxError at(with_value("t.r.@c"));
  EXPECT_DIAGNOSTIC(at.s, "E0128", "expected a row name or * after '.'", "test.rules:3:15");
}

TEST(ExprSyntaxErrorTest, E0114NothingAfterTheAtInAnExpression) {
  SyntaxError e(with_value("t.r@ + 1"));
  EXPECT_DIAGNOSTIC(e.s, "E0114", "expected a column name after '@'", "test.rules:3:15");
}

TEST(ExprSyntaxErrorTest, E0129NothingToLeaveOut) {
  SyntaxError e(with_value("sum(t.* except )"));
  EXPECT_DIAGNOSTIC(e.s, "E0129", "expected a row name to leave out", "test.rules:3:26");
  EXPECT_EQ(e.helps(), no_help);
  SyntaxError after_comma(with_value("sum(t.* except (a, ))"));
  EXPECT_DIAGNOSTIC(after_comma.s, "E0129", "expected a row name to leave out", "test.rules:3:30");
  SyntaxError empty_list(with_value("sum(t.* except ())"));
  EXPECT_DIAGNOSTIC(empty_list.s, "E0129", "expected a row name to leave out", "test.rules:3:27");
  SyntaxError number(with_value("sum(t.* except 5)"));
  EXPECT_DIAGNOSTIC(number.s, "E0129", "expected a row name to leave out", "test.rules:3:26");
}

TEST(ExprSyntaxErrorTest, E0130ExpectationWithoutAComparator) {
  SyntaxError e(check_with("expect t.a t.b"));
  EXPECT_DIAGNOSTIC(e.s, "E0130", "expected a comparator such as =, <= or >=", "test.rules:2:14");
  EXPECT_EQ(e.found(), "t");
  SyntaxError end(check_with("expect t.a"));
  EXPECT_DIAGNOSTIC(end.s, "E0130", "expected a comparator such as =, <= or >=", "test.rules:3:1");
}

const char* const e0131 = "expected a check property (expect, columns, tolerance) or '}'";

TEST(ExprSyntaxErrorTest, E0131MisspelledCheckProperty) {
  SyntaxError e(check_with("expekt t.a = t.b"));
  EXPECT_DIAGNOSTIC(e.s, "E0131", e0131, "test.rules:2:3");
  EXPECT_EQ(e.helps(), std::vector<std::string>{"did you mean 'expect'?"});
  EXPECT_EQ(e.found(), "expekt");
  SyntaxError tolerance(check_with("expect t.a = t.b tolerans 1"));
  EXPECT_DIAGNOSTIC(tolerance.s, "E0131", e0131, "test.rules:2:20");
  EXPECT_EQ(tolerance.helps(), std::vector<std::string>{"did you mean 'tolerance'?"});
  SyntaxError columns(check_with("colums a"));
  EXPECT_EQ(columns.helps(), std::vector<std::string>{"did you mean 'columns'?"});
}

TEST(ExprSyntaxErrorTest, E0131OtherWordsAndEndOfFile) {
  SyntaxError target(check_with("target >= 1"));
  EXPECT_DIAGNOSTIC(target.s, "E0131", e0131, "test.rules:2:3");
  EXPECT_EQ(target.helps(), no_help);
  SyntaxError twice(check_with("expect t.a = t.b tolerance 1 tkr tkr"));
  EXPECT_DIAGNOSTIC(twice.s, "E0131", e0131, "test.rules:2:36");
  SyntaxError end("check c \"C\" {\n  expect 1 = 1\n");
  EXPECT_DIAGNOSTIC(end.s, "E0131", e0131, "test.rules:3:1");
  EXPECT_EQ(test::notes(end.d()), std::vector<std::string>{"the file ends here"});
}

TEST(ExprSyntaxErrorTest, E0132ToleranceWithoutAnAmount) {
  const char* const message = "expected an amount such as 1 or 0,5";
  SyntaxError e(check_with("expect t.a = t.b tolerance"));
  EXPECT_DIAGNOSTIC(e.s, "E0132", message, "test.rules:3:1");
  SyntaxError negative(check_with("expect t.a = t.b tolerance -1"));
  EXPECT_DIAGNOSTIC(negative.s, "E0132", message, "test.rules:2:30");
  EXPECT_EQ(negative.found(), "-");
  SyntaxError comma(check_with("tolerance ,"));
  EXPECT_DIAGNOSTIC(comma.s, "E0132", message, "test.rules:2:13");
}

TEST(ExprSyntaxErrorTest, E0101SuggestsCheck) {
  SyntaxError e("chek c \"C\" {}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0101",
                    "expected 'area', 'check', 'const', 'profile' or 'test' at the top level of a rule file",
                    "test.rules:1:1");
  EXPECT_EQ(e.helps(), std::vector<std::string>{"did you mean 'check'?"});
}

TEST(ExprSyntaxErrorTest, E0102CheckWithoutId) {
  SyntaxError e("check \"C\" {}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0102", "expected an id (letters, digits and _, not starting with a digit)",
                    "test.rules:1:7");
}

// --- Checking: units and errors ---------------------------------------------------------------

// Checks rule text expected to be wrong; every parse succeeds.
struct CheckErrors {
  explicit CheckErrors(std::string text) {
    auto tree = parse_rules(s.add("test.rules", std::move(text)), s.sink);
    EXPECT_TRUE(tree) << s.rendered();
    EXPECT_FALSE(s.sink.has_errors()) << s.rendered();
    if (tree) rules = check_rules({*tree}, s.sink);
  }
  std::vector<std::string> helps(std::string_view code) const {
    const Diagnostic* d = s.find(code);
    return d ? test::helps(*d) : std::vector<std::string>{"(no " + std::string(code) + ")"};
  }
  std::vector<std::string> notes(std::string_view code) const {
    const Diagnostic* d = s.find(code);
    return d ? test::notes(*d) : std::vector<std::string>{"(no " + std::string(code) + ")"};
  }
  Session s;
  RuleSet rules;
};

// Two indicators with units to combine: p (percent), k (tkr), n (no unit), c (count).
std::string units_area(std::string_view more) {
  return "area a \"A\" {\n"                                 // 1
         "  indicator p \"P\" { unit percent data t.p }\n"  // 2
         "  indicator k \"K\" { unit tkr data t.k }\n"      // 3
         "  indicator n \"N\" { data t.n }\n"               // 4
         "  indicator c \"C\" { unit count data t.c }\n" +  // 5
         std::string(more) +
         "}\n";  // 6...
}

const char* const e0220_help =
    "both sides of + , - and comparisons must have the same unit; use share(a, b) for a percentage";

TEST(ExprCheckTest, E0220AddingDifferentUnits) {
  CheckErrors e(units_area("  indicator x \"X\" { value p + k }\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0220", "cannot add percent and tkr", "test.rules:6:27");
  EXPECT_EQ(e.helps("E0220"), std::vector<std::string>{e0220_help});
  EXPECT_EQ(e.s.sink.error_count(), 1u) << e.s.rendered();
}

TEST(ExprCheckTest, E0220SubtractingDifferentUnits) {
  CheckErrors e(units_area("  indicator x \"X\" { value 1 + (k - c) }\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0220", "cannot subtract tkr and count", "test.rules:6:32");
}

TEST(ExprCheckTest, E0220UnitlessIndicatorIsAUnitToo) {
  // An indicator without 'unit' is a plain number: adding it to tkr is a mistake,
  // while a literal adapts to the other side.
  CheckErrors e(units_area("  indicator x \"X\" { value n + k }\n  indicator y \"Y\" { value 5 + k - 1 }\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0220", "cannot add number and tkr", "test.rules:6:27");
  EXPECT_EQ(e.s.sink.error_count(), 1u) << e.s.rendered();
}

TEST(ExprCheckTest, E0220MultiplyingTwoQuantities) {
  CheckErrors e(units_area("  indicator x \"X\" { value k * p }\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0220", "cannot multiply tkr by percent", "test.rules:6:27");
  EXPECT_EQ(e.helps("E0220"), std::vector<std::string>{
                                  "multiply a quantity by a plain number; divide quantities to get a ratio"});
}

TEST(ExprCheckTest, E0220InsideAnAggregate) {
  CheckErrors e(units_area("  indicator x \"X\" { value sum(p, 1, k) }\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0220", "cannot combine percent and tkr", "test.rules:6:37");
}

TEST(ExprCheckTest, E0220ComparingDifferentUnitsInACheck) {
  CheckErrors e(units_area("") + "check cmp \"Cmp\" {\n  expect p = k * 2\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0220", "cannot compare percent and tkr", "test.rules:8:14");
  EXPECT_EQ(e.helps("E0220"), std::vector<std::string>{e0220_help});
}

TEST(ExprCheckTest, SameUnitsAndPlainNumbersAreFine) {
  CheckErrors e(units_area("  indicator x \"X\" { value p - p * 2 + 1 }\n"
                           "  indicator y \"Y\" { value k / k * p }\n"
                           "  indicator z \"Z\" { value -k / 2 + sum(k, k) }\n") +
                "check ok \"Ok\" { expect k = 1 + t.k * 3 }\n");
  EXPECT_FALSE(e.s.sink.has_errors()) << e.s.rendered();
}

TEST(ExprCheckTest, UnitsAreInferredWhenNotDeclared) {
  CheckErrors e(
      units_area("  indicator s \"S\" { value share(t.a, t.b) }\n"  // 6
                 "  indicator pp \"PP\" { value p + 1 }\n"          // 7
                 "  indicator kk \"KK\" { value 2 * k }\n"          // 8
                 "  indicator kh \"KH\" { value k / 2 }\n"          // 9
                 "  indicator ratio \"Ratio\" { value k / k }\n"    // 10
                 "  indicator cnt \"Cnt\" { value count(t.*) }\n"   // 11
                 "  indicator mx \"Mx\" { value max(p, 3) }\n"      // 12
                 "  indicator neg \"Neg\" { value -k }\n"           // 13
                 "  indicator plain \"Plain\" { value t.a + 1 }\n"  // 14
                 "  indicator declared \"Declared\" { unit days value t.a }\n"));
  EXPECT_FALSE(e.s.sink.has_errors()) << e.s.rendered();
  const std::vector<std::pair<std::string, Unit>> expected = {
      {"s", Unit::percent},    {"pp", Unit::percent},    {"kk", Unit::tkr},     {"kh", Unit::tkr},
      {"ratio", Unit::number}, {"cnt", Unit::count},     {"mx", Unit::percent}, {"neg", Unit::tkr},
      {"plain", Unit::number}, {"declared", Unit::days},
  };
  for (const auto& [id, unit] : expected) {
    const std::optional<Indicator> ind = e.rules.indicator(id);
    ASSERT_TRUE(ind) << id;
    EXPECT_EQ(to_string(ind->unit), to_string(unit)) << id;
    EXPECT_TRUE(ind->value) << id;
    EXPECT_TRUE(ind->data.path.empty()) << id;
  }
}

// Regression: units were inferred in declaration order, so 'd2' (declared before the
// 'd1' it uses) became 'number' where 'd4' became 'percent'.
TEST(ExprCheckTest, UnitInferenceDoesNotDependOnDeclarationOrder) {
  CheckErrors e(
      "area a \"A\" {\n"
      "  indicator d2 \"D2\" { value d1 * 2 }\n"
      "  indicator d1 \"D1\" { value share(t.a, t.b) }\n"
      "  indicator d4 \"D4\" { value d1 * 2 }\n"
      "}\n");
  EXPECT_FALSE(e.s.sink.has_errors()) << e.s.rendered();
  ASSERT_TRUE(e.rules.indicator("d2"));
  EXPECT_EQ(to_string(e.rules.indicator("d4")->unit), "percent");
  EXPECT_EQ(to_string(e.rules.indicator("d2")->unit), "percent");
}

// Regression: the same ordering problem named the wrong unit in E0220 ("number").
TEST(ExprCheckTest, E0220NamesTheInferredUnitOfALaterIndicator) {
  CheckErrors e(
      "area a \"A\" {\n"
      "  indicator k \"K\" { unit tkr data t.a }\n"
      "  indicator d2 \"D2\" { value d1 + k }\n"
      "  indicator d1 \"D1\" { value share(t.a, t.b) }\n"
      "}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0220", "cannot add percent and tkr", "test.rules:3:29");
}

TEST(ExprCheckTest, E0221UnknownIndicatorWithDidYouMean) {
  CheckErrors e(units_area("  indicator x \"X\" { value pp + 1 }\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0221", "unknown indicator or constant 'pp'", "test.rules:6:27");
  EXPECT_EQ(e.helps("E0221"), std::vector<std::string>{"did you mean 'p'?"});
}

TEST(ExprCheckTest, E0221UnknownIndicatorWithoutACloseMatch) {
  CheckErrors e(units_area("  indicator x \"X\" { value 1 + zzzzzz }\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0221", "unknown indicator or constant 'zzzzzz'", "test.rules:6:31");
  EXPECT_EQ(e.helps("E0221"),
            std::vector<std::string>{
                "a name in an expression is an indicator id; dataset references are written table.row"});
}

TEST(ExprCheckTest, E0221InACheckAndInAFunctionName) {
  // 'summ' is no function: it is taken as an indicator id.
  CheckErrors e(units_area("") + "check c \"C\" {\n  expect kk = summ\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0221", "unknown indicator or constant 'kk'", "test.rules:8:10");
  EXPECT_DIAGNOSTIC(e.s, "E0221", "unknown indicator or constant 'summ'", "test.rules:8:15");
  EXPECT_EQ(e.s.count("E0221"), 2u);
}

TEST(ExprCheckTest, E0221NamesAcrossFilesAreKnown) {
  Session s;
  auto rules = s.check({{"a.rules", "area a \"A\" {\n  indicator x \"X\" { value y + 1 }\n}\n"},
                        {"b.rules", "area b \"B\" {\n  indicator y \"Y\" { unit tkr data t.y }\n}\n"}});
  ASSERT_TRUE(rules) << s.rendered();
  EXPECT_EQ(to_string(rules->indicator("x")->unit), "tkr");
}

TEST(ExprCheckTest, E0222DerivedUnitDiffersFromTheDeclaredUnit) {
  CheckErrors e(units_area("  indicator x \"X\" { unit count value k * 2 }\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0222", "the value of 'x' is in tkr but the indicator's unit is count",
                    "test.rules:6:38");
  EXPECT_EQ(e.helps("E0222"), std::vector<std::string>{"change the unit to 'tkr' or the expression"});
  EXPECT_EQ(to_string(e.rules.indicator("x")->unit), "count");
}

TEST(ExprCheckTest, E0222NotForAMatchingOrUnknownUnit) {
  CheckErrors e(
      units_area("  indicator x \"X\" { unit percent value share(t.a, t.b) }\n"
                 "  indicator y \"Y\" { unit tkr value t.a - t.b }\n"));
  EXPECT_FALSE(e.s.sink.has_errors()) << e.s.rendered();
}

TEST(ExprCheckTest, E0223LiteralDivisionByZero) {
  CheckErrors e(
      units_area("  indicator x \"X\" { value t.a / 0 }\n  indicator y \"Y\" { value 1 / (0,00) }\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0223", "division by zero", "test.rules:6:33");
  EXPECT_DIAGNOSTIC(e.s, "E0223", "division by zero", "test.rules:7:32");
  EXPECT_EQ(e.s.count("E0223"), 2u);
  EXPECT_TRUE(e.s.find("E0223")->notes.empty());
}

TEST(ExprCheckTest, E0223InACheck) {
  CheckErrors e("check c \"C\" {\n  expect t.a = t.b / 0\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0223", "division by zero", "test.rules:2:22");
}

TEST(ExprCheckTest, E0224ReferenceCycleNamesItsPath) {
  CheckErrors e(
      "area a \"A\" {\n"
      "  indicator c1 \"C1\" { value c2 }\n"
      "  indicator c2 \"C2\" { value c3 + 1 }\n"
      "  indicator c3 \"C3\" { value c1 * 2 }\n"
      "}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0224", "reference cycle: c1 \xE2\x86\x92 c2 \xE2\x86\x92 c3 \xE2\x86\x92 c1",
                    "test.rules:2:29");
  EXPECT_EQ(e.helps("E0224"),
            std::vector<std::string>{"an indicator cannot depend on itself, directly or through others"});
  EXPECT_EQ(e.s.count("E0224"), 1u) << e.s.rendered();
}

TEST(ExprCheckTest, E0224IndicatorUsingItself) {
  CheckErrors e(one_indicator("    value x + 1\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0224", "reference cycle: x \xE2\x86\x92 x", "test.rules:3:11");
}

TEST(ExprCheckTest, E0224CycleReachedFromOutside) {
  CheckErrors e(
      "area a \"A\" {\n"
      "  indicator top \"Top\" { value c1 }\n"
      "  indicator c1 \"C1\" { value c2 }\n"
      "  indicator c2 \"C2\" { value c1 }\n"
      "}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0224", "reference cycle: c1 \xE2\x86\x92 c2 \xE2\x86\x92 c1", "test.rules:3:29");
  EXPECT_EQ(e.s.count("E0224"), 1u) << e.s.rendered();
}

TEST(ExprCheckTest, DerivedOrderPutsEveryIndicatorAfterThoseItUses) {
  Session s;
  auto rules = s.check(
      "area omr \"A\" {\n"
      "  indicator c \"C\" { value b + a }\n"
      "  indicator b \"B\" { value a * 2 }\n"
      "  indicator a \"A\" { value d + 1 }\n"
      "  indicator d \"D\" { data t.d }\n"
      "}\n");
  ASSERT_TRUE(rules) << s.rendered();
  std::vector<std::string> order;
  for (std::size_t k : rules->derived_order) order.push_back(rules->indicator_of(rules->items[k]).id);
  EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "c"}));
}

TEST(ExprCheckTest, E0225WildcardOutsideAnAggregate) {
  CheckErrors e(one_indicator("    value t.* + 1\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0225", "'t.*' stands for several rows here", "test.rules:3:11");
  EXPECT_EQ(
      e.helps("E0225"),
      std::vector<std::string>{
          "a reference with '*' must be an argument of sum, min, max, avg or count on its own (in a data "
          "check it may also stand alone, once per row)"});
}

TEST(ExprCheckTest, E0225ShowsTheExceptClause) {
  CheckErrors e(one_indicator("    value -t.r.* except (a, b)\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0225", "'t.r.* except (a, b)' stands for several rows here", "test.rules:3:12");
}

TEST(ExprCheckTest, WildcardsInAggregatesAndChecksAreFine) {
  CheckErrors e(one_indicator("    value sum(t.*) - max(t.*.man except x) + count(t.*@c)\n") +
                "check c \"C\" {\n  expect t.*@a - t.*@b = t.*@c\n}\n");
  EXPECT_FALSE(e.s.sink.has_errors()) << e.s.rendered();
}

// Regression: a pattern passed the checker as an argument of share(), which takes one
// part and one whole; evaluation then gave the verdict 'error'.
TEST(ExprCheckTest, E0227WildcardAsAnArgumentOfShare) {
  CheckErrors e(one_indicator("    value share(t.*, t.s)\n"));
  ASSERT_NE(e.s.find("E0227"), nullptr) << e.s.rendered();
  EXPECT_EQ(e.s.where(*e.s.find("E0227")), "test.rules:3:11");
  EXPECT_EQ(e.s.sink.error_count(), 1u) << e.s.rendered();
}

// BUG (message): for a pattern argument E0227 says "share takes 2 arguments, the part
// and the whole; 2 given", which contradicts itself; it should say that a pattern
// stands for several rows.
TEST(ExprCheckTest, E0227ForAPatternDoesNotCountArguments) {
  CheckErrors e(one_indicator("    value share(t.*, t.s)\n"));
  ASSERT_NE(e.s.find("E0227"), nullptr) << e.s.rendered();
  EXPECT_EQ(e.s.find("E0227")->message.find("2 given"), std::string::npos) << e.s.find("E0227")->message;
}

// Regression (fixed): a pattern nested in arithmetic inside an aggregate, sum(t.* + 1), passes the
// checker (it counts as "inside an aggregate"), but the evaluator expands a pattern only
// when it is an argument by itself. Evaluation then fails without any diagnostic: the
// CLI prints "evaluate: 0 errors; no report written" and exits 2. (At 7369411 it
// failed with a misleading E0213 "unknown row '*' in dataset table 't'".)
TEST(ExprCheckTest, E0225WildcardInArithmeticInsideAnAggregate) {
  CheckErrors e(one_indicator("    value sum(t.* + 1)\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0225", "'t.*' stands for several rows here", "test.rules:3:15");
}

// The same, end to end: evaluation never fails without saying why.
TEST(ExprCheckTest, EvaluationNeverFailsSilently) {
  Session s;
  auto results =
      s.run(one_indicator("    value sum(t.* + 1)\n"), small_dataset("      r: {values: [1, 2, 3]}\n"));
  EXPECT_TRUE(results || s.sink.has_errors()) << "evaluation failed without a diagnostic";
}

TEST(ExprCheckTest, E0226ExceptWithoutWildcard) {
  CheckErrors e(one_indicator("    value sum(t.a except b)\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0226", "'except' only follows a reference with '*'", "test.rules:3:26");
  EXPECT_TRUE(e.s.find("E0226")->notes.empty());
}

TEST(ExprCheckTest, E0227ShareArity) {
  CheckErrors e(one_indicator("    value share(t.a) + share(1, 2, 3)\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0227", "share takes 2 arguments, the part and the whole; 1 given",
                    "test.rules:3:11");
  EXPECT_DIAGNOSTIC(e.s, "E0227", "share takes 2 arguments, the part and the whole; 3 given",
                    "test.rules:3:24");
  EXPECT_EQ(
      e.helps("E0227"),
      std::vector<std::string>{"write share(part, whole), which gives part / whole \xC3\x97 100 in percent"});
  // The result is still a percentage: no E0220 for adding the two.
  EXPECT_EQ(e.s.sink.error_count(), 2u) << e.s.rendered();
}

TEST(ExprCheckTest, E0227ShareWithADecimalCommaIsOneArgument) {
  CheckErrors e(one_indicator("    value share(1,3)\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0227", "share takes 2 arguments, the part and the whole; 1 given",
                    "test.rules:3:11");
}

// BUG (cosmetic): a call's span runs on over the whitespace and comment after its
// closing parenthesis, so the caret of E0227 underlines them too.
TEST(ExprCheckTest, CallSpanEndsAtItsClosingParenthesis) {
  CheckErrors e(one_indicator("    value share(t.a)   # comment\n"));
  const Diagnostic* d = e.s.find("E0227");
  ASSERT_NE(d, nullptr) << e.s.rendered();
  EXPECT_EQ(e.s.sources.file(0).slice(*d->span), "share(t.a)");
}

TEST(ExprCheckTest, E0228CheckWithoutExpect) {
  CheckErrors e("check nocheck \"No\" {\n  columns a, b\n  tolerance 1\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0228", "check 'nocheck' has no 'expect'", "test.rules:1:7");
  EXPECT_EQ(e.helps("E0228"),
            std::vector<std::string>{"add a line such as 'expect sum(table.* except summa) = table.summa'"});
  EXPECT_TRUE(e.rules.checks.empty());
}

TEST(ExprCheckTest, CheckPropertiesGivenTwice) {
  CheckErrors e(
      "check c \"C\" {\n"
      "  expect t.a = 1\n"
      "  columns x\n"
      "  tolerance 1\n"
      "  expect t.b = 2\n"
      "  columns y\n"
      "  tolerance 2\n"
      "}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0203", "'expect' is given more than once", "test.rules:5:3");
  EXPECT_DIAGNOSTIC(e.s, "E0203", "'columns' is given more than once", "test.rules:6:3");
  EXPECT_DIAGNOSTIC(e.s, "E0203", "'tolerance' is given more than once", "test.rules:7:3");
  EXPECT_EQ(test::notes(*e.s.find("E0203")), std::vector<std::string>{"first given here"});
  EXPECT_EQ(test::note_location(e.s, *e.s.find("E0203")), "test.rules:2:3");
}

TEST(ExprCheckTest, CheckIdsShareTheNamespace) {
  CheckErrors e("check x \"C\" { expect 1 = 1 }\narea a \"A\" {\n  indicator x \"X\" { data t.r }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0201", "duplicate id 'x': ids must be unique across the rule set",
                    "test.rules:3:13");
  EXPECT_EQ(test::note_location(e.s, *e.s.find("E0201")), "test.rules:1:7");
}

TEST(ExprCheckTest, E0229BothDataAndValue) {
  CheckErrors e(one_indicator("    data t.a\n    value 1\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0229", "indicator 'x' has both 'data' and 'value'", "test.rules:4:5");
  EXPECT_EQ(e.notes("E0229"), std::vector<std::string>{"'data' is given here"});
  EXPECT_EQ(test::note_location(e.s, *e.s.find("E0229")), "test.rules:3:5");
  EXPECT_EQ(e.helps("E0229"),
            std::vector<std::string>{
                "an indicator either reads a dataset row ('data') or computes its value ('value')"});
  EXPECT_EQ(e.s.count("E0205"), 0u);
}

TEST(ExprCheckTest, E0230BreakdownsOnADerivedIndicator) {
  CheckErrors e(one_indicator(
      "    value t.a * 2\n    breakdown m \"M\" data t.a.m\n    breakdown k \"K\" data t.a.k\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0230", "a derived indicator ('value') cannot have breakdowns", "test.rules:4:5");
  EXPECT_EQ(e.s.count("E0230"), 1u);
  EXPECT_TRUE(e.s.find("E0230")->notes.empty());
}

TEST(ExprCheckTest, E0203ValueGivenTwice) {
  CheckErrors e(one_indicator("    value 1\n    value 2\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0203", "'value' is given more than once", "test.rules:4:5");
}

// --- Evaluation ---------------------------------------------------------------------------------

// Rows of table `t` (columns 2019, Mars 2020, Målvärde), lines 14-25 of the dataset.
const char* const rows =
    "      a: {values: [\"0,1\", \"0,1\", null]}\n"  // 14
    "      b: {values: [\"0,2\", \"0,2\", null]}\n"  // 15
    "      two: {values: [2, 2, null]}\n"            // 16
    "      three: {values: [3, 3, null]}\n"          // 17
    "      zero: {values: [0, 0, null]}\n"           // 18
    "      iu: {values: [I.U., I.U., null]}\n"       // 19
    "      na: {values: [N/A, N/A, null]}\n"         // 20
    "      blank: {values: [null, null, null]}\n"    // 21
    "      txt: {values: [1, 1, Nollresultat]}\n"    // 22
    "      q: {values: [1, 1, Q3]}\n"                // 23
    "      u: {values: [10, 12, null]}\n"            // 24
    "      v: {values: [20, 20, null]}\n";           // 25

// Indicator `x` ("Mått") computing `expression`, with further `properties`.
struct Derived {
  explicit Derived(std::string_view expression, std::string_view properties = "") {
    results = s.run(one_indicator("    value " + std::string(expression) + "\n" + std::string(properties)),
                    small_dataset(rows));
    EXPECT_TRUE(results) << s.rendered();
  }
  const ItemResult& item() const { return results.value().items.at(0); }
  std::string sentence() const { return write_commentary(*results).items.at(0); }
  Session s;
  std::optional<Results> results;
};

// An absence by name (an if-chain, not a switch: other kinds may be added).
std::string absence_name(Absence a) {
  if (a == Absence::blank) return "blank";
  if (a == Absence::no_data) return "I.U.";
  if (a == Absence::not_applicable) return "N/A";
  if (a == Absence::pending) return "pending";
  return "absent:" + std::string(absence_marker(a));
}

// A derived value in short: "0.3", "I.U.", "N/A", "blank", "pending", "error".
std::string outcome_of(const ItemResult& r) {
  if (r.verdict == Verdict::error) return "error";
  if (!r.current) return "(no value)";
  const Value& v = r.current->value;
  return v.is_number() ? v.number.to_string() : absence_name(v.absence);
}

std::string value_of(std::string_view expression) {
  Derived d(expression);
  return d.results ? outcome_of(d.item()) : "(failed)";
}

TEST(ExprEvalTest, AdditionIsExact) {
  Derived d("t.a + t.b");
  ASSERT_TRUE(d.results);
  const Value& v = d.item().current->value;
  ASSERT_TRUE(v.is_number());
  EXPECT_EQ(v.number.units(), 3);
  EXPECT_EQ(v.number.scale(), 1);
  EXPECT_EQ(v.text, "0.3");
  EXPECT_EQ(value_of("0,1 + 0,2"), "0.3");
  EXPECT_EQ(value_of("0,1 + 0,2 - 0,3"), "0.0");
  EXPECT_EQ(value_of("1 - 0,25"), "0.75");
}

TEST(ExprEvalTest, ArithmeticFollowsPrecedence) {
  EXPECT_EQ(value_of("1 + 2 * 3"), "7");
  EXPECT_EQ(value_of("10 - 3 - 2"), "5");
  EXPECT_EQ(value_of("(1 + 2) * 3"), "9");
  EXPECT_EQ(value_of("-t.two * t.three"), "-6");
  EXPECT_EQ(value_of("2 - -3"), "5");
  EXPECT_EQ(value_of("0,5 * 0,5"), "0.25");
  EXPECT_EQ(value_of("t.u + t.v * 2"), "52");
}

TEST(ExprEvalTest, DivisionRoundsHalfAwayFromZeroToFourMoreDecimals) {
  EXPECT_EQ(value_of("2 / 3"), "0.6667");
  EXPECT_EQ(value_of("-2 / 3"), "-0.6667");
  EXPECT_EQ(value_of("1 / 32"), "0.0313");  // 0,03125
  EXPECT_EQ(value_of("-1 / 32"), "-0.0313");
  EXPECT_EQ(value_of("1 / 16"), "0.0625");
  EXPECT_EQ(value_of("0,1 / 3"), "0.03333");  // one decimal in, five out
  EXPECT_EQ(value_of("t.three / t.two"), "1.5");
  EXPECT_EQ(value_of("4,0 / 2"), "2");                   // trailing zeros are trimmed
  EXPECT_EQ(value_of("0,00000001 / 3"), "0.000000003");  // at most nine decimals
  EXPECT_EQ(value_of("0,12345678 / 7"), "0.017636683");
}

TEST(ExprEvalTest, ShareIsPartTimesHundredOverWhole) {
  EXPECT_EQ(value_of("share(1, 3)"), "33.3333");
  EXPECT_EQ(value_of("share(2, 3)"), "66.6667");
  EXPECT_EQ(value_of("share(1, 32)"), "3.125");
  EXPECT_EQ(value_of("share(t.a, t.b)"), "50");
  EXPECT_EQ(value_of("share(0,1, 3)"), "3.33333");
  EXPECT_EQ(value_of("share(134, 62240)"), "0.2153");
  EXPECT_EQ(value_of("share(-1, 3)"), "-33.3333");
}

TEST(ExprEvalTest, DivisionByZeroIsAnErrorVerdictNeverANumber) {
  Derived d("t.two / t.zero", "    target >= 1\n");
  ASSERT_TRUE(d.results);
  const ItemResult& r = d.item();
  EXPECT_EQ(r.verdict, Verdict::error);
  EXPECT_EQ(r.reason, "division by zero");
  ASSERT_TRUE(r.current);
  EXPECT_FALSE(r.current->value.is_number());
  EXPECT_FALSE(r.reference);
  EXPECT_FALSE(r.gap);
  EXPECT_EQ(r.inputs.size(), 2u);
  EXPECT_EQ(d.sentence(), "Mått: värdet kan inte beräknas (division med noll).");
  EXPECT_FALSE(d.s.sink.has_errors()) << d.s.rendered();
}

TEST(ExprEvalTest, ShareOfAZeroWholeIsAnError) {
  Derived d("share(t.two, t.zero)");
  ASSERT_TRUE(d.results);
  EXPECT_EQ(d.item().verdict, Verdict::error);
  EXPECT_EQ(d.item().reason, "division by zero");
  EXPECT_EQ(value_of("share(t.zero, t.two)"), "0");
}

TEST(ExprEvalTest, ErrorVerdictIsCountedAsSuch) {
  Derived d("1 + t.two / t.zero");
  ASSERT_TRUE(d.results);
  EXPECT_EQ(d.item().verdict, Verdict::error);
  EXPECT_EQ(write_commentary(*d.results).overall, "Totalt 1 m\xC3\xA5tt: 1 som inte kan ber\xC3\xA4knas.");
}

// --- Missing data ---------------------------------------------------------------------------------

struct Operand {
  const char* expression;
  const char* outcome;  // as outcome_of() says it alone
  int weight;           // error > I.U. (and text) > blank > pending > N/A; -1 for a number
};

const std::vector<Operand> operands = {
    {"t.two", "2", -1},
    {"t.iu", "I.U.", 3},
    {"t.na", "N/A", 0},
    {"t.blank", "blank", 2},
    {"t.txt@malvarde", "I.U.", 3},  // text counts as no data
    {"t.q@malvarde", "pending", 1},
    {"(t.two / t.zero)", "error", 4},
};

// Every operator between every two operands, evaluated in one run: an absent operand
// makes the result absent with the stronger reason (the left one on a tie).
TEST(ExprMissingDataTest, OperatorTruthTable) {
  struct Case {
    std::string expression;
    std::string expected;
  };
  std::vector<Case> cases;
  const std::vector<std::pair<std::string, std::string>> operators = {
      {"+", "4"}, {"-", "0"}, {"*", "4"}, {"/", "1"}};
  for (const auto& [op, both_numbers] : operators) {
    for (const Operand& x : operands) {
      for (const Operand& y : operands) {
        std::string expected = both_numbers;
        if (x.weight >= 0 || y.weight >= 0) expected = x.weight >= y.weight ? x.outcome : y.outcome;
        cases.push_back({std::string(x.expression) + " " + op + " " + y.expression, expected});
      }
    }
  }
  std::string rules = "area a \"A\" {\n";
  for (std::size_t i = 0; i < cases.size(); ++i)
    rules += "  indicator i" + std::to_string(i) + " \"I\" { value " + cases[i].expression + " }\n";
  rules += "}\n";
  Session s;
  auto results = s.run(rules, small_dataset(rows));
  ASSERT_TRUE(results) << s.rendered();
  ASSERT_EQ(results->items.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(outcome_of(results->items[i]), cases[i].expected) << cases[i].expression;
  }
  EXPECT_EQ(cases.size(), 196u);
}

TEST(ExprMissingDataTest, ReasonsAndVerdictsOfAbsentResults) {
  Derived text("t.txt@malvarde + t.blank", "    target >= 1\n");
  ASSERT_TRUE(text.results);
  EXPECT_EQ(text.item().verdict, Verdict::no_data);
  EXPECT_EQ(text.item().reason, "'Nollresultat' is text, not a number");
  Derived na("t.na * 2", "    target >= 1\n");
  ASSERT_TRUE(na.results);
  EXPECT_EQ(na.item().verdict, Verdict::not_applicable);
  EXPECT_EQ(na.item().current->value.text, "N/A");
  EXPECT_EQ(na.sentence(), "Mått: ej tillämpligt (N/A) i mars 2020; målvärdet 1.");
  Derived iu("t.iu - t.na", "    target >= 1\n");
  ASSERT_TRUE(iu.results);
  EXPECT_EQ(iu.item().verdict, Verdict::no_data);
  EXPECT_EQ(iu.sentence(), "Mått: uppgift saknas (I.U.) i mars 2020; målvärdet 1.");
  Derived blank("t.blank / t.two", "    target >= 1\n");
  ASSERT_TRUE(blank.results);
  EXPECT_EQ(blank.item().verdict, Verdict::no_data);
  EXPECT_EQ(blank.sentence(), "Mått: uppgift saknas i mars 2020; målvärdet 1.");
}

TEST(ExprMissingDataTest, AbsentOperandsWinOverADivisionByZero) {
  // The divisor is looked at only when both operands are numbers.
  EXPECT_EQ(value_of("t.iu / t.zero"), "I.U.");
  EXPECT_EQ(value_of("t.zero / t.iu"), "I.U.");
  EXPECT_EQ(value_of("t.na / t.zero"), "N/A");
  EXPECT_EQ(value_of("t.zero / t.two"), "0");
}

TEST(ExprMissingDataTest, AggregatesTruthTable) {
  struct Case {
    std::string items;
    std::string sum, min, max, avg, count;
  };
  const std::vector<Case> cases = {
      {"t.two, t.three", "5", "2", "3", "2.5", "2"},
      {"t.two, t.na", "2", "2", "2", "2", "1"},  // N/A items are left out
      {"t.na, t.two, t.na", "2", "2", "2", "2", "1"},
      {"t.two, t.iu", "I.U.", "I.U.", "I.U.", "I.U.", "I.U."},
      {"t.two, t.blank", "blank", "blank", "blank", "blank", "blank"},
      {"t.two, t.txt@malvarde", "I.U.", "I.U.", "I.U.", "I.U.", "I.U."},
      {"t.two, t.q@malvarde", "pending", "pending", "pending", "pending", "pending"},
      {"t.na, t.na", "N/A", "N/A", "N/A", "N/A", "0"},
      {"t.blank, t.iu", "I.U.", "I.U.", "I.U.", "I.U.", "I.U."},
      {"t.iu, t.blank", "I.U.", "I.U.", "I.U.", "I.U.", "I.U."},
      {"t.q@malvarde, t.na", "pending", "pending", "pending", "pending", "pending"},
      {"t.iu, t.two / t.zero", "error", "error", "error", "error", "error"},
      {"t.a, t.b, t.two", "2.3", "0.1", "2", "0.76667", "3"},
      {"t.u, -t.v", "-8", "-20", "12", "-4", "2"},
  };
  std::string rules = "area a \"A\" {\n";
  std::size_t n = 0;
  for (const Case& c : cases) {
    for (const char* fn : {"sum", "min", "max", "avg", "count"})
      rules += "  indicator i" + std::to_string(n++) + " \"I\" { value " + fn + "(" + c.items + ") }\n";
  }
  rules += "}\n";
  Session s;
  auto results = s.run(rules, small_dataset(rows));
  ASSERT_TRUE(results) << s.rendered();
  ASSERT_EQ(results->items.size(), 5 * cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    const ItemResult* r = &results->items[5 * i];
    EXPECT_EQ(outcome_of(r[0]), c.sum) << "sum(" << c.items << ")";
    EXPECT_EQ(outcome_of(r[1]), c.min) << "min(" << c.items << ")";
    EXPECT_EQ(outcome_of(r[2]), c.max) << "max(" << c.items << ")";
    EXPECT_EQ(outcome_of(r[3]), c.avg) << "avg(" << c.items << ")";
    EXPECT_EQ(outcome_of(r[4]), c.count) << "count(" << c.items << ")";
  }
}

TEST(ExprMissingDataTest, EveryItemNotApplicableSaysSo) {
  Derived d("sum(t.na)");
  ASSERT_TRUE(d.results);
  EXPECT_EQ(d.item().reason, "every value is not applicable");
  EXPECT_EQ(outcome_of(d.item()), "N/A");
}

TEST(ExprEvalTest, AggregatesKeepTheLargestScale) {
  Derived avg("avg(1,0, 3,0)");
  ASSERT_TRUE(avg.results);
  const Decimal& v = avg.item().current->value.number;
  EXPECT_EQ(v, Decimal::integer(2));
  EXPECT_EQ(v.scale(), 1);  // at least the inputs' decimals
  EXPECT_EQ(value_of("avg(1, 0,5)"), "0.75");
  EXPECT_EQ(value_of("avg(1, 2, 2)"), "1.6667");
  EXPECT_EQ(value_of("sum(0,1, 0,25)"), "0.35");
  EXPECT_EQ(value_of("min(1, 0,5)"), "0.5");
  EXPECT_EQ(value_of("max(1, 0,5)"), "1");
}

TEST(ExprEvalTest, PatternsStandForEveryRowWithFigures) {
  EXPECT_EQ(value_of("count(t.*)"), "I.U.");  // N/A is left out, I.U. and blank are not
  // The text and Q3 cells are in Målvärde, not in Mars 2020; N/A is left out.
  EXPECT_EQ(value_of("count(t.* except (iu, blank))"), "9");
  EXPECT_EQ(value_of("sum(t.* except (iu, blank, na))"), "39.3");
  EXPECT_EQ(value_of("min(t.* except (iu, blank))"), "0");
  EXPECT_EQ(value_of("max(t.*@ar_2019 except (iu, blank))"), "20");
}

// --- Derived indicators: verdicts, trends, inputs ---------------------------------------------------

TEST(DerivedIndicatorTest, VerdictAgainstTheTarget) {
  Derived met("share(t.a, t.b)", "    target >= 50\n");
  ASSERT_TRUE(met.results);
  const ItemResult& r = met.item();
  EXPECT_EQ(r.unit, Unit::percent);
  EXPECT_EQ(r.verdict, Verdict::met);
  EXPECT_EQ(r.reference, Decimal::integer(50));
  EXPECT_EQ(r.gap, Decimal::integer(0));
  EXPECT_EQ(r.direction, ast::Direction::higher);
  EXPECT_EQ(r.data_ref, "");
  EXPECT_TRUE(r.reason.empty());
  EXPECT_EQ(Derived("share(t.a, t.b)", "    target > 50\n").item().verdict, Verdict::not_met);
  EXPECT_EQ(Derived("t.u + t.v", "    target <= 31\n").item().verdict, Verdict::not_met);
  EXPECT_EQ(Derived("t.u + t.v", "    target 30..40\n").item().verdict, Verdict::met);
  Derived none("t.u + t.v");
  EXPECT_EQ(none.item().verdict, Verdict::no_target);
  Derived pending("t.u + t.v", "    target pending \"Q3\"\n");
  EXPECT_EQ(pending.item().verdict, Verdict::pending);
}

TEST(DerivedIndicatorTest, GapAndSentence) {
  Derived d("t.u + t.v", "    unit count\n    target >= 30\n");
  ASSERT_TRUE(d.results);
  EXPECT_EQ(d.item().verdict, Verdict::met);
  EXPECT_EQ(d.item().gap, Decimal::integer(2));
  EXPECT_EQ(d.sentence(), "Mått: 32 är 2 över målvärdet 30, en förbättring från 30 2019. Målet är uppfyllt.");
}

TEST(DerivedIndicatorTest, TrendAgainstThePreviousPeriod) {
  Derived higher("t.u + t.v", "    higher is better\n");
  ASSERT_TRUE(higher.results);
  const ItemResult& r = higher.item();
  ASSERT_TRUE(r.current);
  EXPECT_EQ(r.current->value.number, Decimal::integer(32));
  EXPECT_EQ(r.current->period, (Period{2020, 3, false}));
  EXPECT_EQ(r.current->column_label, "2020-03");
  ASSERT_TRUE(r.previous);
  EXPECT_EQ(r.previous->value.number, Decimal::integer(30));
  EXPECT_EQ(r.previous->period, (Period{2019, 12, true}));
  EXPECT_EQ(r.trend, Trend::improved);
  EXPECT_EQ(Derived("t.u + t.v", "    lower is better\n").item().trend, Trend::worsened);
  EXPECT_EQ(Derived("t.u + t.v").item().trend, Trend::none);
  EXPECT_EQ(Derived("t.v * 2", "    higher is better\n").item().trend, Trend::unchanged);
  EXPECT_EQ(Derived("t.u - t.v", "    higher is better\n").item().trend, Trend::improved);  // -10 to -8
}

TEST(DerivedIndicatorTest, NoPreviousValueWithoutAnEarlierPeriod) {
  Derived fixed("t.u@mars_2020 + 1", "    higher is better\n");
  ASSERT_TRUE(fixed.results);
  EXPECT_FALSE(fixed.item().previous);
  EXPECT_EQ(fixed.item().trend, Trend::none);
  Derived iu("t.u + t.iu", "    higher is better\n");
  ASSERT_TRUE(iu.results);
  EXPECT_FALSE(iu.item().previous);
}

TEST(DerivedIndicatorTest, InputsWithTheirDatasetLocations) {
  Derived d("t.u + t.v * 2");
  ASSERT_TRUE(d.results);
  const ItemResult& r = d.item();
  ASSERT_EQ(r.inputs.size(), 2u);
  EXPECT_EQ(r.inputs[0].value.number, Decimal::integer(12));
  EXPECT_EQ(r.inputs[0].column_id, "mars_2020");
  EXPECT_EQ(r.inputs[0].column_label, "Mars 2020");
  EXPECT_EQ(d.s.sources.location(r.inputs[0].value.span), "test.yaml:24:24");
  EXPECT_EQ(r.inputs[1].value.number, Decimal::integer(20));
  EXPECT_EQ(d.s.sources.location(r.inputs[1].value.span), "test.yaml:25:24");
  // The computed value itself points at the expression.
  EXPECT_EQ(d.s.sources.location(r.current->value.span), "test.rules:3:11");
  EXPECT_EQ(d.s.sources.location(r.rule_span), "test.rules:2:3");
  EXPECT_EQ(r.current->value.text, "52");
}

TEST(DerivedIndicatorTest, InputsOfAnAggregateAreEveryCell) {
  Derived d("sum(t.* except (iu, blank, na, txt, q, three, zero, two, u, v))");
  ASSERT_TRUE(d.results);
  ASSERT_EQ(d.item().inputs.size(), 2u);
  EXPECT_EQ(d.s.sources.location(d.item().inputs[0].value.span), "test.yaml:14:27");
  EXPECT_EQ(d.s.sources.location(d.item().inputs[1].value.span), "test.yaml:15:27");
  EXPECT_EQ(outcome_of(d.item()), "0.3");
}

const char* const chained =
    "area omr \"O\" {\n"
    "  indicator c \"C\" { value b * 2  target >= 100 }\n"  // uses b, declared after it
    "  indicator b \"B\" { value a + u  higher is better }\n"
    "  indicator a \"A\" { value t.v / 2 }\n"
    "  indicator u \"U\" { data t.u  higher is better }\n"
    "}\n";

TEST(DerivedIndicatorTest, DerivedIndicatorsUsingDerivedIndicators) {
  Session s;
  auto results = s.run(chained, small_dataset(rows));
  ASSERT_TRUE(results) << s.rendered();
  ASSERT_EQ(results->items.size(), 4u);
  std::vector<std::string> ids;
  for (const ItemResult& r : results->items) ids.push_back(r.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"c", "b", "a", "u"}));             // rule order
  EXPECT_EQ(results->items[2].current->value.number, Decimal::integer(10));   // a = 20 / 2
  EXPECT_EQ(results->items[1].current->value.number, Decimal::integer(22));   // b = a + 12
  EXPECT_EQ(results->items[1].previous->value.number, Decimal::integer(20));  // 10 + 10
  EXPECT_EQ(results->items[1].trend, Trend::improved);
  const ItemResult& c = results->items[0];
  EXPECT_EQ(c.current->value.number, Decimal::integer(44));
  EXPECT_EQ(c.previous->value.number, Decimal::integer(40));
  EXPECT_EQ(c.verdict, Verdict::not_met);
  // The inputs of a derived indicator go back to the dataset cells.
  std::vector<std::string> places;
  for (const Observation& o : c.inputs) places.push_back(s.sources.location(o.value.span));
  EXPECT_EQ(places, (std::vector<std::string>{"test.yaml:25:24", "test.yaml:24:24"}));
}

// Regression: a derived indicator naming another derived indicator took that one's
// inputs of the report period for its previous value too, so the previous value of 'c'
// (40, computed from 2019) was said to be of March 2020: "en förbättring från 40 i mars
// 2020".
TEST(DerivedIndicatorTest, PreviousValueOfAChainedIndicatorIsOfThePreviousPeriod) {
  Session s;
  auto results = s.run(chained, small_dataset(rows));
  ASSERT_TRUE(results) << s.rendered();
  const ItemResult& c = results->items.at(0);
  ASSERT_TRUE(c.previous);
  EXPECT_EQ(c.previous->period, (Period{2019, 12, true}));
  const ItemResult& b = results->items.at(1);
  ASSERT_TRUE(b.previous);
  EXPECT_EQ(b.previous->period, (Period{2019, 12, true}));
}

TEST(DerivedIndicatorTest, NamingAnIndicatorWithIU) {
  Session s;
  auto results = s.run(
      "area a \"A\" {\n"
      "  indicator p \"P\" { data t.iu }\n"
      "  indicator x \"X\" { value p + 1  target >= 1 }\n"
      "}\n",
      small_dataset(rows));
  ASSERT_TRUE(results) << s.rendered();
  const ItemResult& x = results->items.at(1);
  EXPECT_EQ(x.verdict, Verdict::no_data);
  EXPECT_EQ(x.current->value.absence, Absence::no_data);
  ASSERT_EQ(x.inputs.size(), 1u);
  EXPECT_EQ(x.inputs[0].value.text, "I.U.");
  EXPECT_EQ(s.sources.location(x.inputs[0].value.span), "test.yaml:19:27");
  EXPECT_EQ(write_commentary(*results).items.at(1), "X: uppgift saknas (I.U.) i mars 2020; målvärdet 1.");
}

TEST(DerivedIndicatorTest, NamingAnIndicatorWithAnError) {
  Session s;
  auto results = s.run(
      "area a \"A\" {\n"
      "  indicator p \"P\" { value t.two / t.zero }\n"
      "  indicator x \"X\" { value p + 1  target >= 1 }\n"
      "}\n",
      small_dataset(rows));
  ASSERT_TRUE(results) << s.rendered();
  EXPECT_EQ(results->items.at(1).verdict, Verdict::error);
  EXPECT_EQ(results->items.at(1).reason, "division by zero");
}

// Regression (fixed): through an indicator, a text cell counts as blank (the weakest missing data but
// N/A and pending) instead of as no data, as it does when read directly: 'x' below is
// "" where 'y' is "I.U.".
TEST(DerivedIndicatorTest, NamingAnIndicatorWithTextIsNoData) {
  Session s;
  auto results = s.run(
      "area a \"A\" {\n"
      "  indicator p \"P\" { data t.txt@malvarde }\n"
      "  indicator x \"X\" { value p + t.na }\n"
      "  indicator y \"Y\" { value t.txt@malvarde + t.na }\n"
      "}\n",
      small_dataset(rows));
  ASSERT_TRUE(results) << s.rendered();
  EXPECT_EQ(outcome_of(results->items.at(2)), "I.U.");
  EXPECT_EQ(outcome_of(results->items.at(1)), "I.U.");
}

// Regression (fixed): an expression without dataset cells gets a previous value with no period, and
// the commentary ends "oförändrat från 33,3333 % ." (a space before the full stop).
TEST(DerivedIndicatorTest, ConstantExpressionHasNoPeriodlessPreviousValue) {
  Derived d("share(1, 3)");
  ASSERT_TRUE(d.results);
  EXPECT_EQ(d.sentence().find(" ."), std::string::npos) << d.sentence();
  EXPECT_FALSE(d.item().previous && !d.item().previous->period);
}

// Regression: after E0225 the evaluator, which runs after rule errors to report unknown
// references too, bound 't.*' as a plain reference and added a misleading "unknown row
// '*' in dataset table 't'" (E0213, "did you mean 't.a'?").
TEST(ExprCheckTest, NoFollowOnErrorAfterE0225) {
  Session s;
  auto tree = parse_rules(s.add("test.rules", one_indicator("    value t.* + 1\n")), s.sink);
  ASSERT_TRUE(tree) << s.rendered();
  const RuleSet rules = check_rules({*tree}, s.sink);
  auto data = s.load(small_dataset(rows));
  ASSERT_TRUE(data) << s.rendered();
  EXPECT_FALSE(evaluate(rules, *data, s.sink));
  EXPECT_EQ(s.count("E0225"), 1u);
  EXPECT_EQ(s.count("E0213"), 0u) << s.rendered();
}

TEST(DerivedIndicatorTest, ReferenceErrorsInsideAnExpression) {
  Session s;
  EXPECT_FALSE(s.run(one_indicator("    value t.vv + tt.a + t.u@mars2020\n"), small_dataset(rows)));
  EXPECT_DIAGNOSTIC(s, "E0213", "unknown row 'vv' in dataset table 't'", "test.rules:3:13");
  EXPECT_EQ(test::helps(*s.find("E0213")), std::vector<std::string>{"did you mean 't.v'?"});
  EXPECT_DIAGNOSTIC(s, "E0211", "unknown dataset table 'tt'", "test.rules:3:18");
  EXPECT_DIAGNOSTIC(s, "E0214", "unknown column 'mars2020' in dataset table 't'", "test.rules:3:29");
  // Each is reported once though the expression is evaluated for two periods.
  EXPECT_EQ(s.sink.error_count(), 3u) << s.rendered();
}

// --- Derived indicators in the renderers ------------------------------------------------------------

TEST(DerivedIndicatorTest, JsonShowsInputsAndReason) {
  Derived d("t.u / t.zero", "    target >= 1\n");
  ASSERT_TRUE(d.results);
  const Commentary commentary = write_commentary(*d.results);
  const auto json = nlohmann::json::parse(render_json(*d.results, commentary, d.s.sources, {}));
  const auto& x = json.at("indicators").at(0);
  EXPECT_EQ(x.at("verdict"), "error");
  EXPECT_EQ(x.at("reason"), "division by zero");
  EXPECT_EQ(x.at("data"), "");
  EXPECT_EQ(x.at("value"), nullptr);
  EXPECT_EQ(x.at("commentary"), "Mått: värdet kan inte beräknas (division med noll).");
  EXPECT_EQ(x.at("rule_location"), "test.rules:2");
  EXPECT_EQ(x.at("value_location"), "test.rules:3");
  const nlohmann::json inputs = nlohmann::json::parse(
      R"([{"value": 12, "text": "12", "status": "number", "column": "mars_2020", "period": "2020-03",
           "location": "test.yaml:24"},
          {"value": 0, "text": "0", "status": "number", "column": "mars_2020", "period": "2020-03",
           "location": "test.yaml:18"}])");
  EXPECT_EQ(x.at("inputs"), inputs);
  EXPECT_EQ(json.at("summary").at("counts").at("error"), 1);
}

TEST(DerivedIndicatorTest, JsonOfAComputedValue) {
  Derived d("share(t.a, t.b)", "    target >= 50\n");
  ASSERT_TRUE(d.results);
  const Commentary commentary = write_commentary(*d.results);
  const auto json = nlohmann::json::parse(render_json(*d.results, commentary, d.s.sources, {}));
  const auto& x = json.at("indicators").at(0);
  EXPECT_EQ(x.at("unit"), "percent");
  EXPECT_EQ(x.at("value"), 50);
  EXPECT_EQ(x.at("value_text"), "50");
  EXPECT_EQ(x.at("verdict"), "met");
  EXPECT_FALSE(x.contains("reason"));
  EXPECT_EQ(x.at("inputs").size(), 2u);
  EXPECT_EQ(x.at("inputs").at(0).at("value"), 0.1);
  EXPECT_EQ(x.at("inputs").at(0).at("text"), "0,1");
  EXPECT_EQ(x.at("previous").at("value"), 50);
  EXPECT_EQ(x.at("previous").at("period"), "2019");
}

TEST(DerivedIndicatorTest, DataIndicatorsHaveNoInputsInJson) {
  Session s;
  auto results = s.run(one_indicator("    data t.u\n"), small_dataset(rows));
  ASSERT_TRUE(results) << s.rendered();
  const auto json = nlohmann::json::parse(render_json(*results, write_commentary(*results), s.sources, {}));
  EXPECT_FALSE(json.at("indicators").at(0).contains("inputs"));
  EXPECT_FALSE(json.at("indicators").at(0).contains("reason"));
}

TEST(DerivedIndicatorTest, TextReportShowsTheErrorVerdict) {
  Derived d("t.u / t.zero", "    target >= 1\n");
  ASSERT_TRUE(d.results);
  const std::string text =
      render_text(*d.results, write_commentary(*d.results), d.s.sources, RenderOptions{});
  EXPECT_NE(text.find("  ! fel "), std::string::npos) << text;
  EXPECT_NE(text.find("      Mått: värdet kan inte beräknas (division med noll).\n"), std::string::npos)
      << text;
}

}  // namespace
}  // namespace attain
