#include "attain/diagnostic.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace attain {

Diagnostic& Diagnostic::note(std::string text, std::optional<Span> where) {
  notes.push_back({DiagnosticNote::Kind::note, std::move(text), where});
  return *this;
}

Diagnostic& Diagnostic::help(std::string text) {
  notes.push_back({DiagnosticNote::Kind::help, std::move(text), std::nullopt});
  return *this;
}

Diagnostic& DiagnosticSink::report(Diagnostic diagnostic) {
  diagnostics_.push_back(std::move(diagnostic));
  return diagnostics_.back();
}

Diagnostic& DiagnosticSink::error(std::string code, std::optional<Span> span, std::string message) {
  return report({Severity::error, std::move(code), span, std::move(message), {}, {}});
}

Diagnostic& DiagnosticSink::warning(std::string code, std::optional<Span> span, std::string message) {
  return report({Severity::warning, std::move(code), span, std::move(message), {}, {}});
}

std::size_t DiagnosticSink::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(diagnostics_.begin(), diagnostics_.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::size_t DiagnosticSink::warning_count() const {
  return diagnostics_.size() - error_count();
}

namespace {

struct Style {
  bool on;
  std::string_view bold() const { return on ? "\x1b[1m" : ""; }
  std::string_view red() const { return on ? "\x1b[1;31m" : ""; }
  std::string_view yellow() const { return on ? "\x1b[1;33m" : ""; }
  std::string_view cyan() const { return on ? "\x1b[1;36m" : ""; }
  std::string_view green() const { return on ? "\x1b[1;32m" : ""; }
  std::string_view reset() const { return on ? "\x1b[0m" : ""; }
};

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Right-aligned line-number gutter, as wide as five columns or the number plus one.
std::size_t gutter_width_for(std::uint32_t line) {
  return std::max<std::size_t>(5, std::to_string(line).size() + 1);
}

void render_excerpt(std::string& out, const SourceFile& file, Span span, const Style& s,
                    std::string_view marker_colour) {
  const LineCol start = file.line_col(span.begin);
  const std::string_view line = file.line_text(start.line);
  const std::size_t gutter = gutter_width_for(start.line);
  // Underline up to the end of the span or of the first line, at least one column.
  const std::size_t line_begin = file.offset_of(start.line - 1, 0);
  const std::size_t from = std::min<std::size_t>(span.begin - line_begin, line.size());
  const std::size_t to = std::min<std::size_t>(std::max(span.end, span.begin) - line_begin, line.size());
  std::size_t width = to > from ? code_points(terminal_safe(line.substr(from, to - from))) : 0;
  if (width == 0) width = 1;
  out += fmt::format("{}{:>{}} |{} {}\n", s.cyan(), start.line, gutter, s.reset(), terminal_safe(line));
  out +=
      fmt::format("{}{:>{}} |{} {}{}^{}{}\n", s.cyan(), "", gutter, s.reset(),
                  std::string(start.column - 1, ' '), marker_colour, std::string(width - 1, '~'), s.reset());
}

}  // namespace

std::string render_diagnostic(const Diagnostic& d, const SourceManager& sources, bool color) {
  const Style s{color};
  const bool is_error = d.severity == Severity::error;
  const std::string_view colour = is_error ? s.red() : s.yellow();
  std::string out;
  std::string where;
  if (d.span)
    where = sources.location(*d.span) + ": ";
  else if (d.path)
    where = *d.path + ": ";
  out += fmt::format("{}{}{}{}[{}]:{} {}{}{}\n", s.bold(), where, colour, is_error ? "error" : "warning",
                     d.code, s.reset(), s.bold(), terminal_safe(d.message), s.reset());
  std::size_t gutter = 5;
  if (d.span) {
    const SourceFile& file = sources.file(d.span->file);
    render_excerpt(out, file, *d.span, s, colour);
    gutter = gutter_width_for(file.line_col(d.span->begin).line);
  }
  for (const DiagnosticNote& n : d.notes) {
    const std::string_view kind = n.kind == DiagnosticNote::Kind::help ? "help" : "note";
    if (n.span) {
      out += fmt::format("{}: {}{}:{} {}\n", sources.location(*n.span), s.green(), kind, s.reset(),
                         terminal_safe(n.message));
      render_excerpt(out, sources.file(n.span->file), *n.span, s, s.green());
    } else {
      out += fmt::format("{}{} ={} {}{}:{} {}\n", std::string(gutter, ' '), s.cyan(), s.reset(), s.green(),
                         kind, s.reset(), terminal_safe(n.message));
    }
  }
  return out;
}

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  // Allow roughly one edit per three characters, at least one and at most three.
  const std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance && distance > 0) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace attain
