#pragma once
// Every word the reports print, one table per language: engine/src/wording_sv.cpp and
// engine/src/wording_en.cpp. Commentary and renderers take their words from here and
// hold none of their own. Patterns use fmt's `{}`; where a language needs another word
// order a pattern uses positional `{0}`, `{1}`.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace attain {

enum class Language { sv, en };

std::optional<Language> language_from_name(std::string_view name);  // "sv", "en"
std::string_view to_string(Language language);

struct Wording {
  Language language = Language::sv;

  // ---- Numbers and units -----------------------------------------------------------
  std::string_view decimal_mark;     // "," | "."
  std::string_view group_separator;  // " " | ","
  std::array<std::string_view, 12> months;
  std::string_view unit_days, unit_hours;  // " dagar" (the others are the same in every language)
  std::string_view point_one, point_many;  // "procentenhet", "procentenheter"
  std::string_view day_one, day_many, hour_one, hour_many;

  // ---- Labels ----------------------------------------------------------------------
  std::array<std::string_view, 10> verdicts;  // by Verdict: "uppfyllt", ...
  std::array<std::string_view, 4> trends;     // by Trend: "", "förbättring", ...
  std::array<std::string_view, 3> levels;     // by GroupLevel: "Målområde", ...
  std::array<std::string_view, 5> outcomes;   // by CheckOutcome: "stämmer", ...
  std::array<std::string_view, 3> colours;    // by ColourBand::Colour: "grönt", ...
  std::string_view per_year;                  // " per år"
  std::string_view target_not_set;            // "ej satt"
  std::string_view green_target;              // "grönt {}"
  std::string_view previous_short;            // "föreg."
  std::string_view full_year;                 // "helåret {}"
  std::string_view in_period;                 // "i {}": when a year-to-date value was measured
  std::string_view in_year;                   // "{}": when a full year's value was measured
  std::string_view rollup_all, rollup_at_least, rollup_at_least_share, rollup_weighted;
  std::string_view and_word;  // " och "

  // ---- Commentary: targets and values ----------------------------------------------
  std::string_view bound_above, bound_below;         // "(över {})", "(under {})"
  std::string_view band_of_target;                   // "{} % av målvärdet"
  std::string_view the_value_compared;               // "det jämförda värdet"
  std::string_view the_value_when;                   // "värdet {} {}"
  std::string_view green_band;                       // "grönt intervall {}"
  std::string_view target_noun, annual_target_noun;  // "målvärdet", "årsmålet"
  std::string_view not_applicable, no_data;          // "ej tillämpligt", "uppgift saknas"
  std::string_view no_data_marked, not_applicable_marked, pending_marked, not_published_marked,
      confidential_marked;  // "uppgift saknas ({})", ...
  // The evaluator's reasons ("division by zero") in this language; null: as they are.
  std::string (*reason)(std::string_view) = nullptr;
  std::string_view improved_from, worsened_from, unchanged_from, compared_with;  // ", en förbättring från {}"

  // ---- Commentary: sentences --------------------------------------------------------
  std::string_view met_sentence, near_sentence, not_met_sentence;  // "Målet är uppfyllt."
  std::string_view in_band;             // "{0}: {1} {2} ligger i {3} ({4}){5}. {6}"
  std::string_view target_set_when;     // "målvärdet fastställs {}"
  std::string_view target_not_yet_set;  // "målvärdet är ännu inte fastställt"
  std::string_view pending_value;       // "{0}: {1} {2}; {3}{4}."
  std::string_view pending_absent;      // "{0}: {1}; {2} {3}."
  std::string_view cannot_compute;      // "{0}: värdet kan inte beräknas ({1})."
  std::string_view no_target_value;     // "{0}: {1} {2}, inget målvärde angivet{3}."
  std::string_view no_target_absent;    // "{0}: inget målvärde angivet; {1} {2}."
  std::string_view no_comparison;       // "{0}: {1} {2}, men värdet att jämföra med saknas, ..."
  std::string_view absent_value;        // "{0}: {1} {2}; {3}."
  std::string_view annual;  // "{0}: {1} hittills i år ligger {2} {3}{4}{5} förväntade {6} efter {7} av 12
                            // månader{8}){9}."; {3} ends with the bracket opened: "årsmålet 220 000 ("
  std::string_view on_track_for, near_to, behind_on;  // "i fas med", "nära", "efter"
  std::string_view level_with, below, above;          // "i nivå med", "under", "över"
  std::string_view by_profile;                        // " enligt profilen {}"
  std::string_view on_the_bound;                      // "{0}: {1} ligger precis på gränsen för {2}"
  std::string_view within_range;                      // "{0}: {1} ligger inom {2}"
  std::string_view reaches;                           // "{0}: {1} når {2}"
  std::string_view differs;                           // "{0}: {1} är {2} {3} {4}"
  std::string_view near_margin;                       // ". Målet är nästan uppfyllt (inom marginalen {})."

  // ---- Commentary: budget lines ----------------------------------------------------
  std::string_view budget_line;               // "{0}, {1}: {2} {3} mot {4} {5}"
  std::string_view deviation_unknown;         // ", avvikelsen kan inte beräknas."
  std::string_view no_deviation;              // ", ingen avvikelse"
  std::string_view deviation;                 // ", {0} avvikelse på {1} tkr"
  std::string_view favourable, unfavourable;  // "en positiv", "en negativ" (with the article)
  std::string_view significant_at_least;      // " (väsentlig, minst {} tkr)"
  std::string_view significant;               // " (väsentlig)"
  std::string_view below_materiality;         // " (under väsentlighetsgränsen {} tkr)"

  // ---- Commentary: data checks, roll-ups, summaries --------------------------------
  std::string_view at_row_column, at_row, at_column;  // " (rad {}, kolumn {})"
  std::string_view cannot_check;                      // "{0}: kan inte kontrolleras, {1}."
  std::string_view against;                           // "mot"
  std::string_view check_pass;                        // "{0}: {1} {2} {3} stämmer."
  std::string_view check_rounding;  // "{0}: {1} {2} {3} skiljer {4}, inom avrundning (tolerans {5})."
  std::string_view check_fail;      // "{0}: {1} {2} {3} skiljer {4}, stämmer inte."
  std::string_view rollup_none;     // "{}: ingen indikator kan bedömas"
  std::string_view rollup_one;      // "{0}: {1} av 1 bedömd indikator uppfylld (krav: {2})"
  std::string_view rollup_many;     // "{0}: {1} av {2} bedömda indikatorer uppfyllda (krav: {3})"
  std::string_view rollup_rest;     // "; {} utan bedömning (mål eller uppgift saknas)"
  std::array<std::string_view, 10> count_one, count_many;  // by Verdict: "uppfyllt", "uppfyllda"
  std::string_view measures_one, measures_many;            // "{} mått"
  std::string_view significant_deviations_one, significant_deviations_many;  // "väsentlig budgetavvikelse"
  std::string_view overall;                                                  // "Totalt {}"

  // ---- Report headings (text, Markdown, HTML, JUnit) --------------------------------
  std::string_view period_line;            // "Period: {} ({} av 12 månader)"
  std::string_view deviations_heading;     // "Väsentliga avvikelser"
  std::string_view none;                   // "Inga."
  std::string_view checks_heading;         // "Datakontroller"
  std::string_view check_count;            // "{} {}: {} stämmer, {} inom avrundning, ..."
  std::string_view check_one, check_many;  // "kontroll", "kontroller"
  std::string_view summary_heading;        // "Sammanfattning"
  std::string_view inputs_heading;         // "Underlag"
  std::string_view role_rules, role_data;  // "regler", "data"
  std::string_view empty_cell;             // "(tom)"
  std::string_view budget_reference;       // "budget {}"
  std::string_view col_indicator, col_line, col_verdict, col_target, col_deviation, col_check, col_figures,
      col_role, col_file;
  std::string_view significant_marker;  // "väsentlig"

  // ---- HTML only -----------------------------------------------------------------------
  std::string_view html_contents, html_key, html_key_bar, html_key_target, html_key_expected,
      html_key_tolerance, html_key_series, html_inputs_intro, html_indicators_caption, html_col_value,
      html_col_budget, html_col_significant, html_col_trend, html_col_chart, html_col_budget_chart,
      html_col_series, html_col_outcome, html_col_sha, html_col_bytes, html_expected_cell, html_no_chart,
      html_chart_value, html_chart_target, html_chart_no_target, html_chart_expected, html_chart_tolerance,
      html_chart_budget, html_chart_deviation, html_chart_materiality, html_chart_scale, html_series,
      html_series_point, html_series_missing;

  // ---- The audit verbs: explain, list, diff -------------------------------------------
  std::string_view x_title, x_rule, x_data, x_none, x_column, x_steps, x_verdict, x_trend, x_commentary,
      x_wording;
  std::array<std::string_view, 5> x_check_outcomes;  // by CheckOutcome, in a sentence
  std::string_view x_role_left, x_role_right, x_role_outcome, x_role_budget, x_role_reported, x_role_previous,
      x_role_value, x_role_input, x_role_compared;
  std::string_view x_condition, x_for, x_row, x_column_of, x_sides, x_difference, x_cannot_check, x_deviation,
      x_favourable_side, x_lower, x_higher, x_favourable, x_unfavourable, x_materiality, x_significant,
      x_not_significant, x_no_deviation, x_computed, x_undetermined, x_rounding_one, x_rounding_many, x_band,
      x_no_target, x_pending, x_relative, x_annual, x_comparison, x_within, x_holds, x_fails, x_gap, x_near;
  std::string_view x_trend_no_previous, x_trend_no_direction, x_trend_missing, x_trend_line, x_check_reason;
  // Why the commentary reads as it does: reasons, and the words quoted from the sentence.
  std::string_view r_no_budget, r_equal, r_deviation, r_favourable, r_unfavourable, r_significant, r_below,
      r_previous, r_band, r_pending, r_missing, r_missing_why, r_error, r_no_target, r_relative,
      r_target_named, r_annual, r_expected, r_strict, r_exact, r_gap, r_trend_none, r_trend, r_met, r_not_met,
      r_near_band, r_near;
  std::string_view q_in_band, q_no_target, q_no_comparison, q_annual, q_expected, q_on_bound, q_within,
      q_reaches, q_differs;
  // evaluate list
  std::string_view l_title, l_rollup, l_target, l_direction_higher, l_direction_lower, l_direction_none,
      l_unit, l_data, l_computed, l_cumulative, l_compared_with, l_breakdown, l_budget, l_favourable_higher,
      l_favourable_lower, l_materiality_none, l_checks, l_count, l_no_target, l_not_set, l_bands, l_relative,
      l_constant, l_near, l_near_percent, l_profile, l_previous_period, l_same_period, l_named_period,
      l_for_columns, l_tolerance, l_col_id, l_col_indicator, l_col_target, l_col_direction, l_col_unit,
      l_col_data, l_col_rule, l_col_condition;
  // evaluate diff
  std::string_view d_title, d_changed, d_value, d_against, d_against_changed, d_before, d_now, d_added,
      d_removed, d_unchanged, d_kind_indicator, d_kind_budget_line, d_kind_check, d_kind_group;

  // ---- Batch mode: the summary across datasets (render_summary_text) -----------------
  std::string_view s_evaluated_one, s_evaluated_many;  // "Sammanställning: {} dataset utvärderat"
  std::string_view s_not_evaluated_count;              // ", {} kunde inte utvärderas"
  std::string_view s_not_evaluated;                    // "ej utvärderat: {}"
  std::string_view s_line;                             // "{0} ({1})": name and id
  std::string_view s_family_one, s_family_many;        // "{0} ({1}, familj med {2} medlemmar)"
  std::string_view s_units_one, s_units_many;          // "{} enhet", "{} enheter"
  std::string_view s_no_indicators;                    // "Regeluppsättningen har inga indikatorer."
};

const Wording& wording(Language language);

// A wording pattern filled in: say(w.reaches, name, value, target) -> "Mått: 92 % når målvärdet 92 %".
template <typename... Args>
std::string say(std::string_view pattern, Args&&... args) {
  return fmt::format(fmt::runtime(pattern), std::forward<Args>(args)...);
}

}  // namespace attain
