#include "attain/check.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace attain {

namespace {

struct UnitEntry {
  Unit unit;
  std::string_view name;
};

constexpr UnitEntry unit_table[] = {
    {Unit::number, "number"}, {Unit::percent, "percent"}, {Unit::count, "count"}, {Unit::tkr, "tkr"},
    {Unit::kr, "kr"},         {Unit::index, "index"},     {Unit::score, "score"}, {Unit::ratio, "ratio"},
    {Unit::days, "days"},     {Unit::hours, "hours"},
};

class Checker {
 public:
  explicit Checker(DiagnosticSink& sink) : sink_(sink) {}

  RuleSet run(const std::vector<ast::RuleFile>& files) {
    for (const ast::RuleFile& file : files) check_file(file);
    return std::move(out_);
  }

 private:
  // Ids share one namespace across areas, goals, objectives, indicators and budgets.
  void declare(const ast::Name& id) {
    auto [it, inserted] = ids_.emplace(id.text, id.span);
    if (!inserted) {
      error("E0201", id.span,
            fmt::format("duplicate id '{}': ids must be unique across the rule set", id.text))
          .note(fmt::format("'{}' is first declared here", id.text), it->second);
    }
  }

  Diagnostic& error(std::string code, Span span, std::string message) {
    return sink_.error(std::move(code), span, std::move(message));
  }

  // At most one occurrence of a property; returns it, or nullptr if absent.
  template <typename T>
  const ast::Property<T>* single(const std::vector<ast::Property<T>>& props, std::string_view name) {
    if (props.empty()) return nullptr;
    for (std::size_t i = 1; i < props.size(); ++i) {
      error("E0203", props[i].span, fmt::format("'{}' is given more than once", name))
          .note("first given here", props[0].span);
    }
    return &props[0];
  }

  void check_file(const ast::RuleFile& file) {
    const std::size_t base = out_.groups.size();
    for (const ast::Group& g : file.groups) {
      declare(g.id);
      Group group{g.level, g.id.text, g.name, g.span, std::nullopt};
      if (g.parent) group.parent = base + *g.parent;
      out_.groups.push_back(std::move(group));
    }
    // Indicators and budgets interleave in document order: merge them by position.
    std::size_t i = 0, b = 0;
    while (i < file.indicators.size() || b < file.budgets.size()) {
      const bool take_indicator =
          b == file.budgets.size() ||
          (i < file.indicators.size() && file.indicators[i].span.begin < file.budgets[b].span.begin);
      if (take_indicator)
        check_indicator(file.indicators[i++], base);
      else
        check_budget(file.budgets[b++], base);
    }
  }

  void check_indicator(const ast::Indicator& in, std::size_t base) {
    declare(in.id);
    Indicator out;
    out.id = in.id.text;
    out.name = in.name;
    out.span = in.span;
    out.group = base + in.group;

    if (const auto* unit = single(in.units, "unit")) {
      if (auto u = unit_from_name(unit->value.text)) {
        out.unit = *u;
      } else {
        Diagnostic& d = error("E0202", unit->value.span, fmt::format("unknown unit '{}'", unit->value.text));
        if (auto best = closest_match(unit->value.text, unit_names())) {
          d.help(fmt::format("did you mean '{}'?", *best));
        } else {
          d.help(fmt::format("units are: {}", fmt::join(unit_names(), ", ")));
        }
      }
    }

    if (const auto* data = single(in.data, "data")) {
      out.data = data->value;
    } else {
      error("E0205", in.id.span, fmt::format("indicator '{}' has no data reference", in.id.text))
          .help("add a line such as 'data table.row' naming the dataset row that holds its values");
    }

    if (const auto* target = single(in.targets, "target")) {
      out.target = target->value;
      check_target(out.target);
    }
    out.cumulative = single(in.cumulative, "cumulative") != nullptr || out.target.annual;

    if (const auto* direction = single(in.directions, "higher/lower is better")) {
      out.direction = direction->value;
    } else if (out.target.kind == ast::Target::Kind::compare) {
      switch (out.target.comparator) {
        case ast::Comparator::ge:
        case ast::Comparator::gt:
          out.direction = ast::Direction::higher;
          break;
        case ast::Comparator::le:
        case ast::Comparator::lt:
          out.direction = ast::Direction::lower;
          break;
        default:
          break;
      }
    }

    std::map<std::string, Span> breakdown_ids;
    for (const ast::Breakdown& bd : in.breakdowns) {
      auto [it, inserted] = breakdown_ids.emplace(bd.id.text, bd.id.span);
      if (!inserted) {
        error("E0201", bd.id.span,
              fmt::format("duplicate breakdown '{}' in indicator '{}'", bd.id.text, in.id.text))
            .note("first declared here", it->second);
      }
      out.breakdowns.push_back({bd.id.text, bd.name, bd.data, bd.span});
    }
    out_.items.push_back({RuleItem::Kind::indicator, out_.indicators.size()});
    out_.indicators.push_back(std::move(out));
  }

  void check_target(const ast::Target& t) {
    if (t.kind != ast::Target::Kind::compare) return;
    if (t.comparator == ast::Comparator::range && t.value > t.upper) {
      error("E0206", t.value_span, "the range's lower bound is greater than its upper bound")
          .help("write the smaller number first, as in 90..100");
    }
    if (t.annual && (t.comparator == ast::Comparator::range || t.comparator == ast::Comparator::eq)) {
      error("E0207", t.span, "an annual target needs one of >=, >, <=, <")
          .help(
              "an annual target is pro-rated over the months elapsed, which needs a bound to compare "
              "against");
    }
  }

  void check_budget(const ast::Budget& in, std::size_t base) {
    declare(in.id);
    Budget out;
    out.id = in.id.text;
    out.name = in.name;
    out.span = in.span;
    out.group = base + in.group;
    auto required = [&](const std::vector<ast::Property<ast::Name>>& props, std::string_view name,
                        ast::Name& into, std::string_view example) {
      if (const auto* p = single(props, name)) {
        into = p->value;
      } else {
        error("E0208", in.id.span, fmt::format("budget '{}' has no '{}'", in.id.text, name))
            .help(fmt::format("add a line such as '{}'", example));
      }
    };
    required(in.table, "table", out.table, "table driftsammandrag");
    required(in.outcome, "outcome", out.outcome, "outcome redovisat");
    required(in.budget, "budget", out.budget, "budget budget");
    if (const auto* p = single(in.reported, "reported")) out.reported = p->value;
    if (const auto* p = single(in.previous, "previous")) out.previous = p->value;
    if (const auto* p = single(in.favourable, "favourable")) out.favourable = p->value;
    if (const auto* p = single(in.materiality, "materiality")) {
      if (p->value.is_negative()) {
        error("E0209", p->span, "materiality must not be negative");
      }
      out.materiality = p->value;
    }
    if (const auto* p = single(in.lines, "lines")) {
      std::map<std::string, Span> seen;
      for (const ast::Name& line : p->value) {
        auto [it, inserted] = seen.emplace(line.text, line.span);
        if (!inserted) {
          error("E0210", line.span, fmt::format("line '{}' is listed twice", line.text))
              .note("first listed here", it->second);
        }
      }
      out.lines = p->value;
    }
    out_.items.push_back({RuleItem::Kind::budget, out_.budgets.size()});
    out_.budgets.push_back(std::move(out));
  }

  DiagnosticSink& sink_;
  RuleSet out_;
  std::map<std::string, Span> ids_;
};

}  // namespace

std::string_view to_string(Unit unit) {
  for (const UnitEntry& e : unit_table) {
    if (e.unit == unit) return e.name;
  }
  return "?";
}

std::optional<Unit> unit_from_name(std::string_view name) {
  for (const UnitEntry& e : unit_table) {
    if (e.name == name) return e.unit;
  }
  return std::nullopt;
}

const std::vector<std::string>& unit_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const UnitEntry& e : unit_table) v.emplace_back(e.name);
    return v;
  }();
  return names;
}

RuleSet check_rules(const std::vector<ast::RuleFile>& files, DiagnosticSink& sink) {
  return Checker(sink).run(files);
}

}  // namespace attain
