#include "attain/check.hpp"

#include <algorithm>
#include <bit>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

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
  // `consumed`: the files run() is given, whose families' member lists it may take.
  explicit Checker(DiagnosticSink& sink, std::vector<ast::RuleFile>* consumed = nullptr)
      : sink_(sink), consumed_(consumed) {}

  RuleSet run(const std::vector<ast::RuleFile>& files) {
    std::size_t declarations = 0, indicators = 0, budgets = 0;
    for (const ast::RuleFile& file : files) {
      declarations += file.indicators.size();
      for (const ast::Indicator& i : file.indicators) indicators += i.family ? i.members.size() : 1;
      budgets += file.budgets.size();
    }
    out_.indicators.reserve(declarations);
    out_.items.reserve(indicators + budgets);
    // Room for the ids to be declared (a few groups, checks and constants more may come).
    declared_.reserve(indicators + budgets + 64);
    slots_.assign(std::bit_ceil(2 * declared_.capacity()), 0);
    // Constants first: any file may use a constant declared in any other.
    for (const ast::RuleFile& file : files) {
      for (const ast::Constant& c : file.constants) {
        declare(c.id);
        out_.constants.emplace(c.id.text, c.value);
      }
      for (const ast::Profile& p : file.profiles) check_profile(p);
    }
    for (std::size_t f = 0; f < files.size(); ++f) {
      file_ = f;
      check_file(files[f]);
    }
    // Expressions may name indicators of any file: check them once all are known, in
    // dependency order so a derived indicator sees the units of those it uses.
    order_derived();
    // Declarations in that order (a family's members share one expression: it is
    // inferred and reported once), then those in cycles.
    std::vector<std::size_t> order;
    std::vector<char> ordered(out_.indicators.size(), 0);
    for (std::size_t k : out_.derived_order) {
      const std::size_t i = out_.items[k].index;
      if (!ordered[i]) order.push_back(i);
      ordered[i] = 1;
    }
    for (std::size_t i = 0; i < out_.indicators.size(); ++i) {
      if (out_.indicators[i].value && !ordered[i]) order.push_back(i);
    }
    for (std::size_t i : order) {
      Indicator& ind = out_.indicators[i];
      const Type type = infer(*ind.value, /*in_aggregate=*/false, /*in_check=*/false);
      if (type.kind == Type::Kind::unit && type.unit != ind.unit) {
        if (!unit_given_[i]) {
          ind.unit = type.unit;
        } else {
          error("E0222", ind.value->span,
                fmt::format("the value of '{}' is in {} but the indicator's unit is {}", ind.id,
                            to_string(type.unit), to_string(ind.unit)))
              .help(fmt::format("change the unit to '{}' or the expression", to_string(type.unit)));
        }
      }
    }
    for (const DataCheck& c : out_.checks) {
      const Type left = infer(*c.expect.left, false, true);
      const Type right = infer(*c.expect.right, false, true);
      combine(left, right, c.expect.right->span, "compare");
    }
    for (std::size_t i = 0; i < out_.indicators.size(); ++i) likely_mistakes(out_.indicators[i], i);
    unused_constants(files);
    for (const ast::RuleFile& file : files) {
      for (const ast::RuleTest& t : file.tests) check_test(t);
    }
    return std::move(out_);
  }

 private:
  // Ids share one namespace across areas, goals, objectives, indicators and budgets.
  void declare(const ast::Name& id) {
    plain_.push_back({&id.text, id.span});
    declare(id.text, std::nullopt, id.span, {static_cast<std::uint32_t>(plain_.size() - 1), Declared::plain});
  }
  // The `member`th member of the family out_.indicators[index], whose id is the family's
  // and the member's (`family`_`member`).
  void declare_member(std::uint32_t index, std::uint32_t member) {
    const Indicator& family = out_.indicators[index];
    const Member& m = family.members[member];
    declare(family.id, family.id_of(m), ast::FamilyMembers::span_of(m, family.span.file), {index, member});
  }

  // An id declared, or a family member's (the family's id and the member's), which is
  // never made as a string: a national rule set has 290 000. 8 bytes each: a member is
  // found in the checked indicators (which are not moved while the check runs), anything
  // else in plain_, which points into the syntax trees (which outlive the check).
  struct Declared {
    static constexpr std::uint32_t plain = ~std::uint32_t{0};
    std::uint32_t index;   // into plain_, or the family's into out_.indicators
    std::uint32_t member;  // the family's member, or `plain`
  };
  std::string_view head_of(const Declared& d) const {
    return d.member == Declared::plain ? std::string_view(*plain_[d.index].first)
                                       : std::string_view(out_.indicators[d.index].id);
  }
  std::optional<std::string_view> member_of(const Declared& d) const {
    if (d.member == Declared::plain) return std::nullopt;
    const Indicator& family = out_.indicators[d.index];
    return family.id_of(family.members[d.member]);
  }
  Span span_of(const Declared& d) const {
    if (d.member == Declared::plain) return plain_[d.index].second;
    const Indicator& family = out_.indicators[d.index];
    return ast::FamilyMembers::span_of(family.members[d.member], family.span.file);
  }

  // Declares `head` (`head`_`tail` when a tail is given), known as `as`, unless it was
  // declared before (E0201).
  void declare(std::string_view head, std::optional<std::string_view> tail, Span span, Declared as) {
    if (const Declared* first = declared(head, tail)) {
      const std::string id = id_text(head, tail);
      error("E0201", span, fmt::format("duplicate id '{}': ids must be unique across the rule set", id))
          .note(fmt::format("'{}' is first declared here", id), span_of(*first));
      return;
    }
    if ((declared_.size() + 1) * 2 > slots_.size()) {  // at most half full
      std::vector<std::uint32_t> slots(std::max<std::size_t>(slots_.size() * 2, 1024), 0);
      slots_.swap(slots);
      for (std::uint32_t k = 1; k <= declared_.size(); ++k) place(k);
    }
    declared_.push_back(as);
    place(static_cast<std::uint32_t>(declared_.size()));
  }

  // The declaration of an id, or nullptr: an open-addressing table of indexes into
  // declared_ (one more; 0 is empty), by a hash of the id's text.
  const Declared* declared(std::string_view head, std::optional<std::string_view> tail = std::nullopt) const {
    if (slots_.empty()) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = id_hash(head, tail) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == 0) return nullptr;
      const Declared& d = declared_[slots_[i] - 1];
      if (same_text(head_of(d), member_of(d), head, tail)) return &d;
    }
  }

  void place(std::uint32_t k) {
    const Declared& d = declared_[k - 1];
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = id_hash(head_of(d), member_of(d)) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = k;
  }

  // Whether two ids are the same text: the parts may split it differently (a_b + c is
  // a + b_c, and the indicator a_b_c). No string is made.
  static bool same_text(std::string_view head1, std::optional<std::string_view> tail1, std::string_view head2,
                        std::optional<std::string_view> tail2) {
    const auto size = [](std::string_view head, std::optional<std::string_view> tail) {
      return head.size() + (tail ? 1 + tail->size() : 0);
    };
    const auto at = [](std::string_view head, std::optional<std::string_view> tail, std::size_t i) {
      return i < head.size() ? head[i] : i == head.size() ? '_' : (*tail)[i - head.size() - 1];
    };
    const std::size_t n = size(head1, tail1);
    if (n != size(head2, tail2)) return false;
    for (std::size_t i = 0; i < n; ++i) {
      if (at(head1, tail1, i) != at(head2, tail2, i)) return false;
    }
    return true;
  }

  static std::string id_text(std::string_view head, std::optional<std::string_view> tail) {
    return tail ? fmt::format("{}_{}", head, *tail) : std::string(head);
  }

  // FNV-1a of the id's text.
  static std::uint64_t id_hash(std::string_view head, std::optional<std::string_view> tail) {
    std::uint64_t h = 14695981039346656037ull;
    const auto add = [&h](std::string_view part) {
      for (const char c : part) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    };
    add(head);
    if (tail) {
      add("_");
      add(*tail);
    }
    return h;
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

  // The unit of an expression as far as the rules tell: a dataset reference's unit is
  // unknown here, a literal adapts to the other operand.
  struct Type {
    enum class Kind { unknown, literal, unit };
    Kind kind = Kind::unknown;
    Unit unit = Unit::number;
    static Type of(Unit u) { return {Kind::unit, u}; }
  };

  // + and - and comparisons need the same unit on both sides.
  Type combine(const Type& a, const Type& b, Span where, std::string_view verb) {
    if (a.kind == Type::Kind::unit && b.kind == Type::Kind::unit) {
      if (a.unit != b.unit) {
        error("E0220", where, fmt::format("cannot {} {} and {}", verb, to_string(a.unit), to_string(b.unit)))
            .help(
                "both sides of + , - and comparisons must have the same unit; use share(a, b) for a "
                "percentage");
      }
      return a;
    }
    if (a.kind == Type::Kind::unit) return a;
    if (b.kind == Type::Kind::unit) return b;
    return a.kind == Type::Kind::unknown || b.kind == Type::Kind::unknown ? Type{} : a;
  }

  Type infer(const ast::Expr& e, bool in_aggregate, bool in_check) {
    using K = ast::Expr::Kind;
    switch (e.kind) {
      case K::number:
        return {Type::Kind::literal, Unit::number};
      case K::reference:
        if (e.reference.has_wildcard() && !in_aggregate && !in_check) {
          error("E0225", e.span, fmt::format("'{}' stands for several rows here", e.reference.to_string()))
              .help(
                  "a reference with '*' must be an argument of sum, min, max, avg or count on its own "
                  "(in a data check it may also stand alone, once per row)");
        }
        if (!e.reference.except.empty() && !e.reference.has_wildcard()) {
          error("E0226", e.reference.except.front().span, "'except' only follows a reference with '*'");
        }
        return {};
      case K::name: {
        const std::optional<Indicator> ind = out_.indicator(e.name.text);
        if (!ind && out_.constants.count(e.name.text)) return {Type::Kind::literal, Unit::number};
        if (!ind) {
          std::vector<std::string> ids = out_.indicator_ids();
          for (const auto& [name, value] : out_.constants) ids.push_back(name);
          Diagnostic& d =
              error("E0221", e.name.span, fmt::format("unknown indicator or constant '{}'", e.name.text));
          if (auto best = closest_match(e.name.text, ids))
            d.help(fmt::format("did you mean '{}'?", *best));
          else
            d.help("a name in an expression is an indicator id; dataset references are written table.row");
          return {};
        }
        return Type::of(ind->unit);
      }
      case K::negate:  // a '*' is only fine as an aggregate's argument on its own
        return infer(*e.operands.at(0), false, in_check);
      case K::add:
      case K::subtract:
        return combine(infer(*e.operands[0], false, in_check), infer(*e.operands[1], false, in_check), e.span,
                       e.kind == K::add ? "add" : "subtract");
      case K::multiply: {
        const Type a = infer(*e.operands[0], false, in_check);
        const Type b = infer(*e.operands[1], false, in_check);
        const bool a_plain = a.kind != Type::Kind::unit || a.unit == Unit::number;
        const bool b_plain = b.kind != Type::Kind::unit || b.unit == Unit::number;
        if (!a_plain && !b_plain) {
          error("E0220", e.span,
                fmt::format("cannot multiply {} by {}", to_string(a.unit), to_string(b.unit)))
              .help("multiply a quantity by a plain number; divide quantities to get a ratio");
          return a;
        }
        return a_plain ? b : a;
      }
      case K::divide: {
        const Type a = infer(*e.operands[0], false, in_check);
        const Type b = infer(*e.operands[1], false, in_check);
        const ast::Expr& divisor = *e.operands[1];
        if (divisor.kind == K::number && divisor.number.is_zero()) {
          error("E0223", divisor.span, "division by zero");
        }
        if (b.kind != Type::Kind::unit || b.unit == Unit::number) return a;  // scaled by a number
        return Type::of(Unit::number);                                       // a ratio of quantities
      }
      case K::call:
        return infer_call(e);
    }
    return {};
  }

  Type infer_call(const ast::Expr& e) {
    const bool pattern_argument =
        std::any_of(e.operands.begin(), e.operands.end(), [](const ast::ExprPtr& a) {
          return a->kind == ast::Expr::Kind::reference && a->reference.has_wildcard();
        });
    if (e.function == ast::Function::share && pattern_argument) {
      error("E0227", e.span, "share takes one part and one whole, not a pattern with '*'")
          .help("write share(part, whole) with two single values, or share(sum(t.*), t.total)");
      return Type::of(Unit::percent);
    }
    if (e.function == ast::Function::share && e.operands.size() != 2) {
      error("E0227", e.span,
            fmt::format("share takes 2 arguments, the part and the whole; {} given", e.operands.size()))
          .help("write share(part, whole), which gives part / whole × 100 in percent");
      return Type::of(Unit::percent);
    }
    // Inside a call '*' means every row, and only as an argument on its own.
    Type type{Type::Kind::literal, Unit::number};
    for (const ast::ExprPtr& arg : e.operands) {
      const bool direct = arg->kind == ast::Expr::Kind::reference;
      type = combine(type, infer(*arg, direct, false), arg->span, "combine");
    }
    if (e.function == ast::Function::count) return Type::of(Unit::count);
    if (e.function == ast::Function::share) return Type::of(Unit::percent);
    return type;
  }

  // Names an expression uses, for the dependency order of derived indicators.
  static void names_in(const ast::Expr& e, std::vector<const ast::Name*>& out) {
    if (e.kind == ast::Expr::Kind::name) out.push_back(&e.name);
    for (const ast::ExprPtr& o : e.operands) names_in(*o, out);
  }

  // Orders derived indicators (as items: each member of a derived family) so each comes
  // after the ones it uses; a cycle is E0224.
  void order_derived() {
    enum class Mark { none, visiting, done };
    std::vector<Mark> marks(out_.items.size(), Mark::none);
    std::unordered_map<std::string, std::size_t> derived;  // id -> item, derived ones only
    for (std::size_t k = 0; k < out_.items.size(); ++k) {
      const RuleItem& item = out_.items[k];
      if (item.kind == RuleItem::Kind::indicator && out_.indicators[item.index].value)
        derived.try_emplace(out_.id_of(item), k);
    }
    std::vector<std::size_t> stack;
    std::function<void(std::size_t)> visit = [&](std::size_t k) {
      if (marks[k] == Mark::done) return;
      const Indicator& in = out_.indicators[out_.items[k].index];
      if (marks[k] == Mark::visiting) {
        auto from = std::find(stack.begin(), stack.end(), k);
        std::string cycle;
        for (auto it = from; it != stack.end(); ++it) cycle += out_.id_of(out_.items[*it]) + " → ";
        cycle += out_.id_of(out_.items[k]);
        error("E0224", in.value->span, fmt::format("reference cycle: {}", cycle))
            .help("an indicator cannot depend on itself, directly or through others");
        marks[k] = Mark::done;  // report each cycle once
        return;
      }
      marks[k] = Mark::visiting;
      stack.push_back(k);
      std::vector<const ast::Name*> names;
      names_in(*in.value, names);
      for (const ast::Name* n : names) {
        if (const auto it = derived.find(n->text); it != derived.end()) visit(it->second);
      }
      stack.pop_back();
      if (marks[k] == Mark::visiting) {
        marks[k] = Mark::done;
        out_.derived_order.push_back(k);
      }
    };
    for (std::size_t k = 0; k < out_.items.size(); ++k) {
      if (out_.items[k].kind == RuleItem::Kind::indicator && out_.indicators[out_.items[k].index].value)
        visit(k);
    }
  }

  // The value of a named constant, or E0238 (with did-you-mean) and nullopt.
  std::optional<Decimal> constant(const ast::Name& name) {
    auto it = out_.constants.find(name.text);
    if (it != out_.constants.end()) return it->second;
    std::vector<std::string> names;
    for (const auto& [n, v] : out_.constants) names.push_back(n);
    Diagnostic& d = error("E0238", name.span, fmt::format("unknown constant '{}'", name.text));
    if (auto best = closest_match(name.text, names))
      d.help(fmt::format("did you mean '{}'?", *best));
    else
      d.help("declare it at the top level of a rule file: const NAME = NUMBER");
    return std::nullopt;
  }

  void check_profile(const ast::Profile& p) {
    declare(p.id);
    rejected_profiles_.insert(p.id.text);  // until it passes: no "unknown profile" for it
    if (p.weights.size() != 12) {
      Diagnostic& d =
          error("E0239", p.span,
                fmt::format("profile '{}' has {} monthly {}; it needs 12, January first", p.id.text,
                            p.weights.size(), p.weights.size() == 1 ? "weight" : "weights"));
      if (std::any_of(p.weights.begin(), p.weights.end(), [](const Decimal& w) { return w.scale() > 0; }))
        d.help(
            "'5,5' is one number with a decimal comma: write a space after each comma between weights, as in "
            "months 5, 5, 10, ...");
      return;
    }
    Decimal total;
    for (const Decimal& w : p.weights) {
      if (w.is_negative()) {
        error("E0240", p.span, fmt::format("profile '{}' has a negative weight", p.id.text));
        return;
      }
      total = total.plus(w).value_or(total);
    }
    if (total.is_zero()) {
      error("E0240", p.span, fmt::format("the weights of profile '{}' add up to zero", p.id.text));
      return;
    }
    out_.profiles.emplace(p.id.text, p.weights);
    rejected_profiles_.erase(p.id.text);
  }

  // An interval of values; an absent end is infinite.
  struct Interval {
    std::optional<Decimal> lo, hi;
    bool lo_closed = false, hi_closed = false;
    const ast::ColourBand* band = nullptr;
  };

  static std::string_view colour_name(ast::ColourBand::Colour c) {
    switch (c) {
      case ast::ColourBand::Colour::green:
        return "green";
      case ast::ColourBand::Colour::yellow:
        return "yellow";
      case ast::ColourBand::Colour::red:
        return "red";
    }
    return "?";
  }

  // Proves the bands give every value exactly one colour: sorted by their lower ends,
  // each band must begin exactly where the one before it ends, the first at minus
  // infinity and the last at plus infinity (E0243 names the first gap or overlap).
  void check_bands(const std::vector<ast::ColourBand>& bands, Span where) {
    std::vector<Interval> intervals;
    for (const ast::ColourBand& b : bands) {
      Interval iv;
      iv.band = &b;
      for (const auto& [cmp, v] : b.conditions) {
        const bool tighter_lo = !iv.lo || v > *iv.lo || (v == *iv.lo && cmp == ast::Comparator::gt);
        const bool tighter_hi = !iv.hi || v < *iv.hi || (v == *iv.hi && cmp == ast::Comparator::lt);
        if ((cmp == ast::Comparator::ge || cmp == ast::Comparator::gt || cmp == ast::Comparator::eq) &&
            tighter_lo) {
          iv.lo = v;
          iv.lo_closed = cmp != ast::Comparator::gt;
        }
        if ((cmp == ast::Comparator::le || cmp == ast::Comparator::lt || cmp == ast::Comparator::eq) &&
            tighter_hi) {
          iv.hi = v;
          iv.hi_closed = cmp != ast::Comparator::lt;
        }
      }
      if (iv.lo && iv.hi && (*iv.lo > *iv.hi || (*iv.lo == *iv.hi && !(iv.lo_closed && iv.hi_closed)))) {
        error("E0243", b.span, fmt::format("the {} band contains no value", colour_name(b.colour)));
        return;
      }
      intervals.push_back(iv);
    }
    std::sort(intervals.begin(), intervals.end(), [](const Interval& a, const Interval& b) {
      if (!a.lo || !b.lo) return !a.lo && b.lo;
      if (*a.lo != *b.lo) return *a.lo < *b.lo;
      return a.lo_closed && !b.lo_closed;
    });
    const auto show = [](const Decimal& d) { return format_sv(d); };
    if (intervals.empty() || intervals.front().lo) {
      error("E0243", where,
            fmt::format("the bands give no colour to values below {}",
                        intervals.empty() ? std::string("anything") : show(*intervals.front().lo)))
          .help("let the lowest band have no lower bound, as in: red < 88");
      return;
    }
    // `reach` is the furthest any band so far extends (a band may reach past the one
    // that follows it, so neighbours alone are not enough).
    const Interval* reach = &intervals.front();
    for (std::size_t i = 1; i < intervals.size(); ++i) {
      const Interval& b = intervals[i];
      const std::string ca(colour_name(reach->band->colour)), cb(colour_name(b.band->colour));
      if (!b.lo) {  // two bands without a lower end
        error("E0243", b.band->span,
              fmt::format("the {} and {} bands overlap: both have no lower bound", ca, cb));
      } else if (!reach->hi) {
        error("E0243", b.band->span,
              fmt::format("the {} and {} bands overlap above {}", ca, cb, show(*b.lo)));
      } else if (*reach->hi < *b.lo || (*reach->hi == *b.lo && !reach->hi_closed && !b.lo_closed)) {
        error("E0243", b.band->span,
              *reach->hi == *b.lo ? fmt::format("the bands give no colour to {}", show(*reach->hi))
                                  : fmt::format("the bands give no colour to values between {} and {}",
                                                show(*reach->hi), show(*b.lo)))
            .help("let each band begin where the one below it ends, as in: yellow >= 88 < 92, green >= 92");
      } else if (*reach->hi > *b.lo || (reach->hi_closed && b.lo_closed)) {
        error("E0243", b.band->span, fmt::format("the {} and {} bands overlap at {}", ca, cb, show(*b.lo)))
            .help("use < on one side and >= on the other, as in: yellow >= 88 < 92, green >= 92");
      }
      // The new reach: the later of the two upper ends (an open end beats nothing).
      const bool further =
          !b.hi || (reach->hi && (*b.hi > *reach->hi || (*b.hi == *reach->hi && b.hi_closed)));
      if (reach->hi && further) reach = &b;
    }
    if (reach->hi) {
      error("E0243", where, fmt::format("the bands give no colour to values above {}", show(*reach->hi)))
          .help("let the highest band have no upper bound, as in: green >= 92");
    }
  }

  // '*' stands for a member only inside a family.
  void no_placeholder(const ast::Reference& ref) {
    if (!ref.has_wildcard()) return;
    error("E0237", ref.span, fmt::format("'{}' has '*' outside a family", ref.to_string()))
        .help("'*' in a data reference stands for the member of a 'family'; name the row here");
  }

  void check_data_check(const ast::Check& in) {
    declare(in.id);
    DataCheck out;
    out.id = in.id.text;
    out.name = in.name;
    out.span = in.span;
    if (const auto* e = single(in.expects, "expect")) {
      out.expect = e->value;
    } else {
      error("E0228", in.id.span, fmt::format("check '{}' has no 'expect'", in.id.text))
          .help("add a line such as 'expect sum(table.* except summa) = table.summa'");
      return;
    }
    if (const auto* c = single(in.columns, "columns")) out.columns = c->value;
    if (const auto* t = single(in.tolerance, "tolerance")) {
      out.tolerance = t->value;
      if (in.tolerance_constant) out.tolerance = constant(*in.tolerance_constant).value_or(Decimal{});
      if (out.tolerance.is_negative()) error("E0209", t->span, "a tolerance must not be negative");
    }
    out_.checks.push_back(std::move(out));
  }

  void check_file(const ast::RuleFile& file) {
    for (const ast::Check& c : file.checks) check_data_check(c);
    const std::size_t base = out_.groups.size();
    for (const ast::Group& g : file.groups) {
      declare(g.id);
      Group group{g.level, g.id.text, g.name, g.span, std::nullopt, {}};
      if (g.parent) group.parent = base + *g.parent;
      if (const auto* r = single(g.rollups, "rollup")) {
        group.rollup = r->value;
        const bool share = r->value.kind != ast::RollupPolicy::Kind::at_least;
        if (r->value.amount.is_negative() || (share && r->value.amount > Decimal::integer(100))) {
          error("E0231", r->span, "a roll-up threshold must be between 0 and 100 %");
        } else if (!share && r->value.amount.trimmed().scale() > 0) {
          error("E0231", r->span, "'at least N' counts indicators: N must be a whole number");
        }
      }
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

  // An indicator, or a family: its properties are checked once and it is kept once,
  // with an item per member (RuleSet::indicator_of makes a member's indicator). A
  // family's own id declares nothing; its members' ids do.
  void check_indicator(const ast::Indicator& in, std::size_t base) {
    if (!in.family) declare(in.id);
    const auto index = static_cast<std::uint32_t>(out_.indicators.size());
    // In its place at once (room for every declaration was reserved), so that its
    // members' ids stay where declare() points while the check runs.
    Indicator& out = out_.indicators.emplace_back(checked(in, base));
    unit_given_.push_back(!in.units.empty());
    if (!in.directions.empty()) direction_spans_[index] = in.directions.front().span;
    if (!in.family) {
      out_.items.push_back({RuleItem::Kind::indicator, index});
    } else {
      // The members as the syntax tree has them: taken over whole from the files to
      // consume (a national rule set's 290 000: 8 MB not copied), copied otherwise.
      // Their text is not moved again while the check runs: declare() points into it.
      ast::FamilyMembers& members = out;
      if (consumed_) {
        ast::RuleFile& file = (*consumed_)[file_];
        members = std::move(file.indicators[static_cast<std::size_t>(&in - file.indicators.data())]);
      } else {
        members = in;
      }
      for (std::uint32_t k = 0; k < out.members.size(); ++k) {
        declare_member(index, k);
        out_.items.push_back({RuleItem::Kind::indicator, index, k});
      }
    }
  }

  // The checked properties of an indicator or of a family (its members' template). A
  // problem is reported once, naming "indicator ID" or "family ID".
  Indicator checked(const ast::Indicator& in, std::size_t base) {
    const std::string subject = fmt::format("{} '{}'", in.family ? "family" : "indicator", in.id.text);
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

    const auto* data = single(in.data, "data");
    const auto* value = single(in.values, "value");
    if (data && value) {
      error("E0229", value->span, fmt::format("{} has both 'data' and 'value'", subject))
          .note("'data' is given here", data->span)
          .help("an indicator either reads a dataset row ('data') or computes its value ('value')");
    } else if (data) {
      out.data = data->value;
      if (!in.family) no_placeholder(out.data);
    } else if (value) {
      out.value = value->value;
      if (!in.breakdowns.empty()) {
        error("E0230", in.breakdowns.front().span, "a derived indicator ('value') cannot have breakdowns");
      }
    } else {
      error("E0205", in.id.span, fmt::format("{} has no data reference", subject))
          .help("add a line such as 'data table.row', or 'value EXPRESSION' for a derived indicator");
    }
    if (in.family) out.family = Family{in.family->text, in.family_name};
    for (const char* key : {"description", "owner", "source", "kolada"}) {
      std::vector<ast::Property<std::string>> given;
      for (const auto& [k, v] : in.metadata) {
        if (k == key) given.push_back(v);
      }
      if (const auto* m = single(given, key)) out.metadata.emplace_back(key, m->value);
    }

    if (const auto* target = single(in.targets, "target")) {
      out.target = target->value;
      if (out.target.constant) out.target.value = constant(*out.target.constant).value_or(Decimal{});
      if (out.target.profile && !out_.profiles.count(out.target.profile->text) &&
          !rejected_profiles_.count(out.target.profile->text)) {
        std::vector<std::string> names;
        for (const auto& [n, w] : out_.profiles) names.push_back(n);
        Diagnostic& d = error("E0241", out.target.profile->span,
                              fmt::format("unknown profile '{}'", out.target.profile->text));
        if (auto best = closest_match(out.target.profile->text, names))
          d.help(fmt::format("did you mean '{}'?", *best));
        else
          d.help("declare it at the top level: profile NAME \"Name\" { months w1, ..., w12 }");
      }
      check_target(out.target);
    }
    out.cumulative = single(in.cumulative, "cumulative") != nullptr || out.target.annual;
    if (const auto* p = single(in.precision, "precision")) {
      if (p->value > Decimal::integer(Decimal::max_scale)) {
        error("E0232", p->span, fmt::format("precision must be at most {} decimals", Decimal::max_scale));
      } else {
        out.precision = static_cast<int>(p->value.units());
      }
    }
    if (const auto* b = single(in.bands, "bands")) {
      if (!in.targets.empty()) {
        error("E0242", b->span, fmt::format("{} has both a target and colour bands", subject))
            .note("the target is given here", in.targets.front().span)
            .help("colour bands replace the target: green is met, yellow near, red not met");
      }
      check_bands(b->value, b->span);
      out.bands = b->value;
    }
    if (const auto* m = single(in.breakdown_method, "breakdowns")) {
      if (in.breakdowns.empty()) {
        error("E0244", m->span, fmt::format("{} has no breakdown rows to add up", subject))
            .help("add rows such as: breakdown man \"Män\" data table.row.man");
      } else if (m->value.kind == ast::BreakdownMethod::Kind::weighted_mean &&
                 std::all_of(m->value.weights.begin(), m->value.weights.end(),
                             [](const Decimal& w) { return w.is_zero(); })) {
        error("E0245", m->span, "the weights add up to zero")
            .help("give each breakdown row a positive weight, such as its number of employees");
      } else if (m->value.kind == ast::BreakdownMethod::Kind::weighted_mean &&
                 m->value.weights.size() != in.breakdowns.size()) {
        error("E0245", m->span,
              fmt::format("{} {} for {} breakdown {}", m->value.weights.size(),
                          m->value.weights.size() == 1 ? "weight" : "weights", in.breakdowns.size(),
                          in.breakdowns.size() == 1 ? "row" : "rows"))
            .help("give one weight per breakdown row, in the order the rows are declared");
      }
      out.breakdown_method = m->value;
    }
    if (const auto* g = single(in.gap, "gap")) {
      if (in.breakdowns.size() < 2) {
        error("E0244", g->span, fmt::format("{} needs at least two breakdown rows for a gap", subject));
      }
      out.gap = g->value;
    }
    if (const auto* c = single(in.compare, "compare")) {
      out.comparison = c->value;
      if (c->value.kind == ast::Comparison::Kind::named_period && !parse_period(c->value.period)) {
        error("E0236", c->span, fmt::format("cannot read '{}' as a period", c->value.period))
            .help("write \"2019\" for a full year or \"2019-03\" for the year to date through March");
      }
    }
    if (out.target.relative && out.target.annual) {
      error("E0235", out.target.span, "a target relative to an earlier value cannot also be annual")
          .help(
              "compare a year-to-date value with the same period last year instead: "
              "compare with same period last year");
    }
    if (const auto* w = single(in.weight, "weight")) {
      if (w->value.is_negative() || w->value.is_zero())
        error("E0233", w->span, "a weight must be greater than 0");
      out.weight = w->value;
    }

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
        error("E0201", bd.id.span, fmt::format("duplicate breakdown '{}' in {}", bd.id.text, subject))
            .note("first declared here", it->second);
      }
      if (!in.family) no_placeholder(bd.data);
      out.breakdowns.push_back({bd.id.text, bd.name, bd.data, bd.span});
    }
    return out;
  }

  Diagnostic& warning(std::string code, Span span, std::string message) {
    return sink_.warning(std::move(code), span, std::move(message));
  }

  // Warnings for what is legal but likely a mistake (W02xx).
  // Runs after every file is checked and units are inferred, so ids declared later and
  // inferred units count too.
  void likely_mistakes(const Indicator& out, std::size_t index) {
    for (const Breakdown& b : out.breakdowns) {
      const Declared* other = b.id != out.id ? declared(b.id) : nullptr;
      if (other) {
        warning("W0205", b.span,
                fmt::format("breakdown '{}' of '{}' has the id of another declaration", b.id, out.id))
            .note("declared here", span_of(*other));
      }
    }
    const ast::Target& t = out.target;
    if (t.kind != ast::Target::Kind::compare || t.relative) return;
    const auto direction_span = direction_spans_.find(index);
    if (out.unit == Unit::percent &&
        (t.value > Decimal::integer(100) ||
         (t.comparator == ast::Comparator::range && t.upper > Decimal::integer(100)))) {
      warning("W0201", t.value_span, fmt::format("a percentage target above 100 for '{}'", out.id))
          .help("percentages are written as 92, not 0,92 or 9200");
    }
    const bool lower_bound = t.comparator == ast::Comparator::ge || t.comparator == ast::Comparator::gt;
    const bool upper_bound = t.comparator == ast::Comparator::le || t.comparator == ast::Comparator::lt;
    if (direction_span != direction_spans_.end() &&
        ((out.direction == ast::Direction::higher && upper_bound) ||
         (out.direction == ast::Direction::lower && lower_bound))) {
      warning("W0204", t.span,
              fmt::format("'{}' is better when {}, but its target is {} {}", out.id,
                          out.direction == ast::Direction::higher ? "higher" : "lower",
                          ast::to_string(t.comparator), format_sv(t.value)))
          .note("the direction is given here", direction_span->second)
          .help("check the comparator or the direction: trends and the commentary follow the direction");
    }
    if (out.direction == ast::Direction::unspecified && !lower_bound && !upper_bound) {
      warning("W0202", t.span, fmt::format("'{}' has a target but no direction", out.id))
          .help("add 'higher is better' or 'lower is better' so that trends can say improved or worsened");
    }
  }

  // Constants nobody uses (W0203): after all files are checked.
  void unused_constants(const std::vector<ast::RuleFile>& files) {
    // After an error (a declaration dropped by a syntax error may be the one that used
    // it) the warning would likely be wrong.
    if (sink_.has_errors()) return;
    std::set<std::string> used;
    const std::function<void(const ast::Expr&)> walk = [&](const ast::Expr& e) {
      if (e.kind == ast::Expr::Kind::name) used.insert(e.name.text);
      for (const ast::ExprPtr& o : e.operands) walk(*o);
    };
    for (const ast::RuleFile& f : files) {
      for (const ast::Indicator& i : f.indicators) {
        for (const auto& t : i.targets) {
          if (t.value.constant) used.insert(t.value.constant->text);
        }
        for (const auto& v : i.values) walk(*v.value);
      }
      for (const ast::Budget& b : f.budgets) {
        if (b.materiality_constant) used.insert(b.materiality_constant->text);
      }
      for (const ast::Check& c : f.checks) {
        if (c.tolerance_constant) used.insert(c.tolerance_constant->text);
        for (const auto& e : c.expects) {
          walk(*e.value.left);
          walk(*e.value.right);
        }
      }
    }
    for (const ast::RuleFile& f : files) {
      for (const ast::Constant& c : f.constants) {
        if (!used.count(c.id.text)) {
          warning("W0203", c.id.span, fmt::format("constant '{}' is never used", c.id.text))
              .help("remove it, or use it as a target, materiality, tolerance or in an expression");
        }
      }
    }
  }

  void check_target(const ast::Target& t) {
    if (t.kind != ast::Target::Kind::compare) return;
    if (t.band && t.band->is_negative()) error("E0234", t.span, "a band must not be negative");
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
      out.materiality = p->value;
      if (in.materiality_constant) out.materiality = constant(*in.materiality_constant).value_or(Decimal{});
      if (out.materiality->is_negative()) error("E0209", p->span, "materiality must not be negative");
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
    out_.items.push_back({RuleItem::Kind::budget, static_cast<std::uint32_t>(out_.budgets.size())});
    out_.budgets.push_back(std::move(out));
  }

  // ---- Rule tests ------------------------------------------------------------------------

  void check_test(const ast::RuleTest& in) {
    auto [first, inserted] = test_ids_.emplace(in.id.text, in.id.span);
    if (!inserted) {
      error("E0201", in.id.span, fmt::format("duplicate test id '{}'", in.id.text))
          .note(fmt::format("'{}' is first declared here", in.id.text), first->second);
    }
    RuleTest out;
    out.id = in.id.text;
    out.name = in.name;
    out.span = in.span;
    out.period = Period{2020, 12, true};
    if (const auto* p = single(in.period, "period")) {
      if (auto period = parse_period(p->value)) {
        out.period = *period;
      } else {
        error("E0251", p->span, fmt::format("'{}' is not a period", p->value))
            .help("write a year or a year and month: period \"2020\" or period \"2020-03\"");
      }
    }
    for (const ast::TestGiven& given : in.givens) {
      if (auto input = test_input(given)) {
        auto same = std::find_if(out.inputs.begin(), out.inputs.end(), [&](const TestInput& other) {
          return other.table == input->table && other.rows == input->rows && other.column == input->column &&
                 other.previous == input->previous;
        });
        if (same != out.inputs.end()) {
          error("E0253", given.span,
                fmt::format("'{}' is given twice in this test", given.target.to_string()))
              .note("first given here", same->span);
          continue;
        }
        out.inputs.push_back(std::move(*input));
      }
    }
    for (const ast::TestExpect& expect : in.expects) {
      if (expect.kind == ast::TestExpect::Kind::commentary && expect.text.empty()) {
        error("E0252", expect.span, "an empty commentary text is part of every commentary")
            .help("give a word or phrase the commentary must contain");
        continue;
      }
      if (auto e = test_expectation(expect)) out.expects.push_back(std::move(*e));
    }
    if (in.expects.empty()) {
      error("E0252", in.id.span, fmt::format("test '{}' expects nothing", in.id.text))
          .help("add a line such as 'expect kl_svarsservice_120s met'");
    }
    out_.tests.push_back(std::move(out));
  }

  std::optional<TestInput> test_input(const ast::TestGiven& given) {
    const ast::Reference& ref = given.target;
    TestInput in;
    in.text = ref.to_string();
    in.previous = given.previous;
    in.span = given.span;
    if (given.previous && ref.column) {
      error("E0246", ref.span, fmt::format("'{}' names a column, which has no earlier periods", in.text))
          .help(
              "drop 'previous' to set this cell, or name the row without '@column' to set its earlier "
              "periods");
      return std::nullopt;
    }
    if (ref.has_wildcard()) {
      error("E0246", ref.span, fmt::format("'{}' names more than one cell", in.text))
          .help("give one cell at a time: name its row instead of '*'");
      return std::nullopt;
    }
    if (ref.path.size() == 1 && !ref.column) {  // an indicator: the cell its data reads
      const std::optional<Indicator> ind = out_.indicator(ref.path.front().text);
      if (!ind) {
        const std::vector<std::string> ids = out_.indicator_ids();
        Diagnostic& d = error("E0246", ref.span, fmt::format("unknown indicator '{}' in 'given'", in.text));
        if (auto best = closest_match(in.text, ids)) d.help(fmt::format("did you mean '{}'?", *best));
        d.help("give an indicator's id, or a dataset cell as table.row or table.row@column");
        return std::nullopt;
      }
      if (ind->value) {
        error("E0247", ref.span,
              fmt::format("'{}' is computed by its 'value' and has no data of its own", ind->id))
            .note("the indicator is declared here", ind->span)
            .help("give the dataset cells or indicators its value is computed from");
        return std::nullopt;
      }
      if (ind->data.path.size() < 2) return std::nullopt;  // no data: reported as E0205
      if (given.previous && ind->data.column) {
        error("E0246", ref.span,
              fmt::format("'{}' reads the column '{}', which has no earlier periods", ind->id,
                          ind->data.column->text))
            .note("the indicator's data is declared here", ind->data.span)
            .help("a trend needs period columns: give the value of the period compared with as its own cell");
        return std::nullopt;
      }
      in.table = ind->data.path.front().text;
      for (std::size_t i = 1; i < ind->data.path.size(); ++i) in.rows.push_back(ind->data.path[i].text);
      if (ind->data.column) in.column = ind->data.column->text;
    } else if (ref.path.size() < 2) {
      error("E0246", ref.span, fmt::format("'{}' names neither an indicator nor a dataset row", in.text))
          .help("give an indicator's id, or a dataset cell as table.row or table.row@column");
      return std::nullopt;
    } else {
      in.table = ref.path.front().text;
      for (std::size_t i = 1; i < ref.path.size(); ++i) in.rows.push_back(ref.path[i].text);
      if (ref.column) in.column = ref.column->text;
    }
    std::string why;
    auto value = read_cell(given.value, given.value_span, false, why);
    if (!value) {
      error("E0250", given.value_span, why)
          .help(
              "write values as a dataset does: 91, 5,5, \"91 %\", \"62 500\", or a marker such as \"I.U.\"");
      return std::nullopt;
    }
    in.value = std::move(*value);
    return in;
  }

  std::optional<TestExpectation> test_expectation(const ast::TestExpect& expect) {
    using Subject = TestExpectation::Subject;
    TestExpectation out;
    out.kind = expect.kind;
    out.span = expect.span;
    out.text = expect.text;
    const ast::Reference& ref = expect.subject;
    out.id = ref.to_string();
    const std::string& head = ref.path.empty() ? out.id : ref.path.front().text;
    auto is_check = [&](const std::string& id) {
      return std::any_of(out_.checks.begin(), out_.checks.end(),
                         [&](const DataCheck& c) { return c.id == id; });
    };
    auto is_group = [&](const std::string& id) {
      return std::any_of(out_.groups.begin(), out_.groups.end(), [&](const Group& g) { return g.id == id; });
    };
    auto is_budget_line = [&](const std::string& id) {
      return std::any_of(out_.budgets.begin(), out_.budgets.end(), [&](const Budget& b) {
        return id.size() > b.id.size() + 1 && id.starts_with(b.id + "_");
      });
    };
    if (ref.column || ref.has_wildcard() || (ref.path.size() > 1 && !is_check(head))) {
      unknown_subject(ref, "a data check's result is named check.row or check.row.column");
      return std::nullopt;
    }
    if (ref.path.size() > 1 || is_check(head)) {
      out.subject = Subject::check;
    } else if (out_.indicator(head)) {
      out.subject = Subject::indicator;
    } else if (is_group(head)) {
      out.subject = Subject::group;
    } else if (is_budget_line(head)) {
      out.subject = Subject::budget_line;
    } else {
      unknown_subject(ref, "");
      return std::nullopt;
    }
    if (expect.kind == ast::TestExpect::Kind::commentary) return out;
    const std::string& word = expect.word.text;
    if (expect.kind == ast::TestExpect::Kind::trend) {
      if (out.subject == Subject::check || out.subject == Subject::group) {
        error("E0249", expect.word.span,
              fmt::format("a {} has no trend", out.subject == Subject::check ? "data check" : "group"))
            .help("expect its verdict or its commentary instead");
        return std::nullopt;
      }
      if (read_word(expect.word, trend_from_name(word), out.trend, "trend", trend_names())) return out;
      return std::nullopt;
    }
    const bool read =
        out.subject == Subject::check
            ? read_word(expect.word, outcome_from_name(word), out.outcome, "data check outcome",
                        outcome_names())
            : read_word(expect.word, verdict_from_name(word), out.verdict, "verdict", verdict_names());
    if (read) return out;
    return std::nullopt;
  }

  // A verdict, trend or outcome word read into `into`, or E0249 with a did-you-mean.
  template <typename T>
  bool read_word(const ast::Name& word, std::optional<T> value, T& into, std::string_view what,
                 const std::vector<std::string>& names) {
    if (value) {
      into = *value;
      return true;
    }
    unknown_word(word, what, names);
    return false;
  }

  void unknown_subject(const ast::Reference& ref, std::string_view help) {
    std::vector<std::string> ids = out_.indicator_ids();
    for (const Group& g : out_.groups) ids.push_back(g.id);
    for (const DataCheck& c : out_.checks) ids.push_back(c.id);
    Diagnostic& d =
        error("E0248", ref.span,
              fmt::format("'{}' is not an indicator, budget line, group or data check", ref.to_string()));
    if (auto best = closest_match(ref.path.empty() ? ref.to_string() : ref.path.front().text, ids))
      d.help(fmt::format("did you mean '{}'?", *best));
    if (!help.empty()) d.help(std::string(help));
  }

  void unknown_word(const ast::Name& word, std::string_view what, const std::vector<std::string>& names) {
    Diagnostic& d = error("E0249", word.span, fmt::format("'{}' is not a {}", word.text, what));
    if (auto best = closest_match(word.text, names)) d.help(fmt::format("did you mean '{}'?", *best));
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    d.note(fmt::format("a {} is one of: {}", what, list));
  }

  DiagnosticSink& sink_;
  RuleSet out_;
  std::vector<ast::RuleFile>* consumed_ = nullptr;
  std::size_t file_ = 0;  // the file check_file is checking
  std::map<std::string, Span> test_ids_;
  std::vector<Declared> declared_;                          // every id declared, in order (declare)
  std::vector<std::pair<const std::string*, Span>> plain_;  // the ids declared that are not members
  std::vector<std::uint32_t> slots_;                        // indexes into declared_, one more (declared)
  std::vector<bool> unit_given_;  // per indicator (a family once): was `unit` written
  std::set<std::string> rejected_profiles_;
  std::map<std::size_t, Span>
      direction_spans_;  // indicator index -> its written direction  // declared but invalid (E0239, E0240)
};

}  // namespace

std::string member_id(const Indicator& family, const Member& member) {
  return fmt::format("{}_{}", family.id, family.id_of(member));
}

std::string member_name(const Indicator& family, const Member& member) {
  return fmt::format("{} {}", family.name, family.name_of(member));
}

ast::Reference with_member(const ast::Reference& ref, std::string_view member_id) {
  ast::Reference out = ref;
  for (ast::Name& part : out.path) {
    if (part.text == "*") part.text = member_id;
  }
  return out;
}

namespace {

// id == member_id(family, member), without making the string.
bool is_member_id(std::string_view id, const Indicator& family, const Member& member) {
  const std::string_view own = family.id_of(member);
  return id.size() == family.id.size() + 1 + own.size() && id.starts_with(family.id) &&
         id[family.id.size()] == '_' && id.ends_with(own);
}

}  // namespace

Indicator RuleSet::indicator_of(const RuleItem& item) const {
  Indicator out = indicators.at(item.index);
  if (out.members.empty()) return out;
  const Member member = out.members.at(item.member);
  const std::string own(out.id_of(member));
  out.id = member_id(out, member);
  out.name = member_name(out, member);
  out.members.clear();
  out.member_text.clear();
  out.data = with_member(out.data, own);
  for (Breakdown& b : out.breakdowns) b.data = with_member(b.data, own);
  return out;
}

std::optional<Indicator> RuleSet::indicator(std::string_view id) const {
  for (const RuleItem& item : items) {
    if (item.kind != RuleItem::Kind::indicator) continue;
    const Indicator& in = indicators[item.index];
    if (in.members.empty() ? in.id == id : is_member_id(id, in, in.members[item.member]))
      return indicator_of(item);
  }
  return std::nullopt;
}

std::string RuleSet::id_of(const RuleItem& item) const {
  const Indicator& in = indicators.at(item.index);
  return in.members.empty() ? in.id : member_id(in, in.members.at(item.member));
}

std::vector<std::string> RuleSet::indicator_ids() const {
  std::vector<std::string> ids;
  for (const RuleItem& item : items) {
    if (item.kind == RuleItem::Kind::indicator) ids.push_back(id_of(item));
  }
  return ids;
}

std::size_t RuleSet::indicator_count() const {
  return static_cast<std::size_t>(std::count_if(items.begin(), items.end(), [](const RuleItem& item) {
    return item.kind == RuleItem::Kind::indicator;
  }));
}

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

RuleSet check_rules(std::vector<ast::RuleFile>&& files, DiagnosticSink& sink) {
  return Checker(sink, &files).run(files);
}

}  // namespace attain
