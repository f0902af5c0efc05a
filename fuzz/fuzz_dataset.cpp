// libFuzzer target: any bytes as a dataset, through the loader, read both as YAML and as
// JSON (a .json name selects simdjson); what loads is evaluated against the seed's rules,
// with commentary and every report format (docs/fuzzing.md).

#include <cstddef>
#include <cstdint>
#include <string>

#include "attain/dataset.hpp"
#include "attain/diagnostic.hpp"
#include "attain/evaluate.hpp"
#include "fuzz_common.hpp"

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
  return 0;
}
