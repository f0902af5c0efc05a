// docs/errors.md documents every diagnostic code the program can report: each code that
// appears as a string literal in the sources has a "### " heading there, and every
// heading's code is still in use.

#include <filesystem>
#include <regex>
#include <set>

#include "helpers.hpp"

namespace attain {
namespace {

std::string read_all(const std::filesystem::path& path) {
  std::string error;
  auto text = read_file(path.string(), error);
  EXPECT_TRUE(text) << path << ": " << error;
  return text.value_or("");
}

std::set<std::string> codes_in_sources() {
  namespace fs = std::filesystem;
  std::set<std::string> out;
  const std::regex literal("\"([EW]0[0-9]{3})\"");
  for (const char* dir : {"grammar", "engine"}) {
    for (const auto& entry : fs::recursive_directory_iterator(test::repo_root() / dir)) {
      const auto ext = entry.path().extension();
      if (ext != ".cpp" && ext != ".hpp") continue;
      const std::string text = read_all(entry.path());
      for (auto it = std::sregex_iterator(text.begin(), text.end(), literal); it != std::sregex_iterator();
           ++it)
        out.insert((*it)[1]);
    }
  }
  return out;
}

// Codes named in headings: "### E0105, E0106, E0107: ..." documents three.
std::set<std::string> documented_codes() {
  std::set<std::string> out;
  const std::string text = read_all(test::repo_root() / "docs" / "errors.md");
  const std::regex heading("\n### ([^\n:]*):");
  const std::regex code("[EW]0[0-9]{3}");
  for (auto h = std::sregex_iterator(text.begin(), text.end(), heading); h != std::sregex_iterator(); ++h) {
    const std::string names = (*h)[1];
    for (auto c = std::sregex_iterator(names.begin(), names.end(), code); c != std::sregex_iterator(); ++c)
      out.insert(c->str());
  }
  return out;
}

TEST(DocsTest, EveryDiagnosticCodeIsDocumentedInErrorsMd) {
  const std::set<std::string> used = codes_in_sources();
  const std::set<std::string> documented = documented_codes();
  ASSERT_GT(used.size(), 100u);
  for (const std::string& code : used)
    EXPECT_TRUE(documented.contains(code)) << code << " has no heading in docs/errors.md";
}

TEST(DocsTest, EveryDocumentedCodeIsStillReported) {
  const std::set<std::string> used = codes_in_sources();
  for (const std::string& code : documented_codes()) {
    if (code == "E0204") continue;  // retired; its heading says so
    EXPECT_TRUE(used.contains(code)) << code << " is documented but nothing reports it";
  }
}

// Every code is asserted somewhere: in a unit test or a golden case's expected output.
TEST(DocsTest, EveryDiagnosticCodeIsExercisedByATest) {
  namespace fs = std::filesystem;
  std::set<std::string> tested;
  const std::regex code("[EW]0[0-9]{3}");
  for (const char* dir : {"tests/unit", "tests/cases"}) {
    for (const auto& entry : fs::directory_iterator(test::repo_root() / dir)) {
      if (!entry.is_regular_file() || entry.path().filename() == "docs_test.cpp") continue;
      const std::string text = read_all(entry.path());
      for (auto it = std::sregex_iterator(text.begin(), text.end(), code); it != std::sregex_iterator(); ++it)
        tested.insert(it->str());
    }
  }
  for (const std::string& c : codes_in_sources()) {
    // E0003 guards against a formatter bug: no input can reach it while fmt is correct.
    if (c == "E0003") continue;
    EXPECT_TRUE(tested.contains(c)) << c << " is reported by the program but asserted by no test";
  }
}

}  // namespace
}  // namespace attain
