// Rule tests: a dataset per test, made from the rule set's references, then the real
// evaluate + commentary, then the comparison of what the test expects.

#include "attain/rule_test.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "attain/commentary.hpp"
#include "attain/dataset.hpp"
#include "attain/evaluate.hpp"

namespace attain {

namespace {

// A dataset with every table, row and column the rules refer to, all cells blank.
// Every table has an actual column for the report period and for each earlier period a
// rule may compare with (the previous full year, the same months a year earlier, and
// the periods named in `compare with period "..."`).
class TestDataset {
 public:
  TestDataset(const RuleSet& rules, const RuleTest& test) : test_(test) {
    data_.report.title = test.name;
    data_.report.period = test.period;
    const Period now = test.period;
    periods_.push_back(now);
    periods_.push_back(Period{now.year - 1, 12, true});
    periods_.push_back(Period{now.year - 1, now.month, now.full_year});  // same period last year
    for (const Indicator& i : rules.indicators) {
      if (i.comparison.kind == ast::Comparison::Kind::named_period) {
        if (auto p = parse_period(i.comparison.period)) periods_.push_back(*p);
      }
    }
    for (const RuleItem& item : rules.items) {  // each family member with its own rows
      if (item.kind != RuleItem::Kind::indicator) continue;
      const Indicator i = rules.indicator_of(item);
      if (!i.data.path.empty()) reference(i.data);
      if (i.value) expression(*i.value, {});
      for (const Breakdown& b : i.breakdowns) reference(b.data);
    }
    for (const Budget& b : rules.budgets) {
      Table& t = table(b.table.text);
      for (const ast::Name* c : {&b.outcome, &b.budget}) column(t, c->text);
      if (b.reported) column(t, b.reported->text);
      if (b.previous) column(t, b.previous->text);
      for (const ast::Name& line : b.lines) row(t, {line.text});
    }
    for (const DataCheck& c : rules.checks) {
      if (c.expect.left) expression(*c.expect.left, c.columns);
      if (c.expect.right) expression(*c.expect.right, c.columns);
    }
  }

  // Sets the cells a `given` names.
  void give(const TestInput& in) {
    Table& t = table(in.table);
    std::vector<std::size_t> columns;
    if (in.column) {
      columns.push_back(column(t, *in.column));
    } else {
      for (std::size_t i = 0; i < t.columns.size(); ++i) {
        const Column& c = t.columns[i];
        if (c.kind != ColumnKind::actual || !c.period) continue;
        if (in.previous ? *c.period < test_.period : *c.period == test_.period) columns.push_back(i);
      }
    }
    Row& r = row(t, in.rows);
    for (std::size_t i : columns) t.set_value(r, i, in.value);
  }

  Dataset take() { return std::move(data_); }

 private:
  Value blank() const {
    Value v;
    v.span = test_.span;
    return v;
  }

  Table& table(const std::string& id) {
    for (Table& t : data_.tables) {
      if (t.id == id) return t;
    }
    Table t;
    t.id = id;
    t.title = id;
    t.span = test_.span;
    for (const Period& p : periods_) {
      // "2019" and "2019-12" end in the same month but are different columns: the evaluator
      // tells a full year from a year to date when it looks for the same period last year.
      if (std::any_of(t.columns.begin(), t.columns.end(),
                      [&](const Column& c) { return *c.period == p && c.period->full_year == p.full_year; }))
        continue;
      Column c;
      c.id = p.full_year ? fmt::format("period_{}", p.year) : fmt::format("period_{}_{:02}", p.year, p.month);
      c.label = p.to_string();
      c.period = p;
      c.span = test_.span;
      t.columns.push_back(std::move(c));
    }
    data_.tables.push_back(std::move(t));
    return data_.tables.back();
  }

  std::size_t column(Table& t, const std::string& id) {
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (t.columns[i].id == id) return i;
    }
    Column c;
    c.id = id;
    c.label = id;
    c.span = test_.span;
    t.add_column(std::move(c), blank());
    return t.columns.size() - 1;
  }

  Row& row(Table& t, const std::vector<std::string>& path) {
    std::vector<Row>* rows = &t.rows;
    Row* found = nullptr;
    for (const std::string& id : path) {
      auto it = std::find_if(rows->begin(), rows->end(), [&](const Row& r) { return r.id == id; });
      if (it == rows->end()) {
        Row r;
        r.id = id;
        r.label = id;
        r.span = test_.span;
        rows->push_back(std::move(r));
        it = rows->end() - 1;
        t.set_values(*it, std::vector<Value>(t.columns.size(), blank()));
      }
      found = &*it;
      rows = &it->rows;
    }
    return *found;
  }

  // table.row... up to the first '*' (a pattern's rows are the ones a test gives).
  void reference(const ast::Reference& ref, const std::vector<ast::Name>& columns = {}) {
    if (ref.path.empty()) return;
    Table& t = table(ref.path.front().text);
    if (ref.column) column(t, ref.column->text);
    for (const ast::Name& c : columns) column(t, c.text);
    std::vector<std::string> path;
    for (std::size_t i = 1; i < ref.path.size() && ref.path[i].text != "*"; ++i)
      path.push_back(ref.path[i].text);
    if (!path.empty()) row(t, path);
  }

  void expression(const ast::Expr& e, const std::vector<ast::Name>& columns) {
    if (e.kind == ast::Expr::Kind::reference) reference(e.reference, columns);
    for (const ast::ExprPtr& operand : e.operands) expression(*operand, columns);
  }

  const RuleTest& test_;
  Dataset data_;
  std::vector<Period> periods_;
};

// The worst of a data check's outcomes: error, fail, no data, rounding, pass.
int severity(CheckOutcome o) {
  switch (o) {
    case CheckOutcome::pass:
      return 0;
    case CheckOutcome::rounding:
      return 1;
    case CheckOutcome::no_data:
      return 2;
    case CheckOutcome::fail:
      return 3;
    case CheckOutcome::error:
      return 4;
  }
  return 0;
}

class Judge {
 public:
  Judge(const Results& results, const Commentary& commentary) : results_(results), commentary_(commentary) {}

  std::optional<TestFailure> operator()(const TestExpectation& e) const {
    using Subject = TestExpectation::Subject;
    using Kind = ast::TestExpect::Kind;
    TestFailure f;
    f.span = e.span;
    if (e.subject == Subject::indicator || e.subject == Subject::budget_line) {
      const auto it = std::find_if(results_.items.begin(), results_.items.end(),
                                   [&](const ItemResult& r) { return r.id == e.id; });
      f.expected = expected(e);
      if (it == results_.items.end()) {
        f.actual = "no result with this id";
        return f;
      }
      const std::string& sentence = commentary_.items[static_cast<std::size_t>(it - results_.items.begin())];
      f.context = sentence;
      switch (e.kind) {
        case Kind::verdict:
          if (it->verdict == e.verdict) return std::nullopt;
          f.actual = std::string(to_string(it->verdict));
          return f;
        case Kind::trend:
          if (it->trend == e.trend) return std::nullopt;
          f.actual = fmt::format("trend {}", to_string(it->trend));
          return f;
        case Kind::commentary:
          if (sentence.find(e.text) != std::string::npos) return std::nullopt;
          f.actual = "a commentary without it";
          return f;
      }
    }
    if (e.subject == Subject::group) {
      for (std::size_t i = 0; i < results_.groups.size(); ++i) {
        if (results_.groups[i].id != e.id) continue;
        f.expected = expected(e);
        const std::string text = commentary_.rollups[i] + " " + commentary_.groups[i];
        f.context = text;
        if (e.kind == Kind::commentary) {
          if (text.find(e.text) != std::string::npos) return std::nullopt;
          f.actual = "a commentary without it";
          return f;
        }
        if (results_.rollups[i].verdict == e.verdict) return std::nullopt;
        f.actual = std::string(to_string(results_.rollups[i].verdict));
        return f;
      }
    }
    // A data check: one result ("dk.row.column") or all of a check's, judged by the worst.
    f.expected = expected(e);
    std::optional<CheckOutcome> worst;
    std::string text;
    for (std::size_t i = 0; i < results_.checks.size(); ++i) {
      const CheckResult& c = results_.checks[i];
      if (c.id != e.id && c.check_id != e.id) continue;
      if (!worst || severity(c.outcome) > severity(*worst)) worst = c.outcome;
      text += (text.empty() ? "" : " ") + commentary_.checks[i];
    }
    f.context = text;
    if (!worst) {
      f.actual = "no result with this id";
      return f;
    }
    if (e.kind == Kind::commentary) {
      if (text.find(e.text) != std::string::npos) return std::nullopt;
      f.actual = "a commentary without it";
      return f;
    }
    if (*worst == e.outcome) return std::nullopt;
    f.actual = std::string(to_string(*worst));
    return f;
  }

 private:
  static std::string expected(const TestExpectation& e) {
    switch (e.kind) {
      case ast::TestExpect::Kind::verdict:
        return std::string(e.subject == TestExpectation::Subject::check ? to_string(e.outcome)
                                                                        : to_string(e.verdict));
      case ast::TestExpect::Kind::trend:
        return fmt::format("trend {}", to_string(e.trend));
      case ast::TestExpect::Kind::commentary:
        return fmt::format("a commentary containing \"{}\"", e.text);
    }
    return "";
  }

  const Results& results_;
  const Commentary& commentary_;
};

TestOutcome run_one(const RuleSet& rules, const RuleTest& test) {
  TestOutcome out;
  out.id = test.id;
  out.name = test.name;
  out.span = test.span;
  out.expectations = test.expects.size();
  TestDataset data(rules, test);
  for (const TestInput& in : test.inputs) data.give(in);
  const Dataset dataset = data.take();
  DiagnosticSink sink;
  const std::optional<Results> results = evaluate(rules, dataset, sink);
  for (const Diagnostic& d : sink.diagnostics()) {
    if (d.severity == Severity::error) out.errors.push_back(d);
  }
  if (!results || !out.errors.empty()) return out;
  const Commentary commentary = write_commentary(*results);
  const Judge judge(*results, commentary);
  for (const TestExpectation& e : test.expects) {
    if (auto failure = judge(e)) out.failures.push_back(std::move(*failure));
  }
  return out;
}

}  // namespace

TestReport run_rule_tests(const RuleSet& rules) {
  TestReport report;
  for (const RuleTest& test : rules.tests) {
    report.tests.push_back(run_one(rules, test));
    (report.tests.back().passed() ? report.passed : report.failed) += 1;
  }
  return report;
}

}  // namespace attain
