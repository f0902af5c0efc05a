// The grammar itself: PEGTL's static analysis finds no rule that can loop forever
// without consuming input.

#include <gtest/gtest.h>

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
  EXPECT_EQ(codes.size(), 61u);
  EXPECT_EQ(*codes.begin(), "E0101");
  EXPECT_EQ(*codes.rbegin(), "E0162");
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
