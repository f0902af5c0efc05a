// Diagnostics as text, JSON or SARIF 2.1.0 (docs/cli.md, "Diagnostics").

#include <nlohmann/json.hpp>

#include "attain/render.hpp"
#include "attain/version.hpp"

namespace attain {

namespace {

using Json = nlohmann::ordered_json;

std::string_view severity(const Diagnostic& d) {
  return d.severity == Severity::error ? "error" : "warning";
}

// A SARIF region: 1-based lines and columns, the end column one past the last character.
Json region(const SourceManager& sources, Span span) {
  const SourceFile& file = sources.file(span.file);
  const LineCol start = file.line_col(span.begin);
  const LineCol end = file.line_col(std::max(span.end, span.begin));
  return {{"startLine", start.line},
          {"startColumn", start.column},
          {"endLine", end.line},
          {"endColumn", std::max(end.column, start.column + (end.line == start.line ? 1u : 0u))}};
}

Json sarif_location(const SourceManager& sources, const std::optional<Span>& span,
                    const std::optional<std::string>& path) {
  Json physical;
  if (span) {
    physical["artifactLocation"] = {{"uri", sources.file(span->file).path()}};
    physical["region"] = region(sources, *span);
  } else {
    physical["artifactLocation"] = {{"uri", path.value_or("")}};
  }
  return {{"physicalLocation", std::move(physical)}};
}

std::string sarif(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources) {
  Json rules = Json::array();
  std::vector<std::string> seen;
  Json results = Json::array();
  for (const Diagnostic& d : diagnostics) {
    if (std::find(seen.begin(), seen.end(), d.code) == seen.end()) {
      seen.push_back(d.code);
      rules.push_back({{"id", d.code}, {"helpUri", "docs/errors.md#" + d.code}});
    }
    Json result = {{"ruleId", d.code},
                   {"level", severity(d)},
                   {"message", {{"text", d.message}}},
                   {"locations", Json::array({sarif_location(sources, d.span, d.path)})}};
    Json related = Json::array();
    for (const DiagnosticNote& n : d.notes) {
      Json r = {{"message", {{"text", n.message}}}};
      if (n.span) r.update(sarif_location(sources, n.span, std::nullopt));
      related.push_back(std::move(r));
    }
    if (!related.empty()) result["relatedLocations"] = std::move(related);
    results.push_back(std::move(result));
  }
  const Json log = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       Json::array({{{"tool", {{"driver", {{"name", "attain"}, {"version", version}, {"rules", rules}}}}},
                     {"results", std::move(results)}}})}};
  return log.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string json(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources) {
  Json out = Json::array();
  for (const Diagnostic& d : diagnostics) {
    Json notes = Json::array();
    for (const DiagnosticNote& n : d.notes) {
      notes.push_back({{"kind", n.kind == DiagnosticNote::Kind::help ? "help" : "note"},
                       {"message", n.message},
                       {"location", n.span ? Json(sources.location(*n.span)) : Json(nullptr)}});
    }
    Json location = nullptr;
    if (d.span)
      location = sources.location(*d.span);
    else if (d.path)
      location = *d.path;
    out.push_back({{"code", d.code},
                   {"severity", severity(d)},
                   {"message", d.message},
                   {"location", std::move(location)},
                   {"notes", std::move(notes)}});
  }
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string render_diagnostics(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                               DiagnosticFormat format, bool color) {
  switch (format) {
    case DiagnosticFormat::json:
      return json(diagnostics, sources);
    case DiagnosticFormat::sarif:
      return sarif(diagnostics, sources);
    case DiagnosticFormat::text:
      break;
  }
  std::string out;
  for (const Diagnostic& d : diagnostics) out += render_diagnostic(d, sources, color);
  return out;
}

}  // namespace attain
