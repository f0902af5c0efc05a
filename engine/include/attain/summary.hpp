#pragma once
// Batch mode's summary across datasets (results -> summary): for each indicator, how
// many units got each verdict. A unit is one dataset; for the members of a rule family
// it is one member in one dataset, and the family is one line. Computed from Results,
// or from verdicts and the rule set; the renderers are in render.hpp
// (render_summary_text, render_summary_json).

#include <array>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "attain/evaluate.hpp"
#include "attain/verdict.hpp"

namespace attain {

// The number of Verdict values: SummaryLine::counts has one entry per verdict.
inline constexpr std::size_t verdict_count = static_cast<std::size_t>(Verdict::error) + 1;

struct SummaryLine {
  enum class Kind { indicator, family };
  Kind kind = Kind::indicator;
  std::string id;                                   // the indicator's id, or the family's
  std::string name;                                 // the indicator's name, or the family's
  std::size_t members = 1;                          // units per dataset: 1, or the family's members
  std::array<std::size_t, verdict_count> counts{};  // units per verdict, indexed by Verdict

  std::size_t count(Verdict verdict) const { return counts[static_cast<std::size_t>(verdict)]; }
  std::size_t total() const;  // every unit counted: the sum of `counts`
};

struct Summary {
  std::vector<std::string> datasets;       // the datasets counted, in the order added
  std::vector<std::string> not_evaluated;  // datasets that gave no results: the caller lists
                                           // them, they are named and not counted
  std::vector<SummaryLine> lines;          // in rule order
};

// One dataset's results as a summary: one line per indicator in rule order, except that
// the members of a family make one line, at the place of the first, with one unit per
// member. Budget lines and breakdown rows are not counted. `dataset` names the dataset
// (its path) in `Summary::datasets`. Never fails.
Summary summarise(const Results& results, std::string dataset);

// The same summary from results handed over one at a time, in rule order: whole
// results, or the verdicts evaluate_verdicts hands over.
class SummaryBuilder {
 public:
  explicit SummaryBuilder(std::string dataset);
  void add(const ItemResult& result);
  // An indicator's verdict: `declared` is the indicator of its item in the rule set
  // (RuleSet::indicators[item.index], a family for each of its members), `verdict` what
  // its result's would be. Gives what add(result) gives.
  void add(const Indicator& declared, Verdict verdict);
  // Adds the summary of the results that follow, of the same dataset (a later part of
  // evaluate_verdicts): as if each of its results had been added here.
  void add_later(const Summary& later);
  Summary take() { return std::move(out_); }

 private:
  // The index of the line a result counts on: its family's (made at its first member,
  // one more member after), or a new one.
  std::size_t line(bool family, const std::string& id, const std::string& name);

  Summary out_;
  std::unordered_map<std::string, std::size_t> family_line_;  // family id -> index into out_.lines
  const Indicator* last_family_ = nullptr;  // the family add(declared) counted last, and its line
  std::size_t last_line_ = 0;
};

// Adds `more` to `into`: its datasets after those of `into`, the counts of each line to
// the line of the same kind and id (appended after the others when `into` has none; the
// same rule set gives every dataset the same lines). Adding the summaries of the
// datasets in a fixed order gives the same summary whatever order they were made in.
void add_to(Summary& into, const Summary& more);

}  // namespace attain
