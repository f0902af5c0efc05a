#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "attain/render.hpp"
#include "attain/version.hpp"

namespace attain {

namespace {

struct Palette {
  bool on;
  std::string_view paint(Verdict v) const {
    if (!on) return "";
    switch (v) {
      case Verdict::met:
      case Verdict::on_track:
        return "\x1b[32m";
      case Verdict::not_met:
      case Verdict::behind:
        return "\x1b[31m";
      case Verdict::no_data:
      case Verdict::pending:
      case Verdict::near:
        return "\x1b[33m";
      case Verdict::error:
        return "\x1b[1;31m";
      default:
        return "\x1b[2m";
    }
  }
  std::string_view bold() const { return on ? "\x1b[1m" : ""; }
  std::string_view dim() const { return on ? "\x1b[2m" : ""; }
  std::string_view reset() const { return on ? "\x1b[0m" : ""; }
};

std::size_t depth(const Results& results, std::size_t group) {
  std::size_t d = 0;
  for (auto g = results.groups[group].parent; g; g = results.groups[*g].parent) ++d;
  return d;
}

// Nothing from a rule or dataset may drive the terminal.
std::string clean(std::string_view text) {
  return terminal_safe(text);
}

std::string reference_text(const ItemResult& r, const Wording& w) {
  if (r.kind == ItemResult::Kind::budget_line)
    return r.budget ? fmt::format(fmt::runtime(w.budget_reference),
                                  format_cell(r.budget->value, Unit::tkr, w.language))
                    : "";
  return target_text(r, w.language);
}

class TextWriter {
 public:
  TextWriter(const Results& results, const Commentary& commentary, const SourceManager& sources,
             const RenderOptions& options)
      : results_(results),
        commentary_(commentary),
        sources_(sources),
        w_(wording(commentary.language)),
        lang_(commentary.language),
        p_{options.color} {}

  std::string run() {
    header();
    for (std::size_t g = 0; g < results_.groups.size(); ++g) group(g);
    deviations();
    data_checks();
    out_ += fmt::format("\n{}{}{}\n  {}\n", p_.bold(), w_.summary_heading, p_.reset(),
                        clean(commentary_.overall));
    inputs();
    return std::move(out_);
  }

 private:
  void header() {
    const ReportInfo& r = results_.report;
    out_ += fmt::format("{}{}{}\n", p_.bold(), clean(r.title), p_.reset());
    std::string who = clean(r.organisation);
    if (!r.municipality.empty()) who += (who.empty() ? "" : ", ") + clean(r.municipality);
    if (!who.empty()) out_ += who + "\n";
    out_ += fmt::format(fmt::runtime(w_.period_line), period_range_text(r.period, lang_), r.period.months()) +
            "\n";
  }

  // "Underlag": the engine and every input with its SHA-256, so the report can be
  // reproduced and its inputs verified (sha256sum prints the same digests).
  void inputs() {
    out_ += fmt::format("\n{}{}{} (attain {})\n", p_.bold(), w_.inputs_heading, p_.reset(), version);
    for (const InputFile& f : report_inputs(results_, sources_)) {
      out_ += fmt::format("  {:<6}  {}{}{}  {}\n", f.role == "dataset" ? w_.role_data : w_.role_rules,
                          p_.dim(), f.sha256, p_.reset(), clean(f.path));
    }
  }

  void line(const ItemResult& r, const std::string& indent, std::string_view name_override = {}) {
    const std::string value = r.current ? format_cell(r.current->value, r.unit, lang_) : "";
    const std::string marker = r.kind == ItemResult::Kind::budget_line && r.significant ? "!" : " ";
    out_ += fmt::format("{}{}{} {:<14}{} {:>12} {:<20} {} {}{}\n", indent, p_.paint(r.verdict),
                        verdict_symbol(r.verdict), verdict_label(r.verdict, lang_), p_.reset(), clean(value),
                        clean(reference_text(r, w_)), trend_arrow(r.trend), marker,
                        clean(name_override.empty() ? std::string_view(r.name) : name_override));
  }

  void group(std::size_t g) {
    const Group& grp = results_.groups[g];
    const std::string indent(2 * depth(results_, g), ' ');
    out_ += fmt::format("\n{}{}{}: {}{}\n", indent, p_.bold(), level_label(grp.level, lang_), clean(grp.name),
                        p_.reset());
    if (group_is_summarised(results_, g)) {
      const Verdict v = results_.rollups[g].verdict;
      out_ += fmt::format("{}  {}{}{} {}\n", indent, p_.paint(v), verdict_symbol(v), p_.reset(),
                          clean(commentary_.rollups[g]));
      out_ += fmt::format("{}  {}{}{}\n", indent, p_.dim(), clean(commentary_.groups[g]), p_.reset());
    }
    std::string_view budget;
    for (std::size_t i = 0; i < results_.items.size(); ++i) {
      const ItemResult& r = results_.items[i];
      if (r.group != g) continue;
      if (r.kind == ItemResult::Kind::budget_line && r.budget_id != budget) {
        out_ += fmt::format("{}  {}{}{}\n", indent, p_.bold(), clean(r.budget_name), p_.reset());
      }
      budget = r.kind == ItemResult::Kind::budget_line ? std::string_view(r.budget_id) : std::string_view();
      line(r, indent + "  ");
      out_ += fmt::format("{}      {}{}{}\n", indent, p_.dim(), clean(commentary_.items[i]), p_.reset());
      for (const ItemResult& b : r.breakdowns) line(b, indent + "      ", "  " + b.name);
    }
  }

  void deviations() {
    out_ += fmt::format("\n{}{}{}\n", p_.bold(), w_.deviations_heading, p_.reset());
    if (commentary_.deviations.empty()) {
      out_ += fmt::format("  {}\n", w_.none);
      return;
    }
    for (std::size_t i : commentary_.deviations) {
      const ItemResult& r = results_.items[i];
      out_ += fmt::format("  {}{}{} {}\n", p_.paint(r.verdict), verdict_symbol(r.verdict), p_.reset(),
                          clean(commentary_.items[i]));
    }
  }

  std::string_view check_paint(CheckResult::Outcome o) const {
    switch (o) {
      case CheckResult::Outcome::pass:
        return p_.paint(Verdict::met);
      case CheckResult::Outcome::rounding:
        return p_.paint(Verdict::pending);
      case CheckResult::Outcome::no_data:
        return p_.paint(Verdict::no_data);
      default:
        return p_.paint(Verdict::not_met);
    }
  }

  // "Datakontroller": every check, and for those that do not simply pass, where each
  // figure compared was read.
  void data_checks() {
    if (results_.checks.empty()) return;
    out_ += fmt::format("\n{}{}{}\n", p_.bold(), w_.checks_heading, p_.reset());
    std::array<std::size_t, 5> counts{};
    for (const CheckResult& c : results_.checks) ++counts[static_cast<std::size_t>(c.outcome)];
    out_ += "  " +
            fmt::format(fmt::runtime(w_.check_count), results_.checks.size(),
                        results_.checks.size() == 1 ? w_.check_one : w_.check_many, counts[0], counts[1],
                        counts[2], counts[3], counts[4]) +
            "\n";
    for (std::size_t i = 0; i < results_.checks.size(); ++i) {
      const CheckResult& c = results_.checks[i];
      out_ += fmt::format("  {}{}{} {}\n", check_paint(c.outcome), outcome_symbol(c.outcome), p_.reset(),
                          clean(commentary_.checks[i]));
      if (c.outcome == CheckResult::Outcome::pass) continue;
      for (const auto* side : {&c.left_inputs, &c.right_inputs}) {
        std::vector<std::string> places;
        for (const Observation& o : *side) {
          const std::string text = o.value.text.empty() ? std::string(w_.empty_cell) : clean(o.value.text);
          places.push_back(fmt::format("{} {}", text, sources_.file_line(o.value.span)));
        }
        if (!places.empty())
          out_ += fmt::format("      {}{}{}\n", p_.dim(), fmt::join(places, ", "), p_.reset());
      }
    }
  }

  const Results& results_;
  const Commentary& commentary_;
  const SourceManager& sources_;
  const Wording& w_;
  Language lang_;
  Palette p_;
  std::string out_;
};

}  // namespace

std::string render_text(const Results& results, const Commentary& commentary, const SourceManager& sources,
                        const RenderOptions& options) {
  return TextWriter(results, commentary, sources, options).run();
}

}  // namespace attain
