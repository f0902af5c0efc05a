// The HTML report: one self-contained, printable page. Per objective a table of its
// indicators (and one per budget block), each with a bullet chart and a sparkline drawn
// as inline SVG; then "Väsentliga avvikelser", "Datakontroller" and "Underlag".
// docs/html.md describes the page, its accessibility and its print layout.
//
// Rules: every text from rules and data goes through esc(); no network resource, no
// script; the output depends on the inputs only (ids come from rule ids, no clock).

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <set>

#include <fmt/format.h>

#include "attain/render.hpp"
#include "attain/version.hpp"

namespace attain {

namespace {

// ---- Wording ------------------------------------------------------------------------------
// Every word comes from wording.hpp (the html_* entries and the shared headings): the
// functions below take the report's Wording as `words`.

// ---- Escaping ------------------------------------------------------------------------------

// Text from rules and data as HTML text or attribute value (render.hpp: escape_markup).
std::string esc(std::string_view text) {
  return escape_markup(text);
}

// An element id from a rule id: ASCII letters, digits, '_', '-' and '.' kept, anything else '_'.
std::string id_text(std::string_view rule_id) {
  std::string out;
  for (char c : rule_id) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-' || c == '.';
    out += keep ? c : '_';
  }
  return out;
}

// ---- Style -----------------------------------------------------------------------------------

// Colour is never the only signal: every verdict is also a symbol and a word.
constexpr std::string_view css =
    ":root{--good:#1a7431;--bad:#b3261e;--warn:#865800;--none:#59636e;--ink:#1f2328;--line:#d8dee4}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0 auto;max-width:1280px;padding:16px 24px;color:var(--ink);background:#fff;"
    "font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\",Arial,sans-serif}\n"
    "h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.3em;margin:1.4em 0 .4em;padding-bottom:.2em;"
    "border-bottom:2px solid var(--line)}h3{font-size:1.12em;margin:1.2em 0 .3em}h4,h5,h6{font-size:1em;"
    "margin:1em 0 .3em}\n"
    "header p,section p{margin:.25em 0}\n"
    "nav ul{list-style:none;padding:0;margin:.6em 0;display:flex;flex-wrap:wrap;gap:.2em 1.2em}\n"
    ".counts,.cm,.intro{color:#424a53}.cm{font-size:.92em;padding-bottom:8px}\n"
    ".scroll{overflow-x:auto}\n"
    "table{border-collapse:collapse;width:100%;margin:.5em 0 1em;table-layout:fixed}\n"
    "caption{text-align:left;font-weight:600;padding:.3em 0}\n"
    "th,td{text-align:left;vertical-align:middle;padding:3px 6px}\n"
    "thead th{font-size:.85em;font-weight:600;color:var(--none);border-bottom:1px solid #afb8c1}\n"
    "tbody{border-bottom:1px solid var(--line)}tbody th{font-weight:600}tr.sub th{font-weight:400;"
    "padding-left:1.8em}\n"
    ".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.tr{white-space:nowrap}\n"
    ".w-v{width:9.5em}.w-n{width:7.5em}.w-g{width:9.5em}.w-n,.w-g,.w-b{text-align:right}.w-m{width:6.5em}"
    ".w-t{width:8.5em}.w-c{width:196px}.w-s{width:92px}.w-o{width:10em}.w-f{width:34%}.w-r{width:5em}"
    ".w-h{width:36em}.w-b{width:6em}\n"
    ".v{color:var(--c);font-weight:600;white-space:nowrap}.sig{color:var(--bad);font-weight:600}\n"
    ".v-met,.v-on_track,.o-pass{--c:var(--good)}.v-not_met,.v-behind,.v-error,.o-fail,.o-error{--c:var(--bad)"
    "}\n"
    ".v-near,.v-no_data,.v-pending,.o-rounding,.o-no_data{--c:var(--warn)}.v-not_applicable,"
    ".v-no_target{--c:var(--none)}\n"
    ".exp{display:block;font-size:.85em;color:var(--none)}.none{font-size:.85em;font-style:italic;"
    "color:var(--none)}\n"
    "svg{display:block}svg text{font-size:8px;fill:var(--none)}\n"
    ".track{fill:#eef1f4}.tol{fill:#f0cf82}.bar{fill:var(--c)}.zero{stroke:#8c959f}\n"
    ".target{stroke:var(--ink);stroke-width:2}.expected{stroke:var(--ink);stroke-width:1.5;"
    "stroke-dasharray:2 1.5}\n"
    ".cb-green{fill:#cfe8d5}.cb-yellow{fill:#f6e7b0}.cb-red{fill:#f3c7c3}\n"
    ".spark polyline{fill:none;stroke:#57606a;stroke-width:1.5}.spark circle{fill:var(--ink)}\n"
    ".key .k{display:inline-block;width:14px;height:10px;margin:0 .3em 0 .9em;vertical-align:middle}\n"
    ".k-bar{background:#57606a}.k-target{border-left:2px solid var(--ink)}.k-expected{border-left:2px "
    "dashed var(--ink)}.k-tol{background:#f0cf82}.k-series{border-bottom:2px solid #57606a}\n"
    "ul.devs{padding-left:1.2em}ul.devs li{margin:.25em 0}ul.devs a{color:inherit}\n"
    "code{font:12px ui-monospace,\"DejaVu Sans Mono\",monospace;word-break:break-all}\n"
    ".loc{display:block;font-size:.85em;color:#424a53}\n"
    "@page{size:A4 landscape;margin:12mm}\n"
    "@media print{body{max-width:none;padding:0;font-size:8.5pt}nav{display:none}"
    ".area,.tail{break-before:page;page-break-before:always}"
    "tbody,li{break-inside:avoid;page-break-inside:avoid}"
    "h2,h3,h4,h5,caption{break-after:avoid;page-break-after:avoid}a{color:inherit;text-decoration:none}"
    "svg.bullet{width:36mm;height:auto}svg.spark{width:16mm;height:auto}.scroll{overflow:visible}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

// ---- Charts ----------------------------------------------------------------------------------

std::string num(double v) {
  if (std::abs(v) < 0.05) v = 0;
  return fmt::format("{:.1f}", v);
}

// The smallest "nice" number (1, 1,2, 1,5, 2, 2,5, 3, 4, 5, 6 or 8 times a power of ten) at
// least `x` (> 0), as a Decimal for the axis label.
Decimal nice_up(double x) {
  static constexpr std::array<int, 11> tenths = {10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100};
  const int e = static_cast<int>(std::floor(std::log10(x)));
  const double f = x / std::pow(10.0, e);
  int n10 = 100;
  for (int t : tenths) {
    if (static_cast<double>(t) / 10.0 >= f - 1e-9) {
      n10 = t;
      break;
    }
  }
  int power = e - 1;  // value = n10 * 10^power
  if (power > 15) return Decimal::integer(static_cast<std::int64_t>(std::min(std::ceil(x), 9.0e18)));
  if (power >= 0) {
    std::int64_t units = n10;
    for (; power > 0; --power) units *= 10;
    return Decimal::integer(units);
  }
  // Below the smallest decimal a Decimal holds, round the label up to it.
  for (; - power > Decimal::max_scale; ++power) n10 = (n10 + 9) / 10;
  return Decimal::from_units(n10, -power).trimmed();
}

// The value axis of a bullet chart: from `lo` to `hi`, always including 0 so bars start there.
struct Scale {
  Decimal lo, hi;
  double left = 4, right = 176;
  double x(const Decimal& v) const { return x(v.to_double()); }
  double x(double v) const {
    const double a = lo.to_double(), b = hi.to_double();
    const double t = b > a ? (v - a) / (b - a) : 0;
    return left + std::clamp(t, 0.0, 1.0) * (right - left);
  }
};

Scale make_scale(const std::vector<Decimal>& points) {
  double lo = 0, hi = 0;
  for (const Decimal& d : points) {
    lo = std::min(lo, d.to_double());
    hi = std::max(hi, d.to_double());
  }
  Scale s;
  s.lo = lo < 0 ? nice_up(-lo).negated() : Decimal::integer(0);
  s.hi = hi > 0 ? nice_up(hi) : Decimal::integer(0);
  if (s.lo == s.hi) s.hi = Decimal::integer(1);
  return s;
}

// What a bullet chart shows: a bar for the value, marker lines, shaded ranges.
struct Chart {
  Decimal value;
  Verdict verdict = Verdict::no_data;
  Unit unit = Unit::number;
  std::vector<Decimal> targets;                     // solid marker lines
  std::optional<Decimal> expected;                  // a dashed marker: the pro-rated expectation
  std::vector<std::pair<Decimal, Decimal>> shaded;  // tolerance or materiality
  std::vector<ast::ColourBand> colours;             // colour bands instead of a target
  std::vector<std::string> words;                   // the text alternative, in parts
};

std::string_view colour_class(ast::ColourBand::Colour c) {
  switch (c) {
    case ast::ColourBand::Colour::green:
      return "cb-green";
    case ast::ColourBand::Colour::yellow:
      return "cb-yellow";
    case ast::ColourBand::Colour::red:
      break;
  }
  return "cb-red";
}

std::string draw_bullet(Chart chart, const Wording& words) {
  std::vector<Decimal> points = {chart.value};
  points.insert(points.end(), chart.targets.begin(), chart.targets.end());
  if (chart.expected) points.push_back(*chart.expected);
  for (const auto& [a, b] : chart.shaded) {
    points.push_back(a);
    points.push_back(b);
  }
  const Scale s = make_scale(points);
  chart.words.push_back(say(words.html_chart_scale, format_value(s.lo, chart.unit, words.language),
                            format_value(s.hi, chart.unit, words.language)));
  std::string label;
  for (const std::string& w : chart.words) label += (label.empty() ? "" : "; ") + w;
  label = esc(label);

  std::string out = fmt::format(
      "<svg class=\"bullet\" width=\"180\" height=\"30\" viewBox=\"0 0 180 30\" role=\"img\" "
      "aria-label=\"{0}\"><title>{0}</title><rect class=\"track\" x=\"4\" y=\"3\" width=\"172\" "
      "height=\"14\"/>",
      label);
  const auto span = [&](double a, double b, std::string_view cls) {
    const double x0 = std::min(s.x(a), s.x(b)), x1 = std::max(s.x(a), s.x(b));
    if (x1 - x0 >= 0.05)
      out += fmt::format("<rect class=\"{}\" x=\"{}\" y=\"3\" width=\"{}\" height=\"14\"/>", cls, num(x0),
                         num(x1 - x0));
  };
  for (const ast::ColourBand& b : chart.colours) {
    double a = s.lo.to_double(), z = s.hi.to_double();
    for (const auto& [cmp, v] : b.conditions) {
      if (cmp == ast::Comparator::ge || cmp == ast::Comparator::gt || cmp == ast::Comparator::eq)
        a = std::max(a, v.to_double());
      if (cmp == ast::Comparator::le || cmp == ast::Comparator::lt || cmp == ast::Comparator::eq)
        z = std::min(z, v.to_double());
    }
    if (a <= z) span(a, z, colour_class(b.colour));
  }
  for (const auto& [a, b] : chart.shaded) span(a.to_double(), b.to_double(), "tol");
  const double zero = s.x(0.0), at = s.x(chart.value);
  const double width = std::max(std::abs(at - zero), 1.0);
  out += fmt::format("<rect class=\"bar v-{}\" x=\"{}\" y=\"7\" width=\"{}\" height=\"6\"/>",
                     to_string(chart.verdict), num(at < zero ? zero - width : zero), num(width));
  if (s.lo.is_negative())
    out += fmt::format("<line class=\"zero\" x1=\"{0}\" x2=\"{0}\" y1=\"3\" y2=\"17\"/>", num(zero));
  for (const Decimal& t : chart.targets)
    out += fmt::format("<line class=\"target\" x1=\"{0}\" x2=\"{0}\" y1=\"1\" y2=\"19\"/>", num(s.x(t)));
  if (chart.expected)
    out += fmt::format("<line class=\"expected\" x1=\"{0}\" x2=\"{0}\" y1=\"1\" y2=\"19\"/>",
                       num(s.x(*chart.expected)));
  out += fmt::format(
      "<text x=\"4\" y=\"28\">{}</text><text x=\"176\" y=\"28\" text-anchor=\"end\">{}</text></svg>",
      esc(format_value(s.lo, chart.unit, words.language)),
      esc(format_value(s.hi, chart.unit, words.language)));
  return out;
}

// The shaded "near" ranges of a target with `within`: beside the bound on the side that
// misses it (both sides of `=`, outside both ends of a range); for an annual target around
// the pro-rated expectation, with the band pro-rated the same way (as the evaluator judges).
std::vector<std::pair<Decimal, Decimal>> tolerance(const ItemResult& r) {
  const ast::Target& t = r.target;
  if (t.kind != ast::Target::Kind::compare || !t.band || (t.relative && !r.relative_offset)) return {};
  const auto width = [&](const Decimal& bound) -> std::optional<Decimal> {
    if (!t.band_relative) return *t.band;
    auto w = bound.abs().times(*t.band);
    return w ? w->divided_by(Decimal::integer(100), Decimal::max_scale).value_or(Decimal{}).trimmed()
             : std::optional<Decimal>();
  };
  const auto pair = [](std::optional<Decimal> a, std::optional<Decimal> b) {
    return a && b ? std::vector<std::pair<Decimal, Decimal>>{{*a, *b}}
                  : std::vector<std::pair<Decimal, Decimal>>{};
  };
  if (t.comparator == ast::Comparator::range) {
    const auto w_lo = width(t.value), w_hi = width(t.upper);
    auto below = pair(w_lo ? t.value.minus(*w_lo) : std::nullopt, t.value);
    auto above = pair(t.upper, w_hi ? t.upper.plus(*w_hi) : std::nullopt);
    below.insert(below.end(), above.begin(), above.end());
    return below;
  }
  Decimal bound = t.value;
  std::optional<Decimal> w = width(t.value);
  if (t.annual) {
    if (!r.reference || t.value.is_zero() || !w) return {};
    bound = *r.reference;
    const int scale = std::min(std::max({w->scale(), bound.scale(), 1}), Decimal::max_scale);
    const auto product = w->times(bound);
    w = product ? product->divided_by(t.value, scale) : std::nullopt;
    if (w) w = w->abs().trimmed();
  }
  if (!w) return {};
  switch (t.comparator) {
    case ast::Comparator::ge:
    case ast::Comparator::gt:
      return pair(bound.minus(*w), bound);
    case ast::Comparator::le:
    case ast::Comparator::lt:
      return pair(bound, bound.plus(*w));
    default:
      return pair(bound.minus(*w), bound.plus(*w));
  }
}

std::string signed_value(const Decimal& d, Unit unit, const Wording& words) {
  return (d.is_negative() || d.is_zero() ? "" : "+") + format_value(d, unit, words.language);
}

// The bullet chart of an indicator, a breakdown row or a budget line; a text when there is
// no number to draw.
std::string bullet(const ItemResult& r, const Wording& words) {
  if (!r.current || !r.current->value.is_number())
    return fmt::format("<span class=\"none\">{}</span>", words.html_no_chart);
  Chart c;
  c.value = r.current->value.number;
  c.verdict = r.verdict;
  c.unit = r.unit;
  c.words.push_back(say(words.html_chart_value, format_value(c.value, r.unit, words.language)));
  if (r.kind == ItemResult::Kind::budget_line) {
    if (r.budget && r.budget->value.is_number()) {
      const Decimal& b = r.budget->value.number;
      c.targets.push_back(b);
      c.words.push_back(say(words.html_chart_budget, format_value(b, r.unit, words.language)));
      if (r.materiality) {
        auto lo = b.minus(*r.materiality), hi = b.plus(*r.materiality);
        if (lo && hi) c.shaded.emplace_back(*lo, *hi);
      }
    }
    if (r.deviation) {
      c.words.push_back(say(words.html_chart_deviation, signed_value(*r.deviation, r.unit, words)) +
                        (r.significant ? fmt::format(", {}", words.significant_marker) : ""));
    }
    if (r.materiality)
      c.words.push_back(
          say(words.html_chart_materiality, format_value(*r.materiality, r.unit, words.language)));
    return draw_bullet(std::move(c), words);
  }
  const ast::Target& t = r.target;
  const std::string target = target_text(r, words.language);
  c.words.push_back(target.empty() ? std::string(words.html_chart_no_target)
                                   : say(words.html_chart_target, target));
  c.colours = r.bands;
  const bool resolved = !t.relative || r.relative_offset;
  if (t.kind == ast::Target::Kind::compare && resolved) {
    c.targets.push_back(t.value);
    if (t.comparator == ast::Comparator::range) c.targets.push_back(t.upper);
    if (t.annual && r.reference) {
      c.expected = *r.reference;
      c.words.push_back(say(words.html_chart_expected, format_value(*r.reference, r.unit, words.language),
                            r.months_elapsed));
    }
    c.shaded = tolerance(r);
    for (const auto& [a, b] : c.shaded)
      c.words.push_back(say(words.html_chart_tolerance, format_value(a, r.unit, words.language),
                            format_value(b, r.unit, words.language)));
  }
  return draw_bullet(std::move(c), words);
}

// A sparkline of the row's values over its periods, the last one marked; empty with fewer
// than two numbers.
std::string sparkline(const ItemResult& r, const Wording& words) {
  std::size_t numbers = 0;
  double lo = 0, hi = 0;
  std::vector<std::string> said;
  for (const Observation& o : r.series) {
    const std::string period = o.period ? period_text(*o.period, words.language) : o.column_label;
    if (!o.value.is_number()) {
      const std::string cell = format_cell(o.value, r.unit, words.language);
      said.push_back(
          say(words.html_series_point, period, cell.empty() ? std::string(words.html_series_missing) : cell));
      continue;
    }
    const double v = o.value.number.to_double();
    lo = numbers == 0 ? v : std::min(lo, v);
    hi = numbers == 0 ? v : std::max(hi, v);
    ++numbers;
    said.push_back(
        say(words.html_series_point, period, format_value(o.value.number, r.unit, words.language)));
  }
  if (numbers < 2) return "";
  std::string label;
  for (const std::string& s : said) label += (label.empty() ? "" : ", ") + s;
  label = esc(say(words.html_series, label));
  const double step = r.series.size() > 1 ? 74.0 / static_cast<double>(r.series.size() - 1) : 0;
  std::string points;
  double last_x = 0, last_y = 0;
  for (std::size_t i = 0; i < r.series.size(); ++i) {
    if (!r.series[i].value.is_number()) continue;
    const double v = r.series[i].value.number.to_double();
    last_x = 3 + step * static_cast<double>(i);
    last_y = hi > lo ? 21 - (v - lo) / (hi - lo) * 18 : 12;
    points += (points.empty() ? "" : " ") + num(last_x) + "," + num(last_y);
  }
  return fmt::format(
      "<svg class=\"spark\" width=\"80\" height=\"24\" viewBox=\"0 0 80 24\" role=\"img\" aria-label=\"{0}\">"
      "<title>{0}</title><polyline points=\"{1}\"/><circle cx=\"{2}\" cy=\"{3}\" r=\"2.5\"/></svg>",
      label, points, num(last_x), num(last_y));
}

// ---- The page --------------------------------------------------------------------------------

std::string verdict_cell(Verdict v, const Wording& words) {
  return fmt::format("<td class=\"v v-{}\"><span aria-hidden=\"true\">{}</span> {}</td>", to_string(v),
                     verdict_symbol(v), verdict_label(v, words.language));
}

std::string trend_cell(Trend t, const Wording& words) {
  if (t == Trend::none) return "<td></td>";
  return fmt::format("<td class=\"tr\"><span aria-hidden=\"true\">{}</span> {}</td>", trend_arrow(t),
                     trend_label(t, words.language));
}

// A column heading and its width class (the CSS's .w-*; "" for the column that takes the rest).
struct Column {
  std::string_view label;
  std::string_view width;
};

std::string header_row(std::initializer_list<Column> columns) {
  std::string out = "<thead><tr>";
  for (const Column& c : columns) {
    out += c.width.empty() ? fmt::format("<th scope=\"col\">{}</th>", esc(c.label))
                           : fmt::format("<th scope=\"col\" class=\"{}\">{}</th>", c.width, esc(c.label));
  }
  return out + "</tr></thead>\n";
}

class HtmlWriter {
 public:
  HtmlWriter(const Results& results, const Commentary& commentary, const SourceManager& sources)
      : results_(results), commentary_(commentary), sources_(sources), words(wording(commentary.language)) {
    for (std::string_view fixed : {"sammanfattning", "avvikelser", "datakontroller", "underlag"})
      used_.insert(std::string(fixed));
    for (const Group& g : results_.groups) group_ids_.push_back(anchor("g-", g.id));
    for (const ItemResult& r : results_.items) item_ids_.push_back(anchor("i-", r.id));
    children_.resize(results_.groups.size());
    for (std::size_t g = 0; g < results_.groups.size(); ++g) {
      if (results_.groups[g].parent) children_[*results_.groups[g].parent].push_back(g);
    }
  }

  std::string run() {
    const ReportInfo& rep = results_.report;
    std::string title = rep.title;
    if (!rep.organisation.empty()) title += std::string(std::string_view(" – ")) + rep.organisation;
    out_ = fmt::format(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"attain "
        "{}\">\n<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        to_string(words.language), version, esc(title), css);
    header();
    out_ += "<main>\n";
    summary();
    for (std::size_t g = 0; g < results_.groups.size(); ++g) {
      if (!results_.groups[g].parent) group(g);
    }
    deviations();
    data_checks();
    inputs();
    out_ += "</main>\n</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  std::string anchor(std::string_view prefix, std::string_view rule_id) {
    const std::string base = std::string(prefix) + id_text(rule_id);
    std::string id = base;
    for (int n = 2; !used_.insert(id).second; ++n) id = fmt::format("{}-{}", base, n);
    return id;
  }

  void header() {
    const ReportInfo& r = results_.report;
    out_ += fmt::format("<header>\n<h1>{}</h1>\n", esc(r.title));
    std::string who = r.organisation;
    if (!r.municipality.empty()) who += (who.empty() ? "" : ", ") + r.municipality;
    if (!who.empty()) out_ += fmt::format("<p class=\"org\">{}</p>\n", esc(who));
    out_ += fmt::format(
        "<p class=\"period\">{}</p>\n",
        esc(say(words.period_line, period_range_text(r.period, words.language), r.period.months())));
    out_ += fmt::format("<nav aria-label=\"{}\"><ul>\n<li><a href=\"#sammanfattning\">{}</a></li>\n",
                        words.html_contents, words.summary_heading);
    for (std::size_t g = 0; g < results_.groups.size(); ++g) {
      if (results_.groups[g].parent) continue;
      out_ += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", group_ids_[g], esc(results_.groups[g].name));
    }
    out_ += fmt::format("<li><a href=\"#avvikelser\">{}</a></li>\n", words.deviations_heading);
    if (!results_.checks.empty())
      out_ += fmt::format("<li><a href=\"#datakontroller\">{}</a></li>\n", words.checks_heading);
    out_ +=
        fmt::format("<li><a href=\"#underlag\">{}</a></li>\n</ul></nav>\n</header>\n", words.inputs_heading);
  }

  void summary() {
    out_ += fmt::format("<section id=\"sammanfattning\">\n<h2>{}</h2>\n<p>{}</p>\n", words.summary_heading,
                        esc(commentary_.overall));
    out_ += fmt::format(
        "<p class=\"key\">{} <span class=\"k k-bar\" aria-hidden=\"true\"></span>{} <span class=\"k "
        "k-target\" "
        "aria-hidden=\"true\"></span>{} <span class=\"k k-expected\" aria-hidden=\"true\"></span>{} "
        "<span class=\"k k-tol\" aria-hidden=\"true\"></span>{} <span class=\"k k-series\" "
        "aria-hidden=\"true\"></span>{}</p>\n</section>\n",
        words.html_key, words.html_key_bar, words.html_key_target, words.html_key_expected,
        words.html_key_tolerance, words.html_key_series);
  }

  // Areas and objectives get their roll-up; a goal only when it holds more than one
  // objective or items of its own (as in the text report).
  bool summarised(std::size_t g) const {
    if (results_.groups[g].level != ast::GroupLevel::goal) return true;
    const bool direct = std::any_of(results_.items.begin(), results_.items.end(),
                                    [&](const ItemResult& r) { return r.group == g; });
    return children_[g].size() > 1 || direct;
  }

  void group(std::size_t g, int level = 2) {
    const Group& grp = results_.groups[g];
    const int h = std::min(level, 6);
    out_ += fmt::format("<section class=\"{}\" id=\"{}\">\n<h{}>{}: {}</h{}>\n", ast::to_string(grp.level),
                        group_ids_[g], h, level_label(grp.level, words.language), esc(grp.name), h);
    if (summarised(g)) {
      const Verdict v = results_.rollups[g].verdict;
      out_ +=
          fmt::format("<p class=\"rollup\"><span class=\"v v-{}\" aria-hidden=\"true\">{}</span> {}</p>\n",
                      to_string(v), verdict_symbol(v), esc(commentary_.rollups[g]));
      out_ += fmt::format("<p class=\"counts\">{}</p>\n", esc(commentary_.groups[g]));
    }
    // Consecutive indicators share a table; each budget block gets its own.
    std::vector<std::size_t> run;
    const auto flush = [&] {
      if (run.empty()) return;
      if (results_.items[run[0]].kind == ItemResult::Kind::budget_line)
        budget_table(run);
      else
        indicator_table(run);
      run.clear();
    };
    for (std::size_t i = 0; i < results_.items.size(); ++i) {
      const ItemResult& r = results_.items[i];
      if (r.group != g) continue;
      if (!run.empty()) {
        const ItemResult& prev = results_.items[run.back()];
        const bool budget = r.kind == ItemResult::Kind::budget_line;
        if (budget != (prev.kind == ItemResult::Kind::budget_line) ||
            (budget && r.budget_id != prev.budget_id))
          flush();
      }
      run.push_back(i);
    }
    flush();
    for (std::size_t child : children_[g]) group(child, level + 1);
    out_ += "</section>\n";
  }

  std::string target_cell(const ItemResult& r) const {
    std::string out = "<td class=\"n\">" + esc(target_text(r, words.language));
    if (r.target.annual && r.reference)
      out +=
          fmt::format("<span class=\"exp\">{}</span>",
                      esc(say(words.html_expected_cell, format_value(*r.reference, r.unit, words.language))));
    return out + "</td>";
  }

  void indicator_row(const ItemResult& r, const std::string& id, const std::string& name) {
    const std::string value = r.current ? format_cell(r.current->value, r.unit, words.language) : "";
    out_ += fmt::format(
        "<tr{}><th scope=\"row\"{}>{}</th>{}<td class=\"n\">{}</td>{}{}<td>{}</td><td>{}</td></tr>\n",
        id.empty() ? " class=\"sub\"" : "", id.empty() ? "" : " id=\"" + id + "\"", esc(name),
        verdict_cell(r.verdict, words), esc(value), target_cell(r), trend_cell(r.trend, words),
        bullet(r, words), sparkline(r, words));
  }

  void indicator_table(const std::vector<std::size_t>& run) {
    out_ += fmt::format("<div class=\"scroll\"><table class=\"items\">\n<caption>{}</caption>\n",
                        words.html_indicators_caption);
    out_ += header_row({{words.col_indicator, ""},
                        {words.col_verdict, "w-v"},
                        {words.html_col_value, "w-n"},
                        {words.col_target, "w-g"},
                        {words.html_col_trend, "w-t"},
                        {words.html_col_chart, "w-c"},
                        {words.html_col_series, "w-s"}});
    for (std::size_t i : run) {
      const ItemResult& r = results_.items[i];
      out_ += "<tbody>\n";
      indicator_row(r, item_ids_[i], r.name);
      for (const ItemResult& b : r.breakdowns) indicator_row(b, "", b.name);
      out_ += fmt::format("<tr><td class=\"cm\" colspan=\"7\" headers=\"{}\">{}</td></tr>\n</tbody>\n",
                          item_ids_[i], esc(commentary_.items[i]));
    }
    out_ += "</table></div>\n";
  }

  // A column heading from the dataset ("Prognos helår", "Budget 2020") when every line of the
  // block reads the same column, else the generic word.
  template <typename Get>
  std::string column_heading(const std::vector<std::size_t>& run, Get column,
                             std::string_view fallback) const {
    std::optional<std::string> label;
    for (std::size_t i : run) {
      const std::optional<Observation>& o = column(results_.items[i]);
      if (!o) continue;
      if (label && *label != o->column_label) return std::string(fallback);
      label = o->column_label;
    }
    return label && !label->empty() ? *label : std::string(fallback);
  }

  void budget_table(const std::vector<std::size_t>& run) {
    const ItemResult& first = results_.items[run[0]];
    out_ += fmt::format("<div class=\"scroll\"><table class=\"budget\">\n<caption>{}</caption>\n",
                        esc(first.budget_name));
    const std::string outcome = column_heading(
        run, [](const ItemResult& r) -> const auto& { return r.current; }, words.html_col_value);
    const std::string budget = column_heading(
        run, [](const ItemResult& r) -> const auto& { return r.budget; }, words.html_col_budget);
    out_ += header_row({{words.col_line, ""},
                        {words.col_verdict, "w-v"},
                        {outcome, "w-n"},
                        {budget, "w-n"},
                        {words.col_deviation, "w-n"},
                        {words.html_col_significant, "w-m"},
                        {words.html_col_trend, "w-t"},
                        {words.html_col_budget_chart, "w-c"},
                        {words.html_col_series, "w-s"}});
    for (std::size_t i : run) {
      const ItemResult& r = results_.items[i];
      const std::string value = r.current ? format_cell(r.current->value, r.unit, words.language) : "";
      const std::string planned = r.budget ? format_cell(r.budget->value, r.unit, words.language) : "";
      const std::string deviation = r.deviation ? signed_value(*r.deviation, r.unit, words) : "";
      const std::string significant =
          r.significant ? fmt::format("<span class=\"sig\"><span aria-hidden=\"true\">!</span> {}</span>",
                                      words.significant_marker)
                        : "";
      out_ += fmt::format(
          "<tbody>\n<tr><th scope=\"row\" id=\"{}\">{}</th>{}<td class=\"n\">{}</td><td class=\"n\">{}</td>"
          "<td class=\"n\">{}</td><td>{}</td>{}<td>{}</td><td>{}</td></tr>\n",
          item_ids_[i], esc(r.name), verdict_cell(r.verdict, words), esc(value), esc(planned), esc(deviation),
          significant, trend_cell(r.trend, words), bullet(r, words), sparkline(r, words));
      out_ += fmt::format("<tr><td class=\"cm\" colspan=\"9\" headers=\"{}\">{}</td></tr>\n</tbody>\n",
                          item_ids_[i], esc(commentary_.items[i]));
    }
    out_ += "</table></div>\n";
  }

  void deviations() {
    out_ +=
        fmt::format("<section class=\"tail\" id=\"avvikelser\">\n<h2>{}</h2>\n", words.deviations_heading);
    if (commentary_.deviations.empty()) {
      out_ += fmt::format("<p>{}</p>\n</section>\n", words.none);
      return;
    }
    out_ += "<ul class=\"devs\">\n";
    for (std::size_t i : commentary_.deviations) {
      const ItemResult& r = results_.items[i];
      const std::string significant =
          r.kind == ItemResult::Kind::budget_line && r.significant
              ? fmt::format(" <span class=\"sig\"><span aria-hidden=\"true\">!</span> {}</span>",
                            words.significant_marker)
              : "";
      out_ += fmt::format(
          "<li><span class=\"v v-{}\"><span aria-hidden=\"true\">{}</span> {}</span>{} <a "
          "href=\"#{}\">{}</a></li>\n",
          to_string(r.verdict), verdict_symbol(r.verdict), verdict_label(r.verdict, words.language),
          significant, item_ids_[i], esc(commentary_.items[i]));
    }
    out_ += "</ul>\n</section>\n";
  }

  // "Datakontroller": every check with its sentence, and for those that do not simply pass,
  // where each figure compared was read.
  void data_checks() {
    if (results_.checks.empty()) return;
    std::array<std::size_t, 5> counts{};
    for (const CheckResult& c : results_.checks) ++counts[static_cast<std::size_t>(c.outcome)];
    out_ += fmt::format(
        "<section class=\"tail\" id=\"datakontroller\">\n<h2>{}</h2>\n<p class=\"counts\">{}</p>\n",
        words.checks_heading,
        say(words.check_count, results_.checks.size(),
            results_.checks.size() == 1 ? words.check_one : words.check_many, counts[0], counts[1], counts[2],
            counts[3], counts[4]));
    out_ += "<div class=\"scroll\"><table class=\"checks\">\n";
    out_ += header_row({{words.html_col_outcome, "w-o"}, {words.col_check, ""}, {words.col_figures, "w-f"}});
    out_ += "<tbody>\n";
    for (std::size_t i = 0; i < results_.checks.size(); ++i) {
      const CheckResult& c = results_.checks[i];
      std::string figures;
      if (c.outcome != CheckResult::Outcome::pass) {
        for (const auto* side : {&c.left_inputs, &c.right_inputs}) {
          std::string places;
          for (const Observation& o : *side) {
            const std::string text = o.value.text.empty() ? std::string(words.empty_cell) : o.value.text;
            places += (places.empty() ? "" : ", ") + esc(text) + " " + esc(sources_.file_line(o.value.span));
          }
          if (!places.empty()) figures += "<span class=\"loc\">" + places + "</span>";
        }
      }
      out_ += fmt::format(
          "<tr><td class=\"v o-{}\"><span aria-hidden=\"true\">{}</span> "
          "{}</td><td>{}</td><td>{}</td></tr>\n",
          to_string(c.outcome), outcome_symbol(c.outcome),
          words.outcomes[static_cast<std::size_t>(c.outcome)], esc(commentary_.checks[i]), figures);
    }
    out_ += "</tbody>\n</table></div>\n</section>\n";
  }

  // "Underlag": the engine and every input with its SHA-256, so the report can be
  // reproduced and its inputs verified.
  void inputs() {
    out_ += fmt::format("<section id=\"underlag\">\n<h2>{}</h2>\n<p class=\"intro\">{}</p>\n",
                        words.inputs_heading, esc(say(words.html_inputs_intro, version)));
    out_ += "<div class=\"scroll\"><table class=\"inputs\">\n";
    out_ += header_row({{words.col_role, "w-r"},
                        {words.col_file, ""},
                        {words.html_col_sha, "w-h"},
                        {words.html_col_bytes, "w-b"}});
    out_ += "<tbody>\n";
    for (const InputFile& f : report_inputs(results_, sources_)) {
      out_ += fmt::format(
          "<tr><td>{}</td><th scope=\"row\">{}</th><td><code>{}</code></td><td class=\"n\">{}</td></tr>\n",
          f.role == "dataset" ? words.role_data : words.role_rules, esc(f.path), esc(f.sha256),
          format_number(Decimal::integer(static_cast<std::int64_t>(f.bytes)), words.language));
    }
    out_ += "</tbody>\n</table></div>\n</section>\n";
  }

  const Results& results_;
  const Commentary& commentary_;
  const SourceManager& sources_;
  const Wording& words;  // the report's language
  std::string out_;
  std::set<std::string> used_;
  std::vector<std::string> group_ids_;
  std::vector<std::string> item_ids_;
  std::vector<std::vector<std::size_t>> children_;
};

}  // namespace

std::string render_html(const Results& results, const Commentary& commentary, const SourceManager& sources) {
  return HtmlWriter(results, commentary, sources).run();
}

}  // namespace attain
