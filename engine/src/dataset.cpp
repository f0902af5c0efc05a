// Stage 1': the dataset loader. The only translation unit that includes yaml-cpp.

#include "attain/dataset.hpp"

#include <cctype>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

namespace attain {

namespace {

bool valid_id(std::string_view id) {
  if (id.empty()) return false;
  auto first = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!first(id[0])) return false;
  for (char c : id) {
    if (!first(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

// YAML aliases repeat a node without copying it, so a 1 kB "billion laughs" file stands
// for 10^9 nodes, and a loader that walks the tree walks every repetition. Before the
// tree is built, this counts what the aliases stand for, from the parser's events.
class AliasBudget : public YAML::EventHandler {
 public:
  // More nodes than this reached through aliases, in all, is E0311 (docs/limits.md;
  // the message states the number).
  static constexpr std::uint64_t max_alias_nodes = 1'000'000;

  struct Exceeded {
    YAML::Mark mark;  // the alias that went over the limit
  };

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t anchor) override { leaf(anchor); }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t anchor, const std::string&) override {
    leaf(anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = sizes_.find(anchor);
    const std::uint64_t size = it == sizes_.end() ? 1 : it->second;
    total_ += size;
    through_aliases_ += size;
    if (through_aliases_ > max_alias_nodes) throw Exceeded{mark};
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  void leaf(YAML::anchor_t anchor) {
    ++total_;
    if (anchor != YAML::NullAnchor) sizes_[anchor] = 1;
  }
  void open(YAML::anchor_t anchor) {
    ++total_;
    open_.push_back({anchor, total_ - 1});
  }
  void close() {
    if (open_.empty()) return;
    const auto [anchor, before] = open_.back();
    open_.pop_back();
    if (anchor != YAML::NullAnchor) sizes_[anchor] = total_ - before;
  }

  std::uint64_t total_ = 0;
  std::uint64_t through_aliases_ = 0;
  std::vector<std::pair<YAML::anchor_t, std::uint64_t>> open_;
  std::map<YAML::anchor_t, std::uint64_t> sizes_;
};

class Loader {
 public:
  Loader(const SourceFile& file, DiagnosticSink& sink) : file_(file), sink_(sink) {}

  std::optional<Dataset> run() {
    if (!check_utf8(file_, sink_)) return std::nullopt;
    YAML::Node root;
    try {
      if (file_.text().find('*') != std::string::npos && !aliases_within_budget()) return std::nullopt;
      root = YAML::Load(file_.text());
    } catch (const YAML::DeepRecursion& e) {
      error("E0301", point(e.mark),
            "malformed YAML: nested deeper than the YAML reader allows (about 500 levels)")
          .help(
              "a dataset nests tables, rows and their breakdowns a few levels deep; look for unclosed "
              "'[' or '{'");
      return std::nullopt;
    } catch (const YAML::ParserException& e) {
      const Span at = point(e.mark);
      Diagnostic& d = error("E0301", at, fmt::format("malformed YAML: {}", e.msg));
      if (const auto suspect = suspect_before(file_.line_col(at.begin).line))
        d.note(suspect->first, suspect->second);
      return std::nullopt;
    } catch (const YAML::Exception& e) {
      error("E0301", Span{file_.id(), 0, 0}, fmt::format("malformed YAML: {}", e.msg));
      return std::nullopt;
    }
    if (const auto quote = quote_never_closed()) {
      error("E0301", Span{file_.id(), *quote, *quote + 1},
            "malformed YAML: this quote is never closed; everything after it up to the end of the file "
            "would be one text")
          .help("close the quote on its line");
      return std::nullopt;
    }
    if (const auto second = second_document()) {
      error("E0301", Span{file_.id(), *second, *second + 3},
            "malformed YAML: a second document starts here; a dataset is one YAML document")
          .help("remove this line, or put the second dataset in a file of its own");
      return std::nullopt;
    }
    Dataset out;
    out.file = file_.id();
    if (!root.IsMap()) {
      error("E0304", span(root), "a dataset must be a map with the keys 'report' and 'tables'");
      return std::nullopt;
    }
    Fields fields = map_fields(root, {"report", "tables"});
    if (auto report = required(root, fields, "report")) load_report(*report, out.report);
    if (auto tables = required(root, fields, "tables")) load_tables(*tables, out.tables);
    if (failed_) return std::nullopt;
    return out;
  }

 private:
  using Fields = std::vector<std::pair<std::string, YAML::Node>>;

  Diagnostic& error(std::string code, Span at, std::string message) {
    failed_ = true;
    return sink_.error(std::move(code), at, std::move(message));
  }

  // E0311 when the file's aliases stand for too many nodes (see AliasBudget). Parse
  // errors are left to YAML::Load, which reports them the same way.
  bool aliases_within_budget() {
    std::istringstream in(file_.text());
    YAML::Parser parser(in);
    AliasBudget budget;
    try {
      // The first document only: YAML::Load reads no other, and a second is an error. (On
      // some malformed input yaml-cpp reports documents without end, so never loop.)
      parser.HandleNextDocument(budget);
    } catch (const AliasBudget::Exceeded& e) {
      const Span at = point(e.mark);
      error("E0311", {at.file, at.begin, at.begin + 1},
            "YAML aliases here stand for more than 1 000 000 values in all; the file is not loaded")
          .help(
              "an alias (*name) repeats what its anchor (&name) holds; write the values out instead of "
              "nesting aliases of aliases");
      return false;
    } catch (const YAML::Exception&) {
    }
    return true;
  }

  // YAML::Load reads the first document and ignores the rest: the offset of a line that
  // starts another one ("---" after content, or content after "..."), if any.
  std::optional<std::uint32_t> second_document() const {
    bool content = false;
    bool ended = false;
    for (std::uint32_t line = 1; line <= file_.line_count(); ++line) {
      const std::string_view text = file_.line_text(line);
      const auto marker = [&](std::string_view m) {
        return text.starts_with(m) && (text.size() == 3 || text[3] == ' ' || text[3] == '\t');
      };
      const std::size_t first = text.find_first_not_of(" \t");
      const bool blank = first == std::string_view::npos || text[first] == '#';
      if (marker("---") && content) return file_.offset_of(line - 1, 0);
      if (marker("...")) {
        ended = content;
        continue;
      }
      if (!blank && !marker("---") && !text.starts_with('%')) {
        if (ended) return file_.offset_of(line - 1, 0);
        content = true;
      }
    }
    return std::nullopt;
  }

  // yaml-cpp accepts a double-quoted scalar left open at the end of the file, swallowing
  // every line after it. The offset of a '"' that starts a scalar and is never closed.
  std::optional<std::uint32_t> quote_never_closed() const {
    const std::string& text = file_.text();
    char before = '\n';  // the last character outside scalars that is not a space
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n')) {
        while (i < text.size() && text[i] != '\n') ++i;
        before = '\n';
        continue;
      }
      if (c == '"' && (before == '\n' || before == ':' || before == '-' || before == '[' || before == '{' ||
                       before == ',' || before == '?')) {
        const std::size_t open = i;
        for (++i; i < text.size() && text[i] != '"'; ++i) {
          if (text[i] == '\\') ++i;
        }
        if (i >= text.size()) return static_cast<std::uint32_t>(open);
        before = '"';
        continue;
      }
      if (c != ' ' && c != '\t' && c != '\r') before = c;
    }
    return std::nullopt;
  }

  // A line indented less than the one above it, but not as far back as any line above it
  // (`values:` one space left of `label:`): yaml-cpp says "end of map not found".
  std::optional<std::pair<std::string, Span>> stray_indentation(std::uint32_t line) const {
    const auto indentation = [&](std::uint32_t l) -> std::optional<std::size_t> {
      const std::string_view text = file_.line_text(l);
      const std::size_t first = text.find_first_not_of(' ');
      if (first == std::string_view::npos || text[first] == '#') return std::nullopt;
      return first;
    };
    const auto mine = indentation(line);
    if (!mine || *mine == 0) return std::nullopt;
    std::optional<std::size_t> above;
    for (std::uint32_t l = line - 1; l >= 1; --l) {
      const auto other = indentation(l);
      if (!other) continue;
      if (!above) {
        above = other;
        if (*other <= *mine) return std::nullopt;  // not a step back
      }
      if (*other == *mine) return std::nullopt;  // lines up with an outer key
      if (*other < *mine) break;
    }
    if (!above) return std::nullopt;
    const std::uint32_t at = file_.offset_of(line - 1, static_cast<std::uint32_t>(*mine));
    return std::pair{
        fmt::format("this line is indented {} spaces, in line with no key above it; the keys of one "
                    "map stand exactly below each other",
                    *mine),
        Span{file_.id(), at, at + 1}};
  }

  // yaml-cpp often reports a mistake where it gave up, a line or two later. Looks at the
  // error's line and the two non-blank lines above it for the usual causes: a tab or a
  // stray step in the indentation, a quote or a bracket not closed on its line, or a key
  // without its ':'. The note says what it saw.
  std::optional<std::pair<std::string, Span>> suspect_before(std::uint32_t error_line) const {
    std::vector<std::uint32_t> lines;
    for (std::uint32_t line = error_line; line >= 1 && lines.size() < 3; --line) {
      const std::string_view text = file_.line_text(line);
      const std::size_t first = text.find_first_not_of(" \t");
      if (first != std::string_view::npos && text[first] != '#') lines.push_back(line);
    }
    if (const auto tab = indenting_tab(error_line)) {
      return std::pair{std::string("YAML indents with spaces only; this line is indented with a tab"),
                       Span{file_.id(), *tab, *tab + 1}};
    }
    if (const auto indent = stray_indentation(error_line)) return indent;
    for (const std::uint32_t line : lines) {
      const std::string_view text = file_.line_text(line);
      const std::uint32_t begin = file_.offset_of(line - 1, 0);
      std::optional<std::size_t> open_quote;
      std::vector<std::size_t> open_brackets;
      bool colon = false;
      for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (open_quote) {
          if (c == '\\')
            ++i;
          else if (c == '"')
            open_quote.reset();
          continue;
        }
        if (c == '#' && (i == 0 || text[i - 1] == ' ')) break;
        if (c == '"') open_quote = i;
        if (c == '[' || c == '{') open_brackets.push_back(i);
        if ((c == ']' || c == '}') && !open_brackets.empty()) open_brackets.pop_back();
        if (c == ':' && (i + 1 == text.size() || text[i + 1] == ' ')) colon = true;
      }
      const auto at = [&](std::size_t i) {
        return Span{file_.id(), static_cast<std::uint32_t>(begin + i),
                    static_cast<std::uint32_t>(begin + i + 1)};
      };
      if (open_quote) return std::pair{std::string("this quote is not closed on its line"), at(*open_quote)};
      if (!open_brackets.empty()) {
        const char bracket = text[open_brackets.back()];
        return std::pair{fmt::format("this '{}' is not closed on its line", bracket),
                         at(open_brackets.back())};
      }
      const std::size_t first = text.find_first_not_of(" \t");
      if (line != error_line && !colon && std::isalpha(static_cast<unsigned char>(text[first]))) {
        const std::size_t end = text.find_first_of(" \t", first);
        if (end != std::string_view::npos) {
          return std::pair{fmt::format("no ':' after '{}' on this line", text.substr(first, end - first)),
                           at(end)};
        }
      }
    }
    return std::nullopt;
  }

  // The offset of a tab in the indentation of line `last` or the nearest line above it
  // that has one, the usual cause of yaml-cpp's puzzling "illegal map value".
  std::optional<std::uint32_t> indenting_tab(std::uint32_t last) const {
    for (std::uint32_t line = last; line >= 1 && line + 3 > last; --line) {
      const std::string_view text = file_.line_text(line);
      const std::uint32_t begin = file_.offset_of(line - 1, 0);
      for (std::size_t i = 0; i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i) {
        if (text[i] == '\t') return static_cast<std::uint32_t>(begin + i);
      }
    }
    return std::nullopt;
  }

  Span point(const YAML::Mark& mark) const {
    if (mark.is_null()) return {file_.id(), 0, 0};
    const auto offset = file_.offset_of(static_cast<std::uint32_t>(std::max(mark.line, 0)),
                                        static_cast<std::uint32_t>(std::max(mark.column, 0)));
    return {file_.id(), offset, offset};
  }

  // The span of a node's text: a quoted scalar to its closing quote, a plain scalar to
  // the next ',' ']' '}' or '#' (or the end of the line), anything else one character.
  Span span(const YAML::Node& node) const {
    Span s = point(node.Mark());
    const std::string& text = file_.text();
    std::uint32_t end = s.begin;
    if (end >= text.size()) return s;
    const char first = text[end];
    if (first == '"' || first == '\'') {
      ++end;
      while (end < text.size() && text[end] != '\n') {
        if (text[end] == '\\' && first == '"') {
          end += 2;
          continue;
        }
        if (text[end++] == first) break;
      }
    } else if (node.IsScalar()) {
      std::uint32_t last = end;
      while (end < text.size() && text[end] != '\n' && text[end] != ',' && text[end] != ']' &&
             text[end] != '}' && !(text[end] == '#' && end > s.begin && text[end - 1] == ' ')) {
        if (text[end] != ' ' && text[end] != '\r') last = end + 1;
        ++end;
      }
      end = std::max(last, s.begin + 1);
    } else {
      end = s.begin + 1;
    }
    s.end = std::min<std::uint32_t>(end, static_cast<std::uint32_t>(text.size()));
    return s;
  }

  // The keys of a map, checked: scalar, not repeated, and one of `known` (if given).
  Fields map_fields(const YAML::Node& map, const std::vector<std::string>& known) {
    Fields fields;
    std::map<std::string, Span> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
      // yaml-cpp's iterator hands out a temporary pair: copy the nodes (they are handles).
      const YAML::Node key = it->first;
      const YAML::Node value = it->second;
      if (!key.IsScalar()) {
        error("E0304", span(key), "a key must be a plain name");
        continue;
      }
      const std::string& name = key.Scalar();
      auto [first, inserted] = seen.emplace(name, span(key));
      if (!inserted) {
        error("E0306", span(key), fmt::format("duplicate key '{}'", name))
            .note("first given here", first->second);
        continue;
      }
      if (!known.empty() && std::find(known.begin(), known.end(), name) == known.end()) {
        Diagnostic& d = error("E0305", span(key), fmt::format("unknown key '{}'", name));
        if (name.find("\xC2\xA0") != std::string::npos)
          d.help(
              "the key holds no-break spaces (U+00A0), which YAML does not read as indentation: indent with "
              "ordinary spaces");
        else if (auto best = closest_match(name, known))
          d.help(fmt::format("did you mean '{}'?", *best));
        else
          d.help(fmt::format("expected one of: {}", fmt::join(known, ", ")));
        continue;
      }
      fields.emplace_back(name, value);
    }
    return fields;
  }

  static std::optional<YAML::Node> field(const Fields& fields, std::string_view name) {
    for (const auto& [k, v] : fields) {
      if (k == name) return v;
    }
    return std::nullopt;
  }

  std::optional<YAML::Node> required(const YAML::Node& map, const Fields& fields, std::string_view name) {
    if (auto v = field(fields, name)) return v;
    error("E0303", span(map), fmt::format("missing key '{}'", name));
    return std::nullopt;
  }

  std::optional<std::string> scalar(const YAML::Node& node, std::string_view what) {
    if (node.IsScalar()) return node.Scalar();
    error("E0304", span(node), fmt::format("{} must be a single value", what));
    return std::nullopt;
  }

  void invalid_id(Span where, const std::string& id, std::string_view what) {
    error("E0307", where, fmt::format("'{}' is not a valid {} id", id, what))
        .help(
            "ids use the ASCII letters a-z and A-Z, digits and _, do not start with a digit, and have "
            "no å, ä or ö (write a, a, o)");
  }

  std::optional<std::string> id_of(const YAML::Node& key, std::string_view what) {
    const std::string& id = key.Scalar();
    if (valid_id(id)) return id;
    invalid_id(span(key), id, what);
    return std::nullopt;
  }

  std::optional<Period> period(const YAML::Node& node) {
    auto text = scalar(node, "a period");
    if (!text) return std::nullopt;
    if (auto p = parse_period(*text)) return p;
    error("E0308", span(node), fmt::format("cannot read '{}' as a period", *text))
        .help("write \"2019\" for a full year or \"2020-03\" for the year to date through March");
    return std::nullopt;
  }

  void load_report(const YAML::Node& node, ReportInfo& report) {
    if (!node.IsMap()) {
      error("E0304", span(node), "'report' must be a map with title, organisation, municipality and period");
      return;
    }
    Fields f = map_fields(node, {"title", "organisation", "municipality", "period"});
    if (auto v = required(node, f, "title")) report.title = scalar(*v, "'title'").value_or("");
    if (auto v = field(f, "organisation")) report.organisation = scalar(*v, "'organisation'").value_or("");
    if (auto v = field(f, "municipality")) report.municipality = scalar(*v, "'municipality'").value_or("");
    if (auto v = required(node, f, "period")) {
      if (auto p = period(*v)) report.period = *p;
    }
  }

  // Calls f(id, key span, value) for each entry of a map keyed by ids (tables, rows),
  // reporting keys that are not valid ids or that repeat.
  template <typename F>
  void for_each_entry(const YAML::Node& map, std::string_view what, F&& f) {
    std::map<std::string, Span> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
      const YAML::Node key = it->first;  // copies: the iterator's pair is a temporary
      const YAML::Node value = it->second;
      if (!key.IsScalar()) {
        error("E0304", span(key), fmt::format("a {} id must be a plain name", what));
        continue;
      }
      auto id = id_of(key, what);
      if (!id) continue;
      auto [first, inserted] = seen.emplace(*id, span(key));
      if (!inserted) {
        error("E0306", span(key), fmt::format("duplicate {} '{}'", what, *id))
            .note("first given here", first->second);
        continue;
      }
      f(*id, span(key), value);
    }
  }

  void load_tables(const YAML::Node& node, std::vector<Table>& tables) {
    if (!node.IsMap()) {
      error("E0304", span(node), "'tables' must be a map from table id to table");
      return;
    }
    for_each_entry(node, "table", [&](const std::string& id, Span key, const YAML::Node& body) {
      Table table;
      table.id = id;
      table.span = key;
      load_table(body, table);
      tables.push_back(std::move(table));
    });
  }

  void load_table(const YAML::Node& node, Table& table) {
    if (!node.IsMap()) {
      error("E0304", span(node), fmt::format("table '{}' must be a map with columns and rows", table.id));
      return;
    }
    Fields f = map_fields(node, {"title", "unit", "columns", "rows"});
    if (auto v = field(f, "title")) table.title = scalar(*v, "'title'").value_or("");
    if (auto v = field(f, "unit")) table.unit = scalar(*v, "'unit'");
    if (auto v = required(node, f, "columns")) load_columns(*v, table);
    if (auto v = required(node, f, "rows")) load_rows(*v, table, table.rows);
  }

  void load_columns(const YAML::Node& node, Table& table) {
    if (!node.IsSequence()) {
      error("E0304", span(node), "'columns' must be a list of {id, label, kind, period}");
      return;
    }
    static const std::vector<std::string> kinds = {"actual", "forecast", "budget",
                                                   "frame",  "target",   "deviation"};
    for (const YAML::Node& c : node) {
      if (!c.IsMap()) {
        error("E0304", span(c),
              "a column must be a map such as {id: mars_2020, label: \"Mars 2020\", period: \"2020-03\"}");
        continue;
      }
      Fields f = map_fields(c, {"id", "label", "kind", "period"});
      Column column;
      column.span = span(c);
      if (auto v = required(c, f, "id")) {
        if (auto id = scalar(*v, "a column id")) {
          if (valid_id(*id))
            column.id = *id;
          else
            invalid_id(span(*v), *id, "column");
          if (table.column(*id)) error("E0306", span(*v), fmt::format("duplicate column '{}'", *id));
        }
      }
      if (auto v = field(f, "label")) column.label = scalar(*v, "'label'").value_or("");
      if (column.label.empty()) column.label = column.id;
      if (auto v = field(f, "kind")) {
        const std::string kind = scalar(*v, "'kind'").value_or("");
        auto found = std::find(kinds.begin(), kinds.end(), kind);
        if (found == kinds.end()) {
          Diagnostic& d = error("E0309", span(*v), fmt::format("unknown column kind '{}'", kind));
          if (auto best = closest_match(kind, kinds))
            d.help(fmt::format("did you mean '{}'?", *best));
          else
            d.help("kinds are: actual, forecast, budget, frame, target, deviation");
        } else {
          column.kind = static_cast<ColumnKind>(found - kinds.begin());
        }
      }
      if (auto v = field(f, "period")) column.period = period(*v);
      table.columns.push_back(std::move(column));
    }
  }

  void load_rows(const YAML::Node& node, const Table& table, std::vector<Row>& rows) {
    if (!node.IsMap()) {
      error("E0304", span(node), "'rows' must be a map from row id to row");
      return;
    }
    for_each_entry(node, "row", [&](const std::string& id, Span key, const YAML::Node& body) {
      Row row;
      row.id = id;
      row.span = key;
      if (!body.IsMap()) {
        error("E0304", span(body), fmt::format("row '{}' must be a map with label and values", row.id));
        return;
      }
      Fields f = map_fields(body, {"label", "values", "rows"});
      if (auto v = field(f, "label")) row.label = scalar(*v, "'label'").value_or("");
      if (row.label.empty()) row.label = row.id;
      if (auto v = field(f, "values")) load_values(*v, table, row);
      if (auto v = field(f, "rows")) load_rows(*v, table, row.rows);
      rows.push_back(std::move(row));
    });
  }

  void load_values(const YAML::Node& node, const Table& table, Row& row) {
    if (!node.IsSequence()) {
      error("E0304", span(node),
            "'values' must be a list with one cell per column, such as [I.U., \"90 %\", \"91 %\", \"92 %\"]");
      return;
    }
    if (node.size() != table.columns.size()) {
      Diagnostic& d = error("E0310", span(node),
                            fmt::format("row '{}' has {} {} but table '{}' has {} {}", row.id, node.size(),
                                        node.size() == 1 ? "cell" : "cells", table.id, table.columns.size(),
                                        table.columns.size() == 1 ? "column" : "columns"));
      d.help("give one cell per column, in column order; write null for a blank cell");
      for (const auto& item : node) {
        if (item.IsScalar() && (item.Scalar().find("\u201C") != std::string::npos ||
                                item.Scalar().find("\u201D") != std::string::npos)) {
          d.help(
              "\u201C and \u201D are not quotes to YAML, so a decimal comma between them splits the cell: "
              "write "
              "straight quotes \"");
          break;
        }
      }
      return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      row.values.push_back(cell(node[i], table.columns[i]));
    }
  }

  Value cell(const YAML::Node& node, const Column& column) {
    Value v;
    v.span = span(node);
    if (node.IsNull()) return v;  // blank
    if (!node.IsScalar()) {
      error("E0304", v.span, "a cell must be a single value");
      return v;
    }
    std::string why;
    if (auto read = read_cell(node.Scalar(), v.span, column.kind == ColumnKind::target, why)) {
      if (read->is_number() && dot_may_group_thousands(read->text)) {
        sink_
            .warning("W0307", v.span,
                     fmt::format("'{}' is read as {}; a '.' before exactly three digits may group thousands",
                                 read->text, format_sv(read->number.trimmed())))
            .help("write 62 500 for sixty-two thousand five hundred, or 62,5 for a decimal");
      }
      return *read;
    }
    v.text = node.Scalar();
    error("E0302", v.span, why)
        .help(
            "write numbers as the report does (5,5  62 500  91 %  −143) or a marker: I.U. (no data), N/A or "
            "- (not applicable), .. (not yet published), x (confidential), null (blank)");
    return v;
  }

  const SourceFile& file_;
  DiagnosticSink& sink_;
  bool failed_ = false;
};

}  // namespace

std::string_view to_string(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::actual:
      return "actual";
    case ColumnKind::forecast:
      return "forecast";
    case ColumnKind::budget:
      return "budget";
    case ColumnKind::frame:
      return "frame";
    case ColumnKind::target:
      return "target";
    case ColumnKind::deviation:
      return "deviation";
  }
  return "?";
}

const Column* Table::column(std::string_view wanted) const {
  for (const Column& c : columns) {
    if (c.id == wanted) return &c;
  }
  return nullptr;
}

std::optional<std::size_t> Table::column_index(std::string_view wanted) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].id == wanted) return i;
  }
  return std::nullopt;
}

const Row* Table::row(std::string_view wanted) const {
  for (const Row& r : rows) {
    if (r.id == wanted) return &r;
  }
  return nullptr;
}

const Table* Dataset::table(std::string_view wanted) const {
  for (const Table& t : tables) {
    if (t.id == wanted) return &t;
  }
  return nullptr;
}

std::optional<Dataset> load_dataset(const SourceFile& file, DiagnosticSink& sink) {
  return Loader(file, sink).run();
}

}  // namespace attain
