#pragma once
// Stage 5: results + commentary -> output text. Renderers only read; they never
// re-evaluate. docs/json.md documents the JSON schema.

#include <optional>
#include <string>
#include <vector>

#include "attain/commentary.hpp"
#include "attain/diagnostic.hpp"
#include "attain/evaluate.hpp"
#include "attain/rule_test.hpp"
#include "attain/source.hpp"
#include "attain/summary.hpp"

namespace attain {

struct RenderOptions {
  bool color = false;  // ANSI colours (the CLI decides: a terminal, NO_COLOR unset)
};

// One file a report was made from, as every format states it (reproducibility): the
// dataset and each rule file, in the order read, with the SHA-256 of its bytes.
struct InputFile {
  std::string role;  // "rules" or "dataset"
  std::string path;  // as named on the command line or found in a directory
  std::string sha256;
  std::size_t bytes = 0;
};
std::vector<InputFile> report_inputs(const Results& results, const SourceManager& sources);

// Text from rules and data for HTML and XML, as text or attribute value: & < > " '
// become character references, invalid UTF-8 and control characters (but tab and line
// breaks) become U+FFFD, so no input can break the document.
std::string escape_markup(std::string_view text);

// Text from rules and data for a Markdown table cell: characters that would start
// emphasis, code, links, HTML or a new cell are escaped with '\\', a leading - + ! too,
// and control characters become '?'.
std::string escape_markdown(std::string_view text);

// Areas and objectives get a summary line; a goal only when it holds more than one
// objective or items of its own, where its summary says something its child does not.
bool group_is_summarised(const Results& results, std::size_t group);

// The terminal report: grouped by area, goal and objective, one aligned line per
// indicator with a verdict symbol, then its commentary; "Väsentliga avvikelser" and
// "Datakontroller" (with the file:line of every figure a failing check compared) last.
std::string render_text(const Results& results, const Commentary& commentary, const SourceManager& sources,
                        const RenderOptions& options);

// The HTML report: one self-contained, printable file (no network resources), with a
// table per objective, a bullet chart and a sparkline per indicator as inline SVG, and
// the "Väsentliga avvikelser", "Datakontroller" and "Underlag" sections. Every text from
// rules and data is escaped.
std::string render_html(const Results& results, const Commentary& commentary, const SourceManager& sources);

// The Markdown report (CommonMark with GFM tables), for pasting into the report
// document: per group a table shaped like the report's own (Indikator, one column per
// period, Målvärde, Bedömning) and the commentary, budget tables, "Väsentliga
// avvikelser", "Datakontroller", "Sammanfattning" and "Underlag". Text from rules and
// data is escaped so it cannot format or break a table.
std::string render_markdown(const Results& results, const Commentary& commentary,
                            const SourceManager& sources);

// JUnit XML for CI dashboards: a test suite per group with items, one test case per
// indicator and budget line (met/on_track pass; not_met, behind and near fail; no_data,
// pending, not_applicable and no_target are skipped; error is an error), and a suite of
// the data checks. docs/junit.md has the mapping.
std::string render_junit(const Results& results, const Commentary& commentary, const SourceManager& sources);

// The JSON report (schema "attain/results/v1"). `diagnostics` are the warnings of the
// run, included so machine readers see them too.
std::string render_json(const Results& results, const Commentary& commentary, const SourceManager& sources,
                        const std::vector<Diagnostic>& diagnostics);

}  // namespace attain

namespace attain {

// Batch mode's summary across datasets (attain/summary.hpp) as text in the words of
// `language`: how many datasets were evaluated, naming those that were not, then per
// indicator or family its name, id and number of units, and the units per verdict in
// the order of the report's own summary ("2 enheter: 1 uppfyllt, 1 ej uppfyllt.").
std::string render_summary_text(const Summary& summary, Language language = Language::sv);

// The same as JSON, schema "attain/summary/v1" (docs/json-summary.md): the datasets
// evaluated and not evaluated, and per line id, name, kind, members, total and one count
// per verdict (all ten keys, in Verdict order).
std::string render_summary_json(const Summary& summary);

}  // namespace attain

namespace attain {

enum class DiagnosticFormat { text, json, sarif };

// Every diagnostic of a run for a machine reader: a JSON array ("attain/diagnostics/v1"
// objects with code, severity, message, location, notes) or a SARIF 2.1.0 log with one
// result per diagnostic, for editors and code scanning. `text` is render_diagnostic's
// compiler style, one after the other.
std::string render_diagnostics(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                               DiagnosticFormat format, bool color = false);

// Documents of render_diagnostics in one `format`, made one after the other (batch mode:
// the rules' diagnostics, then each dataset's, each with its own SourceManager), joined
// into one: text as it is, one after the other; a JSON array of every diagnostic in
// order; a SARIF log with one run holding every result in order and each rule once.
std::string join_diagnostics(const std::vector<std::string>& documents, DiagnosticFormat format);

}  // namespace attain

namespace attain {

// `evaluate test`: a PASS or FAIL line per test; under a failure each unmet expectation
// with its file:line:col, what was expected and what came out (and the result's
// commentary), or the errors that kept the rules from being evaluated; then
// "N passed, N failed".
std::string render_test_report(const TestReport& report, const SourceManager& sources, bool color = false);

}  // namespace attain

namespace attain {

enum class CatalogueFormat { text, markdown, json };

// `evaluate list`: the catalogue of a checked rule set for auditors: every area, goal
// and objective with its roll-up policy, every indicator with its target, direction,
// unit and data reference (or expression), every budget and data check, each with its
// file:line. JSON has the schema "attain/catalogue/v1" and the SHA-256 of each file.
std::string render_catalogue(const RuleSet& rules, const SourceManager& sources, CatalogueFormat format,
                             Language language = Language::sv);

}  // namespace attain

namespace attain {

// `evaluate explain ID`: the audit trail of one result (an indicator, a budget line, a
// breakdown "indicator.row" or a data-check result): the rule's source with file:line,
// every dataset cell read (text as written, file:line:col), each computation step, the
// comparison, the verdict, the trend and why the commentary reads as it does; as text or
// JSON ("attain/explain/v1"). nullopt when no result has the id; `known` then holds
// every id there is.
std::optional<std::string> render_explanation(const RuleSet& rules, const Results& results,
                                              const Commentary& commentary, const SourceManager& sources,
                                              std::string_view id, bool json,
                                              std::vector<std::string>& known);

}  // namespace attain
