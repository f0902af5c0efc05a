// render_explanation: `evaluate explain ID`, the audit trail of one result. The rule as
// written, every dataset cell read (text as written, file:line), each computation step,
// the comparison, the verdict, the trend, and why the commentary says what it says.

#include <algorithm>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "attain/render.hpp"
#include "attain/version.hpp"

namespace attain {

namespace {

using Json = nlohmann::ordered_json;

// One dataset cell as read, for the trail.
struct Cell {
  std::string role;   // "värde", "jämförelsevärde", "budget", ...
  std::string text;   // as written in the dataset
  std::string value;  // as read: "91 %", or why there is none
  std::string column;
  std::string period;
  std::string location;  // path:line:col
};

class Explainer {
 public:
  Explainer(const RuleSet& rules, const Results& results, const Commentary& commentary,
            const SourceManager& sources)
      : rules_(rules),
        results_(results),
        commentary_(commentary),
        sources_(sources),
        w_(wording(commentary.language)),
        lang_(commentary.language) {}

  // The result with this id: an indicator, a budget line, a breakdown ("id.breakdown")
  // or a data-check result.
  bool find(std::string_view id) {
    for (std::size_t i = 0; i < results_.items.size(); ++i) {
      const ItemResult& r = results_.items[i];
      if (r.id == id) {
        item_ = &r;
        sentence_ = commentary_.items[i];
        return true;
      }
      for (std::size_t b = 0; b < r.breakdowns.size(); ++b) {
        if (r.id + "." + r.breakdowns[b].id == id) {
          item_ = &r.breakdowns[b];
          sentence_ = commentary_.breakdowns[i][b];
          return true;
        }
      }
    }
    for (std::size_t i = 0; i < results_.checks.size(); ++i) {
      if (results_.checks[i].id == id) {
        check_ = &results_.checks[i];
        sentence_ = commentary_.checks[i];
        return true;
      }
    }
    return false;
  }

  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const ItemResult& r : results_.items) {
      out.push_back(r.id);
      for (const ItemResult& b : r.breakdowns) out.push_back(r.id + "." + b.id);
    }
    for (const CheckResult& c : results_.checks) out.push_back(c.id);
    return out;
  }

  std::string text() const {
    std::string out = say(w_.x_title, id(), clean(name())) + "\n";
    out += fmt::format("\n{}  {}\n", w_.x_rule, sources_.location(rule_span()));
    out += source_excerpt(rule_span());
    out += fmt::format("\n{}\n", w_.x_data);
    const std::vector<Cell> read = cells();
    if (read.empty()) out += fmt::format("  {}\n", w_.x_none);
    for (const Cell& c : read) {
      out +=
          fmt::format("  {:<16} \"{}\"  {}  ({} {}{}) → {}\n", c.role, clean(c.text), c.location, w_.x_column,
                      clean(c.column), c.period.empty() ? "" : ", " + c.period, clean(c.value));
    }
    out += fmt::format("\n{}\n", w_.x_steps);
    const std::vector<std::string> done = steps();
    for (std::size_t k = 0; k < done.size(); ++k) out += fmt::format("  {}. {}\n", k + 1, clean(done[k]));
    out += "\n" + say(w_.x_verdict, outcome_label(), outcome_name()) + "\n";
    if (item_ && item_->kind != ItemResult::Kind::budget_line)
      out += say(w_.x_trend, clean(trend_line())) + "\n";
    out += fmt::format("\n{}\n  {}\n", w_.x_commentary, clean(sentence_));
    const std::vector<std::string> why = reasons();
    if (!why.empty()) {
      out += fmt::format("  {}\n", w_.x_wording);
      for (const std::string& w : why) out += fmt::format("  - {}\n", clean(w));
    }
    out += fmt::format("\n{} (attain {})\n", w_.inputs_heading, version);
    for (const InputFile& f : report_inputs(results_, sources_))
      out += fmt::format("  {:<6}  {}  {}\n", f.role == "dataset" ? w_.role_data : w_.role_rules, f.sha256,
                         clean(f.path));
    return out;
  }

  std::string json() const {
    Json root;
    root["schema"] = "attain/explain/v1";
    root["engine"] = {{"name", "attain"}, {"version", version}};
    root["id"] = id();
    root["kind"] = check_                                         ? "data_check"
                   : item_->kind == ItemResult::Kind::budget_line ? "budget_line"
                   : item_->kind == ItemResult::Kind::breakdown   ? "breakdown"
                                                                  : "indicator";
    root["name"] = name();
    root["rule"] = {{"location", sources_.location(rule_span())}, {"source", rule_source()}};
    Json data = Json::array();
    for (const Cell& c : cells()) {
      data.push_back({{"role", c.role},
                      {"text", c.text},
                      {"value", c.value},
                      {"column", c.column},
                      {"period", c.period.empty() ? Json(nullptr) : Json(c.period)},
                      {"location", c.location}});
    }
    root["data"] = std::move(data);
    root["steps"] = steps();
    root["verdict"] = outcome_name();
    if (item_) root["trend"] = to_string(item_->trend);
    root["commentary"] = {{"text", sentence_}, {"reasons", reasons()}};
    Json inputs = Json::array();
    for (const InputFile& f : report_inputs(results_, sources_))
      inputs.push_back({{"role", f.role}, {"path", f.path}, {"sha256", f.sha256}});
    root["inputs"] = std::move(inputs);
    return root.dump(2) + "\n";
  }

 private:
  static std::string clean(std::string_view s) { return terminal_safe(s); }

  std::string id() const { return check_ ? check_->id : item_->id; }
  std::string name() const {
    if (check_) return check_->name;
    if (item_->kind == ItemResult::Kind::budget_line) return item_->budget_name + ", " + item_->name;
    return item_->name;
  }
  Span rule_span() const { return check_ ? check_->rule_span : item_->rule_span; }
  std::string outcome_name() const {
    return std::string(check_ ? to_string(check_->outcome) : to_string(item_->verdict));
  }
  std::string outcome_label() const {
    if (!check_) return std::string(verdict_label(item_->verdict, lang_));
    return std::string(w_.x_check_outcomes.at(static_cast<std::size_t>(check_->outcome)));
  }

  // The declaration's text through its closing '}'.
  std::string rule_source() const {
    const std::string_view text = sources_.file(rule_span().file).slice(rule_span());
    std::size_t close = text.rfind('}');
    if (close == std::string_view::npos) close = text.find_last_not_of(" \t\r\n");
    return std::string(close == std::string_view::npos ? text : text.substr(0, close + 1));
  }

  // The declaration's lines, numbered as in a diagnostic.
  std::string source_excerpt(Span span) const {
    const SourceFile& file = sources_.file(span.file);
    // A declaration's span runs on over the white space and comments after its '}'.
    const std::string_view text = file.slice(span);
    std::size_t close = text.rfind('}');
    if (close == std::string_view::npos) {  // a property (a breakdown): its last token
      close = text.find_last_not_of(" \t\r\n");
      if (close == std::string_view::npos) close = 0;
    }
    const std::uint32_t end = span.begin + static_cast<std::uint32_t>(close);
    const std::uint32_t first = file.line_col(span.begin).line;
    const std::uint32_t last = file.line_col(end > span.begin ? end : span.begin).line;
    std::string out;
    for (std::uint32_t line = first; line <= last; ++line)
      out += fmt::format("  {:>5} | {}\n", line, clean(file.line_text(line)));
    return out;
  }

  Cell cell(std::string_view role, const Observation& o, Unit unit) const {
    Cell c;
    c.role = std::string(role);
    c.text = o.value.text;
    c.value = o.value.is_number()                 ? format_value(o.value.number, unit, lang_)
              : o.value.kind == Value::Kind::text ? "text"
                                                  : std::string(to_string(o.value.absence));
    c.column = o.column_label.empty() ? o.column_id : o.column_id + " \"" + o.column_label + "\"";
    c.period = o.period ? o.period->to_string() : "";
    c.location = sources_.location(o.value.span);
    return c;
  }

  std::vector<Cell> cells() const {
    std::vector<Cell> out;
    if (check_) {
      for (const Observation& o : check_->left_inputs) out.push_back(cell(w_.x_role_left, o, Unit::number));
      for (const Observation& o : check_->right_inputs) out.push_back(cell(w_.x_role_right, o, Unit::number));
      return out;
    }
    const ItemResult& r = *item_;
    if (r.kind == ItemResult::Kind::budget_line) {
      if (r.current) out.push_back(cell(w_.x_role_outcome, *r.current, Unit::tkr));
      if (r.budget) out.push_back(cell(w_.x_role_budget, *r.budget, Unit::tkr));
      if (r.reported_deviation) out.push_back(cell(w_.x_role_reported, *r.reported_deviation, Unit::tkr));
      if (r.previous) out.push_back(cell(w_.x_role_previous, *r.previous, Unit::tkr));
      return out;
    }
    if (!r.data_ref.empty() && r.current) out.push_back(cell(w_.x_role_value, *r.current, r.unit));
    for (const Observation& o : r.inputs) out.push_back(cell(w_.x_role_input, o, r.unit));
    if (r.previous && !r.data_ref.empty()) out.push_back(cell(w_.x_role_compared, *r.previous, r.unit));
    return out;
  }

  std::optional<Indicator> indicator() const {
    if (!item_ || item_->kind != ItemResult::Kind::indicator) return std::nullopt;
    return rules_.indicator(item_->id);
  }

  std::string num(const Decimal& d) const { return format_number(d, lang_); }
  std::string val(const Decimal& d, Unit unit) const { return format_value(d, unit, lang_); }

  std::vector<std::string> steps() const {
    std::vector<std::string> out;
    if (check_) {
      const CheckResult& c = *check_;
      const auto it = std::find_if(rules_.checks.begin(), rules_.checks.end(),
                                   [&](const DataCheck& d) { return d.id == c.check_id; });
      if (it != rules_.checks.end() && it->expect.left && it->expect.right) {
        std::string where;
        if (c.row) where = say(w_.x_row, *c.row);
        if (c.column) where += (where.empty() ? "" : ", ") + say(w_.x_column_of, *c.column);
        out.push_back(say(w_.x_condition, ast::to_string(*it->expect.left),
                          comparator_symbol(it->expect.comparator), ast::to_string(*it->expect.right),
                          where.empty() ? "" : say(w_.x_for, where)));
      }
      if (c.left && c.right) {
        out.push_back(say(w_.x_sides, num(*c.left), num(*c.right)));
        out.push_back(say(w_.x_difference, num(*c.left), comparator_symbol(c.comparator), num(*c.right),
                          c.difference ? num(*c.difference) : "–", num(c.tolerance)));
      }
      if (!c.reason.empty()) out.push_back(say(w_.x_cannot_check, c.reason));
      return out;
    }
    const ItemResult& r = *item_;
    if (r.kind == ItemResult::Kind::budget_line) {
      if (r.deviation) {
        const std::string signed_deviation =
            (r.deviation->is_zero() || r.deviation->is_negative() ? "" : "+") + val(*r.deviation, Unit::tkr);
        out.push_back(say(w_.x_deviation, signed_deviation));
        out.push_back(say(w_.x_favourable_side,
                          r.direction == ast::Direction::lower ? w_.x_lower : w_.x_higher,
                          r.favourable ? w_.x_favourable : w_.x_unfavourable));
        if (r.materiality) {
          out.push_back(say(w_.x_materiality, num(*r.deviation),
                            r.deviation->abs() >= *r.materiality ? "≥" : "<", val(*r.materiality, Unit::tkr),
                            r.significant ? w_.x_significant : w_.x_not_significant));
        }
      } else {
        out.push_back(std::string(w_.x_no_deviation));
      }
      return out;
    }
    if (const std::optional<Indicator> ind = indicator(); ind && ind->value)
      out.push_back(say(w_.x_computed, ast::to_string(*ind->value)));
    if (!r.reason.empty()) out.push_back(say(w_.x_undetermined, r.reason));
    if (r.unrounded && r.compared && r.precision) {
      out.push_back(say(*r.precision == 1 ? w_.x_rounding_one : w_.x_rounding_many, *r.precision,
                        val(*r.unrounded, r.unit), val(*r.compared, r.unit)));
    }
    const ast::Target& t = r.target;
    if (!r.bands.empty()) {
      if (r.band_index) {
        std::string conditions;
        for (const auto& [cmp, v] : r.bands[*r.band_index].conditions)
          conditions += (conditions.empty() ? "" : std::string(w_.and_word)) +
                        fmt::format("{} {}", comparator_symbol(cmp), val(v, r.unit));
        out.push_back(say(w_.x_band, conditions));
      }
      return out;
    }
    if (t.kind == ast::Target::Kind::none) {
      out.push_back(std::string(w_.x_no_target));
      return out;
    }
    if (t.kind == ast::Target::Kind::pending) {
      out.push_back(say(w_.x_pending, t.text ? " (" + *t.text + ")" : ""));
      return out;
    }
    if (t.relative && r.relative_offset) {
      out.push_back(say(
          w_.x_relative,
          r.previous && r.previous->value.is_number() ? val(r.previous->value.number, r.unit) : "?",
          r.relative_offset->is_negative() ? "−" : "+", num(r.relative_offset->abs()), val(t.value, r.unit)));
    }
    if (t.annual && r.reference) {
      out.push_back(say(w_.x_annual, val(t.value, r.unit), r.months_elapsed,
                        t.profile ? say(w_.by_profile, t.profile->text) : "", val(*r.reference, r.unit)));
    }
    if (r.compared && r.reference) {
      const bool holds = r.verdict == Verdict::met || r.verdict == Verdict::on_track;
      const std::string bound = t.comparator == ast::Comparator::range
                                    ? fmt::format("{}..{}", val(t.value, r.unit), val(t.upper, r.unit))
                                    : val(*r.reference, r.unit);
      out.push_back(
          say(w_.x_comparison, val(*r.compared, r.unit),
              t.comparator == ast::Comparator::range ? w_.x_within : comparator_symbol(t.comparator), bound,
              holds ? w_.x_holds : w_.x_fails));
      if (r.gap) out.push_back(say(w_.x_gap, format_gap(*r.gap, r.unit, lang_)));
      if (t.band && r.verdict == Verdict::near)
        out.push_back(say(w_.x_near, num(*t.band) + (t.band_relative ? " %" : "")));
    }
    return out;
  }

  std::string trend_line() const {
    const ItemResult& r = *item_;
    if (r.trend == Trend::none) {
      if (!r.previous) return std::string(w_.x_trend_no_previous);
      if (r.direction == ast::Direction::unspecified) return std::string(w_.x_trend_no_direction);
      return std::string(w_.x_trend_missing);
    }
    return say(w_.x_trend_line, trend_label(r.trend, lang_),
               r.current && r.current->value.is_number() ? val(r.current->value.number, r.unit) : "?",
               r.previous->value.is_number() ? val(r.previous->value.number, r.unit) : "?",
               r.previous->period ? r.previous->period->to_string() : r.previous->column_label,
               r.direction == ast::Direction::lower ? w_.x_lower : w_.x_higher);
  }

  std::vector<std::string> reasons() const {
    if (check_) return {say(w_.x_check_reason, to_string(check_->outcome), outcome_label())};
    return commentary_reasons(*item_, lang_);
  }

  const RuleSet& rules_;
  const Results& results_;
  const Commentary& commentary_;
  const SourceManager& sources_;
  const Wording& w_;
  Language lang_;
  const ItemResult* item_ = nullptr;
  const CheckResult* check_ = nullptr;
  std::string sentence_;
};

}  // namespace

std::optional<std::string> render_explanation(const RuleSet& rules, const Results& results,
                                              const Commentary& commentary, const SourceManager& sources,
                                              std::string_view id, bool json,
                                              std::vector<std::string>& known) {
  Explainer e(rules, results, commentary, sources);
  if (!e.find(id)) {
    known = e.ids();
    return std::nullopt;
  }
  return json ? e.json() : e.text();
}

}  // namespace attain
