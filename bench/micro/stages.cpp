#include "stages.hpp"

#include <fmt/core.h>

#include <exception>
#include <functional>
#include <string>
#include <utility>

#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "attain/parse.hpp"
#include "attain/render.hpp"
#include "attain/summary.hpp"

// Every timed loop makes a fresh DiagnosticSink, runs one stage and checks that it
// succeeded (a result, and no error in the sink) before the next iteration: a stage that
// fails ends the benchmark with fail() instead of timing its error path. Warnings (the
// seed has one, W0303) are part of the work and do not fail a benchmark. Every output is
// destroyed inside the loop, so its destruction is timed as part of the stage.

namespace attain::bench {
namespace {

using Body = std::function<void(benchmark::State&, const std::string& name, Inputs&)>;

void add(const std::string& stage, const Case& input, Body body) {
  const std::string name = stage + "/" + input.name;
  benchmark::RegisterBenchmark(name.c_str(), [name, input, body = std::move(body)](benchmark::State& state) {
    try {
      body(state, name, Inputs::of(input));
    } catch (const std::exception& e) {
      fail(state, name, fmt::format("internal error: {}", e.what()));
    }
  })->Unit(benchmark::kMicrosecond);
}

template <typename T>
double count(T n) {
  return static_cast<double>(n);
}

void set_items(benchmark::State& state, std::size_t items) {
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(items));
  state.counters["items"] = count(items);
}

void set_bytes(benchmark::State& state, std::size_t bytes) {
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
  state.counters["bytes"] = count(bytes);
}

// Rule text -> syntax trees, every file of the case. bytes/s of rule text.
void parse(benchmark::State& state, const std::string& name, Inputs& in) {
  if (!in.read()) return fail(state, name, in.failure());
  for (auto _ : state) {
    DiagnosticSink sink;
    bool ok = true;
    for (const SourceFile* file : in.rule_files()) {
      std::optional<ast::RuleFile> parsed = parse_rules(*file, sink);
      benchmark::DoNotOptimize(parsed);
      if (!parsed || sink.has_errors()) {
        ok = false;
        break;
      }
    }
    if (!ok) {
      fail(state, name, first_error("parse", sink, in.sources()));
      break;
    }
  }
  if (state.error_occurred()) return;
  set_bytes(state, in.rule_bytes());
  state.counters["files"] = count(in.rule_files().size());
}

// Syntax trees -> one RuleSet. items/s: indicators, budgets and data checks.
void check(benchmark::State& state, const std::string& name, Inputs& in) {
  if (!in.checked()) return fail(state, name, in.failure());
  for (auto _ : state) {
    DiagnosticSink sink;
    RuleSet rules = check_rules(in.parsed(), sink);
    benchmark::DoNotOptimize(rules);
    if (sink.has_errors()) {
      fail(state, name, first_error("check", sink, in.sources()));
      break;
    }
  }
  if (state.error_occurred()) return;
  set_items(state, in.rules().items.size() + in.rules().checks.size());
}

// Dataset text -> Dataset. bytes/s of dataset text. With `reject_is_skip`, a dataset
// the loader rejects skips the benchmark instead of failing it.
void load(benchmark::State& state, const std::string& name, Inputs& in, bool reject_is_skip) {
  if (!in.read()) return fail(state, name, in.failure());
  if (!in.loaded()) return (reject_is_skip ? skip : fail)(state, name, in.failure());
  for (auto _ : state) {
    DiagnosticSink sink;
    std::optional<Dataset> dataset = load_dataset(in.dataset_file(), sink);
    benchmark::DoNotOptimize(dataset);
    if (!dataset || sink.has_errors()) {
      fail(state, name, first_error("load", sink, in.sources()));
      break;
    }
  }
  if (state.error_occurred()) return;
  set_bytes(state, in.dataset_file().text().size());
}

// The yardstick for load/CASE on YAML: yaml-cpp's own event parser over the same text
// with a handler that does nothing (issue 7: loading stays within 1.3x of it). bytes/s.
class NoEvents : public YAML::EventHandler {
 public:
  std::size_t nodes = 0;
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++nodes; }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++nodes; }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {
    ++nodes;
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    ++nodes;
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    ++nodes;
  }
  void OnMapEnd() override {}
};

void yaml_cpp_events(benchmark::State& state, const std::string& name, Inputs& in) {
  if (!in.read()) return fail(state, name, in.failure());
  const std::string& text = in.dataset_file().text();
  for (auto _ : state) {
    std::istringstream stream(text);
    YAML::Parser parser(stream);
    NoEvents events;
    try {
      parser.HandleNextDocument(events);
    } catch (const YAML::Exception& e) {
      fail(state, name, e.what());
      break;
    }
    benchmark::DoNotOptimize(events.nodes);
  }
  if (state.error_occurred()) return;
  set_bytes(state, text.size());
}

// RuleSet + Dataset -> Results. items/s: Results::items + Results::checks.
void evaluate_stage(benchmark::State& state, const std::string& name, Inputs& in) {
  if (!in.evaluated()) return fail(state, name, in.failure());
  for (auto _ : state) {
    DiagnosticSink sink;
    std::optional<Results> results = evaluate(in.rules(), in.dataset(), sink);
    benchmark::DoNotOptimize(results);
    if (!results || sink.has_errors()) {
      fail(state, name, first_error("evaluate", sink, in.sources()));
      break;
    }
  }
  if (state.error_occurred()) return;
  set_items(state, in.result_count());
}

// RuleSet + Dataset -> verdicts counted into a Summary, on one thread: what `--summary`
// does after loading. items/s: indicators counted (each family member one).
void verdicts(benchmark::State& state, const std::string& name, Inputs& in) {
  if (!in.evaluated()) return fail(state, name, in.failure());
  std::size_t counted = 0;
  for (auto _ : state) {
    DiagnosticSink sink;
    SummaryBuilder builder("bench");
    counted = 0;
    const RuleSet& rules = in.rules();
    const bool ok = evaluate_verdicts(rules, in.dataset(), sink,
                                      [&](std::size_t, std::size_t item, Verdict verdict) {
                                        builder.add(rules.indicators[rules.items[item].index], verdict);
                                        ++counted;
                                      },
                                      {.series = false});
    Summary summary = builder.take();
    benchmark::DoNotOptimize(summary);
    if (!ok || sink.has_errors()) {
      fail(state, name, first_error("evaluate_verdicts", sink, in.sources()));
      break;
    }
  }
  if (state.error_occurred()) return;
  set_items(state, counted);
}

// Results -> Commentary (Swedish). It never fails; a sentence per result is checked.
void commentary(benchmark::State& state, const std::string& name, Inputs& in) {
  if (!in.evaluated()) return fail(state, name, in.failure());
  for (auto _ : state) {
    Commentary written = write_commentary(in.results());
    benchmark::DoNotOptimize(written);
    if (written.items.size() != in.results().items.size() ||
        written.checks.size() != in.results().checks.size()) {
      fail(state, name, "commentary failed: not one sentence per result");
      break;
    }
  }
  if (state.error_occurred()) return;
  set_items(state, in.result_count());
}

enum class Format { text, json, markdown, html };

std::string render(Format format, const Inputs& in) {
  switch (format) {
    case Format::text:
      return render_text(in.results(), in.commentary(), in.sources(), RenderOptions{});
    case Format::json:
      return render_json(in.results(), in.commentary(), in.sources(), in.warnings());
    case Format::markdown:
      return render_markdown(in.results(), in.commentary(), in.sources());
    case Format::html:
      return render_html(in.results(), in.commentary(), in.sources());
  }
  return {};
}

// Results + Commentary -> report text. items/s, and bytes/s of output.
void render_stage(benchmark::State& state, const std::string& name, Inputs& in, Format format) {
  if (!in.evaluated()) return fail(state, name, in.failure());
  std::size_t output = 0;
  for (auto _ : state) {
    std::string report = render(format, in);
    benchmark::DoNotOptimize(report);
    if (report.empty()) {
      fail(state, name, "render failed: empty report");
      break;
    }
    output = report.size();
  }
  if (state.error_occurred()) return;
  set_items(state, in.result_count());
  set_bytes(state, output);
}

// What `evaluate RULES DATASET` does, without printing: read the files, parse, check,
// load, evaluate, write the commentary, render the text report. Returns the report, or
// nothing when a stage failed (reported to `sink`).
std::optional<std::string> run_pipeline(const Case& input, SourceManager& sources, DiagnosticSink& sink) {
  std::vector<ast::RuleFile> parsed;
  for (const SourceFile* file : load_rule_files(input.rule_paths, sources, sink)) {
    std::optional<ast::RuleFile> rules = parse_rules(*file, sink);
    if (!rules) return std::nullopt;
    parsed.push_back(std::move(*rules));
  }
  const RuleSet rules = check_rules(parsed, sink);
  std::string error;
  std::optional<std::string> text = read_file(input.dataset_path, error);
  if (!text) {
    sink.error("E0001", std::nullopt, fmt::format("cannot read dataset: {}", error)).path =
        input.dataset_path;
    return std::nullopt;
  }
  const std::optional<Dataset> dataset =
      load_dataset(sources.add(input.dataset_path, std::move(*text)), sink);
  if (!dataset || sink.has_errors()) return std::nullopt;
  const std::optional<Results> results = evaluate(rules, *dataset, sink);
  if (!results || sink.has_errors()) return std::nullopt;
  return render_text(*results, write_commentary(*results), sources, RenderOptions{});
}

// Files on disk -> text report. bytes/s of input (rules + dataset), items/s of results.
void end_to_end(benchmark::State& state, const std::string& name, Inputs& in) {
  if (!in.evaluated()) return fail(state, name, in.failure());
  for (auto _ : state) {
    SourceManager sources;
    DiagnosticSink sink;
    std::optional<std::string> report = run_pipeline(in.input(), sources, sink);
    benchmark::DoNotOptimize(report);
    if (!report || report->empty() || sink.has_errors()) {
      fail(state, name, first_error("end to end", sink, sources));
      break;
    }
  }
  if (state.error_occurred()) return;
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(in.rule_bytes() + in.dataset_file().text().size()));
  set_items(state, in.result_count());
}

}  // namespace

void register_pipeline(const Case& input) {
  add("parse", input, parse);
  add("check", input, check);
  add("load", input,
      [](benchmark::State& state, const std::string& name, Inputs& in) { load(state, name, in, false); });
  if (!is_json_dataset(input.dataset_path)) add("yaml_cpp_events", input, yaml_cpp_events);
  add("evaluate", input, evaluate_stage);
  add("verdicts", input, verdicts);
  add("commentary", input, commentary);
  const std::pair<const char*, Format> formats[] = {
      {"render_text", Format::text},
      {"render_json", Format::json},
      {"render_markdown", Format::markdown},
      {"render_html", Format::html},
  };
  for (const auto& [stage, format] : formats) {
    add(stage, input, [format](benchmark::State& state, const std::string& name, Inputs& in) {
      render_stage(state, name, in, format);
    });
  }
  add("end_to_end", input, end_to_end);
}

void register_load_only(const Case& input) {
  add("load", input,
      [](benchmark::State& state, const std::string& name, Inputs& in) { load(state, name, in, true); });
}

}  // namespace attain::bench
