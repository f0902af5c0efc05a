// Batch mode's summary across datasets as text (in the words of --lang) and as JSON
// (schema "attain/summary/v1", docs/json-summary.md).

#include <array>
#include <cstdint>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "attain/render.hpp"
#include "attain/summary.hpp"
#include "attain/version.hpp"
#include "attain/wording.hpp"

namespace attain {

namespace {

using Json = nlohmann::ordered_json;

// The verdicts in the order the report's own summary counts them ("Totalt 69 mått: ...").
constexpr std::array text_order = {
    Verdict::met,     Verdict::not_met, Verdict::near,           Verdict::on_track,  Verdict::behind,
    Verdict::pending, Verdict::no_data, Verdict::not_applicable, Verdict::no_target, Verdict::error};

std::string count(std::size_t n, Language language) {
  return format_number(Decimal::integer(static_cast<std::int64_t>(n)), language);
}

}  // namespace

std::string render_summary_text(const Summary& summary, Language language) {
  const Wording& w = wording(language);
  const std::size_t evaluated = summary.datasets.size();
  std::string out = say(evaluated == 1 ? w.s_evaluated_one : w.s_evaluated_many, count(evaluated, language));
  if (!summary.not_evaluated.empty())
    out += say(w.s_not_evaluated_count, count(summary.not_evaluated.size(), language));
  out += "\n";
  for (const std::string& path : summary.not_evaluated)
    out += "  " + say(w.s_not_evaluated, terminal_safe(path)) + "\n";
  out += "\n";
  if (summary.lines.empty()) out += std::string(w.s_no_indicators) + "\n";
  for (const SummaryLine& line : summary.lines) {
    const std::string name = terminal_safe(line.name);
    const std::string id = terminal_safe(line.id);
    out += line.kind == SummaryLine::Kind::family ? say(line.members == 1 ? w.s_family_one : w.s_family_many,
                                                        name, id, count(line.members, language))
                                                  : say(w.s_line, name, id);
    std::vector<std::string> parts;
    for (const Verdict v : text_order) {
      const std::size_t n = line.count(v);
      const auto i = static_cast<std::size_t>(v);
      if (n > 0)
        parts.push_back(fmt::format("{} {}", count(n, language), n == 1 ? w.count_one[i] : w.count_many[i]));
    }
    const std::size_t total = line.total();
    out += "\n  " + say(total == 1 ? w.s_units_one : w.s_units_many, count(total, language));
    if (!parts.empty()) out += fmt::format(": {}", fmt::join(parts, ", "));
    out += ".\n";
  }
  return out;
}

std::string render_summary_json(const Summary& summary) {
  Json root;
  root["schema"] = "attain/summary/v1";
  root["engine"] = {{"name", "attain"}, {"version", version}};
  root["datasets"] = {{"evaluated", summary.datasets}, {"not_evaluated", summary.not_evaluated}};
  Json lines = Json::array();
  for (const SummaryLine& line : summary.lines) {
    Json counts = Json::object();
    for (std::size_t v = 0; v < verdict_count; ++v)
      counts[std::string(to_string(Verdict(v)))] = line.counts[v];
    lines.push_back({{"id", line.id},
                     {"name", line.name},
                     {"kind", line.kind == SummaryLine::Kind::family ? "family" : "indicator"},
                     {"members", line.members},
                     {"total", line.total()},
                     {"counts", std::move(counts)}});
  }
  root["indicators"] = std::move(lines);
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace attain
