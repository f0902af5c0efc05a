// libFuzzer target: any bytes as a rule file, through every stage that reads rules: the
// parser, the checker, the formatter (whose output must be proven and idempotent), the
// rule tests in the file, and an evaluation against the seed dataset. A crash, a
// sanitizer report, a hang or a broken formatter invariant is a finding (docs/fuzzing.md).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "attain/check.hpp"
#include "attain/commentary.hpp"
#include "attain/dataset.hpp"
#include "attain/diagnostic.hpp"
#include "attain/evaluate.hpp"
#include "attain/format.hpp"
#include "attain/parse.hpp"
#include "attain/render.hpp"
#include "attain/rule_test.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace attain;
  SourceManager sources = fuzz::sources_with_seed();
  DiagnosticSink sink;
  const SourceFile& file = sources.add("fuzz.rules", std::string(reinterpret_cast<const char*>(data), size));
  std::vector<ast::RuleFile> files;
  files.push_back(parse_rules_recovering(file, sink));
  const RuleSet rules = check_rules(files, sink);
  for (const Diagnostic& d : sink.diagnostics()) fuzz::use(render_diagnostic(d, sources, true));
  fuzz::use(describe(rules));

  // The formatter: never E0003 (its proof failing is a formatter bug), and idempotent.
  DiagnosticSink format_sink;
  if (const auto formatted = format_rules(file, format_sink)) {
    const SourceFile& again = sources.add("fuzz-formatted.rules", *formatted);
    DiagnosticSink again_sink;
    const auto twice = format_rules(again, again_sink);
    fuzz::require(twice && *twice == *formatted, "fmt is not idempotent");
  }
  for (const Diagnostic& d : format_sink.diagnostics())
    fuzz::require(d.code != "E0003", "fmt failed its proof");

  if (sink.has_errors()) return 0;
  fuzz::use(render_test_report(run_rule_tests(rules), sources));
  const fuzz::Seed& seed = fuzz::seed();
  DiagnosticSink run_sink;
  if (auto results = evaluate(rules, seed.dataset, run_sink)) {
    fuzz::render_all(*results, sources);
  }
  return 0;
}
