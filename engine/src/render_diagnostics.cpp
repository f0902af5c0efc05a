// Diagnostics as text, JSON or SARIF 2.1.0 (docs/cli.md, "Diagnostics").

#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "attain/render.hpp"
#include "attain/version.hpp"

namespace attain {

namespace {

using Json = nlohmann::ordered_json;

std::string_view severity(const Diagnostic& d) {
  return d.severity == Severity::error ? "error" : "warning";
}

// A SARIF region: 1-based lines and code-point columns, the end one past the last
// character. Trailing whitespace in a span (a property's span runs on to the next
// line) is left out.
Json region(const SourceManager& sources, Span span) {
  const SourceFile& file = sources.file(span.file);
  const std::string_view text = file.text();
  std::uint32_t end =
      std::min<std::uint32_t>(std::max(span.end, span.begin), static_cast<std::uint32_t>(text.size()));
  while (end > span.begin &&
         (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\n' || text[end - 1] == '\r')) {
    --end;
  }
  const LineCol start = file.line_col(span.begin);
  const LineCol stop = file.line_col(end);
  const bool empty = end == span.begin;
  return {{"startLine", start.line},
          {"startColumn", start.column},
          {"endLine", stop.line},
          {"endColumn", empty ? start.column + 1 : stop.column}};
}

// A relative URI reference for a path: RFC 3986 percent-encoding of every byte outside
// the unreserved characters and '/'.
std::string uri(std::string_view path) {
  std::string out;
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    const bool plain = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    out += plain ? std::string(1, c) : fmt::format("%{:02X}", u);
  }
  return out;
}

Json sarif_location(const SourceManager& sources, const std::optional<Span>& span,
                    const std::optional<std::string>& path) {
  Json physical;
  if (span) {
    physical["artifactLocation"] = {{"uri", uri(sources.file(span->file).path())}};
    physical["region"] = region(sources, *span);
  } else {
    physical["artifactLocation"] = {{"uri", uri(path.value_or(""))}};
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

std::string join_diagnostics(const std::vector<std::string>& documents, DiagnosticFormat format) {
  if (format == DiagnosticFormat::text) {
    std::string out;
    for (const std::string& d : documents) out += d;
    return out;
  }
  if (format == DiagnosticFormat::json) {
    Json out = Json::array();
    for (const std::string& d : documents) {
      for (Json& diagnostic : Json::parse(d)) out.push_back(std::move(diagnostic));
    }
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  }
  std::optional<Json> log;
  for (const std::string& d : documents) {
    Json next = Json::parse(d);
    if (!log) {
      log = std::move(next);
      continue;
    }
    Json& run = (*log)["runs"][0];
    Json& rules = run["tool"]["driver"]["rules"];
    for (Json& rule : next["runs"][0]["tool"]["driver"]["rules"]) {
      const bool known =
          std::any_of(rules.begin(), rules.end(), [&](const Json& r) { return r["id"] == rule["id"]; });
      if (!known) rules.push_back(std::move(rule));
    }
    for (Json& result : next["runs"][0]["results"]) run["results"].push_back(std::move(result));
  }
  if (!log) return sarif({}, SourceManager{});
  return log->dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace attain
