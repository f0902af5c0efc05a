// The grammar itself: PEGTL's static analysis finds no rule that can loop forever
// without consuming input.

#include <gtest/gtest.h>
#include "helpers.hpp"

#include <set>
#include <string_view>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/errors.hpp"
#include "grammar/grammar.hpp"

namespace attain::grammar {
namespace {

TEST(GrammarTest, AnalyzeFindsNoProblems) {
  EXPECT_EQ(tao::pegtl::analyze<file>(1), 0u);
}

TEST(GrammarTest, EverySyntaxErrorHasAUniqueCodeAndMessage) {
  std::set<std::string_view> codes, messages;
  for (const SyntaxError& e : syntax_errors) {
    EXPECT_TRUE(codes.insert(e.code).second) << e.code;
    EXPECT_TRUE(messages.insert(e.message).second) << e.message;
  }
  EXPECT_EQ(codes.size(), 62u);
  EXPECT_EQ(*codes.begin(), "E0101");
  EXPECT_EQ(*codes.rbegin(), "E0163");
}

TEST(GrammarTest, FindSyntaxErrorLooksUpByMessage) {
  const SyntaxError* e = find_syntax_error("expected '{' to open the block");
  ASSERT_NE(e, nullptr);
  EXPECT_STREQ(e->code, "E0104");
  EXPECT_EQ(find_syntax_error("no such message"), nullptr);
}

TEST(GrammarTest, ErrorMessagesAreBoundToTheirCommitPoints) {
  EXPECT_STREQ(error_message<decl_id>, msg("E0102"));
  EXPECT_STREQ(error_message<indicator_close>, msg("E0108"));
  EXPECT_STREQ(error_message<escaped>, msg("E0124"));
  EXPECT_EQ(error_message<indicator>, nullptr);  // tried inside sor: no message
}

}  // namespace
}  // namespace attain::grammar

namespace attain {
namespace {

// Hostile input: nesting deep enough to overflow the parser's stack is E0163, reported in
// a few milliseconds, never a crash; ordinary depth still parses.
std::string nested(const std::string& open, const std::string& close, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += open;
  out += "1";
  for (std::size_t i = 0; i < n; ++i) out += close;
  return out;
}

TEST(GrammarDepthTest, A100000DeepExpressionIsE0163) {
  for (const auto& [open, close] :
       std::vector<std::pair<std::string, std::string>>{{"(", ")"}, {"-", ""}, {"sum(", ")"}, {"(-", ")"}}) {
    test::Session s;
    EXPECT_FALSE(s.parse("check c \"C\" {\n  expect " + nested(open, close, 100000) + " = 1\n}\n")) << open;
    ASSERT_FALSE(s.sink.diagnostics().empty()) << open;
    EXPECT_EQ(s.sink.diagnostics().front().code, "E0163") << open;
    EXPECT_EQ(
        s.sink.diagnostics().front().message,
        "expression nested too deeply: more than about 100 levels of parentheses or signs; split it with "
        "derived indicators");
  }
}

TEST(GrammarDepthTest, OrdinaryNestingStillParses) {
  test::Session s;
  EXPECT_TRUE(s.check("check c \"C\" {\n  expect " + nested("(", ")", 60) + " + " + nested("-", "", 60) +
                      " = " + nested("sum(", ")", 40) + "\n}\n"))
      << s.rendered();
}

}  // namespace
}  // namespace attain
