// render_test_report: what `evaluate test` prints.

#include <fmt/format.h>

#include "attain/render.hpp"

namespace attain {

std::string render_test_report(const TestReport& report, const SourceManager& sources, bool color) {
  auto paint = [&](std::string_view code, std::string_view text) {
    return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  };
  std::string out;
  for (const TestOutcome& t : report.tests) {
    out += fmt::format("{}  {}  {}\n", t.passed() ? paint("32", "PASS") : paint("1;31", "FAIL"),
                       terminal_safe(t.id), terminal_safe(t.name));
    if (t.passed()) continue;
    for (const Diagnostic& d : t.errors) {
      out += fmt::format("      {}: the rules could not be evaluated on this test's data\n",
                         terminal_safe(sources.location(t.span)));
      std::string text = render_diagnostic(d, sources, color);
      std::size_t start = 0;
      while (start < text.size()) {  // indented under the test
        const std::size_t end = text.find('\n', start);
        out += "        " + text.substr(start, end == std::string::npos ? std::string::npos : end - start) +
               "\n";
        if (end == std::string::npos) break;
        start = end + 1;
      }
    }
    std::string_view shown;  // a result's commentary is shown once for its failures in a row
    for (const TestFailure& f : t.failures) {
      const SourceFile& file = sources.file(f.span.file);
      const std::string_view line = file.line_text(file.line_col(f.span.begin).line);
      const std::size_t first = line.find_first_not_of(" \t");
      out += fmt::format("      {}: {}\n", terminal_safe(sources.location(f.span)),
                         terminal_safe(first == std::string_view::npos ? line : line.substr(first)));
      out += fmt::format("        expected: {}\n", terminal_safe(f.expected));
      out += fmt::format("        actual:   {}\n", terminal_safe(f.actual));
      if (!f.context.empty() && f.context != shown)
        out += fmt::format("        commentary: {}\n", terminal_safe(f.context));
      shown = f.context;
    }
  }
  out += fmt::format("{} passed, {} failed\n", report.passed, report.failed);
  return out;
}

}  // namespace attain
