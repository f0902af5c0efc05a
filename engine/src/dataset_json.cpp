// Stage 1', JSON: a dataset written as JSON (the schema of docs/datasets.md), for data
// made by machines in bulk. The only translation unit that includes simdjson. Its
// on-demand parser walks the text in place and feeds the DatasetBuilder the same events
// as YAML does, so every check, message and location is shared.

#include <simdjson.h>

#include <fmt/format.h>

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

class JsonWalk {
 public:
  // `data` is where the parsed text starts: `skip` bytes into the file.
  JsonWalk(const char* data, std::uint32_t skip, DatasetBuilder& builder)
      : data_(data), skip_(skip), builder_(builder) {}

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
    last_ = static_cast<std::uint32_t>(p - data_) + skip_;
    return last_;
  }

 private:
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

std::optional<Dataset> load_json_dataset(const SourceFile& file, DiagnosticSink& sink) {
  const std::string& text = file.text();
  // A byte order mark is not JSON; the offsets stay the file's.
  const std::size_t skip = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  const char* begin = text.data() + skip;
  const std::size_t size = text.size() - skip;
  // simdjson reads in blocks past the end: use the text in place when its buffer has the
  // room (read_file leaves it), a padded copy otherwise.
  simdjson::padded_string copy;
  simdjson::padded_string_view input(begin, size, text.capacity() - skip);
  if (text.capacity() - text.size() < simdjson::SIMDJSON_PADDING) {
    copy = simdjson::padded_string(begin, size);
    input = copy;
  }
  DatasetBuilder builder(file, sink);
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
      return builder.finish(true);
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
  return builder.finish(true);
}

}  // namespace attain::detail
