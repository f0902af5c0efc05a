// render_markdown: the report as Markdown (CommonMark + GFM tables), for pasting into the
// report document. Indicator tables are shaped like the report's own: Indikator, one
// column per period (2018, 2019, Mars 2020), Målvärde, Bedömning.

#include <algorithm>

#include <fmt/format.h>

#include "attain/render.hpp"
#include "attain/version.hpp"

namespace attain {

namespace {

std::string md(std::string_view text) {
  return escape_markdown(text);
}

// A column label with a capital first letter, as the report heads its tables.
std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

std::string verdict_cell(Verdict v, Language language) {
  return fmt::format("{} {}", verdict_symbol(v), verdict_label(v, language));
}

class MarkdownWriter {
 public:
  MarkdownWriter(const Results& results, const Commentary& commentary, const SourceManager& sources)
      : results_(results),
        commentary_(commentary),
        sources_(sources),
        w_(wording(commentary.language)),
        lang_(commentary.language) {}

  std::string run() {
    header();
    for (std::size_t g = 0; g < results_.groups.size(); ++g) group(g);
    deviations();
    data_checks();
    out_ += fmt::format("\n## {}\n\n{}\n", w_.summary_heading, md(commentary_.overall));
    inputs();
    return std::move(out_);
  }

 private:
  void header() {
    const ReportInfo& r = results_.report;
    out_ += fmt::format("# {}\n\n", md(r.title));
    std::string who = r.organisation;
    if (!r.municipality.empty()) who += (who.empty() ? "" : ", ") + r.municipality;
    if (!who.empty()) out_ += md(who) + "  \n";
    out_ += say(w_.period_line, period_range_text(r.period, lang_), r.period.months()) + "\n";
  }

  std::size_t depth(std::size_t g) const {
    std::size_t d = 0;
    for (auto p = results_.groups[g].parent; p; p = results_.groups[*p].parent) ++d;
    return d;
  }

  void group(std::size_t g) {
    const Group& grp = results_.groups[g];
    out_ += fmt::format("\n{} {}: {}\n", std::string(std::min<std::size_t>(depth(g) + 2, 6), '#'),
                        level_label(grp.level, lang_), md(grp.name));
    if (group_is_summarised(results_, g)) {
      out_ += fmt::format("\n{} {}  \n{}\n", verdict_symbol(results_.rollups[g].verdict),
                          md(commentary_.rollups[g]), md(commentary_.groups[g]));
    }
    std::vector<std::size_t> indicators, lines;
    for (std::size_t i = 0; i < results_.items.size(); ++i) {
      if (results_.items[i].group != g) continue;
      (results_.items[i].kind == ItemResult::Kind::budget_line ? lines : indicators).push_back(i);
    }
    if (!indicators.empty()) indicator_table(indicators);
    if (!lines.empty()) budget_tables(lines);
  }

  // Indikator | <periods> | Målvärde | Bedömning, the periods being those of the
  // group's indicators, earliest first, headed by their column labels.
  void indicator_table(const std::vector<std::size_t>& items) {
    std::vector<std::pair<Period, std::string>> periods;
    auto add = [&](const Observation& o) {
      if (!o.period) return;
      const bool known = std::any_of(periods.begin(), periods.end(), [&](const auto& p) {
        return p.first == *o.period && p.first.full_year == o.period->full_year;
      });
      if (!known) periods.emplace_back(*o.period, capitalised(o.column_label));
    };
    for (std::size_t i : items) {
      const ItemResult& r = results_.items[i];
      for (const Observation& o : r.series) add(o);
      if (r.series.empty() && r.current) add(*r.current);
    }
    std::stable_sort(periods.begin(), periods.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });

    out_ += fmt::format("\n| {} |", w_.col_indicator);
    for (const auto& p : periods) out_ += fmt::format(" {} |", md(p.second));
    out_ += fmt::format(" {} | {} |\n|---|", w_.col_target, w_.col_verdict);
    for (std::size_t k = 0; k < periods.size(); ++k) out_ += "---:|";
    out_ += "---|---|\n";
    for (std::size_t i : items) {
      const ItemResult& r = results_.items[i];
      row(r, r.name, periods);
      for (const ItemResult& b : r.breakdowns) row(b, "– " + b.name, periods);
    }
    out_ += "\n";
    for (std::size_t i : items) out_ += fmt::format("- {}\n", md(commentary_.items[i]));
  }

  void row(const ItemResult& r, const std::string& name,
           const std::vector<std::pair<Period, std::string>>& periods) {
    out_ += fmt::format("| {} |", md(name));
    for (const auto& p : periods) {
      std::string cell;
      auto match = [&](const Observation& o) {
        return o.period && *o.period == p.first && o.period->full_year == p.first.full_year;
      };
      for (const Observation& o : r.series) {
        if (match(o)) cell = format_cell(o.value, r.unit, lang_);
      }
      if (r.series.empty() && r.current && match(*r.current))
        cell = format_cell(r.current->value, r.unit, lang_);
      out_ += fmt::format(" {} |", md(cell));
    }
    out_ += fmt::format(" {} | {} |\n", md(target_text(r, lang_)), md(verdict_cell(r.verdict, lang_)));
  }

  // One table per budget block: Rad | outcome | budget | Avvikelse | Bedömning.
  void budget_tables(const std::vector<std::size_t>& lines) {
    std::string_view budget;
    for (std::size_t i : lines) {
      const ItemResult& r = results_.items[i];
      if (r.budget_id != budget) {
        budget = r.budget_id;
        out_ += fmt::format(
            "\n**{}**\n\n| {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---|\n", md(r.budget_name),
            w_.col_line, md(r.current ? capitalised(r.current->column_label) : ""),
            md(r.budget ? capitalised(r.budget->column_label) : ""), w_.col_deviation, w_.col_verdict);
      }
      const std::string deviation = r.deviation
                                        ? (r.deviation->is_zero() || r.deviation->is_negative() ? "" : "+") +
                                              format_value(*r.deviation, Unit::tkr, lang_)
                                        : "";
      out_ += fmt::format("| {} | {} | {} | {} | {}{} |\n", md(r.name),
                          md(r.current ? format_cell(r.current->value, Unit::tkr, lang_) : ""),
                          md(r.budget ? format_cell(r.budget->value, Unit::tkr, lang_) : ""), md(deviation),
                          md(verdict_cell(r.verdict, lang_)),
                          r.significant ? ", " + std::string(w_.significant_marker) : "");
    }
    out_ += "\n";
    for (std::size_t i : lines) out_ += fmt::format("- {}\n", md(commentary_.items[i]));
  }

  void deviations() {
    out_ += fmt::format("\n## {}\n\n", w_.deviations_heading);
    if (commentary_.deviations.empty()) {
      out_ += fmt::format("{}\n", w_.none);
      return;
    }
    for (std::size_t i : commentary_.deviations) {
      out_ += fmt::format("- {} {}\n", verdict_symbol(results_.items[i].verdict), md(commentary_.items[i]));
    }
  }

  void data_checks() {
    if (results_.checks.empty()) return;
    out_ += fmt::format("\n## {}\n\n| | {} | {} |\n|---|---|---|\n", w_.checks_heading, w_.col_check,
                        w_.inputs_heading);
    for (std::size_t i = 0; i < results_.checks.size(); ++i) {
      const CheckResult& c = results_.checks[i];
      std::vector<std::string> places;
      if (c.outcome != CheckOutcome::pass) {
        for (const auto* side : {&c.left_inputs, &c.right_inputs}) {
          for (const Observation& o : *side) {
            places.push_back(fmt::format("{} {}",
                                         o.value.text.empty() ? std::string(w_.empty_cell) : o.value.text,
                                         sources_.file_line(o.value.span)));
          }
        }
      }
      out_ += fmt::format("| {} | {} | {} |\n", outcome_symbol(c.outcome), md(commentary_.checks[i]),
                          md(fmt::format("{}", fmt::join(places, ", "))));
    }
  }

  void inputs() {
    out_ += fmt::format("\n## {}\n\nattain {}\n\n| {} | {} | SHA-256 |\n|---|---|---|\n", w_.inputs_heading,
                        version, w_.col_role, w_.col_file);
    for (const InputFile& f : report_inputs(results_, sources_)) {
      out_ += fmt::format("| {} | {} | `{}` |\n", f.role == "dataset" ? w_.role_data : w_.role_rules,
                          md(f.path), f.sha256);
    }
  }

  const Results& results_;
  const Commentary& commentary_;
  const SourceManager& sources_;
  const Wording& w_;
  Language lang_;
  std::string out_;
};

}  // namespace

std::string render_markdown(const Results& results, const Commentary& commentary,
                            const SourceManager& sources) {
  return MarkdownWriter(results, commentary, sources).run();
}

}  // namespace attain
