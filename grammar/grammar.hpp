#pragma once
// The rule language v1 grammar (docs/language.md has the summary). Rules only: the error
// messages are in errors.hpp, the parse-tree selection and lowering in parse.cpp.
//
// Conventions: tok<R> is R followed by trivia, so no rule below mentions whitespace.
// Every commit point (after a keyword has been seen) is a distinct named rule behind
// if_must/must and has a message in errors.hpp; rules tried inside sor/opt have none.

#include <tao/pegtl.hpp>

namespace attain::grammar {

namespace pegtl = tao::pegtl;
using pegtl::eof;
using pegtl::eolf;
using pegtl::if_must;
using pegtl::must;
using pegtl::not_at;
using pegtl::one;
using pegtl::opt;
using pegtl::plus;
using pegtl::seq;
using pegtl::sor;
using pegtl::star;
using pegtl::until;
using pegtl::ascii::digit;
using pegtl::ascii::not_one;
using pegtl::ascii::ranges;
using pegtl::ascii::space;
using pegtl::ascii::string;

// clang-format off

// Trivia: whitespace and comments from '#' to the end of the line.
struct comment : seq<one<'#'>, until<eolf>> {};
struct trivia : star<sor<space, comment>> {};
template <typename R> struct tok : seq<R, trivia> {};

// Keywords do not match a prefix of a longer word ("area" is not the start of "areal").
struct kw_area : TAO_PEGTL_KEYWORD("area") {};
struct kw_goal : TAO_PEGTL_KEYWORD("goal") {};
struct kw_objective : TAO_PEGTL_KEYWORD("objective") {};
struct kw_indicator : TAO_PEGTL_KEYWORD("indicator") {};
struct kw_budget : TAO_PEGTL_KEYWORD("budget") {};
struct kw_unit : TAO_PEGTL_KEYWORD("unit") {};
struct kw_data : TAO_PEGTL_KEYWORD("data") {};
struct kw_target : TAO_PEGTL_KEYWORD("target") {};
struct kw_annual : TAO_PEGTL_KEYWORD("annual") {};
struct kw_pending : TAO_PEGTL_KEYWORD("pending") {};
struct kw_none : TAO_PEGTL_KEYWORD("none") {};
struct kw_higher : TAO_PEGTL_KEYWORD("higher") {};
struct kw_lower : TAO_PEGTL_KEYWORD("lower") {};
struct kw_is : TAO_PEGTL_KEYWORD("is") {};
struct kw_better : TAO_PEGTL_KEYWORD("better") {};
struct kw_cumulative : TAO_PEGTL_KEYWORD("cumulative") {};
struct kw_breakdown : TAO_PEGTL_KEYWORD("breakdown") {};
struct kw_table : TAO_PEGTL_KEYWORD("table") {};
struct kw_outcome : TAO_PEGTL_KEYWORD("outcome") {};
struct kw_reported : TAO_PEGTL_KEYWORD("reported") {};
struct kw_previous : TAO_PEGTL_KEYWORD("previous") {};
struct kw_favourable : TAO_PEGTL_KEYWORD("favourable") {};
struct kw_materiality : TAO_PEGTL_KEYWORD("materiality") {};
struct kw_tkr : TAO_PEGTL_KEYWORD("tkr") {};
struct kw_lines : TAO_PEGTL_KEYWORD("lines") {};
struct kw_value : TAO_PEGTL_KEYWORD("value") {};
struct kw_check : TAO_PEGTL_KEYWORD("check") {};
struct kw_expect : TAO_PEGTL_KEYWORD("expect") {};
struct kw_columns : TAO_PEGTL_KEYWORD("columns") {};
struct kw_tolerance : TAO_PEGTL_KEYWORD("tolerance") {};
struct kw_except : TAO_PEGTL_KEYWORD("except") {};
struct kw_sum : TAO_PEGTL_KEYWORD("sum") {};
struct kw_min : TAO_PEGTL_KEYWORD("min") {};
struct kw_max : TAO_PEGTL_KEYWORD("max") {};
struct kw_avg : TAO_PEGTL_KEYWORD("avg") {};
struct kw_count : TAO_PEGTL_KEYWORD("count") {};
struct kw_share : TAO_PEGTL_KEYWORD("share") {};
struct kw_within : TAO_PEGTL_KEYWORD("within") {};
struct kw_of : TAO_PEGTL_KEYWORD("of") {};
struct kw_precision : TAO_PEGTL_KEYWORD("precision") {};
struct kw_weight : TAO_PEGTL_KEYWORD("weight") {};
struct kw_rollup : TAO_PEGTL_KEYWORD("rollup") {};
struct kw_all : TAO_PEGTL_KEYWORD("all") {};
struct kw_at : TAO_PEGTL_KEYWORD("at") {};
struct kw_least : TAO_PEGTL_KEYWORD("least") {};
struct kw_weighted : TAO_PEGTL_KEYWORD("weighted") {};
struct kw_compare : TAO_PEGTL_KEYWORD("compare") {};
struct kw_with : TAO_PEGTL_KEYWORD("with") {};
struct kw_period : TAO_PEGTL_KEYWORD("period") {};
struct kw_same : TAO_PEGTL_KEYWORD("same") {};
struct kw_last : TAO_PEGTL_KEYWORD("last") {};
struct kw_year : TAO_PEGTL_KEYWORD("year") {};
struct kw_family : TAO_PEGTL_KEYWORD("family") {};
struct kw_members : TAO_PEGTL_KEYWORD("members") {};
struct kw_const : TAO_PEGTL_KEYWORD("const") {};
struct kw_description : TAO_PEGTL_KEYWORD("description") {};
struct kw_owner : TAO_PEGTL_KEYWORD("owner") {};
struct kw_source : TAO_PEGTL_KEYWORD("source") {};
struct kw_kolada : TAO_PEGTL_KEYWORD("kolada") {};
struct kw_profile : TAO_PEGTL_KEYWORD("profile") {};
struct kw_months : TAO_PEGTL_KEYWORD("months") {};
struct kw_bands : TAO_PEGTL_KEYWORD("bands") {};
struct kw_green : TAO_PEGTL_KEYWORD("green") {};
struct kw_yellow : TAO_PEGTL_KEYWORD("yellow") {};
struct kw_red : TAO_PEGTL_KEYWORD("red") {};
struct kw_breakdowns : TAO_PEGTL_KEYWORD("breakdowns") {};
struct kw_mean : TAO_PEGTL_KEYWORD("mean") {};
struct kw_by : TAO_PEGTL_KEYWORD("by") {};
struct kw_gap : TAO_PEGTL_KEYWORD("gap") {};
struct kw_test : TAO_PEGTL_KEYWORD("test") {};
struct kw_given : TAO_PEGTL_KEYWORD("given") {};
struct kw_trend : TAO_PEGTL_KEYWORD("trend") {};
struct kw_commentary : TAO_PEGTL_KEYWORD("commentary") {};

// Identifiers: ids of declarations, dataset tables, rows and columns. Keywords are not
// excluded: every keyword stands where no identifier can, so `budget budget` is fine.
struct identifier : seq<ranges<'a', 'z', 'A', 'Z', '_'>, star<ranges<'a', 'z', 'A', 'Z', '0', '9', '_'>>> {};

// "Display names": no line breaks inside; \" and \\ are the only escapes.
struct escaped : one<'"', '\\'> {};
struct string_char : sor<seq<one<'\\'>, must<escaped>>, not_one<'"', '\\', '\n', '\r'>> {};
struct string_content : star<string_char> {};
struct string_close : one<'"'> {};
struct string_literal : seq<one<'"'>, string_content, must<string_close>> {};

// Numbers: 92, -143, 3,5 or 3.5, 220_000. A '.' or ',' counts only before a digit, so
// "90..100" is a range and "a, b" a list.
struct digits : seq<digit, star<sor<digit, seq<one<'_'>, digit>>>> {};
struct number : seq<opt<one<'-'>>, digits, opt<one<'.', ','>, digit, star<digit>>> {};

// Dataset references: table.row[.child...][@column]
struct ref_part : identifier {};
struct ref_column : identifier {};
struct ref_dot : one<'.'> {};
struct member_placeholder : one<'*'> {};  // in a family: the member's row
struct ref_next : sor<member_placeholder, identifier> {};
struct ref_column_name : ref_column {};
struct reference : seq<ref_part, star<ref_dot, must<ref_next>>, opt<one<'@'>, must<ref_column_name>>> {};

// Expressions: arithmetic over numbers, dataset references, indicator ids and aggregates.
//   expression := term (('+' | '-') term)*      term := unary (('*' | '/') unary)*
//   unary := '-' unary | '(' expression ')' | call | literal | pattern | name
// A pattern is a dataset reference whose row segments may be '*', with rows left out by
// `except`: sum(driftsammandrag_mars.* except summa). A name is an indicator id.
struct expression;
struct literal : seq<digits, opt<one<'.', ','>, digit, star<digit>>> {};
struct close_paren : tok<one<')'>> {};
struct wildcard : one<'*'> {};
struct pattern_next : sor<wildcard, identifier> {};
struct except_id : identifier {};
struct except_name : tok<except_id> {};
struct except_list : sor<seq<if_must<tok<one<'('>>, except_name>, star<tok<one<','>>, must<except_name>>, must<close_paren>>, except_name> {};
struct except_clause : if_must<tok<kw_except>, except_list> {};
struct pattern : seq<ref_part, plus<ref_dot, must<pattern_next>>, opt<one<'@'>, must<ref_column_name>>> {};
struct name_ref : identifier {};
struct paren : if_must<tok<one<'('>>, expression, close_paren> {};
struct fn_sum : kw_sum {};
struct fn_min : kw_min {};
struct fn_max : kw_max {};
struct fn_avg : kw_avg {};
struct fn_count : kw_count {};
struct fn_share : kw_share {};
struct function_name : sor<fn_sum, fn_min, fn_max, fn_avg, fn_count, fn_share> {};
struct argument : seq<expression> {};
struct call : seq<tok<function_name>, if_must<tok<one<'('>>, argument>, star<tok<one<','>>, must<argument>>, must<close_paren>> {};
struct pattern_operand : seq<tok<pattern>, opt<except_clause>> {};
struct operand : sor<paren, call, tok<literal>, pattern_operand, tok<name_ref>> {};
struct unary;
struct negation : seq<tok<one<'-'>>, must<unary>> {};
struct unary : sor<negation, operand> {};
struct op_times : one<'*'> {};
struct op_over : one<'/'> {};
struct op_plus : one<'+'> {};
struct op_minus : one<'-'> {};
struct next_unary : unary {};
struct term : seq<unary, star<tok<sor<op_times, op_over>>, must<next_unary>>> {};
struct next_term : term {};
struct expression : seq<term, star<tok<sor<op_plus, op_minus>>, must<next_term>>> {};

// Declaration heads shared by every block: an id, then a display name.
struct id : identifier {};
struct decl_id : tok<id> {};
struct decl_name : tok<string_literal> {};
struct open_brace : tok<one<'{'>> {};

// Targets: `>= 92`, `< 5`, `90..100`, `>= 220000 annual`, `pending "Q3"`, `none`,
// each optionally followed by a display text: `>= 0 "Nollresultat"`.
struct cmp_ge : sor<string<'>', '='>, TAO_PEGTL_STRING("\xE2\x89\xA5")> {};
struct cmp_le : sor<string<'<', '='>, TAO_PEGTL_STRING("\xE2\x89\xA4")> {};
struct cmp_gt : one<'>'> {};
struct cmp_lt : one<'<'> {};
struct cmp_eq : one<'='> {};
struct comparator : sor<cmp_ge, cmp_le, cmp_gt, cmp_lt, cmp_eq> {};
// A relative bound: the comparison value (see `compare with`) plus or minus an offset.
struct offset_plus : one<'+'> {};
struct offset_minus : one<'-'> {};
struct offset_amount : tok<literal> {};
struct relative_bound : seq<tok<kw_previous>, opt<tok<sor<offset_plus, offset_minus>>, must<offset_amount>>> {};
struct const_ref : identifier {};  // a named constant (`const`)
struct bound : sor<tok<number>, relative_bound, tok<const_ref>> {};
struct upper_bound : tok<number> {};
struct profile_name : tok<id> {};
struct profile_ref : if_must<tok<kw_profile>, profile_name> {};
struct annual : seq<tok<kw_annual>, opt<profile_ref>> {};
struct target_text : tok<string_literal> {};
// A tolerance band: `within 1` (in the indicator's unit) or `within 5 % of target`.
struct band_amount : tok<literal> {};
struct of_target : seq<tok<kw_of>, tok<kw_target>> {};
struct band_relative : seq<tok<one<'%'>>, must<of_target>> {};
struct band : seq<if_must<tok<kw_within>, band_amount>, opt<band_relative>> {};
struct target_compare : seq<tok<comparator>, must<bound>, opt<annual>, opt<band>, opt<target_text>> {};
struct target_range : seq<tok<number>, tok<string<'.', '.'>>, must<upper_bound>, opt<annual>, opt<band>, opt<target_text>> {};
struct target_pending : seq<tok<kw_pending>, opt<target_text>> {};
struct target_none : tok<kw_none> {};
struct target_spec : sor<target_pending, target_none, target_compare, target_range> {};

// Indicator properties.
struct unit_name : tok<id> {};
struct unit_prop : if_must<tok<kw_unit>, unit_name> {};
struct is_better : seq<tok<kw_is>, tok<kw_better>> {};
struct higher_better : if_must<tok<kw_higher>, is_better> {};
struct lower_better : if_must<tok<kw_lower>, is_better> {};
struct data_ref : tok<reference> {};
struct data_prop : if_must<tok<kw_data>, data_ref> {};
struct target_prop : if_must<tok<kw_target>, target_spec> {};
struct cumulative_prop : tok<kw_cumulative> {};
struct breakdown_data : tok<kw_data> {};
struct breakdown_prop : if_must<tok<kw_breakdown>, decl_id, decl_name, breakdown_data, data_ref> {};
struct value_prop : if_must<tok<kw_value>, expression> {};
struct precision_value : digits {};
struct precision_digits : tok<precision_value> {};
struct precision_prop : if_must<tok<kw_precision>, precision_digits> {};
struct weight_amount : tok<literal> {};
struct weight_prop : if_must<tok<kw_weight>, weight_amount> {};
// Which earlier value trends and relative targets compare with.
struct expect_period : tok<kw_period> {};
struct expect_last : tok<kw_last> {};
struct expect_year : tok<kw_year> {};
struct compare_previous : seq<tok<kw_previous>, must<expect_period>> {};
struct compare_last_year : seq<tok<kw_same>, must<expect_period>, must<expect_last>, must<expect_year>> {};
struct compare_named : seq<tok<kw_period>, must<decl_name>> {};
struct compare_spec : sor<compare_previous, compare_last_year, compare_named> {};
struct compare_with : tok<kw_with> {};
struct compare_prop : if_must<tok<kw_compare>, compare_with, compare_spec> {};
// Metadata an auditor can look up: `description`, `owner`, `source`, `kolada "N00945"`.
struct meta_text : tok<string_literal> {};
struct description_prop : if_must<tok<kw_description>, meta_text> {};
struct owner_prop : if_must<tok<kw_owner>, meta_text> {};
struct source_prop : if_must<tok<kw_source>, meta_text> {};
struct kolada_prop : if_must<tok<kw_kolada>, meta_text> {};
// Colour bands, indicator by indicator: each colour is one or two conditions on the
// value (`yellow >= 88 < 92`); the checker proves they cover every value exactly once.
struct band_green : tok<kw_green> {};
struct band_yellow : tok<kw_yellow> {};
struct band_red : tok<kw_red> {};
struct band_colour : sor<band_green, band_yellow, band_red> {};
struct band_bound : tok<number> {};
struct band_condition : seq<tok<comparator>, must<band_bound>> {};
struct band_second : seq<tok<comparator>, must<band_bound>> {};  // optional: no message
struct band_line : seq<band_colour, must<band_condition>, opt<band_second>> {};
struct bands_close : tok<one<'}'>> {};
struct bands_prop : seq<if_must<tok<kw_bands>, open_brace>, star<band_line>, must<bands_close>> {};
// How breakdown rows add up to the total (`breakdowns sum`, `breakdowns mean`,
// `breakdowns mean weighted by 40, 60`), and how far apart they may be (`gap <= 2`).
struct method_sum : tok<kw_sum> {};
struct weight_value : tok<literal> {};
struct by_weights : seq<tok<kw_by>, must<weight_value>, star<tok<one<','>>, must<weight_value>>> {};
struct weighted_by : seq<tok<kw_weighted>, must<by_weights>> {};
struct method_mean : seq<tok<kw_mean>, opt<weighted_by>> {};
struct breakdown_method : sor<method_sum, method_mean> {};
struct breakdowns_prop : if_must<tok<kw_breakdowns>, breakdown_method> {};
struct gap_comparator : tok<comparator> {};
struct gap_amount : tok<literal> {};
struct gap_prop : if_must<tok<kw_gap>, gap_comparator, gap_amount> {};
struct indicator_prop : sor<unit_prop, higher_better, lower_better, data_prop, value_prop, target_prop, cumulative_prop, breakdown_prop, breakdowns_prop, gap_prop, precision_prop, weight_prop, compare_prop, description_prop, owner_prop, source_prop, kolada_prop, bands_prop> {};
struct indicator_close : tok<one<'}'>> {};
struct indicator : seq<if_must<tok<kw_indicator>, decl_id, decl_name, open_brace>, star<indicator_prop>, must<indicator_close>> {};

// Budget properties: which table and columns hold the outcome and the budget.
struct column_name : tok<id> {};
struct table_prop : if_must<tok<kw_table>, column_name> {};
struct outcome_prop : if_must<tok<kw_outcome>, column_name> {};
struct budget_col_prop : if_must<tok<kw_budget>, column_name> {};
struct reported_prop : if_must<tok<kw_reported>, column_name> {};
struct previous_prop : if_must<tok<kw_previous>, column_name> {};
struct favourable_higher : tok<kw_higher> {};
struct favourable_lower : tok<kw_lower> {};
struct favourable_side : sor<favourable_higher, favourable_lower> {};
struct favourable_prop : if_must<tok<kw_favourable>, favourable_side> {};
struct materiality_amount : sor<tok<number>, tok<const_ref>> {};
struct materiality_prop : seq<if_must<tok<kw_materiality>, materiality_amount>, opt<tok<kw_tkr>>> {};
struct line_name : tok<id> {};
struct lines_prop : seq<if_must<tok<kw_lines>, line_name>, star<tok<one<','>>, must<line_name>>> {};
struct budget_prop : sor<table_prop, outcome_prop, budget_col_prop, reported_prop, previous_prop, favourable_prop, materiality_prop, lines_prop> {};
struct budget_close : tok<one<'}'>> {};
struct budget : seq<if_must<tok<kw_budget>, decl_id, decl_name, open_brace>, star<budget_prop>, must<budget_close>> {};

// A rule family: one indicator declaration repeated for each member, with ids
// `<family>_<member>`, names "<family name> <member name>", and '*' in data references
// standing for the member's id.
// A member's id and name have rules of their own, which make no parse-tree nodes: a
// national family has 290 members, and the lowering reads them from the text of
// `members_first` instead (parse.cpp, MemberAction).
struct member_id : identifier {};
struct member_name_content : star<string_char> {};
struct member_name : seq<one<'"'>, member_name_content, must<string_close>> {};
struct member : seq<tok<member_id>, tok<member_name>> {};
struct members_first : seq<if_must<tok<kw_members>, member>, star<tok<one<','>>, must<member>>> {};
struct family_close : tok<one<'}'>> {};
struct family : seq<if_must<tok<kw_family>, decl_id, decl_name, open_brace, members_first>, star<indicator_prop>, must<family_close>> {};

// Roll-up policies of areas, goals and objectives: `rollup all`, `rollup at least 3`,
// `rollup at least 75 %`, `rollup weighted at least 75 %`.
struct rollup_amount : tok<literal> {};
struct percent_sign : tok<one<'%'>> {};
struct required_percent_sign : tok<one<'%'>> {};
struct least : tok<kw_least> {};
struct at_least : seq<tok<kw_at>, must<least>> {};
struct rollup_all : tok<kw_all> {};
struct rollup_at_least : seq<tok<kw_at>, must<least>, must<rollup_amount>, opt<percent_sign>> {};
struct rollup_weighted : seq<tok<kw_weighted>, must<at_least>, must<rollup_amount>, must<required_percent_sign>> {};
struct rollup_policy : sor<rollup_all, rollup_at_least, rollup_weighted> {};
struct rollup_prop : if_must<tok<kw_rollup>, rollup_policy> {};

// The hierarchy: area (målområde) > goal (kommunövergripande mål) > objective
// (förvaltningsmål / nämndmål) > indicator or budget.
struct objective_close : tok<one<'}'>> {};
struct objective : seq<if_must<tok<kw_objective>, decl_id, decl_name, open_brace>, star<sor<indicator, family, budget, rollup_prop>>, must<objective_close>> {};
struct goal_close : tok<one<'}'>> {};
struct goal : seq<if_must<tok<kw_goal>, decl_id, decl_name, open_brace>, star<sor<objective, indicator, family, budget, rollup_prop>>, must<goal_close>> {};
struct area_close : tok<one<'}'>> {};
struct area : seq<if_must<tok<kw_area>, decl_id, decl_name, open_brace>, star<sor<goal, objective, indicator, family, budget, rollup_prop>>, must<area_close>> {};

// Data checks: assertions about the dataset itself, at the top level of a file.
struct expect_comparator : tok<comparator> {};
struct expected_side : expression {};
struct expect_prop : if_must<tok<kw_expect>, expression, expect_comparator, expected_side> {};
struct columns_prop : seq<if_must<tok<kw_columns>, column_name>, star<tok<one<','>>, must<column_name>>> {};
struct tolerance_amount : sor<tok<literal>, tok<const_ref>> {};
struct tolerance_prop : seq<if_must<tok<kw_tolerance>, tolerance_amount>, opt<tok<kw_tkr>>> {};
struct check_prop : sor<expect_prop, columns_prop, tolerance_prop> {};
struct check_close : tok<one<'}'>> {};
struct check : seq<if_must<tok<kw_check>, decl_id, decl_name, open_brace>, star<check_prop>, must<check_close>> {};

struct end_of_file : eof {};
struct byte_order_mark : TAO_PEGTL_STRING("\xEF\xBB\xBF") {};  // as some Windows editors write
// Named constants, declared once at the top level: const vasentlighet = 500
struct const_equals : tok<one<'='>> {};
struct const_value : tok<number> {};
struct const_decl : if_must<tok<kw_const>, decl_id, const_equals, const_value> {};

// A monthly profile for annual targets: how the year's total is spread over the months
// (any scale; 12 weights, January first).
struct month_weight : tok<literal> {};
struct months_list : seq<if_must<tok<kw_months>, month_weight>, star<tok<one<','>>, must<month_weight>>> {};
struct profile_close : tok<one<'}'>> {};
struct profile_decl : if_must<tok<kw_profile>, decl_id, decl_name, open_brace, months_list, profile_close> {};

// Rule tests, run by `evaluate test` against values they give themselves:
//   test ID "Name" { period "2020-03"  given REF [previous] = VALUE  expect ID WHAT }
// REF is an indicator id or a dataset reference; VALUE a number or a cell's text in
// quotes ("I.U."); WHAT a verdict, `trend` and a trend, or `commentary` and a text.
struct test_period_text : tok<string_literal> {};
struct test_period_prop : if_must<tok<kw_period>, test_period_text> {};
struct given_target : tok<reference> {};
struct given_previous : tok<kw_previous> {};
struct given_equals : tok<one<'='>> {};
struct given_number : tok<number> {};
struct given_text : tok<string_literal> {};
struct given_value : sor<given_number, given_text> {};
struct given_prop : seq<if_must<tok<kw_given>, given_target>, opt<given_previous>, must<given_equals, given_value>> {};
struct expect_subject : tok<reference> {};
struct trend_word : tok<id> {};
struct expect_trend : if_must<tok<kw_trend>, trend_word> {};
struct commentary_text : tok<string_literal> {};
struct expect_commentary : if_must<tok<kw_commentary>, commentary_text> {};
struct verdict_word : tok<id> {};
struct expect_what : sor<expect_trend, expect_commentary, verdict_word> {};
struct test_expect : if_must<tok<kw_expect>, expect_subject, expect_what> {};
struct test_prop : sor<test_period_prop, given_prop, test_expect> {};
struct test_close : tok<one<'}'>> {};
struct rule_test : seq<if_must<tok<kw_test>, decl_id, decl_name, open_brace>, star<test_prop>, must<test_close>> {};

struct declaration : sor<area, check, const_decl, profile_decl, rule_test> {};
struct file : seq<opt<byte_order_mark>, trivia, star<declaration>, must<end_of_file>> {};
// The parser reads one declaration at a time, so that after a syntax error it can go on
// with the next declaration (docs/errors.md: every error of every file in one run).
struct next_declaration : seq<trivia, opt<declaration>> {};  // after the byte order mark

// clang-format on

// How deep rules may nest while parsing (a parenthesis adds about eight levels; a normal
// declaration needs about forty). Deeper input, such as an expression in 100 000
// parentheses, is a syntax error (E0163) instead of a stack overflow in the parser and in
// every stage that walks the tree after it.
inline constexpr std::size_t max_rule_depth = 1000;
inline constexpr const char* too_deep_message =
    "expression nested too deeply: more than about 100 levels of parentheses or signs; split it with derived "
    "indicators";

// The parse's action: counts the rule depth of the input, as PEGTL's limit_depth does,
// with our message, so that it reads like every other syntax error.
template <typename Rule>
struct depth_limit : pegtl::maybe_nothing {
  template <typename R, pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
    if constexpr (Control<R>::enable) {
      struct Guard {  // one level deeper for as long as this rule is being matched
        std::size_t& depth;
        explicit Guard(std::size_t& d) : depth(d) { ++depth; }
        ~Guard() { --depth; }
        Guard(const Guard&) = delete;
        Guard& operator=(const Guard&) = delete;
      } guard(in.private_depth);
      if (in.private_depth > max_rule_depth) throw pegtl::parse_error(too_deep_message, in);
      return pegtl::match<R, A, M, Action, Control>(in, st...);
    } else {
      return pegtl::match<R, A, M, Action, Control>(in, st...);
    }
  }
};

}  // namespace attain::grammar
