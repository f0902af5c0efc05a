#pragma once
// Stage 3: checked rules + dataset -> results. Resolves every dataset reference first
// (unknown tables, rows and columns are rule errors, E02xx, with did-you-mean), then
// computes a verdict and a trend per indicator and per budget line. Formats no text.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "attain/check.hpp"
#include "attain/dataset.hpp"
#include "attain/diagnostic.hpp"
#include "attain/verdict.hpp"

namespace attain {

// A dataset cell as read for a result, with the column it came from.
struct Observation {
  Value value;
  std::string column_id;
  std::string column_label;
  std::optional<Period> period;
};

struct ItemResult {
  enum class Kind { indicator, budget_line, breakdown };
  Kind kind = Kind::indicator;
  std::string id;
  std::string name;
  Span rule_span;         // the indicator, budget or breakdown declaration
  std::size_t group = 0;  // index into Results::groups
  Unit unit = Unit::number;
  ast::Direction direction = ast::Direction::unspecified;
  std::string data_ref;  // "table.row" or "table.row@column", as resolved

  ast::Target target;  // kind none for budget lines
  std::optional<Observation> current;
  std::optional<Observation> previous;
  // Every actual value of the row with a period, earliest first (the report's columns:
  // 2018, 2019, mars 2020), for trends over time and sparklines; empty for derived values
  // and when EvaluateOptions::series is off.
  std::vector<Observation> series;
  Verdict verdict = Verdict::no_data;
  Trend trend = Trend::none;

  // Compared against: the target bound, or for annual targets the pro-rated expectation.
  std::optional<Decimal> reference;
  std::optional<Decimal> gap;        // compared - reference (0 inside a range)
  std::optional<Decimal> compared;   // the value compared: rounded to the precision
  std::optional<Decimal> unrounded;  // the value before that rounding, when it changed
  std::optional<int> precision;
  Decimal weight = Decimal::integer(1);
  ast::Comparison comparison;                     // what `previous` is: trends and relative targets
  std::vector<ast::ColourBand> bands;             // colour bands instead of a target
  std::optional<ast::ColourBand::Colour> colour;  // the band the value fell in
  std::optional<std::size_t> band_index;          // which of `bands` holds the value
  std::optional<Family> family;                   // the rule family that generated the indicator
  std::vector<std::pair<std::string, std::string>> metadata;  // description, owner, source, kolada
  std::optional<Decimal> relative_offset;                     // a relative target's offset; `target.value` is
                                                              // then the resolved bound (previous + offset)
  int months_elapsed = 12;                                    // for annual targets

  // Budget lines: outcome is `current`.
  std::optional<Observation> budget;
  std::optional<Observation> reported_deviation;
  std::optional<Decimal> deviation;  // outcome - budget
  std::optional<Decimal> materiality;
  bool significant = false;
  bool favourable = true;  // the deviation's sign is the good one (or zero)
  std::string budget_id;   // the budget block a line comes from
  std::string budget_name;

  std::vector<ItemResult> breakdowns;

  // Derived indicators: the dataset cells the value was computed from, and why it could
  // not be computed (verdict `error`, e.g. a division by zero) or is absent.
  std::vector<Observation> inputs;
  std::string reason;
};

// One evaluation of a data check (per row and column it iterates over).
struct CheckResult {
  using Outcome = CheckOutcome;
  std::string id;  // "check", "check.row", "check.column" or "check.row.column"
  std::string check_id;
  std::string name;
  Span rule_span;
  std::optional<std::string> row;
  std::optional<std::string> column;
  ast::Comparator comparator = ast::Comparator::eq;
  std::optional<Decimal> left;
  std::optional<Decimal> right;
  std::optional<Decimal> difference;  // left - right
  Decimal tolerance;
  Outcome outcome = Outcome::no_data;
  std::string reason;  // why no_data or error
  std::vector<Observation> left_inputs;
  std::vector<Observation> right_inputs;
};

// The roll-up of an area, goal or objective: its indicators' verdicts (every level below
// it), judged by the group's policy. Budget lines and breakdown rows are not counted.
struct GroupRollup {
  ast::RollupPolicy policy;
  Verdict verdict = Verdict::no_data;  // met, not_met, or why nothing could be judged
  std::size_t indicators = 0;
  std::size_t assessed = 0;   // met, not_met, near, on_track or behind
  std::size_t succeeded = 0;  // met or on_track
  Decimal weight_assessed;
  Decimal weight_succeeded;
};

struct Results {
  ReportInfo report;
  FileId dataset_file = 0;               // the dataset's source file (the rest read are rules)
  std::vector<Group> groups;             // as in the rule set
  std::vector<ItemResult> items;         // in rule order; each budget expands to its lines
  std::vector<CheckResult> checks;       // "Datakontroller", in rule order
  std::vector<GroupRollup> rollups;      // one per group
  std::vector<std::string> unread_rows;  // dataset rows with figures no rule read (coverage)
};

// Evaluates the rule set against the dataset. Reference errors are reported (E02xx) and
// give nullopt; data oddities that do not stop evaluation are warnings (W03xx).
struct EvaluateOptions {
  // Fill ItemResult::series, every actual value of each indicator's row: only the
  // renderers that draw the development over time (HTML, Markdown) read it, and on a
  // rule set of 290 000 indicators it is the largest part of the results (~2.6 KB each).
  bool series = true;
  // evaluate_verdicts only: the threads it may use. A rule set of many indicators
  // (tens of thousands: a national file) is split into that many parts in rule order.
  std::size_t threads = 1;
};

std::optional<Results> evaluate(const RuleSet& rules, const Dataset& dataset, DiagnosticSink& sink,
                                const EvaluateOptions& options = {});

// Evaluates as evaluate() does, with the same messages in the same order, but hands each
// indicator's verdict to `each`, with the index of its item in `rules.items`, instead of
// keeping results: for a summary of 290 000 family members. Most members are judged
// without a full result (no strings made for them: ids, names, references, figures'
// text); the rest, and every member when there are derived indicators or data checks,
// as evaluate() judges them. With `options.threads` above 1 the indicators may be split
// into parts, runs of rule order, evaluated at once: `each(part, item, verdict)` is then
// called from several threads, but for one part from one thread, in rule order (part 0
// first in the rules). Budget lines are evaluated but not handed on; nothing is rolled
// up. Returns false where evaluate() gives nullopt; `each` may have been called before
// that.
bool evaluate_verdicts(const RuleSet& rules, const Dataset& dataset, DiagnosticSink& sink,
                       const std::function<void(std::size_t part, std::size_t item, Verdict verdict)>& each,
                       const EvaluateOptions& options = {});

// evaluate_verdicts a table at a time, as the dataset is read (a TableSink of the
// loader): each table's indicators are judged as soon as the table is read, and the
// table is then dropped, so that a national dataset is never held whole. The verdicts
// and the messages, once finish() has put them in rule order, are evaluate_verdicts'.
// Only indicators that read one table (their data and breakdowns) are judged from it;
// a table a budget reads, or one of several an indicator reads, is kept for finish().
// With derived indicators or data checks (which may read any table) nothing is judged
// before finish().
class TableVerdicts {
 public:
  using Each = std::function<void(std::size_t item, Verdict verdict)>;
  // `readers`: the threads that may call judge() at once, each with its own index.
  TableVerdicts(const RuleSet& rules, std::size_t readers, const EvaluateOptions& options = {});
  ~TableVerdicts();
  TableVerdicts(const TableVerdicts&) = delete;
  TableVerdicts& operator=(const TableVerdicts&) = delete;

  // The indicators whose data is in the one table of `alone` (with the file's report),
  // each verdict handed to `each` with its item's index in rules.items, from this thread
  // and in rule order. True when the table is no longer needed (its indicators are
  // judged, or none reads it); false when it must be kept for finish().
  bool judge(std::size_t reader, const Dataset& alone, const Each& each);
  // After the dataset loaded without errors, whole but for the tables judge() used up
  // (Table::taken): the indicators not judged yet and the budgets, then every message in
  // rule order into `sink`. Returns false where evaluate_verdicts would.
  bool finish(const Dataset& dataset, DiagnosticSink& sink, const Each& each);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// True for verdicts that count as an unmet target in summaries and "Väsentliga avvikelser".
bool is_shortfall(Verdict verdict);

}  // namespace attain
