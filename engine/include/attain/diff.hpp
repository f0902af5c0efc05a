#pragma once
// `evaluate diff OLD NEW`: what changed between two evaluations (docs/cli-diff.md), made
// either from two datasets under one rule set or from two saved JSON results. Both are
// reduced to a Snapshot (the result ids with verdict, value, target and commentary),
// which is all the comparison needs.

#include <optional>
#include <string>
#include <vector>

#include "attain/commentary.hpp"
#include "attain/evaluate.hpp"

namespace attain {

struct SnapshotItem {
  std::string id;
  std::string kind;  // "indicator", "budget_line", "data_check", "group"
  std::string name;
  std::string verdict;  // a verdict or a data check's outcome, by name
  std::string value;    // as shown: "91 %", "I.U."
  std::string target;   // as shown: "≥ 92 %"
  std::string trend;
  std::string commentary;
};

struct Snapshot {
  std::string label;                // the dataset's path, or the JSON file's
  std::string period;               // "2020-03"
  std::vector<SnapshotItem> items;  // in report order
};

// From an evaluation: every indicator, budget line, data-check result and group roll-up.
Snapshot snapshot(const Results& results, const Commentary& commentary, std::string label);

// From a JSON report (schema attain/results/v1). nullopt with `error` set when the text
// is not such a report.
std::optional<Snapshot> read_snapshot(std::string_view json, std::string label, std::string& error);

// The changes from `before` to `after`: changed verdicts with both values and both
// commentaries, then results only one side has, then a count of those unchanged.
std::string render_diff(const Snapshot& before, const Snapshot& after, bool json,
                        Language language = Language::sv);

}  // namespace attain
