#pragma once
// Stage 4: results -> written commentary, in Swedish by default (or English), in the
// language's number style ("62 500", "5,5 %", "−143 tkr"). Also the vocabulary the
// renderers show; every word comes from wording.hpp.

#include <string>
#include <vector>

#include "attain/evaluate.hpp"
#include "attain/wording.hpp"

namespace attain {

struct Commentary {
  Language language = Language::sv;                  // the language it is written in
  std::vector<std::string> items;                    // one sentence per Results::items entry
  std::vector<std::vector<std::string>> breakdowns;  // per item, one per breakdown row
  std::vector<std::string> groups;      // a summary per Results::groups entry: "12 mått: 3 uppfyllda, ..."
  std::string overall;                  // a summary of the whole report
  std::vector<std::size_t> deviations;  // "Väsentliga avvikelser": items with an unmet
                                        // target or a significant budget deviation
  std::vector<std::string> checks;      // one sentence per Results::checks entry
  std::vector<std::string> rollups;     // one per Results::groups entry: the roll-up verdict
};

// Writes the commentary for every result. Never fails.
Commentary write_commentary(const Results& results, Language language = Language::sv);

// Why a result's sentence reads as it does: one line per choice made, each naming the
// reason and the words chosen ('skillnaden mot målet är −1 → "är 1 procentenhet under
// målvärdet 92 %"'), for `evaluate explain`.
std::vector<std::string> commentary_reasons(const ItemResult& result, Language language = Language::sv);

// Swedish labels: "uppfyllt", "ej uppfyllt", "i fas", ...; "förbättring", ...
std::string_view verdict_label(Verdict verdict, Language language = Language::sv);
std::string_view trend_label(Trend trend, Language language = Language::sv);
// "stämmer", "inom avrundning", "stämmer inte", "utan uppgift", "fel"
std::string_view outcome_label(CheckOutcome outcome, Language language = Language::sv);
// Signs beside the words (never instead of them): ✓ ✗ ≈ ↗ ↘ ? … – · ! for verdicts,
// ▲ ▼ = for trends (a space for none), ✓ ≈ ✗ ? ! for data-check outcomes.
std::string_view verdict_symbol(Verdict verdict);
std::string_view trend_arrow(Trend trend);
std::string_view outcome_symbol(CheckOutcome outcome);
// "≥", "≤", ">", "<", "=", "..": comparators as the reports print them
std::string_view comparator_symbol(ast::Comparator comparator);
// A roll-up policy: "alla", "minst 3", "minst 75 %", "viktat minst 75 %"
std::string rollup_text(const ast::RollupPolicy& policy, Language language = Language::sv);
// "Målområde", "Kommunövergripande mål", "Mål"
std::string_view level_label(ast::GroupLevel level, Language language = Language::sv);
// "91 %", "−143 tkr", "62 500", "4,4"
std::string format_value(const Decimal& number, Unit unit, Language language = Language::sv);
// "62 500", "5,5", "−143" (Swedish); "62,500", "5.5" (English)
std::string format_number(const Decimal& number, Language language = Language::sv);
// A signed difference in the unit's words: "−1 procentenhet", "+2,5 procentenheter", "−945 tkr"
std::string format_gap(const Decimal& gap, Unit unit, Language language = Language::sv);
// A cell as shown in a table: the number with its unit, or the marker as written.
std::string format_cell(const Value& value, Unit unit, Language language = Language::sv);
// "≥ 92 %", "< 5 %", "90–100 %", "≥ 220 000 per år", "Q3", "Nollresultat"
std::string format_target(const ast::Target& target, Unit unit, Language language = Language::sv);
// The target of a result as a table shows it; a relative target shows what it was
// resolved to: "≥ 91 % (föreg. + 1)", or "≥ föreg. + 1" when it could not be.
std::string target_text(const ItemResult& result, Language language = Language::sv);
// "2019", "mars 2020"
std::string period_text(const Period& period, Language language = Language::sv);
// What a period covers: "januari–mars 2020", "helåret 2019"
std::string period_range_text(const Period& period, Language language = Language::sv);

}  // namespace attain
