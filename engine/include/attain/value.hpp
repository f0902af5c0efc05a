#pragma once
// Exact decimal numbers and dataset values. Money and percentages are compared and
// summed exactly: a Decimal is a scaled 64-bit integer (units / 10^scale), never a double.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "attain/source.hpp"

namespace attain {

class Decimal {
 public:
  static constexpr int max_scale = 9;

  constexpr Decimal() = default;
  // units / 10^scale; scale must be within [0, max_scale].
  static Decimal from_units(std::int64_t units, int scale);
  static Decimal integer(std::int64_t value) { return from_units(value, 0); }

  std::int64_t units() const { return units_; }
  int scale() const { return scale_; }
  bool is_zero() const { return units_ == 0; }
  bool is_negative() const { return units_ < 0; }

  // Exact comparison of values: 5,0 == 5 and 3,5 <= 3,50.
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);
  friend bool operator==(const Decimal& a, const Decimal& b) { return (a <=> b) == 0; }

  // Exact arithmetic at the larger scale of the operands; nullopt on overflow.
  std::optional<Decimal> plus(const Decimal& other) const;
  std::optional<Decimal> minus(const Decimal& other) const;
  Decimal negated() const { return from_units(-units_, scale_); }
  Decimal abs() const { return units_ < 0 ? negated() : *this; }
  // this * numerator / denominator rounded half away from zero to `scale` decimals;
  // nullopt on overflow. Used for pro-rating annual targets.
  std::optional<Decimal> scaled_by(std::int64_t numerator, std::int64_t denominator, int scale) const;
  // this * other, exact up to max_scale decimals (rounded half away from zero beyond);
  // nullopt on overflow.
  std::optional<Decimal> times(const Decimal& other) const;
  // this / other rounded half away from zero to `scale` decimals; nullopt when other is
  // zero or on overflow.
  std::optional<Decimal> divided_by(const Decimal& other, int scale) const;
  // Compares this * a with other * b exactly (pro-rating without rounding).
  static std::strong_ordering compare_scaled(const Decimal& x, std::int64_t a, const Decimal& y,
                                             std::int64_t b);
  // The same value with trailing zero decimals removed, but keeping at least `min_scale`.
  Decimal trimmed(int min_scale = 0) const;

  // Canonical machine form: "-1462", "5.5", "0.20".
  std::string to_string() const;
  double to_double() const;

 private:
  constexpr Decimal(std::int64_t units, int scale) : units_(units), scale_(scale) {}
  std::int64_t units_ = 0;
  int scale_ = 0;
};

// Result of reading a number the way Swedish reports write it.
struct NumberReading {
  std::optional<Decimal> number;  // empty on failure
  bool percent = false;           // written with a trailing '%'
  std::string error;              // why it failed: lowercase, no trailing period
};

// Reads "5,5", "62 500", "91 %", "0%", "-143", "−143" (U+2212), "99.1", "1_000" (rules).
// Digit groups may be separated by a space, a no-break space or a thin space, in groups of
// three. Rejects anything else, including exponents, "NaN" and "inf".
NumberReading read_number(std::string_view text);

// "62.500": one to three digits (not starting with 0), then '.' and exactly three digits,
// as Danish, German or Norwegian spreadsheets group thousands. read_number reads the '.'
// as a decimal point, as the text says; the readers warn (W0207 rules, W0307 datasets).
bool dot_may_group_thousands(std::string_view text);

// Why a value is absent. docs/language.md has the truth table of what each reason does
// in a comparison, an expression, an aggregate, a data check and a roll-up.
enum class Absence {
  blank,           // empty cell, null
  no_data,         // "I.U." (inga uppgifter)
  not_applicable,  // "N/A", "-"
  pending,         // a target to be set later: "Q3"
  not_published,   // ".." (not yet published, as Statistics Sweden marks it)
  confidential,    // "x" (sekretess)
};

std::string_view absence_marker(Absence absence);  // "I.U.", "N/A", "", "Q", "..", "x"
std::string_view to_string(Absence absence);       // "blank", "no_data", ..., "confidential"

// One cell of a dataset, with where it was written and how.
struct Value {
  enum class Kind { number, absent, text };
  Kind kind = Kind::absent;
  Decimal number;
  bool percent = false;  // written with '%'
  Absence absence = Absence::blank;
  std::string text;  // the cell exactly as written (trimmed), for the audit trail
  Span span;

  bool is_number() const { return kind == Kind::number; }
};

// Reads one cell's text as a dataset writes it (docs/datasets.md), trimmed of spaces and
// tabs: empty is blank; "I.U.", "N/A", "-", "..", "x" and their variants are absences;
// where a target may stand (`target_column`) "Q1".."Q4" is pending and any other text is
// kept as text; otherwise a number as read_number reads it. Returns nullopt and sets
// `error` ("cannot read '5,5,5' as a number: ...") when the text is none of these.
std::optional<Value> read_cell(std::string_view text, Span span, bool target_column, std::string& error);

// read_cell's result for the commonest cell, a plain number such as JSON writes it
// ("-143", "9.9", "5,5": an optional '-', up to 18 digits, optionally ',' or '.' and up
// to 9 decimals, nothing else), and nullopt for any other text, which read_cell reads.
// The dataset loader tries it first: it makes no copies and compares no markers.
std::optional<Value> read_plain_number(std::string_view text, Span span);
// The same number alone, for a cell that is kept as its place in the file's text.
std::optional<Decimal> read_plain_decimal(std::string_view text);

// "2019" is the full year 2019; "2020-03" is the year to date through March 2020.
struct Period {
  int year = 0;
  int month = 12;  // the last month covered
  bool full_year = true;
  int months() const { return month; }  // months covered from January
  std::string to_string() const;        // "2019", "2020-03"
  // Periods compare by their last month: "2020" and "2020-12" cover the same months.
  friend auto operator<=>(const Period& a, const Period& b) {
    return std::pair(a.year, a.month) <=> std::pair(b.year, b.month);
  }
  friend bool operator==(const Period& a, const Period& b) { return (a <=> b) == 0; }
};

// Reads a period written as "YYYY" or "YYYY-MM".
std::optional<Period> parse_period(std::string_view text);

// Swedish number style: "62 500", "5,5", "−143" (U+2212 minus), thousands grouped by a space.
std::string format_sv(const Decimal& number);
// Signed Swedish style: "+1 780", "−143", "0".
std::string format_sv_signed(const Decimal& number);

}  // namespace attain
