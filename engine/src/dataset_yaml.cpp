// Stage 1', YAML: the dataset loader's reading of YAML. The engine's only translation unit that
// includes yaml-cpp. yaml-cpp's event API (YAML::Parser + EventHandler) feeds the
// DatasetBuilder directly: no YAML::Node tree is built, so memory is the dataset's, not
// ~50 times the file's. Aliases are replayed from the events of their anchor.

#include <istream>
#include <streambuf>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "dataset_builder.hpp"

namespace attain::detail {

namespace {

// The parser's events, passed on to the builder. An alias repeats what its anchor
// holds without copying it, so a 1 kB "billion laughs" file stands for 10^9 values: the
// events of every anchored node are kept, an alias replays them, and what the aliases
// stand for is counted as they come (E0311 past the limit, E0312 for an alias inside
// its own anchor, which would repeat itself for ever).
class YamlEvents : public YAML::EventHandler {
 public:
  // More values than this reached through aliases, in all, is E0311 (docs/limits.md;
  // the message states the number).
  static constexpr std::uint64_t max_alias_nodes = 1'000'000;

  struct TooMany {
    YAML::Mark mark;
  };
  struct Cycle {
    YAML::Mark mark;
  };

  YamlEvents(const SourceFile& file, DatasetBuilder& builder) : file_(file), builder_(builder) {}

  bool document() const { return document_; }

  void OnDocumentStart(const YAML::Mark&) override { document_ = true; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    leaf(anchor);
    raw({DataEvent::Type::null, at(mark), {}}, anchor);
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    leaf(anchor);
    raw({DataEvent::Type::scalar, at(mark), value}, anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(anchor);
    raw({DataEvent::Type::sequence, at(mark), {}}, anchor);
  }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(anchor);
    raw({DataEvent::Type::map, at(mark), {}}, anchor);
  }
  void OnSequenceEnd() override { end(); }
  void OnMapEnd() override { end(); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    for (const Recording& r : recording_) {
      if (r.anchor == anchor) throw Cycle{mark};
    }
    const auto it = sizes_.find(anchor);
    const std::uint64_t size = it == sizes_.end() ? 1 : it->second;
    total_ += size;
    through_aliases_ += size;
    if (through_aliases_ > max_alias_nodes) throw TooMany{mark};
    for (Recording& r : recording_) r.events.push_back({{}, {}, anchor, true});
    replay(anchor);
  }

 private:
  struct Stored {
    DataEvent event;
    std::string value;
    YAML::anchor_t alias = YAML::NullAnchor;
    bool is_alias = false;
  };
  struct Recording {
    YAML::anchor_t anchor;
    std::size_t level;  // the container depth at which the anchored node started
    std::vector<Stored> events;
  };

  std::uint32_t at(const YAML::Mark& mark) const {
    if (mark.is_null()) return 0;
    return file_.offset_of(static_cast<std::uint32_t>(std::max(mark.line, 0)),
                           static_cast<std::uint32_t>(std::max(mark.column, 0)));
  }

  // Counting (as the alias limit sees it): every node, and what each anchor holds.
  void leaf(YAML::anchor_t anchor) {
    ++total_;
    if (anchor != YAML::NullAnchor) sizes_[anchor] = 1;
  }
  void open(YAML::anchor_t anchor) {
    ++total_;
    open_.push_back({anchor, total_ - 1});
  }

  void raw(const DataEvent& e, YAML::anchor_t anchor) {
    const bool start = e.type == DataEvent::Type::sequence || e.type == DataEvent::Type::map;
    if (start) ++level_;
    for (Recording& r : recording_) r.events.push_back({e, std::string(e.value)});
    if (anchor != YAML::NullAnchor) {
      if (start)
        recording_.push_back({anchor, level_, {{e, std::string(e.value)}}});
      else
        recorded_[anchor] = {{e, std::string(e.value)}};
    }
    builder_.event(e);
  }

  void end() {
    if (!open_.empty()) {
      const auto [anchor, before] = open_.back();
      open_.pop_back();
      if (anchor != YAML::NullAnchor) sizes_[anchor] = total_ - before;
    }
    const DataEvent e{DataEvent::Type::end, 0, {}};
    for (Recording& r : recording_) r.events.push_back({e, {}});
    if (!recording_.empty() && recording_.back().level == level_) {
      recorded_[recording_.back().anchor] = std::move(recording_.back().events);
      recording_.pop_back();
    }
    --level_;
    builder_.event(e);
  }

  void replay(YAML::anchor_t anchor) {
    const auto it = recorded_.find(anchor);
    if (it == recorded_.end()) return;    // yaml-cpp reports an unknown anchor itself
    for (const Stored& s : it->second) {  // references into recorded_ survive rehashing
      if (s.is_alias) {
        replay(s.alias);
        continue;
      }
      DataEvent e = s.event;
      e.value = s.value;
      builder_.event(e);
    }
  }

  const SourceFile& file_;
  DatasetBuilder& builder_;
  bool document_ = false;
  std::size_t level_ = 0;
  std::vector<Recording> recording_;
  std::unordered_map<YAML::anchor_t, std::vector<Stored>> recorded_;
  std::uint64_t total_ = 0;
  std::uint64_t through_aliases_ = 0;
  std::vector<std::pair<YAML::anchor_t, std::uint64_t>> open_;
  std::unordered_map<YAML::anchor_t, std::uint64_t> sizes_;
};

// The file's text as a stream for yaml-cpp, without a copy (an istringstream would hold
// a second copy of a file that may be hundreds of megabytes).
class TextBuffer : public std::streambuf {
 public:
  explicit TextBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // only read: the get area is never written
    setg(begin, begin, begin + text.size());
  }
};

// What yaml-cpp cannot say, or says a line late: read from the text.
class TextChecks {
 public:
  explicit TextChecks(const SourceFile& file) : file_(file) {}

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
    const std::string_view text = file_.text();
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

 public:
  Span point(const YAML::Mark& mark) const {
    if (mark.is_null()) return {file_.id(), 0, 0};
    const auto offset = file_.offset_of(static_cast<std::uint32_t>(std::max(mark.line, 0)),
                                        static_cast<std::uint32_t>(std::max(mark.column, 0)));
    return {file_.id(), offset, offset};
  }

 private:
  const SourceFile& file_;
};

}  // namespace

std::optional<Dataset> load_yaml_dataset(const SourceFile& file, DiagnosticSink& sink, TableSink* tables) {
  DatasetBuilder builder(file, sink, tables);
  const TextChecks text(file);
  const auto point = [&](const YAML::Mark& mark) { return text.point(mark); };
  bool document = false;
  try {
    TextBuffer buffer(file.text());
    std::istream in(&buffer);
    YAML::Parser parser(in);
    YamlEvents events(file, builder);
    // The first document only; a second is an error below. (On some malformed input
    // yaml-cpp reports documents without end, so never loop.)
    parser.HandleNextDocument(events);
    document = events.document();
  } catch (const YamlEvents::TooMany& e) {
    const Span at = point(e.mark);
    sink.error("E0311", Span{at.file, at.begin, at.begin + 1},
               "YAML aliases here stand for more than 1 000 000 values in all; the file is not loaded")
        .help(
            "an alias (*name) repeats what its anchor (&name) holds; write the values out instead of "
            "nesting aliases of aliases");
    return std::nullopt;
  } catch (const YamlEvents::Cycle& e) {
    const Span at = point(e.mark);
    sink.error("E0312", Span{at.file, at.begin, at.begin + 1},
               "this alias stands inside the node its anchor names, so it would repeat itself for ever")
        .help("an alias (*name) can only repeat a node that ends before it");
    return std::nullopt;
  } catch (const YAML::DeepRecursion& e) {
    sink.error("E0301", point(e.mark),
               "malformed YAML: nested deeper than the YAML reader allows (about 500 levels)")
        .help(
            "a dataset nests tables, rows and their breakdowns a few levels deep; look for unclosed "
            "'[' or '{'");
    return std::nullopt;
  } catch (const YAML::ParserException& e) {
    const Span at = point(e.mark);
    Diagnostic& d = sink.error("E0301", at, fmt::format("malformed YAML: {}", e.msg));
    if (const auto suspect = text.suspect_before(file.line_col(at.begin).line))
      d.note(suspect->first, suspect->second);
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    sink.error("E0301", Span{file.id(), 0, 0}, fmt::format("malformed YAML: {}", e.msg));
    return std::nullopt;
  }
  if (const auto quote = text.quote_never_closed()) {
    sink.error("E0301", Span{file.id(), *quote, *quote + 1},
               "malformed YAML: this quote is never closed; everything after it up to the end of the file "
               "would be one text")
        .help("close the quote on its line");
    return std::nullopt;
  }
  if (const auto second = text.second_document()) {
    sink.error("E0301", Span{file.id(), *second, *second + 3},
               "malformed YAML: a second document starts here; a dataset is one YAML document")
        .help("remove this line, or put the second dataset in a file of its own");
    return std::nullopt;
  }
  return builder.finish(document);
}

}  // namespace attain::detail
