#pragma once
// Stage 2: syntax trees of all rule files -> one checked rule set. Every property is
// validated and resolved (units, directions, single occurrences, unique ids); dataset
// references are kept as written and resolved against a dataset by the evaluator.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "attain/ast.hpp"
#include "attain/diagnostic.hpp"
#include "attain/verdict.hpp"

namespace attain {

// `number` is a plain figure with no unit, the default when an indicator names none.
enum class Unit { number, percent, count, tkr, kr, index, score, ratio, days, hours };

std::string_view to_string(Unit unit);
std::optional<Unit> unit_from_name(std::string_view name);
const std::vector<std::string>& unit_names();

struct Group {
  ast::GroupLevel level = ast::GroupLevel::area;
  std::string id;
  std::string name;
  Span span;
  std::optional<std::size_t> parent;  // index into RuleSet::groups
  ast::RollupPolicy rollup;           // `rollup all` unless declared
};

struct Breakdown {
  std::string id;
  std::string name;
  ast::Reference data;
  Span span;
};

// The family that generated an indicator (docs/language.md#rule-families): its id, and
// its display name, with which every member's name begins.
struct Family {
  std::string id;    // "leveranssakerhet"
  std::string name;  // "Leveranssäkerhet"
  friend bool operator==(const Family&, const Family&) = default;
};

// A family's member (ast::Member): its id and name are places in its family's
// member_text (Indicator::id_of, name_of).
using ast::Member;

// An indicator, or a family (docs/language.md#rule-families), which stands for one
// indicator per member. A family is checked and stored once: its `id` and `name` are
// the family's, `family` is set, and `data` and the breakdowns' references keep '*'
// where each member's id goes. RuleSet::indicator_of makes a member's own indicator.
struct Indicator : ast::FamilyMembers {  // a family's members, as its syntax tree had them
  std::string id;
  std::string name;
  Span span;
  std::size_t group = 0;  // index into RuleSet::groups
  Unit unit = Unit::number;
  ast::Direction direction = ast::Direction::unspecified;
  ast::Reference data;                 // where the values are; empty for a derived indicator
  ast::ExprPtr value;                  // a derived indicator's expression; null otherwise
  ast::Target target;                  // kind none when no target is stated
  bool cumulative = false;             // a year-to-date sum (explicit, or implied by `annual`)
  std::optional<int> precision;        // decimals the value is rounded to before comparing
  ast::Comparison comparison;          // what trends and relative targets compare with
  std::vector<ast::ColourBand> bands;  // instead of a target: proven to cover every value once
  std::optional<ast::BreakdownMethod> breakdown_method;    // how the breakdowns add up to the total
  std::optional<std::pair<ast::Comparator, Decimal>> gap;  // how far apart the breakdowns may be
  std::optional<Family> family;                            // the family that generated it
  // description, owner, source, kolada: text an auditor can look up
  std::vector<std::pair<std::string, std::string>> metadata;
  Decimal weight = Decimal::integer(1);
  std::vector<Breakdown> breakdowns;
};

// A family member's id, FAMILY_MEMBER ("leveranssakerhet_lkdata"), and name, "Family
// Member" ("Leveranssäkerhet LKDATA").
std::string member_id(const Indicator& family, const Member& member);
std::string member_name(const Indicator& family, const Member& member);
// `ref` with each '*' row replaced by a member's id: t.* -> t.lkdata.
ast::Reference with_member(const ast::Reference& ref, std::string_view member_id);

struct Budget {
  std::string id;
  std::string name;
  Span span;
  std::size_t group = 0;
  ast::Name table;
  ast::Name outcome;
  ast::Name budget;
  std::optional<ast::Name> reported;
  std::optional<ast::Name> previous;
  ast::Direction favourable = ast::Direction::higher;
  std::optional<Decimal> materiality;  // tkr; absent: every non-zero deviation is significant
  std::vector<ast::Name> lines;        // empty: every top-level row of the table
};

// A data check: `expect LEFT CMP RIGHT`, evaluated once per listed column (or once for
// the references' own columns), within a rounding tolerance.
struct DataCheck {
  std::string id;
  std::string name;
  Span span;
  ast::Expectation expect;
  std::vector<ast::Name> columns;
  Decimal tolerance;  // 0 unless declared
};

// A rule test (`test` blocks, docs/language.md#rule-tests), checked: every `given`
// resolved to the dataset cell it sets, every `expect` to a result id and a word.
struct TestInput {
  std::string text;                   // the target as written: "kl_svarsservice_120s", "t.r@c"
  std::string table;                  // the dataset cell: table, row path, column
  std::vector<std::string> rows;      // (for an indicator: the cell its `data` reads)
  std::optional<std::string> column;  // absent: the report period's actual column
  bool previous = false;              // the earlier periods' columns instead
  Value value;                        // read as a dataset cell ("91 %", "I.U.")
  Span span;
};

struct TestExpectation {
  enum class Subject { indicator, budget_line, group, check };
  Subject subject = Subject::indicator;
  std::string id;  // "kl_x", "drift_mars_lkdata", "medborgare", "dk_x" or "dk_x.row.column"
  ast::TestExpect::Kind kind = ast::TestExpect::Kind::verdict;
  Verdict verdict = Verdict::met;             // kind verdict, subject not a check
  CheckOutcome outcome = CheckOutcome::pass;  // kind verdict, subject a check
  Trend trend = Trend::none;                  // kind trend
  std::string text;                           // kind commentary
  Span span;
};

struct RuleTest {
  std::string id;
  std::string name;
  Span span;
  Period period;  // the report period of the test's dataset; "2020" unless given
  std::vector<TestInput> inputs;
  std::vector<TestExpectation> expects;
};

// One indicator (a family member counts as one) or budget of the rule set.
struct RuleItem {
  enum class Kind : std::uint32_t { indicator, budget };
  Kind kind;
  std::uint32_t index;       // into RuleSet::indicators or RuleSet::budgets
  std::uint32_t member = 0;  // a family's: which of its `members`
};

struct RuleSet {
  std::vector<Group> groups;
  std::vector<Indicator> indicators;
  std::vector<Budget> budgets;
  // Every indicator (each member of a family), and budget, in file and document order
  // (indicators in index order, a family's members in their order).
  std::vector<RuleItem> items;
  std::vector<DataCheck> checks;             // in file and document order
  std::map<std::string, Decimal> constants;  // `const` declarations
  // `profile` declarations: twelve monthly weights, January first, total > 0.
  std::map<std::string, std::vector<Decimal>> profiles;
  // Derived indicators (each member of a derived family), as indexes into `items`, in
  // an order where every indicator comes after those it uses.
  std::vector<std::size_t> derived_order;
  // `test` blocks: run by `evaluate test` (rule_test.hpp), ignored by evaluation.
  std::vector<RuleTest> tests;

  // The indicator an item stands for: the declared one, or a family member's own (its
  // id, name and rows in place of the family's). A copy.
  Indicator indicator_of(const RuleItem& item) const;
  // The indicator with this id (a family member's too), or nullopt.
  std::optional<Indicator> indicator(std::string_view id) const;
  // The id of an indicator item: a family member's own (FAMILY_MEMBER).
  std::string id_of(const RuleItem& item) const;
  // Every indicator's id, each family member's, in the order of `items`.
  std::vector<std::string> indicator_ids() const;
  // How many indicators there are, each family member counted.
  std::size_t indicator_count() const;
};

// Checks the parsed files together (ids must be unique across all of them) and builds
// the rule set. Reports every problem found (E02xx). The set is always returned so that
// later stages can report their own errors too, but after an error it is incomplete:
// the caller must not present results computed from it.
RuleSet check_rules(const std::vector<ast::RuleFile>& files, DiagnosticSink& sink);
// The same, consuming the files: their families' member lists are taken over by the
// rule set as each family is checked, not copied (the rest is left as it was), so that
// a national rule set's 290 000 members are not held twice.
RuleSet check_rules(std::vector<ast::RuleFile>&& files, DiagnosticSink& sink);

// The rule set as position-free text, one line per declaration and property: two rule
// sets that mean the same give the same text. `evaluate fmt` uses it to prove that it
// changed the layout only.
std::string describe(const RuleSet& rules);

}  // namespace attain
