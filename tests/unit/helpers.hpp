#pragma once
// Shared helpers for the unit tests: one Session owns the sources and the sink of a run
// and drives the stages in-process; EXPECT_DIAGNOSTIC asserts a diagnostic by code,
// exact message and position (fmt's EXPECT_THROW_MSG idea).

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attain/check.hpp"
#include "attain/commentary.hpp"
#include "attain/dataset.hpp"
#include "attain/diagnostic.hpp"
#include "attain/evaluate.hpp"
#include "attain/parse.hpp"
#include "attain/source.hpp"

namespace attain {

// Readable values in gtest failure messages.
inline void PrintTo(Verdict v, std::ostream* os) {
  *os << to_string(v);
}
inline void PrintTo(Trend t, std::ostream* os) {
  *os << to_string(t);
}
inline void PrintTo(const Decimal& d, std::ostream* os) {
  *os << d.to_string();
}
inline void PrintTo(const Period& p, std::ostream* os) {
  *os << p.to_string() << (p.full_year ? " (full year)" : "");
}

}  // namespace attain

namespace attain::test {

// The repository root, found from this header's own path (tests/unit/helpers.hpp), so
// the tests do not depend on the working directory they are run from.
inline std::filesystem::path repo_root() {
  namespace fs = std::filesystem;
  return fs::weakly_canonical(fs::absolute(fs::path(__FILE__))).parent_path().parent_path().parent_path();
}

// One run: every file read, every diagnostic reported.
struct Session {
  SourceManager sources;
  DiagnosticSink sink;

  const SourceFile& add(std::string path, std::string text) {
    return sources.add(std::move(path), std::move(text));
  }

  std::optional<ast::RuleFile> parse(std::string text, std::string path = "test.rules") {
    return parse_rules(add(std::move(path), std::move(text)), sink);
  }

  // Parses and checks rule files given as (path, text); nullopt after any error.
  std::optional<RuleSet> check(const std::vector<std::pair<std::string, std::string>>& files) {
    const std::size_t errors_before = sink.error_count();
    std::vector<ast::RuleFile> parsed;
    for (const auto& [path, text] : files) {
      if (auto tree = parse_rules(add(path, text), sink)) parsed.push_back(std::move(*tree));
    }
    if (sink.error_count() != errors_before) return std::nullopt;
    std::optional<RuleSet> rules(check_rules(parsed, sink));
    if (!rules || sink.error_count() != errors_before) return std::nullopt;
    return rules;
  }

  std::optional<RuleSet> check(std::string text, std::string path = "test.rules") {
    return check({{std::move(path), std::move(text)}});
  }

  std::optional<Dataset> load(std::string yaml, std::string path = "test.yaml") {
    return load_dataset(add(std::move(path), std::move(yaml)), sink);
  }

  // parse + check + load + evaluate; nullopt if any stage fails.
  std::optional<Results> run(std::string rules, std::string yaml) {
    auto checked = check(std::move(rules));
    auto data = load(std::move(yaml));
    if (!checked || !data) return std::nullopt;
    return evaluate(*checked, *data, sink);
  }

  // Every diagnostic rendered without colour, for failure messages.
  std::string rendered() const {
    std::string out;
    for (const Diagnostic& d : sink.diagnostics()) out += render_diagnostic(d, sources, false);
    return out.empty() ? "(no diagnostics)\n" : out;
  }

  // The first diagnostic with `code`, or nullptr.
  const Diagnostic* find(std::string_view code) const {
    for (const Diagnostic& d : sink.diagnostics()) {
      if (d.code == code) return &d;
    }
    return nullptr;
  }

  std::size_t count(std::string_view code) const {
    std::size_t n = 0;
    for (const Diagnostic& d : sink.diagnostics()) n += d.code == code ? 1 : 0;
    return n;
  }

  // "path:line:col" of a diagnostic, or its path, or "".
  std::string where(const Diagnostic& d) const {
    if (d.span) return sources.location(*d.span);
    return d.path.value_or("");
  }
};

// Holds when the session reported a diagnostic with exactly this code, message and
// location ("path:line:col"; for a diagnostic without a span, its path).
inline ::testing::AssertionResult has_diagnostic(const Session& s, std::string_view code,
                                                 std::string_view message, std::string_view location) {
  for (const Diagnostic& d : s.sink.diagnostics()) {
    if (d.code == code && d.message == message && s.where(d) == location) {
      return ::testing::AssertionSuccess();
    }
  }
  return ::testing::AssertionFailure()
         << "no diagnostic " << code << " '" << message << "' at " << location << "; reported:\n"
         << s.rendered();
}

#define EXPECT_DIAGNOSTIC(session, code, message, location) \
  EXPECT_TRUE(::attain::test::has_diagnostic((session), (code), (message), (location)))

// The help texts of a diagnostic, in order.
inline std::vector<std::string> helps(const Diagnostic& d) {
  std::vector<std::string> out;
  for (const DiagnosticNote& n : d.notes) {
    if (n.kind == DiagnosticNote::Kind::help) out.push_back(n.message);
  }
  return out;
}

// "path:line:col" of the first note of a diagnostic that has a place, or "(no located note)".
inline std::string note_location(const Session& s, const Diagnostic& d) {
  for (const DiagnosticNote& n : d.notes) {
    if (n.span) return s.sources.location(*n.span);
  }
  return "(no located note)";
}

// The note texts (not helps) of a diagnostic, in order.
inline std::vector<std::string> notes(const Diagnostic& d) {
  std::vector<std::string> out;
  for (const DiagnosticNote& n : d.notes) {
    if (n.kind == DiagnosticNote::Kind::note) out.push_back(n.message);
  }
  return out;
}

// A dataset with one table `t` (columns 2019, Mars 2020, Målvärde) for the report period
// 2020-03, whose rows are given as YAML lines indented by six spaces.
// `text` with the first `from` replaced by `to`; throws when `from` is not in it.
inline std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("not in the text: " + std::string(from));
  return text.replace(at, from.size(), to);
}

inline std::string small_dataset(std::string_view rows) {
  std::string out =
      "report:\n"
      "  title: \"Testrapport\"\n"
      "  organisation: \"Testförvaltningen\"\n"
      "  municipality: \"Testkommun\"\n"
      "  period: \"2020-03\"\n"
      "tables:\n"
      "  t:\n"
      "    title: \"Testtabell\"\n"
      "    columns:\n"
      "      - {id: ar_2019, label: \"2019\", kind: actual, period: \"2019\"}\n"
      "      - {id: mars_2020, label: \"Mars 2020\", kind: actual, period: \"2020-03\"}\n"
      "      - {id: malvarde, label: \"Målvärde\", kind: target}\n"
      "    rows:\n";
  out += rows;
  return out;
}

// A rule file with one area `a` holding one indicator `x` ("Mått") with `properties`.
inline std::string one_indicator(std::string_view properties) {
  std::string out = "area a \"A\" {\n  indicator x \"Mått\" {\n";
  out += properties;
  out += "  }\n}\n";
  return out;
}

// Evaluates one indicator with `properties` against one row `r` with `values`
// (three cells: 2019, Mars 2020, Målvärde), in a fresh session.
struct Single {
  Session session;
  std::optional<Results> results;

  Single(std::string_view properties, std::string_view values) {
    results = session.run(one_indicator(std::string(properties) + "    data t.r\n"),
                          small_dataset("      r: {label: \"R\", values: " + std::string(values) + "}\n"));
  }
  const ItemResult& item() const { return results.value().items.at(0); }
};

// Parses `text`, expects it to fail with exactly one diagnostic, and keeps it.
struct SyntaxError {
  explicit SyntaxError(std::string text) {
    tree = s.parse(std::move(text));
    EXPECT_FALSE(tree);
    EXPECT_EQ(s.sink.diagnostics().size(), 1u) << s.rendered();
  }
  const Diagnostic& d() const { return s.sink.diagnostics().at(0); }
  std::vector<std::string> helps() const { return test::helps(d()); }
  // The text the caret underlines.
  std::string found() const { return std::string(s.sources.file(0).slice(*d().span)); }
  Session s;
  std::optional<ast::RuleFile> tree;
};

}  // namespace attain::test
