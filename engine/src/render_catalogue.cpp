// render_catalogue: `evaluate list`, the rule set for auditors. Every area, goal,
// objective, indicator, budget and data check with what it asks and where it is
// declared, as text, Markdown or JSON. Reads the checked rules only: no dataset.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "attain/render.hpp"
#include "attain/version.hpp"

namespace attain {

namespace {

using Json = nlohmann::ordered_json;

std::string_view direction_text(ast::Direction d, const Wording& w) {
  switch (d) {
    case ast::Direction::higher:
      return w.l_direction_higher;
    case ast::Direction::lower:
      return w.l_direction_lower;
    case ast::Direction::unspecified:
      break;
  }
  return w.l_direction_none;
}

std::string_view rollup_name(ast::RollupPolicy::Kind k) {
  switch (k) {
    case ast::RollupPolicy::Kind::all:
      return "all";
    case ast::RollupPolicy::Kind::at_least:
      return "at_least";
    case ast::RollupPolicy::Kind::at_least_share:
      return "at_least_percent";
    case ast::RollupPolicy::Kind::weighted:
      return "weighted_percent";
  }
  return "all";
}

std::string comparison_text(const ast::Comparison& c, const Wording& w) {
  switch (c.kind) {
    case ast::Comparison::Kind::previous_period:
      return std::string(w.l_previous_period);
    case ast::Comparison::Kind::same_period_last_year:
      return std::string(w.l_same_period);
    case ast::Comparison::Kind::named_period:
      return say(w.l_named_period, c.period);
  }
  return "";
}

// What an indicator asks, in words: "≥ 92 %", "färgband, grönt ≥ 92 %", "mål ej satt (Q3)".
std::string target_words(const Indicator& i, const Wording& w) {
  const Language l = w.language;
  for (const ast::ColourBand& b : i.bands) {
    if (b.colour != ast::ColourBand::Colour::green) continue;
    std::string parts;
    for (const auto& [cmp, v] : b.conditions)
      parts += (parts.empty() ? "" : std::string(w.and_word)) +
               fmt::format("{} {}", comparator_symbol(cmp), format_value(v, i.unit, l));
    return say(w.l_bands, parts);
  }
  const ast::Target& t = i.target;
  if (t.kind == ast::Target::Kind::none) return std::string(w.l_no_target);
  std::string s = t.kind == ast::Target::Kind::pending ? say(w.l_not_set, t.text ? " (" + *t.text + ")" : "")
                                                       : format_target(t, i.unit, l);
  if (t.relative) {
    s = say(w.l_relative, comparator_symbol(t.comparator), t.value.is_negative() ? "−" : "+",
            format_number(t.value.abs(), l));
  }
  if (t.constant) s += say(w.l_constant, t.constant->text);
  if (t.band) s += say(t.band_relative ? w.l_near_percent : w.l_near, format_number(*t.band, l));
  if (t.profile) s += say(w.l_profile, t.profile->text);
  return s;
}

std::string data_words(const Indicator& i, const Wording& w) {
  if (i.value) return say(w.l_computed, ast::to_string(*i.value));
  return i.data.to_string();
}

class Catalogue {
 public:
  Catalogue(const RuleSet& rules, const SourceManager& sources, Language language)
      : rules_(rules), sources_(sources), w_(wording(language)), lang_(language) {}

  std::string text() const {
    std::string out = fmt::format("{} (attain {})\n", w_.l_title, version);
    for (std::size_t g = 0; g < rules_.groups.size(); ++g) {
      const Group& grp = rules_.groups[g];
      const std::string indent(2 * depth(g), ' ');
      out += fmt::format("\n{}{}: {}  [{}]  {}\n", indent, level_label(grp.level, lang_), clean(grp.name),
                         grp.id, sources_.file_line(grp.span));
      out += fmt::format("{}  {}\n", indent, say(w_.l_rollup, rollup_text(grp.rollup, lang_)));
      for (const RuleItem& item : rules_.items) {
        if (item.kind == RuleItem::Kind::indicator) {
          if (rules_.indicators[item.index].group != g) continue;
          const Indicator i = rules_.indicator_of(item);  // a family member's own
          out += fmt::format("{}  {}  {}  {}\n", indent, i.id, clean(i.name), sources_.file_line(i.span));
          out += fmt::format(
              "{}      {}\n", indent,
              say(w_.l_target, clean(target_words(i, w_)), direction_text(i.direction, w_), to_string(i.unit),
                  clean(data_words(i, w_)), i.cumulative ? std::string(w_.l_cumulative) : "",
                  i.comparison.kind == ast::Comparison::Kind::previous_period
                      ? ""
                      : say(w_.l_compared_with, clean(comparison_text(i.comparison, w_)))));
          for (const Breakdown& b : i.breakdowns)
            out += fmt::format("{}      {}\n", indent,
                               say(w_.l_breakdown, b.id, clean(b.name), clean(b.data.to_string())));
        } else {
          const Budget& b = rules_.budgets[item.index];
          if (b.group != g) continue;
          out += fmt::format("{}  {}  {}  {}\n", indent, b.id, clean(b.name), sources_.file_line(b.span));
          out += fmt::format(
              "{}      {}\n", indent,
              say(w_.l_budget, b.table.text, b.outcome.text, b.budget.text,
                  b.favourable == ast::Direction::lower ? w_.l_favourable_lower : w_.l_favourable_higher,
                  b.materiality ? format_value(*b.materiality, Unit::tkr, lang_)
                                : std::string(w_.l_materiality_none)));
        }
      }
    }
    if (!rules_.checks.empty()) {
      out += fmt::format("\n{}\n", w_.l_checks);
      for (const DataCheck& c : rules_.checks) {
        out += fmt::format("  {}  {}  {}\n", c.id, clean(c.name), sources_.file_line(c.span));
        out += fmt::format("      {}\n", clean(expectation(c)));
      }
    }
    out += "\n" +
           say(w_.l_count, rules_.indicator_count(), rules_.budgets.size(), rules_.checks.size(),
               rules_.tests.size(), sources_.size()) +
           "\n";
    return out;
  }

  std::string markdown() const {
    std::string out = fmt::format("# {}\n\nattain {}\n", w_.l_title, version);
    for (std::size_t g = 0; g < rules_.groups.size(); ++g) {
      const Group& grp = rules_.groups[g];
      out += fmt::format("\n{} {}: {}\n\n`{}` · {} · {}\n",
                         std::string(std::min<std::size_t>(depth(g) + 2, 6), '#'),
                         level_label(grp.level, lang_), md(grp.name), grp.id,
                         md(sources_.file_line(grp.span)), say(w_.l_rollup, rollup_text(grp.rollup, lang_)));
      std::string rows;
      for (const RuleItem& item : rules_.items) {
        if (item.kind != RuleItem::Kind::indicator || rules_.indicators[item.index].group != g) continue;
        const Indicator i = rules_.indicator_of(item);
        rows += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} |\n", i.id, md(i.name),
                            md(target_words(i, w_)), direction_text(i.direction, w_), to_string(i.unit),
                            md(data_words(i, w_)), md(sources_.file_line(i.span)));
      }
      if (!rows.empty()) {
        out += fmt::format("\n| {} | {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|---|\n",
                           w_.l_col_id, w_.l_col_indicator, w_.l_col_target, w_.l_col_direction,
                           w_.l_col_unit, w_.l_col_data, w_.l_col_rule) +
               rows;
      }
    }
    if (!rules_.checks.empty()) {
      out += fmt::format("\n## {}\n\n| {} | {} | {} | {} |\n|---|---|---|---|\n", w_.l_checks, w_.l_col_id,
                         w_.col_check, w_.l_col_condition, w_.l_col_rule);
      for (const DataCheck& c : rules_.checks) {
        out += fmt::format("| `{}` | {} | {} | {} |\n", c.id, md(c.name), md(expectation(c)),
                           md(sources_.file_line(c.span)));
      }
    }
    return out;
  }

  std::string json() const {
    Json root;
    root["schema"] = "attain/catalogue/v1";
    root["engine"] = {{"name", "attain"}, {"version", version}};
    Json inputs = Json::array();
    for (FileId id = 0; id < sources_.size(); ++id) {
      const SourceFile& f = sources_.file(id);
      inputs.push_back({{"role", "rules"},
                        {"path", f.path()},
                        {"sha256", sha256_hex(f.text())},
                        {"bytes", f.text().size()}});
    }
    root["inputs"] = std::move(inputs);
    Json groups = Json::array();
    for (const Group& grp : rules_.groups) {
      groups.push_back({{"id", grp.id},
                        {"level", ast::to_string(grp.level)},
                        {"name", grp.name},
                        {"parent", grp.parent ? Json(rules_.groups[*grp.parent].id) : Json(nullptr)},
                        {"rollup",
                         {{"policy", rollup_name(grp.rollup.kind)},
                          {"threshold", grp.rollup.kind == ast::RollupPolicy::Kind::all
                                            ? Json(nullptr)
                                            : Json(grp.rollup.amount.to_string())}}},
                        {"location", sources_.file_line(grp.span)}});
    }
    root["groups"] = std::move(groups);
    Json indicators = Json::array();
    for (const RuleItem& item : rules_.items) {
      if (item.kind != RuleItem::Kind::indicator) continue;
      const Indicator i = rules_.indicator_of(item);
      const ast::Target& t = i.target;
      Json j;
      j["id"] = i.id;
      j["name"] = i.name;
      j["group"] = rules_.groups.empty() ? Json(nullptr) : Json(rules_.groups[i.group].id);
      j["unit"] = to_string(i.unit);
      j["direction"] = ast::to_string(i.direction);
      j["target"] = {
          {"kind", t.kind == ast::Target::Kind::none      ? "none"
                   : t.kind == ast::Target::Kind::pending ? "pending"
                                                          : "compare"},
          {"comparator",
           t.kind == ast::Target::Kind::compare ? Json(ast::to_string(t.comparator)) : Json(nullptr)},
          {"value", t.kind == ast::Target::Kind::compare ? Json(t.value.to_string()) : Json(nullptr)},
          {"upper", t.comparator == ast::Comparator::range ? Json(t.upper.to_string()) : Json(nullptr)},
          {"relative", t.relative},
          {"annual", t.annual},
          {"profile", t.profile ? Json(t.profile->text) : Json(nullptr)},
          {"within", t.band ? Json(t.band->to_string()) : Json(nullptr)},
          {"within_percent_of_target", t.band_relative},
          {"text", t.text ? Json(*t.text) : Json(nullptr)}};
      j["target_text"] = target_words(i, w_);
      j["data"] = i.data.path.empty() ? Json(nullptr) : Json(i.data.to_string());
      j["value"] = i.value ? Json(ast::to_string(*i.value)) : Json(nullptr);
      j["cumulative"] = i.cumulative;
      j["precision"] = i.precision ? Json(*i.precision) : Json(nullptr);
      j["weight"] = i.weight.to_string();
      j["compare_with"] = {
          {"kind", i.comparison.kind == ast::Comparison::Kind::previous_period ? "previous_period"
                   : i.comparison.kind == ast::Comparison::Kind::same_period_last_year
                       ? "same_period_last_year"
                       : "named_period"},
          {"period", i.comparison.kind == ast::Comparison::Kind::named_period ? Json(i.comparison.period)
                                                                              : Json(nullptr)}};
      Json breakdowns = Json::array();
      for (const Breakdown& b : i.breakdowns)
        breakdowns.push_back({{"id", b.id}, {"name", b.name}, {"data", b.data.to_string()}});
      j["breakdowns"] = std::move(breakdowns);
      j["family"] = i.family ? Json(i.family->id) : Json(nullptr);
      for (const auto& [key, value] : i.metadata) j[key] = value;
      j["location"] = sources_.file_line(i.span);
      indicators.push_back(std::move(j));
    }
    root["indicators"] = std::move(indicators);
    Json budgets = Json::array();
    for (const Budget& b : rules_.budgets) {
      Json lines = Json::array();
      for (const ast::Name& l : b.lines) lines.push_back(l.text);
      budgets.push_back({{"id", b.id},
                         {"name", b.name},
                         {"group", rules_.groups.empty() ? Json(nullptr) : Json(rules_.groups[b.group].id)},
                         {"table", b.table.text},
                         {"outcome", b.outcome.text},
                         {"budget", b.budget.text},
                         {"reported", b.reported ? Json(b.reported->text) : Json(nullptr)},
                         {"previous", b.previous ? Json(b.previous->text) : Json(nullptr)},
                         {"favourable", ast::to_string(b.favourable)},
                         {"materiality", b.materiality ? Json(b.materiality->to_string()) : Json(nullptr)},
                         {"lines", std::move(lines)},
                         {"location", sources_.file_line(b.span)}});
    }
    root["budgets"] = std::move(budgets);
    Json checks = Json::array();
    for (const DataCheck& c : rules_.checks) {
      Json columns = Json::array();
      for (const ast::Name& n : c.columns) columns.push_back(n.text);
      checks.push_back({{"id", c.id},
                        {"name", c.name},
                        {"expect", condition(c)},
                        {"columns", std::move(columns)},
                        {"tolerance", c.tolerance.to_string()},
                        {"location", sources_.file_line(c.span)}});
    }
    root["data_checks"] = std::move(checks);
    Json constants = Json::object();
    for (const auto& [name, value] : rules_.constants) constants[name] = value.to_string();
    root["constants"] = std::move(constants);
    root["tests"] = rules_.tests.size();
    return root.dump(2) + "\n";
  }

 private:
  std::size_t depth(std::size_t g) const {
    std::size_t d = 0;
    for (auto p = rules_.groups[g].parent; p; p = rules_.groups[*p].parent) ++d;
    return d;
  }

  static std::string clean(std::string_view s) { return terminal_safe(s); }

  static std::string md(std::string_view text) { return escape_markdown(text); }

  // The condition alone: "(t.a + t.b) = t.summa".
  static std::string condition(const DataCheck& c) {
    if (!c.expect.left || !c.expect.right) return "";
    return fmt::format("{} {} {}", ast::to_string(*c.expect.left), ast::to_string(c.expect.comparator),
                       ast::to_string(*c.expect.right));
  }

  // The condition with its columns and tolerance, in words.
  std::string expectation(const DataCheck& c) const {
    std::string s = condition(c);
    if (!c.columns.empty()) {
      std::vector<std::string> names;
      for (const ast::Name& n : c.columns) names.push_back(n.text);
      s += say(w_.l_for_columns, fmt::format("{}", fmt::join(names, ", ")));
    }
    if (!c.tolerance.is_zero()) s += say(w_.l_tolerance, format_number(c.tolerance, lang_));
    return s;
  }

  const RuleSet& rules_;
  const SourceManager& sources_;
  const Wording& w_;
  Language lang_;
};

}  // namespace

std::string render_catalogue(const RuleSet& rules, const SourceManager& sources, CatalogueFormat format,
                             Language language) {
  const Catalogue c(rules, sources, language);
  switch (format) {
    case CatalogueFormat::markdown:
      return c.markdown();
    case CatalogueFormat::json:
      return c.json();
    case CatalogueFormat::text:
      break;
  }
  return c.text();
}

}  // namespace attain
