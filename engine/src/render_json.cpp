#include <nlohmann/json.hpp>

#include "attain/render.hpp"
#include "attain/version.hpp"

namespace attain {

namespace {

using Json = nlohmann::ordered_json;

Json number(const std::optional<Decimal>& d) {
  if (!d) return nullptr;
  if (d->scale() == 0) return d->units();
  return d->to_double();
}

std::string_view status(const Value& v) {
  switch (v.kind) {
    case Value::Kind::number:
      return "number";
    case Value::Kind::text:
      return "text";
    case Value::Kind::absent:
      break;
  }
  return to_string(v.absence);
}

class JsonWriter {
 public:
  JsonWriter(const Results& results, const Commentary& commentary, const SourceManager& sources)
      : results_(results), commentary_(commentary), sources_(sources) {}

  Json observation(const std::optional<Observation>& o) const {
    if (!o) return nullptr;
    Json j;
    j["value"] = o->value.is_number() ? number(o->value.number) : Json(nullptr);
    j["text"] = o->value.text;
    j["status"] = status(o->value);
    j["column"] = o->column_id;
    j["period"] = o->period ? Json(o->period->to_string()) : Json(nullptr);
    j["location"] = sources_.file_line(o->value.span);
    return j;
  }

  // Dataset cells a computed value or a check read: value, text as written, location.
  Json inputs(const std::vector<Observation>& cells) const {
    Json out = Json::array();
    for (const Observation& o : cells) {
      out.push_back({{"value", o.value.is_number() ? number(o.value.number) : Json(nullptr)},
                     {"text", o.value.text},
                     {"status", status(o.value)},
                     {"column", o.column_id},
                     {"period", o.period ? Json(o.period->to_string()) : Json(nullptr)},
                     {"location", sources_.file_line(o.value.span)}});
    }
    return out;
  }

  Json rollup(std::size_t g) const {
    const GroupRollup& u = results_.rollups[g];
    std::string_view policy = "all";
    switch (u.policy.kind) {
      case ast::RollupPolicy::Kind::all:
        break;
      case ast::RollupPolicy::Kind::at_least:
        policy = "at_least";
        break;
      case ast::RollupPolicy::Kind::at_least_share:
        policy = "at_least_percent";
        break;
      case ast::RollupPolicy::Kind::weighted:
        policy = "weighted_percent";
        break;
    }
    return {{"policy", policy},
            {"threshold",
             u.policy.kind == ast::RollupPolicy::Kind::all ? Json(nullptr) : number(u.policy.amount)},
            {"indicators", u.indicators},
            {"assessed", u.assessed},
            {"succeeded", u.succeeded},
            {"commentary", commentary_.rollups[g]}};
  }

  Json data_checks() const {
    Json out = Json::array();
    for (std::size_t i = 0; i < results_.checks.size(); ++i) {
      const CheckResult& c = results_.checks[i];
      out.push_back({{"id", c.id},
                     {"check_id", c.check_id},
                     {"name", c.name},
                     {"row", c.row ? Json(*c.row) : Json(nullptr)},
                     {"column", c.column ? Json(*c.column) : Json(nullptr)},
                     {"outcome", to_string(c.outcome)},
                     {"comparator", ast::to_string(c.comparator)},
                     {"left", number(c.left)},
                     {"right", number(c.right)},
                     {"difference", number(c.difference)},
                     {"tolerance", number(c.tolerance)},
                     {"reason", c.reason.empty() ? Json(nullptr) : Json(c.reason)},
                     {"left_inputs", inputs(c.left_inputs)},
                     {"right_inputs", inputs(c.right_inputs)},
                     {"commentary", commentary_.checks[i]},
                     {"rule_location", sources_.file_line(c.rule_span)}});
    }
    return out;
  }

  // The ancestor of `group` at `level`, as {name, id}.
  std::pair<Json, Json> ancestor(std::size_t group, ast::GroupLevel level) const {
    for (std::optional<std::size_t> g = group; g; g = results_.groups[*g].parent) {
      const Group& grp = results_.groups[*g];
      if (grp.level == level) return {grp.name, grp.id};
    }
    return {nullptr, nullptr};
  }

  Json item(const ItemResult& r, const std::string& commentary) const {
    Json j;
    j["id"] = r.id;
    j["kind"] = r.kind == ItemResult::Kind::budget_line ? "budget_line"
                : r.kind == ItemResult::Kind::breakdown ? "breakdown"
                                                        : "indicator";
    j["name"] = r.name;
    if (r.kind != ItemResult::Kind::breakdown) {
      auto [area, area_id] = ancestor(r.group, ast::GroupLevel::area);
      auto [goal, goal_id] = ancestor(r.group, ast::GroupLevel::goal);
      auto [objective, objective_id] = ancestor(r.group, ast::GroupLevel::objective);
      j["area"] = area;
      j["area_id"] = area_id;
      j["goal"] = goal;
      j["goal_id"] = goal_id;
      j["objective"] = objective;
      j["objective_id"] = objective_id;
    }
    if (r.family) j["family"] = r.family->id;
    for (const auto& [key, text] : r.metadata) j[key] = text;
    j["unit"] = to_string(r.unit);
    j["direction"] = ast::to_string(r.direction);
    const bool has_value = r.current && r.current->value.is_number();
    j["value"] = has_value ? number(r.current->value.number) : Json(nullptr);
    j["value_text"] = r.current ? Json(r.current->value.text) : Json(nullptr);
    // As the reports show them: "91 %", "≥ 92 %", "budget 0 tkr" (for diffs and readers).
    j["value_display"] = r.current ? Json(format_cell(r.current->value, r.unit)) : Json(nullptr);
    j["target_display"] = r.kind == ItemResult::Kind::budget_line
                              ? Json(r.budget ? "budget " + format_cell(r.budget->value, Unit::tkr) : "")
                              : Json(target_text(r));
    j["period"] = r.current && r.current->period ? Json(r.current->period->to_string()) : Json(nullptr);
    const ast::Target& t = r.target;
    const bool compare = t.kind == ast::Target::Kind::compare;
    if (r.kind == ItemResult::Kind::budget_line) {
      j["target"] = number(r.reference);
      j["comparator"] = r.direction == ast::Direction::lower ? "<=" : ">=";
    } else {
      // An unresolved relative target has no bound (its value is still the offset).
      const bool unresolved = t.relative && !r.relative_offset;
      j["target"] = compare && !unresolved ? number(t.value) : Json(nullptr);
      if (t.relative) j["target_offset"] = number(r.relative_offset.value_or(t.value));
      j["comparator"] = compare ? Json(ast::to_string(t.comparator)) : Json(nullptr);
    }
    j["target_upper"] = compare && t.comparator == ast::Comparator::range ? number(t.upper) : Json(nullptr);
    j["target_text"] = t.text ? Json(*t.text) : Json(nullptr);
    const bool budget_line = r.kind == ItemResult::Kind::budget_line;
    j["target_status"] = compare || budget_line                 ? "set"
                         : t.kind == ast::Target::Kind::pending ? "pending"
                                                                : "none";
    j["annual"] = t.annual;
    if (t.annual) {
      if (t.profile) j["profile"] = t.profile->text;
      j["expected"] = number(r.reference);
      j["months_elapsed"] = r.months_elapsed;
    }
    j["gap"] = number(r.gap);
    if (r.unrounded) {
      j["compared_value"] = number(r.compared);
      j["unrounded_value"] = number(r.unrounded);
    }
    if (r.precision) j["precision"] = *r.precision;
    if (!r.bands.empty()) {
      Json bands = Json::array();
      for (const ast::ColourBand& b : r.bands) {
        Json conditions = Json::array();
        for (const auto& [cmp, v] : b.conditions)
          conditions.push_back({{"comparator", ast::to_string(cmp)}, {"value", number(v)}});
        const std::string_view colour = b.colour == ast::ColourBand::Colour::green    ? "green"
                                        : b.colour == ast::ColourBand::Colour::yellow ? "yellow"
                                                                                      : "red";
        bands.push_back({{"colour", colour}, {"conditions", std::move(conditions)}});
        if (r.colour && *r.colour == b.colour) j["colour"] = colour;
      }
      j["bands"] = std::move(bands);
    }
    if (t.band) {
      j["band"] = number(*t.band);
      j["band_relative"] = t.band_relative;
    }
    j["verdict"] = to_string(r.verdict);
    j["trend"] = to_string(r.trend);
    j["previous"] = observation(r.previous);
    if (r.kind == ItemResult::Kind::budget_line) {
      j["budget_id"] = r.budget_id;
      j["budget_name"] = r.budget_name;
      j["budget"] = observation(r.budget);
      j["deviation"] = number(r.deviation);
      j["reported_deviation"] = observation(r.reported_deviation);
      j["materiality"] = number(r.materiality);
      j["significant"] = r.significant;
      j["favourable"] = r.favourable;
    }
    j["commentary"] = commentary;
    if (!r.reason.empty()) j["reason"] = r.reason;
    if (r.kind == ItemResult::Kind::indicator && r.data_ref.empty()) j["inputs"] = inputs(r.inputs);
    j["data"] = r.data_ref;
    j["rule_location"] = sources_.file_line(r.rule_span);
    j["value_location"] = r.current ? Json(sources_.file_line(r.current->value.span)) : Json(nullptr);
    return j;
  }

  // The report as text: the document is made member by member, and the indicators one
  // at a time, each dumped and dropped (a national report's 290 000 results as one tree
  // took 2 GB), in exactly the layout of dumping the whole document with an indent of 2.
  std::string text(const std::vector<Diagnostic>& diagnostics) const {
    std::string out = "{";
    bool first = true;
    const auto member = [&](std::string_view key) {
      out += first ? "\n  " : ",\n  ";
      first = false;
      out += dumped(Json(key), 1);
      out += ": ";
    };
    Json root = head();
    for (const auto& [key, value] : root.items()) {
      member(key);
      out += dumped(value, 1);
    }
    member("indicators");
    if (results_.items.empty()) {
      out += "[]";
    } else {
      out += "[";
      for (std::size_t i = 0; i < results_.items.size(); ++i) {
        out += i == 0 ? "\n    " : ",\n    ";
        out += dumped(indicator(i), 2);
      }
      out += "\n  ]";
    }
    root = tail(diagnostics);
    for (const auto& [key, value] : root.items()) {
      member(key);
      out += dumped(value, 1);
    }
    out += "\n}\n";
    return out;
  }

 private:
  // `j` as it is dumped `depth` levels down in a document indented by 2: each line after
  // the first indented by 2 × depth more (a dumped string never holds a line break).
  // Invalid UTF-8 from a user's file is replaced, never thrown on.
  static std::string dumped(const Json& j, std::size_t depth) {
    const std::string flat = j.dump(2, ' ', false, Json::error_handler_t::replace);
    const std::string indent(2 * depth, ' ');
    std::string out;
    out.reserve(flat.size() + flat.size() / 8);
    std::size_t from = 0;
    for (std::size_t nl = flat.find('\n'); nl != std::string::npos; nl = flat.find('\n', from)) {
      out.append(flat, from, nl + 1 - from).append(indent);
      from = nl + 1;
    }
    out.append(flat, from);
    return out;
  }

  Json indicator(std::size_t i) const {
    const ItemResult& r = results_.items[i];
    Json j = item(r, commentary_.items[i]);
    Json breakdowns = Json::array();
    for (std::size_t b = 0; b < r.breakdowns.size(); ++b) {
      breakdowns.push_back(item(r.breakdowns[b], commentary_.breakdowns[i][b]));
    }
    j["breakdowns"] = std::move(breakdowns);
    return j;
  }

  // The members before "indicators".
  Json head() const {
    Json root;
    root["schema"] = "attain/results/v1";
    root["engine"] = {{"name", "attain"}, {"version", version}};
    root["language"] = to_string(commentary_.language);
    Json inputs = Json::array();
    for (const InputFile& f : report_inputs(results_, sources_)) {
      inputs.push_back({{"role", f.role}, {"path", f.path}, {"sha256", f.sha256}, {"bytes", f.bytes}});
    }
    root["inputs"] = std::move(inputs);
    const ReportInfo& rep = results_.report;
    root["report"] = {{"title", rep.title},
                      {"organisation", rep.organisation},
                      {"municipality", rep.municipality},
                      {"period", rep.period.to_string()},
                      {"months_elapsed", rep.period.months()}};
    Json counts = Json::object();
    for (Verdict v :
         {Verdict::met, Verdict::not_met, Verdict::near, Verdict::on_track, Verdict::behind, Verdict::no_data,
          Verdict::pending, Verdict::not_applicable, Verdict::no_target, Verdict::error}) {
      counts[std::string(to_string(v))] = std::count_if(results_.items.begin(), results_.items.end(),
                                                        [&](const ItemResult& r) { return r.verdict == v; });
    }
    root["summary"] = {{"text", commentary_.overall}, {"counts", counts}};
    Json groups = Json::array();
    for (std::size_t g = 0; g < results_.groups.size(); ++g) {
      const Group& grp = results_.groups[g];
      groups.push_back({{"id", grp.id},
                        {"level", ast::to_string(grp.level)},
                        {"name", grp.name},
                        {"parent", grp.parent ? Json(results_.groups[*grp.parent].id) : Json(nullptr)},
                        {"summary", commentary_.groups[g]},
                        {"verdict", to_string(results_.rollups[g].verdict)},
                        {"rollup", rollup(g)},
                        {"rule_location", sources_.file_line(grp.span)}});
    }
    root["groups"] = std::move(groups);
    return root;
  }

  // The members after "indicators".
  Json tail(const std::vector<Diagnostic>& diagnostics) const {
    Json root;
    Json deviations = Json::array();
    for (std::size_t i : commentary_.deviations) {
      const ItemResult& r = results_.items[i];
      deviations.push_back({{"id", r.id},
                            {"verdict", to_string(r.verdict)},
                            {"significant", r.significant},
                            {"commentary", commentary_.items[i]}});
    }
    root["significant_deviations"] = std::move(deviations);
    root["data_checks"] = data_checks();
    Json diags = Json::array();
    for (const Diagnostic& d : diagnostics) {
      Json notes = Json::array();
      for (const DiagnosticNote& n : d.notes) {
        notes.push_back({{"kind", n.kind == DiagnosticNote::Kind::help ? "help" : "note"},
                         {"message", n.message},
                         {"location", n.span ? Json(sources_.location(*n.span)) : Json(nullptr)}});
      }
      diags.push_back({{"severity", d.severity == Severity::error ? "error" : "warning"},
                       {"code", d.code},
                       {"message", d.message},
                       {"location", d.span   ? Json(sources_.location(*d.span))
                                    : d.path ? Json(*d.path)
                                             : Json(nullptr)},
                       {"notes", std::move(notes)}});
    }
    root["diagnostics"] = std::move(diags);
    return root;
  }

  const Results& results_;
  const Commentary& commentary_;
  const SourceManager& sources_;
};

}  // namespace

std::string render_json(const Results& results, const Commentary& commentary, const SourceManager& sources,
                        const std::vector<Diagnostic>& diagnostics) {
  return JsonWriter(results, commentary, sources).text(diagnostics);
}

}  // namespace attain
