// evaluate fmt: the canonical layout, and its invariants on every rule file in the
// repository and on generated (white-space-scrambled) copies of them: idempotent, the
// same tokens and comments, the same checked rule set.

#include "attain/format.hpp"

#include <algorithm>
#include <filesystem>
#include <random>

#include "helpers.hpp"

namespace attain {
namespace {

using test::repo_root;

std::optional<std::string> format(const std::string& text, DiagnosticSink* errors = nullptr) {
  DiagnosticSink sink;
  SourceFile file(0, "test.rules", text);
  auto out = format_rules(file, sink);
  if (errors) *errors = sink;
  return out;
}

std::string read(const std::filesystem::path& path) {
  std::string error;
  auto text = read_file(path.string(), error);
  EXPECT_TRUE(text) << path << ": " << error;
  return text.value_or("");
}

// Every rule file in the repository, outside build trees and node_modules, except the
// hostile inputs (tests/hostile), which are broken on purpose, some below the syntax.
std::vector<std::filesystem::path> repository_rule_files() {
  namespace fs = std::filesystem;
  std::vector<fs::path> out;
  const fs::path root = repo_root();
  for (const char* dir : {"rules", "tests", "editors/test", "docs"}) {
    if (!fs::exists(root / dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      const std::string path = entry.path().generic_string();
      if (entry.path().extension() == ".rules" && path.find("node_modules") == std::string::npos &&
          path.find("tests/hostile") == std::string::npos) {
        out.push_back(entry.path());
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The checked rule set of some files, as position-free text.
std::string meaning(const std::vector<std::string>& texts) {
  SourceManager sources;
  DiagnosticSink sink;
  std::vector<ast::RuleFile> parsed;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    auto tree = parse_rules(sources.add("f" + std::to_string(i) + ".rules", texts[i]), sink);
    EXPECT_TRUE(tree) << "file " << i << " does not parse";
    if (tree) parsed.push_back(std::move(*tree));
  }
  return describe(check_rules(parsed, sink));
}

// Rewrites the white space between tokens at random, keeping what the layout keeps:
// blank lines stay blank lines (one), a comment stays on its own line or at the end of
// one, and no white space appears where there was none.
std::string scramble(const std::string& text, unsigned seed) {
  std::mt19937 random(seed);
  auto pick = [&](std::initializer_list<const char*> options) {
    std::uniform_int_distribution<std::size_t> d(0, options.size() - 1);
    return std::string(options.begin()[d(random)]);
  };
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') {  // a string, copied as is
      std::size_t end = i + 1;
      while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
      out.append(text, i, end + 1 - i);
      i = end + 1;
    } else if (c == '#') {  // a comment, to the end of its line
      const std::size_t end = std::min(text.find('\n', i), text.size());
      out.append(text, i, end - i);
      i = end;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      std::size_t end = i;
      while (end < text.size() &&
             (text[end] == ' ' || text[end] == '\t' || text[end] == '\n' || text[end] == '\r'))
        ++end;
      const auto newlines = std::count(text.begin() + i, text.begin() + end, '\n');
      const bool before_comment = end < text.size() && text[end] == '#';
      if (newlines >= 2) {
        out += pick({"\n\n", "\n \n\t", "\r\n\r\n    "});
      } else if (newlines == 1) {
        out += pick({"\n", "\n\t\t", " \n ", "\r\n  "});
      } else if (before_comment || i == 0) {
        out += pick({" ", "\t", "    "});
      } else {
        out += pick({" ", "  ", "\t", "\n", "\n      ", " \r\n"});
      }
      i = end;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

TEST(Format, OnePropertyPerLineIndentedByBlock) {
  EXPECT_EQ(format("area a \"A\" { goal g \"G\" { indicator x \"X\" { unit percent higher is better "
                   "data t.r target >= 92 } } }"),
            "area a \"A\" {\n"
            "  goal g \"G\" {\n"
            "    indicator x \"X\" {\n"
            "      unit percent\n"
            "      higher is better\n"
            "      data t.r\n"
            "      target >= 92\n"
            "    }\n"
            "  }\n"
            "}\n");
}

TEST(Format, SpacesBetweenTokens) {
  EXPECT_EQ(format("check c \"C\" {\n  expect sum( t.* except (a,b) ) / - 3 = ( t.r@c + -2 )*2\n}\n"),
            "check c \"C\" {\n  expect sum(t.* except (a, b)) / -3 = (t.r@c + -2) * 2\n}\n");
  EXPECT_EQ(format("area a \"A\" {\n  rollup at least 75 %\n  indicator x \"X\" {\n    data t.r\n"
                   "    target 90 .. 100 within 5 % of target\n  }\n}\n"),
            "area a \"A\" {\n  rollup at least 75 %\n  indicator x \"X\" {\n    data t.r\n"
            "    target 90..100 within 5 % of target\n  }\n}\n");
  // A sign stays with its number; a minus between operands gets spaces.
  EXPECT_EQ(format("area a \"A\" {\n  indicator x \"X\" {\n    data t.r\n    target >= -5\n"
                   "    compare with previous period\n  }\n  indicator y \"Y\" {\n    data t.s\n"
                   "    target >= previous -1\n  }\n}\n"),
            "area a \"A\" {\n  indicator x \"X\" {\n    data t.r\n    target >= -5\n"
            "    compare with previous period\n  }\n  indicator y \"Y\" {\n    data t.s\n"
            "    target >= previous - 1\n  }\n}\n");
}

TEST(Format, BandsAndProfilesAndFamilies) {
  EXPECT_EQ(format("profile p \"P\" { months 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }\n"
                   "area a \"A\" { family f \"F\" { members x \"X\", y \"Y\" data t.* bands { green >= 5 "
                   "yellow >= 3 < 5 red < 3 } } }\n"),
            "profile p \"P\" {\n"
            "  months 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1\n"
            "}\n"
            "\n"
            "area a \"A\" {\n"
            "  family f \"F\" {\n"
            "    members x \"X\", y \"Y\"\n"
            "    data t.*\n"
            "    bands {\n"
            "      green >= 5\n"
            "      yellow >= 3 < 5\n"
            "      red < 3\n"
            "    }\n"
            "  }\n"
            "}\n");
}

TEST(Format, CommentsStayWhereTheyAre) {
  const std::string in =
      "# file comment\n"
      "const a = 1   # trailing, after three spaces\n"
      "area a \"A\" {    # after the brace\n"
      "\n"
      "      # before the indicator, badly indented\n"
      "  indicator x \"X\" {\n"
      "    data t.r\n"
      "    target >= 92 # inside a property\n"
      "    within 1\n"
      "  # last in the block\n"
      "\n"
      "  }\n"
      "}\n"
      "# at the end\n";
  EXPECT_EQ(format(in),
            "# file comment\n"
            "const a = 1  # trailing, after three spaces\n"
            "\n"
            "area a \"A\" {  # after the brace\n"
            "  # before the indicator, badly indented\n"
            "  indicator x \"X\" {\n"
            "    data t.r\n"
            "    target >= 92  # inside a property\n"
            "        within 1\n"
            "    # last in the block\n"
            "  }\n"
            "}\n"
            "\n"
            "# at the end\n");
}

TEST(Format, BlankLines) {
  // Kept (at most one) between lines, dropped after '{', before '}' and at either end;
  // one is always put between top-level blocks.
  EXPECT_EQ(
      format("\n\nconst a = 1\n\n\n\nconst b = 2\nconst c = 3\ncheck k \"K\" {\n\n  expect t.r = 1\n\n\n"
             "  tolerance 1\n\n}\ncheck l \"L\" {\n  expect t.s = 1\n}\n\n\n"),
      "const a = 1\n\nconst b = 2\nconst c = 3\n\ncheck k \"K\" {\n  expect t.r = 1\n\n  tolerance 1\n}\n"
      "\ncheck l \"L\" {\n  expect t.s = 1\n}\n");
}

TEST(Format, LongPropertiesBreakBeforeAnOperatorOrAfterAComma) {
  const std::string in =
      "check c \"C\" {\n  expect driftsammandrag_prognos.summa.intakter - "
      "driftsammandrag_prognos.summa.kostnader "
      "= driftsammandrag_prognos.summa\n}\n"
      "area a \"A\" {\n  family f \"F\" {\n    members hr_service \"HR service\", kontakt_linkoping "
      "\"Kontakt "
      "Linköping\", stadsarkivet \"Stadsarkivet\", elarandecenter \"eLärandeCenter\"\n    data t.*\n  }\n}\n";
  const std::string expected =
      "check c \"C\" {\n"
      "  expect driftsammandrag_prognos.summa.intakter - driftsammandrag_prognos.summa.kostnader\n"
      "      = driftsammandrag_prognos.summa\n"
      "}\n"
      "\n"
      "area a \"A\" {\n"
      "  family f \"F\" {\n"
      "    members hr_service \"HR service\", kontakt_linkoping \"Kontakt Linköping\",\n"
      "        stadsarkivet \"Stadsarkivet\", elarandecenter \"eLärandeCenter\"\n"
      "    data t.*\n"
      "  }\n"
      "}\n";
  EXPECT_EQ(format(in), expected);
  // Widths count characters, not bytes: "ö" and "ä" are one column each.
  for (std::size_t start = 0, end; (end = expected.find('\n', start)) != std::string::npos; start = end + 1) {
    const std::string line = expected.substr(start, end - start);
    EXPECT_LE(std::count_if(line.begin(), line.end(), [](char c) { return (c & 0xC0) != 0x80; }),
              static_cast<long>(format_width))
        << line;
  }
  EXPECT_EQ(format(expected), expected);
}

TEST(Format, ByteOrderMarkCrlfAndEmptyFiles) {
  EXPECT_EQ(format("\xEF\xBB\xBF"
                   "const a = 1\r\n\r\n\r\nconst b = 2\r\n"),
            "\xEF\xBB\xBF"
            "const a = 1\n\nconst b = 2\n");
  EXPECT_EQ(format(""), "");
  EXPECT_EQ(format("\n\n  \n"), "");
  EXPECT_EQ(format("# only a comment   \n\n\n"), "# only a comment\n");
}

TEST(Format, SyntaxErrorsAreReportedAndNothingIsFormatted) {
  DiagnosticSink sink;
  EXPECT_EQ(format("area a \"A\" {\n  indicator x \"X\" {\n    target >=\n  }\n}\n", &sink), std::nullopt);
  ASSERT_FALSE(sink.diagnostics().empty());
  EXPECT_EQ(sink.diagnostics().front().code, "E0116");
}

TEST(Format, RulesInTheRepositoryAreFormatted) {
  const auto root = repo_root();
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root / "rules")) {
    if (entry.path().extension() != ".rules") continue;
    ++files;
    const std::string text = read(entry.path());
    EXPECT_EQ(format(text), text) << entry.path() << " is not formatted: run evaluate fmt --write rules/";
  }
  EXPECT_GE(files, 10u);  // rules/tests/ included
}

TEST(Format, EveryRepositoryRuleFileKeepsItsMeaningAndIsIdempotent) {
  const auto files = repository_rule_files();
  ASSERT_GE(files.size(), 10u);
  std::size_t formatted_count = 0;
  for (const auto& path : files) {
    const std::string text = read(path);
    DiagnosticSink sink;
    const auto once = format(text, &sink);
    if (!once) {  // files kept broken on purpose (syntax-error cases): reported, not formatted
      EXPECT_TRUE(sink.has_errors()) << path;
      EXPECT_EQ(sink.diagnostics().front().code.substr(0, 3), "E01") << path;
      continue;
    }
    ++formatted_count;
    EXPECT_EQ(format(*once), *once) << path << ": formatting is not idempotent";
    EXPECT_EQ(meaning({*once}), meaning({text})) << path;
  }
  EXPECT_GE(formatted_count, 10u);
}

TEST(Format, TheSeedRuleSetMeansTheSameAfterFormatting) {
  std::vector<std::string> before, after;
  for (const auto& entry : std::filesystem::directory_iterator(repo_root() / "rules")) {
    if (entry.path().extension() != ".rules") continue;
    before.push_back(scramble(read(entry.path()), 7));
    after.push_back(format(before.back()).value_or(""));
  }
  ASSERT_FALSE(before.empty());
  EXPECT_EQ(meaning(after), meaning(before));
  EXPECT_NE(meaning(after).find("indicator kl_svarsservice_120s"), std::string::npos);
}

TEST(Format, ScrambledCopiesFormatBackToTheSameText) {
  for (const auto& path : repository_rule_files()) {
    const std::string text = read(path);
    const auto canonical = format(text);
    if (!canonical) continue;
    for (unsigned seed = 1; seed <= 12; ++seed) {
      const std::string scrambled = scramble(text, seed);
      ASSERT_NE(scrambled, text) << path;
      const auto again = format(scrambled);
      ASSERT_TRUE(again) << path << " seed " << seed << " does not parse:\n" << scrambled;
      EXPECT_EQ(*again, *canonical) << path << " seed " << seed;
      EXPECT_EQ(meaning({scrambled}), meaning({text})) << path << " seed " << seed;
    }
  }
}

TEST(Format, DescribeSeesEveryChangeOfMeaning) {
  // The proof above is only as good as describe(): it must tell these apart.
  const std::string base = "area a \"A\" {\n  indicator x \"X\" {\n    data t.r\n    target >= 92\n  }\n}\n";
  const std::string same = meaning({base});
  for (const char* other :
       {"area a \"A\" {\n  indicator x \"X\" {\n    data t.r\n    target >= 93\n  }\n}\n",
        "area a \"A\" {\n  indicator x \"X\" {\n    data t.r\n    target > 92\n  }\n}\n",
        "area a \"A\" {\n  indicator x \"X\" {\n    data t.s\n    target >= 92\n  }\n}\n",
        "area a \"A\" {\n  indicator x \"Y\" {\n    data t.r\n    target >= 92\n  }\n}\n",
        "area a \"A\" {\n  indicator x \"X\" {\n    data t.r\n    target >= 92,0\n  }\n}\n",
        "area a \"A\" {\n  indicator x \"X\" {\n    data t.r\n    target >= 92 annual\n  }\n}\n",
        "area a \"A\" {\n  indicator x \"X\" {\n    data t.r\n    target >= 92 within 1\n  }\n}\n",
        "area a \"A\" {\n  indicator x \"X\" {\n    unit percent\n    data t.r\n    target >= 92\n  }\n}\n",
        "area b \"A\" {\n  indicator x \"X\" {\n    data t.r\n    target >= 92\n  }\n}\n"}) {
    EXPECT_NE(meaning({other}), same) << other;
  }
  EXPECT_NE(meaning({"check c \"C\" {\n  expect t.r - 1 - 2 = 0\n}\n"}),
            meaning({"check c \"C\" {\n  expect t.r - (1 - 2) = 0\n}\n"}));
}

}  // namespace
}  // namespace attain
