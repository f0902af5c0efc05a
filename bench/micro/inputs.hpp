#pragma once
// What the benchmarks run on: an input case (rule paths and one dataset, as given to
// `evaluate`), taken through the stages once outside the timed loops so that each
// benchmark starts from the real output of the stage before it; and how a benchmark
// fails when a stage reports an error (a timing of an error path is worse than none).

#include <benchmark/benchmark.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "attain/ast.hpp"
#include "attain/check.hpp"
#include "attain/commentary.hpp"
#include "attain/dataset.hpp"
#include "attain/diagnostic.hpp"
#include "attain/evaluate.hpp"
#include "attain/source.hpp"

namespace attain::bench {

// One input: rule files or directories (a directory gives every *.rules below it, as
// on the command line) and one dataset file.
struct Case {
  std::string name;  // "seed", "national", "unit", "national.json": the benchmark name's suffix
  std::vector<std::string> rule_paths;
  std::string dataset_path;
};

// The case's inputs, read and taken through the stages on first use and kept for the
// whole process. Each step runs at most once; it returns false, with failure() saying
// which stage failed and its first error, when it or a step it needs failed.
class Inputs {
 public:
  // The one Inputs of a case (by name), made on first use.
  static Inputs& of(const Case& input);

  bool read();       // the rule files and the dataset's text, into sources()
  bool checked();    // read + parse_rules per file + check_rules
  bool loaded();     // read + load_dataset
  bool evaluated();  // checked + loaded + evaluate + write_commentary

  const Case& input() const { return case_; }
  const std::string& failure() const { return failure_; }
  const SourceManager& sources() const { return sources_; }
  const std::vector<const SourceFile*>& rule_files() const { return rule_files_; }
  std::size_t rule_bytes() const { return rule_bytes_; }
  const SourceFile& dataset_file() const { return *dataset_file_; }
  const std::vector<ast::RuleFile>& parsed() const { return parsed_; }
  const RuleSet& rules() const { return rules_; }
  const Dataset& dataset() const { return *dataset_; }
  const Results& results() const { return *results_; }
  const Commentary& commentary() const { return commentary_; }
  // The evaluation's warnings, which the JSON report includes (as the CLI passes them).
  const std::vector<Diagnostic>& warnings() const { return warnings_; }
  // What one evaluation produces: Results::items (indicators, budget lines) + Results::checks.
  std::size_t result_count() const;

 private:
  explicit Inputs(Case input) : case_(std::move(input)) {}
  bool stop(const std::string& stage, const DiagnosticSink& sink);
  bool stop(std::string why);

  Case case_;
  std::string failure_;
  SourceManager sources_;
  std::vector<const SourceFile*> rule_files_;
  std::size_t rule_bytes_ = 0;
  const SourceFile* dataset_file_ = nullptr;
  std::vector<ast::RuleFile> parsed_;
  RuleSet rules_;
  std::optional<Dataset> dataset_;
  std::optional<Results> results_;
  std::vector<Diagnostic> warnings_;
  Commentary commentary_;
  std::optional<bool> read_, checked_, loaded_, evaluated_;
};

// "STAGE failed: FILE:LINE:COL: error[CODE]: MESSAGE (and N more errors)", the first
// error the sink holds, for a benchmark's error message. Empty when there is none.
std::string first_error(const std::string& stage, const DiagnosticSink& sink, const SourceManager& sources);

// Marks a benchmark as failed: SkipWithError with `why` (shown in its row of the table),
// a line on stderr, and a non-zero exit status of attain_bench. The caller then leaves
// the timed loop (break) and the benchmark function.
void fail(benchmark::State& state, const std::string& benchmark, const std::string& why);

// Marks a benchmark as skipped for a reason that is not a failure (an input the engine
// does not read yet): SkipWithError with "skipped: ...", but the exit status stays 0.
void skip(benchmark::State& state, const std::string& benchmark, const std::string& why);

// How many benchmarks failed (fail() was called for them).
std::size_t failure_count();

}  // namespace attain::bench
