#include "attain/evaluate.hpp"

#include <algorithm>
#include <exception>
#include <map>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

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
  Evaluator(const RuleSet& rules, const Dataset& dataset, DiagnosticSink& sink,
            const EvaluateOptions& options)
      : rules_(rules), data_(&dataset), sink_(sink), options_(options) {
    // Generated budget-line ids must not collide with any declared id.
    for (const Group& g : rules.groups)
      ids_.emplace(g.id, fmt::format("{} '{}'", ast::to_string(g.level), g.id));
    // (Only budget lines are generated; without budgets the map is not needed.)
    if (!rules.budgets.empty()) {
      for (const std::string& id : rules.indicator_ids()) ids_.emplace(id, fmt::format("indicator '{}'", id));
    }
    for (const Budget& b : rules.budgets) ids_.emplace(b.id, fmt::format("budget '{}'", b.id));
    for (const DataCheck& c : rules.checks) ids_.emplace(c.id, fmt::format("check '{}'", c.id));
    for (const auto& [name, value] : rules.constants) ids_.emplace(name, fmt::format("constant '{}'", name));
    for (const auto& [name, weights] : rules.profiles) ids_.emplace(name, fmt::format("profile '{}'", name));
  }

  // `placed`, when given, is shown each indicator's result with its index in
  // rules_.items, in that order, once all are made (before the budgets' lines).
  std::optional<Results> run(
      const std::function<void(std::size_t item, const ItemResult&)>* placed = nullptr) {
    Results out;
    out.report = data_->report;
    out.dataset_file = data_->file;
    out.groups = rules_.groups;
    // Each indicator's result is made in its place in `out.items`, the place of its
    // item in rules_.items, so 290 000 results are never held twice; the places of
    // indicators without a result and of budgets are settled at the end. Indicators that
    // read the dataset first, then derived ones in dependency order.
    const std::size_t count = rules_.items.size();
    out.items.resize(count);
    std::vector<char> present(count, 0);
    // Only expressions (derived indicators, data checks) look results up by id.
    const bool named = !rules_.derived_order.empty() || !rules_.checks.empty();
    for (std::size_t k = 0; k < count; ++k) {
      const RuleItem& item = rules_.items[k];
      if (item.kind != RuleItem::Kind::indicator || rules_.indicators[item.index].value) continue;
      if (auto r = indicator(item)) {
        out.items[k] = std::move(*r);
        present[k] = 1;
        if (named) by_id_[out.items[k].id] = &out.items[k];
      }
    }
    for (std::size_t k : rules_.derived_order) {
      out.items[k] = derived(rules_.items[k]);
      present[k] = 1;
      by_id_[out.items[k].id] = &out.items[k];
    }
    // Data checks may name indicators: run them while the results are in their places.
    for (const DataCheck& c : rules_.checks) {
      for (CheckResult& r : data_check(c)) out.checks.push_back(std::move(r));
    }
    for (CheckResult& c : breakdown_checks_) out.checks.push_back(std::move(c));
    for (std::size_t k = 0; placed && k < count; ++k) {
      if (present[k]) (*placed)(k, out.items[k]);
    }
    by_id_.clear();  // the results move below
    std::size_t kept = 0;
    for (std::size_t k = 0; k < count; ++k) {
      if (!present[k]) continue;
      if (kept != k) out.items[kept] = std::move(out.items[k]);
      ++kept;
    }
    out.items.erase(out.items.begin() + static_cast<std::ptrdiff_t>(kept), out.items.end());
    std::size_t at = 0;  // where the next budget's lines go
    for (std::size_t k = 0; k < count; ++k) {
      const RuleItem& item = rules_.items[k];
      if (item.kind == RuleItem::Kind::indicator) {
        at += present[k];
        continue;
      }
      std::vector<ItemResult> lines = budget(rules_.budgets[item.index]);
      out.items.insert(out.items.begin() + static_cast<std::ptrdiff_t>(at),
                       std::make_move_iterator(lines.begin()), std::make_move_iterator(lines.end()));
      at += lines.size();
    }
    out.rollups = rollups(out);
    std::sort(read_.begin(), read_.end(), std::less<>{});  // for unread()'s binary search
    for (const Table& t : data_->tables) unread(t.rows, t.id, out.unread_rows);
    if (failed_) return std::nullopt;
    return out;
  }

  // Goes on with another dataset: the next table of one file, read alone (TableVerdicts).
  // Forgets what it found in the one before.
  void use(const Dataset& dataset) {
    data_ = &dataset;
    row_index_.clear();
    shared_.reset();
    read_.clear();
    last_read_ = nullptr;
  }

  // What run() does for items [from, to) of rules_.items, handing over each indicator
  // item's verdict (with its index in rules_.items) instead of keeping results; with
  // `budgets`, the budgets after them, evaluated for their messages. Only without derived
  // indicators and data checks, which look results up by id. False where run() gives
  // nullopt. A family member is judged without a result of its own where it can be
  // (member_verdict); the rest take indicator(), so the verdicts and the messages are
  // run()'s.
  bool each_verdict(std::size_t from, std::size_t to, bool budgets,
                    const std::function<void(std::size_t item, Verdict)>& each) {
    for (std::size_t k = from; k < to; ++k) {
      const RuleItem& item = rules_.items[k];
      // (An indicator with a value here is in a cycle, E0224: not evaluated, as in run().)
      if (item.kind != RuleItem::Kind::indicator || rules_.indicators[item.index].value) continue;
      if (const std::optional<Verdict> v = member_verdict(item)) {
        each(k, *v);
      } else if (auto r = indicator(item)) {
        each(k, r->verdict);
      }
    }
    if (budgets) {
      for (const Budget& b : rules_.budgets) budget(b);
    }
    return !failed_;
  }

 private:
  bool is_indicator(const std::string& id) {
    if (indicator_ids_.empty()) {
      for (std::string& i : rules_.indicator_ids()) indicator_ids_.insert(std::move(i));
    }
    return indicator_ids_.count(id) > 0;
  }

  // Reports an error once per place and code: expressions are evaluated several times
  // (current and previous period, each row and column of a data check).
  Diagnostic& error(std::string code, Span span, std::string message) {
    failed_ = true;
    if (!reported_.emplace(span.file, span.begin, code).second) {
      scratch_ = Diagnostic{};
      return scratch_;
    }
    return sink_.error(std::move(code), span, std::move(message));
  }

  // A row of `rows` by id, through an index built on first use (the rows by id, 8 bytes
  // each), so that a rule set of 100 000 indicators over a table of 100 000 rows binds
  // in n log n time. Small tables are scanned.
  const Row* find_row(const std::vector<Row>& rows, std::string_view id) {
    if (rows.size() <= 16) {
      for (const Row& r : rows) {
        if (r.id == id) return &r;
      }
      return nullptr;
    }
    std::vector<const Row*>& index = row_index_[&rows];
    if (index.empty()) {
      index.reserve(rows.size());
      for (const Row& r : rows) index.push_back(&r);
      std::sort(index.begin(), index.end(), [](const Row* a, const Row* b) { return a->id < b->id; });
    }
    const auto it = std::lower_bound(index.begin(), index.end(), id,
                                     [](const Row* r, std::string_view v) { return r->id < v; });
    return it != index.end() && (*it)->id == id ? *it : nullptr;  // ids are unique (E0306)
  }

  const Table* find_table(const ast::Name& name) {
    if (name.text.empty()) {  // missing in the rules, already reported by the checker
      failed_ = true;
      return nullptr;
    }
    if (const Table* t = data_->table(name.text)) return t;
    std::vector<std::string> ids;
    for (const Table& t : data_->tables) ids.push_back(t.id);
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

  // The table's actual column for the report period (the last, if several are).
  std::optional<std::size_t> report_column(const Table& table) const {
    std::optional<std::size_t> current;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      const Column& c = table.columns[i];
      if (c.kind == ColumnKind::actual && c.period && *c.period == data_->report.period) current = i;
    }
    return current;
  }

  // The actual column for the report period, and the latest earlier actual column (of
  // the same length when the values accumulate over the year).
  bool period_columns(const Table& table, bool cumulative, const ast::Comparison& with, Binding& b,
                      Span where) {
    const Period now = data_->report.period;
    const std::optional<std::size_t> current = report_column(table);
    if (!current) {
      error("E0215", where,
            fmt::format("dataset table '{}' has no actual column for the report period {}", table.id,
                        now.to_string()))
          .note("the report period is set under 'report: period:' in the dataset", std::nullopt)
          .help(fmt::format("name a column explicitly, as in {}@column", b.text));
      return false;
    }
    b.current = *current;
    // The earlier column: by default the latest one before the report period (of the same
    // length when values accumulate); or the same period a year earlier; or a named one.
    std::optional<Period> wanted;
    if (with.kind == ast::Comparison::Kind::same_period_last_year)
      wanted = Period{now.year - 1, now.month, now.full_year};
    if (with.kind == ast::Comparison::Kind::named_period) wanted = parse_period(with.period);
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      const Column& c = table.columns[i];
      if (c.kind != ColumnKind::actual || !c.period) continue;
      if (with.kind != ast::Comparison::Kind::previous_period) {
        if (wanted && *c.period == *wanted && c.period->full_year == wanted->full_year) b.previous = i;
        continue;
      }
      if (!(*c.period < now)) continue;
      if (cumulative && c.period->months() != now.months()) continue;
      if (!b.previous || *table.columns[*b.previous].period < *c.period) b.previous = i;
    }
    return true;
  }

  std::optional<Binding> bind(const ast::Reference& ref, bool cumulative, const ast::Name* column = nullptr,
                              const ast::Comparison& with = {}) {
    Binding b;
    b.text = ref.to_string();
    // No data line, or a '*' outside a family or aggregate: reported by the checker
    // (E0205, E0225, E0237); '*' of a data check's row is replaced before it gets here.
    if (ref.path.empty() || ref.has_wildcard()) {
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
      const Row* row = find_row(*rows, part.text);
      if (!row) {
        unknown_row(part, *rows, path, i == 1, false);
        return std::nullopt;
      }
      b.row = row;
      path += "." + row->id;
      rows = &row->rows;
    }
    if (!b.row->has_values()) {
      no_figures(ref.span, *b.row, path,
                 b.row->rows.empty()
                     ? "give the row 'values' in the dataset"
                     : fmt::format("name one of its rows, as in {}.{}", path, b.row->rows.front().id));
      return std::nullopt;
    }
    if (ref.column || column) {
      auto index = find_column(*b.table, ref.column ? *ref.column : *column);
      if (!index) return std::nullopt;
      b.current = *index;
      return b;
    }
    if (!period_columns(*b.table, cumulative, with, b, ref.span)) return std::nullopt;
    return b;
  }

  // ---- Expressions -------------------------------------------------------------------

  // A computed value, or why there is none, with every dataset cell it was computed from.
  struct Quantity {
    std::optional<Decimal> value;
    Absence absence = Absence::blank;  // when there is no value and no error
    bool error = false;                // division by zero, overflow: verdict `error`
    std::string reason;
    std::vector<Observation> inputs;
  };

  struct Context {
    bool previous = false;              // read the previous period's columns
    bool cumulative = false;            // choose a previous column of the same length
    const ast::Name* column = nullptr;  // a data check's column for references without @
    const std::string* row = nullptr;   // a data check's row, for '*' outside aggregates
  };

  static Quantity failure(std::string reason) {
    Quantity q;
    q.error = true;
    q.reason = std::move(reason);
    return q;
  }

  // How strongly an absence counts when operands combine: an error beats missing data,
  // which beats "not applicable".
  static int weight(const Quantity& q) {
    if (q.error) return 6;
    switch (q.absence) {
      case Absence::no_data:
        return 5;
      case Absence::confidential:
        return 4;
      case Absence::not_published:
        return 3;
      case Absence::blank:
        return 2;
      case Absence::pending:
        return 1;
      case Absence::not_applicable:
        return 0;
    }
    return 0;
  }

  // The result of an operation with an operand missing: the stronger reason, all inputs.
  static Quantity absent_of(Quantity a, Quantity b) {
    const bool take_a = !a.value && (b.value || weight(a) >= weight(b));
    Quantity out = take_a ? std::move(a) : std::move(b);
    out.value.reset();
    return out;
  }

  static void merge_inputs(Quantity& into, const Quantity& from) {
    into.inputs.insert(into.inputs.end(), from.inputs.begin(), from.inputs.end());
  }

  Quantity cell(const Table& table, const Row& row, std::size_t column) {
    Quantity q;
    const Observation o = observe(table, row, column);
    q.inputs.push_back(o);
    const Value& v = o.value;
    if (v.is_number()) {
      q.value = v.number;
    } else if (v.kind == Value::Kind::text) {
      q.absence = Absence::no_data;
      q.reason = fmt::format("'{}' is text, not a number", v.text);
    } else {
      q.absence = v.absence;
    }
    return q;
  }

  // '*' replaced by the data check's current row.
  static ast::Reference with_row(const ast::Reference& ref, const std::string& row) {
    ast::Reference out = ref;
    for (ast::Name& part : out.path) {
      if (part.text == "*") part.text = row;
    }
    return out;
  }

  Quantity reference(const ast::Reference& written, const Context& cx) {
    if (written.has_wildcard() && !cx.row) {  // E0225, reported by the checker
      failed_ = true;
      return failure(fmt::format("'{}' stands for several rows", written.to_string()));
    }
    const ast::Reference ref = cx.row && written.has_wildcard() ? with_row(written, *cx.row) : written;
    auto b = bind(ref, cx.cumulative, cx.column);
    if (!b) return failure(fmt::format("'{}' cannot be read", ref.to_string()));
    if (!cx.previous || ref.column || cx.column) {
      if (cx.previous && (ref.column || cx.column)) {  // a fixed column has no previous period
        Quantity q;
        q.reason = "a fixed column has no earlier period";
        return q;
      }
      return cell(*b->table, *b->row, b->current);
    }
    if (!b->previous) {
      Quantity q;
      q.reason = "no earlier period in the table";
      return q;
    }
    return cell(*b->table, *b->row, *b->previous);
  }

  // A row a pattern stands for, with the ids from the table down to it.
  struct Match {
    const Table* table;
    const Row* row;
    std::vector<std::string> path;
  };

  // Every row a pattern with '*' stands for (header rows without figures are passed over).
  std::vector<Match> expand(const ast::Reference& ref) {
    std::vector<Match> out;
    const Table* table = find_table(ref.path.front());
    if (!table) return out;
    std::vector<Match> level;
    for (const Row& r : table->rows) level.push_back({table, &r, {r.id}});
    const auto excluded = [&](const Row& r) {
      return std::any_of(ref.except.begin(), ref.except.end(),
                         [&](const ast::Name& n) { return n.text == r.id; });
    };
    const std::size_t errors_before = sink_.error_count();
    const auto warn_empty = [&]() {
      if (out.empty() && sink_.error_count() == errors_before &&
          reported_.emplace(ref.span.file, ref.span.begin, "W0305").second) {
        sink_.warning("W0305", ref.span, fmt::format("'{}' matches no row with figures", ref.to_string()));
      }
    };
    for (std::size_t i = 1; i < ref.path.size(); ++i) {
      const ast::Name& part = ref.path[i];
      if (part.text == "*") {  // every name in `except` must be a row at this level
        for (const ast::Name& left_out : ref.except) {
          const bool known = std::any_of(level.begin(), level.end(),
                                         [&](const Match& m) { return m.row->id == left_out.text; });
          if (known) continue;
          std::vector<std::string> ids;
          for (const Match& m : level) ids.push_back(m.row->id);
          Diagnostic& d = error(
              "E0213", left_out.span,
              fmt::format("unknown row '{}' after 'except' in dataset table '{}'", left_out.text, table->id));
          if (auto best = closest_match(left_out.text, ids)) d.help(fmt::format("did you mean '{}'?", *best));
        }
      }
      std::vector<Match> matched;
      for (const Match& m : level) {
        if (part.text == "*" ? !excluded(*m.row) : m.row->id == part.text) matched.push_back(m);
      }
      if (matched.empty() && part.text != "*") {
        error("E0213", part.span,
              fmt::format("no row '{}' in dataset table '{}' at this level", part.text, table->id));
      }
      if (i + 1 == ref.path.size()) {
        for (Match& m : matched) {
          if (m.row->has_values()) out.push_back(std::move(m));
        }
      } else {
        level.clear();
        for (const Match& m : matched) {
          for (const Row& child : m.row->rows) {
            Match next{table, &child, m.path};
            next.path.push_back(child.id);
            level.push_back(std::move(next));
          }
        }
      }
    }
    warn_empty();
    return out;
  }

  // The values an aggregate's argument stands for.
  std::vector<Quantity> arguments(const ast::Expr& arg, const Context& cx) {
    std::vector<Quantity> out;
    if (arg.kind != ast::Expr::Kind::reference || !arg.reference.has_wildcard()) {
      out.push_back(eval(arg, cx));
      return out;
    }
    Context inner = cx;
    inner.row = nullptr;  // inside an aggregate '*' means every row
    for (const Match& m : expand(arg.reference)) {
      ast::Reference one = arg.reference;
      one.except.clear();
      one.path.resize(1);
      for (const std::string& id : m.path) one.path.push_back({id, arg.reference.span});
      out.push_back(reference(one, inner));
    }
    return out;
  }

  Quantity call(const ast::Expr& e, const Context& cx) {
    std::vector<Quantity> items;
    for (const ast::ExprPtr& arg : e.operands) {
      for (Quantity& q : arguments(*arg, cx)) items.push_back(std::move(q));
    }
    Quantity out;
    for (const Quantity& q : items) merge_inputs(out, q);
    if (e.function == ast::Function::share) {
      if (items.size() != 2) return failure("share needs one part and one whole");
      Quantity q = divide(items[0], items[1], true, std::move(out.inputs));
      if (q.error && q.reason == "division by zero") warn_division_by_zero(e.span, items[1]);
      return q;
    }
    // Not applicable items are left out; anything else missing makes the result missing.
    std::vector<Decimal> values;
    Quantity worst;
    worst.absence = Absence::not_applicable;
    bool missing = false;
    for (const Quantity& q : items) {
      if (q.value)
        values.push_back(*q.value);
      else if (q.error || q.absence != Absence::not_applicable) {
        if (!missing || weight(q) > weight(worst)) worst = q;
        missing = true;
      }
    }
    if (missing) {
      worst.inputs = std::move(out.inputs);
      return worst;
    }
    if (e.function == ast::Function::count) {
      out.value = Decimal::integer(static_cast<std::int64_t>(values.size()));
      return out;
    }
    if (values.empty()) {
      out.absence = Absence::not_applicable;
      out.reason = "every value is not applicable";
      return out;
    }
    Decimal acc = values.front();
    int scale = acc.scale();
    for (std::size_t i = 1; i < values.size(); ++i) {
      scale = std::max(scale, values[i].scale());
      if (e.function == ast::Function::min)
        acc = std::min(acc, values[i]);
      else if (e.function == ast::Function::max)
        acc = std::max(acc, values[i]);
      else if (auto sum = acc.plus(values[i]))
        acc = *sum;
      else
        return failure("the sum is too large");
    }
    if (e.function == ast::Function::avg) {
      auto mean = acc.divided_by(Decimal::integer(static_cast<std::int64_t>(values.size())),
                                 std::min(scale + 4, Decimal::max_scale));
      if (!mean) return failure("the mean is too large");
      acc = mean->trimmed(scale);
    }
    out.value = acc;
    return out;
  }

  // a / b, or a / b × 100 for a share; dividing by zero is an error, not a number.
  static Quantity divide(const Quantity& a, const Quantity& b, bool percent,
                         std::vector<Observation> inputs) {
    if (!a.value || !b.value) {
      Quantity q = absent_of(a, b);
      q.inputs = std::move(inputs);
      return q;
    }
    if (b.value->is_zero()) {
      Quantity q = failure("division by zero");
      q.inputs = std::move(inputs);
      return q;
    }
    const int scale = std::min(std::max(a.value->scale(), b.value->scale()) + 4, Decimal::max_scale);
    std::optional<Decimal> numerator = percent ? a.value->times(Decimal::integer(100)) : a.value;
    std::optional<Decimal> q = numerator ? numerator->divided_by(*b.value, scale) : std::nullopt;
    if (!q) {
      Quantity f = failure("the quotient is too large");
      f.inputs = std::move(inputs);
      return f;
    }
    Quantity out;
    out.value = q->trimmed(0);
    out.inputs = std::move(inputs);
    return out;
  }

  Quantity eval(const ast::Expr& e, const Context& cx) {
    using K = ast::Expr::Kind;
    switch (e.kind) {
      case K::number: {
        Quantity q;
        q.value = e.number;
        return q;
      }
      case K::reference:
        return reference(e.reference, cx);
      case K::name:
        return named(e, cx);
      case K::call:
        return call(e, cx);
      case K::negate: {
        Quantity q = eval(*e.operands.at(0), cx);
        if (q.value) q.value = q.value->negated();
        return q;
      }
      default:
        break;
    }
    Quantity a = eval(*e.operands.at(0), cx);
    Quantity b = eval(*e.operands.at(1), cx);
    std::vector<Observation> inputs = a.inputs;
    inputs.insert(inputs.end(), b.inputs.begin(), b.inputs.end());
    if (e.kind == K::divide) {
      Quantity q = divide(a, b, false, std::move(inputs));
      if (q.error && q.reason == "division by zero") warn_division_by_zero(e.span, b);
      return q;
    }
    if (!a.value || !b.value) {
      Quantity q = absent_of(std::move(a), std::move(b));
      q.inputs = std::move(inputs);
      return q;
    }
    std::optional<Decimal> v = e.kind == K::add        ? a.value->plus(*b.value)
                               : e.kind == K::subtract ? a.value->minus(*b.value)
                                                       : a.value->times(*b.value);
    Quantity out = v ? Quantity{} : failure("the result is too large");
    out.value = v;
    out.inputs = std::move(inputs);
    return out;
  }

  // A zero divisor read from the dataset: the result is the verdict `error`; say where.
  void warn_division_by_zero(Span where, const Quantity& divisor) {
    if (!reported_.emplace(where.file, where.begin, "W0306").second) return;
    Diagnostic& d = sink_.warning("W0306", where, "division by zero: the divisor is 0 in the dataset");
    for (const Observation& o : divisor.inputs) {
      if (o.value.is_number() && o.value.number.is_zero()) {
        d.note(fmt::format("'{}' in column '{}' is the zero", o.value.text, o.column_id), o.value.span);
        break;
      }
    }
  }

  // An indicator named in an expression: its value for the period asked.
  Quantity named(const ast::Expr& e, const Context& cx) {
    if (!is_indicator(e.name.text)) {
      auto c = rules_.constants.find(e.name.text);
      if (c != rules_.constants.end()) {
        Quantity q;
        q.value = c->second;
        return q;
      }
    }
    auto it = by_id_.find(e.name.text);
    if (it == by_id_.end()) return failure(fmt::format("'{}' has no value", e.name.text));
    const ItemResult& r = *it->second;
    const std::optional<Observation>& o = cx.previous ? r.previous : r.current;
    Quantity q;
    if (!o) {
      q.reason = fmt::format("'{}' has no value for that period", r.id);
      return q;
    }
    // A derived indicator's current value lists the cells it came from; otherwise (and
    // for the previous period) the indicator's own cell is the input.
    q.inputs = cx.previous || r.inputs.empty() ? std::vector<Observation>{*o} : r.inputs;
    if (r.verdict == Verdict::error) return failure(r.reason);
    if (o->value.is_number()) {
      q.value = o->value.number;
    } else if (o->value.kind == Value::Kind::text) {
      q.absence = Absence::no_data;
      q.reason = fmt::format("'{}' is text, not a number", o->value.text);
    } else {
      q.absence = o->value.absence;
    }
    return q;
  }

  Observation observe(const Table& table, const Row& row, std::size_t column) {
    if (&row != last_read_) {  // one entry per row read in a row, not per cell
      read_.push_back(&row);
      last_read_ = &row;
    }
    const Column& c = table.columns[column];
    return {table.value(row, column), c.id, c.label, c.period};
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

  // The share of the year's target due by now: months/12, or a profile's weights for
  // the months elapsed over all twelve.
  std::pair<Decimal, Decimal> year_share(const ast::Target& t, int months) const {
    if (t.profile) {
      auto it = rules_.profiles.find(t.profile->text);
      if (it != rules_.profiles.end()) {
        Decimal elapsed, total;
        for (std::size_t m = 0; m < it->second.size(); ++m) {
          total = total.plus(it->second[m]).value_or(total);
          if (m < static_cast<std::size_t>(months)) elapsed = elapsed.plus(it->second[m]).value_or(elapsed);
        }
        return {elapsed, total};
      }
    }
    return {Decimal::integer(months), Decimal::integer(12)};
  }

  // bound * elapsed / total for display: exact when a finite decimal is (220 000 * 3/12
  // = 55 000, 1 * 3/12 = 0,25), otherwise rounded two decimals finer than the value.
  static Decimal pro_rated(const Decimal& bound, const Decimal& elapsed, const Decimal& total,
                           int value_scale) {
    const auto numerator = bound.times(elapsed);
    if (!numerator) return bound;
    for (int scale = bound.scale(); scale <= Decimal::max_scale; ++scale) {
      auto exact = numerator->divided_by(total, scale);
      if (exact && exact->times(total) == numerator) return exact->trimmed(bound.scale());
    }
    const int scale = std::min(std::max(bound.scale(), value_scale) + 2, Decimal::max_scale);
    return numerator->divided_by(total, scale).value_or(bound);
  }

  // The verdict of one value against the target, filling reference and gap.
  void judge(ItemResult& r) {
    const ast::Target& t = r.target;  // a relative bound is resolved in place below
    if (!r.bands.empty()) return judge_bands(r);
    if (t.kind == ast::Target::Kind::pending) {
      r.verdict = Verdict::pending;
      return;
    }
    if (t.kind == ast::Target::Kind::none) {
      r.verdict = Verdict::no_target;
      return;
    }
    if (t.annual) r.months_elapsed = data_->report.period.months();
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
    // A relative target: the comparison value plus the offset.
    ast::Target& target = r.target;
    if (target.relative) {
      if (!r.previous || !r.previous->value.is_number()) {
        r.verdict = Verdict::no_data;
        r.reason = "no value for the period compared with";
        return;
      }
      auto bound = r.previous->value.number.plus(target.value);
      if (!bound) {
        r.verdict = Verdict::error;
        r.reason = "the result is too large";
        return;
      }
      r.relative_offset = target.value;
      target.value = *bound;
    }
    const Decimal x = compared_value(r, v.number);
    if (t.comparator == ast::Comparator::range) {
      const bool inside = x >= t.value && x <= t.upper;
      r.reference = x < t.value ? t.value : t.upper;
      r.gap = inside ? Decimal::integer(0) : x.minus(*r.reference);
      r.verdict = inside ? Verdict::met
                         : (within_band(r, x, Decimal::integer(1), *r.reference, Decimal::integer(1))
                                ? Verdict::near
                                : Verdict::not_met);
      return;
    }
    if (t.annual) {
      // x against bound * share of the year elapsed, compared exactly: x * total against
      // bound * elapsed, where elapsed/total is months/12 or a profile's cumulative weight.
      const auto [elapsed, total] = year_share(t, r.months_elapsed);
      const auto lhs = x.times(total);
      const auto rhs = t.value.times(elapsed);
      if (!lhs || !rhs) {
        r.verdict = Verdict::error;
        r.reason = "the result is too large";
        return;
      }
      r.reference = pro_rated(t.value, elapsed, total, x.scale());
      r.gap = x.minus(*r.reference);
      // Once the whole year has passed the target is judged for good: met or not met.
      const bool year_over = elapsed == total;
      if (compare(*lhs <=> *rhs, t.comparator))
        r.verdict = year_over ? Verdict::met : Verdict::on_track;
      else if (within_band(r, x, total, t.value, elapsed))
        r.verdict = Verdict::near;
      else
        r.verdict = year_over ? Verdict::not_met : Verdict::behind;
      return;
    }
    r.reference = t.value;
    r.gap = x.minus(t.value);
    if (compare(x <=> t.value, t.comparator))
      r.verdict = Verdict::met;
    else
      r.verdict = within_band(r, x, Decimal::integer(1), t.value, Decimal::integer(1)) ? Verdict::near
                                                                                       : Verdict::not_met;
  }

  // The value as compared: rounded to the indicator's precision, as the report would
  // print it (recording the unrounded value when that changed it).
  static Decimal compared_value(ItemResult& r, const Decimal& value) {
    Decimal x = value;
    if (r.precision && x.scale() > *r.precision) {
      if (auto rounded = x.scaled_by(1, 1, *r.precision)) {
        r.unrounded = x;
        x = *rounded;
      }
    }
    r.compared = x;
    return x;
  }

  // Colour bands: green is met, yellow near, red not met (the checker proved exactly one
  // band holds each value).
  void judge_bands(ItemResult& r) {
    const Value& v = r.current->value;
    if (!v.is_number()) {
      r.verdict = v.kind == Value::Kind::absent ? absent_verdict(v) : Verdict::no_data;
      return;
    }
    const Decimal x = compared_value(r, v.number);
    for (std::size_t i = 0; i < r.bands.size(); ++i) {
      const ast::ColourBand& b = r.bands[i];
      const bool inside = std::all_of(b.conditions.begin(), b.conditions.end(),
                                      [&](const auto& c) { return compare(x <=> c.second, c.first); });
      if (!inside) continue;
      r.colour = b.colour;
      r.band_index = i;
      r.verdict = b.colour == ast::ColourBand::Colour::green    ? Verdict::met
                  : b.colour == ast::ColourBand::Colour::yellow ? Verdict::near
                                                                : Verdict::not_met;
      return;
    }
    r.verdict = Verdict::no_data;
    r.reason = "no band holds the value";
  }

  // Whether a value that misses its target does so by no more than the target's band:
  // x * a against bound * b (a = 12, b = months elapsed for annual targets, so the band
  // is pro-rated with the target). A relative band is that percentage of the bound.
  static bool within_band(const ItemResult& r, const Decimal& x, const Decimal& a, const Decimal& bound,
                          const Decimal& b) {
    const ast::Target& t = r.target;
    if (!t.band) return false;
    std::optional<Decimal> width = *t.band;
    if (t.band_relative)
      width = bound.abs().times(*t.band).value_or(Decimal{}).divided_by(Decimal::integer(100),
                                                                        Decimal::max_scale);
    const auto lhs = x.times(a);
    const auto rhs = bound.times(b);
    const auto allowed = width ? width->times(b) : std::nullopt;
    if (!lhs || !rhs || !allowed) return false;
    const auto difference = lhs->minus(*rhs);
    if (!difference) return false;
    switch (t.comparator) {
      case ast::Comparator::ge:
      case ast::Comparator::gt:
        return difference->negated() <= *allowed;
      case ast::Comparator::le:
      case ast::Comparator::lt:
        return *difference <= *allowed;
      default:
        return difference->abs() <= *allowed;
    }
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
    r.precision = in.precision;
    r.weight = in.weight;
    r.comparison = in.comparison;
    r.bands = in.bands;
    if (kind == ItemResult::Kind::indicator) {
      r.family = in.family;
      r.metadata = in.metadata;
    }
    return r;
  }

  // The result of an indicator item, started with its own id and name (a family
  // member's, for the family's properties).
  ItemResult start(const RuleItem& item) {
    const Indicator& in = rules_.indicators[item.index];
    if (in.members.empty()) return start(ItemResult::Kind::indicator, in, in.id, in.name, in.span);
    const Member& m = in.members[item.member];
    return start(ItemResult::Kind::indicator, in, member_id(in, m), member_name(in, m), in.span);
  }

  std::optional<ItemResult> indicator(const RuleItem& item) {
    const Indicator& in = rules_.indicators[item.index];
    const std::optional<std::string_view> member =
        in.members.empty() ? std::nullopt : std::optional(in.id_of(in.members[item.member]));
    ItemResult r = start(item);
    auto b = bind(member ? with_member(in.data, *member) : in.data, in.cumulative, nullptr, in.comparison);
    if (!b) return std::nullopt;
    fill(r, *b);
    for (const Breakdown& bd : in.breakdowns) {
      ItemResult sub = start(ItemResult::Kind::breakdown, in, bd.id, bd.name, bd.span);
      if (auto sb =
              bind(member ? with_member(bd.data, *member) : bd.data, in.cumulative, nullptr, in.comparison)) {
        fill(sub, *sb);
        r.breakdowns.push_back(std::move(sub));
      }
    }
    breakdown_checks(in, r);
    return r;
  }

  // ---- Verdicts alone (each_verdict) -------------------------------------------------

  // What the members of a family share when each is judged alone: the rows their ids
  // are looked up among, the columns read, and a result made once, judged again for
  // each member (only what judge() reads or writes changes).
  struct Shared {
    std::size_t index = 0;  // the family's, into rules_.indicators
    bool plain = false;     // its members can be judged alone
    const Table* table = nullptr;
    const std::vector<Row>* rows = nullptr;
    std::size_t current = 0;
    std::optional<std::size_t> previous;
    ItemResult result;
  };

  // The verdict of a family member whose reference, row and figures are plain, judged
  // without the strings of a full result (its id, name, reference and figures' text):
  // a national rule set has 290 000 members. nullopt for anything else, which then
  // takes indicator(): `data` other than TABLE[.ROW...].* (with or without @COLUMN),
  // breakdowns, a row missing or without figures, a figure in text or a percentage
  // for another unit (the messages name the member).
  std::optional<Verdict> member_verdict(const RuleItem& item) {
    const Indicator& in = rules_.indicators[item.index];
    if (in.members.empty()) return std::nullopt;
    if (!shared_ || shared_->index != item.index) shared_ = share(item.index);
    if (!shared_->plain) return std::nullopt;
    const Row* row = find_row(*shared_->rows, in.id_of(in.members[item.member]));
    if (!row || !row->has_values()) return std::nullopt;
    Value now = shared_->table->figure(*row, shared_->current);
    if (now.kind == Value::Kind::text || (now.is_number() && now.percent && in.unit != Unit::percent))
      return std::nullopt;
    ItemResult& r = shared_->result;
    unjudge(r, in);
    r.current->value = std::move(now);
    if (shared_->previous) r.previous->value = shared_->table->figure(*row, *shared_->previous);
    judge(r);
    return r.verdict;
  }

  // A family's Shared, as bind() would resolve each member's reference: the rows before
  // the '*' and the columns are the same for every member. Finds without reporting:
  // what is missing is reported by indicator(), member by member.
  std::unique_ptr<Shared> share(std::size_t index) {
    auto out = std::make_unique<Shared>();
    out->index = index;
    const Indicator& in = rules_.indicators[index];
    const ast::Reference& ref = in.data;
    if (!in.breakdowns.empty() || ref.path.size() < 2 || ref.path.back().text != "*") return out;
    const Table* table = ref.path.front().text.empty() ? nullptr : data_->table(ref.path.front().text);
    if (!table) return out;
    const std::vector<Row>* rows = &table->rows;
    for (std::size_t i = 1; i + 1 < ref.path.size(); ++i) {
      const Row* row = ref.path[i].text == "*" ? nullptr : find_row(*rows, ref.path[i].text);
      if (!row) return out;
      rows = &row->rows;
    }
    Binding b;
    if (ref.column) {
      const std::optional<std::size_t> column =
          ref.column->text.empty() ? std::nullopt : table->column_index(ref.column->text);
      if (!column) return out;
      b.current = *column;
    } else if (!report_column(*table) || !period_columns(*table, in.cumulative, in.comparison, b, ref.span)) {
      return out;
    }
    out->table = table;
    out->rows = rows;
    out->current = b.current;
    out->previous = b.previous;
    out->result = start(ItemResult::Kind::breakdown, in, {}, {}, in.span);  // no family or metadata to copy
    out->result.current.emplace();
    if (b.previous) out->result.previous.emplace();
    out->plain = true;
    return out;
  }

  // Clears what judge() and judge_bands() write, back to what start() made.
  static void unjudge(ItemResult& r, const Indicator& in) {
    r.verdict = Verdict::no_data;
    r.target.value = in.target.value;  // a relative target's bound replaces it
    r.months_elapsed = 12;
    r.reason.clear();
    r.relative_offset.reset();
    r.reference.reset();
    r.gap.reset();
    r.compared.reset();
    r.unrounded.reset();
    r.colour.reset();
    r.band_index.reset();
  }

  // A derived indicator: its expression for the report period and the previous one.
  ItemResult derived(const RuleItem& item) {
    const Indicator& in = rules_.indicators[item.index];
    ItemResult r = start(item);
    r.data_ref = "";
    if (!r.precision) r.precision = default_precision(in.unit);
    Context cx;
    cx.cumulative = in.cumulative;
    Quantity now = eval(*in.value, cx);
    cx.previous = true;
    Quantity before = eval(*in.value, cx);
    r.inputs = now.inputs;
    r.current = computed(now, in.value->span, first_period(now.inputs).value_or(data_->report.period));
    // An expression of constants alone has no earlier period to compare with.
    if (before.value && first_period(before.inputs)) {
      r.previous = computed(before, in.value->span, first_period(before.inputs));
    }
    r.trend = trend_of(r.current, r.previous, r.direction);
    if (now.error) {
      r.verdict = Verdict::error;
      r.reason = now.reason;
      return r;
    }
    r.reason = now.reason;
    judge(r);
    return r;
  }

  // A computed value is compared as the report would print it: percentages with one
  // decimal, money and counts whole, anything else with two decimals.
  static int default_precision(Unit unit) {
    switch (unit) {
      case Unit::percent:
        return 1;
      case Unit::tkr:
      case Unit::kr:
      case Unit::count:
        return 0;
      default:
        return 2;
    }
  }

  static std::optional<Period> first_period(const std::vector<Observation>& inputs) {
    for (const Observation& o : inputs) {
      if (o.period) return o.period;
    }
    return std::nullopt;
  }

  // A computed value as an observation: its text is the canonical number, its place the
  // expression in the rules.
  static Observation computed(const Quantity& q, Span where, std::optional<Period> period) {
    Observation o;
    o.value.span = where;
    o.period = period;
    o.column_id = "";
    o.column_label = period ? period->to_string() : "";
    if (q.value) {
      o.value.kind = Value::Kind::number;
      o.value.number = *q.value;
      o.value.text = q.value->to_string();
    } else {
      o.value.kind = Value::Kind::absent;
      o.value.absence = q.error ? Absence::no_data : q.absence;
      // The marker of the cell that made it absent, as written ("I.U.", "N/A").
      for (const Observation& in : q.inputs) {
        if (!in.value.is_number() && in.value.absence == o.value.absence) {
          o.value.text = in.value.text;
          break;
        }
      }
    }
    return o;
  }

  // Rows with figures that no rule read, as table.row.child paths (coverage).
  void unread(const std::vector<Row>& rows, const std::string& path, std::vector<std::string>& out) const {
    for (const Row& r : rows) {
      if (r.has_values() && !std::binary_search(read_.begin(), read_.end(), &r, std::less<>{}))
        out.push_back(path + "." + r.id);
      unread(r.rows, path + "." + r.id, out);
    }
  }

  // ---- Breakdown checks ------------------------------------------------------------------

  // `breakdowns sum|mean|mean weighted by ...`: the rows add up to the total, within one
  // unit in the total's last decimal; `gap <= 2`: the rows lie at most that far apart.
  void breakdown_checks(const Indicator& in, const ItemResult& r) {
    if (!in.breakdown_method && !in.gap) return;
    // Rows missing, or weights not one per row: the checker has reported it (E0244, E0245).
    if (r.breakdowns.size() != in.breakdowns.size() || r.breakdowns.empty()) return;
    if (in.breakdown_method && in.breakdown_method->kind == ast::BreakdownMethod::Kind::weighted_mean &&
        in.breakdown_method->weights.size() != r.breakdowns.size()) {
      return;
    }
    Quantity total;
    if (r.current) {
      total.inputs.push_back(*r.current);
      if (r.current->value.is_number())
        total.value = r.current->value.number;
      else
        total.absence = r.current->value.absence;
    }
    std::vector<Quantity> parts;
    for (const ItemResult& b : r.breakdowns) {
      Quantity q;
      if (b.current) {
        q.inputs.push_back(*b.current);
        if (b.current->value.is_number())
          q.value = b.current->value.number;
        else
          q.absence = b.current->value.absence;
      }
      parts.push_back(std::move(q));
    }
    const auto missing = [&]() -> const Quantity* {
      for (const Quantity& q : parts) {
        if (!q.value) return &q;
      }
      return nullptr;
    };
    std::vector<Observation> part_inputs;
    for (const Quantity& q : parts) part_inputs.insert(part_inputs.end(), q.inputs.begin(), q.inputs.end());
    if (in.breakdown_method) {
      CheckResult c = breakdown_result(in, r, "breakdowns", "grupperna ger totalen");
      Quantity combined;
      if (const Quantity* m = missing()) {
        combined = *m;
      } else {
        combined.value = combine_parts(*in.breakdown_method, parts);
        if (!combined.value) combined = failure("the result is too large");
      }
      combined.inputs = part_inputs;
      c.tolerance = total.value ? Decimal::from_units(1, total.value->scale()) : Decimal{};
      judge_check(c, combined, total);
      c.left = combined.value;
      c.right = total.value;
      c.left_inputs = combined.inputs;
      c.right_inputs = total.inputs;
      breakdown_checks_.push_back(std::move(c));
    }
    if (in.gap) {
      CheckResult c = breakdown_result(in, r, "gap", "skillnaden mellan grupperna");
      c.comparator = in.gap->first;
      Quantity spread;
      if (const Quantity* m = missing()) {
        spread = *m;
      } else {
        Decimal lo = *parts.front().value, hi = lo;
        for (const Quantity& q : parts) {
          lo = std::min(lo, *q.value);
          hi = std::max(hi, *q.value);
        }
        spread.value = hi.minus(lo);
      }
      spread.inputs = part_inputs;
      Quantity limit;
      limit.value = in.gap->second;
      judge_check(c, spread, limit);
      c.left = spread.value;
      c.right = limit.value;
      c.left_inputs = spread.inputs;
      breakdown_checks_.push_back(std::move(c));
    }
  }

  static CheckResult breakdown_result(const Indicator& in, const ItemResult& r, const std::string& what,
                                      const std::string& name) {
    CheckResult c;
    c.check_id = r.id + "." + what;
    c.id = c.check_id;
    c.name = fmt::format("{}: {}", r.name, name);
    c.rule_span = in.span;
    return c;
  }

  static std::optional<Decimal> combine_parts(const ast::BreakdownMethod& m,
                                              const std::vector<Quantity>& parts) {
    std::optional<Decimal> sum = Decimal::integer(0);
    std::optional<Decimal> weights = Decimal::integer(0);
    int scale = 0;
    for (std::size_t i = 0; i < parts.size() && sum && weights; ++i) {
      const Decimal w =
          m.kind == ast::BreakdownMethod::Kind::weighted_mean ? m.weights.at(i) : Decimal::integer(1);
      const auto term = parts[i].value->times(w);
      sum = term ? sum->plus(*term) : std::nullopt;
      weights = weights->plus(w);
      scale = std::max(scale, parts[i].value->scale());
    }
    if (!sum || !weights || m.kind == ast::BreakdownMethod::Kind::sum) return sum;
    const auto mean = sum->divided_by(*weights, std::min(scale + 4, Decimal::max_scale));
    return mean ? std::optional<Decimal>(mean->trimmed(scale)) : std::nullopt;
  }

  // ---- Roll-ups -------------------------------------------------------------------------

  std::vector<GroupRollup> rollups(const Results& results) const {
    std::vector<GroupRollup> out(results.groups.size());
    for (std::size_t g = 0; g < out.size(); ++g) out[g].policy = results.groups[g].rollup;
    std::vector<std::vector<Verdict>> unjudged(out.size());
    for (const ItemResult& r : results.items) {
      if (r.kind != ItemResult::Kind::indicator) continue;
      const bool assessed = r.verdict == Verdict::met || r.verdict == Verdict::not_met ||
                            r.verdict == Verdict::near || r.verdict == Verdict::on_track ||
                            r.verdict == Verdict::behind;
      const bool succeeded = r.verdict == Verdict::met || r.verdict == Verdict::on_track;
      for (std::optional<std::size_t> g = r.group; g; g = results.groups[*g].parent) {
        GroupRollup& u = out[*g];
        ++u.indicators;
        if (!assessed) {
          unjudged[*g].push_back(r.verdict);
          continue;
        }
        ++u.assessed;
        u.weight_assessed = u.weight_assessed.plus(r.weight).value_or(u.weight_assessed);
        if (succeeded) {
          ++u.succeeded;
          u.weight_succeeded = u.weight_succeeded.plus(r.weight).value_or(u.weight_succeeded);
        }
      }
    }
    for (std::size_t g = 0; g < out.size(); ++g) out[g].verdict = rollup_verdict(out[g], unjudged[g]);
    return out;
  }

  // Indicators without data or target are counted as such, never as failures: a group
  // with nothing to judge says why instead.
  static Verdict rollup_verdict(const GroupRollup& u, const std::vector<Verdict>& unjudged) {
    if (u.assessed == 0) {
      const auto all = [&](Verdict v) {
        return !unjudged.empty() &&
               std::all_of(unjudged.begin(), unjudged.end(), [&](Verdict x) { return x == v; });
      };
      if (all(Verdict::no_target)) return Verdict::no_target;
      if (all(Verdict::not_applicable)) return Verdict::not_applicable;
      if (std::find(unjudged.begin(), unjudged.end(), Verdict::pending) != unjudged.end())
        return Verdict::pending;
      return Verdict::no_data;
    }
    const auto hundred = [](std::size_t n) { return Decimal::integer(static_cast<std::int64_t>(n) * 100); };
    bool met = false;
    switch (u.policy.kind) {
      case ast::RollupPolicy::Kind::all:
        met = u.succeeded == u.assessed;
        break;
      case ast::RollupPolicy::Kind::at_least:
        met = Decimal::integer(static_cast<std::int64_t>(u.succeeded)) >= u.policy.amount;
        break;
      case ast::RollupPolicy::Kind::at_least_share:
        // succeeded / assessed >= amount %, compared exactly: succeeded * 100 >= amount * assessed
        met = Decimal::compare_scaled(hundred(u.succeeded), 1, u.policy.amount,
                                      static_cast<std::int64_t>(u.assessed)) >= 0;
        break;
      case ast::RollupPolicy::Kind::weighted: {
        const auto lhs = u.weight_succeeded.times(Decimal::integer(100));
        const auto rhs = u.policy.amount.times(u.weight_assessed);
        met = lhs && rhs && *lhs >= *rhs;
        break;
      }
    }
    return met ? Verdict::met : Verdict::not_met;
  }

  // ---- Data checks ---------------------------------------------------------------------

  // The first reference with '*' outside any aggregate: a data check runs once per row
  // it stands for.
  static const ast::Reference* iterated(const ast::Expr& e) {
    if (e.kind == ast::Expr::Kind::reference) return e.reference.has_wildcard() ? &e.reference : nullptr;
    if (e.kind == ast::Expr::Kind::call) return nullptr;
    for (const ast::ExprPtr& o : e.operands) {
      if (const ast::Reference* r = iterated(*o)) return r;
    }
    return nullptr;
  }

  std::vector<CheckResult> data_check(const DataCheck& c) {
    std::vector<CheckResult> out;
    std::vector<std::optional<std::string>> rows{std::nullopt};
    const ast::Reference* over = iterated(*c.expect.left);
    if (!over) over = iterated(*c.expect.right);
    if (over) {
      rows.clear();
      // The row ids at the position of the first '*' (t.*.man iterates over t's rows).
      const auto star = std::find_if(over->path.begin(), over->path.end(),
                                     [](const ast::Name& p) { return p.text == "*"; });
      const auto at = static_cast<std::size_t>(star - over->path.begin()) - 1;
      for (const Match& m : expand(*over)) {
        if (std::find(rows.begin(), rows.end(), m.path.at(at)) == rows.end())
          rows.emplace_back(m.path.at(at));
      }
    }
    std::vector<const ast::Name*> columns;
    for (const ast::Name& n : c.columns) columns.push_back(&n);
    if (columns.empty()) columns.push_back(nullptr);
    for (const auto& row : rows) {
      for (const ast::Name* column : columns) {
        Context cx;
        cx.column = column;
        cx.row = row ? &*row : nullptr;
        CheckResult r;
        r.check_id = c.id;
        r.id = c.id + (row ? "." + *row : "") + (column ? "." + column->text : "");
        r.name = c.name;
        r.rule_span = c.span;
        r.row = row;
        if (column) r.column = column->text;
        r.comparator = c.expect.comparator;
        r.tolerance = c.tolerance;
        const Quantity left = eval(*c.expect.left, cx);
        const Quantity right = eval(*c.expect.right, cx);
        r.left = left.value;
        r.right = right.value;
        r.left_inputs = left.inputs;
        r.right_inputs = right.inputs;
        judge_check(r, left, right);
        out.push_back(std::move(r));
      }
    }
    return out;
  }

  static void judge_check(CheckResult& r, const Quantity& left, const Quantity& right) {
    if (left.error || right.error) {
      r.outcome = CheckResult::Outcome::error;
      r.reason = left.error ? left.reason : right.reason;
      return;
    }
    if (!left.value || !right.value) {
      r.outcome = CheckResult::Outcome::no_data;
      r.reason = !left.value ? left.reason : right.reason;
      return;
    }
    r.difference = left.value->minus(*right.value);
    if (!r.difference) {
      r.outcome = CheckResult::Outcome::error;
      r.reason = "the difference is too large";
      return;
    }
    const Decimal& d = *r.difference;
    // How far the left side is from satisfying the comparison (0 when it does).
    Decimal violation = Decimal::integer(0);
    bool holds = false;
    switch (r.comparator) {
      case ast::Comparator::eq:
        holds = d.is_zero();
        violation = d.abs();
        break;
      case ast::Comparator::le:
        holds = !(d > Decimal::integer(0));
        violation = d;
        break;
      case ast::Comparator::lt:
        holds = d.is_negative();
        violation = d;
        break;
      case ast::Comparator::ge:
        holds = !d.is_negative();
        violation = d.negated();
        break;
      case ast::Comparator::gt:
        holds = d > Decimal::integer(0);
        violation = d.negated();
        break;
      case ast::Comparator::range:
        break;
    }
    if (holds)
      r.outcome = CheckResult::Outcome::pass;
    else if (!r.tolerance.is_zero() && violation <= r.tolerance)
      r.outcome = CheckResult::Outcome::rounding;
    else
      r.outcome = CheckResult::Outcome::fail;
  }

  void fill(ItemResult& r, const Binding& b) {
    r.data_ref = b.text;
    r.current = observe(*b.table, *b.row, b.current);
    if (b.previous) r.previous = observe(*b.table, *b.row, *b.previous);
    if (options_.series) r.series.reserve(b.table->columns.size());
    for (std::size_t i = 0; options_.series && i < b.table->columns.size(); ++i) {
      const Column& c = b.table->columns[i];
      if (c.kind == ColumnKind::actual && c.period) r.series.push_back(observe(*b.table, *b.row, i));
    }
    std::stable_sort(r.series.begin(), r.series.end(),
                     [](const Observation& a, const Observation& z) { return *a.period < *z.period; });
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
        if (row.has_values()) rows.push_back(&row);
      }
    } else {
      for (const ast::Name& line : in.lines) {
        const Row* row = table->row(line.text);
        if (!row) {
          unknown_row(line, table->rows, table->id, true, true);
        } else if (!row->has_values()) {
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
  const Dataset* data_;
  DiagnosticSink& sink_;
  EvaluateOptions options_;
  std::map<std::string, std::string> ids_;  // every id in use -> what it names
  std::set<std::tuple<FileId, std::uint32_t, std::string>> reported_;
  Diagnostic scratch_;
  std::map<std::string, const ItemResult*> by_id_;  // indicator results, for expressions
  std::unordered_set<std::string> indicator_ids_;   // every indicator's id, made on first use
  std::vector<CheckResult> breakdown_checks_;       // from `breakdowns` and `gap`
  std::vector<const Row*> read_;                    // every dataset row a rule read (coverage), repeats too
  const Row* last_read_ = nullptr;                  // the row `read_` got last
  std::unordered_map<const std::vector<Row>*, std::vector<const Row*>> row_index_;
  bool failed_ = false;
  std::unique_ptr<Shared> shared_;  // the family member_verdict judged last
};

// Messages of evaluators that judged parts of a rule set, each with where it belongs in
// rule order (an item's index, or a part's), reported in that order. An evaluator
// reports an error once per place and code; so do they together.
void report_in_order(std::vector<std::pair<std::size_t, Diagnostic>>& messages, DiagnosticSink& sink) {
  std::stable_sort(messages.begin(), messages.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::set<std::tuple<FileId, std::uint32_t, std::string>> reported;
  for (auto& [where, d] : messages) {
    if (d.severity == Severity::error && d.span &&
        !reported.emplace(d.span->file, d.span->begin, d.code).second)
      continue;
    sink.report(std::move(d));
  }
}

}  // namespace

bool is_shortfall(Verdict verdict) {
  return verdict == Verdict::not_met || verdict == Verdict::behind || verdict == Verdict::near;
}

std::optional<Results> evaluate(const RuleSet& rules, const Dataset& dataset, DiagnosticSink& sink,
                                const EvaluateOptions& options) {
  return Evaluator(rules, dataset, sink, options).run();
}

bool evaluate_verdicts(const RuleSet& rules, const Dataset& dataset, DiagnosticSink& sink,
                       const std::function<void(std::size_t part, std::size_t item, Verdict verdict)>& each,
                       const EvaluateOptions& options) {
  if (!rules.derived_order.empty() || !rules.checks.empty()) {
    const std::function<void(std::size_t, const ItemResult&)> placed =
        [&](std::size_t k, const ItemResult& r) { each(0, k, r.verdict); };
    return Evaluator(rules, dataset, sink, options).run(&placed).has_value();
  }
  // Parts of fewer items are not worth a thread.
  constexpr std::size_t least_per_part = 4096;
  const std::size_t n = rules.items.size();
  const std::size_t parts =
      std::clamp<std::size_t>(n / least_per_part, 1, std::max<std::size_t>(options.threads, 1));
  if (parts == 1) {
    return Evaluator(rules, dataset, sink, options).each_verdict(0, n, true, [&](std::size_t k, Verdict v) {
      each(0, k, v);
    });
  }
  // Each part has its own evaluator and sink; the budgets go last, with the last part.
  std::vector<DiagnosticSink> sinks(parts);
  std::vector<char> evaluated(parts, 0);
  std::vector<std::exception_ptr> failures(parts);
  {
    std::vector<std::jthread> threads;
    for (std::size_t p = 0; p < parts; ++p) {
      threads.emplace_back([&, p] {
        try {
          evaluated[p] = Evaluator(rules, dataset, sinks[p], options)
                             .each_verdict(n * p / parts, n * (p + 1) / parts, p + 1 == parts,
                                           [&](std::size_t k, Verdict v) { each(p, k, v); });
        } catch (...) {
          failures[p] = std::current_exception();
        }
      });
    }
  }
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  // The messages in part order, which is rule order.
  std::vector<std::pair<std::size_t, Diagnostic>> messages;
  for (std::size_t p = 0; p < parts; ++p) {
    for (Diagnostic& d : sinks[p].take()) messages.emplace_back(p, std::move(d));
  }
  report_in_order(messages, sink);
  return std::all_of(evaluated.begin(), evaluated.end(), [](char ok) { return ok != 0; });
}

// ---- TableVerdicts ------------------------------------------------------------------------

struct TableVerdicts::Impl {
  struct Reader {
    DiagnosticSink sink;
    std::optional<Evaluator> evaluator;                        // made with its first table
    std::vector<std::pair<std::size_t, Diagnostic>> messages;  // by item
    bool failed = false;
  };

  const RuleSet& rules;
  EvaluateOptions options;
  bool streams = false;
  // Table id -> the items that read it and no other, in rule order.
  std::unordered_map<std::string_view, std::vector<std::uint32_t>> by_table;
  std::unordered_set<std::string_view> kept;  // tables finish() needs whole
  std::vector<Reader> readers;

  Impl(const RuleSet& r, std::size_t count, const EvaluateOptions& o) : rules(r), options(o) {
    readers.resize(std::max<std::size_t>(count, 1));
    streams = rules.derived_order.empty() && rules.checks.empty();
    if (!streams) return;
    for (const Budget& b : rules.budgets) kept.insert(b.table.text);
    for (std::size_t k = 0; k < rules.items.size(); ++k) {
      const RuleItem& item = rules.items[k];
      if (item.kind != RuleItem::Kind::indicator) continue;
      const Indicator& in = rules.indicators[item.index];
      if (in.value || in.data.path.empty()) continue;
      const std::string_view table = in.data.path.front().text;
      bool alone = !table.empty();
      for (const Breakdown& b : in.breakdowns) {
        if (b.data.path.empty() || b.data.path.front().text != table) alone = false;
      }
      if (alone) {
        by_table[table].push_back(static_cast<std::uint32_t>(k));
        continue;
      }
      if (!table.empty()) kept.insert(table);
      for (const Breakdown& b : in.breakdowns) {
        if (!b.data.path.empty()) kept.insert(b.data.path.front().text);
      }
    }
  }

  // Judges item k with `evaluator`, whose messages (into `sink`) are kept with k.
  static bool judge_item(Evaluator& evaluator, DiagnosticSink& sink, std::size_t k, bool budgets,
                         std::vector<std::pair<std::size_t, Diagnostic>>& messages, const Each& each) {
    const bool ok = evaluator.each_verdict(k, budgets ? k : k + 1, budgets, each);
    for (Diagnostic& d : sink.take()) messages.emplace_back(k, std::move(d));
    return ok;
  }
};

TableVerdicts::TableVerdicts(const RuleSet& rules, std::size_t readers, const EvaluateOptions& options)
    : impl_(std::make_unique<Impl>(rules, readers, options)) {}

TableVerdicts::~TableVerdicts() = default;

bool TableVerdicts::judge(std::size_t reader, const Dataset& alone, const Each& each) {
  Impl& m = *impl_;
  if (!m.streams || alone.tables.size() != 1) return false;
  const std::string& id = alone.tables.front().id;
  if (m.kept.count(id)) return false;
  const auto items = m.by_table.find(id);
  if (items == m.by_table.end()) return true;  // no indicator reads it
  Impl::Reader& r = m.readers.at(reader);
  if (r.evaluator)
    r.evaluator->use(alone);
  else
    r.evaluator.emplace(m.rules, alone, r.sink, m.options);
  for (const std::uint32_t k : items->second) {
    if (!Impl::judge_item(*r.evaluator, r.sink, k, false, r.messages, each)) r.failed = true;
  }
  return true;
}

bool TableVerdicts::finish(const Dataset& dataset, DiagnosticSink& sink, const Each& each) {
  Impl& m = *impl_;
  if (!m.streams) {
    return evaluate_verdicts(
        m.rules, dataset, sink, [&](std::size_t, std::size_t k, Verdict v) { each(k, v); }, m.options);
  }
  // Every indicator not judged from its table, in rule order: the tables were not taken
  // (kept, or given before the report), or are missing (E0211).
  std::vector<char> judged(m.rules.items.size(), 0);
  for (const auto& [id, items] : m.by_table) {
    const Table* table = dataset.table(id);
    if (!table || !table->taken) continue;
    for (const std::uint32_t k : items) judged[k] = 1;
  }
  DiagnosticSink own;
  Evaluator evaluator(m.rules, dataset, own, m.options);
  std::vector<std::pair<std::size_t, Diagnostic>> messages;
  bool ok = true;
  for (std::size_t k = 0; k < judged.size(); ++k) {
    if (!judged[k] && !Impl::judge_item(evaluator, own, k, false, messages, each)) ok = false;
  }
  if (!Impl::judge_item(evaluator, own, m.rules.items.size(), true, messages, each)) ok = false;
  for (Impl::Reader& r : m.readers) {
    ok = ok && !r.failed;
    for (auto& message : r.messages) messages.push_back(std::move(message));
    r.messages.clear();
  }
  report_in_order(messages, sink);
  return ok;
}

}  // namespace attain
