// The canonical layout of rule files (docs/cli-fmt.md):
//   - one declaration head, property, band line or closing brace per line, indented two
//     spaces per open block; a property wider than format_width is broken before a
//     binary operator or comparator, or after a comma, and continued four spaces deeper;
//   - one space between tokens, none inside "sum(a, b)", "(x)", "90..100", "-5";
//   - comments stay where they are: on their own line (indented like the code they
//     precede) or at the end of a line (after two spaces);
//   - at most one blank line, none after '{' or before '}', none at the start or end;
//     lines end in "\n" with no trailing white space.
// The layout comes from the tokens and, for where lines start and which '-' are signs,
// from the parse tree. Only white space between tokens changes, and that is checked.

#include "attain/format.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "attain/check.hpp"
#include "attain/parse.hpp"
#include "grammar/grammar.hpp"

namespace attain {

namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar;

// ---- Tokens ---------------------------------------------------------------------------

struct Token {
  enum class Kind { word, number, string, comment, punct };
  Kind kind = Kind::word;
  std::string_view text;  // a comment without its line break and trailing white space
  std::size_t offset = 0;
  int newlines_before = 0;  // line breaks between the previous token and this one
};

bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_ident_char(char c) {
  return is_ident_start(c) || (c >= '0' && c <= '9');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Splits text the parser accepted into tokens, the way the grammar reads them: a
// dataset reference (t.row.*@col) is one token, since nothing may stand inside it.
std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  std::size_t i = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // a byte order mark: kept, not a token
  int newlines = 0;
  auto ident_end = [&](std::size_t j) {
    while (j < text.size() && is_ident_char(text[j])) ++j;
    return j;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (is_space(c)) {
      if (c == '\n') ++newlines;
      ++i;
      continue;
    }
    Token t;
    t.offset = i;
    t.newlines_before = newlines;
    newlines = 0;
    std::size_t end = i + 1;
    if (c == '#') {
      t.kind = Token::Kind::comment;
      end = text.find('\n', i);
      if (end == std::string_view::npos) end = text.size();
      std::size_t last = end;
      while (last > i && is_space(text[last - 1])) --last;
      t.text = text.substr(i, last - i);
      out.push_back(t);
      i = end;
      continue;
    }
    if (c == '"') {
      t.kind = Token::Kind::string;
      while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
      end = std::min(end + 1, text.size());
    } else if (is_ident_start(c)) {
      end = ident_end(i);
      while (end + 1 < text.size() && text[end] == '.' &&
             (text[end + 1] == '*' || is_ident_start(text[end + 1]))) {
        end = text[end + 1] == '*' ? end + 2 : ident_end(end + 1);
      }
      if (end + 1 < text.size() && text[end] == '@' && is_ident_start(text[end + 1]))
        end = ident_end(end + 1);
    } else if (is_digit(c)) {
      t.kind = Token::Kind::number;
      while (end < text.size() && (is_digit(text[end]) ||
                                   (text[end] == '_' && end + 1 < text.size() && is_digit(text[end + 1])))) {
        ++end;
      }
      if (end + 1 < text.size() && (text[end] == '.' || text[end] == ',') && is_digit(text[end + 1])) {
        end += 1;
        while (end < text.size() && is_digit(text[end])) ++end;
      }
    } else {
      t.kind = Token::Kind::punct;
      const std::string_view rest = text.substr(i);
      if (rest.starts_with(">=") || rest.starts_with("<=") || rest.starts_with("..")) {
        end = i + 2;
      } else if (rest.starts_with("\xE2\x89\xA5") || rest.starts_with("\xE2\x89\xA4")) {  // ≥ ≤
        end = i + 3;
      }
    }
    t.text = text.substr(i, end - i);
    out.push_back(t);
    i = end;
  }
  return out;
}

// ---- What the parse tree tells ----------------------------------------------------------

// clang-format off
template <typename Rule>
using selector = pegtl::parse_tree::selector<Rule,
    pegtl::parse_tree::store_content::on<
        // each starts a line
        g::area, g::goal, g::objective, g::indicator, g::family, g::budget, g::check,
        g::const_decl, g::profile_decl, g::rule_test, g::test_prop,
        g::indicator_prop, g::budget_prop, g::check_prop, g::rollup_prop, g::members_first,
        g::months_list, g::band_line,
        g::area_close, g::goal_close, g::objective_close, g::indicator_close, g::family_close,
        g::budget_close, g::check_close, g::profile_close, g::bands_close, g::test_close,
        // signs and calls
        g::negation, g::number, g::function_name>>;
// clang-format on

struct Layout {
  std::unordered_set<std::size_t> line_starts;  // offsets of tokens that begin a line
  std::unordered_set<std::size_t> signs;        // offsets of '-' that are a sign, not a minus
  std::unordered_set<std::size_t> call_names;   // end offsets of function names before '('
};

void collect(const pegtl::parse_tree::node& node, Layout& layout) {
  if (!node.is_root()) {
    const std::size_t begin = node.begin().byte;
    if (node.is_type<g::negation>() || node.is_type<g::number>()) {
      layout.signs.insert(begin);  // a number's own '-' or a negation's
    } else if (node.is_type<g::function_name>()) {
      layout.call_names.insert(node.end().byte);
    } else {
      layout.line_starts.insert(begin);
    }
  }
  for (const auto& child : node.children) collect(*child, layout);
}

// ---- Layout -----------------------------------------------------------------------------

std::size_t display_width(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

class Printer {
 public:
  Printer(const std::vector<Token>& tokens, const Layout& layout) : tokens_(tokens), layout_(layout) {}

  std::string print(bool byte_order_mark) {
    if (byte_order_mark) out_ += "\xEF\xBB\xBF";
    int depth = 0;
    std::size_t i = 0;
    while (i < tokens_.size()) {
      const Token& t = tokens_[i];
      if (t.kind == Token::Kind::comment) {  // a comment on its own line between lines
        start_line(t, depth);                // like the line after it ('}' is still inside)
        line_ += t.text;
        end_line();
        after_open_ = false;
        ++i;
        continue;
      }
      // One logical line: from this token to the next that starts a line.
      std::size_t end = i + 1;
      while (end < tokens_.size() && !starts_line(end)) ++end;
      // Own-line comments right before the next line belong to that line.
      while (end > i + 1 && tokens_[end - 1].kind == Token::Kind::comment &&
             tokens_[end - 1].newlines_before > 0)
        --end;
      if (t.text == "}") --depth;
      print_line(i, end, std::max(depth, 0));
      for (std::size_t k = i; k < end; ++k) {
        if (tokens_[k].text == "{") ++depth;
        if (tokens_[k].text == "}" && k != i) --depth;
      }
      i = end;
    }
    return out_;
  }

 private:
  bool starts_line_at(std::size_t offset) const { return layout_.line_starts.contains(offset); }

  bool starts_line(std::size_t i) const {
    const Token& t = tokens_[i];
    return t.kind != Token::Kind::comment && layout_.line_starts.contains(t.offset);
  }

  void start_line(const Token& t, int depth) {
    // One blank line after a top-level block, and before one that follows a constant.
    const bool top_block =
        depth == 0 && (t.text == "area" || t.text == "check" || t.text == "profile" || t.text == "test") &&
        starts_line_at(t.offset);
    const bool blank = t.newlines_before >= 2 || after_top_block_ || (top_block && after_top_const_);
    if (blank && lines_ > 0 && !after_open_ && t.text != "}") out_ += "\n";
    after_top_block_ = after_top_const_ = false;
    line_.assign(static_cast<std::size_t>(depth) * 2, ' ');
  }

  void end_line() {
    while (!line_.empty() && line_.back() == ' ') line_.pop_back();
    out_ += line_;
    out_ += "\n";
    line_.clear();
    ++lines_;
  }

  // The space between two code tokens of one line: none or one.
  std::string_view space(const Token& prev, const Token& t) const {
    if (t.text == "," || t.text == ")" || prev.text == "(" || prev.text == ".." || t.text == "..") return "";
    if (prev.text == "-" && layout_.signs.contains(prev.offset)) return "";
    if (t.text == "(" && layout_.call_names.contains(prev.offset + prev.text.size())) return "";
    return " ";
  }

  // A long line may break before token k: before a binary operator or a comparator, or
  // after a comma.
  bool may_break_before(std::size_t k, const Token& prev) const {
    const Token& t = tokens_[k];
    if (prev.text == ",") return true;
    if (t.kind != Token::Kind::punct) return false;
    if (t.text == "-") return !layout_.signs.contains(t.offset);
    return t.text == "+" || t.text == "*" || t.text == "/" || t.text == "=" || t.text == ">=" ||
           t.text == "<=" || t.text == ">" || t.text == "<" || t.text == "\xE2\x89\xA5" ||
           t.text == "\xE2\x89\xA4";
  }

  // Tokens [begin, end) as one logical line: declaration heads and short properties on
  // one line, long ones broken; comments inside stay where they were.
  void print_line(std::size_t begin, std::size_t end, int depth) {
    const std::size_t continuation = static_cast<std::size_t>(depth) * 2 + 4;
    // A declaration head is never broken (it ends with '{').
    bool breakable = true;
    for (std::size_t k = begin; k < end; ++k) {
      if (tokens_[k].text == "{") breakable = false;
    }
    start_line(tokens_[begin], depth);
    line_ += tokens_[begin].text;
    after_open_ = false;
    const Token* prev = &tokens_[begin];
    bool must_break = false;
    for (std::size_t k = begin + 1; k < end; ++k) {
      const Token& t = tokens_[k];
      if (t.kind == Token::Kind::comment) {
        if (t.newlines_before == 0) {
          line_ += "  ";
          line_ += t.text;
        } else {
          end_line();
          line_.assign(continuation, ' ');
          line_ += t.text;
        }
        must_break = true;
        continue;
      }
      const std::string_view sep = space(*prev, t);
      bool wrap = must_break;
      if (!wrap && breakable && may_break_before(k, *prev)) {
        wrap = display_width(line_) + sep.size() + chunk_width(k, end) > format_width &&
               display_width(line_) > continuation;
      }
      if (wrap) {
        end_line();
        line_.assign(continuation, ' ');
      } else {
        line_ += sep;
      }
      line_ += t.text;
      prev = &t;
      must_break = false;
    }
    end_line();
    after_open_ = prev->text == "{";
    after_top_block_ = depth == 0 && tokens_[begin].text == "}";
    after_top_const_ = depth == 0 && tokens_[begin].text == "const";
  }

  // The width of tokens from k up to the next place the line may break.
  std::size_t chunk_width(std::size_t k, std::size_t end) const {
    std::size_t width = display_width(tokens_[k].text);
    for (std::size_t j = k + 1; j < end; ++j) {
      const Token& t = tokens_[j];
      if (t.kind == Token::Kind::comment || may_break_before(j, tokens_[j - 1])) break;
      width += space(tokens_[j - 1], t).size() + display_width(t.text);
    }
    return width;
  }

  const std::vector<Token>& tokens_;
  const Layout& layout_;
  std::string out_;
  std::string line_;
  bool after_open_ = false;       // the last line's code ended with '{'
  bool after_top_block_ = false;  // the last line closed a top-level block
  bool after_top_const_ = false;  // the last line was a top-level constant
  std::size_t lines_ = 0;
};

// The token texts, for the check that formatting moved nothing but white space.
std::vector<std::string_view> texts(const std::vector<Token>& tokens) {
  std::vector<std::string_view> out;
  out.reserve(tokens.size());
  for (const Token& t : tokens) out.push_back(t.text);
  return out;
}

// The file's checked rule set, position-free (describe()), for the proof below.
std::string meaning(const ast::RuleFile& parsed) {
  DiagnosticSink scratch;
  return describe(check_rules({parsed}, scratch));
}

}  // namespace

std::optional<std::string> format_rules(const SourceFile& file, DiagnosticSink& sink) {
  const std::size_t errors_before = sink.error_count();
  const std::optional<ast::RuleFile> parsed = parse_rules(file, sink);
  if (!parsed || sink.error_count() != errors_before) return std::nullopt;

  auto internal = [&](std::string why) -> std::optional<std::string> {
    Diagnostic& d =
        sink.error("E0003", std::nullopt,
                   fmt::format("internal error: formatting would {}; the file is left as it is", why));
    d.path = file.path();
    d.help("please report this, with the file");
    return std::nullopt;
  };

  const std::string_view text = file.text();
  Layout layout;
  try {
    pegtl::memory_input<> in(text, file.path());
    auto root = pegtl::parse_tree::parse<g::file, selector, g::depth_limit>(in);
    if (!root) return internal("not parse the file");
    collect(*root, layout);
  } catch (const pegtl::parse_error&) {
    return internal("not parse the file");
  }
  const std::vector<Token> tokens = tokenize(text);
  std::string out = Printer(tokens, layout).print(text.starts_with("\xEF\xBB\xBF"));

  // Proof: the same tokens in the same order, and the same rule set.
  if (texts(tokenize(out)) != texts(tokens)) return internal("change a token");
  const SourceFile formatted(file.id(), file.path(), out);
  DiagnosticSink scratch;
  const std::optional<ast::RuleFile> reparsed = parse_rules(formatted, scratch);
  if (!reparsed || meaning(*reparsed) != meaning(*parsed)) return internal("change the meaning of the rules");
  return out;
}

}  // namespace attain
