// The `evaluate` program: parses the command line, runs the stages in order, renders
// diagnostics and picks the exit code (docs/cli.md). It computes nothing itself.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "attain/check.hpp"
#include "attain/commentary.hpp"
#include "attain/dataset.hpp"
#include "attain/diagnostic.hpp"
#include "attain/evaluate.hpp"
#include "attain/parse.hpp"
#include "attain/render.hpp"
#include "attain/source.hpp"
#include "attain/version.hpp"

namespace {

// The exit-code contract, documented in docs/cli.md.
enum Exit : int {
  success = 0,
  rule_error = 2,
  data_error = 3,
  output_error = 4,
  usage_error = 64,
  internal_error = 70,
};

struct Options {
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string output;
  std::string color = "auto";
};

bool is_dataset_path(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  return ext == ".yaml" || ext == ".yml";
}

bool use_color(const std::string& mode, int fd) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return ::isatty(fd) == 1;
}

int usage(const std::string& message) {
  std::cerr << "evaluate: " << message << "\nRun with --help for more information.\n";
  return usage_error;
}

class Run {
 public:
  explicit Run(const Options& options) : options_(options) {}

  int operator()() {
    std::vector<std::string> rule_paths;
    std::vector<std::string> dataset_paths;
    for (const std::string& input : options_.inputs) {
      (is_dataset_path(input) ? dataset_paths : rule_paths).push_back(input);
    }
    if (dataset_paths.size() != 1) {
      return usage(dataset_paths.empty() ? "no dataset given: name one .yaml file"
                                         : "more than one dataset given: name exactly one .yaml file");
    }
    if (rule_paths.empty()) return usage("no rules given: name .rules files or a directory of them");
    // Rules: every file is parsed even when an earlier one has errors.
    std::vector<attain::ast::RuleFile> parsed;
    for (const attain::SourceFile* file : attain::load_rule_files(rule_paths, sources_, sink_)) {
      if (auto tree = attain::parse_rules(*file, sink_)) parsed.push_back(std::move(*tree));
    }
    const attain::RuleSet rules = attain::check_rules(parsed, sink_);
    const bool rules_ok = !sink_.has_errors();

    // Dataset.
    const std::size_t errors_before_data = sink_.error_count();
    std::optional<attain::Dataset> dataset;
    std::string read_error;
    if (auto text = attain::read_file(dataset_paths[0], read_error)) {
      dataset = attain::load_dataset(sources_.add(dataset_paths[0], std::move(*text)), sink_);
    } else {
      attain::Diagnostic& d =
          sink_.error("E0001", std::nullopt, fmt::format("cannot read dataset: {}", read_error));
      d.path = dataset_paths[0];
    }
    if (!dataset || sink_.error_count() != errors_before_data) {
      return finish(rules_ok ? data_error : rule_error);
    }

    // Evaluate even after rule errors, to report unknown dataset references as well;
    // results from a rule set with errors are never shown.
    auto results = attain::evaluate(rules, *dataset, sink_);
    if (!rules_ok || !results) return finish(rule_error);
    const attain::Commentary commentary = attain::write_commentary(*results);

    std::string report;
    if (options_.format == "json") {
      report = attain::render_json(*results, commentary, sources_, sink_.diagnostics());
    } else {
      const bool color = options_.output.empty() && use_color(options_.color, STDOUT_FILENO);
      report = attain::render_text(*results, commentary, sources_, attain::RenderOptions{color});
    }
    print_diagnostics();
    if (options_.output.empty()) {
      std::cout << report << std::flush;
      if (!std::cout) {
        std::cerr << "evaluate: error: cannot write the report to standard output\n";
        return output_error;
      }
      return success;
    }
    // Never write over a file this run read, named directly or found in a directory.
    for (attain::FileId id = 0; id < sources_.size(); ++id) {
      const std::string& input = sources_.file(id).path();
      std::error_code ec;
      if (std::filesystem::equivalent(input, options_.output, ec)) {
        return usage(fmt::format("refusing to write the report over the input '{}'", input));
      }
    }
    std::string error;
    if (!attain::write_file_atomically(options_.output, report, error)) {
      std::cerr << fmt::format("evaluate: error: cannot write '{}': {}\n", options_.output, error);
      return output_error;
    }
    return success;
  }

 private:
  void print_diagnostics() {
    const bool color = use_color(options_.color, STDERR_FILENO);
    for (const attain::Diagnostic& d : sink_.diagnostics()) {
      std::cerr << attain::render_diagnostic(d, sources_, color);
    }
  }

  int finish(int code) {
    print_diagnostics();
    const std::size_t errors = sink_.error_count();
    const std::size_t warnings = sink_.warning_count();
    std::cerr << fmt::format(
        "evaluate: {} error{}{}; no report written\n", errors, errors == 1 ? "" : "s",
        warnings ? fmt::format(", {} warning{}", warnings, warnings == 1 ? "" : "s") : "");
    return code;
  }

  const Options& options_;
  attain::SourceManager sources_;
  attain::DiagnosticSink sink_;
};

}  // namespace

int main(int argc, char** argv) {
  try {
    Options options;
    CLI::App app{
        "attain: attainment verdicts and commentary for municipal performance reports.\n"
        "Reads rule files (*.rules, or directories of them) and one dataset (*.yaml).",
        "evaluate"};
    app.set_version_flag("--version", fmt::format("evaluate (attain) {}", attain::version));
    app.add_option("inputs", options.inputs, "Rule files or directories, and one dataset (.yaml)")
        ->required()
        ->type_name("RULES... DATASET");
    app.add_option("-f,--format", options.format, "Output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    app.add_option("-o,--output", options.output, "Write the report to FILE (atomically) instead of stdout")
        ->type_name("FILE");
    app.add_option("--color", options.color,
                   "Colour in terminal output: auto honours NO_COLOR and non-terminals")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    app.footer(
        "Exit codes: 0 report written, 2 error in the rules, 3 error in the dataset,\n"
        "4 report could not be written, 64 usage error, 70 internal error.\n"
        "Documentation: docs/cli.md");
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
      return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
      return app.exit(e);
    } catch (const CLI::ParseError& e) {
      return usage(e.what());
    }
    return Run(options)();
  } catch (const std::exception& e) {
    std::cerr << "evaluate: internal error (please report): " << e.what() << "\n";
    return internal_error;
  } catch (...) {
    std::cerr << "evaluate: internal error (please report): unknown exception\n";
    return internal_error;
  }
}
