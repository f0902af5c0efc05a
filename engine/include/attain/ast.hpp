#pragma once
// The syntax tree of one rule file, as written: owned strings, spans into the source,
// nothing resolved or validated yet (that is check.hpp's job).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attain/source.hpp"
#include "attain/value.hpp"

namespace attain::ast {

struct Name {
  std::string text;
  Span span;
};

// TABLE.ROW[.CHILD...][@COLUMN]. In expressions a row segment may be "*" (every row at
// that level) and rows may be left out: t.* except (summa, total).
struct Reference {
  std::vector<Name> path;
  std::optional<Name> column;
  std::vector<Name> except;
  Span span;
  bool has_wildcard() const;
  std::string to_string() const;  // "table.row@column", "t.* except (a, b)"
};

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

enum class Function { sum, min, max, avg, count, share };
std::string_view to_string(Function function);

// An expression: arithmetic over numbers, dataset references, indicator ids and calls.
struct Expr {
  enum class Kind { number, reference, name, negate, add, subtract, multiply, divide, call };
  Kind kind = Kind::number;
  Span span;
  Decimal number;                     // number
  Reference reference;                // reference
  Name name;                          // name: an indicator id
  Function function = Function::sum;  // call
  std::vector<ExprPtr> operands;      // negate: 1, binary: 2, call: the arguments
};

enum class Comparator { ge, le, gt, lt, eq, range };

struct Target {
  enum class Kind { none, pending, compare };
  Kind kind = Kind::none;
  Comparator comparator = Comparator::ge;
  Decimal value;                 // the bound; the lower bound of a range; the offset of a relative bound
  bool relative = false;         // `>= previous + 1`: the bound is the comparison value plus `value`
  std::optional<Name> constant;  // the bound is a named constant (`const`)
  std::optional<Name> profile;   // `annual profile NAME`: pro-rated by a monthly profile
  Decimal upper;                 // the upper bound of a range
  Span value_span;
  bool annual = false;
  std::optional<Decimal> band;      // `within 1`: a shortfall of at most this is `near`
  bool band_relative = false;       // `within 5 % of target`: the band is that share of the bound
  std::optional<std::string> text;  // display text: "Nollresultat", "Q3"
  Span span;
};

enum class Direction { unspecified, higher, lower };

// What trends and relative targets compare the current value with.
struct Comparison {
  enum class Kind { previous_period, same_period_last_year, named_period };
  Kind kind = Kind::previous_period;
  std::string period;  // named_period: "2018", "2019-03"
  Span span;
};

struct Breakdown {
  Name id;
  std::string name;
  Reference data;
  Span span;
};

// One colour of an indicator's bands: the value satisfies every condition.
struct ColourBand {
  enum class Colour { green, yellow, red };
  Colour colour = Colour::green;
  std::vector<std::pair<Comparator, Decimal>> conditions;  // one or two
  Span span;
};

// How an indicator's breakdown rows add up to its total.
struct BreakdownMethod {
  enum class Kind { sum, mean, weighted_mean };
  Kind kind = Kind::sum;
  std::vector<Decimal> weights;  // weighted_mean: one per breakdown, in order
};

// A property given once per declaration; `span` covers the whole property.
template <typename T>
struct Property {
  T value;
  Span span;
};

// A member of a family: `members lkdata "LKDATA"`. Its id ("lkdata") and name
// ("LKDATA", unescaped) are places in its family's FamilyMembers::member_text: 16 bytes a
// member and its text, not two strings (80 bytes), for a national rule set's 290 000.
struct Member {
  std::uint32_t at = 0;  // the id in member_text, the name right after it
  std::uint32_t id_length = 0;
  std::uint32_t name_length = 0;
  std::uint32_t offset = 0;  // the id's byte offset in its rule file
};

// A family's members, in the order of `members`; empty for any other indicator. The
// syntax tree's and the checked Indicator's: the checker takes the tree's over whole.
struct FamilyMembers {
  std::vector<Member> members;
  std::string member_text;  // the members' ids and names, one after the other

  std::string_view id_of(const Member& member) const;
  std::string_view name_of(const Member& member) const;
  // The id's span in `file`, its rule file.
  static Span span_of(const Member& member, FileId file) {
    return {file, member.offset, member.offset + member.id_length};
  }
  void add_member(std::string_view id, std::string_view name, std::uint32_t offset);
};

struct Indicator : FamilyMembers {
  Name id;
  std::string name;
  Span span;                          // the keyword through the closing brace
  std::vector<Property<Name>> units;  // every `unit` line: the checker reports repeats
  std::vector<Property<Direction>> directions;
  std::vector<Property<Reference>> data;
  std::vector<Property<ExprPtr>> values;  // a derived indicator's `value` expression
  std::vector<Property<Target>> targets;
  std::vector<Property<bool>> cumulative;
  std::vector<Property<Decimal>> precision;  // decimals the value is compared at
  std::vector<Property<Decimal>> weight;     // weight in a weighted roll-up
  std::vector<Property<Comparison>> compare;
  std::vector<Property<std::vector<ColourBand>>> bands;
  std::vector<Property<BreakdownMethod>> breakdown_method;
  std::vector<Property<std::pair<Comparator, Decimal>>> gap;  // `gap <= 2`
  // Metadata: "description", "owner", "source", "kolada" -> text, in order written.
  std::vector<std::pair<std::string, Property<std::string>>> metadata;
  // A family (docs/language.md#rule-families) is one Indicator: `id` and `name` are the
  // family's, `family` is set to its id, and `members` (FamilyMembers) lists what the
  // checker makes one indicator each of. Its references keep '*', which stands for each
  // member's id.
  std::optional<Name> family;
  std::string family_name;  // the family's display name ("Leveranssäkerhet")
  std::vector<Breakdown> breakdowns;
  std::size_t group = 0;  // index into RuleFile::groups
};

struct Budget {
  Name id;
  std::string name;
  Span span;
  std::vector<Property<Name>> table, outcome, budget, reported, previous;
  std::vector<Property<Direction>> favourable;
  std::vector<Property<Decimal>> materiality;
  std::optional<Name> materiality_constant;  // `materiality vasentlighet`
  std::vector<Property<std::vector<Name>>> lines;
  std::size_t group = 0;
};

enum class GroupLevel { area, goal, objective };

// How an area, goal or objective rolls its indicators' verdicts up into its own.
struct RollupPolicy {
  enum class Kind { all, at_least, at_least_share, weighted };
  Kind kind = Kind::all;
  Decimal amount;  // N for at_least, a percentage for at_least_share and weighted
};

struct Group {
  GroupLevel level = GroupLevel::area;
  Name id;
  std::string name;
  Span span;
  std::optional<std::size_t> parent;  // index into RuleFile::groups
  std::vector<Property<RollupPolicy>> rollups;
};

// expect LEFT COMPARATOR RIGHT
struct Expectation {
  ExprPtr left;
  Comparator comparator = Comparator::eq;
  ExprPtr right;
};

// A data check: an assertion about the dataset itself.
struct Check {
  Name id;
  std::string name;
  Span span;
  std::vector<Property<Expectation>> expects;
  std::vector<Property<std::vector<Name>>> columns;
  std::vector<Property<Decimal>> tolerance;
  std::optional<Name> tolerance_constant;
};

// profile NAME "Display name" { months w1, ..., w12 }
struct Profile {
  Name id;
  std::string name;
  std::vector<Decimal> weights;
  Span span;
};

// const NAME = NUMBER
struct Constant {
  Name id;
  Decimal value;
  Span span;
};

// given REF [previous] = VALUE: a value a rule test sets.
struct TestGiven {
  Reference target;       // an indicator id (one segment) or table.row[.child...][@column]
  bool previous = false;  // the earlier periods' value, not the report period's
  std::string value;      // as written: a number, or the quoted text without its quotes
  Span value_span;
  Span span;
};

// expect SUBJECT WHAT: what a rule test expects of one result.
struct TestExpect {
  enum class Kind { verdict, trend, commentary };
  Kind kind = Kind::verdict;
  Reference subject;  // an indicator, budget line, group or data check id ("dk.row.column")
  Name word;          // verdict or trend, as written
  std::string text;   // commentary: a part of the sentence
  Span span;
};

// test ID "Name" { period "2020-03"  given ...  expect ... }
struct RuleTest {
  Name id;
  std::string name;
  Span span;
  std::vector<Property<std::string>> period;
  std::vector<TestGiven> givens;
  std::vector<TestExpect> expects;
};

// One parsed file. Groups, indicators and budgets are stored flat, in document order;
// items refer to their enclosing group by index.
struct RuleFile {
  FileId file = 0;
  std::vector<Group> groups;
  std::vector<Indicator> indicators;
  std::vector<Budget> budgets;
  std::vector<Check> checks;
  std::vector<Constant> constants;
  std::vector<Profile> profiles;
  std::vector<RuleTest> tests;
};

std::string_view to_string(Comparator comparator);  // ">=", "<=", ">", "<", "=", ".."
// The expression fully parenthesised, numbers in machine form: "(a + (2 * t.r@c))".
std::string to_string(const Expr& expr);
std::string_view to_string(GroupLevel level);     // "area", "goal", "objective"
std::string_view to_string(Direction direction);  // "higher", "lower", "unspecified"

}  // namespace attain::ast
