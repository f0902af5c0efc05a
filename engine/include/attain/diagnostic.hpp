#pragma once
// One diagnostic type for syntax, check, data and evaluation problems, and one sink
// every stage reports to. Stages never print; the CLI renders what the sink collected.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "attain/source.hpp"

namespace attain {

enum class Severity { error, warning };

struct DiagnosticNote {
  enum class Kind { note, help };
  Kind kind = Kind::note;
  std::string message;
  std::optional<Span> span;  // a note may point somewhere else (e.g. the first definition)
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;          // stable, documented in docs/errors.md: E0101, W0301 ...
  std::optional<Span> span;  // absent for problems with no place (e.g. a missing file)
  std::string message;       // lowercase, no trailing period
  std::vector<DiagnosticNote> notes;
  std::optional<std::string> path;  // file name when there is no span (unreadable file)

  Diagnostic& note(std::string text, std::optional<Span> where = std::nullopt);
  Diagnostic& help(std::string text);
};

class DiagnosticSink {
 public:
  Diagnostic& report(Diagnostic diagnostic);
  Diagnostic& error(std::string code, std::optional<Span> span, std::string message);
  Diagnostic& warning(std::string code, std::optional<Span> span, std::string message);

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  // Hands over the diagnostics reported so far and starts again empty.
  std::vector<Diagnostic> take() { return std::exchange(diagnostics_, {}); }
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// Renders one diagnostic in the compiler style:
//   rules/x.rules:12:20: error[E0203]: unknown dataset row 'sjukfranvaro.totl'
//      12 |     data sjukfranvaro.totl
//         |          ^~~~~~~~~~~~~~~~~
//         = help: did you mean 'sjukfranvaro.total'?
std::string render_diagnostic(const Diagnostic& diagnostic, const SourceManager& sources, bool color);

// Every input is UTF-8 text. Reports E0004 and returns false for a UTF-16 file, a ZIP
// archive (a workbook), a control character other than tab, LF and CR (NUL included),
// or the first byte that is not UTF-8 (naming what a Windows-1252 file meant by it).
bool check_utf8(const SourceFile& file, DiagnosticSink& sink);

// The closest candidate to `word` by edit distance, if it is close enough to be a
// plausible misspelling.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace attain
