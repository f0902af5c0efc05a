#pragma once
// The syntax tree of one rule file, as written: owned strings, spans into the source,
// nothing resolved or validated yet (that is check.hpp's job).

#include <optional>
#include <string>
#include <vector>

#include "attain/source.hpp"
#include "attain/value.hpp"

namespace attain::ast {

struct Name {
  std::string text;
  Span span;
};

// TABLE.ROW[.CHILD...][@COLUMN]
struct Reference {
  std::vector<Name> path;
  std::optional<Name> column;
  Span span;
  std::string to_string() const;  // "table.row@column"
};

enum class Comparator { ge, le, gt, lt, eq, range };

struct Target {
  enum class Kind { none, pending, compare };
  Kind kind = Kind::none;
  Comparator comparator = Comparator::ge;
  Decimal value;  // the bound; the lower bound of a range
  Decimal upper;  // the upper bound of a range
  Span value_span;
  bool annual = false;
  std::optional<std::string> text;  // display text: "Nollresultat", "Q3"
  Span span;
};

enum class Direction { unspecified, higher, lower };

struct Breakdown {
  Name id;
  std::string name;
  Reference data;
  Span span;
};

// A property given once per declaration; `span` covers the whole property.
template <typename T>
struct Property {
  T value;
  Span span;
};

struct Indicator {
  Name id;
  std::string name;
  Span span;                          // the keyword through the closing brace
  std::vector<Property<Name>> units;  // every `unit` line: the checker reports repeats
  std::vector<Property<Direction>> directions;
  std::vector<Property<Reference>> data;
  std::vector<Property<Target>> targets;
  std::vector<Property<bool>> cumulative;
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
  std::vector<Property<std::vector<Name>>> lines;
  std::size_t group = 0;
};

enum class GroupLevel { area, goal, objective };

struct Group {
  GroupLevel level = GroupLevel::area;
  Name id;
  std::string name;
  Span span;
  std::optional<std::size_t> parent;  // index into RuleFile::groups
};

// One parsed file. Groups, indicators and budgets are stored flat, in document order;
// items refer to their enclosing group by index.
struct RuleFile {
  FileId file = 0;
  std::vector<Group> groups;
  std::vector<Indicator> indicators;
  std::vector<Budget> budgets;
};

std::string_view to_string(Comparator comparator);  // ">=", "<=", ">", "<", "=", ".."
std::string_view to_string(GroupLevel level);       // "area", "goal", "objective"

}  // namespace attain::ast
