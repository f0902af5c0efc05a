// Stage 1: parse a rule file with PEGTL into a parse tree, then lower the tree into
// the owned AST of ast.hpp. This is the only translation unit that includes PEGTL.

#include "attain/parse.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include <fmt/format.h>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "grammar/errors.hpp"
#include "grammar/grammar.hpp"

namespace attain {

namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar;
using Node = pegtl::parse_tree::node;

// clang-format off
template <typename Rule>
using selector = pegtl::parse_tree::selector<Rule,
    pegtl::parse_tree::store_content::on<
        g::area, g::goal, g::objective, g::indicator, g::budget,
        g::id, g::string_content, g::number, g::ref_part, g::ref_next, g::ref_column_name,
        g::reference,
        g::unit_prop, g::higher_better, g::lower_better, g::data_prop, g::target_prop,
        g::cumulative_prop, g::breakdown_prop,
        g::cmp_ge, g::cmp_le, g::cmp_gt, g::cmp_lt, g::cmp_eq,
        g::target_range, g::target_pending, g::target_none, g::annual,
        g::table_prop, g::outcome_prop, g::budget_col_prop, g::reported_prop,
        g::previous_prop, g::favourable_higher, g::favourable_lower, g::materiality_prop,
        g::lines_prop,
        g::value_prop, g::literal, g::pattern, g::pattern_next, g::wildcard, g::except_id,
        g::pattern_operand, g::name_ref, g::fn_sum, g::fn_min, g::fn_max, g::fn_avg, g::fn_count,
        g::fn_share, g::call, g::argument, g::negation, g::op_times, g::op_over, g::op_plus,
        g::op_minus, g::term, g::next_term, g::expression, g::expected_side,
        g::check, g::expect_prop, g::columns_prop, g::tolerance_prop,
        g::band, g::band_relative, g::precision_prop, g::precision_value, g::weight_prop,
        g::rollup_prop, g::rollup_all, g::rollup_at_least, g::rollup_weighted, g::percent_sign,
        g::relative_bound, g::offset_minus, g::compare_prop, g::compare_previous, g::compare_last_year,
        g::compare_named, g::const_ref, g::family, g::members_first, g::description_prop, g::owner_prop,
        g::source_prop, g::kolada_prop, g::const_decl, g::profile_ref, g::profile_decl, g::months_list,
        g::bands_prop, g::band_line, g::band_green, g::band_yellow, g::band_red,
        g::breakdowns_prop, g::method_sum, g::method_mean, g::gap_prop,
        g::rule_test, g::test_period_prop, g::given_prop, g::given_previous, g::given_text,
        g::test_expect, g::expect_trend, g::expect_commentary, g::verdict_word>>;
// clang-format on

// A display name's text without its escapes (\" and \\, the only ones).
std::string unescape(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size()) ++i;
    out += raw[i];
  }
  return out;
}

// Collects a family's members while `members_first` is parsed again (lower_family):
// each id waits for its name, and both go into the family's member text.
struct MemberList {
  const SourceFile& file;
  ast::FamilyMembers& out;
  std::string_view id;
  std::uint32_t offset = 0;
};

template <typename Rule>
struct MemberAction : pegtl::nothing<Rule> {};

template <>
struct MemberAction<g::member_id> {
  template <typename Input>
  static void apply(const Input& in, MemberList& list) {
    list.id = in.string_view();
    list.offset = static_cast<std::uint32_t>(in.begin() - list.file.text().data());
  }
};

template <>
struct MemberAction<g::member_name_content> {
  template <typename Input>
  static void apply(const Input& in, MemberList& list) {
    const std::string_view raw = in.string_view();
    if (raw.find('\\') == std::string_view::npos)
      list.out.add_member(list.id, raw, list.offset);
    else
      list.out.add_member(list.id, unescape(raw), list.offset);
  }
};

class Lowering {
 public:
  Lowering(const SourceFile& file, DiagnosticSink& sink) : file_(file), sink_(sink) { out_.file = file.id(); }

  // Lowers the declarations of one parse; call for each, then take().
  void add(const Node& root) {
    for (const auto& child : root.children) {
      // A declaration with a number that cannot be read (E0125) is dropped whole, so
      // the checker does not see a 0 in its place.
      const std::size_t groups = out_.groups.size(), indicators = out_.indicators.size(),
                        budgets = out_.budgets.size(), checks = out_.checks.size(),
                        constants = out_.constants.size(), profiles = out_.profiles.size(),
                        tests = out_.tests.size();
      bad_number_ = false;
      lower_declaration(*child);
      if (bad_number_) {
        out_.groups.resize(groups);
        out_.indicators.resize(indicators);
        out_.budgets.resize(budgets);
        out_.checks.resize(checks);
        out_.constants.resize(constants);
        out_.profiles.resize(profiles);
        out_.tests.resize(tests);
      }
    }
  }

  void lower_declaration(const Node& child) {
    if (child.is_type<g::check>())
      lower_check(child);
    else if (child.is_type<g::rule_test>())
      lower_test(child);
    else if (child.is_type<g::profile_decl>())
      lower_profile(child);
    else if (child.is_type<g::const_decl>())
      out_.constants.push_back({name(*child.children.at(0)), number(*child.children.at(1)), span(child)});
    else
      lower_group(child, std::nullopt);
  }

  ast::RuleFile take() { return std::move(out_); }

 private:
  Span span(const Node& n) const {
    return {file_.id(), static_cast<std::uint32_t>(n.m_begin.byte), static_cast<std::uint32_t>(n.m_end.byte)};
  }

  ast::Name name(const Node& n) const { return {n.string(), span(n)}; }

  Decimal number(const Node& n) {
    const NumberReading r = read_number(n.string_view());
    if (!r.number) {
      sink_.error("E0125", span(n),
                  fmt::format("cannot read '{}' as a number: {}", n.string_view(), r.error));
      bad_number_ = true;
      return {};
    }
    if (dot_may_group_thousands(n.string_view())) {
      sink_
          .warning("W0207", span(n),
                   fmt::format("'{}' is read as {}; a '.' before exactly three digits may group thousands",
                               n.string_view(), format_sv(r.number->trimmed())))
          .help("write 220_000 for two hundred and twenty thousand, or 220,5 for a decimal");
    }
    return *r.number;
  }

  ast::Reference reference(const Node& n) {
    ast::Reference ref;
    ref.span = span(n);
    for (const auto& part : n.children) {
      if (part->is_type<g::ref_column_name>()) {
        ref.column = name(*part);
      } else {
        ref.path.push_back(name(*part));
      }
    }
    return ref;
  }

  void lower_group(const Node& n, std::optional<std::size_t> parent) {
    if (n.is_type<g::indicator>()) return lower_indicator(n, parent.value_or(0));
    if (n.is_type<g::family>()) return lower_family(n, parent.value_or(0));
    if (n.is_type<g::budget>()) return lower_budget(n, parent.value_or(0));
    ast::Group group;
    group.level = n.is_type<g::area>()   ? ast::GroupLevel::area
                  : n.is_type<g::goal>() ? ast::GroupLevel::goal
                                         : ast::GroupLevel::objective;
    group.id = name(*n.children.at(0));
    group.name = unescape(n.children.at(1)->string_view());
    group.span = span(n);
    group.parent = parent;
    const std::size_t index = out_.groups.size();
    out_.groups.push_back(std::move(group));
    for (std::size_t i = 2; i < n.children.size(); ++i) {
      const Node& child = *n.children[i];
      if (child.is_type<g::rollup_prop>())
        out_.groups[index].rollups.push_back({rollup(child), span(child)});
      else
        lower_group(child, index);
    }
  }

  // bands { green >= 92  yellow >= 88 < 92  red < 88 }: each line's children are its
  // colour, then comparator and number pairs.
  std::vector<ast::ColourBand> colour_bands(const Node& n) {
    std::vector<ast::ColourBand> out;
    for (const auto& line : n.children) {
      ast::ColourBand b;
      b.span = span(*line);
      const Node& colour = *line->children.at(0);
      b.colour = colour.is_type<g::band_green>()    ? ast::ColourBand::Colour::green
                 : colour.is_type<g::band_yellow>() ? ast::ColourBand::Colour::yellow
                                                    : ast::ColourBand::Colour::red;
      for (std::size_t i = 1; i + 1 < line->children.size(); i += 2) {
        b.conditions.emplace_back(comparator(*line->children[i]), number(*line->children[i + 1]));
      }
      out.push_back(std::move(b));
    }
    return out;
  }

  void lower_profile(const Node& n) {
    ast::Profile p;
    p.id = name(*n.children.at(0));
    p.name = unescape(n.children.at(1)->string_view());
    p.span = span(n);
    for (const auto& weight : n.children.at(2)->children) p.weights.push_back(number(*weight));
    out_.profiles.push_back(std::move(p));
  }

  ast::Comparison comparison(const Node& n) {
    ast::Comparison c;
    c.span = span(n);
    if (n.is_type<g::compare_last_year>()) c.kind = ast::Comparison::Kind::same_period_last_year;
    if (n.is_type<g::compare_named>()) {
      c.kind = ast::Comparison::Kind::named_period;
      c.period = unescape(n.children.at(0)->string_view());
    }
    return c;
  }

  ast::RollupPolicy rollup(const Node& prop) {
    ast::RollupPolicy p;
    const Node& policy = *prop.children.at(0);
    if (policy.is_type<g::rollup_all>()) return p;
    p.amount = number(*policy.children.at(0));
    if (policy.is_type<g::rollup_weighted>())
      p.kind = ast::RollupPolicy::Kind::weighted;
    else if (policy.children.size() > 1)
      p.kind = ast::RollupPolicy::Kind::at_least_share;
    else
      p.kind = ast::RollupPolicy::Kind::at_least;
    return p;
  }

  ast::Target target(const Node& prop) {
    ast::Target t;
    t.span = span(prop);
    const auto& kids = prop.children;
    const Node& first = *kids.at(0);
    auto text_of = [&](const Node& parent, std::size_t from) {
      for (std::size_t i = from; i < parent.children.size(); ++i) {
        const Node& k = *parent.children[i];
        if (k.is_type<g::string_content>()) t.text = unescape(k.string_view());
        if (k.is_type<g::annual>()) {
          t.annual = true;
          if (!k.children.empty()) t.profile = name(*k.children.front()->children.at(0));  // profile_ref
        }
        if (k.is_type<g::band>()) {
          t.band = number(*k.children.at(0));
          t.band_relative = k.children.size() > 1;
        }
      }
    };
    if (first.is_type<g::target_none>()) {
      t.kind = ast::Target::Kind::none;
    } else if (first.is_type<g::target_pending>()) {
      t.kind = ast::Target::Kind::pending;
      text_of(first, 0);
    } else if (first.is_type<g::target_range>()) {
      t.kind = ast::Target::Kind::compare;
      t.comparator = ast::Comparator::range;
      t.value = number(*first.children.at(0));
      t.upper = number(*first.children.at(1));
      t.value_span = {file_.id(), span(*first.children[0]).begin, span(*first.children[1]).end};
      text_of(first, 2);
    } else {
      t.kind = ast::Target::Kind::compare;
      t.comparator = comparator(first);
      const Node& b = *kids.at(1);
      t.value_span = span(b);
      if (b.is_type<g::relative_bound>()) {
        // previous [+|- offset]: children are an optional minus and the offset literal
        t.relative = true;
        t.value = Decimal::integer(0);
        if (!b.children.empty()) {
          t.value = number(*b.children.back());
          if (b.children.front()->is_type<g::offset_minus>()) t.value = t.value.negated();
        }
      } else if (b.is_type<g::const_ref>()) {
        t.constant = name(b);
      } else {
        t.value = number(b);
      }
      text_of(prop, 2);
    }
    return t;
  }

  void lower_indicator(const Node& n, std::size_t group) {
    ast::Indicator ind;
    ind.id = name(*n.children.at(0));
    ind.name = unescape(n.children.at(1)->string_view());
    ind.span = span(n);
    ind.group = group;
    properties(ind, n, 2);
    out_.indicators.push_back(std::move(ind));
  }

  // family ID "Name" { members m1 "M1", m2 "M2"  PROPERTIES } -> one Indicator with its
  // member list; the checker makes the members' indicators (check.cpp).
  void lower_family(const Node& n, std::size_t group) {
    ast::Indicator ind;
    ind.id = name(*n.children.at(0));
    ind.name = unescape(n.children.at(1)->string_view());
    ind.span = span(n);
    ind.group = group;
    ind.family = ind.id;
    ind.family_name = ind.name;
    // The member list is one node without children: its text is read again here, which
    // costs less than a parse-tree node per id and name.
    const Node& list = *n.children.at(2);
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(list.m_begin.data, list.m_end.data, "");
    // Room for as many members as the family before had (a national rule set's families
    // all have the 290 kommuner), and no more than used: growing by doubling left up
    // to half of 290 000 members' room unused, 18 MB of the check's peak.
    ind.members.reserve(last_family_size_);
    ind.member_text.reserve(last_family_text_);
    MemberList members{file_, ind, {}, 0};
    pegtl::parse<g::members_first, MemberAction>(in, members);
    if (ind.members.capacity() > ind.members.size()) ind.members.shrink_to_fit();
    if (ind.member_text.capacity() > ind.member_text.size()) ind.member_text.shrink_to_fit();
    last_family_size_ = ind.members.size();
    last_family_text_ = ind.member_text.size();
    properties(ind, n, 3);
    out_.indicators.push_back(std::move(ind));
  }

  void properties(ast::Indicator& ind, const Node& n, std::size_t from) {
    for (std::size_t i = from; i < n.children.size(); ++i) {
      const Node& p = *n.children[i];
      const Span s = span(p);
      if (p.is_type<g::unit_prop>())
        ind.units.push_back({name(*p.children.at(0)), s});
      else if (p.is_type<g::higher_better>())
        ind.directions.push_back({ast::Direction::higher, s});
      else if (p.is_type<g::lower_better>())
        ind.directions.push_back({ast::Direction::lower, s});
      else if (p.is_type<g::value_prop>())
        ind.values.push_back({expression(*p.children.at(0)), s});
      else if (p.is_type<g::data_prop>())
        ind.data.push_back({reference(*p.children.at(0)), s});
      else if (p.is_type<g::target_prop>())
        ind.targets.push_back({target(p), s});
      else if (p.is_type<g::precision_prop>())
        ind.precision.push_back({number(*p.children.at(0)), s});
      else if (p.is_type<g::compare_prop>())
        ind.compare.push_back({comparison(*p.children.at(0)), s});
      else if (p.is_type<g::weight_prop>())
        ind.weight.push_back({number(*p.children.at(0)), s});
      else if (p.is_type<g::cumulative_prop>())
        ind.cumulative.push_back({true, s});
      else if (p.is_type<g::breakdowns_prop>()) {
        const Node& m = *p.children.at(0);
        ast::BreakdownMethod method;
        if (m.is_type<g::method_mean>()) {
          method.kind = m.children.empty() ? ast::BreakdownMethod::Kind::mean
                                           : ast::BreakdownMethod::Kind::weighted_mean;
          for (const auto& w : m.children) method.weights.push_back(number(*w));
        }
        ind.breakdown_method.push_back({std::move(method), s});
      } else if (p.is_type<g::gap_prop>())
        ind.gap.push_back({{comparator(*p.children.at(0)), number(*p.children.at(1))}, s});
      else if (p.is_type<g::bands_prop>())
        ind.bands.push_back({colour_bands(p), s});
      else if (p.is_type<g::description_prop>() || p.is_type<g::owner_prop>() ||
               p.is_type<g::source_prop>() || p.is_type<g::kolada_prop>()) {
        const std::string key = p.is_type<g::description_prop>() ? "description"
                                : p.is_type<g::owner_prop>()     ? "owner"
                                : p.is_type<g::source_prop>()    ? "source"
                                                                 : "kolada";
        ind.metadata.push_back({key, {unescape(p.children.at(0)->string_view()), s}});
      } else if (p.is_type<g::breakdown_prop>()) {
        ind.breakdowns.push_back({name(*p.children.at(0)), unescape(p.children.at(1)->string_view()),
                                  reference(*p.children.at(2)), s});
      }
    }
  }

  static ast::ExprPtr make(ast::Expr e) { return std::make_shared<const ast::Expr>(std::move(e)); }

  // An expression, term, argument or operand node -> Expr. Sums and products are
  // lists of operands separated by operator nodes, folded from the left.
  ast::ExprPtr expression(const Node& n) {
    if (n.is_type<g::expression>() || n.is_type<g::next_term>() || n.is_type<g::term>() ||
        n.is_type<g::argument>() || n.is_type<g::expected_side>()) {
      ast::ExprPtr left = expression(*n.children.at(0));
      for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
        const Node& op = *n.children[i];
        ast::Expr e;
        e.kind = op.is_type<g::op_plus>()    ? ast::Expr::Kind::add
                 : op.is_type<g::op_minus>() ? ast::Expr::Kind::subtract
                 : op.is_type<g::op_times>() ? ast::Expr::Kind::multiply
                                             : ast::Expr::Kind::divide;
        ast::ExprPtr right = expression(*n.children[i + 1]);
        e.span = {file_.id(), left->span.begin, right->span.end};
        e.operands = {left, right};
        left = make(std::move(e));
      }
      return left;
    }
    ast::Expr e;
    e.span = span(n);
    if (n.is_type<g::literal>()) {
      e.kind = ast::Expr::Kind::number;
      e.number = number(n);
    } else if (n.is_type<g::pattern_operand>()) {
      e.kind = ast::Expr::Kind::reference;
      e.reference = reference(*n.children.at(0));
      for (std::size_t i = 1; i < n.children.size(); ++i) e.reference.except.push_back(name(*n.children[i]));
      e.span = e.reference.span;
    } else if (n.is_type<g::name_ref>()) {
      e.kind = ast::Expr::Kind::name;
      e.name = name(n);
    } else if (n.is_type<g::negation>()) {
      e.kind = ast::Expr::Kind::negate;
      e.operands.push_back(expression(*n.children.at(0)));
      e.span.end = e.operands.back()->span.end;  // not the trivia after it
    } else if (n.is_type<g::call>()) {
      e.kind = ast::Expr::Kind::call;
      const Node& fn = *n.children.at(0);
      e.function = fn.is_type<g::fn_sum>()     ? ast::Function::sum
                   : fn.is_type<g::fn_min>()   ? ast::Function::min
                   : fn.is_type<g::fn_max>()   ? ast::Function::max
                   : fn.is_type<g::fn_avg>()   ? ast::Function::avg
                   : fn.is_type<g::fn_count>() ? ast::Function::count
                                               : ast::Function::share;
      for (std::size_t i = 1; i < n.children.size(); ++i) e.operands.push_back(expression(*n.children[i]));
      e.span.end = closing_paren(e.span.begin, e.span.end);
    }
    return make(std::move(e));
  }

  // The end of a call: just past the ')' that matches its first '(' (the node itself
  // runs on over the whitespace and comments after it).
  std::uint32_t closing_paren(std::uint32_t begin, std::uint32_t end) const {
    const std::string_view text = file_.text();
    int depth = 0;
    for (std::uint32_t i = begin; i < end; ++i) {
      const char c = text[i];
      if (c == '#') {  // a comment runs to the end of the line
        while (i < end && text[i] != '\n') ++i;
      } else if (c == '"') {  // no strings in expressions, but stay safe
        for (++i; i < end && text[i] != '"'; ++i) {
          if (text[i] == '\\') ++i;
        }
      } else if (c == '(') {
        ++depth;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
    }
    return end;
  }

  static ast::Comparator comparator(const Node& n) {
    return n.is_type<g::cmp_ge>()   ? ast::Comparator::ge
           : n.is_type<g::cmp_le>() ? ast::Comparator::le
           : n.is_type<g::cmp_gt>() ? ast::Comparator::gt
           : n.is_type<g::cmp_lt>() ? ast::Comparator::lt
                                    : ast::Comparator::eq;
  }

  void lower_check(const Node& n) {
    ast::Check c;
    c.id = name(*n.children.at(0));
    c.name = unescape(n.children.at(1)->string_view());
    c.span = span(n);
    for (std::size_t i = 2; i < n.children.size(); ++i) {
      const Node& p = *n.children[i];
      const Span s = span(p);
      if (p.is_type<g::expect_prop>()) {
        c.expects.push_back(
            {{expression(*p.children.at(0)), comparator(*p.children.at(1)), expression(*p.children.at(2))},
             s});
      } else if (p.is_type<g::columns_prop>()) {
        std::vector<ast::Name> columns;
        for (const auto& k : p.children) columns.push_back(name(*k));
        c.columns.push_back({std::move(columns), s});
      } else if (p.is_type<g::tolerance_prop>()) {
        const Node& amount = *p.children.at(0);
        if (amount.is_type<g::const_ref>()) c.tolerance_constant = name(amount);
        c.tolerance.push_back({amount.is_type<g::const_ref>() ? Decimal{} : number(amount), s});
      }
    }
    out_.checks.push_back(std::move(c));
  }

  // A quoted text's content: the string_content child, absent when the text is "".
  static std::string quoted(const Node& n) {
    return n.children.empty() ? std::string() : unescape(n.children.front()->string_view());
  }

  void lower_test(const Node& n) {
    ast::RuleTest t;
    t.id = name(*n.children.at(0));
    t.name = unescape(n.children.at(1)->string_view());
    t.span = span(n);
    for (std::size_t i = 2; i < n.children.size(); ++i) {
      const Node& p = *n.children[i];
      if (p.is_type<g::test_period_prop>()) {
        t.period.push_back({quoted(p), span(p)});
      } else if (p.is_type<g::given_prop>()) {
        ast::TestGiven given;
        given.span = span(p);
        given.target = reference(*p.children.at(0));
        const Node& value = *p.children.back();
        given.previous = p.children.size() == 3;
        given.value = value.is_type<g::given_text>() ? quoted(value) : value.string();
        given.value_span = span(value);
        t.givens.push_back(std::move(given));
      } else if (p.is_type<g::test_expect>()) {
        ast::TestExpect e;
        e.span = span(p);
        e.subject = reference(*p.children.at(0));
        const Node& what = *p.children.at(1);
        if (what.is_type<g::expect_commentary>()) {
          e.kind = ast::TestExpect::Kind::commentary;
          e.text = quoted(what);
        } else {
          e.kind =
              what.is_type<g::expect_trend>() ? ast::TestExpect::Kind::trend : ast::TestExpect::Kind::verdict;
          e.word = name(*what.children.at(0));
        }
        t.expects.push_back(std::move(e));
      }
    }
    out_.tests.push_back(std::move(t));
  }

  void lower_budget(const Node& n, std::size_t group) {
    ast::Budget b;
    b.id = name(*n.children.at(0));
    b.name = unescape(n.children.at(1)->string_view());
    b.span = span(n);
    b.group = group;
    for (std::size_t i = 2; i < n.children.size(); ++i) {
      const Node& p = *n.children[i];
      const Span s = span(p);
      if (p.is_type<g::table_prop>())
        b.table.push_back({name(*p.children.at(0)), s});
      else if (p.is_type<g::outcome_prop>())
        b.outcome.push_back({name(*p.children.at(0)), s});
      else if (p.is_type<g::budget_col_prop>())
        b.budget.push_back({name(*p.children.at(0)), s});
      else if (p.is_type<g::reported_prop>())
        b.reported.push_back({name(*p.children.at(0)), s});
      else if (p.is_type<g::previous_prop>())
        b.previous.push_back({name(*p.children.at(0)), s});
      else if (p.is_type<g::favourable_higher>())
        b.favourable.push_back({ast::Direction::higher, s});
      else if (p.is_type<g::favourable_lower>())
        b.favourable.push_back({ast::Direction::lower, s});
      else if (p.is_type<g::materiality_prop>()) {
        const Node& amount = *p.children.at(0);
        if (amount.is_type<g::const_ref>()) b.materiality_constant = name(amount);
        b.materiality.push_back({amount.is_type<g::const_ref>() ? Decimal{} : number(amount), s});
      } else if (p.is_type<g::lines_prop>()) {
        std::vector<ast::Name> lines;
        for (const auto& k : p.children) lines.push_back(name(*k));
        b.lines.push_back({std::move(lines), s});
      }
    }
    out_.budgets.push_back(std::move(b));
  }

  const SourceFile& file_;
  DiagnosticSink& sink_;
  ast::RuleFile out_;
  bool bad_number_ = false;           // the current declaration has an unreadable number
  std::size_t last_family_size_ = 0;  // members of the family lowered last
  std::size_t last_family_text_ = 0;  // and the bytes of their ids and names
};

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The span of the token at `offset`, for the caret: a word, a string, or one code point.
Span token_at(const SourceFile& file, std::uint32_t offset) {
  const std::string_view text = file.text();
  std::uint32_t end = offset;
  if (end < text.size() && is_word_char(text[end])) {
    while (end < text.size() && is_word_char(text[end])) ++end;
  } else if (end < text.size() && text[end] == '"') {  // a string, to its closing quote on the line
    ++end;
    while (end < text.size() && text[end] != '"' && text[end] != '\n') end += text[end] == '\\' ? 2 : 1;
    if (end < text.size() && text[end] == '"') ++end;
    end = std::min<std::uint32_t>(end, static_cast<std::uint32_t>(text.size()));
  } else if (end < text.size()) {
    ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  }
  return {file.id(), offset, end};
}

// Characters word processors and mail programs put in place of the ASCII ones the
// language uses, which look the same on screen: the help for a syntax error at one.
std::string_view lookalike_hint(std::string_view text, std::size_t offset) {
  struct Lookalike {
    std::string_view bytes;
    std::string_view hint;
  };
  static constexpr Lookalike lookalikes[] = {
      {"\u201C", "'\u201C' is a typographic quote: write a straight double quote \" (turn off smart quotes)"},
      {"\u201D", "'\u201D' is a typographic quote: write a straight double quote \" (turn off smart quotes)"},
      {"\u201E", "'\u201E' is a typographic quote: write a straight double quote \" (turn off smart quotes)"},
      {"\u00BB", "'\u00BB' is a guillemet: write a straight double quote \""},
      {"\u00A0", "a no-break space stands here: write an ordinary space (or '_' between digit groups)"},
      {"\u202F",
       "a narrow no-break space stands here: write an ordinary space (or '_' between digit groups)"},
      {"\u2009", "a thin space stands here: write an ordinary space (or '_' between digit groups)"},
      {"\u2212", "'\u2212' is the minus sign of typesetting: write a hyphen-minus -"},
      {"\u2013", "'\u2013' is a dash: write a hyphen-minus -"},
  };
  for (const Lookalike& l : lookalikes) {
    if (text.substr(offset, l.bytes.size()) == l.bytes) return l.hint;
  }
  return {};
}

// The offset of a number written right after `target` and before `offset` (white space
// and line breaks between), if that is what stands there.
std::optional<std::size_t> bare_target_number(std::string_view text, std::size_t offset) {
  std::size_t end = std::min(offset, text.size());
  while (end > 0 && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  std::size_t begin = end;
  const auto number_char = [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == ',' || c == '_';
  };
  while (begin > 0 && number_char(text[begin - 1])) --begin;
  if (begin == end || !std::isdigit(static_cast<unsigned char>(text[begin]))) return std::nullopt;
  std::size_t word_end = begin;
  while (word_end > 0 && (text[word_end - 1] == ' ' || text[word_end - 1] == '\t')) --word_end;
  if (word_end == begin || word_end < 6 || text.substr(word_end - 6, 6) != "target") return std::nullopt;
  return begin;
}

// An id with a Swedish letter (`sjukfrånvaro_total`) fails at the letter: the id as it
// must be written (å, ä -> a, ö -> o, é -> e, ü -> u), if the error stands inside such a word.
std::optional<std::string> ascii_id_for(std::string_view text, std::size_t offset) {
  const auto id_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  if (offset == 0 || offset >= text.size() || static_cast<unsigned char>(text[offset]) < 0xC0 ||
      !id_char(text[offset - 1]))
    return std::nullopt;
  std::size_t begin = offset;
  while (begin > 0 && id_char(text[begin - 1])) --begin;
  static constexpr std::pair<std::string_view, char> letters[] = {{"å", 'a'}, {"ä", 'a'}, {"ö", 'o'},
                                                                  {"Å", 'A'}, {"Ä", 'A'}, {"Ö", 'O'},
                                                                  {"é", 'e'}, {"è", 'e'}, {"ü", 'u'}};
  std::string out(text.substr(begin, offset - begin));
  for (std::size_t i = offset; i < text.size();) {
    if (id_char(text[i])) {
      out += text[i++];
      continue;
    }
    const auto it = std::find_if(std::begin(letters), std::end(letters),
                                 [&](const auto& l) { return text.substr(i, l.first.size()) == l.first; });
    if (it == std::end(letters)) break;
    out += it->second;
    i += it->first.size();
  }
  return out;
}

void report_syntax_error(const pegtl::parse_error& e, const SourceFile& file, DiagnosticSink& sink) {
  const auto offset =
      static_cast<std::uint32_t>(std::min<std::size_t>(e.positions().front().byte, file.text().size()));
  const std::string message(e.message());
  const g::SyntaxError* entry = g::find_syntax_error(message);
  // `target 92`: the parser gives up at the next token (the number could have started a
  // range); the mistake is the number without a comparator.
  if (entry && entry->code == std::string_view("E0115")) {
    if (const auto number = bare_target_number(file.text(), offset)) {
      sink.error("E0115", token_at(file, static_cast<std::uint32_t>(*number)), message)
          .help("a target needs a comparator before the number, as in: target >= 92");
      return;
    }
  }
  // An unknown escape: the caret on the backslash and the letter after it.
  if (entry && entry->code == std::string_view("E0124") && offset > 0 && file.text()[offset - 1] == '\\') {
    const std::size_t after = offset + std::max<std::size_t>(1, utf8_length_at(file.text(), offset));
    sink.error("E0124",
               Span{file.id(), offset - 1, static_cast<std::uint32_t>(std::min(after, file.text().size()))},
               message)
        .help("write \\\\ for a backslash, as in \"C:\\\\Rapporter\"");
    return;
  }
  const Span where = token_at(file, offset);
  Diagnostic& d = sink.error(entry ? entry->code : "E0100", where, message);
  if (const auto ascii = ascii_id_for(file.text(), offset)) {
    d.help(fmt::format(
        "ids are ASCII letters, digits and _ (a display name in quotes may hold any letter): write '{}'",
        *ascii));
    return;
  }
  const std::string_view found = file.slice(where);
  if (where.begin == where.end) {
    d.note("the file ends here");
    return;
  }
  if (const std::string_view hint = lookalike_hint(file.text(), offset); !hint.empty()) {
    d.help(std::string(hint));
    return;
  }
  if (entry && entry->code == std::string_view("E0155") && found == "%") {  // given x = 91 %
    d.help("a value written with '%' or a space goes in double quotes, as in: given x = \"91 %\"");
    return;
  }
  if (!entry || found.empty() || !is_word_char(found.front())) return;
  std::vector<std::string> keywords;
  std::string_view list = entry->keywords;
  while (!list.empty()) {
    const auto space = list.find(' ');
    keywords.emplace_back(list.substr(0, space));
    list = space == std::string_view::npos ? std::string_view{} : list.substr(space + 1);
  }
  if (auto best = closest_match(found, keywords)) {
    d.help(fmt::format("did you mean '{}'?", *best));
  } else if (entry->code == std::string_view("E0101") &&
             (found == "goal" || found == "objective" || found == "indicator" || found == "budget")) {
    d.help(fmt::format("'{}' must stand inside an 'area' block", found));
  }
}

}  // namespace

namespace {

// After a syntax error at `offset`: the start of the next line that begins with a letter
// in its first column, where by the layout `fmt` keeps the next top-level declaration
// starts (indented lines belong to the block that failed), or nullopt.
std::optional<std::size_t> next_declaration_start(std::string_view text, std::size_t offset,
                                                  std::size_t from) {
  // An error right at the start of such a line (a block left unclosed before the next
  // declaration): resume there, unless parsing already started there.
  const bool line_start = offset == 0 || text[offset - 1] == '\n';
  if (line_start && offset > from && offset < text.size()) {
    const char c = text[offset];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return offset;
  }
  std::size_t line = text.find('\n', offset);
  while (line != std::string::npos) {
    const std::size_t start = line + 1;
    if (start < text.size()) {
      const char c = text[start];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return start;
    }
    line = text.find('\n', start);
  }
  return std::nullopt;
}

}  // namespace

namespace {

// Parses declaration by declaration; `syntax_errors` tells whether any failed.
ast::RuleFile parse_file(const SourceFile& file, DiagnosticSink& sink, bool& syntax_errors) {
  const std::string_view text = file.text();
  Lowering lowering(file, sink);
  syntax_errors = false;
  const std::size_t errors_before = sink.error_count();
  if (!check_utf8(file, sink)) {
    syntax_errors = true;
    ast::RuleFile empty;
    empty.file = file.id();
    return empty;
  }
  // A byte order mark may open the file; anywhere else it is an error (a file pasted
  // into another), and one the formatter could not keep in place.
  std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (pos <= text.size()) {
    const std::uint32_t line0 = file.line_col(static_cast<std::uint32_t>(pos)).line - 1;
    const std::size_t column0 = pos - file.offset_of(line0, 0);
    pegtl::memory_input<> in(text.data() + pos, text.data() + text.size(), file.path(), pos, line0 + 1,
                             column0 + 1);
    std::optional<std::size_t> resume;
    try {
      auto root = pegtl::parse_tree::parse<g::next_declaration, selector, g::depth_limit,
                                           pegtl::must_if<g::errors>::control>(in);
      const auto stop = static_cast<std::size_t>(in.current() - text.data());
      if (root && !root->children.empty()) {
        lowering.add(*root);
        pos = stop;
        continue;
      }
      if (stop >= text.size()) break;  // only trivia left: the end of the file
      // Something that is not a declaration at the top level.
      syntax_errors = true;
      report_syntax_error(pegtl::parse_error(g::msg("E0101"), pegtl::position(stop, 1, 1, file.path())), file,
                          sink);
      resume = next_declaration_start(text, stop, pos);
    } catch (const pegtl::parse_error& e) {
      syntax_errors = true;
      report_syntax_error(e, file, sink);
      resume = next_declaration_start(text, e.positions().front().byte, pos);
    }
    if (!resume) break;
    pos = *resume;
  }
  ast::RuleFile out = lowering.take();
  if (!syntax_errors && sink.error_count() == errors_before && out.groups.empty() && out.checks.empty() &&
      out.constants.empty() && out.profiles.empty() && out.tests.empty()) {
    sink.warning("W0206", Span{file.id(), 0, 0}, "the rule file declares nothing")
        .help(
            "a rule file holds 'area', 'check', 'const', 'profile' or 'test' blocks; is it the right file?");
  }
  return out;
}

}  // namespace

std::optional<ast::RuleFile> parse_rules(const SourceFile& file, DiagnosticSink& sink) {
  const std::size_t errors_before = sink.error_count();
  bool syntax_errors = false;
  ast::RuleFile out = parse_file(file, sink, syntax_errors);
  if (syntax_errors || sink.error_count() != errors_before) return std::nullopt;
  return out;
}

ast::RuleFile parse_rules_recovering(const SourceFile& file, DiagnosticSink& sink) {
  bool syntax_errors = false;
  return parse_file(file, sink, syntax_errors);
}

std::vector<const SourceFile*> load_rule_files(const std::vector<std::string>& paths, SourceManager& sources,
                                               DiagnosticSink& sink) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      fs::recursive_directory_iterator it(path, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() == ".rules" && it->is_regular_file(ec)) {
          found.push_back(it->path().generic_string());
        }
      }
      if (ec) {
        Diagnostic& d =
            sink.error("E0001", std::nullopt, fmt::format("cannot read directory: {}", ec.message()));
        d.path = path;
        continue;
      }
      if (found.empty()) {
        Diagnostic& d = sink.error("E0002", std::nullopt, "no '*.rules' files in this directory");
        d.path = path;
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(path);
    }
  }
  // A file named twice (or named and inside a directory named) is read once.
  std::vector<std::string> unique;
  std::vector<fs::path> seen;
  for (const std::string& path : files) {
    std::error_code ec;
    fs::path key = fs::weakly_canonical(path, ec);
    if (ec) key = path;
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    unique.push_back(path);
  }
  files = std::move(unique);
  std::vector<const SourceFile*> loaded;
  for (const std::string& path : files) {
    std::string error;
    if (auto text = read_file(path, error)) {
      loaded.push_back(&sources.add(path, std::move(*text)));
    } else {
      Diagnostic& d = sink.error("E0001", std::nullopt, fmt::format("cannot read rule file: {}", error));
      d.path = path;
    }
  }
  return loaded;
}

namespace ast {

std::string_view FamilyMembers::id_of(const Member& member) const {
  return std::string_view(member_text).substr(member.at, member.id_length);
}

std::string_view FamilyMembers::name_of(const Member& member) const {
  return std::string_view(member_text).substr(member.at + member.id_length, member.name_length);
}

void FamilyMembers::add_member(std::string_view id, std::string_view name, std::uint32_t offset) {
  members.push_back({static_cast<std::uint32_t>(member_text.size()), static_cast<std::uint32_t>(id.size()),
                     static_cast<std::uint32_t>(name.size()), offset});
  member_text.append(id).append(name);
}

bool Reference::has_wildcard() const {
  return std::any_of(path.begin(), path.end(), [](const Name& p) { return p.text == "*"; });
}

std::string Reference::to_string() const {
  std::string out;
  for (const Name& part : path) {
    if (!out.empty()) out += '.';
    out += part.text;
  }
  if (column) out += "@" + column->text;
  if (except.size() == 1) out += " except " + except.front().text;
  if (except.size() > 1) {
    out += " except (";
    for (std::size_t i = 0; i < except.size(); ++i) out += (i ? ", " : "") + except[i].text;
    out += ")";
  }
  return out;
}

std::string_view to_string(Function function) {
  switch (function) {
    case Function::sum:
      return "sum";
    case Function::min:
      return "min";
    case Function::max:
      return "max";
    case Function::avg:
      return "avg";
    case Function::count:
      return "count";
    case Function::share:
      return "share";
  }
  return "?";
}

std::string to_string(const Expr& expr) {
  auto operand = [&](std::size_t i) { return i < expr.operands.size() ? to_string(*expr.operands[i]) : "?"; };
  auto binary = [&](std::string_view op) {
    return "(" + operand(0) + " " + std::string(op) + " " + operand(1) + ")";
  };
  switch (expr.kind) {
    case Expr::Kind::number:
      return expr.number.to_string();
    case Expr::Kind::reference:
      return expr.reference.to_string();
    case Expr::Kind::name:
      return expr.name.text;
    case Expr::Kind::negate:
      return "(-" + operand(0) + ")";
    case Expr::Kind::add:
      return binary("+");
    case Expr::Kind::subtract:
      return binary("-");
    case Expr::Kind::multiply:
      return binary("*");
    case Expr::Kind::divide:
      return binary("/");
    case Expr::Kind::call: {
      std::string out = std::string(to_string(expr.function)) + "(";
      for (std::size_t i = 0; i < expr.operands.size(); ++i) out += (i ? ", " : "") + operand(i);
      return out + ")";
    }
  }
  return "?";
}

std::string_view to_string(Comparator comparator) {
  switch (comparator) {
    case Comparator::ge:
      return ">=";
    case Comparator::le:
      return "<=";
    case Comparator::gt:
      return ">";
    case Comparator::lt:
      return "<";
    case Comparator::eq:
      return "=";
    case Comparator::range:
      return "..";
  }
  return "?";
}

std::string_view to_string(Direction direction) {
  switch (direction) {
    case Direction::higher:
      return "higher";
    case Direction::lower:
      return "lower";
    case Direction::unspecified:
      break;
  }
  return "unspecified";
}

std::string_view to_string(GroupLevel level) {
  switch (level) {
    case GroupLevel::area:
      return "area";
    case GroupLevel::goal:
      return "goal";
    case GroupLevel::objective:
      return "objective";
  }
  return "?";
}

}  // namespace ast

}  // namespace attain
