// The names of verdicts, trends and data-check outcomes, as JSON, tests and docs spell them.

#include "attain/verdict.hpp"

#include <array>

namespace attain {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::met:
      return "met";
    case Verdict::not_met:
      return "not_met";
    case Verdict::near:
      return "near";
    case Verdict::on_track:
      return "on_track";
    case Verdict::behind:
      return "behind";
    case Verdict::no_data:
      return "no_data";
    case Verdict::pending:
      return "pending";
    case Verdict::not_applicable:
      return "not_applicable";
    case Verdict::no_target:
      return "no_target";
    case Verdict::error:
      return "error";
  }
  return "?";
}

std::string_view to_string(CheckOutcome outcome) {
  switch (outcome) {
    case CheckOutcome::pass:
      return "pass";
    case CheckOutcome::rounding:
      return "rounding";
    case CheckOutcome::fail:
      return "fail";
    case CheckOutcome::no_data:
      return "no_data";
    case CheckOutcome::error:
      return "error";
  }
  return "?";
}

std::string_view to_string(Trend trend) {
  switch (trend) {
    case Trend::none:
      return "none";
    case Trend::improved:
      return "improved";
    case Trend::worsened:
      return "worsened";
    case Trend::unchanged:
      return "unchanged";
  }
  return "?";
}

namespace {

template <typename E, std::size_t N>
std::optional<E> from_name(std::string_view name, const std::array<E, N>& all) {
  for (E e : all) {
    if (to_string(e) == name) return e;
  }
  return std::nullopt;
}

template <typename E, std::size_t N>
std::vector<std::string> names(const std::array<E, N>& all) {
  std::vector<std::string> out;
  for (E e : all) out.emplace_back(to_string(e));
  return out;
}

constexpr std::array all_verdicts{
    Verdict::met,     Verdict::not_met, Verdict::near,           Verdict::on_track,  Verdict::behind,
    Verdict::no_data, Verdict::pending, Verdict::not_applicable, Verdict::no_target, Verdict::error};
constexpr std::array all_trends{Trend::improved, Trend::worsened, Trend::unchanged, Trend::none};
constexpr std::array all_outcomes{CheckOutcome::pass, CheckOutcome::rounding, CheckOutcome::fail,
                                  CheckOutcome::no_data, CheckOutcome::error};

}  // namespace

std::optional<Verdict> verdict_from_name(std::string_view name) {
  return from_name(name, all_verdicts);
}
std::optional<Trend> trend_from_name(std::string_view name) {
  return from_name(name, all_trends);
}
std::optional<CheckOutcome> outcome_from_name(std::string_view name) {
  return from_name(name, all_outcomes);
}
std::vector<std::string> verdict_names() {
  return names(all_verdicts);
}
std::vector<std::string> trend_names() {
  return names(all_trends);
}
std::vector<std::string> outcome_names() {
  return names(all_outcomes);
}

}  // namespace attain
