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
      : rules_(rules), results_(results), commentary_(commentary), sources_(sources) {}

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
    std::string out = fmt::format("Förklaring: {} – {}\n", id(), clean(name()));
    out += fmt::format("\nRegel  {}\n", sources_.location(rule_span()));
    out += source_excerpt(rule_span());
    out += "\nVärden ur datasetet\n";
    const std::vector<Cell> read = cells();
    if (read.empty()) out += "  (inga)\n";
    for (const Cell& c : read) {
      out += fmt::format("  {:<16} \"{}\"  {}  (kolumn {}{}) → {}\n", c.role, clean(c.text), c.location,
                         clean(c.column), c.period.empty() ? "" : ", " + c.period, clean(c.value));
    }
    out += "\nBeräkning\n";
    const std::vector<std::string> done = steps();
    for (std::size_t k = 0; k < done.size(); ++k) out += fmt::format("  {}. {}\n", k + 1, clean(done[k]));
    out += fmt::format("\nBedömning: {} ({})\n", outcome_label(), outcome_name());
    if (item_ && item_->kind != ItemResult::Kind::budget_line)
      out += fmt::format("Trend: {}\n", clean(trend_line()));
    out += fmt::format("\nKommentar\n  {}\n", clean(sentence_));
    const std::vector<std::string> why = reasons();
    if (!why.empty()) {
      out += "  Formuleringen:\n";
      for (const std::string& w : why) out += fmt::format("  - {}\n", clean(w));
    }
    out += fmt::format("\nUnderlag (attain {})\n", version);
    for (const InputFile& f : report_inputs(results_, sources_))
      out +=
          fmt::format("  {:<6}  {}  {}\n", f.role == "dataset" ? "data" : "regler", f.sha256, clean(f.path));
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
    if (!check_) return std::string(verdict_label(item_->verdict));
    switch (check_->outcome) {
      case CheckOutcome::pass:
        return "stämmer";
      case CheckOutcome::rounding:
        return "stämmer inom avrundning";
      case CheckOutcome::fail:
        return "stämmer inte";
      case CheckOutcome::no_data:
        return "kan inte kontrolleras, uppgift saknas";
      case CheckOutcome::error:
        return "kan inte kontrolleras";
    }
    return "";
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

  Cell cell(std::string role, const Observation& o, Unit unit) const {
    Cell c;
    c.role = std::move(role);
    c.text = o.value.text;
    c.value = o.value.is_number()                 ? format_value(o.value.number, unit)
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
      for (const Observation& o : check_->left_inputs) out.push_back(cell("vänster led", o, Unit::number));
      for (const Observation& o : check_->right_inputs) out.push_back(cell("höger led", o, Unit::number));
      return out;
    }
    const ItemResult& r = *item_;
    if (r.kind == ItemResult::Kind::budget_line) {
      if (r.current) out.push_back(cell("utfall", *r.current, Unit::tkr));
      if (r.budget) out.push_back(cell("budget", *r.budget, Unit::tkr));
      if (r.reported_deviation) out.push_back(cell("redovisad avvikelse", *r.reported_deviation, Unit::tkr));
      if (r.previous) out.push_back(cell("föregående", *r.previous, Unit::tkr));
      return out;
    }
    if (!r.data_ref.empty() && r.current) out.push_back(cell("värde", *r.current, r.unit));
    for (const Observation& o : r.inputs) out.push_back(cell("indata", o, r.unit));
    if (r.previous && !r.data_ref.empty()) out.push_back(cell("jämförelsevärde", *r.previous, r.unit));
    return out;
  }

  const Indicator* indicator() const {
    if (!item_ || item_->kind != ItemResult::Kind::indicator) return nullptr;
    return rules_.indicator(item_->id);
  }

  std::vector<std::string> steps() const {
    std::vector<std::string> out;
    if (check_) {
      const CheckResult& c = *check_;
      const auto it = std::find_if(rules_.checks.begin(), rules_.checks.end(),
                                   [&](const DataCheck& d) { return d.id == c.check_id; });
      if (it != rules_.checks.end() && it->expect.left && it->expect.right) {
        out.push_back(fmt::format(
            "villkor: {} {} {}{}", ast::to_string(*it->expect.left), comparator_symbol(it->expect.comparator),
            ast::to_string(*it->expect.right),
            c.row || c.column ? fmt::format(" för {}{}", c.row ? "rad " + *c.row : "",
                                            c.column ? (c.row ? ", kolumn " : "kolumn ") + *c.column : "")
                              : ""));
      }
      if (c.left && c.right) {
        out.push_back(
            fmt::format("vänster led = {}, höger led = {}", format_sv(*c.left), format_sv(*c.right)));
        out.push_back(fmt::format("{} {} {}: skillnad {}, tolerans {}", format_sv(*c.left),
                                  comparator_symbol(c.comparator), format_sv(*c.right),
                                  c.difference ? format_sv(*c.difference) : "–", format_sv(c.tolerance)));
      }
      if (!c.reason.empty()) out.push_back("kan inte kontrolleras: " + c.reason);
      return out;
    }
    const ItemResult& r = *item_;
    if (r.kind == ItemResult::Kind::budget_line) {
      if (r.deviation) {
        out.push_back(fmt::format("avvikelse = utfall − budget = {} tkr", format_sv_signed(*r.deviation)));
        out.push_back(fmt::format("gynnsam sida: {} är bättre; avvikelsen är {}",
                                  r.direction == ast::Direction::lower ? "lägre" : "högre",
                                  r.favourable ? "gynnsam" : "ogynnsam"));
        if (r.materiality) {
          out.push_back(fmt::format("väsentlighet: |{}| {} {} tkr → {}", format_sv(*r.deviation),
                                    r.deviation->abs() >= *r.materiality ? "≥" : "<",
                                    format_sv(*r.materiality),
                                    r.significant ? "väsentlig" : "inte väsentlig"));
        }
      } else {
        out.push_back("avvikelsen kan inte beräknas: utfall eller budget saknas");
      }
      return out;
    }
    if (const Indicator* ind = indicator(); ind && ind->value)
      out.push_back(fmt::format("värdet beräknas: {}", ast::to_string(*ind->value)));
    if (!r.reason.empty()) out.push_back("värdet kan inte bestämmas: " + r.reason);
    if (r.unrounded && r.compared && r.precision) {
      out.push_back(fmt::format("avrundning till {} decimal{}: {} → {}", *r.precision,
                                *r.precision == 1 ? "" : "er", format_value(*r.unrounded, r.unit),
                                format_value(*r.compared, r.unit)));
    }
    const ast::Target& t = r.target;
    if (!r.bands.empty()) {
      if (r.band_index) {
        std::vector<std::string> conditions;
        for (const auto& [cmp, v] : r.bands[*r.band_index].conditions)
          conditions.push_back(fmt::format("{} {}", comparator_symbol(cmp), format_value(v, r.unit)));
        out.push_back(fmt::format("färgband: värdet ligger i bandet {}", fmt::join(conditions, " och ")));
      }
      return out;
    }
    if (t.kind == ast::Target::Kind::none) {
      out.push_back("inget målvärde: ingen jämförelse");
      return out;
    }
    if (t.kind == ast::Target::Kind::pending) {
      out.push_back(
          fmt::format("målvärdet är inte satt{}: ingen jämförelse", t.text ? " (" + *t.text + ")" : ""));
      return out;
    }
    if (t.relative && r.relative_offset) {
      out.push_back(fmt::format(
          "relativt mål: jämförelsevärdet {} {} {} = {}",
          r.previous && r.previous->value.is_number() ? format_value(r.previous->value.number, r.unit) : "?",
          r.relative_offset->is_negative() ? "−" : "+", format_sv(r.relative_offset->abs()),
          format_value(t.value, r.unit)));
    }
    if (t.annual && r.reference) {
      out.push_back(fmt::format("årsmål pro rata: {} × {}/12 månader{} = {}", format_value(t.value, r.unit),
                                r.months_elapsed, t.profile ? " enligt profilen " + t.profile->text : "",
                                format_value(*r.reference, r.unit)));
    }
    if (r.compared && r.reference) {
      const bool holds = r.verdict == Verdict::met || r.verdict == Verdict::on_track;
      const std::string bound =
          t.comparator == ast::Comparator::range
              ? fmt::format("{}..{}", format_value(t.value, r.unit), format_value(t.upper, r.unit))
              : format_value(*r.reference, r.unit);
      out.push_back(
          fmt::format("jämförelse: {} {} {} {}", format_value(*r.compared, r.unit),
                      t.comparator == ast::Comparator::range ? "inom" : comparator_symbol(t.comparator),
                      bound, holds ? "gäller" : "gäller inte"));
      if (r.gap) out.push_back(fmt::format("skillnad mot målet: {}", format_gap(*r.gap, r.unit)));
      if (t.band && r.verdict == Verdict::near)
        out.push_back(
            fmt::format("inom toleransen {}{}: nära målet", format_sv(*t.band), t.band_relative ? " %" : ""));
    }
    return out;
  }

  std::string trend_line() const {
    const ItemResult& r = *item_;
    if (r.trend == Trend::none) {
      if (!r.previous) return "ingen (inget tidigare värde att jämföra med)";
      if (r.direction == ast::Direction::unspecified) return "ingen (riktning ej angiven)";
      return "ingen (tidigare eller nuvarande värde saknas)";
    }
    return fmt::format(
        "{}: {} mot {} ({}), {} är bättre", trend_label(r.trend),
        r.current && r.current->value.is_number() ? format_value(r.current->value.number, r.unit) : "?",
        r.previous->value.is_number() ? format_value(r.previous->value.number, r.unit) : "?",
        r.previous->period ? r.previous->period->to_string() : r.previous->column_label,
        r.direction == ast::Direction::lower ? "lägre" : "högre");
  }

  std::vector<std::string> reasons() const {
    if (check_) return {fmt::format("utfallet {} ger \"{}\"", to_string(check_->outcome), outcome_label())};
    return commentary_reasons(*item_);
  }

  const RuleSet& rules_;
  const Results& results_;
  const Commentary& commentary_;
  const SourceManager& sources_;
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
