// The `evaluate` program: parses the command line, runs the stages in order, renders
// diagnostics and picks the exit code (docs/cli.md). It computes nothing itself.

#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <stop_token>
#include <thread>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "attain/check.hpp"
#include "attain/commentary.hpp"
#include "attain/dataset.hpp"
#include "attain/diagnostic.hpp"
#include "attain/diff.hpp"
#include "attain/evaluate.hpp"
#include "attain/format.hpp"
#include "attain/parse.hpp"
#include "attain/render.hpp"
#include "attain/rule_test.hpp"
#include "attain/source.hpp"
#include "attain/summary.hpp"
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
  std::string diagnostics = "text";
  std::vector<std::string> fail_on;  // verdicts and check outcomes that make exit code 1
  std::string lang = "sv";           // the language of commentary and headings
  int jobs = 0;                      // batch mode: datasets evaluated at once; 0: one per core
  bool summary = false;              // batch mode even for one dataset (docs/cli.md#batch-mode)
  // evaluate check
  std::vector<std::string> check_rules;
  std::string check_data;
  bool strict = false;
  // evaluate fmt
  std::vector<std::string> fmt_rules;
  bool fmt_check = false;
  bool fmt_write = false;
  // evaluate test
  std::vector<std::string> test_rules;
  // evaluate explain
  std::string explain_id;
  std::vector<std::string> explain_inputs;
  std::string explain_format = "text";
  // evaluate diff
  std::vector<std::string> diff_inputs;
  std::string diff_format = "text";
  // evaluate list
  std::vector<std::string> list_rules;
  std::string list_format = "text";
};

// The exit code of the default run when a result has a verdict named in --fail-on; of
// `evaluate check`: 1 for warnings only under --strict; of `evaluate
// fmt --check`: 1 when a file is not in the canonical layout.
constexpr int verdicts_failed = 1;
constexpr int warnings_found = 1;
constexpr int not_formatted = 1;
// ... and of `evaluate test`: 1 when a rule test failed.
constexpr int tests_failed = 1;

// Batch mode with -o DIR: the threads that write the reports (each write mostly waits for
// the disk), and how many rendered reports may wait for them before a worker waits.
constexpr std::size_t report_writers = 4;
constexpr std::size_t write_queue = 8;

// A dataset is a .yaml, .yml or .json file (the loader reads them all; docs/datasets.md).
bool is_dataset_path(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  return ext == ".yaml" || ext == ".yml" || attain::is_json_dataset(path);
}

// What a directory argument of the default run stands for, from the files below it
// (recursively, as for rule directories): datasets when it holds dataset files and no
// rule file, both (a usage error) when it holds both, rules otherwise; an empty or
// unreadable directory is a rule directory, so that E0002 or E0001 says what is wrong.
struct DirectoryContents {
  std::size_t rule_files = 0;
  std::vector<std::string> datasets;  // sorted by path
  bool holds_datasets() const { return rule_files == 0 && !datasets.empty(); }
  bool holds_both() const { return rule_files > 0 && !datasets.empty(); }
};

DirectoryContents directory_contents(const std::string& path) {
  namespace fs = std::filesystem;
  DirectoryContents out;
  std::error_code ec;
  fs::recursive_directory_iterator it(path, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string file = it->path().generic_string();
    if (it->path().extension() == ".rules") {
      ++out.rule_files;
    } else if (is_dataset_path(file)) {
      out.datasets.push_back(file);
    }
  }
  if (ec) return {};  // a rule directory: load_rule_files reports why it cannot be read
  std::sort(out.datasets.begin(), out.datasets.end());
  return out;
}

// The positional arguments of the default run, split into rule paths and datasets.
struct Inputs {
  std::vector<std::string> rules;     // rule files and directories, in command-line order
  std::vector<std::string> datasets;  // dataset files, a directory's in its place sorted by path
  bool batch = false;  // more than one dataset argument, or a directory of datasets (docs/cli.md)
};

// Splits `args`; a usage error's message when a directory holds both rules and datasets.
std::optional<std::string> split_inputs(const std::vector<std::string>& args, Inputs& out) {
  std::size_t dataset_args = 0;
  for (const std::string& arg : args) {
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec)) {
      DirectoryContents contents = directory_contents(arg);
      if (contents.holds_both()) {
        return fmt::format(
            "'{}' holds both rule files and datasets: name the rules and the datasets (or their "
            "directories) separately",
            attain::terminal_safe(arg));
      }
      if (contents.holds_datasets()) {
        out.batch = true;
        ++dataset_args;
        out.datasets.insert(out.datasets.end(), contents.datasets.begin(), contents.datasets.end());
        continue;
      }
    } else if (is_dataset_path(arg)) {
      ++dataset_args;
      out.datasets.push_back(arg);
      continue;
    }
    out.rules.push_back(arg);
  }
  if (dataset_args > 1) out.batch = true;
  // A dataset named twice (directly and through its directory, or by two spellings) is
  // evaluated once, where it first appears, as a rule file is read once.
  std::vector<std::string> unique;
  std::set<std::filesystem::path> seen;
  for (const std::string& path : out.datasets) {
    std::error_code ec;
    std::filesystem::path key = std::filesystem::weakly_canonical(path, ec);
    if (ec) key = path;
    if (seen.insert(std::move(key)).second) unique.push_back(path);
  }
  out.datasets = std::move(unique);
  return std::nullopt;
}

// The file name extension of a report in each --format, for batch mode's -o DIR.
std::string_view report_extension(const std::string& format) {
  if (format == "json") return "json";
  if (format == "markdown") return "md";
  if (format == "html") return "html";
  if (format == "junit") return "xml";
  return "txt";
}

// Batch mode's exit code is the worst of the datasets': an internal error, then an error
// in the rules, in a dataset, a report not written, a verdict named in --fail-on, success.
int worse(int a, int b) {
  const auto rank = [](int code) {
    switch (code) {
      case internal_error:
        return 5;
      case rule_error:
        return 4;
      case data_error:
        return 3;
      case output_error:
        return 2;
      case success:
        return 0;
      default:  // verdicts_failed
        return 1;
    }
  };
  return rank(b) > rank(a) ? b : a;
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
    Inputs inputs;
    if (const std::optional<std::string> error = split_inputs(options_.inputs, inputs)) return usage(*error);
    if (inputs.batch || (options_.summary && !inputs.datasets.empty())) return batch(inputs);
    int code = success;
    const std::optional<Evaluation> e = evaluate_inputs(
        options_.inputs, code, attain::language_from_name(options_.lang).value_or(attain::Language::sv));
    if (!e) return code;
    const attain::Results* results = &e->results;
    const attain::Commentary& commentary = e->commentary;

    const bool color = options_.output.empty() && use_color(options_.color, STDOUT_FILENO);
    const std::string report = render_report(*results, commentary, sources_, sink_.diagnostics(), color);
    print_diagnostics();
    int verdicts = success;
    if (const std::optional<std::string> found = fail_on(*results)) {
      std::cerr << "evaluate: " << *found << "\n";
      verdicts = verdicts_failed;
    }
    if (options_.output.empty()) {
      std::cout << report << std::flush;
      if (!std::cout) {
        std::cerr << "evaluate: error: cannot write the report to standard output\n";
        return output_error;
      }
      return verdicts;
    }
    // Never write over a file this run read, named directly or found in a directory.
    for (attain::FileId id = 0; id < sources_.size(); ++id) {
      const std::string& input = sources_.file(id).path();
      std::error_code ec;
      if (std::filesystem::equivalent(input, options_.output, ec)) {
        return usage(
            fmt::format("refusing to write the report over the input '{}'", attain::terminal_safe(input)));
      }
    }
    std::string error;
    if (!attain::write_file_atomically(options_.output, report, error)) {
      std::cerr << fmt::format("evaluate: error: cannot write '{}': {}\n",
                               attain::terminal_safe(options_.output), error);
      return output_error;
    }
    return verdicts;
  }

  // The report in the --format asked for; `diagnostics` are the warnings a JSON report
  // carries, `color` applies to text.
  std::string render_report(const attain::Results& results, const attain::Commentary& commentary,
                            const attain::SourceManager& sources,
                            const std::vector<attain::Diagnostic>& diagnostics, bool color) const {
    if (options_.format == "json") return attain::render_json(results, commentary, sources, diagnostics);
    if (options_.format == "junit") return attain::render_junit(results, commentary, sources);
    if (options_.format == "markdown") return attain::render_markdown(results, commentary, sources);
    if (options_.format == "html") return attain::render_html(results, commentary, sources);
    return attain::render_text(results, commentary, sources, attain::RenderOptions{color});
  }

  // Batch mode (docs/cli.md#batch-mode): the rules are read and checked once; then each
  // dataset is read, loaded, evaluated and rendered by one of --jobs workers, each with a
  // fork of the rules' SourceManager that is dropped with the dataset; writer threads
  // write the reports (-o DIR). The main thread prints each dataset's diagnostics in
  // dataset order and, at the end, the summary across datasets on standard output.
  int batch(const Inputs& inputs) {
    namespace fs = std::filesystem;
    if (inputs.rules.empty()) return usage("no rules given: name .rules files or a directory of them");
    const std::vector<std::string>& datasets = inputs.datasets;
    const std::size_t n = datasets.size();
    std::vector<std::string> outputs;  // with -o DIR: each dataset's report, DIR/STEM.EXT
    if (!options_.output.empty()) {
      std::error_code ec;
      if (fs::exists(options_.output, ec) && !fs::is_directory(options_.output, ec)) {
        return usage(fmt::format(
            "-o '{}' is not a directory: with several datasets, -o names the directory for their reports",
            attain::terminal_safe(options_.output)));
      }
      std::map<std::string, std::size_t> first_with_name;
      for (std::size_t i = 0; i < n; ++i) {
        const std::string name =
            fmt::format("{}.{}", fs::path(datasets[i]).stem().string(), report_extension(options_.format));
        outputs.push_back((fs::path(options_.output) / name).string());
        const auto [first, added] = first_with_name.try_emplace(name, i);
        if (!added) {
          return usage(
              fmt::format("datasets '{}' and '{}' would both be written to '{}': give them different names",
                          attain::terminal_safe(datasets[first->second]), attain::terminal_safe(datasets[i]),
                          attain::terminal_safe(outputs[i])));
        }
      }
    }

    // The rule files are read here; they are parsed and checked while the workers start
    // loading the first datasets (a national dataset takes as long to load as its rules
    // take to check). The workers wait for the checked rules before they evaluate.
    const auto rule_files = attain::load_rule_files(inputs.rules, sources_, sink_);
    files_read_ = rule_files.size();
    const attain::DiagnosticFormat format = diagnostic_format();
    const bool machine = format != attain::DiagnosticFormat::text;
    const bool color = use_color(options_.color, STDERR_FILENO);
    std::vector<std::string> documents;  // machine formats: joined into one at the end
    std::string deferred;                // machine formats: the "evaluate:" lines, after it
    const auto tell = [&](const std::string& line) {
      if (machine)
        deferred += line;
      else
        std::cerr << line;
    };

    // Never write over a file this run reads, a rule file or a dataset, also through
    // another name or a link: the same device and inode, as std::filesystem::equivalent
    // compares them, but each file looked at once (290 reports, 290 inputs).
    std::map<std::pair<dev_t, ino_t>, std::string> read;
    const auto add_read = [&](const std::string& path) {
      struct stat info {};
      if (::stat(path.c_str(), &info) == 0) read.try_emplace({info.st_dev, info.st_ino}, path);
    };
    for (attain::FileId id = 0; id < sources_.size(); ++id) add_read(sources_.file(id).path());
    for (const std::string& dataset : datasets) add_read(dataset);
    std::optional<std::string> refused;  // an input a report would overwrite
    for (const std::string& output : outputs) {
      struct stat info {};
      if (::stat(output.c_str(), &info) != 0) continue;
      if (const auto same = read.find({info.st_dev, info.st_ino}); same != read.end()) {
        refused = same->second;
        break;
      }
    }

    // The workers take the datasets in turn through one shared index; each hands its
    // DatasetRun over under the mutex, and never touches it again.
    std::vector<DatasetRun> runs(n);
    std::vector<char> done(n, 0);  // guarded by `mutex`
    std::mutex mutex;
    std::condition_variable finished;
    const auto hand_over = [&](std::size_t i, DatasetRun run) {
      {
        const std::lock_guard lock(mutex);
        runs[i] = std::move(run);
        done[i] = 1;
      }
      finished.notify_one();
    };
    // Rendered reports waiting for a writer (guarded by `mutex`), at most `write_queue`.
    std::deque<std::pair<std::size_t, DatasetRun>> to_write;
    std::condition_variable_any queued;  // a report came, or room for one
    std::atomic<std::size_t> next{0};
    RulesGate gate;
    // --jobs, or one per core: workers for several datasets, threads for one.
    const std::size_t cores = threads();
    const auto work = [&](std::stop_token stop) {
      for (std::size_t i = next++; i < n && !stop.stop_requested(); i = next++) {
        DatasetRun run;
        try {
          run = run_dataset(gate, stop, datasets[i], format, color, n == 1 ? cores : 1);
        } catch (const std::exception& e) {
          run.code = internal_error;
          run.internal = e.what();
        } catch (...) {
          run.code = internal_error;
          run.internal = "unknown exception";
        }
        if (!run.report) {
          hand_over(i, std::move(run));
          continue;
        }
        {
          std::unique_lock lock(mutex);
          if (!queued.wait(lock, stop, [&] { return to_write.size() < write_queue; })) return;
          to_write.emplace_back(i, std::move(run));
        }
        queued.notify_all();
      }
    };
    // The reports (-o DIR) are written by threads of their own, a few at once: writing
    // one mostly waits for the disk (two fsyncs), which takes no core, and the workers go
    // on with the next datasets meanwhile.
    const auto write = [&](std::stop_token stop) {
      for (;;) {
        std::pair<std::size_t, DatasetRun> item;
        {
          std::unique_lock lock(mutex);
          if (!queued.wait(lock, stop, [&] { return !to_write.empty(); })) return;
          item = std::move(to_write.front());
          to_write.pop_front();
        }
        queued.notify_all();  // room for another report
        DatasetRun& run = item.second;
        try {
          std::string error;
          const std::string& output = outputs[item.first];
          if (!attain::write_file_atomically(output, *run.report, error)) {
            run.write_error =
                fmt::format("evaluate: error: cannot write '{}': {}\n", attain::terminal_safe(output), error);
            run.code = worse(run.code, output_error);
          }
        } catch (const std::exception& e) {
          run.code = internal_error;
          run.internal = e.what();
        }
        run.report.reset();
        hand_over(item.first, std::move(run));
      }
    };
    const std::size_t jobs = std::min(n, cores);
    // Joined (after a stop request) on every return; the workers first, as they feed the writers.
    std::vector<std::jthread> writers;
    std::vector<std::jthread> workers;
    if (!refused) {
      const attain::CleanupSignalsBlocked blocked;  // the threads started here inherit it
      for (std::size_t j = 0; j < jobs; ++j) workers.emplace_back(work);
      if (!outputs.empty()) {
        for (std::size_t w = 0; w < std::min(n, report_writers); ++w) writers.emplace_back(write);
      }
    }

    std::vector<attain::ast::RuleFile> parsed;
    for (const attain::SourceFile* file : rule_files)
      parsed.push_back(attain::parse_rules_recovering(*file, sink_));
    const attain::RuleSet rules = attain::check_rules(std::move(parsed), sink_);
    parsed.clear();
#ifdef __GLIBC__
    // The syntax trees were the main thread's; the dataset is being loaded by a worker,
    // whose allocations come from another arena and would not reuse what they freed.
    // Give it back (a national rule set's trees: about 50 MB of the run's peak).
    ::malloc_trim(0);
#endif
    if (sink_.has_errors()) {
      gate.close();
      workers.clear();
      return finish(rule_error);
    }
    const std::string rule_diagnostics =
        attain::render_diagnostics(sink_.diagnostics(), sources_, format, color);
    if (machine)
      documents.push_back(rule_diagnostics);
    else
      std::cerr << rule_diagnostics;
    if (refused) {
      if (machine) std::cerr << attain::join_diagnostics(documents, format);
      return usage(
          fmt::format("refusing to write the report over the input '{}'", attain::terminal_safe(*refused)));
    }
    if (!options_.output.empty()) {
      std::error_code ec;
      fs::create_directories(options_.output, ec);
      if (ec) {
        gate.close();
        workers.clear();
        if (machine) std::cerr << attain::join_diagnostics(documents, format);
        std::cerr << fmt::format("evaluate: error: cannot create the directory '{}': {}\n",
                                 attain::terminal_safe(options_.output), ec.message());
        return output_error;
      }
    }
    gate.open(rules);

    int code = success;
    attain::Summary summary;
    for (std::size_t shown = 0; shown < n;) {
      std::size_t ready = shown;  // the datasets before it are handed over to this thread
      {
        std::unique_lock lock(mutex);
        finished.wait(lock, [&] { return done[shown] != 0; });
        while (ready < n && done[ready]) ++ready;
      }
      // Diagnostics and the summary in dataset order, whatever order the workers finished in.
      for (; shown < ready; ++shown) {
        DatasetRun run = std::move(runs[shown]);
        const std::string path = attain::terminal_safe(datasets[shown]);
        if (machine)
          documents.push_back(std::move(run.diagnostics));
        else
          std::cerr << run.diagnostics;
        if (!run.internal.empty()) {
          tell(fmt::format("evaluate: internal error (please report): {}: {}\n", path, run.internal));
        } else if (!run.summary) {
          tell(fmt::format(
              "evaluate: {}: {} error{}{}; no report written, left out of the summary\n", path, run.errors,
              run.errors == 1 ? "" : "s",
              run.warnings ? fmt::format(", {} warning{}", run.warnings, run.warnings == 1 ? "" : "s") : ""));
        }
        tell(run.write_error);
        if (run.fail_on) tell(fmt::format("evaluate: {}: {}\n", path, *run.fail_on));
        if (run.summary)
          attain::add_to(summary, *run.summary);
        else
          summary.not_evaluated.push_back(datasets[shown]);
        code = worse(code, run.code);
      }
    }
    workers.clear();  // all have finished their last dataset; join them
    if (machine) std::cerr << attain::join_diagnostics(documents, format) << deferred;

    std::cout << (options_.format == "json" ? attain::render_summary_json(summary)
                                            : attain::render_summary_text(summary, language()))
              << std::flush;
    if (!std::cout) {
      std::cerr << "evaluate: error: cannot write the summary to standard output\n";
      code = worse(code, output_error);
    }
    return code;
  }

  // Batch mode's workers load their first datasets while the main thread checks the
  // rules; they wait here for the rule set (or for word that there is none to use).
  class RulesGate {
   public:
    void open(const attain::RuleSet& rules) { settle(&rules); }
    void close() { settle(nullptr); }
    // The rule set once open; nullptr once closed, or when `stop` is requested first.
    const attain::RuleSet* wait(std::stop_token stop) {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, stop, [&] { return settled_; });
      return settled_ ? rules_ : nullptr;
    }

   private:
    void settle(const attain::RuleSet* rules) {
      {
        const std::lock_guard lock(mutex_);
        rules_ = rules;
        settled_ = true;
      }
      changed_.notify_all();
    }
    std::mutex mutex_;
    std::condition_variable_any changed_;
    const attain::RuleSet* rules_ = nullptr;
    bool settled_ = false;
  };

  // What batch mode keeps of one dataset: all a worker hands to the main thread.
  struct DatasetRun {
    int code = success;
    std::string diagnostics;  // rendered in the --diagnostics format
    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::optional<std::string> report;       // with -o, until a writer has written it
    std::string write_error;                 // the writer's message when it could not
    std::optional<attain::Summary> summary;  // this dataset's counts; none when it failed
    std::optional<std::string> fail_on;      // the --fail-on count
    std::string internal;                    // an exception that escaped: a bug
  };

  // Batch mode's summary of one dataset (run_dataset): its tables are handed to a
  // TableVerdicts as they are read, on the loader's threads, once the rules are checked;
  // the verdicts are counted in rule order at the end.
  template <typename Rendered>
  DatasetRun summary_of(RulesGate& gate, std::stop_token stop, const attain::SourceFile& file,
                        attain::DiagnosticSink& sink, std::size_t threads, Rendered& rendered) const {
    // Each item's verdict, plus one; 0 for none. Written by one thread per item.
    std::vector<std::uint8_t> verdicts;
    const attain::TableVerdicts::Each each = [&](std::size_t item, attain::Verdict verdict) {
      verdicts[item] = static_cast<std::uint8_t>(static_cast<int>(verdict) + 1);
    };
    attain::EvaluateOptions options = evaluate_options();
    options.threads = threads;
    std::optional<attain::TableVerdicts> judge;
    std::once_flag made;
    const attain::RuleSet* rules = nullptr;
    const auto start = [&](const attain::RuleSet& checked) {
      std::call_once(made, [&] {
        rules = &checked;
        verdicts.assign(checked.items.size(), 0);
        judge.emplace(checked, 2, options);
      });
    };
    struct Sink : attain::TableSink {
      std::function<bool(std::size_t, const attain::Dataset&)> take_table;
      bool take(std::size_t reader, const attain::Dataset& alone) override {
        return take_table(reader, alone);
      }
    } tables;
    // The first table waits here for the rules (a national rule set is checked while
    // the file is scanned and its first tables parsed).
    tables.take_table = [&](std::size_t reader, const attain::Dataset& alone) {
      const attain::RuleSet* checked = gate.wait(stop);
      if (!checked) return false;
      start(*checked);
      return judge->judge(reader, alone, each);
    };
    std::optional<attain::Dataset> dataset =
        attain::load_dataset(file, sink, {.threads = threads, .tables = &tables});
    if (!dataset || sink.has_errors()) return rendered(data_error);
    const attain::RuleSet* checked = gate.wait(stop);
    if (!checked) return {};  // the run stops: nothing of this dataset is shown
    start(*checked);
    const bool evaluated = judge->finish(*dataset, sink, each);
    if (file.changed()) {
      sink.error("E0001", std::nullopt, "the dataset changed while it was read: run again when it is written")
          .path = file.path();
      return rendered(data_error);
    }
    if (!evaluated || sink.has_errors()) return rendered(rule_error);
    attain::SummaryBuilder summary(file.path());
    for (std::size_t k = 0; k < verdicts.size(); ++k) {
      if (verdicts[k])
        summary.add(rules->indicators[rules->items[k].index], static_cast<attain::Verdict>(verdicts[k] - 1));
    }
    DatasetRun run = rendered(success);
    run.summary = summary.take();
    return run;
  }

  // What evaluation must keep for the chosen format: the series of values over time
  // only where a renderer draws them.
  attain::EvaluateOptions evaluate_options() const {
    return {.series = options_.format == "markdown" || options_.format == "html"};
  }

  // One dataset of batch mode, as a single run would do it (evaluate_inputs), with its
  // own sink and a fork of the rules' sources. Called from several threads at once: it
  // reads `sources_` and `options_`, and once `gate` has the rules, those and `sink_`
  // (the main thread is done with them then); it changes nothing shared.
  // `threads`: for evaluating the one dataset of a run (a national file) on every core.
  DatasetRun run_dataset(RulesGate& gate, std::stop_token stop, const std::string& path,
                         attain::DiagnosticFormat format, bool color, std::size_t threads) const {
    DatasetRun out;
    attain::SourceManager sources = sources_.fork();
    attain::DiagnosticSink sink;
    const auto rendered = [&](int code) {
      out.code = code;
      out.diagnostics = attain::render_diagnostics(sink.diagnostics(), sources, format, color);
      out.errors = sink.error_count();
      out.warnings = sink.warning_count();
      return std::move(out);
    };
    // Only the summary is wanted: each table's indicators are judged as soon as it is
    // read and the table is dropped (TableVerdicts), the dataset file is mapped and each
    // table's text given back once read, and the verdicts are counted, not kept.
    const bool summary_only = options_.output.empty() && options_.fail_on.empty();
    std::string read_error;
    std::optional<attain::MappedText> mapped;
    if (summary_only) mapped = attain::map_file(path, read_error, data_error);
    std::optional<std::string> text;
    if (!mapped && read_error.empty()) text = attain::read_file(path, read_error);
    if (!mapped && !text) {
      sink.error("E0001", std::nullopt, fmt::format("cannot read dataset: {}", read_error)).path = path;
      return rendered(data_error);
    }
    const attain::SourceFile& file =
        mapped ? sources.add(path, std::move(*mapped)) : sources.add(path, std::move(*text));
    if (summary_only) return summary_of(gate, stop, file, sink, threads, rendered);
    std::optional<attain::Dataset> dataset = attain::load_dataset(file, sink, {.threads = threads});
    if (!dataset || sink.has_errors()) return rendered(data_error);
    const attain::RuleSet* checked = gate.wait(stop);
    if (!checked) return {};  // the run stops: nothing of this dataset is shown
    const attain::RuleSet& rules = *checked;
    std::optional<attain::Results> results = attain::evaluate(rules, *dataset, sink, evaluate_options());
    dataset.reset();
    if (!results || sink.has_errors()) return rendered(rule_error);
    if (!options_.output.empty()) {
      // The report says what a single run's would: the rules' warnings, then the dataset's.
      std::vector<attain::Diagnostic> warnings = sink_.diagnostics();
      warnings.insert(warnings.end(), sink.diagnostics().begin(), sink.diagnostics().end());
      out.report =
          render_report(*results, attain::write_commentary(*results, language()), sources, warnings, false);
    }
    out.summary = attain::summarise(*results, path);
    out.fail_on = fail_on(*results);
    return rendered(out.fail_on ? verdicts_failed : success);
  }

  // --fail-on: exit 1 (after writing the report) when a result has one of the verdicts
  // or data-check outcomes named, with a count on standard error: that count ("2 results
  // with a verdict named in --fail-on: ..."), or nullopt when no result has one.
  std::optional<std::string> fail_on(const attain::Results& results) const {
    if (options_.fail_on.empty()) return std::nullopt;
    std::map<std::string, std::size_t> found;
    auto named = [&](std::string_view name) {
      return std::find(options_.fail_on.begin(), options_.fail_on.end(), name) != options_.fail_on.end();
    };
    for (const attain::ItemResult& r : results.items) {
      if (named(attain::to_string(r.verdict))) ++found[std::string(attain::to_string(r.verdict))];
    }
    for (const attain::CheckResult& c : results.checks) {
      if (named(attain::to_string(c.outcome))) ++found[fmt::format("check {}", attain::to_string(c.outcome))];
    }
    if (found.empty()) return std::nullopt;
    std::vector<std::string> parts;
    std::size_t total = 0;
    for (const auto& [name, n] : found) {
      parts.push_back(fmt::format("{} {}", n, name));
      total += n;
    }
    return fmt::format("{} result{} with a verdict named in --fail-on: {}", total, total == 1 ? "" : "s",
                       fmt::join(parts, ", "));
  }

  // evaluate fmt [--check | --write] RULES...: the canonical layout (docs/cli-fmt.md).
  int format() {
    const bool from_stdin = options_.fmt_rules.size() == 1 && options_.fmt_rules[0] == "-";
    std::vector<const attain::SourceFile*> files;
    if (from_stdin) {
      std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
      files.push_back(&sources_.add("<stdin>", std::move(text)));
    } else {
      files = attain::load_rule_files(options_.fmt_rules, sources_, sink_);
    }
    const bool in_place = options_.fmt_check || options_.fmt_write;
    if (!in_place && files.size() > 1) {
      return usage(
          "fmt without --check or --write prints one file: name one file, or use --check or --write");
    }
    if (from_stdin && in_place)
      return usage("fmt - reads standard input and prints; --check and --write need files");
    int code = sink_.has_errors() ? rule_error : success;
    std::size_t changed = 0, failed = 0, unwritten = 0;
    std::string report;
    for (const attain::SourceFile* file : files) {
      const std::optional<std::string> formatted = attain::format_rules(*file, sink_);
      if (!formatted) {
        const bool internal = !sink_.diagnostics().empty() && sink_.diagnostics().back().code == "E0003";
        code = std::max(code, internal ? static_cast<int>(internal_error) : static_cast<int>(rule_error));
        ++failed;
        continue;
      }
      if (!in_place) {
        std::cout << *formatted << std::flush;
        continue;
      }
      if (*formatted == file->text()) continue;
      if (options_.fmt_check) {
        ++changed;
        report += fmt::format("would reformat {}\n", attain::terminal_safe(file->path()));
        continue;
      }
      std::string error;
      if (!attain::write_file_atomically(file->path(), *formatted, error)) {
        std::cerr << fmt::format("evaluate: error: cannot write '{}': {}\n",
                                 attain::terminal_safe(file->path()), error);
        code = std::max(code, static_cast<int>(output_error));
        ++unwritten;
        continue;
      }
      ++changed;
      report += fmt::format("formatted {}\n", attain::terminal_safe(file->path()));
    }
    print_diagnostics();
    if (in_place) {
      std::cout << report;
      const std::size_t total = files.size();
      std::cout << fmt::format("{} of {} rule file{} {}{}{}\n", changed, total, total == 1 ? "" : "s",
                               options_.fmt_check ? "would be reformatted" : "reformatted",
                               unwritten ? fmt::format("; {} could not be written", unwritten) : "",
                               failed ? fmt::format("; {} left as {} because of errors", failed,
                                                    failed == 1 ? "it was" : "they were")
                                      : "");
      if (options_.fmt_check && changed > 0 && code == success) code = not_formatted;
    }
    return code;
  }

  // evaluate explain ID RULES... DATASET: the audit trail of one result (docs/cli-explain.md).
  int explain() {
    int code = success;
    const std::optional<Evaluation> e = evaluate_inputs(options_.explain_inputs, code, language());
    if (!e) return code;
    std::vector<std::string> known;
    const auto text =
        attain::render_explanation(e->rules, e->results, e->commentary, sources_, options_.explain_id,
                                   options_.explain_format == "json", known);
    print_diagnostics();
    if (!text) {
      const auto best = attain::closest_match(options_.explain_id, known);
      return usage(fmt::format(
          "no result has the id '{}'{}", attain::terminal_safe(options_.explain_id),
          best ? fmt::format(": did you mean '{}'?", *best) : "; evaluate list RULES... shows the ids"));
    }
    std::cout << *text << std::flush;
    return std::cout ? success : output_error;
  }

  // evaluate diff OLD.json NEW.json | RULES... OLD.yaml NEW.yaml (docs/cli-diff.md).
  int diff() {
    std::vector<std::string> rule_paths, dataset_paths, json_paths;
    for (const std::string& input : options_.diff_inputs) {
      const std::string ext = std::filesystem::path(input).extension().string();
      (ext == ".json" ? json_paths : is_dataset_path(input) ? dataset_paths : rule_paths).push_back(input);
    }
    std::optional<attain::Snapshot> before, after;
    if (!json_paths.empty()) {
      if (json_paths.size() != 2 || !dataset_paths.empty() || !rule_paths.empty())
        return usage("diff compares two JSON reports (OLD.json NEW.json), or two datasets under rules");
      for (const std::string& path : json_paths) {
        std::string error;
        std::optional<std::string> text = attain::read_file(path, error);
        std::optional<attain::Snapshot> s;
        if (text) s = attain::read_snapshot(*text, path, error);
        if (!s) {
          std::cerr << fmt::format("evaluate: error: cannot compare '{}': {}\n", path, error);
          return data_error;
        }
        (before ? after : before) = std::move(s);
      }
    } else {
      if (dataset_paths.size() != 2)
        return usage("diff needs two datasets (OLD.yaml NEW.yaml) after the rules");
      if (rule_paths.empty()) return usage("no rules given: name .rules files or a directory of them");
      const attain::RuleSet rules = load_rules(rule_paths);
      if (sink_.has_errors()) return finish(rule_error);
      for (const std::string& path : dataset_paths) {
        const std::size_t errors_before = sink_.error_count();
        std::optional<attain::Dataset> dataset = load_dataset(path);
        if (!dataset || sink_.error_count() != errors_before) return finish(data_error);
        auto results = attain::evaluate(rules, *dataset, sink_, {.series = false});
        if (!results) return finish(rule_error);
        (before ? after : before) =
            attain::snapshot(*results, attain::write_commentary(*results, language()), path);
      }
    }
    print_diagnostics();
    std::cout << attain::render_diff(*before, *after, options_.diff_format == "json", language())
              << std::flush;
    return std::cout ? success : output_error;
  }

  // evaluate list RULES...: the catalogue of the rule set (docs/cli-list.md).
  int list() {
    const attain::RuleSet rules = load_rules(options_.list_rules);
    if (sink_.has_errors()) return finish(rule_error);
    print_diagnostics();
    const attain::CatalogueFormat format = options_.list_format == "json" ? attain::CatalogueFormat::json
                                           : options_.list_format == "markdown"
                                               ? attain::CatalogueFormat::markdown
                                               : attain::CatalogueFormat::text;
    std::cout << attain::render_catalogue(rules, sources_, format, language()) << std::flush;
    return std::cout ? success : output_error;
  }

  // evaluate test RULES...: the rule set's `test` blocks (docs/cli-test.md).
  int test() {
    const attain::RuleSet rules = load_rules(options_.test_rules);
    print_diagnostics();
    if (sink_.has_errors()) {
      std::cerr << fmt::format("evaluate: {} error{} in the rules; no tests run\n", sink_.error_count(),
                               sink_.error_count() == 1 ? "" : "s");
      return rule_error;
    }
    const attain::TestReport report = attain::run_rule_tests(rules);
    if (report.tests.empty()) std::cerr << "evaluate: the rule set has no 'test' blocks\n";
    std::cout << attain::render_test_report(report, sources_, use_color(options_.color, STDOUT_FILENO))
              << std::flush;
    return report.failed > 0 ? tests_failed : success;
  }

  // evaluate check [--data DATASET] [--strict] RULES...: every problem in the rules (and,
  // with a dataset, in their references and the coverage), without a report.
  int check() {
    const attain::RuleSet rules = load_rules(options_.check_rules);
    int code = sink_.has_errors() ? rule_error : success;
    std::string coverage;
    if (!options_.check_data.empty()) {
      const std::size_t errors_before_data = sink_.error_count();
      std::optional<attain::Dataset> dataset = load_dataset(options_.check_data);
      if (!dataset || sink_.error_count() != errors_before_data) {
        if (code == success) code = data_error;
      } else {
        const std::size_t errors_before = sink_.error_count();
        auto results = attain::evaluate(rules, *dataset, sink_, {.series = false});
        if (sink_.error_count() != errors_before) code = rule_error;
        if (results && code == success) coverage = coverage_text(rules, *results);
      }
    }
    if (code == success && options_.strict && sink_.warning_count() > 0) code = warnings_found;
    const attain::DiagnosticFormat format = diagnostic_format();
    if (format == attain::DiagnosticFormat::text) {
      print_diagnostics();
      std::cout << coverage;
      std::cout << fmt::format("{} rule file{} checked: {} error{}, {} warning{}\n", files_read_,
                               files_read_ == 1 ? "" : "s", sink_.error_count(),
                               sink_.error_count() == 1 ? "" : "s", sink_.warning_count(),
                               sink_.warning_count() == 1 ? "" : "s");
    } else {  // a machine reader gets the diagnostics alone, on standard output
      std::cout << attain::render_diagnostics(sink_.diagnostics(), sources_, format);
    }
    return code;
  }

 private:
  attain::Language language() const {
    return attain::language_from_name(options_.lang).value_or(attain::Language::sv);
  }

  struct Evaluation {
    attain::RuleSet rules;
    attain::Results results;
    attain::Commentary commentary;
  };

  // Rule paths and exactly one dataset among `inputs`, checked and evaluated as the
  // default run does; nullopt with `code` set (after reporting) when something stops it.
  std::optional<Evaluation> evaluate_inputs(const std::vector<std::string>& inputs, int& code,
                                            attain::Language language = attain::Language::sv) {
    std::vector<std::string> rule_paths, dataset_paths;
    for (const std::string& input : inputs)
      (is_dataset_path(input) ? dataset_paths : rule_paths).push_back(input);
    if (dataset_paths.size() != 1) {
      code = usage(dataset_paths.empty() ? "no dataset given: name one .yaml file"
                                         : "more than one dataset given: name exactly one .yaml file");
      return std::nullopt;
    }
    if (rule_paths.empty()) {
      code = usage("no rules given: name .rules files or a directory of them");
      return std::nullopt;
    }
    Evaluation e{load_rules(rule_paths), {}, {}};
    const bool rules_ok = !sink_.has_errors();
    const std::size_t errors_before_data = sink_.error_count();
    std::optional<attain::Dataset> dataset = load_dataset(dataset_paths[0]);
    if (!dataset || sink_.error_count() != errors_before_data) {
      code = finish(rules_ok ? data_error : rule_error);
      return std::nullopt;
    }
    // Evaluate even after rule errors, to report unknown dataset references as well;
    // results from a rule set with errors are never shown.
    std::optional<attain::Results> results = attain::evaluate(e.rules, *dataset, sink_, evaluate_options());
    if (!rules_ok || !results) {
      code = finish(rule_error);
      return std::nullopt;
    }
    e.results = std::move(*results);
    e.commentary = attain::write_commentary(e.results, language);
    return e;
  }

  // --jobs, or one per core.
  std::size_t threads() const {
    return options_.jobs > 0 ? static_cast<std::size_t>(options_.jobs)
                             : std::max(1u, std::thread::hardware_concurrency());
  }

  // Every rule file is parsed even when an earlier one has errors, and checked together.
  attain::RuleSet load_rules(const std::vector<std::string>& paths) {
    std::vector<attain::ast::RuleFile> parsed;
    const auto files = attain::load_rule_files(paths, sources_, sink_);
    files_read_ = files.size();
    for (const attain::SourceFile* file : files)
      parsed.push_back(attain::parse_rules_recovering(*file, sink_));
    return attain::check_rules(std::move(parsed), sink_);
  }

  std::optional<attain::Dataset> load_dataset(const std::string& path) {
    std::string read_error;
    if (auto text = attain::read_file(path, read_error)) {
      return attain::load_dataset(sources_.add(path, std::move(*text)), sink_, {.threads = threads()});
    }
    attain::Diagnostic& d =
        sink_.error("E0001", std::nullopt, fmt::format("cannot read dataset: {}", read_error));
    d.path = path;
    return std::nullopt;
  }

  // Coverage both ways: indicators without a value for the report period, and dataset
  // rows no rule reads.
  static std::string coverage_text(const attain::RuleSet& rules, const attain::Results& results) {
    std::vector<std::string> without;
    for (const attain::ItemResult& r : results.items) {
      if (r.kind == attain::ItemResult::Kind::indicator && r.current && !r.current->value.is_number()) {
        without.push_back(r.id);
      }
    }
    std::string out = fmt::format("coverage: {} of {} indicators have a value for the report period\n",
                                  rules.indicator_count() - without.size(), rules.indicator_count());
    if (!without.empty()) out += fmt::format("  without a value: {}\n", fmt::join(without, ", "));
    out += fmt::format("coverage: {} dataset row{} with figures {} read by no rule\n",
                       results.unread_rows.size(), results.unread_rows.size() == 1 ? "" : "s",
                       results.unread_rows.size() == 1 ? "is" : "are");
    for (const std::string& row : results.unread_rows) out += "  " + attain::terminal_safe(row) + "\n";
    return out;
  }

  attain::DiagnosticFormat diagnostic_format() const {
    if (options_.diagnostics == "json") return attain::DiagnosticFormat::json;
    if (options_.diagnostics == "sarif") return attain::DiagnosticFormat::sarif;
    return attain::DiagnosticFormat::text;
  }

  // Diagnostics go to standard error, in the --diagnostics format.
  void print_diagnostics() {
    const bool color = use_color(options_.color, STDERR_FILENO);
    std::cerr << attain::render_diagnostics(sink_.diagnostics(), sources_, diagnostic_format(), color);
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
  std::size_t files_read_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  try {
    Options options;
    CLI::App app{
        "attain: attainment verdicts and commentary for municipal performance reports.\n"
        "Reads rule files (*.rules, or directories of them) and one dataset (*.yaml, *.yml, *.json),\n"
        "or several datasets or directories of them (batch mode: a summary across datasets).",
        "evaluate"};
    app.set_version_flag("--version", fmt::format("evaluate (attain) {}", attain::version));
    app.add_option("inputs", options.inputs,
                   "Rule files or directories, and one dataset (.yaml, .yml, .json), or several datasets or "
                   "directories of them")
        ->type_name("RULES... DATASET...");
    app.add_option("-f,--format", options.format, "Output format")
        ->check(CLI::IsMember({"text", "json", "markdown", "html", "junit"}))
        ->capture_default_str();
    std::vector<std::string> fail_on_names = attain::verdict_names();
    for (const std::string& o : attain::outcome_names()) {
      if (std::find(fail_on_names.begin(), fail_on_names.end(), o) == fail_on_names.end())
        fail_on_names.push_back(o);
    }
    app.add_option("--fail-on", options.fail_on,
                   "Exit 1 (after writing the report) if a result has one of these verdicts or data-check "
                   "outcomes, e.g. not_met,behind,fail")
        ->delimiter(',')
        ->check(CLI::IsMember(fail_on_names))
        ->type_name("VERDICTS");
    app.add_option("--lang", options.lang,
                   "Language of the commentary and headings: sv (Swedish, the report's own) or en (English)")
        ->check(CLI::IsMember({"sv", "en"}))
        ->capture_default_str();
    app.add_option("-o,--output", options.output,
                   "Write the report to FILE (atomically) instead of stdout; with several datasets, one "
                   "report per dataset into the directory DIR")
        ->type_name("FILE|DIR");
    app.add_flag("--summary", options.summary,
                 "Batch mode even for one dataset: the summary across units on stdout (a national "
                 "file's families, one member per kommun)");
    CLI::Option* jobs =
        app.add_option("-j,--jobs", options.jobs,
                       "With several datasets: how many to evaluate at once (default: one per "
                       "core)")
            ->type_name("N");
    app.add_option("--color", options.color,
                   "Colour in terminal output: auto honours NO_COLOR and non-terminals")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    app.add_option("--diagnostics", options.diagnostics,
                   "Diagnostics as text, json or sarif (SARIF 2.1.0, for editors and code scanning)")
        ->check(CLI::IsMember({"text", "json", "sarif"}))
        ->capture_default_str();
    CLI::App* check = app.add_subcommand(
        "check", "Parse and check rule files without evaluating: every error in every file in one run");
    check->add_option("rules", options.check_rules, "Rule files or directories")
        ->required()
        ->type_name("RULES...");
    check
        ->add_option("--data", options.check_data,
                     "Also resolve every dataset reference against DATASET and report coverage both ways")
        ->type_name("DATASET");
    check->add_flag("--strict", options.strict, "Exit 1 when there are warnings");
    check->fallthrough();
    CLI::App* format = app.add_subcommand(
        "fmt", "Put rule files in the canonical layout; comments stay, the meaning never changes");
    format->add_option("rules", options.fmt_rules, "Rule files or directories, or - for standard input")
        ->required()
        ->type_name("RULES...");
    CLI::Option* fmt_check = format->add_flag("--check", options.fmt_check,
                                              "List the files that are not formatted; exit 1 if any");
    format->add_flag("--write", options.fmt_write, "Rewrite the files that are not formatted, atomically")
        ->excludes(fmt_check);
    format->fallthrough();
    CLI::App* explain = app.add_subcommand(
        "explain",
        "The audit trail of one verdict: rule, dataset cells, computation, comparison, commentary");
    explain
        ->add_option("id", options.explain_id,
                     "An indicator, budget line, breakdown (id.row) or data-check result")
        ->required()
        ->type_name("ID");
    explain
        ->add_option("inputs", options.explain_inputs, "Rule files or directories, and one dataset (.yaml)")
        ->required()
        ->type_name("RULES... DATASET");
    explain->add_option("-f,--format", options.explain_format, "Output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    explain->fallthrough();
    CLI::App* diff = app.add_subcommand(
        "diff", "What changed between two evaluations: two JSON reports, or two datasets under one rule set");
    diff->add_option("inputs", options.diff_inputs, "OLD.json NEW.json, or RULES... OLD.yaml NEW.yaml")
        ->required()
        ->type_name("OLD NEW");
    diff->add_option("-f,--format", options.diff_format, "Output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    diff->fallthrough();
    CLI::App* list = app.add_subcommand(
        "list",
        "The catalogue of a rule set for auditors: every group, indicator, budget and check with file:line");
    list->add_option("rules", options.list_rules, "Rule files or directories")
        ->required()
        ->type_name("RULES...");
    list->add_option("-f,--format", options.list_format, "Output format")
        ->check(CLI::IsMember({"text", "markdown", "json"}))
        ->capture_default_str();
    list->fallthrough();
    CLI::App* test = app.add_subcommand(
        "test", "Run the rule set's test blocks: a PASS or FAIL line each, then N passed, N failed");
    test->add_option("rules", options.test_rules, "Rule files or directories (tests/ folders included)")
        ->required()
        ->type_name("RULES...");
    test->fallthrough();
    app.footer(
        "Exit codes: 0 report written (check: no errors), 1 check --strict found warnings\n"
        "or fmt --check found files to reformat or a rule test failed,\n"
        "2 error in the rules, 3 error in the dataset, 4 report could not be written,\n"
        "64 usage error, 70 internal error; with several datasets, the worst of theirs.\n"
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
    if (check->parsed()) return Run(options).check();
    if (format->parsed()) return Run(options).format();
    if (test->parsed()) return Run(options).test();
    if (list->parsed()) return Run(options).list();
    if (explain->parsed()) return Run(options).explain();
    if (diff->parsed()) return Run(options).diff();
    if (options.inputs.empty()) return usage("name the rules and a dataset: evaluate RULES... DATASET");
    if (jobs->count() > 0 && options.jobs < 1)
      return usage(fmt::format("--jobs must be at least 1, not {}", options.jobs));
    return Run(options)();
  } catch (const std::exception& e) {
    std::cerr << "evaluate: internal error (please report): " << e.what() << "\n";
    return internal_error;
  } catch (...) {
    std::cerr << "evaluate: internal error (please report): unknown exception\n";
    return internal_error;
  }
}
