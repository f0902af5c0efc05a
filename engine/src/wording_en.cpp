// English (--lang en): the same reports for readers without Swedish. Figures in the
// English style: "62,500", "5.5 %", "−143 tkr" (tkr: thousands of kronor, as the report).

#include "attain/wording.hpp"

namespace attain {

Wording english() {
  Wording w;
  w.language = Language::en;
  w.decimal_mark = ".";
  w.group_separator = ",";
  w.months = {"January", "February", "March",     "April",   "May",      "June",
              "July",    "August",   "September", "October", "November", "December"};
  w.unit_days = " days";
  w.unit_hours = " hours";
  w.point_one = "percentage point";
  w.point_many = "percentage points";
  w.day_one = "day";
  w.day_many = "days";
  w.hour_one = "hour";
  w.hour_many = "hours";

  w.verdicts = {"met",     "not met",        "near the target", "on track",  "behind",
                "no data", "target not set", "not applicable",  "no target", "error"};
  w.trends = {"", "improvement", "deterioration", "unchanged"};
  w.levels = {"Area", "Municipal goal", "Objective"};
  w.outcomes = {"agree", "within rounding", "do not agree", "no data", "error"};
  w.colours = {"green", "yellow", "red"};
  w.per_year = " per year";
  w.target_not_set = "not set";
  w.green_target = "green {}";
  w.previous_short = "prev.";
  w.full_year = "full year {}";
  w.in_period = "in {}";
  w.in_year = "in {}";
  w.rollup_all = "all";
  w.rollup_at_least = "at least {}";
  w.rollup_at_least_share = "at least {} %";
  w.rollup_weighted = "weighted at least {} %";
  w.and_word = " and ";

  w.bound_above = "(above {})";
  w.bound_below = "(below {})";
  w.band_of_target = "{} % of the target";
  w.the_value_compared = "the value compared with";
  w.the_value_when = "the value {} {}";
  w.green_band = "the green band {}";
  w.target_noun = "the target";
  w.annual_target_noun = "the annual target";
  w.not_applicable = "not applicable";
  w.no_data = "no data";
  w.no_data_marked = "no data ({})";
  w.not_applicable_marked = "not applicable ({})";
  w.pending_marked = "figure to come ({})";
  w.not_published_marked = "not yet published ({})";
  w.confidential_marked = "confidential ({})";
  w.reason = nullptr;  // the evaluator's reasons are English already
  w.improved_from = ", an improvement from {}";
  w.worsened_from = ", a deterioration from {}";
  w.unchanged_from = ", unchanged from {}";
  w.compared_with = ", compared with {}";

  w.met_sentence = "The target is met.";
  w.near_sentence = "The target is nearly met.";
  w.not_met_sentence = "The target is not met.";
  w.in_band = "{0}: {1} {2} is in the {3} band ({4}){5}. {6}";
  w.target_set_when = "the target will be set in {}";
  w.target_not_yet_set = "the target has not been set yet";
  w.pending_value = "{0}: {1} {2}; {3}{4}.";
  w.pending_absent = "{0}: {1}; {2} {3}.";
  w.cannot_compute = "{0}: the value cannot be computed ({1}).";
  w.no_target_value = "{0}: {1} {2}, no target given{3}.";
  w.no_target_absent = "{0}: no target given; {1} {2}.";
  w.no_comparison = "{0}: {1} {2}, but the value to compare with is missing, so the target cannot be set.";
  w.absent_value = "{0}: {1} {2}; {3}.";
  w.annual = "{0}: {1} so far this year is {2} {3} ({4}{5} the expected {6} after {7} of 12 months{8}){9}.";
  w.on_track_for = "on track for";
  w.near_to = "near";
  w.behind_on = "behind";
  w.level_with = "level with";
  w.below = "below";
  w.above = "above";
  w.by_profile = " by the profile {}";
  w.on_the_bound = "{0}: {1} is exactly at the limit of {2}";
  w.within_range = "{0}: {1} is within {2}";
  w.reaches = "{0}: {1} reaches {2}";
  w.differs = "{0}: {1} is {2} {3} {4}";
  w.near_margin = ". The target is nearly met (within the margin of {}).";

  w.budget_line = "{0}, {1}: {2} {3} against {4} {5}";
  w.deviation_unknown = ", the deviation cannot be computed.";
  w.no_deviation = ", no deviation";
  w.deviation = ", {0} deviation of {1} tkr";
  w.favourable = "a favourable";
  w.unfavourable = "an unfavourable";
  w.significant_at_least = " (significant, at least {} tkr)";
  w.significant = " (significant)";
  w.below_materiality = " (below the materiality threshold of {} tkr)";

  w.at_row_column = " (row {}, column {})";
  w.at_row = " (row {})";
  w.at_column = " (column {})";
  w.cannot_check = "{0}: cannot be checked, {1}.";
  w.against = "against";
  w.check_pass = "{0}: {1} {2} {3} agree.";
  w.check_rounding = "{0}: {1} {2} {3} differ by {4}, within rounding (tolerance {5}).";
  w.check_fail = "{0}: {1} {2} {3} differ by {4}, do not agree.";
  w.rollup_none = "{}: no indicator can be judged";
  w.rollup_one = "{0}: {1} of 1 judged indicator met (required: {2})";
  w.rollup_many = "{0}: {1} of {2} judged indicators met (required: {3})";
  w.rollup_rest = "; {} not judged (no target or no data)";
  w.count_one = {"met",
                 "not met",
                 "near the target",
                 "on track",
                 "behind",
                 "without data",
                 "with a target not yet set",
                 "not applicable",
                 "without a target",
                 "that cannot be computed"};
  w.count_many = w.count_one;
  w.measures_one = "{} measure";
  w.measures_many = "{} measures";
  w.significant_deviations_one = "significant budget deviation";
  w.significant_deviations_many = "significant budget deviations";
  w.overall = "In total {}";

  w.period_line = "Period: {} ({} of 12 months)";
  w.deviations_heading = "Significant deviations";
  w.none = "None.";
  w.checks_heading = "Data checks";
  w.check_count = "{} {}: {} agree, {} within rounding, {} do not agree, {} without data, {} errors.";
  w.check_one = "check";
  w.check_many = "checks";
  w.summary_heading = "Summary";
  w.inputs_heading = "Inputs";
  w.role_rules = "rules";
  w.role_data = "data";
  w.empty_cell = "(empty)";
  w.budget_reference = "budget {}";
  w.col_indicator = "Indicator";
  w.col_line = "Line";
  w.col_verdict = "Verdict";
  w.col_target = "Target";
  w.col_deviation = "Deviation";
  w.col_check = "Check";
  w.col_figures = "Figures (file:line)";
  w.col_role = "Role";
  w.col_file = "File";
  w.significant_marker = "significant";

  w.html_contents = "Contents";
  w.html_key = "How to read the charts:";
  w.html_key_bar = "outcome (coloured by verdict)";
  w.html_key_target = "target or budget";
  w.html_key_expected = "expected so far this year (annual target)";
  w.html_key_tolerance = "near the target (tolerance) or within the materiality threshold";
  w.html_key_series = "development over the periods, the latest marked";
  w.html_inputs_intro = "Made with attain {} from these files (SHA-256 as sha256sum prints it).";
  w.html_indicators_caption = "Indicators";
  w.html_col_value = "Outcome";
  w.html_col_budget = "Budget";
  w.html_col_significant = "Significant";
  w.html_col_trend = "Trend";
  w.html_col_chart = "Against the target";
  w.html_col_budget_chart = "Against the budget";
  w.html_col_series = "Development";
  w.html_col_outcome = "Result";
  w.html_col_sha = "SHA-256";
  w.html_col_bytes = "Bytes";
  w.html_expected_cell = "expected so far {}";
  w.html_no_chart = "no figure to show";
  w.html_chart_value = "Outcome {}";
  w.html_chart_target = "target {}";
  w.html_chart_no_target = "no target";
  w.html_chart_expected = "expected so far {} after {} of 12 months";
  w.html_chart_tolerance = "near the target from {} to {}";
  w.html_chart_budget = "budget {}";
  w.html_chart_deviation = "deviation {}";
  w.html_chart_materiality = "materiality threshold {}";
  w.html_chart_scale = "scale from {} to {}";
  w.html_series = "Development: {}";
  w.html_series_point = "{}: {}";
  w.html_series_missing = "missing";
  return w;
}

}  // namespace attain
