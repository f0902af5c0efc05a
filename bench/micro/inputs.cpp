#include "inputs.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "attain/parse.hpp"

namespace attain::bench {

Inputs& Inputs::of(const Case& input) {
  static std::map<std::string, std::unique_ptr<Inputs>> cache;
  std::unique_ptr<Inputs>& slot = cache[input.name];
  if (!slot) slot.reset(new Inputs(input));
  return *slot;
}

bool Inputs::stop(const std::string& stage, const DiagnosticSink& sink) {
  return stop(first_error(stage, sink, sources_));
}

bool Inputs::stop(std::string why) {
  failure_ = fmt::format("{} (while preparing '{}')", why, case_.name);
  return false;
}

bool Inputs::read() {
  if (read_) return *read_;
  read_ = false;
  DiagnosticSink sink;
  if (!case_.rule_paths.empty()) {
    rule_files_ = load_rule_files(case_.rule_paths, sources_, sink);
    if (sink.has_errors()) return stop("reading the rules", sink);
    if (rule_files_.empty()) return stop("reading the rules failed: no .rules file found");
    for (const SourceFile* file : rule_files_) rule_bytes_ += file->text().size();
  }
  std::string error;
  std::optional<std::string> text = read_file(case_.dataset_path, error);
  if (!text) return stop(fmt::format("reading the dataset failed: {}: {}", case_.dataset_path, error));
  dataset_file_ = &sources_.add(case_.dataset_path, std::move(*text));
  read_ = true;
  return true;
}

bool Inputs::checked() {
  if (checked_) return *checked_;
  checked_ = false;
  if (!read()) return false;
  DiagnosticSink sink;
  for (const SourceFile* file : rule_files_) {
    std::optional<ast::RuleFile> parsed = parse_rules(*file, sink);
    if (!parsed || sink.has_errors()) return stop("parse", sink);
    parsed_.push_back(std::move(*parsed));
  }
  rules_ = check_rules(parsed_, sink);
  if (sink.has_errors()) return stop("check", sink);
  checked_ = true;
  return true;
}

bool Inputs::loaded() {
  if (loaded_) return *loaded_;
  loaded_ = false;
  if (!read()) return false;
  DiagnosticSink sink;
  dataset_ = load_dataset(*dataset_file_, sink);
  if (!dataset_ || sink.has_errors()) return stop("load", sink);
  loaded_ = true;
  return true;
}

bool Inputs::evaluated() {
  if (evaluated_) return *evaluated_;
  evaluated_ = false;
  if (!checked() || !loaded()) return false;
  DiagnosticSink sink;
  results_ = evaluate(rules_, *dataset_, sink);
  if (!results_ || sink.has_errors()) return stop("evaluate", sink);
  warnings_ = sink.diagnostics();
  commentary_ = write_commentary(*results_);
  evaluated_ = true;
  return true;
}

std::size_t Inputs::result_count() const {
  return results_->items.size() + results_->checks.size();
}

std::string first_error(const std::string& stage, const DiagnosticSink& sink, const SourceManager& sources) {
  const std::size_t errors = sink.error_count();
  for (const Diagnostic& d : sink.diagnostics()) {
    if (d.severity != Severity::error) continue;
    std::string text = render_diagnostic(d, sources, false);
    if (const std::size_t eol = text.find('\n'); eol != std::string::npos) text.resize(eol);
    if (errors > 1) text += fmt::format(" (and {} more errors)", errors - 1);
    return fmt::format("{} failed: {}", stage, text);
  }
  // A stage that returned nothing without reporting why breaks its own contract.
  return fmt::format("{} failed without reporting an error", stage);
}

namespace {
std::set<std::string>& failed() {
  static std::set<std::string> names;
  return names;
}
}  // namespace

void fail(benchmark::State& state, const std::string& benchmark, const std::string& why) {
  state.SkipWithError(why.c_str());
  if (failed().insert(benchmark).second)
    std::fprintf(stderr, "attain_bench: FAILED %s: %s\n", benchmark.c_str(), why.c_str());
}

void skip(benchmark::State& state, const std::string& benchmark, const std::string& why) {
  const std::string text = "skipped: " + why;
  state.SkipWithError(text.c_str());
  std::fprintf(stderr, "attain_bench: skipped %s: %s\n", benchmark.c_str(), why.c_str());
}

std::size_t failure_count() {
  return failed().size();
}

}  // namespace attain::bench
