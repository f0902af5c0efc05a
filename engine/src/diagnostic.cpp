#include "attain/diagnostic.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace attain {

namespace {

// Messages quote the user's text; a quoted 100 MB token is cut (at a character boundary).
constexpr std::size_t max_message_bytes = 1000;

void shorten(std::string& message) {
  if (message.size() <= max_message_bytes) return;
  std::size_t cut = max_message_bytes;
  while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
  message.resize(cut);
  message += "…";
}

}  // namespace

Diagnostic& Diagnostic::note(std::string text, std::optional<Span> where) {
  shorten(text);
  notes.push_back({DiagnosticNote::Kind::note, std::move(text), where});
  return *this;
}

Diagnostic& Diagnostic::help(std::string text) {
  shorten(text);
  notes.push_back({DiagnosticNote::Kind::help, std::move(text), std::nullopt});
  return *this;
}

Diagnostic& DiagnosticSink::report(Diagnostic diagnostic) {
  shorten(diagnostic.message);
  for (DiagnosticNote& n : diagnostic.notes) shorten(n.message);
  diagnostics_.push_back(std::move(diagnostic));
  return diagnostics_.back();
}

Diagnostic& DiagnosticSink::error(std::string code, std::optional<Span> span, std::string message) {
  return report({Severity::error, std::move(code), span, std::move(message), {}, {}});
}

Diagnostic& DiagnosticSink::warning(std::string code, std::optional<Span> span, std::string message) {
  return report({Severity::warning, std::move(code), span, std::move(message), {}, {}});
}

namespace {

// check_utf8 for the bytes [from, to) of `text`: false after reporting the first problem.
template <typename Report>
bool check_utf8_piece(std::string_view text, std::size_t from, std::size_t to, const Report& report) {
  std::optional<std::size_t> invalid = first_invalid_utf8(text.substr(from, to - from));
  if (invalid) *invalid += from;
  // A control character other than tab, line feed and carriage return (NUL included).
  const auto is_control = [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F;
  };
  const auto scanned_end = text.begin() + static_cast<std::ptrdiff_t>(invalid.value_or(to));
  // Eight bytes at a time, looked at one by one only where one of them may be below 0x20
  // or 0x7F (bit tricks: a byte below n sets its top bit in x - n where x's is clear;
  // borrows may flag more, never less). Line ends make a word of every line look.
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto control = text.begin() + static_cast<std::ptrdiff_t>(from);
  while (control != scanned_end) {
    if (scanned_end - control < 8) {
      control = std::find_if(control, scanned_end, is_control);
      break;
    }
    std::uint64_t x = 0;
    std::memcpy(&x, &*control, sizeof x);
    const std::uint64_t below_space = (x - ones * 0x20) & ~x & highs;
    const std::uint64_t y = x ^ (ones * 0x7F);
    const std::uint64_t del = (y - ones) & ~y & highs;
    const auto word_end = control + 8;
    if (below_space | del) {
      const auto hit = std::find_if(control, word_end, is_control);
      if (hit != word_end) {
        control = hit;
        break;
      }
    }
    control = word_end;
  }
  if (control != scanned_end) {
    const auto at = static_cast<std::size_t>(control - text.begin());
    report(at, fmt::format("the file holds the control character U+{:04X} here; it is not a text file",
                           static_cast<unsigned>(static_cast<unsigned char>(*control))))
        .help("rules and datasets are UTF-8 text files: is this the right file?");
    return false;
  }
  if (!invalid) return true;
  const auto byte = static_cast<unsigned char>(text[*invalid]);
  Diagnostic& d = report(
      *invalid, fmt::format("the file is not UTF-8: byte 0x{:02X} here is not part of a character", byte));
  if (byte >= 0xA0) {
    // In Latin-1 / Windows-1252 the byte is the code point U+00A0..U+00FF.
    const std::string meant =
        fmt::format("{}{}", static_cast<char>(0xC0 | (byte >> 6)), static_cast<char>(0x80 | (byte & 0x3F)));
    d.help(fmt::format("0x{:02X} is '{}' in Windows-1252 (Latin-1): save the file as UTF-8", byte, meant));
  } else {
    d.help("save the file as UTF-8: rules and datasets are read as UTF-8");
  }
  return false;
}

}  // namespace

bool check_utf8(const SourceFile& file, DiagnosticSink& sink) {
  const std::string_view text = file.text();
  const auto report = [&](std::size_t at, std::string message) -> Diagnostic& {
    const auto offset = static_cast<std::uint32_t>(at);
    return sink.error("E0004", Span{file.id(), offset, offset + 1}, std::move(message));
  };
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    report(0, "the file is UTF-16, not UTF-8")
        .help("save the file as UTF-8 (in Notepad: Save as, Encoding: UTF-8)");
    return false;
  }
  if (text.starts_with("PK\x03\x04")) {
    report(0, "the file is a ZIP archive (an .xlsx workbook?), not a text file")
        .help("rules and datasets are UTF-8 text: copy the figures into the YAML dataset (docs/datasets.md)");
    return false;
  }
  // A few MB at a time, each given back once checked (a mapped dataset: SourceFile::
  // release); a piece never ends inside a character. The first problem is reported.
  constexpr std::size_t piece = std::size_t{4} << 20;
  for (std::size_t from = 0; from < text.size();) {
    std::size_t to = std::min(text.size(), from + piece);
    for (int back = 0; back < 3 && to < text.size() && to > from + 1 &&
                       (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80;
         ++back)
      --to;
    if (!check_utf8_piece(text, from, to, report)) return false;
    file.release(from, to);
    from = to;
  }
  return true;
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

// The byte index `count` code points before / after `i` in `line` (clamped to it).
std::size_t code_points_back(std::string_view line, std::size_t i, std::size_t count) {
  for (; count > 0 && i > 0; --count) {
    --i;
    while (i > 0 && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) --i;
  }
  return i;
}
std::size_t code_points_forward(std::string_view line, std::size_t i, std::size_t count) {
  for (; count > 0 && i < line.size(); --count) {
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

// At most this many code points of a source line are shown; a longer line (a 100 MB
// one-line file) is cut to a window around the caret, marked with '…' at each cut.
constexpr std::size_t excerpt_width = 120;
constexpr std::size_t excerpt_context = 40;  // shown before the caret in a cut line

void render_excerpt(std::string& out, const SourceFile& file, Span span, const Style& s,
                    std::string_view marker_colour) {
  const LineCol start = file.line_col(span.begin);
  const std::string_view line = file.line_text(start.line);
  const std::size_t gutter = gutter_width_for(start.line);
  // Underline up to the end of the span or of the first line, at least one column.
  const std::size_t line_begin = file.offset_of(start.line - 1, 0);
  const std::size_t from = std::min<std::size_t>(span.begin - line_begin, line.size());
  std::size_t to = std::min<std::size_t>(std::max(span.end, span.begin) - line_begin, line.size());
  std::size_t begin = 0;
  std::size_t end = line.size();
  if (code_points_forward(line, 0, excerpt_width + 1) < line.size()) {
    begin = code_points_back(line, from, excerpt_context);
    end = code_points_forward(line, begin, excerpt_width);
    to = std::min(to, end);
  }
  const std::string_view cut_before = begin > 0 ? "…" : "";
  const std::string_view cut_after = end < line.size() ? "…" : "";
  const std::size_t caret =
      (begin > 0 ? 1 : 0) + code_points(terminal_safe(line.substr(begin, from - begin)));
  std::size_t width = to > from ? code_points(terminal_safe(line.substr(from, to - from))) : 0;
  if (width == 0) width = 1;
  out += fmt::format("{}{:>{}} |{} {}{}{}\n", s.cyan(), start.line, gutter, s.reset(), cut_before,
                     terminal_safe(line.substr(begin, end - begin)), cut_after);
  out += fmt::format("{}{:>{}} |{} {}{}^{}{}\n", s.cyan(), "", gutter, s.reset(), std::string(caret, ' '),
                     marker_colour, std::string(width - 1, '~'), s.reset());
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
