// evaluate diff: two snapshots of results compared id by id.

#include "attain/diff.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace attain {

namespace {

using Json = nlohmann::ordered_json;

std::string text_of(const Json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

// A JSON number as the reports write it: "−452", "0,2153".
std::string number_of(const Json& j, const char* key) {
  const std::string text = text_of(j, key);
  const NumberReading n = read_number(text);
  return n.number ? format_sv(*n.number) : text;
}

const SnapshotItem* find(const Snapshot& s, const std::string& id) {
  for (const SnapshotItem& i : s.items) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

std::string_view kind_label(const std::string& kind, const Wording& w) {
  if (kind == "budget_line") return w.d_kind_budget_line;
  if (kind == "data_check") return w.d_kind_check;
  if (kind == "group") return w.d_kind_group;
  return w.d_kind_indicator;
}

// A verdict or outcome in words, with its name: "ej uppfyllt (not_met)".
std::string shown(const SnapshotItem& i, Language language) {
  if (i.kind == "data_check") {
    if (const auto o = outcome_from_name(i.verdict))
      return fmt::format("{} ({})", outcome_label(*o, language), i.verdict);
    return i.verdict;
  }
  if (const auto v = verdict_from_name(i.verdict))
    return fmt::format("{} ({})", verdict_label(*v, language), i.verdict);
  return i.verdict;
}

}  // namespace

Snapshot snapshot(const Results& results, const Commentary& commentary, std::string label) {
  const Language language = commentary.language;
  const Wording& w = wording(language);
  Snapshot s;
  s.label = std::move(label);
  s.period = results.report.period.to_string();
  for (std::size_t i = 0; i < results.items.size(); ++i) {
    const ItemResult& r = results.items[i];
    const bool line = r.kind == ItemResult::Kind::budget_line;
    s.items.push_back(
        {r.id, line ? "budget_line" : "indicator", line ? r.budget_name + ", " + r.name : r.name,
         std::string(to_string(r.verdict)), r.current ? format_cell(r.current->value, r.unit, language) : "",
         line ? (r.budget ? say(w.budget_reference, format_cell(r.budget->value, Unit::tkr, language)) : "")
              : target_text(r, language),
         std::string(to_string(r.trend)), commentary.items[i]});
  }
  for (std::size_t i = 0; i < results.checks.size(); ++i) {
    const CheckResult& c = results.checks[i];
    s.items.push_back({c.id, "data_check", c.name, std::string(to_string(c.outcome)),
                       c.left ? format_sv(*c.left) : "", c.right ? format_sv(*c.right) : "", "none",
                       commentary.checks[i]});
  }
  for (std::size_t g = 0; g < results.groups.size(); ++g) {
    s.items.push_back({results.groups[g].id, "group", results.groups[g].name,
                       std::string(to_string(results.rollups[g].verdict)), "", "", "none",
                       commentary.rollups[g]});
  }
  return s;
}

std::optional<Snapshot> read_snapshot(std::string_view text, std::string label, std::string& error) {
  const Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    error = "not JSON";
    return std::nullopt;
  }
  if (!j.is_object() || text_of(j, "schema") != "attain/results/v1") {
    error = "not an attain JSON report (schema attain/results/v1)";
    return std::nullopt;
  }
  Snapshot s;
  s.label = std::move(label);
  if (const auto report = j.find("report"); report != j.end() && report->is_object())
    s.period = text_of(*report, "period");
  try {
    for (const Json& i : j.value("indicators", Json::array())) {
      const std::string kind = text_of(i, "kind") == "budget_line" ? "budget_line" : "indicator";
      const std::string name = kind == "budget_line" && !text_of(i, "budget_name").empty()
                                   ? text_of(i, "budget_name") + ", " + text_of(i, "name")
                                   : text_of(i, "name");
      const std::string value =
          i.contains("value_display") ? text_of(i, "value_display") : text_of(i, "value_text");
      s.items.push_back({text_of(i, "id"), kind, name, text_of(i, "verdict"), value,
                         text_of(i, "target_display"), i.contains("trend") ? text_of(i, "trend") : "none",
                         text_of(i, "commentary")});
    }
    for (const Json& c : j.value("data_checks", Json::array())) {
      s.items.push_back({text_of(c, "id"), "data_check", text_of(c, "name"), text_of(c, "outcome"),
                         number_of(c, "left"), number_of(c, "right"), "none", text_of(c, "commentary")});
    }
    for (const Json& g : j.value("groups", Json::array())) {
      s.items.push_back(
          {text_of(g, "id"), "group", text_of(g, "name"), text_of(g, "verdict"), "", "", "none",
           g.contains("rollup") && g["rollup"].is_object() ? text_of(g["rollup"], "commentary") : ""});
    }
  } catch (const Json::exception& e) {
    error = fmt::format("unexpected JSON: {}", e.what());
    return std::nullopt;
  }
  return s;
}

std::string render_diff(const Snapshot& before, const Snapshot& after, bool json, Language language) {
  const Wording& w = wording(language);
  struct Change {
    const SnapshotItem* before;
    const SnapshotItem* after;
  };
  std::vector<Change> changed, added, removed;
  std::size_t same = 0;
  for (const SnapshotItem& a : after.items) {
    const SnapshotItem* b = find(before, a.id);
    if (!b)
      added.push_back({nullptr, &a});
    else if (b->verdict != a.verdict)
      changed.push_back({b, &a});
    else
      ++same;
  }
  for (const SnapshotItem& b : before.items) {
    if (!find(after, b.id)) removed.push_back({&b, nullptr});
  }
  if (json) {
    Json root;
    root["schema"] = "attain/diff/v1";
    root["before"] = {{"source", before.label}, {"period", before.period}};
    root["after"] = {{"source", after.label}, {"period", after.period}};
    auto side = [](const SnapshotItem* i) -> Json {
      if (!i) return nullptr;
      return {{"verdict", i->verdict},
              {"value", i->value},
              {"target", i->target},
              {"trend", i->trend},
              {"commentary", i->commentary}};
    };
    Json list = Json::array();
    for (const auto* group : {&changed, &added, &removed}) {
      for (const Change& c : *group) {
        const SnapshotItem& i = c.after ? *c.after : *c.before;
        list.push_back({{"id", i.id},
                        {"kind", i.kind},
                        {"name", i.name},
                        {"change", group == &changed ? "verdict"
                                   : group == &added ? "added"
                                                     : "removed"},
                        {"before", side(c.before)},
                        {"after", side(c.after)}});
      }
    }
    root["changes"] = std::move(list);
    root["unchanged"] = same;
    return root.dump(2) + "\n";
  }
  std::string out =
      say(w.d_title, terminal_safe(before.label), before.period, terminal_safe(after.label), after.period) +
      "\n";
  out += "\n" + say(w.d_changed, changed.size()) + "\n";
  if (changed.empty()) out += fmt::format("  {}\n", w.none);
  // "före: ..." and "nu:   ..." line up.
  const auto chars = [](std::string_view t) {
    return static_cast<std::size_t>(std::count_if(
        t.begin(), t.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  };
  const std::size_t width = std::max(chars(w.d_before), chars(w.d_now)) + 1;
  for (const Change& c : changed) {
    const SnapshotItem& b = *c.before;
    const SnapshotItem& a = *c.after;
    out += fmt::format("  {}  {} ({}): {} → {}\n", a.id, terminal_safe(a.name), kind_label(a.kind, w),
                       shown(b, language), shown(a, language));
    if (!b.value.empty() || !a.value.empty()) {
      out += "      " +
             say(w.d_value, b.value.empty() ? "–" : terminal_safe(b.value),
                 a.value.empty() ? "–" : terminal_safe(a.value)) +
             (a.target.empty() ? ""
              : a.target == b.target
                  ? say(w.d_against, terminal_safe(a.target))
                  : say(w.d_against_changed, terminal_safe(b.target), terminal_safe(a.target))) +
             "\n";
    }
    out += fmt::format("      {:<{}} {}\n      {:<{}} {}\n", std::string(w.d_before) + ":", width,
                       terminal_safe(b.commentary), std::string(w.d_now) + ":", width,
                       terminal_safe(a.commentary));
  }
  if (!added.empty()) {
    out += "\n" + say(w.d_added, added.size()) + "\n";
    for (const Change& c : added)
      out +=
          fmt::format("  {}  {}: {}\n", c.after->id, terminal_safe(c.after->name), shown(*c.after, language));
  }
  if (!removed.empty()) {
    out += "\n" + say(w.d_removed, removed.size()) + "\n";
    for (const Change& c : removed)
      out += fmt::format("  {}  {}: {}\n", c.before->id, terminal_safe(c.before->name),
                         shown(*c.before, language));
  }
  out += "\n" + say(w.d_unchanged, same) + "\n";
  return out;
}

}  // namespace attain
