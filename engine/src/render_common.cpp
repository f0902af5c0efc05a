// What every renderer states the same way: the inputs a report was made from.

#include <algorithm>

#include "attain/render.hpp"

namespace attain {

std::vector<InputFile> report_inputs(const Results& results, const SourceManager& sources) {
  std::vector<InputFile> out;
  for (FileId id = 0; id < sources.size(); ++id) {
    const SourceFile& file = sources.file(id);
    out.push_back({id == results.dataset_file ? "dataset" : "rules", file.path(), sha256_hex(file.text()),
                   file.text().size()});
  }
  return out;
}

bool group_is_summarised(const Results& results, std::size_t g) {
  if (results.groups[g].level != ast::GroupLevel::goal) return true;
  std::size_t children = 0;
  for (const Group& other : results.groups) children += other.parent == g ? 1 : 0;
  const bool direct = std::any_of(results.items.begin(), results.items.end(),
                                  [&](const ItemResult& r) { return r.group == g; });
  return children > 1 || direct;
}

// & < > " ' become character references (valid in HTML and XML alike); invalid UTF-8 and control characters
// (but tab and line breaks) become U+FFFD, so the page is well-formed UTF-8 whatever the inputs hold.
std::string escape_markup(std::string_view text) {
  static constexpr std::string_view replacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(text.size() + 16);
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = byte(i);
    if (c < 0x80) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&#39;";
          break;
        default:
          if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
            out += replacement;
          else
            out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    // A well-formed sequence (no overlong form, surrogate or C1 control), or U+FFFD.
    std::size_t length = utf8_length_at(text, i);
    if (length == 2 && c == 0xC2 && byte(i + 1) < 0xA0) length = 0;
    if (length == 0) {
      out += replacement;
      ++i;
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

// Text from rules and data made inert in Markdown: characters that would start
// emphasis, code, links, HTML or a table cell are escaped with '\', control characters
// and line breaks become spaces (a table row is one line).
std::string escape_markdown(std::string_view text) {
  std::string out;
  for (const char c : terminal_safe(text)) {
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '#':
      case '~':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  // A leading '-', '+' or '!' or a digit run with '.' could start a list or an image.
  if (!out.empty() && (out[0] == '-' || out[0] == '+' || out[0] == '!')) out = "\\" + out;
  return out;
}

}  // namespace attain
