// Stage 1', JSON: a dataset written as JSON (the schema of docs/datasets.md), for data
// made by machines in bulk. The only translation unit that includes simdjson. Its
// on-demand parser walks the text in place and feeds the DatasetBuilder the same events
// as YAML does, so every check, message and location is shared.

#include <simdjson.h>

#include <fmt/format.h>

#include <exception>
#include <stdexcept>
#include <thread>
#include "dataset_builder.hpp"

namespace attain::detail {

namespace {

namespace od = simdjson::ondemand;

// simdjson's message for an error, in the style of ours: lowercase, no final period.
std::string message_of(simdjson::error_code code) {
  switch (code) {
    case simdjson::TAPE_ERROR:
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
      return "a '[' or '{' is not closed, or a ',' or ':' is missing or one too many";
    case simdjson::UNCLOSED_STRING:
      return "this string is not closed: a '\"' is missing";
    case simdjson::DEPTH_ERROR:
      return "nested deeper than the JSON reader allows (1 000 levels)";
    case simdjson::STRING_ERROR:
      return "a string holds an invalid escape (write \\\" for a quote and \\\\ for a backslash)";
    case simdjson::T_ATOM_ERROR:
      return "expected 'true' here";
    case simdjson::F_ATOM_ERROR:
      return "expected 'false' here";
    case simdjson::N_ATOM_ERROR:
      return "expected 'null' here";
    case simdjson::EMPTY:
      return "the file holds no JSON value";
    case simdjson::TRAILING_CONTENT:
      return "more text after the end of the dataset";
    case simdjson::INCORRECT_TYPE:
      return "this is not a JSON value (text must be in double quotes)";
    default:
      break;
  }
  std::string text = simdjson::error_message(code);
  if (!text.empty() && text.back() == '.') text.pop_back();
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

// Where the members of a file's "tables" object are, found by a scan that knows only
// strings and brackets: enough to read each table by itself (JsonWalk::tables). Only a
// plain layout is split: one top-level object with one "tables" key whose value is an
// object of objects, keys without escapes. Anything else, malformed JSON included, is
// read whole, so its messages are those of the whole file.
struct TableSplit {
  struct Member {
    std::uint32_t key;         // its opening quote
    std::string_view name;     // the key, between the quotes
    std::uint64_t hash = 0;    // of the name (FNV-1a): compared without reading the text again
    std::uint32_t begin, end;  // the table: its '{' to just after its '}'
  };
  std::uint32_t open = 0;   // the tables object's '{'
  std::uint32_t close = 0;  // its '}'
  std::vector<Member> members;
};

class SplitScan {
 public:
  // `file`, when given, is the file whose text from byte `skip` on is `text`: the pages
  // scanned go back every few MB (SourceFile::release).
  explicit SplitScan(std::string_view text, const SourceFile* file = nullptr, std::size_t skip = 0)
      : t_(text), file_(file), skip_(skip) {}

  std::optional<TableSplit> run(std::size_t from) {
    i_ = from;
    if (!ws() || t_[i_] != '{') return std::nullopt;
    ++i_;
    TableSplit split;
    bool found = false;
    for (bool first = true;; first = false) {
      if (!ws()) return std::nullopt;
      if (t_[i_] == '}' && first) break;
      std::uint32_t key = 0;
      std::string_view name;
      if (!string(key, name) || !colon()) return std::nullopt;
      if (name == "tables") {
        if (found || t_[i_] != '{') return std::nullopt;  // a second one: read whole, reported there
        found = true;
        if (!tables(split)) return std::nullopt;
      } else if (!value()) {
        return std::nullopt;
      }
      if (!ws()) return std::nullopt;
      if (t_[i_] == '}') break;
      if (t_[i_++] != ',') return std::nullopt;
    }
    ++i_;
    if (!found || split.members.empty() || ws()) return std::nullopt;  // nothing to gain, or trailing text
    return split;
  }

 private:
  // Skips whitespace; false at the end of the text.
  bool ws() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\r' || t_[i_] == '\t')) ++i_;
    return i_ < t_.size();
  }
  bool colon() {
    if (!ws() || t_[i_] != ':') return false;
    ++i_;
    return ws();
  }
  // A key: a string of printable characters without escapes, in UTF-8 (simdjson never
  // sees the tables' keys, so they are checked here as strictly as it would).
  bool string(std::uint32_t& at, std::string_view& name) {
    if (t_[i_] != '"') return false;
    at = static_cast<std::uint32_t>(i_);
    std::size_t close = i_ + 1;
    while (close < t_.size() && t_[close] != '"' && t_[close] != '\\' &&
           static_cast<unsigned char>(t_[close]) >= 0x20)
      ++close;
    if (close >= t_.size() || t_[close] != '"') return false;
    name = t_.substr(i_ + 1, close - i_ - 1);
    if (first_invalid_utf8(name)) return false;
    i_ = close + 1;
    return true;
  }
  // Skips a value: strings with their escapes, objects and arrays by depth, anything else
  // to the next ',' '}' or ']' (the parse of the piece that holds it checks it).
  bool value() {
    const char c = t_[i_];
    if (c == '"') return skip_string();
    if (c != '{' && c != '[') {
      while (i_ < t_.size() && t_[i_] != ',' && t_[i_] != '}' && t_[i_] != ']') ++i_;
      return true;
    }
    static constexpr std::array<std::uint8_t, 256> kind = [] {
      std::array<std::uint8_t, 256> k{};
      k['"'] = 1;
      k['{'] = k['['] = 2;
      k['}'] = k[']'] = 3;
      return k;
    }();
    int depth = 0;
    while (i_ < t_.size()) {
      switch (kind[static_cast<unsigned char>(t_[i_])]) {
        case 1:
          if (!skip_string()) return false;
          continue;
        case 2:
          ++depth;
          break;
        case 3:
          if (--depth == 0) {
            ++i_;
            return true;
          }
          break;
        default:
          break;
      }
      ++i_;
    }
    return false;
  }
  // From a string's opening quote to just after its closing one.
  bool skip_string() {
    for (std::size_t j = i_ + 1;;) {
      j = t_.find_first_of("\"\\", j);
      if (j == std::string_view::npos) return false;
      if (t_[j] == '"') {
        i_ = j + 1;
        return true;
      }
      j += 2;
    }
  }
  bool tables(TableSplit& split) {
    split.open = static_cast<std::uint32_t>(i_);
    ++i_;
    for (bool first = true;; first = false) {
      if (!ws()) return false;
      if (t_[i_] == '}' && first) break;
      TableSplit::Member m{};
      if (!string(m.key, m.name) || !colon() || t_[i_] != '{') return false;
      m.hash = 14695981039346656037ull;
      for (const char c : m.name) m.hash = (m.hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
      m.begin = static_cast<std::uint32_t>(i_);
      if (!value()) return false;
      m.end = static_cast<std::uint32_t>(i_);
      split.members.push_back(m);
      if (file_ && i_ - released_ >= (std::size_t{4} << 20)) {
        file_->release(skip_ + released_, skip_ + i_);
        released_ = i_;
      }
      if (!ws()) return false;
      if (t_[i_] == '}') break;
      if (t_[i_++] != ',') return false;
    }
    split.close = static_cast<std::uint32_t>(i_);
    ++i_;
    return true;
  }

  std::string_view t_;
  std::size_t i_ = 0;
  const SourceFile* file_;
  std::size_t skip_;
  std::size_t released_ = 0;  // the text before it is given back
};

// Where the second half of the tables begins (by bytes), or members.size() when the
// tables are read on one thread: when a thread is not worth it (less than 4 MB of
// tables, or fewer than 8), or a table id repeats (the builder finds a repeat only
// among the entries it is fed).
std::size_t second_half(const TableSplit& split) {
  const std::size_t n = split.members.size();
  if (n < 8) return n;
  const std::uint64_t total = split.members.back().end - split.members.front().begin;
  if (total < (std::uint64_t{4} << 20)) return n;
  // By the names' hashes, and only names of equal hashes compared: the text of a mapped
  // file is not read again (the kernel would map pages around each name).
  std::vector<std::pair<std::uint64_t, std::string_view>> names;
  names.reserve(n);
  for (const TableSplit::Member& m : split.members) names.emplace_back(m.hash, m.name);
  std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n && names[j].first == names[i].first; ++j) {
      if (names[j].second == names[i].second) return n;
    }
  }
  std::size_t half = 0;
  while (half < n && split.members[half].end - split.members.front().begin < total / 2) ++half;
  return std::clamp<std::size_t>(half, 1, n - 1);
}

class JsonWalk {
 public:
  // `data` is where the parsed text starts: `skip` bytes into the file. `depth`: the
  // levels the text is nested in (a table read on its own is inside two).
  JsonWalk(const char* data, std::uint32_t skip, DatasetBuilder& builder, int depth = 0)
      : data_(data), skip_(skip), builder_(builder), depth_(depth) {}

  // The text walked is the file with the tables' members cut out (TableSplit, whose
  // offsets are into `file_text`, the text parsed): offsets after `split.open` are
  // `split.close - split.open - 1` further on in the file, and the tables object is read
  // from `split`'s pieces, one table at a time.
  void cut(const TableSplit* split, const char* file_text, std::size_t threads, const SourceFile* file) {
    split_ = split;
    file_text_ = file_text;
    threads_ = threads;
    file_ = file;
  }

  // The byte offset of the last token read: where a parse error is reported.
  std::uint32_t last() const { return last_; }

  // Deeper than this is an error. simdjson's on-demand reader keeps a position per level
  // for 1 024 levels (its parser's default) and only asserts the bound in debug builds, so
  // the walk stops well before; each level is also a call here.
  static constexpr int max_depth = 1000;

  void value(od::value v) {
    const std::string_view token = v.raw_json_token();
    const std::uint32_t at = offset(token.data());
    const od::json_type type = v.type().value();
    if ((type == od::json_type::object || type == od::json_type::array) && depth_ >= max_depth)
      throw simdjson::simdjson_error(simdjson::DEPTH_ERROR);
    struct Level {
      int& depth;
      explicit Level(int& d) : depth(++d) {}
      ~Level() { --depth; }
    } level(depth_);
    switch (type) {
      case od::json_type::object: {
        if (split_ && at == skip_ + split_->open) {
          tables();
          return;
        }
        builder_.event({DataEvent::Type::map, at, {}});
        for (auto field : v.get_object()) {
          const std::uint32_t key_at = offset(field.key().value().raw()) - 1;  // at the opening quote
          last_ = key_at;
          builder_.event({DataEvent::Type::scalar, key_at, field.unescaped_key().value()});
          value(field.value().value());
        }
        builder_.event({DataEvent::Type::end, at, {}});
        return;
      }
      case od::json_type::array:
        builder_.event({DataEvent::Type::sequence, at, {}});
        for (auto item : v.get_array()) value(item.value());
        builder_.event({DataEvent::Type::end, at, {}});
        return;
      case od::json_type::string:
        builder_.event({DataEvent::Type::scalar, at, v.get_string().value()});
        return;
      case od::json_type::number:
        // The number as written: the loader reads it exactly (never through a double).
        builder_.event({DataEvent::Type::scalar, at, trimmed(token)});
        return;
      case od::json_type::boolean:
        v.get_bool().value();  // checks the word
        builder_.event({DataEvent::Type::scalar, at, trimmed(token)});
        return;
      case od::json_type::null:
        if (!v.is_null().value()) throw simdjson::simdjson_error(simdjson::N_ATOM_ERROR);
        builder_.event({DataEvent::Type::null, at, {}});
        return;
    }
  }

  std::uint32_t offset(const char* p) {
    const auto local = static_cast<std::uint32_t>(p - data_);
    last_ = local + skip_ + (split_ && local > split_->open ? split_->close - split_->open - 1 : 0);
    return last_;
  }

 private:
  // The tables object of a split file: each table parsed by itself, so that simdjson's
  // index (about 1.5 times the text) is one table's, not the whole file's. With
  // `threads` above 1 and tables enough, the later half of them (by bytes) is read on
  // a thread of its own into a fork of the builder, adopted back after the first half.
  void tables() {
    const std::uint32_t open = skip_ + split_->open;
    builder_.event({DataEvent::Type::map, open, {}});
    const std::size_t n = split_->members.size();
    const std::size_t half = threads_ > 1 ? second_half(*split_) : n;
    std::optional<DatasetBuilder> part =
        half < n ? builder_.fork(static_cast<std::uint32_t>(half)) : std::nullopt;
    if (!part) {
      read_tables(builder_, 0, n);
    } else {
      std::exception_ptr failed;
      {
        std::jthread other([&] {
          try {
            JsonWalk walk(file_text_, skip_, *part, depth_);
            walk.split_ = split_;
            walk.file_text_ = file_text_;
            walk.file_ = file_;
            walk.read_tables(*part, half, n);
          } catch (...) {
            failed = std::current_exception();
          }
        });
        read_tables(builder_, 0, half);
      }  // (joined here, also when this half throws)
      if (failed) std::rethrow_exception(failed);
      builder_.adopt(std::move(*part));
    }
    last_ = skip_ + split_->close;
    builder_.event({DataEvent::Type::end, open, {}});
  }

  // Members [from, to) of the tables object, fed to `builder`.
  void read_tables(DatasetBuilder& builder, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      const TableSplit::Member& m = split_->members[i];
      last_ = skip_ + m.key;
      builder.event({DataEvent::Type::scalar, last_, m.name});
      const std::uint32_t length = m.end - m.begin;
      // The file's buffer has simdjson's padding after its end, so after any table too.
      const simdjson::padded_string_view piece(file_text_ + m.begin, length,
                                               length + simdjson::SIMDJSON_PADDING);
      od::document doc = table_parser_.iterate(piece).value();
      JsonWalk inner(file_text_ + m.begin, skip_ + m.begin, builder, depth_);
      inner.value(doc.get_value().value());
      const char* where = nullptr;
      if (doc.current_location().get(where) == simdjson::SUCCESS)
        throw simdjson::simdjson_error(simdjson::TRAILING_CONTENT);
      // Read: a mapped file's pages go back (read again if a message cites them). All of
      // this reader's so far: the kernel maps a fault's whole folio of the page cache
      // (up to 2 MB), with pages given back before.
      file_->release(skip_ + split_->members[from].begin, skip_ + m.end);
    }
  }

  static std::string_view trimmed(std::string_view token) {
    while (!token.empty() &&
           (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' || token.back() == '\r'))
      token.remove_suffix(1);
    return token;
  }

  const char* data_;
  std::uint32_t skip_;
  DatasetBuilder& builder_;
  std::uint32_t last_ = 0;
  int depth_ = 0;
  const TableSplit* split_ = nullptr;
  const char* file_text_ = nullptr;
  std::size_t threads_ = 1;
  const SourceFile* file_ = nullptr;
  od::parser table_parser_;
};

// Where a string that is never closed probably starts: the quote left open on the first
// line with an odd number of quotes (simdjson only says that one is missing somewhere).
std::optional<std::uint32_t> open_quote(std::string_view text) {
  std::size_t line = 0;
  while (line < text.size()) {
    const std::size_t end = std::min(text.find('\n', line), text.size());
    std::optional<std::size_t> open;
    for (std::size_t i = line; i < end; ++i) {
      if (text[i] == '\\' && open) {
        ++i;
        continue;
      }
      if (text[i] == '"') open = open ? std::nullopt : std::optional<std::size_t>(i);
    }
    if (open) return static_cast<std::uint32_t>(*open);
    line = end + 1;
  }
  return std::nullopt;
}

}  // namespace

namespace {

// The split reading: the file without the tables' members (a copy, small), walked as a
// whole, and each table parsed where it is. nullopt on any JSON error (the caller then
// reads the whole file); the builder reports nothing before it finishes.
std::optional<std::optional<Dataset>> load_split(const SourceFile& file, DiagnosticSink& sink,
                                                 simdjson::padded_string_view input, std::size_t skip,
                                                 const TableSplit& split, std::size_t threads,
                                                 TableSink* tables) {
  const std::string_view text(input.data(), input.size());
  std::string outside;
  outside.reserve(text.size() - (split.close - split.open) + 1);
  outside.append(text.substr(0, split.open + 1)).append(text.substr(split.close));
  const simdjson::padded_string skeleton(outside);
  DatasetBuilder builder(file, sink, tables);
  JsonWalk walk(skeleton.data(), static_cast<std::uint32_t>(skip), builder);
  walk.cut(&split, input.data(), threads, &file);
  od::parser parser;
  od::document doc;
  try {
    doc = parser.iterate(skeleton).value();
    walk.value(doc.get_value().value());
    const char* where = nullptr;
    if (doc.current_location().get(where) == simdjson::SUCCESS) return std::nullopt;
  } catch (const simdjson::simdjson_error&) {
    return std::nullopt;
  }
  return builder.finish(true);
}

}  // namespace

std::size_t json_tables_read_apart(std::string_view text) {
  const std::size_t skip = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  const std::optional<TableSplit> split = SplitScan(text.substr(skip)).run(0);
  return split ? split->members.size() : 0;
}

std::size_t json_tables_read_by_a_second_thread(std::string_view text) {
  const std::size_t skip = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  const std::optional<TableSplit> split = SplitScan(text.substr(skip)).run(0);
  return split ? split->members.size() - second_half(*split) : 0;
}

std::optional<Dataset> load_json_dataset(const SourceFile& file, DiagnosticSink& sink, JsonReading reading,
                                         std::size_t threads, TableSink* tables) {
  const std::string_view text = file.text();
  // A byte order mark is not JSON; the offsets stay the file's.
  const std::size_t skip = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  const char* begin = text.data() + skip;
  const std::size_t size = text.size() - skip;
  // simdjson reads in blocks past the end: use the text in place when its buffer has the
  // room (read_file and map_file leave it), a padded copy otherwise.
  simdjson::padded_string copy;
  simdjson::padded_string_view input(begin, size, size + file.readable_after());
  if (file.readable_after() < simdjson::SIMDJSON_PADDING) {
    copy = simdjson::padded_string(begin, size);
    input = copy;
  }
  // A plain national file is read a table at a time (TableSplit), in a fraction of the
  // memory; its result is the same as reading it whole. Any JSON error there, and any
  // other layout, reads the whole file, whose messages and places are the reference.
  const std::optional<TableSplit> split =
      reading == JsonReading::whole ? std::nullopt
                                    : SplitScan(std::string_view(input.data(), size), &file, skip).run(0);
  if (split) {
    // The scan read every page of a mapped file: they go back until each table is read.
    file.release(0, text.size());
    if (std::optional<std::optional<Dataset>> dataset =
            load_split(file, sink, input, skip, *split, threads, tables))
      return std::move(*dataset);
  }
  // After a split reading failed (on a JSON error), tables it handed on may have been
  // taken: the whole file is read without handing any on, and must fail too.
  const bool retried = split && tables;
  if (split) tables = nullptr;
  const auto finished = [&](std::optional<Dataset> dataset) {
    if (dataset && retried)
      throw std::logic_error("a JSON dataset whose split reading failed was read whole without an error");
    return dataset;
  };
  DatasetBuilder builder(file, sink, tables);
  JsonWalk walk(input.data(), static_cast<std::uint32_t>(skip), builder);
  od::parser parser;
  const auto fail = [&](std::uint32_t at, simdjson::error_code code) -> std::optional<Dataset> {
    at = std::min<std::uint32_t>(at, static_cast<std::uint32_t>(text.size()));
    sink.error("E0301", builder.span_of(at, false), fmt::format("malformed JSON: {}", message_of(code)));
    return std::nullopt;
  };
  od::document doc;
  if (const auto error = parser.iterate(input).get(doc)) {
    if (error == simdjson::EMPTY) return builder.finish(false);
    std::uint32_t at = static_cast<std::uint32_t>(skip);
    if (error == simdjson::UNCLOSED_STRING) at = open_quote(text).value_or(at);
    return fail(at, error);
  }
  try {
    const od::json_type type = doc.type().value();
    if (type != od::json_type::object && type != od::json_type::array) {
      // A lone value is not a dataset, whatever it is.
      const std::string_view token = doc.raw_json_token().value();
      builder.event({DataEvent::Type::scalar, walk.offset(token.data()), token});
      return finished(builder.finish(true));
    }
    walk.value(doc.get_value().value());
    const char* where = nullptr;
    if (doc.current_location().get(where) == simdjson::SUCCESS) {  // not at the end
      walk.offset(where);
      throw simdjson::simdjson_error(simdjson::TRAILING_CONTENT);
    }
  } catch (const simdjson::simdjson_error& e) {
    std::uint32_t at = walk.last();
    const char* where = nullptr;
    if (doc.current_location().get(where) == simdjson::SUCCESS && where >= input.data())
      at = std::max(at, walk.offset(where));
    return fail(at, e.error());
  }
  return finished(builder.finish(true));
}

}  // namespace attain::detail
