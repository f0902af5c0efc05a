// libFuzzer target: any bytes as a dataset, through the loader, read both as YAML and as
// JSON (a .json name selects simdjson); what loads is evaluated against the seed's rules,
// with commentary and every report format (docs/fuzzing.md). As JSON it is also read
// whole, never a table at a time: both readings must give the same dataset and messages.

#include <cstddef>
#include <cstdint>
#include <string>

#include "attain/dataset.hpp"
#include "attain/diagnostic.hpp"
#include "attain/evaluate.hpp"
#include "dataset_builder.hpp"
#include "fuzz_common.hpp"

namespace {

// What a load gave, as text: the messages, and each figure with its place.
std::string outcome(const std::optional<attain::Dataset>& d, const attain::DiagnosticSink& sink,
                    const attain::SourceManager& sources) {
  std::string out;
  for (const attain::Diagnostic& m : sink.diagnostics()) out += attain::render_diagnostic(m, sources, false);
  if (!d) return out + "no dataset\n";
  for (const attain::Table& t : d->tables) {
    out += t.id + "\n";
    const auto rows = [&](const auto& self, const std::vector<attain::Row>& list) -> void {
      for (const attain::Row& r : list) {
        out += r.id + " " + r.label + "\n";
        for (const attain::Value& v : t.values(r))
          out += v.text + " " + std::to_string(v.span.begin) + "-" + std::to_string(v.span.end) + "\n";
        self(self, r.rows);
      }
    };
    rows(rows, t.rows);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace attain;
  const fuzz::Seed& seed = fuzz::seed();
  for (const char* name : {"fuzz.yaml", "fuzz.json"}) {
    SourceManager sources = fuzz::sources_with_seed();
    DiagnosticSink sink;
    const SourceFile& file = sources.add(name, std::string(reinterpret_cast<const char*>(data), size));
    const std::optional<Dataset> dataset = load_dataset(file, sink);
    for (const Diagnostic& d : sink.diagnostics()) fuzz::use(render_diagnostic(d, sources, false));
    fuzz::require(dataset.has_value() != sink.has_errors(),
                  "a dataset loaded with errors, or failed without one");
    if (!dataset) continue;
    DiagnosticSink run_sink;
    if (auto results = evaluate(seed.rules, *dataset, run_sink)) fuzz::render_all(*results, sources);
    for (const Diagnostic& d : run_sink.diagnostics()) fuzz::use(render_diagnostic(d, sources, false));
  }
  {
    std::string readings[2];
    for (int whole = 0; whole < 2; ++whole) {
      SourceManager sources;
      DiagnosticSink sink;
      const SourceFile& file =
          sources.add("fuzz.json", std::string(reinterpret_cast<const char*>(data), size));
      const auto dataset = detail::load_json_dataset(
          file, sink, whole ? detail::JsonReading::whole : detail::JsonReading::split_when_plain);
      readings[whole] = outcome(dataset, sink, sources);
    }
    fuzz::require(readings[0] == readings[1], "JSON read a table at a time differs from JSON read whole");
  }
  return 0;
}
