#include "attain/value.hpp"

#include <cctype>

#include <algorithm>
#include <array>
#include <cassert>
#include <limits>

#include <fmt/format.h>

namespace attain {

namespace {

__extension__ typedef __int128 i128;  // GCC and Clang; exact products of two int64

constexpr std::array<std::int64_t, 19> powers_of_ten = [] {
  std::array<std::int64_t, 19> p{};
  p[0] = 1;
  for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}();

i128 rescale(std::int64_t units, int from, int to) {
  return static_cast<i128>(units) * powers_of_ten[static_cast<std::size_t>(to - from)];
}

// A result must fit in int64 and be negatable, so abs() and negated() never overflow.
bool fits(i128 v) {
  return v > std::numeric_limits<std::int64_t>::min() && v <= std::numeric_limits<std::int64_t>::max();
}

std::strong_ordering compare_i128(i128 a, i128 b) {
  return a < b ? std::strong_ordering::less
               : (a > b ? std::strong_ordering::greater : std::strong_ordering::equal);
}

}  // namespace

Decimal Decimal::from_units(std::int64_t units, int scale) {
  assert(scale >= 0 && scale <= max_scale);
  return Decimal(units, scale);
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  const int s = std::max(a.scale_, b.scale_);
  return compare_i128(rescale(a.units_, a.scale_, s), rescale(b.units_, b.scale_, s));
}

std::optional<Decimal> Decimal::plus(const Decimal& other) const {
  const int s = std::max(scale_, other.scale_);
  const i128 sum = rescale(units_, scale_, s) + rescale(other.units_, other.scale_, s);
  if (!fits(sum)) return std::nullopt;
  return Decimal(static_cast<std::int64_t>(sum), s);
}

std::optional<Decimal> Decimal::minus(const Decimal& other) const {
  if (other.units_ == std::numeric_limits<std::int64_t>::min()) return std::nullopt;
  return plus(other.negated());
}

namespace {

// n / d rounded half away from zero (d > 0).
i128 divide_rounded(i128 n, i128 d) {
  i128 q = n / d;
  const i128 r = n % d;
  if (2 * (r < 0 ? -r : r) >= d) q += (n < 0 ? -1 : 1);
  return q;
}

}  // namespace

std::optional<Decimal> Decimal::scaled_by(std::int64_t numerator, std::int64_t denominator, int scale) const {
  assert(denominator > 0 && scale >= 0 && scale <= max_scale);
  // units * 10^(scale - scale_) * numerator / denominator, rounded half away from zero.
  i128 n = static_cast<i128>(units_) * numerator;
  i128 d = denominator;
  if (scale >= scale_)
    n *= powers_of_ten[static_cast<std::size_t>(scale - scale_)];
  else
    d *= powers_of_ten[static_cast<std::size_t>(scale_ - scale)];
  const i128 q = divide_rounded(n, d);
  if (!fits(q)) return std::nullopt;
  return Decimal(static_cast<std::int64_t>(q), scale);
}

std::optional<Decimal> Decimal::times(const Decimal& other) const {
  // |units| < 2^63 each, so the product fits in 127 bits.
  i128 product = static_cast<i128>(units_) * other.units_;
  int scale = scale_ + other.scale_;
  if (scale > max_scale) {
    product = divide_rounded(product, powers_of_ten[static_cast<std::size_t>(scale - max_scale)]);
    scale = max_scale;
  }
  if (!fits(product)) return std::nullopt;
  return Decimal(static_cast<std::int64_t>(product), scale);
}

std::optional<Decimal> Decimal::divided_by(const Decimal& other, int scale) const {
  assert(scale >= 0 && scale <= max_scale);
  if (other.units_ == 0) return std::nullopt;
  // (a / 10^sa) / (b / 10^sb) * 10^scale = a * 10^(scale - sa + sb) / b
  const int shift = scale - scale_ + other.scale_;
  i128 n = units_;
  i128 d = other.units_;
  if (d < 0) {
    n = -n;
    d = -d;
  }
  if (shift >= 0) {
    if (shift > 18) return std::nullopt;
    const i128 factor = powers_of_ten[static_cast<std::size_t>(shift)];
    // Guard the multiplication: |n| < 2^63 and factor <= 10^18 < 2^60 fit in 127 bits.
    n *= factor;
  } else {
    d *= powers_of_ten[static_cast<std::size_t>(-shift)];
  }
  const i128 q = divide_rounded(n, d);
  if (!fits(q)) return std::nullopt;
  return Decimal(static_cast<std::int64_t>(q), scale);
}

std::strong_ordering Decimal::compare_scaled(const Decimal& x, std::int64_t a, const Decimal& y,
                                             std::int64_t b) {
  const int s = std::max(x.scale_, y.scale_);
  return compare_i128(rescale(x.units_, x.scale_, s) * a, rescale(y.units_, y.scale_, s) * b);
}

Decimal Decimal::trimmed(int min_scale) const {
  std::int64_t u = units_;
  int s = scale_;
  while (s > min_scale && u % 10 == 0) {
    u /= 10;
    --s;
  }
  return Decimal(u, s);
}

std::string Decimal::to_string() const {
  const bool negative = units_ < 0;
  // Work on the magnitude in 128 bits so INT64_MIN is safe.
  i128 magnitude = units_;
  if (negative) magnitude = -magnitude;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude > 0);
  if (static_cast<int>(digits.size()) <= scale_) {
    digits.insert(0, static_cast<std::size_t>(scale_ + 1) - digits.size(), '0');
  }
  if (scale_ > 0) digits.insert(digits.size() - static_cast<std::size_t>(scale_), ".");
  return negative ? "-" + digits : digits;
}

double Decimal::to_double() const {
  return static_cast<double>(units_) / static_cast<double>(powers_of_ten[static_cast<std::size_t>(scale_)]);
}

namespace {

// Length of a digit-group separator at `text[i]`, or 0.
std::size_t group_separator(std::string_view text, std::size_t i) {
  if (text[i] == ' ') return 1;
  if (text.substr(i, 2) == "\xC2\xA0") return 2;      // no-break space
  if (text.substr(i, 3) == "\xE2\x80\x89") return 3;  // thin space
  if (text.substr(i, 3) == "\xE2\x80\xAF") return 3;  // narrow no-break space
  return 0;
}

std::size_t minus_sign(std::string_view text) {
  if (text.empty()) return 0;
  if (text[0] == '-') return 1;
  if (text.substr(0, 3) == "\xE2\x88\x92") return 3;  // U+2212 minus sign
  if (text.substr(0, 3) == "\xE2\x80\x93") return 3;  // U+2013 en dash, as typed in Word
  return 0;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Strips spaces, tabs and no-break spaces around a cell.
std::string_view trim(std::string_view text) {
  for (;;) {
    if (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
      text.remove_prefix(1);
    else if (text.substr(0, 2) == "\xC2\xA0")
      text.remove_prefix(2);
    else
      break;
  }
  for (;;) {
    if (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
      text.remove_suffix(1);
    else if (text.size() >= 2 && text.substr(text.size() - 2) == "\xC2\xA0")
      text.remove_suffix(2);
    else
      break;
  }
  return text;
}

}  // namespace

NumberReading read_number(std::string_view input) {
  NumberReading out;
  std::string_view text = trim(input);
  if (text.empty()) {
    out.error = "expected a number, found nothing";
    return out;
  }
  std::size_t i = 0;
  bool negative = false;
  if (std::size_t m = minus_sign(text)) {
    negative = true;
    i = m;
  } else if (text[0] == '+') {
    i = 1;
  }
  i128 units = 0;
  int scale = 0;
  bool overflow = false;
  auto push_digit = [&](char c) {
    if (overflow) return;  // keep reading to validate the rest, but stop growing
    units = units * 10 + (c - '0');
    if (units > std::numeric_limits<std::int64_t>::max()) overflow = true;
  };
  // Integer part: digit groups, optionally separated by a space kind or '_' in threes.
  std::size_t group_length = 0;
  std::size_t total_digits = 0;
  bool grouped = false;
  while (i < text.size()) {
    if (is_digit(text[i])) {
      push_digit(text[i]);
      ++group_length;
      ++total_digits;
      ++i;
      continue;
    }
    std::size_t sep = text[i] == '_' ? 1 : group_separator(text, i);
    if (sep && total_digits > 0 && i + sep < text.size() && is_digit(text[i + sep])) {
      if ((grouped && group_length != 3) || (!grouped && group_length > 3)) {
        out.error = "digit groups must have three digits, as in 62 500";
        return out;
      }
      grouped = true;
      group_length = 0;
      i += sep;
      continue;
    }
    break;
  }
  if (total_digits == 0) {
    out.error = "expected a number";
    return out;
  }
  if (grouped && group_length != 3) {
    out.error = "digit groups must have three digits, as in 62 500";
    return out;
  }
  if (i < text.size() && (text[i] == ',' || text[i] == '.') && i + 1 < text.size() && is_digit(text[i + 1])) {
    ++i;
    while (i < text.size() && is_digit(text[i])) {
      if (scale == Decimal::max_scale) {
        out.error = fmt::format("more than {} decimals", Decimal::max_scale);
        return out;
      }
      push_digit(text[i]);
      ++scale;
      ++i;
    }
  }
  // Optional percent sign, with or without a space before it.
  std::size_t after = i;
  while (after < text.size() && group_separator(text, after)) after += group_separator(text, after);
  if (after < text.size() && text[after] == '%') {
    out.percent = true;
    i = after + 1;
  }
  if (i != text.size()) {
    const char c = text[i];
    if (c == ',' || c == '.')
      out.error = fmt::format("unexpected '{}' after the number", c);
    else if ((c == 'e' || c == 'E') && i + 1 < text.size() &&
             (std::isdigit(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '-' ||
              text[i + 1] == '+'))
      out.error = "exponents (1e6) are not read: write the number out as the report does";
    else if (c == 'x' && text.substr(0, i) == "0")
      out.error = "hexadecimal numbers are not read: write the number in decimal";
    else
      out.error = "unexpected text after the number";
    return out;
  }
  if (overflow) {
    out.error = "number is too large";
    return out;
  }
  auto value = static_cast<std::int64_t>(units);
  out.number = Decimal::from_units(negative ? -value : value, scale);
  return out;
}

std::string_view absence_marker(Absence absence) {
  switch (absence) {
    case Absence::blank:
      return "";
    case Absence::no_data:
      return "I.U.";
    case Absence::not_applicable:
      return "N/A";
    case Absence::pending:
      return "Q";
    case Absence::not_published:
      return "..";
    case Absence::confidential:
      return "x";
  }
  return "";
}

std::string_view to_string(Absence absence) {
  switch (absence) {
    case Absence::blank:
      return "blank";
    case Absence::no_data:
      return "no_data";
    case Absence::not_applicable:
      return "not_applicable";
    case Absence::pending:
      return "pending";
    case Absence::not_published:
      return "not_published";
    case Absence::confidential:
      return "confidential";
  }
  return "blank";
}

std::string format_sv(const Decimal& number) {
  std::string plain = number.to_string();  // "-1462.5"
  const bool negative = !plain.empty() && plain[0] == '-';
  if (negative) plain.erase(0, 1);
  const auto point = plain.find('.');
  std::string integer = plain.substr(0, point);
  std::string out;
  // The report groups every number of four digits or more: "1 462", "62 500".
  for (std::size_t k = 0; k < integer.size(); ++k) {
    if (k > 0 && (integer.size() - k) % 3 == 0) out += ' ';
    out += integer[k];
  }
  if (point != std::string::npos) out += "," + plain.substr(point + 1);
  const bool zero = number.is_zero();
  return (negative && !zero) ? "\xE2\x88\x92" + out : out;
}

std::string format_sv_signed(const Decimal& number) {
  if (number.is_zero() || number.is_negative()) return format_sv(number);
  return "+" + format_sv(number);
}

std::string Period::to_string() const {
  return full_year ? fmt::format("{}", year) : fmt::format("{}-{:02}", year, month);
}

std::optional<Period> parse_period(std::string_view text) {
  auto digits = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (text.size() == 4 && digits(text)) {
    return Period{std::stoi(std::string(text)), 12, true};
  }
  if (text.size() == 7 && text[4] == '-' && digits(text.substr(0, 4)) && digits(text.substr(5))) {
    const int month = std::stoi(std::string(text.substr(5)));
    if (month < 1 || month > 12) return std::nullopt;
    return Period{std::stoi(std::string(text.substr(0, 4))), month, false};
  }
  return std::nullopt;
}

std::optional<Value> read_cell(std::string_view text, Span span, bool target_column, std::string& error) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  Value v;
  v.span = span;
  v.text = std::string(text);
  if (text.empty()) return v;  // blank
  auto absent = [&](Absence why) {
    v.absence = why;
    return v;
  };
  if (text == "I.U." || text == "i.u." || text == "IU" || text == "I.U") return absent(Absence::no_data);
  if (text == "N/A" || text == "n/a" || text == "-" || text == "\xE2\x80\x93" || text == "\xE2\x80\x94")
    return absent(Absence::not_applicable);
  if (text == ".." || text == "ej publicerad") return absent(Absence::not_published);
  if (text == "x" || text == "X" || text == "sekretess") return absent(Absence::confidential);
  if (target_column && text.size() == 2 && (text[0] == 'Q' || text[0] == 'q') && text[1] >= '1' &&
      text[1] <= '4')
    return absent(Absence::pending);
  const NumberReading reading = read_number(text);
  if (reading.number) {
    v.kind = Value::Kind::number;
    v.number = *reading.number;
    v.percent = reading.percent;
    return v;
  }
  if (target_column) {  // "Nollresultat", "<5 %": kept as written
    v.kind = Value::Kind::text;
    return v;
  }
  error = fmt::format("cannot read '{}' as a number: {}", text, reading.error);
  return std::nullopt;
}

std::optional<Decimal> read_plain_decimal(std::string_view text) {
  std::size_t i = text.starts_with('-') ? 1 : 0;
  std::int64_t units = 0;
  int digits = 0, scale = 0;
  for (; i < text.size() && is_digit(text[i]); ++i, ++digits) {
    if (digits == 18) return std::nullopt;  // could overflow: read_number decides
    units = units * 10 + (text[i] - '0');
  }
  if (digits == 0) return std::nullopt;
  if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
    for (++i; i < text.size() && is_digit(text[i]) && scale < Decimal::max_scale; ++i, ++scale) {
      if (digits + scale == 18) return std::nullopt;  // could overflow: read_number decides
      units = units * 10 + (text[i] - '0');
    }
    if (scale == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  return Decimal::from_units(text.starts_with('-') ? -units : units, scale);
}

std::optional<Value> read_plain_number(std::string_view text, Span span) {
  const std::optional<Decimal> number = read_plain_decimal(text);
  if (!number) return std::nullopt;
  Value v;
  v.kind = Value::Kind::number;
  v.number = *number;
  v.text = std::string(text);
  v.span = span;
  return v;
}

bool dot_may_group_thousands(std::string_view text) {
  std::size_t i = text.starts_with('-') ? 1 : 0;
  const std::size_t lead = i;
  const auto digit = [&](std::size_t k) { return text[k] >= '0' && text[k] <= '9'; };
  while (i < text.size() && digit(i)) ++i;
  if (i == lead || i - lead > 3 || i == text.size() || text[lead] == '0') return false;  // 0.125 is a decimal
  if (text[i] != '.' || i + 4 != text.size()) return false;
  for (std::size_t k = i + 1; k < i + 4; ++k) {
    if (!digit(k)) return false;
  }
  return true;
}

}  // namespace attain
