#include "attain/commentary.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace attain {

namespace {

constexpr std::array<const char*, 12> month_names = {"januari",   "februari", "mars",     "april",
                                                     "maj",       "juni",     "juli",     "augusti",
                                                     "september", "oktober",  "november", "december"};

std::string_view unit_suffix(Unit unit) {
  switch (unit) {
    case Unit::percent:
      return " %";
    case Unit::tkr:
      return " tkr";
    case Unit::kr:
      return " kr";
    case Unit::days:
      return " dagar";
    case Unit::hours:
      return " timmar";
    default:
      return "";
  }
}

bool is_one(const Decimal& d) {
  return d == Decimal::integer(1);
}

// The size of a gap with its unit: "1 procentenhet", "2,0 procentenheter", "16", "945 tkr".
std::string gap_text(const Decimal& gap, Unit unit) {
  const Decimal size = gap.abs();
  const std::string n = format_sv(size);
  switch (unit) {
    case Unit::percent:
      return n + (is_one(size) ? " procentenhet" : " procentenheter");
    case Unit::days:
      return n + (is_one(size) ? " dag" : " dagar");
    case Unit::hours:
      return n + (is_one(size) ? " timme" : " timmar");
    default:
      return n + std::string(unit_suffix(unit));
  }
}

std::string bound_text(const ast::Target& t, Unit unit) {
  switch (t.comparator) {
    case ast::Comparator::gt:
      return "(över " + format_value(t.value, unit) + ")";
    case ast::Comparator::lt:
      return "(under " + format_value(t.value, unit) + ")";
    case ast::Comparator::range:
      return fmt::format("{}–{}", format_sv(t.value), format_value(t.upper, unit));
    default:
      return format_value(t.value, unit);
  }
}

// "1 procentenhet", "5 % av målvärdet"
std::string band_text(const ast::Target& t, Unit unit) {
  if (!t.band) return "";
  if (t.band_relative) return fmt::format("{} % av målvärdet", format_sv(*t.band));
  return gap_text(*t.band, unit);
}

std::string_view colour_word(ast::ColourBand::Colour c) {
  switch (c) {
    case ast::ColourBand::Colour::green:
      return "grönt";
    case ast::ColourBand::Colour::yellow:
      return "gult";
    case ast::ColourBand::Colour::red:
      return "rött";
  }
  return "";
}

// "≥ 88 % och < 92 %"
std::string band_condition_text(const ast::ColourBand& b, Unit unit) {
  std::vector<std::string> parts;
  for (const auto& [cmp, v] : b.conditions)
    parts.push_back(fmt::format("{} {}", comparator_symbol(cmp), format_value(v, unit)));
  return fmt::format("{}", fmt::join(parts, " och "));
}

// How a relative bound was formed: "föregående värde 90 % 2019 + 1 procentenhet".
std::string relative_phrase(const ItemResult& r) {
  std::string base = "det jämförda värdet";
  if (r.previous && r.previous->value.is_number()) {
    const Observation& p = *r.previous;
    base =
        fmt::format("värdet {} {}", format_value(p.value.number, r.unit),
                    p.period ? (p.period->full_year ? period_text(*p.period) : "i " + period_text(*p.period))
                             : p.column_label);
  }
  const Decimal offset = r.relative_offset.value_or(r.target.value);
  if (offset.is_zero()) return base;
  return fmt::format("{} {} {}", base, offset.is_negative() ? "−" : "+", gap_text(offset, r.unit));
}

// "målvärdet 92 %", "målvärdet Nollresultat", "årsmålet 220 000",
// "målvärdet 91 % (värdet 90 % 2019 + 1 procentenhet)"
std::string target_phrase(const ItemResult& r) {
  const ast::Target& t = r.target;
  const Unit unit = r.unit;
  for (const ast::ColourBand& b : r.bands) {  // colour bands: what green asks for
    if (b.colour == ast::ColourBand::Colour::green) return "grönt intervall " + band_condition_text(b, unit);
  }
  const std::string noun = t.annual ? "årsmålet" : "målvärdet";
  if (t.relative && !r.relative_offset) return fmt::format("{} ({})", noun, relative_phrase(r));
  if (t.relative) return fmt::format("{} {} ({})", noun, bound_text(t, unit), relative_phrase(r));
  if (t.text) return fmt::format("{} {}", noun, *t.text);
  return fmt::format("{} {}", noun, bound_text(t, unit));
}

std::string absence_text(const Value& v) {
  if (v.text.empty() && v.absence != Absence::blank) {  // a computed value: no marker to quote
    return v.absence == Absence::not_applicable ? "ej tillämpligt" : "uppgift saknas";
  }
  switch (v.absence) {
    case Absence::no_data:
      return fmt::format("uppgift saknas ({})", v.text);
    case Absence::not_applicable:
      return fmt::format("ej tillämpligt ({})", v.text);
    case Absence::pending:
      return fmt::format("uppgift väntas ({})", v.text);
    case Absence::not_published:
      return fmt::format("uppgift ännu inte publicerad ({})", v.text);
    case Absence::confidential:
      return fmt::format("uppgift skyddad av sekretess ({})", v.text);
    case Absence::blank:
      return "uppgift saknas";
  }
  return "uppgift saknas";
}

// The evaluator's reasons are English phrases for diagnostics; commentary says them in
// Swedish.
std::string swedish_reason(std::string_view reason) {
  struct Phrase {
    std::string_view english;
    std::string_view swedish;
  };
  // Fixed reasons, and the endings of reasons that start with a quoted name.
  constexpr Phrase fixed[] = {
      {"division by zero", "division med noll"},
      {"a fixed column has no earlier period", "en angiven kolumn har ingen tidigare period"},
      {"no earlier period in the table", "tabellen har ingen tidigare period"},
      {"share needs one part and one whole", "share behöver en del och en helhet"},
      {"every value is not applicable", "inget av värdena är tillämpligt"},
      {"no value for the period compared with", "värdet att jämföra med saknas"},
  };
  constexpr Phrase endings[] = {
      {" is text, not a number", " är text, inte ett tal"},
      {" stands for several rows", " står för flera rader"},
      {" cannot be read", " kan inte läsas"},
      {" has no value for that period", " saknar värde för den perioden"},
      {" has no value", " saknar värde"},
  };
  if (reason.empty()) return "uppgift saknas";
  if (reason.find("too large") != std::string_view::npos) return "talet blir för stort";
  for (const Phrase& p : fixed) {
    if (reason == p.english) return std::string(p.swedish);
  }
  for (const Phrase& p : endings) {
    if (reason.size() > p.english.size() && reason.substr(reason.size() - p.english.size()) == p.english) {
      return std::string(reason.substr(0, reason.size() - p.english.size())) + std::string(p.swedish);
    }
  }
  return std::string(reason);
}

// When a value was measured, as said in a sentence: "2019", "i mars 2020".
std::string when(const Observation& o) {
  if (!o.period) return o.column_label;
  return o.period->full_year ? period_text(*o.period) : "i " + period_text(*o.period);
}

// ", en förbättring från 90 % 2019"
std::string trend_clause(const ItemResult& r) {
  if (!r.previous || !r.previous->value.is_number() || !r.current || !r.current->value.is_number()) return "";
  // The earlier value at the same precision as the current one is shown.
  Decimal earlier = r.previous->value.number;
  if (r.precision && earlier.scale() > *r.precision)
    earlier = earlier.scaled_by(1, 1, *r.precision).value_or(earlier);
  const std::string before = fmt::format("{} {}", format_value(earlier, r.unit), when(*r.previous));
  switch (r.trend) {
    case Trend::improved:
      return ", en förbättring från " + before;
    case Trend::worsened:
      return ", en försämring från " + before;
    case Trend::unchanged:
      return ", oförändrat från " + before;
    case Trend::none:
      return ", jämfört med " + before;
  }
  return "";
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

std::string budget_sentence(const ItemResult& r) {
  const Observation& outcome = *r.current;
  const Observation& budget = *r.budget;
  const std::string outcome_word = in_sentence(outcome.column_label);
  const std::string budget_word = in_sentence(budget.column_label);
  std::string s =
      fmt::format("{}, {}: {} {} mot {} {}", r.budget_name, r.name, outcome_word,
                  format_cell(outcome.value, Unit::tkr), budget_word, format_cell(budget.value, Unit::tkr));
  if (!r.deviation) return s + ", avvikelsen kan inte beräknas.";
  const Decimal& d = *r.deviation;
  if (d.is_zero()) {
    s += ", ingen avvikelse";
  } else {
    // The size of the deviation, named by whether it is good or bad: the sign of
    // outcome − budget means opposite things for a result and for spending.
    s += fmt::format(", en {} avvikelse på {} tkr", r.favourable ? "positiv" : "negativ", format_sv(d.abs()));
    if (r.significant) {
      s += r.materiality ? fmt::format(" (väsentlig, minst {} tkr)", format_sv(*r.materiality))
                         : " (väsentlig)";
    } else if (r.materiality) {
      s += fmt::format(" (under väsentlighetsgränsen {} tkr)", format_sv(*r.materiality));
    }
  }
  if (r.previous && r.previous->value.is_number()) {
    s += fmt::format("; {} {}", in_sentence(r.previous->column_label),
                     format_value(r.previous->value.number, Unit::tkr));
  }
  return s + ".";
}

std::string indicator_sentence(const ItemResult& r) {
  const ast::Target& t = r.target;
  const Value& v = r.current->value;
  // The value as compared: rounded to the indicator's precision, as the report prints it.
  const std::string value = r.compared      ? format_value(*r.compared, r.unit)
                            : v.is_number() ? format_value(v.number, r.unit)
                                            : "";
  const std::string now = when(*r.current);
  if (r.band_index) {  // colour bands: say which one the value fell in
    const ast::ColourBand& b = r.bands.at(*r.band_index);
    const std::string_view verdict = r.verdict == Verdict::met    ? "Målet är uppfyllt."
                                     : r.verdict == Verdict::near ? "Målet är nästan uppfyllt."
                                                                  : "Målet är inte uppfyllt.";
    return fmt::format("{}: {} {} ligger i {} ({}){}. {}", r.name, value, now, colour_word(b.colour),
                       band_condition_text(b, r.unit), trend_clause(r), verdict);
  }
  switch (r.verdict) {
    case Verdict::pending: {
      const std::string set = t.text ? fmt::format("målvärdet fastställs {}", *t.text)
                                     : std::string("målvärdet är ännu inte fastställt");
      if (v.is_number()) return fmt::format("{}: {} {}; {}{}.", r.name, value, now, set, trend_clause(r));
      return fmt::format("{}: {}; {} {}.", r.name, set, absence_text(v), now);
    }
    case Verdict::error:
      return fmt::format("{}: värdet kan inte beräknas ({}).", r.name, swedish_reason(r.reason));
    case Verdict::no_target:
      if (v.is_number())
        return fmt::format("{}: {} {}, inget målvärde angivet{}.", r.name, value, now, trend_clause(r));
      return fmt::format("{}: inget målvärde angivet; {} {}.", r.name, absence_text(v), now);
    case Verdict::no_data:
    case Verdict::not_applicable:
      if (v.is_number() && t.relative) {  // the value is there, the one to compare with is not
        return fmt::format("{}: {} {}, men värdet att jämföra med saknas, så målvärdet kan inte bestämmas.",
                           r.name, value, now);
      }
      return fmt::format("{}: {} {}; {}.", r.name, absence_text(v), now, target_phrase(r));
    case Verdict::on_track:
    case Verdict::behind:
    case Verdict::near:
      if (t.annual) {
        const Decimal& gap = *r.gap;
        const std::string side = gap.is_zero() ? "i nivå med" : (gap.is_negative() ? "under" : "över");
        const std::string amount = gap.is_zero() ? "" : gap_text(gap, r.unit) + " ";
        const std::string_view position = r.verdict == Verdict::on_track ? "i fas med"
                                          : r.verdict == Verdict::near   ? "nära"
                                                                         : "efter";
        const std::string profile = t.profile ? fmt::format(" enligt profilen {}", t.profile->text) : "";
        return fmt::format(
            "{}: {} hittills i år ligger {} {} ({}{} förväntade {} efter {} av 12 månader{}){}.", r.name,
            value, position, target_phrase(r), amount, side, format_value(*r.reference, r.unit),
            r.months_elapsed, profile, trend_clause(r));
      }
      [[fallthrough]];
    case Verdict::met:
    case Verdict::not_met: {
      const Decimal& gap = *r.gap;
      std::string s;
      if (gap.is_zero() && r.verdict != Verdict::met) {  // on the bound of > or <
        s = fmt::format("{}: {} ligger precis på gränsen för {}", r.name, value, target_phrase(r));
      } else if (gap.is_zero()) {
        s = fmt::format("{}: {} {} {}", r.name, value,
                        t.comparator == ast::Comparator::range ? "ligger inom" : "når", target_phrase(r));
      } else {
        s = fmt::format("{}: {} är {} {} {}", r.name, value, gap_text(gap, r.unit),
                        gap.is_negative() ? "under" : "över", target_phrase(r));
      }
      if (r.verdict == Verdict::near) {
        return s + trend_clause(r) +
               fmt::format(". Målet är nästan uppfyllt (inom marginalen {}).", band_text(t, r.unit));
      }
      return s + trend_clause(r) +
             (r.verdict == Verdict::met ? ". Målet är uppfyllt." : ". Målet är inte uppfyllt.");
    }
  }
  return r.name;
}

// Why indicator_sentence and budget_sentence say what they say, branch by branch, each
// with the words it chose (for `evaluate explain`). Kept beside them so the two agree.
std::vector<std::string> reasons_for(const ItemResult& r) {
  std::vector<std::string> out;
  auto chose = [&](std::string why, std::string words) {
    out.push_back(fmt::format("{} → \"{}\"", why, words));
  };
  if (r.kind == ItemResult::Kind::budget_line) {
    if (!r.deviation) {
      chose("utfall eller budget saknas", ", avvikelsen kan inte beräknas");
      return out;
    }
    const Decimal& d = *r.deviation;
    if (d.is_zero()) {
      chose("utfall = budget", ", ingen avvikelse");
    } else {
      chose(
          fmt::format("utfall − budget = {} tkr, {} då {} är bättre", format_sv_signed(d),
                      r.favourable ? "gynnsamt" : "ogynnsamt",
                      r.direction == ast::Direction::lower ? "lägre" : "högre"),
          fmt::format("en {} avvikelse på {} tkr", r.favourable ? "positiv" : "negativ", format_sv(d.abs())));
      if (r.significant && r.materiality) {
        chose(fmt::format("|avvikelsen| når väsentlighetsgränsen {} tkr", format_sv(*r.materiality)),
              fmt::format("(väsentlig, minst {} tkr)", format_sv(*r.materiality)));
      } else if (r.materiality) {
        chose(fmt::format("|avvikelsen| under väsentlighetsgränsen {} tkr", format_sv(*r.materiality)),
              fmt::format("(under väsentlighetsgränsen {} tkr)", format_sv(*r.materiality)));
      }
    }
    if (r.previous && r.previous->value.is_number())
      chose("ett värde för föregående period finns",
            fmt::format("; {} {}", in_sentence(r.previous->column_label),
                        format_value(r.previous->value.number, Unit::tkr)));
    return out;
  }
  const ast::Target& t = r.target;
  const Value& v = r.current->value;
  if (r.band_index) {
    chose("färgband i stället för mål: värdet ligger i ett av dem",
          fmt::format("ligger i {} ({})", colour_word(r.bands[*r.band_index].colour),
                      band_condition_text(r.bands[*r.band_index], r.unit)));
  } else {
    switch (r.verdict) {
      case Verdict::pending:
        chose("målvärdet är inte satt", t.text ? fmt::format("målvärdet fastställs {}", *t.text)
                                               : std::string("målvärdet är ännu inte fastställt"));
        if (!v.is_number()) chose("värdet saknas", absence_text(v));
        break;
      case Verdict::error:
        chose("värdet kunde inte beräknas: " + r.reason,
              fmt::format("värdet kan inte beräknas ({})", swedish_reason(r.reason)));
        break;
      case Verdict::no_target:
        chose("indikatorn har inget målvärde", "inget målvärde angivet");
        if (!v.is_number()) chose("värdet saknas", absence_text(v));
        break;
      case Verdict::no_data:
      case Verdict::not_applicable:
        if (v.is_number() && t.relative) {
          chose("relativt mål utan värde att jämföra med", "men värdet att jämföra med saknas");
        } else {
          chose(fmt::format("värdet saknas ({})", to_string(v.absence)), absence_text(v));
          chose("målet nämns ändå", target_phrase(r));
        }
        break;
      case Verdict::on_track:
      case Verdict::behind:
      case Verdict::near:
        if (t.annual) {
          chose(fmt::format("årsmål mot värdet hittills i år, {}", to_string(r.verdict)),
                fmt::format("hittills i år ligger {} {}",
                            r.verdict == Verdict::on_track ? "i fas med"
                            : r.verdict == Verdict::near   ? "nära"
                                                           : "efter",
                            target_phrase(r)));
          chose(fmt::format("förväntat efter {} av 12 månader", r.months_elapsed),
                fmt::format("förväntade {}", format_value(*r.reference, r.unit)));
          break;
        }
        [[fallthrough]];
      case Verdict::met:
      case Verdict::not_met: {
        const Decimal& gap = *r.gap;
        if (gap.is_zero() && r.verdict != Verdict::met) {
          chose("värdet är lika med en strikt gräns", "ligger precis på gränsen för " + target_phrase(r));
        } else if (gap.is_zero()) {
          chose("värdet möter målet utan skillnad",
                (t.comparator == ast::Comparator::range ? "ligger inom " : "når ") + target_phrase(r));
        } else {
          chose(fmt::format("skillnaden mot målet är {}", format_sv_signed(gap)),
                fmt::format("är {} {} {}", gap_text(gap, r.unit), gap.is_negative() ? "under" : "över",
                            target_phrase(r)));
        }
        break;
      }
    }
  }
  const std::string trend = trend_clause(r);
  if (!trend.empty()) {
    chose(r.trend == Trend::none ? "ett tidigare värde finns men ingen riktning att bedöma trenden efter"
                                 : fmt::format("trenden är {}", trend_label(r.trend)),
          trend.substr(2));
  }
  switch (r.verdict) {
    case Verdict::met:
      chose("bedömningen är uppfyllt", "Målet är uppfyllt.");
      break;
    case Verdict::not_met:
      chose("bedömningen är ej uppfyllt", "Målet är inte uppfyllt.");
      break;
    case Verdict::near:
      chose(t.band ? "missen ryms i toleransen" : "bedömningen är nära målet",
            t.annual && !r.band_index ? "nära" : "Målet är nästan uppfyllt");
      break;
    default:
      break;
  }
  return out;
}

std::string check_sentence(const CheckResult& c) {
  std::string where;
  if (c.row && c.column)
    where = fmt::format(" (rad {}, kolumn {})", *c.row, *c.column);
  else if (c.row)
    where = fmt::format(" (rad {})", *c.row);
  else if (c.column)
    where = fmt::format(" (kolumn {})", *c.column);
  const std::string head = c.name + where;
  switch (c.outcome) {
    case CheckResult::Outcome::no_data:
      return fmt::format("{}: kan inte kontrolleras, {}.", head, swedish_reason(c.reason));
    case CheckResult::Outcome::error:
      return fmt::format("{}: kan inte kontrolleras, {}.", head, swedish_reason(c.reason));
    default:
      break;
  }
  const std::string left = format_sv(*c.left);
  const std::string right = format_sv(*c.right);
  const std::string relation =
      c.comparator == ast::Comparator::eq ? "mot" : std::string(comparator_symbol(c.comparator));
  switch (c.outcome) {
    case CheckResult::Outcome::pass:
      return fmt::format("{}: {} {} {} stämmer.", head, left, relation, right);
    case CheckResult::Outcome::rounding:
      return fmt::format("{}: {} {} {} skiljer {}, inom avrundning (tolerans {}).", head, left, relation,
                         right, format_sv(c.difference->abs()), format_sv(c.tolerance));
    default:
      return fmt::format("{}: {} {} {} skiljer {}, stämmer inte.", head, left, relation, right,
                         format_sv(c.difference->abs()));
  }
}

// "Ej uppfyllt: 2 av 6 bedömda indikatorer uppfyllda (krav: alla); 5 utan målvärde."
std::string rollup_sentence(const GroupRollup& u) {
  const std::string rule = rollup_text(u.policy);
  std::string label(verdict_label(u.verdict));  // every label starts with an ASCII letter
  if (!label.empty() && label[0] >= 'a' && label[0] <= 'z')
    label[0] = static_cast<char>(label[0] - 'a' + 'A');
  const std::size_t rest = u.indicators - u.assessed;
  std::string s;
  if (u.assessed == 0) {
    s = fmt::format("{}: ingen indikator kan bedömas", label);
  } else if (u.assessed == 1) {
    s = fmt::format("{}: {} av 1 bedömd indikator uppfylld (krav: {})", label, u.succeeded, rule);
  } else {
    s = fmt::format("{}: {} av {} bedömda indikatorer uppfyllda (krav: {})", label, u.succeeded, u.assessed,
                    rule);
  }
  if (rest > 0) s += fmt::format("; {} utan bedömning (mål eller uppgift saknas)", rest);
  return s + ".";
}

std::string sentence(const ItemResult& r) {
  return r.kind == ItemResult::Kind::budget_line ? budget_sentence(r) : indicator_sentence(r);
}

// "12 mått: 3 uppfyllda, 1 ej uppfyllt, 1 i fas; 2 väsentliga budgetavvikelser."
std::string count_summary(const std::vector<const ItemResult*>& items) {
  struct Words {
    Verdict verdict;
    const char* one;
    const char* many;
  };
  constexpr std::array<Words, 10> words = {{
      {Verdict::met, "uppfyllt", "uppfyllda"},
      {Verdict::not_met, "ej uppfyllt", "ej uppfyllda"},
      {Verdict::near, "nära målet", "nära målet"},
      {Verdict::on_track, "i fas", "i fas"},
      {Verdict::behind, "efter plan", "efter plan"},
      {Verdict::pending, "med målvärde som ännu inte är fastställt",
       "med målvärde som ännu inte är fastställt"},
      {Verdict::no_data, "utan uppgift", "utan uppgift"},
      {Verdict::not_applicable, "ej tillämpligt", "ej tillämpliga"},
      {Verdict::no_target, "utan målvärde", "utan målvärde"},
      {Verdict::error, "som inte kan beräknas", "som inte kan beräknas"},
  }};
  std::vector<std::string> parts;
  for (const Words& w : words) {
    const auto n = std::count_if(items.begin(), items.end(),
                                 [&](const ItemResult* r) { return r->verdict == w.verdict; });
    if (n > 0) parts.push_back(fmt::format("{} {}", n, n == 1 ? w.one : w.many));
  }
  const auto significant = std::count_if(items.begin(), items.end(), [](const ItemResult* r) {
    return r->kind == ItemResult::Kind::budget_line && r->significant;
  });
  std::string out = fmt::format("{} mått", items.size());
  if (!parts.empty()) out += ": " + fmt::format("{}", fmt::join(parts, ", "));
  if (significant > 0) {
    out += fmt::format("; {} {}", significant,
                       significant == 1 ? "väsentlig budgetavvikelse" : "väsentliga budgetavvikelser");
  }
  return out + ".";
}

bool within(const Results& results, std::size_t group, std::size_t ancestor) {
  for (std::optional<std::size_t> g = group; g; g = results.groups[*g].parent) {
    if (*g == ancestor) return true;
  }
  return false;
}

}  // namespace

std::string_view verdict_label(Verdict verdict) {
  switch (verdict) {
    case Verdict::met:
      return "uppfyllt";
    case Verdict::not_met:
      return "ej uppfyllt";
    case Verdict::near:
      return "nära målet";
    case Verdict::on_track:
      return "i fas";
    case Verdict::behind:
      return "efter plan";
    case Verdict::no_data:
      return "uppgift saknas";
    case Verdict::pending:
      return "mål ej satt";
    case Verdict::not_applicable:
      return "ej tillämpligt";
    case Verdict::no_target:
      return "inget mål";
    case Verdict::error:
      return "fel";
  }
  return "?";
}

std::string_view trend_label(Trend trend) {
  switch (trend) {
    case Trend::improved:
      return "förbättring";
    case Trend::worsened:
      return "försämring";
    case Trend::unchanged:
      return "oförändrat";
    case Trend::none:
      return "";
  }
  return "";
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

std::string_view level_label(ast::GroupLevel level) {
  switch (level) {
    case ast::GroupLevel::area:
      return "Målområde";
    case ast::GroupLevel::goal:
      return "Kommunövergripande mål";
    case ast::GroupLevel::objective:
      return "Mål";
  }
  return "";
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

std::string rollup_text(const ast::RollupPolicy& policy) {
  switch (policy.kind) {
    case ast::RollupPolicy::Kind::all:
      return "alla";
    case ast::RollupPolicy::Kind::at_least:
      return fmt::format("minst {}", format_sv(policy.amount));
    case ast::RollupPolicy::Kind::at_least_share:
      return fmt::format("minst {} %", format_sv(policy.amount));
    case ast::RollupPolicy::Kind::weighted:
      return fmt::format("viktat minst {} %", format_sv(policy.amount));
  }
  return "";
}

std::string format_gap(const Decimal& gap, Unit unit) {
  if (gap.is_zero()) return gap_text(gap, unit);
  return (gap.is_negative() ? "−" : "+") + gap_text(gap, unit);
}

std::vector<std::string> commentary_reasons(const ItemResult& result) {
  if (!result.current && result.kind != ItemResult::Kind::budget_line) return {};
  return reasons_for(result);
}

std::string format_value(const Decimal& number, Unit unit) {
  return format_sv(number) + std::string(unit_suffix(unit));
}

std::string format_cell(const Value& value, Unit unit) {
  if (value.is_number()) return format_value(value.number, unit);
  if (value.kind == Value::Kind::absent && value.absence == Absence::blank) return "";
  return value.text;
}

std::string target_text(const ItemResult& r) {
  const ast::Target& t = r.target;
  for (const ast::ColourBand& b : r.bands) {  // bands: show what green asks for
    if (b.colour == ast::ColourBand::Colour::green) return "grönt " + band_condition_text(b, r.unit);
  }
  if (t.kind != ast::Target::Kind::compare || !t.relative) return format_target(t, r.unit);
  const Decimal amount = r.relative_offset.value_or(t.value);  // unresolved: value is the offset
  const std::string offset =
      amount.is_zero() ? ""
                       : fmt::format(" {} {}", amount.is_negative() ? "−" : "+", format_sv(amount.abs()));
  const std::string_view op = comparator_symbol(t.comparator);
  if (!r.relative_offset) return fmt::format("{} föreg.{}", op, offset);
  return fmt::format("{} {} (föreg.{})", op, format_value(t.value, r.unit), offset);
}

std::string format_target(const ast::Target& t, Unit unit) {
  switch (t.kind) {
    case ast::Target::Kind::none:
      return "";
    case ast::Target::Kind::pending:
      return t.text ? *t.text : "ej satt";
    case ast::Target::Kind::compare:
      break;
  }
  if (t.text) return *t.text;
  std::string s;
  switch (t.comparator) {
    case ast::Comparator::ge:
      s = "≥ " + format_value(t.value, unit);
      break;
    case ast::Comparator::le:
      s = "≤ " + format_value(t.value, unit);
      break;
    case ast::Comparator::gt:
      s = "> " + format_value(t.value, unit);
      break;
    case ast::Comparator::lt:
      s = "< " + format_value(t.value, unit);
      break;
    case ast::Comparator::eq:
      s = "= " + format_value(t.value, unit);
      break;
    case ast::Comparator::range:
      s = fmt::format("{}–{}", format_sv(t.value), format_value(t.upper, unit));
      break;
  }
  return t.annual ? s + " per år" : s;
}

std::string period_text(const Period& period) {
  if (period.full_year) return fmt::format("{}", period.year);
  return fmt::format("{} {}", month_names[static_cast<std::size_t>(period.month - 1)], period.year);
}

std::string period_range_text(const Period& period) {
  if (period.full_year) return fmt::format("helåret {}", period.year);
  if (period.month == 1) return period_text(period);
  return fmt::format("{}–{}", month_names[0], period_text(period));
}

Commentary write_commentary(const Results& results) {
  Commentary c;
  for (const ItemResult& r : results.items) {
    c.items.push_back(sentence(r));
    std::vector<std::string> subs;
    for (const ItemResult& b : r.breakdowns) subs.push_back(indicator_sentence(b));
    c.breakdowns.push_back(std::move(subs));
    const bool significant_budget = r.kind == ItemResult::Kind::budget_line && r.significant;
    if (is_shortfall(r.verdict) || significant_budget) c.deviations.push_back(&r - results.items.data());
  }
  for (std::size_t g = 0; g < results.groups.size(); ++g) {
    std::vector<const ItemResult*> items;
    for (const ItemResult& r : results.items) {
      if (within(results, r.group, g)) items.push_back(&r);
    }
    c.groups.push_back(count_summary(items));
  }
  for (const CheckResult& check : results.checks) c.checks.push_back(check_sentence(check));
  for (const GroupRollup& u : results.rollups) c.rollups.push_back(rollup_sentence(u));
  std::vector<const ItemResult*> all;
  for (const ItemResult& r : results.items) all.push_back(&r);
  c.overall = fmt::format("Totalt {}", count_summary(all));
  return c;
}

}  // namespace attain
