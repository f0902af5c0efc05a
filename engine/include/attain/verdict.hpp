#pragma once
// The vocabulary of results: verdicts, trends and data-check outcomes. Shared by the
// evaluator, which decides them, and the checker, which reads them in rule tests.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attain {

enum class Verdict {
  met,
  not_met,
  near,
  on_track,
  behind,
  no_data,
  pending,
  not_applicable,
  no_target,
  error
};
enum class Trend { none, improved, worsened, unchanged };
// A data check's result, per row and column it iterates over.
enum class CheckOutcome { pass, rounding, fail, no_data, error };

std::string_view to_string(Verdict verdict);       // "met", "not_met", ...
std::string_view to_string(Trend trend);           // "improved", ..., "none"
std::string_view to_string(CheckOutcome outcome);  // "pass", "rounding", ...

// The reverse, for rule tests: nullopt for an unknown name.
std::optional<Verdict> verdict_from_name(std::string_view name);
std::optional<Trend> trend_from_name(std::string_view name);
std::optional<CheckOutcome> outcome_from_name(std::string_view name);
std::vector<std::string> verdict_names();
std::vector<std::string> trend_names();
std::vector<std::string> outcome_names();

}  // namespace attain
