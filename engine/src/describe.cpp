// describe(RuleSet): a position-free dump of everything the checker resolved.

#include <fmt/format.h>

#include "attain/check.hpp"

namespace attain {

namespace {

std::string text(const ast::Target& t) {
  switch (t.kind) {
    case ast::Target::Kind::none:
      return "none";
    case ast::Target::Kind::pending:
      return fmt::format("pending text={}", t.text.value_or("-"));
    case ast::Target::Kind::compare:
      break;
  }
  std::string out = fmt::format("{} {}", ast::to_string(t.comparator), t.value.to_string());
  if (t.comparator == ast::Comparator::range) out += " " + t.upper.to_string();
  if (t.relative) out += " relative";
  if (t.constant) out += " const=" + t.constant->text;
  if (t.annual) out += " annual";
  if (t.profile) out += " profile=" + t.profile->text;
  if (t.band) out += fmt::format(" within={}{}", t.band->to_string(), t.band_relative ? "%" : "");
  if (t.text) out += fmt::format(" text={:?}", *t.text);
  return out;
}

std::string text(const ast::Comparison& c) {
  switch (c.kind) {
    case ast::Comparison::Kind::previous_period:
      return "previous period";
    case ast::Comparison::Kind::same_period_last_year:
      return "same period last year";
    case ast::Comparison::Kind::named_period:
      return "period " + c.period;
  }
  return "?";
}

std::string text(const std::vector<ast::Name>& names) {
  std::string out;
  for (const ast::Name& n : names) out += (out.empty() ? "" : ",") + n.text;
  return out;
}

std::string text(const std::optional<ast::Name>& name) {
  return name ? name->text : "-";
}

}  // namespace

std::string describe(const RuleSet& rules) {
  std::string out;
  auto line = [&](int depth, const std::string& s) { out += std::string(2 * depth, ' ') + s + "\n"; };
  for (const Group& g : rules.groups) {
    line(0, fmt::format("{} {} {:?} parent={} rollup={}:{}", ast::to_string(g.level), g.id, g.name,
                        g.parent ? rules.groups[*g.parent].id : "-", static_cast<int>(g.rollup.kind),
                        g.rollup.amount.to_string()));
  }
  // Each family member as the indicator it stands for, so that a family and the
  // indicators written out one by one describe the same.
  for (const RuleItem& item : rules.items) {
    if (item.kind != RuleItem::Kind::indicator) continue;
    const Indicator i = rules.indicator_of(item);
    line(0, fmt::format("indicator {} {:?} group={}", i.id, i.name,
                        rules.groups.empty() ? "-" : rules.groups[i.group].id));
    line(1, fmt::format("unit={} direction={} cumulative={} weight={} precision={}", to_string(i.unit),
                        static_cast<int>(i.direction), i.cumulative, i.weight.to_string(),
                        i.precision ? std::to_string(*i.precision) : "-"));
    if (!i.data.path.empty()) line(1, "data " + i.data.to_string());
    if (i.value) line(1, "value " + ast::to_string(*i.value));
    line(1, "target " + text(i.target));
    line(1, "compare with " + text(i.comparison));
    for (const ast::ColourBand& b : i.bands) {
      std::string conditions;
      for (const auto& [cmp, bound] : b.conditions)
        conditions += fmt::format(" {} {}", ast::to_string(cmp), bound.to_string());
      line(1, fmt::format("band {}{}", static_cast<int>(b.colour), conditions));
    }
    if (i.breakdown_method) {
      std::string weights;
      for (const Decimal& w : i.breakdown_method->weights) weights += " " + w.to_string();
      line(1, fmt::format("breakdowns {}{}", static_cast<int>(i.breakdown_method->kind), weights));
    }
    if (i.gap) line(1, fmt::format("gap {} {}", ast::to_string(i.gap->first), i.gap->second.to_string()));
    if (i.family) line(1, "family " + i.family->id);
    for (const auto& [key, value] : i.metadata) line(1, fmt::format("{} {:?}", key, value));
    for (const Breakdown& b : i.breakdowns)
      line(1, fmt::format("breakdown {} {:?} data {}", b.id, b.name, b.data.to_string()));
  }
  for (const Budget& b : rules.budgets) {
    line(0, fmt::format("budget {} {:?} group={}", b.id, b.name,
                        rules.groups.empty() ? "-" : rules.groups[b.group].id));
    line(1, fmt::format("table={} outcome={} budget={} reported={} previous={} favourable={}", b.table.text,
                        b.outcome.text, b.budget.text, text(b.reported), text(b.previous),
                        static_cast<int>(b.favourable)));
    line(1, fmt::format("materiality={} lines={}", b.materiality ? b.materiality->to_string() : "-",
                        text(b.lines)));
  }
  for (const RuleItem& item : rules.items) {
    line(0, fmt::format(
                "item {} {}", item.kind == RuleItem::Kind::indicator ? "indicator" : "budget",
                item.kind == RuleItem::Kind::indicator ? rules.id_of(item) : rules.budgets[item.index].id));
  }
  for (const DataCheck& c : rules.checks) {
    line(0, fmt::format("check {} {:?}", c.id, c.name));
    if (c.expect.left && c.expect.right) {
      line(1, fmt::format("expect {} {} {}", ast::to_string(*c.expect.left),
                          ast::to_string(c.expect.comparator), ast::to_string(*c.expect.right)));
    }
    line(1, fmt::format("columns={} tolerance={}", text(c.columns), c.tolerance.to_string()));
  }
  for (const auto& [name, value] : rules.constants)
    line(0, fmt::format("const {} = {}", name, value.to_string()));
  for (const auto& [name, weights] : rules.profiles) {
    std::string months;
    for (const Decimal& w : weights) months += " " + w.to_string();
    line(0, fmt::format("profile {}{}", name, months));
  }
  for (const RuleTest& t : rules.tests) {
    line(0, fmt::format("test {} {:?} period={}", t.id, t.name, t.period.to_string()));
    for (const TestInput& in : t.inputs) {
      std::string rows;
      for (const std::string& r : in.rows) rows += "." + r;
      line(1, fmt::format("given {}{}{}{} = {:?} ({}{})", in.table, rows, in.column ? "@" + *in.column : "",
                          in.previous ? " previous" : "", in.value.text, static_cast<int>(in.value.kind),
                          in.value.is_number() ? " " + in.value.number.to_string() : ""));
    }
    for (const TestExpectation& e : t.expects) {
      line(1, fmt::format("expect {}:{} {} verdict={} outcome={} trend={} text={:?}",
                          static_cast<int>(e.subject), e.id, static_cast<int>(e.kind), to_string(e.verdict),
                          to_string(e.outcome), to_string(e.trend), e.text));
    }
  }
  std::string order;
  for (std::size_t k : rules.derived_order) order += " " + rules.id_of(rules.items[k]);
  line(0, "derived order:" + order);
  return out;
}

}  // namespace attain
