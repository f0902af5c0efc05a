#include "attain/commentary.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace attain {

namespace {

bool is_one(const Decimal& d) {
  return d == Decimal::integer(1);
}

// A column label inside a sentence: "Prognos helår" -> "prognos helår".
// Leaves acronyms ("LKDATA") alone: only a capital followed by a small letter is lowered.
std::string in_sentence(std::string label) {
  const auto is_upper = [](std::string_view s) {
    return (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') ||
           (s.size() >= 2 && s[0] == '\xC3' && (s[1] == '\x85' || s[1] == '\x84' || s[1] == '\x96'));
  };
  const std::size_t first = is_upper(label) && label[0] == '\xC3' ? 2 : 1;
  if (!is_upper(label) || is_upper(std::string_view(label).substr(first))) return label;
  if (first == 1)
    label[0] = static_cast<char>(label[0] - 'A' + 'a');
  else
    label[1] = static_cast<char>(label[1] + 0x20);  // Å Ä Ö -> å ä ö in UTF-8
  return label;
}

bool within(const Results& results, std::size_t group, std::size_t ancestor) {
  for (std::optional<std::size_t> g = group; g; g = results.groups[*g].parent) {
    if (*g == ancestor) return true;
  }
  return false;
}

// Every phrase and sentence of one language; the words themselves are in `w`.
class Phrases {
 public:
  explicit Phrases(const Wording& words) : w(words) {}

  // "62 500" / "62,500"; "−143"
  std::string number(const Decimal& d) const {
    std::string plain = d.to_string();  // "-1462.5"
    const bool negative = !plain.empty() && plain[0] == '-';
    if (negative) plain.erase(0, 1);
    const auto point = plain.find('.');
    const std::string integer = plain.substr(0, point);
    std::string out;
    // Every number of four digits or more is grouped: "1 462", "62 500".
    for (std::size_t k = 0; k < integer.size(); ++k) {
      if (k > 0 && (integer.size() - k) % 3 == 0) out += w.group_separator;
      out += integer[k];
    }
    if (point != std::string::npos) out += std::string(w.decimal_mark) + plain.substr(point + 1);
    return (negative && !d.is_zero()) ? "\xE2\x88\x92" + out : out;
  }
  std::string number_signed(const Decimal& d) const {
    return d.is_zero() || d.is_negative() ? number(d) : "+" + number(d);
  }

  std::string_view unit_suffix(Unit unit) const {
    switch (unit) {
      case Unit::percent:
        return " %";
      case Unit::tkr:
        return " tkr";
      case Unit::kr:
        return " kr";
      case Unit::days:
        return w.unit_days;
      case Unit::hours:
        return w.unit_hours;
      default:
        return "";
    }
  }

  std::string value(const Decimal& d, Unit unit) const { return number(d) + std::string(unit_suffix(unit)); }

  std::string cell(const Value& v, Unit unit) const {
    if (v.is_number()) return value(v.number, unit);
    if (v.kind == Value::Kind::absent && v.absence == Absence::blank) return "";
    return v.text;
  }

  // The size of a gap with its unit: "1 procentenhet", "2,0 procentenheter", "16", "945 tkr".
  std::string gap_text(const Decimal& gap, Unit unit) const {
    const Decimal size = gap.abs();
    const std::string n = number(size);
    switch (unit) {
      case Unit::percent:
        return n + " " + std::string(is_one(size) ? w.point_one : w.point_many);
      case Unit::days:
        return n + " " + std::string(is_one(size) ? w.day_one : w.day_many);
      case Unit::hours:
        return n + " " + std::string(is_one(size) ? w.hour_one : w.hour_many);
      default:
        return n + std::string(unit_suffix(unit));
    }
  }

  std::string bound_text(const ast::Target& t, Unit unit) const {
    switch (t.comparator) {
      case ast::Comparator::gt:
        return say(w.bound_above, value(t.value, unit));
      case ast::Comparator::lt:
        return say(w.bound_below, value(t.value, unit));
      case ast::Comparator::range:
        return fmt::format("{}–{}", number(t.value), value(t.upper, unit));
      default:
        return value(t.value, unit);
    }
  }

  // "1 procentenhet", "5 % av målvärdet"
  std::string band_text(const ast::Target& t, Unit unit) const {
    if (!t.band) return "";
    if (t.band_relative) return say(w.band_of_target, number(*t.band));
    return gap_text(*t.band, unit);
  }

  std::string_view colour_word(ast::ColourBand::Colour c) const {
    return w.colours.at(static_cast<std::size_t>(c));
  }

  // "≥ 88 % och < 92 %"
  std::string band_condition_text(const ast::ColourBand& b, Unit unit) const {
    std::string out;
    for (const auto& [cmp, v] : b.conditions) {
      if (!out.empty()) out += w.and_word;
      out += fmt::format("{} {}", comparator_symbol(cmp), value(v, unit));
    }
    return out;
  }

  std::string period(const Period& p) const {
    if (p.full_year) return fmt::format("{}", p.year);
    return fmt::format("{} {}", w.months.at(static_cast<std::size_t>(p.month - 1)), p.year);
  }

  std::string period_range(const Period& p) const {
    if (p.full_year) return say(w.full_year, p.year);
    if (p.month == 1) return period(p);
    return fmt::format("{}–{}", w.months[0], period(p));
  }

  // When a value was measured, as said in a sentence: "2019", "i mars 2020".
  std::string when(const Observation& o) const {
    if (!o.period) return o.column_label;
    return say(o.period->full_year ? w.in_year : w.in_period, period(*o.period));
  }

  // How a relative bound was formed: "värdet 90 % 2019 + 1 procentenhet".
  std::string relative_phrase(const ItemResult& r) const {
    std::string base(w.the_value_compared);
    if (r.previous && r.previous->value.is_number()) {
      base = say(w.the_value_when, value(r.previous->value.number, r.unit), when(*r.previous));
    }
    const Decimal offset = r.relative_offset.value_or(r.target.value);
    if (offset.is_zero()) return base;
    return fmt::format("{} {} {}", base, offset.is_negative() ? "−" : "+", gap_text(offset, r.unit));
  }

  // A target phrase and the bracket after it: "årsmålet 220 000 (", or, where the phrase
  // ends with a bracket of its own, "årsmålet (över 120; ": one bracket, not two in a row.
  static std::string opened(std::string phrase) {
    if (!phrase.ends_with(')')) return phrase + " (";
    phrase.back() = ';';
    return phrase + " ";
  }

  // "målvärdet 92 %", "målvärdet Nollresultat", "årsmålet 220 000",
  // "målvärdet 91 % (värdet 90 % 2019 + 1 procentenhet)"
  std::string target_phrase(const ItemResult& r) const {
    const ast::Target& t = r.target;
    for (const ast::ColourBand& b : r.bands) {  // colour bands: what green asks for
      if (b.colour == ast::ColourBand::Colour::green)
        return say(w.green_band, band_condition_text(b, r.unit));
    }
    const std::string_view noun = t.annual ? w.annual_target_noun : w.target_noun;
    if (t.relative && !r.relative_offset) return fmt::format("{} ({})", noun, relative_phrase(r));
    if (t.relative) return fmt::format("{} {} ({})", noun, bound_text(t, r.unit), relative_phrase(r));
    if (t.text) return fmt::format("{} {}", noun, *t.text);
    return fmt::format("{} {}", noun, bound_text(t, r.unit));
  }

  std::string absence_text(const Value& v) const {
    if (v.text.empty() && v.absence != Absence::blank) {  // a computed value: no marker to quote
      return std::string(v.absence == Absence::not_applicable ? w.not_applicable : w.no_data);
    }
    switch (v.absence) {
      case Absence::no_data:
        return say(w.no_data_marked, v.text);
      case Absence::not_applicable:
        return say(w.not_applicable_marked, v.text);
      case Absence::pending:
        return say(w.pending_marked, v.text);
      case Absence::not_published:
        return say(w.not_published_marked, v.text);
      case Absence::confidential:
        return say(w.confidential_marked, v.text);
      case Absence::blank:
        break;
    }
    return std::string(w.no_data);
  }

  std::string reason_text(std::string_view reason) const {
    if (reason.empty()) return std::string(w.no_data);
    return w.reason ? w.reason(reason) : std::string(reason);
  }

  // ", en förbättring från 90 % 2019"
  std::string trend_clause(const ItemResult& r) const {
    if (!r.previous || !r.previous->value.is_number() || !r.current || !r.current->value.is_number())
      return "";
    // The earlier value at the same precision as the current one is shown.
    Decimal earlier = r.previous->value.number;
    if (r.precision && earlier.scale() > *r.precision)
      earlier = earlier.scaled_by(1, 1, *r.precision).value_or(earlier);
    const std::string before = fmt::format("{} {}", value(earlier, r.unit), when(*r.previous));
    switch (r.trend) {
      case Trend::improved:
        return say(w.improved_from, before);
      case Trend::worsened:
        return say(w.worsened_from, before);
      case Trend::unchanged:
        return say(w.unchanged_from, before);
      case Trend::none:
        return say(w.compared_with, before);
    }
    return "";
  }

  std::string budget_sentence(const ItemResult& r) const {
    const Observation& outcome = *r.current;
    const Observation& budget = *r.budget;
    std::string s =
        say(w.budget_line, r.budget_name, r.name, in_sentence(outcome.column_label),
            cell(outcome.value, Unit::tkr), in_sentence(budget.column_label), cell(budget.value, Unit::tkr));
    if (!r.deviation) return s + std::string(w.deviation_unknown);
    const Decimal& d = *r.deviation;
    if (d.is_zero()) {
      s += w.no_deviation;
    } else {
      // The size of the deviation, named by whether it is good or bad: the sign of
      // outcome − budget means opposite things for a result and for spending.
      s += say(w.deviation, r.favourable ? w.favourable : w.unfavourable, number(d.abs()));
      if (r.significant) {
        s += r.materiality ? say(w.significant_at_least, number(*r.materiality)) : std::string(w.significant);
      } else if (r.materiality) {
        s += say(w.below_materiality, number(*r.materiality));
      }
    }
    if (r.previous && r.previous->value.is_number()) {
      s += fmt::format("; {} {}", in_sentence(r.previous->column_label),
                       value(r.previous->value.number, Unit::tkr));
    }
    return s + ".";
  }

  std::string_view closing(Verdict v) const {
    return v == Verdict::met ? w.met_sentence : v == Verdict::near ? w.near_sentence : w.not_met_sentence;
  }

  std::string indicator_sentence(const ItemResult& r) const {
    const ast::Target& t = r.target;
    const Value& v = r.current->value;
    // The value as compared: rounded to the indicator's precision, as the report prints it.
    const std::string shown = r.compared      ? value(*r.compared, r.unit)
                              : v.is_number() ? value(v.number, r.unit)
                                              : "";
    const std::string now = when(*r.current);
    if (r.band_index) {  // colour bands: say which one the value fell in
      const ast::ColourBand& b = r.bands.at(*r.band_index);
      return say(w.in_band, r.name, shown, now, colour_word(b.colour), band_condition_text(b, r.unit),
                 trend_clause(r), closing(r.verdict));
    }
    switch (r.verdict) {
      case Verdict::pending: {
        const std::string set = t.text ? say(w.target_set_when, *t.text) : std::string(w.target_not_yet_set);
        if (v.is_number()) return say(w.pending_value, r.name, shown, now, set, trend_clause(r));
        return say(w.pending_absent, r.name, set, absence_text(v), now);
      }
      case Verdict::error:
        return say(w.cannot_compute, r.name, reason_text(r.reason));
      case Verdict::no_target:
        if (v.is_number()) return say(w.no_target_value, r.name, shown, now, trend_clause(r));
        return say(w.no_target_absent, r.name, absence_text(v), now);
      case Verdict::no_data:
      case Verdict::not_applicable:
        if (v.is_number() && t.relative) return say(w.no_comparison, r.name, shown, now);
        return say(w.absent_value, r.name, absence_text(v), now, target_phrase(r));
      case Verdict::on_track:
      case Verdict::behind:
      case Verdict::near:
        if (t.annual) {
          const Decimal& gap = *r.gap;
          const std::string_view side =
              gap.is_zero() ? w.level_with : (gap.is_negative() ? w.below : w.above);
          const std::string amount = gap.is_zero() ? "" : gap_text(gap, r.unit) + " ";
          const std::string_view position = r.verdict == Verdict::on_track ? w.on_track_for
                                            : r.verdict == Verdict::near   ? w.near_to
                                                                           : w.behind_on;
          const std::string profile = t.profile ? say(w.by_profile, t.profile->text) : "";
          return say(w.annual, r.name, shown, position, opened(target_phrase(r)), amount, side,
                     value(*r.reference, r.unit), r.months_elapsed, profile, trend_clause(r));
        }
        [[fallthrough]];
      case Verdict::met:
      case Verdict::not_met: {
        const Decimal& gap = *r.gap;
        std::string s;
        if (gap.is_zero() && r.verdict != Verdict::met) {  // on the bound of > or <
          s = say(w.on_the_bound, r.name, shown, target_phrase(r));
        } else if (gap.is_zero()) {
          s = say(t.comparator == ast::Comparator::range ? w.within_range : w.reaches, r.name, shown,
                  target_phrase(r));
        } else {
          s = say(w.differs, r.name, shown, gap_text(gap, r.unit), gap.is_negative() ? w.below : w.above,
                  target_phrase(r));
        }
        if (r.verdict == Verdict::near) return s + trend_clause(r) + say(w.near_margin, band_text(t, r.unit));
        return s + trend_clause(r) + ". " + std::string(closing(r.verdict));
      }
    }
    return r.name;
  }

  std::string sentence(const ItemResult& r) const {
    return r.kind == ItemResult::Kind::budget_line ? budget_sentence(r) : indicator_sentence(r);
  }

  std::string check_sentence(const CheckResult& c) const {
    std::string where;
    if (c.row && c.column)
      where = say(w.at_row_column, *c.row, *c.column);
    else if (c.row)
      where = say(w.at_row, *c.row);
    else if (c.column)
      where = say(w.at_column, *c.column);
    const std::string head = c.name + where;
    if (c.outcome == CheckOutcome::no_data || c.outcome == CheckOutcome::error)
      return say(w.cannot_check, head, reason_text(c.reason));
    const std::string left = number(*c.left);
    const std::string right = number(*c.right);
    const std::string relation = c.comparator == ast::Comparator::eq
                                     ? std::string(w.against)
                                     : std::string(comparator_symbol(c.comparator));
    switch (c.outcome) {
      case CheckOutcome::pass:
        return say(w.check_pass, head, left, relation, right);
      case CheckOutcome::rounding:
        return say(w.check_rounding, head, left, relation, right, number(c.difference->abs()),
                   number(c.tolerance));
      default:
        return say(w.check_fail, head, left, relation, right, number(c.difference->abs()));
    }
  }

  std::string rollup_rule(const ast::RollupPolicy& policy) const {
    switch (policy.kind) {
      case ast::RollupPolicy::Kind::all:
        return std::string(w.rollup_all);
      case ast::RollupPolicy::Kind::at_least:
        return say(w.rollup_at_least, number(policy.amount));
      case ast::RollupPolicy::Kind::at_least_share:
        return say(w.rollup_at_least_share, number(policy.amount));
      case ast::RollupPolicy::Kind::weighted:
        return say(w.rollup_weighted, number(policy.amount));
    }
    return "";
  }

  // "Ej uppfyllt: 2 av 6 bedömda indikatorer uppfyllda (krav: alla); 5 utan målvärde."
  std::string rollup_sentence(const GroupRollup& u) const {
    const std::string rule = rollup_rule(u.policy);
    std::string label(
        w.verdicts.at(static_cast<std::size_t>(u.verdict)));  // every label starts with an ASCII letter
    if (!label.empty() && label[0] >= 'a' && label[0] <= 'z')
      label[0] = static_cast<char>(label[0] - 'a' + 'A');
    const std::size_t rest = u.indicators - u.assessed;
    std::string s = u.assessed == 0   ? say(w.rollup_none, label)
                    : u.assessed == 1 ? say(w.rollup_one, label, u.succeeded, rule)
                                      : say(w.rollup_many, label, u.succeeded, u.assessed, rule);
    if (rest > 0) s += say(w.rollup_rest, rest);
    return s + ".";
  }

  // "12 mått: 3 uppfyllda, 1 ej uppfyllt, 1 i fas; 2 väsentliga budgetavvikelser."
  std::string count_summary(const std::vector<const ItemResult*>& items) const {
    constexpr std::array order = {
        Verdict::met,     Verdict::not_met, Verdict::near,           Verdict::on_track,  Verdict::behind,
        Verdict::pending, Verdict::no_data, Verdict::not_applicable, Verdict::no_target, Verdict::error};
    std::vector<std::string> parts;
    for (const Verdict v : order) {
      const auto n =
          std::count_if(items.begin(), items.end(), [&](const ItemResult* r) { return r->verdict == v; });
      const auto i = static_cast<std::size_t>(v);
      if (n > 0) parts.push_back(fmt::format("{} {}", n, n == 1 ? w.count_one[i] : w.count_many[i]));
    }
    const auto significant = std::count_if(items.begin(), items.end(), [](const ItemResult* r) {
      return r->kind == ItemResult::Kind::budget_line && r->significant;
    });
    std::string out = say(items.size() == 1 ? w.measures_one : w.measures_many, items.size());
    if (!parts.empty()) out += ": " + fmt::format("{}", fmt::join(parts, ", "));
    if (significant > 0) {
      out += fmt::format("; {} {}", significant,
                         significant == 1 ? w.significant_deviations_one : w.significant_deviations_many);
    }
    return out + ".";
  }

  std::string target(const ast::Target& t, Unit unit) const {
    switch (t.kind) {
      case ast::Target::Kind::none:
        return "";
      case ast::Target::Kind::pending:
        return t.text ? *t.text : std::string(w.target_not_set);
      case ast::Target::Kind::compare:
        break;
    }
    if (t.text) return *t.text;
    const std::string s = t.comparator == ast::Comparator::range
                              ? fmt::format("{}–{}", number(t.value), value(t.upper, unit))
                              : fmt::format("{} {}", comparator_symbol(t.comparator), value(t.value, unit));
    return t.annual ? s + std::string(w.per_year) : s;
  }

  std::string target_text(const ItemResult& r) const {
    const ast::Target& t = r.target;
    for (const ast::ColourBand& b : r.bands) {  // bands: show what green asks for
      if (b.colour == ast::ColourBand::Colour::green)
        return say(w.green_target, band_condition_text(b, r.unit));
    }
    if (t.kind != ast::Target::Kind::compare || !t.relative) return target(t, r.unit);
    const Decimal amount = r.relative_offset.value_or(t.value);  // unresolved: value is the offset
    const std::string offset =
        amount.is_zero() ? "" : fmt::format(" {} {}", amount.is_negative() ? "−" : "+", number(amount.abs()));
    const std::string_view op = comparator_symbol(t.comparator);
    if (!r.relative_offset) return fmt::format("{} {}{}", op, w.previous_short, offset);
    return fmt::format("{} {} ({}{})", op, value(t.value, r.unit), w.previous_short, offset);
  }

  // Why indicator_sentence and budget_sentence say what they say, branch by branch, each
  // with the words it chose (for `evaluate explain`). Kept beside them so the two agree.
  std::vector<std::string> reasons_for(const ItemResult& r) const {
    std::vector<std::string> out;
    auto chose = [&](std::string why, std::string words) {
      out.push_back(fmt::format("{} → \"{}\"", why, words));
    };
    auto bare = [](std::string text) {  // a sentence part without its leading ", " or " "
      while (!text.empty() && (text.front() == ',' || text.front() == ' ' || text.front() == ';'))
        text.erase(0, 1);
      return text;
    };
    if (r.kind == ItemResult::Kind::budget_line) {
      if (!r.deviation) {
        chose(std::string(w.r_no_budget), bare(std::string(w.deviation_unknown)));
        return out;
      }
      const Decimal& d = *r.deviation;
      if (d.is_zero()) {
        chose(std::string(w.r_equal), bare(std::string(w.no_deviation)));
      } else {
        chose(say(w.r_deviation, number_signed(d) + " tkr", r.favourable ? w.r_favourable : w.r_unfavourable,
                  r.direction == ast::Direction::lower ? w.x_lower : w.x_higher),
              bare(say(w.deviation, r.favourable ? w.favourable : w.unfavourable, number(d.abs()))));
        if (r.significant && r.materiality) {
          chose(say(w.r_significant, value(*r.materiality, Unit::tkr)),
                bare(say(w.significant_at_least, number(*r.materiality))));
        } else if (r.materiality) {
          chose(say(w.r_below, value(*r.materiality, Unit::tkr)),
                bare(say(w.below_materiality, number(*r.materiality))));
        }
      }
      if (r.previous && r.previous->value.is_number())
        chose(std::string(w.r_previous), fmt::format("; {} {}", in_sentence(r.previous->column_label),
                                                     value(r.previous->value.number, Unit::tkr)));
      return out;
    }
    const ast::Target& t = r.target;
    const Value& v = r.current->value;
    if (r.band_index) {
      chose(std::string(w.r_band), say(w.q_in_band, colour_word(r.bands[*r.band_index].colour),
                                       band_condition_text(r.bands[*r.band_index], r.unit)));
    } else {
      switch (r.verdict) {
        case Verdict::pending:
          chose(std::string(w.r_pending),
                t.text ? say(w.target_set_when, *t.text) : std::string(w.target_not_yet_set));
          if (!v.is_number()) chose(std::string(w.r_missing), absence_text(v));
          break;
        case Verdict::error:
          chose(say(w.r_error, r.reason), say(w.cannot_compute, r.name, reason_text(r.reason)));
          break;
        case Verdict::no_target:
          chose(std::string(w.r_no_target), std::string(w.q_no_target));
          if (!v.is_number()) chose(std::string(w.r_missing), absence_text(v));
          break;
        case Verdict::no_data:
        case Verdict::not_applicable:
          if (v.is_number() && t.relative) {
            chose(std::string(w.r_relative), std::string(w.q_no_comparison));
          } else {
            chose(say(w.r_missing_why, to_string(v.absence)), absence_text(v));
            chose(std::string(w.r_target_named), target_phrase(r));
          }
          break;
        case Verdict::on_track:
        case Verdict::behind:
        case Verdict::near:
          if (t.annual) {
            chose(say(w.r_annual, to_string(r.verdict)), say(w.q_annual,
                                                             r.verdict == Verdict::on_track ? w.on_track_for
                                                             : r.verdict == Verdict::near   ? w.near_to
                                                                                            : w.behind_on,
                                                             target_phrase(r)));
            chose(say(w.r_expected, r.months_elapsed), say(w.q_expected, value(*r.reference, r.unit)));
            break;
          }
          [[fallthrough]];
        case Verdict::met:
        case Verdict::not_met: {
          const Decimal& gap = *r.gap;
          if (gap.is_zero() && r.verdict != Verdict::met) {
            chose(std::string(w.r_strict), say(w.q_on_bound, target_phrase(r)));
          } else if (gap.is_zero()) {
            chose(std::string(w.r_exact),
                  say(t.comparator == ast::Comparator::range ? w.q_within : w.q_reaches, target_phrase(r)));
          } else {
            chose(say(w.r_gap, number_signed(gap)),
                  say(w.q_differs, gap_text(gap, r.unit), gap.is_negative() ? w.below : w.above,
                      target_phrase(r)));
          }
          break;
        }
      }
    }
    const std::string trend = trend_clause(r);
    if (!trend.empty()) {
      chose(r.trend == Trend::none ? std::string(w.r_trend_none)
                                   : say(w.r_trend, w.trends.at(static_cast<std::size_t>(r.trend))),
            bare(trend));
    }
    switch (r.verdict) {
      case Verdict::met:
        chose(std::string(w.r_met), std::string(w.met_sentence));
        break;
      case Verdict::not_met:
        chose(std::string(w.r_not_met), std::string(w.not_met_sentence));
        break;
      case Verdict::near:
        chose(std::string(t.band ? w.r_near_band : w.r_near),
              std::string(t.annual && !r.band_index ? w.near_to : w.near_sentence));
        break;
      default:
        break;
    }
    return out;
  }

 private:
  const Wording& w;
};

Phrases phrases(Language language) {
  return Phrases(wording(language));
}

}  // namespace

std::string_view verdict_label(Verdict verdict, Language language) {
  return wording(language).verdicts.at(static_cast<std::size_t>(verdict));
}

std::string_view trend_label(Trend trend, Language language) {
  return wording(language).trends.at(static_cast<std::size_t>(trend));
}

std::string_view outcome_label(CheckOutcome outcome, Language language) {
  return wording(language).outcomes.at(static_cast<std::size_t>(outcome));
}

std::string_view level_label(ast::GroupLevel level, Language language) {
  return wording(language).levels.at(static_cast<std::size_t>(level));
}

std::string_view verdict_symbol(Verdict v) {
  switch (v) {
    case Verdict::met:
      return "✓";
    case Verdict::not_met:
      return "✗";
    case Verdict::near:
      return "≈";
    case Verdict::on_track:
      return "↗";
    case Verdict::behind:
      return "↘";
    case Verdict::no_data:
      return "?";
    case Verdict::pending:
      return "…";
    case Verdict::not_applicable:
      return "–";
    case Verdict::no_target:
      return "·";
    case Verdict::error:
      return "!";
  }
  return " ";
}

std::string_view trend_arrow(Trend t) {
  switch (t) {
    case Trend::improved:
      return "▲";
    case Trend::worsened:
      return "▼";
    case Trend::unchanged:
      return "=";
    case Trend::none:
      return " ";
  }
  return " ";
}

std::string_view outcome_symbol(CheckOutcome o) {
  switch (o) {
    case CheckOutcome::pass:
      return "✓";
    case CheckOutcome::rounding:
      return "≈";
    case CheckOutcome::fail:
      return "✗";
    case CheckOutcome::no_data:
      return "?";
    case CheckOutcome::error:
      return "!";
  }
  return " ";
}

std::string_view comparator_symbol(ast::Comparator c) {
  switch (c) {
    case ast::Comparator::ge:
      return "≥";
    case ast::Comparator::le:
      return "≤";
    default:
      return ast::to_string(c);
  }
}

std::string rollup_text(const ast::RollupPolicy& policy, Language language) {
  return phrases(language).rollup_rule(policy);
}

std::string format_number(const Decimal& number, Language language) {
  return phrases(language).number(number);
}

std::string format_gap(const Decimal& gap, Unit unit, Language language) {
  const Phrases p = phrases(language);
  if (gap.is_zero()) return p.gap_text(gap, unit);
  return (gap.is_negative() ? "−" : "+") + p.gap_text(gap, unit);
}

std::vector<std::string> commentary_reasons(const ItemResult& result, Language language) {
  if (!result.current && result.kind != ItemResult::Kind::budget_line) return {};
  return phrases(language).reasons_for(result);
}

std::string format_value(const Decimal& number, Unit unit, Language language) {
  return phrases(language).value(number, unit);
}

std::string format_cell(const Value& value, Unit unit, Language language) {
  return phrases(language).cell(value, unit);
}

std::string target_text(const ItemResult& r, Language language) {
  return phrases(language).target_text(r);
}

std::string format_target(const ast::Target& t, Unit unit, Language language) {
  return phrases(language).target(t, unit);
}

std::string period_text(const Period& period, Language language) {
  return phrases(language).period(period);
}

std::string period_range_text(const Period& period, Language language) {
  return phrases(language).period_range(period);
}

Commentary write_commentary(const Results& results, Language language) {
  const Phrases p = phrases(language);
  Commentary c;
  c.language = language;
  for (const ItemResult& r : results.items) {
    c.items.push_back(p.sentence(r));
    std::vector<std::string> subs;
    for (const ItemResult& b : r.breakdowns) subs.push_back(p.indicator_sentence(b));
    c.breakdowns.push_back(std::move(subs));
    const bool significant_budget = r.kind == ItemResult::Kind::budget_line && r.significant;
    if (is_shortfall(r.verdict) || significant_budget) c.deviations.push_back(&r - results.items.data());
  }
  for (std::size_t g = 0; g < results.groups.size(); ++g) {
    std::vector<const ItemResult*> items;
    for (const ItemResult& r : results.items) {
      if (within(results, r.group, g)) items.push_back(&r);
    }
    c.groups.push_back(p.count_summary(items));
  }
  for (const CheckResult& check : results.checks) c.checks.push_back(p.check_sentence(check));
  for (const GroupRollup& u : results.rollups) c.rollups.push_back(p.rollup_sentence(u));
  std::vector<const ItemResult*> all;
  for (const ItemResult& r : results.items) all.push_back(&r);
  c.overall = say(wording(language).overall, p.count_summary(all));
  return c;
}

}  // namespace attain
