// render_junit: the results as JUnit XML, so CI dashboards show unmet targets as failing
// tests. The mapping (docs/junit.md):
//   met, on_track                      -> passed
//   not_met, behind, near              -> <failure type="VERDICT"> (near is a shortfall,
//                                         as in "Väsentliga avvikelser")
//   no_data, pending, not_applicable,
//   no_target                          -> <skipped message="...">  (nothing to judge)
//   error                              -> <error type="error">
// Budget lines follow their verdict (not_met: a significant unfavourable deviation).
// Data checks form one more suite: pass and rounding pass, fail fails, no_data is
// skipped, error is an error.

#include <array>

#include <fmt/format.h>

#include "attain/render.hpp"
#include "attain/version.hpp"

namespace attain {

namespace {

// Text and attribute values for XML 1.0 (render.hpp: escape_markup).
std::string xml(std::string_view text) {
  return escape_markup(text);
}

enum class Outcome { passed, failure, skipped, error };

Outcome outcome(Verdict v) {
  switch (v) {
    case Verdict::met:
    case Verdict::on_track:
      return Outcome::passed;
    case Verdict::not_met:
    case Verdict::behind:
    case Verdict::near:
      return Outcome::failure;
    case Verdict::error:
      return Outcome::error;
    default:
      return Outcome::skipped;
  }
}

Outcome outcome(CheckOutcome o) {
  switch (o) {
    case CheckOutcome::pass:
    case CheckOutcome::rounding:
      return Outcome::passed;
    case CheckOutcome::fail:
      return Outcome::failure;
    case CheckOutcome::no_data:
      return Outcome::skipped;
    case CheckOutcome::error:
      return Outcome::error;
  }
  return Outcome::skipped;
}

struct Case {
  std::string classname;
  std::string name;
  std::string file;
  std::uint32_t line = 0;
  Outcome outcome = Outcome::passed;
  std::string type;     // the verdict or outcome
  std::string message;  // short: "ej uppfyllt: 91 % mot ≥ 92 %"
  std::string text;     // the commentary
};

struct Suite {
  std::string name;
  std::vector<Case> cases;
};

class JunitWriter {
 public:
  JunitWriter(const Results& results, const Commentary& commentary, const SourceManager& sources)
      : results_(results),
        commentary_(commentary),
        sources_(sources),
        w_(wording(commentary.language)),
        lang_(commentary.language) {}

  std::string run() {
    std::vector<Suite> suites;
    for (std::size_t g = 0; g < results_.groups.size(); ++g) {
      Suite s{path_name(g), {}};
      for (std::size_t i = 0; i < results_.items.size(); ++i) {
        if (results_.items[i].group == g) s.cases.push_back(item_case(i));
      }
      if (!s.cases.empty()) suites.push_back(std::move(s));
    }
    if (!results_.checks.empty()) {
      Suite s{std::string(w_.checks_heading), {}};
      for (std::size_t i = 0; i < results_.checks.size(); ++i) s.cases.push_back(check_case(i));
      suites.push_back(std::move(s));
    }
    std::array<std::size_t, 4> total{};
    std::size_t cases = 0;
    for (const Suite& s : suites) {
      for (const Case& c : s.cases) ++total[static_cast<std::size_t>(c.outcome)];
      cases += s.cases.size();
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
                       xml(results_.report.title), cases, total[1], total[3], total[2]);
    out += "  <properties>\n";
    out += fmt::format("    <property name=\"engine\" value=\"attain {}\"/>\n", xml(version));
    out += fmt::format("    <property name=\"period\" value=\"{}\"/>\n",
                       xml(results_.report.period.to_string()));
    for (const InputFile& f : report_inputs(results_, sources_)) {
      out +=
          fmt::format("    <property name=\"{}\" value=\"{} sha256:{}\"/>\n", f.role, xml(f.path), f.sha256);
    }
    out += "  </properties>\n";
    for (const Suite& s : suites) suite(out, s);
    return out + "</testsuites>\n";
  }

 private:
  // "Målområde: Medborgare / Kommunövergripande mål: … / Mål: God service"
  std::string path_name(std::size_t g) const {
    std::string name;
    for (std::optional<std::size_t> p = g; p; p = results_.groups[*p].parent) {
      const Group& grp = results_.groups[*p];
      name =
          fmt::format("{}: {}", level_label(grp.level, lang_), grp.name) + (name.empty() ? "" : " / " + name);
    }
    return name;
  }

  std::string class_name(std::size_t g) const {
    std::string name;
    for (std::optional<std::size_t> p = g; p; p = results_.groups[*p].parent)
      name = results_.groups[*p].id + (name.empty() ? "" : "." + name);
    return name;
  }

  Case item_case(std::size_t i) const {
    const ItemResult& r = results_.items[i];
    Case c;
    c.classname = class_name(r.group);
    c.name = fmt::format("{}: {}", r.id,
                         r.kind == ItemResult::Kind::budget_line ? r.budget_name + ", " + r.name : r.name);
    const SourceFile& file = sources_.file(r.rule_span.file);
    c.file = file.path();
    c.line = file.line_col(r.rule_span.begin).line;
    c.outcome = outcome(r.verdict);
    c.type = std::string(to_string(r.verdict));
    const std::string value = r.current ? format_cell(r.current->value, r.unit, lang_) : "";
    const std::string against = r.kind == ItemResult::Kind::budget_line
                                    ? (r.budget ? fmt::format(fmt::runtime(w_.budget_reference),
                                                              format_cell(r.budget->value, Unit::tkr, lang_))
                                                : "")
                                    : target_text(r, lang_);
    c.message = fmt::format("{}{}{}", verdict_label(r.verdict, lang_), value.empty() ? "" : ": " + value,
                            against.empty() ? "" : fmt::format(" {} {}", w_.against, against));
    c.text = commentary_.items[i];
    return c;
  }

  Case check_case(std::size_t i) const {
    const CheckResult& r = results_.checks[i];
    Case c;
    c.classname = "datakontroller." + r.check_id;
    c.name = fmt::format("{}: {}", r.id, r.name);
    const SourceFile& file = sources_.file(r.rule_span.file);
    c.file = file.path();
    c.line = file.line_col(r.rule_span.begin).line;
    c.outcome = outcome(r.outcome);
    c.type = std::string(to_string(r.outcome));
    c.message = commentary_.checks[i];
    c.text = commentary_.checks[i];
    return c;
  }

  static void suite(std::string& out, const Suite& s) {
    std::array<std::size_t, 4> n{};
    for (const Case& c : s.cases) ++n[static_cast<std::size_t>(c.outcome)];
    out +=
        fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
                    xml(s.name), s.cases.size(), n[1], n[3], n[2]);
    for (const Case& c : s.cases) {
      out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\"",
                         xml(c.classname), xml(c.name), xml(c.file), c.line);
      switch (c.outcome) {
        case Outcome::passed:
          out += fmt::format(">\n      <system-out>{}</system-out>\n    </testcase>\n", xml(c.text));
          break;
        case Outcome::failure:
        case Outcome::error: {
          const char* tag = c.outcome == Outcome::failure ? "failure" : "error";
          out += fmt::format(">\n      <{} type=\"{}\" message=\"{}\">{}</{}>\n    </testcase>\n", tag,
                             c.type, xml(c.message), xml(c.text), tag);
          break;
        }
        case Outcome::skipped:
          out += fmt::format(
              ">\n      <skipped message=\"{}: {}\"/>\n      <system-out>{}</system-out>\n    </testcase>\n",
              c.type, xml(c.message), xml(c.text));
          break;
      }
    }
    out += "  </testsuite>\n";
  }

  const Results& results_;
  const Commentary& commentary_;
  const SourceManager& sources_;
  const Wording& w_;
  Language lang_;
};

}  // namespace

std::string render_junit(const Results& results, const Commentary& commentary, const SourceManager& sources) {
  return JunitWriter(results, commentary, sources).run();
}

}  // namespace attain
