#include "attain/evaluate.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace attain {

namespace {

// A resolved dataset reference: the row, and which columns give the value and the
// previous value.
struct Binding {
  const Table* table = nullptr;
  const Row* row = nullptr;
  std::size_t current = 0;
  std::optional<std::size_t> previous;
  std::string text;  // "table.row.child@column"
};

std::vector<std::string> ids_of(const std::vector<Row>& rows) {
  std::vector<std::string> ids;
  for (const Row& r : rows) ids.push_back(r.id);
  return ids;
}

class Evaluator {
 public:
  Evaluator(const RuleSet& rules, const Dataset& dataset, DiagnosticSink& sink)
      : rules_(rules), data_(dataset), sink_(sink) {
    // Generated budget-line ids must not collide with any declared id.
    for (const Group& g : rules.groups)
      ids_.emplace(g.id, fmt::format("{} '{}'", ast::to_string(g.level), g.id));
    for (const Indicator& i : rules.indicators) ids_.emplace(i.id, fmt::format("indicator '{}'", i.id));
    for (const Budget& b : rules.budgets) ids_.emplace(b.id, fmt::format("budget '{}'", b.id));
  }

  std::optional<Results> run() {
    Results out;
    out.report = data_.report;
    out.groups = rules_.groups;
    for (const RuleItem& item : rules_.items) {
      if (item.kind == RuleItem::Kind::indicator) {
        if (auto r = indicator(rules_.indicators[item.index])) out.items.push_back(std::move(*r));
      } else {
        for (ItemResult& line : budget(rules_.budgets[item.index])) out.items.push_back(std::move(line));
      }
    }
    if (failed_) return std::nullopt;
    return out;
  }

 private:
  Diagnostic& error(std::string code, Span span, std::string message) {
    failed_ = true;
    return sink_.error(std::move(code), span, std::move(message));
  }

  const Table* find_table(const ast::Name& name) {
    if (name.text.empty()) {  // missing in the rules, already reported by the checker
      failed_ = true;
      return nullptr;
    }
    if (const Table* t = data_.table(name.text)) return t;
    std::vector<std::string> ids;
    for (const Table& t : data_.tables) ids.push_back(t.id);
    Diagnostic& d = error("E0211", name.span, fmt::format("unknown dataset table '{}'", name.text));
    if (auto best = closest_match(name.text, ids))
      d.help(fmt::format("did you mean '{}'?", *best));
    else
      d.help(fmt::format("the dataset's tables are: {}", fmt::join(ids, ", ")));
    return nullptr;
  }

  std::optional<std::size_t> find_column(const Table& table, const ast::Name& name) {
    if (name.text.empty()) {  // missing in the rules, already reported by the checker
      failed_ = true;
      return std::nullopt;
    }
    if (auto i = table.column_index(name.text)) return i;
    std::vector<std::string> ids;
    for (const Column& c : table.columns) ids.push_back(c.id);
    Diagnostic& d = error("E0214", name.span,
                          fmt::format("unknown column '{}' in dataset table '{}'", name.text, table.id));
    if (auto best = closest_match(name.text, ids))
      d.help(fmt::format("did you mean '{}'?", *best));
    else
      d.help(fmt::format("the table's columns are: {}", fmt::join(ids, ", ")));
    return std::nullopt;
  }

  // E0213 for a row id not among `rows` (the rows of table `path`, or of row `path`).
  // Suggestions are written as the user would write them: "table.row" in a reference,
  // a bare row id in a budget's `lines`.
  void unknown_row(const ast::Name& name, const std::vector<Row>& rows, const std::string& path,
                   bool in_table, bool bare) {
    Diagnostic& d = error(
        "E0213", name.span,
        fmt::format("unknown row '{}' in dataset {} '{}'", name.text, in_table ? "table" : "row", path));
    if (auto best = closest_match(name.text, ids_of(rows))) {
      d.help(fmt::format("did you mean '{}'?", bare ? *best : path + "." + *best));
    } else if (!rows.empty()) {
      d.help(fmt::format("rows here are: {}", fmt::join(ids_of(rows), ", ")));
    } else {
      d.help(fmt::format("'{}' has no rows under it", path));
    }
  }

  // E0216 for a reference to a header row that has no figures.
  void no_figures(Span where, const Row& row, const std::string& path, std::string help) {
    error("E0216", where, fmt::format("dataset row '{}' has no figures of its own", path))
        .help(std::move(help))
        .note("the row is declared here", row.span);
  }

  // The actual column for the report period, and the latest earlier actual column (of
  // the same length when the values accumulate over the year).
  bool period_columns(const Table& table, bool cumulative, Binding& b, Span where) {
    const Period now = data_.report.period;
    std::optional<std::size_t> current;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      const Column& c = table.columns[i];
      if (c.kind == ColumnKind::actual && c.period && *c.period == now) current = i;
    }
    if (!current) {
      error("E0215", where,
            fmt::format("dataset table '{}' has no actual column for the report period {}", table.id,
                        now.to_string()))
          .note("the report period is set under 'report: period:' in the dataset", std::nullopt)
          .help(fmt::format("name a column explicitly, as in {}@column", b.text));
      return false;
    }
    b.current = *current;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      const Column& c = table.columns[i];
      if (c.kind != ColumnKind::actual || !c.period || !(*c.period < now)) continue;
      if (cumulative && c.period->months() != now.months()) continue;
      if (!b.previous || *table.columns[*b.previous].period < *c.period) b.previous = i;
    }
    return true;
  }

  std::optional<Binding> bind(const ast::Reference& ref, bool cumulative) {
    Binding b;
    b.text = ref.to_string();
    if (ref.path.empty()) {  // no `data` line, already reported by the checker
      failed_ = true;
      return std::nullopt;
    }
    b.table = find_table(ref.path.front());
    if (!b.table) return std::nullopt;
    if (ref.path.size() < 2) {
      error("E0212", ref.span, fmt::format("'{}' names a table, not a row", b.text))
          .help(fmt::format("name a row of the table, as in {}.{}", b.text,
                            b.table->rows.empty() ? "row" : b.table->rows.front().id));
      return std::nullopt;
    }
    const std::vector<Row>* rows = &b.table->rows;
    std::string path = b.table->id;
    for (std::size_t i = 1; i < ref.path.size(); ++i) {
      const ast::Name& part = ref.path[i];
      auto it = std::find_if(rows->begin(), rows->end(), [&](const Row& r) { return r.id == part.text; });
      if (it == rows->end()) {
        unknown_row(part, *rows, path, i == 1, false);
        return std::nullopt;
      }
      b.row = &*it;
      path += "." + it->id;
      rows = &it->rows;
    }
    if (b.row->values.empty()) {
      no_figures(ref.span, *b.row, path,
                 b.row->rows.empty()
                     ? "give the row 'values' in the dataset"
                     : fmt::format("name one of its rows, as in {}.{}", path, b.row->rows.front().id));
      return std::nullopt;
    }
    if (ref.column) {
      auto column = find_column(*b.table, *ref.column);
      if (!column) return std::nullopt;
      b.current = *column;
      return b;
    }
    if (!period_columns(*b.table, cumulative, b, ref.span)) return std::nullopt;
    return b;
  }

  Observation observe(const Table& table, const Row& row, std::size_t column) const {
    const Column& c = table.columns[column];
    return {row.values[column], c.id, c.label, c.period};
  }

  // Comparison with the direction: better, worse or equal, by value.
  static Trend trend_of(const std::optional<Observation>& now, const std::optional<Observation>& before,
                        ast::Direction direction) {
    if (!now || !before || !now->value.is_number() || !before->value.is_number()) return Trend::none;
    const auto order = now->value.number <=> before->value.number;
    if (order == 0) return Trend::unchanged;
    if (direction == ast::Direction::unspecified) return Trend::none;
    const bool higher = order > 0;
    return higher == (direction == ast::Direction::higher) ? Trend::improved : Trend::worsened;
  }

  static bool compare(std::strong_ordering order, ast::Comparator comparator) {
    switch (comparator) {
      case ast::Comparator::ge:
        return order >= 0;
      case ast::Comparator::le:
        return order <= 0;
      case ast::Comparator::gt:
        return order > 0;
      case ast::Comparator::lt:
        return order < 0;
      case ast::Comparator::eq:
        return order == 0;
      case ast::Comparator::range:
        return false;  // handled by the caller
    }
    return false;
  }

  static Verdict absent_verdict(const Value& v) {
    return v.absence == Absence::not_applicable ? Verdict::not_applicable : Verdict::no_data;
  }

  void warn_percent(const ItemResult& r) {
    if (!r.current || !r.current->value.is_number() || !r.current->value.percent) return;
    if (r.unit == Unit::percent) return;
    sink_
        .warning("W0301", r.current->value.span,
                 fmt::format("'{}' is written as a percentage but '{}' has unit {}", r.current->value.text,
                             r.id, to_string(r.unit)))
        .note(fmt::format("'{}' is declared here", r.id), r.rule_span);
  }

  // bound * months / 12 for display: exact when a finite decimal is (220 000 * 3/12 = 55 000,
  // 1 * 3/12 = 0,25), otherwise rounded two decimals finer than the value.
  static Decimal pro_rated(const Decimal& bound, int months, int value_scale) {
    for (int scale = bound.scale(); scale <= Decimal::max_scale; ++scale) {
      auto exact = bound.scaled_by(months, 12, scale);
      if (exact && Decimal::compare_scaled(*exact, 12, bound, months) == 0)
        return exact->trimmed(bound.scale());
    }
    const int scale = std::min(std::max(bound.scale(), value_scale) + 2, Decimal::max_scale);
    return bound.scaled_by(months, 12, scale).value_or(bound);
  }

  // The verdict of one value against the target, filling reference and gap.
  void judge(ItemResult& r) {
    const ast::Target& t = r.target;
    if (t.kind == ast::Target::Kind::pending) {
      r.verdict = Verdict::pending;
      return;
    }
    if (t.kind == ast::Target::Kind::none) {
      r.verdict = Verdict::no_target;
      return;
    }
    if (t.annual) r.months_elapsed = data_.report.period.months();
    const Value& v = r.current->value;
    if (v.kind == Value::Kind::absent) {
      r.verdict = absent_verdict(v);
      return;
    }
    if (v.kind == Value::Kind::text) {
      sink_.warning("W0302", v.span,
                    fmt::format("'{}' is text, not a number; '{}' has no value", v.text, r.id));
      r.verdict = Verdict::no_data;
      return;
    }
    const Decimal& x = v.number;
    if (t.comparator == ast::Comparator::range) {
      const bool inside = x >= t.value && x <= t.upper;
      r.verdict = inside ? Verdict::met : Verdict::not_met;
      r.reference = x < t.value ? t.value : t.upper;
      r.gap = inside ? Decimal::integer(0) : x.minus(*r.reference);
      return;
    }
    if (t.annual) {
      const int months = r.months_elapsed;
      // x against bound * months / 12, compared exactly as x * 12 against bound * months.
      const auto order = Decimal::compare_scaled(x, 12, t.value, months);
      r.verdict = compare(order, t.comparator) ? Verdict::on_track : Verdict::behind;
      r.reference = pro_rated(t.value, months, x.scale());
      r.gap = x.minus(*r.reference);
      return;
    }
    r.verdict = compare(x <=> t.value, t.comparator) ? Verdict::met : Verdict::not_met;
    r.reference = t.value;
    r.gap = x.minus(t.value);
  }

  // A result for an indicator or one of its breakdown rows, before it is bound.
  static ItemResult start(ItemResult::Kind kind, const Indicator& in, const std::string& id,
                          const std::string& name, Span span) {
    ItemResult r;
    r.kind = kind;
    r.id = id;
    r.name = name;
    r.rule_span = span;
    r.group = in.group;
    r.unit = in.unit;
    r.direction = in.direction;
    r.target = in.target;
    return r;
  }

  std::optional<ItemResult> indicator(const Indicator& in) {
    ItemResult r = start(ItemResult::Kind::indicator, in, in.id, in.name, in.span);
    auto b = bind(in.data, in.cumulative);
    if (!b) return std::nullopt;
    fill(r, *b);
    for (const Breakdown& bd : in.breakdowns) {
      ItemResult sub = start(ItemResult::Kind::breakdown, in, bd.id, bd.name, bd.span);
      if (auto sb = bind(bd.data, in.cumulative)) {
        fill(sub, *sb);
        r.breakdowns.push_back(std::move(sub));
      }
    }
    return r;
  }

  void fill(ItemResult& r, const Binding& b) {
    r.data_ref = b.text;
    r.current = observe(*b.table, *b.row, b.current);
    if (b.previous) r.previous = observe(*b.table, *b.row, *b.previous);
    r.trend = trend_of(r.current, r.previous, r.direction);
    judge(r);
    warn_percent(r);
  }

  std::vector<ItemResult> budget(const Budget& in) {
    std::vector<ItemResult> out;
    const Table* table = find_table(in.table);
    if (!table) return out;
    const auto outcome = find_column(*table, in.outcome);
    const auto budget_col = find_column(*table, in.budget);
    std::optional<std::size_t> reported, previous;
    if (in.reported) reported = find_column(*table, *in.reported);
    if (in.previous) previous = find_column(*table, *in.previous);
    if (!outcome || !budget_col || (in.reported && !reported) || (in.previous && !previous)) return out;

    std::vector<const Row*> rows;
    if (in.lines.empty()) {
      for (const Row& row : table->rows) {
        if (!row.values.empty()) rows.push_back(&row);
      }
    } else {
      for (const ast::Name& line : in.lines) {
        const Row* row = table->row(line.text);
        if (!row) {
          unknown_row(line, table->rows, table->id, true, true);
        } else if (row->values.empty()) {
          no_figures(line.span, *row, table->id + "." + row->id,
                     "a budget's lines are rows of its table that have figures; leave this one out");
        } else if (std::find(rows.begin(), rows.end(), row) == rows.end()) {  // E0210 reports repeats
          rows.push_back(row);
        }
      }
    }
    for (const Row* row : rows) {
      ItemResult r;
      r.kind = ItemResult::Kind::budget_line;
      r.id = in.id + "_" + row->id;
      r.name = row->label;
      r.rule_span = in.span;
      r.group = in.group;
      r.unit = Unit::tkr;
      r.direction = in.favourable;
      r.budget_id = in.id;
      r.budget_name = in.name;
      r.data_ref = fmt::format("{}.{}", table->id, row->id);
      r.materiality = in.materiality;
      r.current = observe(*table, *row, *outcome);
      r.budget = observe(*table, *row, *budget_col);
      if (reported) r.reported_deviation = observe(*table, *row, *reported);
      if (previous) r.previous = observe(*table, *row, *previous);
      r.trend = trend_of(r.current, r.previous, r.direction);
      judge_budget_line(r);
      auto [clash, inserted] = ids_.emplace(r.id, fmt::format("a line of budget '{}'", in.id));
      if (!inserted) {
        error("E0217", in.span,
              fmt::format("budget '{}' generates the line id '{}', which is already the id of {}", in.id,
                          r.id, clash->second))
            .help(
                "a budget line's id is the budget id, '_' and the row id, and must differ from every other "
                "id; rename the budget or the row");
      }
      out.push_back(std::move(r));
    }
    return out;
  }

  void judge_budget_line(ItemResult& r) {
    const Value& outcome = r.current->value;
    const Value& budget = r.budget->value;
    if (!outcome.is_number() || !budget.is_number()) {
      const Value& missing = outcome.is_number() ? budget : outcome;
      if (missing.kind == Value::Kind::text) {
        sink_.warning("W0302", missing.span,
                      fmt::format("'{}' in column '{}' is text, not a number; budget line '{}' has no value",
                                  missing.text,
                                  outcome.is_number() ? r.budget->column_id : r.current->column_id, r.id));
      }
      r.verdict = missing.kind == Value::Kind::absent ? absent_verdict(missing) : Verdict::no_data;
      return;
    }
    r.reference = budget.number;
    r.deviation = outcome.number.minus(budget.number);
    if (!r.deviation) {
      sink_.warning("W0304", outcome.span,
                    fmt::format("the deviation of '{}' is too large to compute", r.id));
      r.verdict = Verdict::no_data;
      return;
    }
    r.gap = r.deviation;
    const Decimal& d = *r.deviation;
    r.favourable = d.is_zero() || (d.is_negative() == (r.direction == ast::Direction::lower));
    r.significant = !d.is_zero() && (!r.materiality || d.abs() >= *r.materiality);
    r.verdict = (!r.favourable && r.significant) ? Verdict::not_met : Verdict::met;
    // The table's own deviation column, under either sign convention.
    if (r.reported_deviation && r.reported_deviation->value.is_number()) {
      const Decimal& shown = r.reported_deviation->value.number;
      if (shown != d && shown != d.negated()) {
        sink_
            .warning("W0303", r.reported_deviation->value.span,
                     fmt::format("reported deviation {} differs from outcome − budget = {} for '{}'",
                                 r.reported_deviation->value.text, format_sv(d), r.id))
            .note(fmt::format("outcome {} and budget {}", outcome.text, budget.text), outcome.span);
      }
    }
  }

  const RuleSet& rules_;
  const Dataset& data_;
  DiagnosticSink& sink_;
  std::map<std::string, std::string> ids_;  // every id in use -> what it names
  bool failed_ = false;
};

}  // namespace

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::met:
      return "met";
    case Verdict::not_met:
      return "not_met";
    case Verdict::on_track:
      return "on_track";
    case Verdict::behind:
      return "behind";
    case Verdict::no_data:
      return "no_data";
    case Verdict::pending:
      return "pending";
    case Verdict::not_applicable:
      return "not_applicable";
    case Verdict::no_target:
      return "no_target";
  }
  return "?";
}

std::string_view to_string(Trend trend) {
  switch (trend) {
    case Trend::none:
      return "none";
    case Trend::improved:
      return "improved";
    case Trend::worsened:
      return "worsened";
    case Trend::unchanged:
      return "unchanged";
  }
  return "?";
}

bool is_shortfall(Verdict verdict) {
  return verdict == Verdict::not_met || verdict == Verdict::behind;
}

std::optional<Results> evaluate(const RuleSet& rules, const Dataset& dataset, DiagnosticSink& sink) {
  return Evaluator(rules, dataset, sink).run();
}

}  // namespace attain
