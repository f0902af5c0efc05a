#pragma once
// The syntax-error table: one entry per commit point of grammar.hpp, with a stable code
// (documented in docs/errors.md), a message phrased for people, and the keywords that
// may stand at that point (used for "did you mean ...?"). must_if<errors> makes a
// missing entry a compile error.

#include <string_view>

#include "grammar/grammar.hpp"

namespace attain::grammar {

struct SyntaxError {
  const char* code;
  const char* message;
  const char* keywords;  // space-separated; empty when no keyword fits there
};

// clang-format off
inline constexpr SyntaxError syntax_errors[] = {
  {"E0101", "expected 'area', 'check', 'const', 'profile' or 'test' at the top level of a rule file", "area check const profile test"},
  {"E0102", "expected an id (letters, digits and _, not starting with a digit)", ""},
  {"E0103", "expected a display name in double quotes", ""},
  {"E0104", "expected '{' to open the block", ""},
  {"E0105", "expected 'goal', 'objective', 'indicator', 'family', 'budget', 'rollup' or '}' in the area", "goal objective indicator family budget rollup"},
  {"E0106", "expected 'objective', 'indicator', 'family', 'budget', 'rollup' or '}' in the goal", "objective indicator family budget rollup"},
  {"E0107", "expected 'indicator', 'family', 'budget', 'rollup' or '}' in the objective", "indicator family budget rollup"},
  {"E0108", "expected an indicator property (unit, data, value, target, bands, higher is better, lower is better, cumulative, breakdown, breakdowns, gap, precision, weight, compare, description, owner, source, kolada) or '}'", "unit data value target bands higher lower cumulative breakdown breakdowns gap precision weight compare description owner source kolada"},
  {"E0109", "expected a budget property (table, outcome, budget, reported, previous, favourable, materiality, lines) or '}'", "table outcome budget reported previous favourable materiality lines"},
  {"E0110", "expected a unit such as percent, count or tkr", ""},
  {"E0111", "expected 'is better'", "is"},
  {"E0112", "expected a dataset reference such as table.row or table.row@column", ""},
  {"E0113", "expected a row name after '.'", ""},
  {"E0114", "expected a column name after '@'", ""},
  {"E0115", "expected a target: a comparator and a number such as >= 92, a range such as 90..100, 'pending' or 'none'", "pending none"},
  {"E0116", "expected a number, 'previous' or a constant's name after the comparator", "previous"},
  {"E0117", "expected the upper bound of the range, as in 90..100", ""},
  {"E0118", "expected 'data' and the breakdown's dataset reference", "data"},
  {"E0119", "expected a column name", ""},
  {"E0120", "expected 'higher' or 'lower'", "higher lower"},
  {"E0121", "expected an amount such as 500, or the name of a constant", ""},
  {"E0122", "expected a row name", ""},
  {"E0123", "unterminated string: a display name must end with \" on the same line", ""},
  {"E0124", "unknown escape sequence: only \\\" and \\\\ may follow a backslash", ""},
  {"E0126", "expected an expression such as 42, table.row, an indicator id, sum(...) or (...)", "sum min max avg count share"},
  {"E0127", "expected ')'", ""},
  {"E0128", "expected a row name or * after '.'", ""},
  {"E0129", "expected a row name to leave out", ""},
  {"E0130", "expected a comparator such as =, <= or >=", ""},
  {"E0131", "expected a check property (expect, columns, tolerance) or '}'", "expect columns tolerance"},
  {"E0132", "expected an amount such as 1 or 0,5", ""},
  {"E0133", "expected 'of target' after '%' in a band, as in: within 5 % of target", "of"},
  {"E0134", "expected a number of decimals such as 1", ""},
  {"E0135", "expected a roll-up policy: all, at least N, at least N %, or weighted at least N %", "all at weighted"},
  {"E0136", "expected 'least', as in: at least 3", "least"},
  {"E0138", "expected 'with', as in: compare with same period last year", "with"},
  {"E0139", "expected what to compare with: previous period, same period last year, or period \"2018\"", "previous same period"},
  {"E0140", "expected 'period'", "period"},
  {"E0141", "expected 'last'", "last"},
  {"E0142", "expected 'year'", "year"},
  {"E0143", "expected 'members' and the family's members, as in: members lkdata \"LKDATA\", stadsarkivet \"Stadsarkivet\"", "members"},
  {"E0144", "expected text in double quotes", ""},
  {"E0145", "expected '=' and the constant's value, as in: const vasentlighet = 500", ""},
  {"E0146", "expected a number", ""},
  {"E0147", "expected the name of a profile", ""},
  {"E0148", "expected 'months' and twelve weights, January first, as in: months 5, 5, 10, 10, 10, 5, 0, 5, 15, 15, 15, 5", "months"},
  {"E0149", "expected '}' to close the profile", ""},
  {"E0150", "expected a condition such as >= 92 after the colour", ""},
  {"E0151", "expected a number after the comparator", ""},
  {"E0152", "expected a colour (green, yellow, red) and its condition, or '}'", "green yellow red"},
  {"E0153", "expected how the breakdown rows add up: sum, mean, or mean weighted by w1, w2, ...", "sum mean"},
  {"E0154", "expected 'by' and the weights, as in: mean weighted by 40, 60", "by"},
  {"E0137", "expected '%': a weighted roll-up is a share, as in: weighted at least 75 %", ""},
  {"E0155", "expected a test property (period, given, expect) or '}'", "period given expect"},
  {"E0156", "expected the report period in double quotes, as in: period \"2020-03\"", ""},
  {"E0157", "expected an indicator id or a dataset reference, as in: given kl_svarsservice_120s = 91", ""},
  {"E0158", "expected '=' and a value, as in: given kl_svarsservice_120s = 91", ""},
  {"E0159", "expected a value: a number such as 91 or 5,5, or a cell's text in double quotes such as \"I.U.\"", ""},
  {"E0160", "expected the id of an indicator, budget line, group or data check", ""},
  {"E0161", "expected what to expect: a verdict such as met or not_met, 'trend' and a trend, or 'commentary' and a text", "trend commentary"},
  {"E0162", "expected a trend: improved, worsened, unchanged or none", ""},
  {"E0163", too_deep_message, ""},
};
// clang-format on

constexpr const char* msg(std::string_view code) {
  for (const SyntaxError& e : syntax_errors) {
    if (std::string_view(e.code) == code) return e.message;
  }
  return nullptr;  // unreachable for codes listed above; a typo fails the static_assert
}

template <typename Rule>
inline constexpr const char* error_message = nullptr;

// clang-format off
template <> inline constexpr const char* error_message<end_of_file> = msg("E0101");
template <> inline constexpr const char* error_message<decl_id> = msg("E0102");
template <> inline constexpr const char* error_message<decl_name> = msg("E0103");
template <> inline constexpr const char* error_message<open_brace> = msg("E0104");
template <> inline constexpr const char* error_message<area_close> = msg("E0105");
template <> inline constexpr const char* error_message<goal_close> = msg("E0106");
template <> inline constexpr const char* error_message<objective_close> = msg("E0107");
template <> inline constexpr const char* error_message<indicator_close> = msg("E0108");
template <> inline constexpr const char* error_message<budget_close> = msg("E0109");
template <> inline constexpr const char* error_message<unit_name> = msg("E0110");
template <> inline constexpr const char* error_message<is_better> = msg("E0111");
template <> inline constexpr const char* error_message<data_ref> = msg("E0112");
template <> inline constexpr const char* error_message<ref_next> = msg("E0113");
template <> inline constexpr const char* error_message<ref_column_name> = msg("E0114");
template <> inline constexpr const char* error_message<target_spec> = msg("E0115");
template <> inline constexpr const char* error_message<bound> = msg("E0116");
template <> inline constexpr const char* error_message<upper_bound> = msg("E0117");
template <> inline constexpr const char* error_message<breakdown_data> = msg("E0118");
template <> inline constexpr const char* error_message<column_name> = msg("E0119");
template <> inline constexpr const char* error_message<favourable_side> = msg("E0120");
template <> inline constexpr const char* error_message<materiality_amount> = msg("E0121");
template <> inline constexpr const char* error_message<line_name> = msg("E0122");
template <> inline constexpr const char* error_message<string_close> = msg("E0123");
template <> inline constexpr const char* error_message<escaped> = msg("E0124");
template <> inline constexpr const char* error_message<expression> = msg("E0126");
template <> inline constexpr const char* error_message<unary> = msg("E0126");
template <> inline constexpr const char* error_message<next_unary> = msg("E0126");
template <> inline constexpr const char* error_message<next_term> = msg("E0126");
template <> inline constexpr const char* error_message<argument> = msg("E0126");
template <> inline constexpr const char* error_message<expected_side> = msg("E0126");
template <> inline constexpr const char* error_message<close_paren> = msg("E0127");
template <> inline constexpr const char* error_message<pattern_next> = msg("E0128");
template <> inline constexpr const char* error_message<except_name> = msg("E0129");
template <> inline constexpr const char* error_message<except_list> = msg("E0129");
template <> inline constexpr const char* error_message<expect_comparator> = msg("E0130");
template <> inline constexpr const char* error_message<check_close> = msg("E0131");
template <> inline constexpr const char* error_message<tolerance_amount> = msg("E0132");
template <> inline constexpr const char* error_message<band_amount> = msg("E0132");
template <> inline constexpr const char* error_message<weight_amount> = msg("E0132");
template <> inline constexpr const char* error_message<rollup_amount> = msg("E0132");
template <> inline constexpr const char* error_message<of_target> = msg("E0133");
template <> inline constexpr const char* error_message<precision_digits> = msg("E0134");
template <> inline constexpr const char* error_message<rollup_policy> = msg("E0135");
template <> inline constexpr const char* error_message<least> = msg("E0136");
template <> inline constexpr const char* error_message<at_least> = msg("E0136");
template <> inline constexpr const char* error_message<required_percent_sign> = msg("E0137");
template <> inline constexpr const char* error_message<offset_amount> = msg("E0132");
template <> inline constexpr const char* error_message<compare_with> = msg("E0138");
template <> inline constexpr const char* error_message<compare_spec> = msg("E0139");
template <> inline constexpr const char* error_message<expect_period> = msg("E0140");
template <> inline constexpr const char* error_message<members_first> = msg("E0143");
template <> inline constexpr const char* error_message<breakdown_method> = msg("E0153");
template <> inline constexpr const char* error_message<by_weights> = msg("E0154");
template <> inline constexpr const char* error_message<weight_value> = msg("E0132");
template <> inline constexpr const char* error_message<gap_comparator> = msg("E0130");
template <> inline constexpr const char* error_message<gap_amount> = msg("E0132");
template <> inline constexpr const char* error_message<band_condition> = msg("E0150");
template <> inline constexpr const char* error_message<band_bound> = msg("E0151");
template <> inline constexpr const char* error_message<bands_close> = msg("E0152");
template <> inline constexpr const char* error_message<profile_name> = msg("E0147");
template <> inline constexpr const char* error_message<months_list> = msg("E0148");
template <> inline constexpr const char* error_message<month_weight> = msg("E0132");
template <> inline constexpr const char* error_message<profile_close> = msg("E0149");
template <> inline constexpr const char* error_message<member> = msg("E0102");
template <> inline constexpr const char* error_message<family_close> = msg("E0108");
template <> inline constexpr const char* error_message<meta_text> = msg("E0144");
template <> inline constexpr const char* error_message<const_equals> = msg("E0145");
template <> inline constexpr const char* error_message<const_value> = msg("E0146");
template <> inline constexpr const char* error_message<expect_last> = msg("E0141");
template <> inline constexpr const char* error_message<expect_year> = msg("E0142");
template <> inline constexpr const char* error_message<test_close> = msg("E0155");
template <> inline constexpr const char* error_message<test_period_text> = msg("E0156");
template <> inline constexpr const char* error_message<given_target> = msg("E0157");
template <> inline constexpr const char* error_message<given_equals> = msg("E0158");
template <> inline constexpr const char* error_message<given_value> = msg("E0159");
template <> inline constexpr const char* error_message<expect_subject> = msg("E0160");
template <> inline constexpr const char* error_message<expect_what> = msg("E0161");
template <> inline constexpr const char* error_message<trend_word> = msg("E0162");
template <> inline constexpr const char* error_message<commentary_text> = msg("E0144");
// clang-format on

// The control's view of the table: must_if<errors> looks messages up here.
struct errors {
  template <typename Rule>
  static constexpr const char* message = error_message<Rule>;
};

// The table entry whose message is `text`, or nullptr.
inline const SyntaxError* find_syntax_error(std::string_view text) {
  for (const SyntaxError& e : syntax_errors) {
    if (text == e.message) return &e;
  }
  return nullptr;
}

}  // namespace attain::grammar
