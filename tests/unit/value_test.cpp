// Decimal arithmetic, reading numbers the way Swedish reports write them, and the
// Swedish number format.

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "attain/value.hpp"

namespace attain {
namespace {

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();

Decimal dec(std::int64_t units, int scale) {
  return Decimal::from_units(units, scale);
}

// The number read from `text`; fails the test if it cannot be read.
Decimal read(std::string_view text) {
  const NumberReading r = read_number(text);
  EXPECT_TRUE(r.number.has_value()) << "'" << text << "': " << r.error;
  return r.number.value_or(Decimal{});
}

// Expects `text` to be rejected with exactly `error`.
void expect_rejected(std::string_view text, std::string_view error) {
  const NumberReading r = read_number(text);
  EXPECT_FALSE(r.number.has_value()) << "'" << text << "' was read as " << r.number->to_string();
  EXPECT_EQ(r.error, error) << "for '" << text << "'";
}

// --- read_number: accepted forms ---------------------------------------------------

// read_plain_number is read_cell's shortcut: wherever it answers, read_cell answers the
// same, and it answers for the plain numbers JSON and YAML datasets are full of.
void expect_as_read_cell(const std::string& text) {
  const Span span{1, 10, static_cast<std::uint32_t>(10 + text.size())};
  const std::optional<Value> fast = read_plain_number(text, span);
  if (!fast) return;
  std::string error;
  const std::optional<Value> slow = read_cell(text, span, false, error);
  ASSERT_TRUE(slow) << "'" << text << "': " << error;
  EXPECT_EQ(fast->kind, slow->kind) << text;
  EXPECT_EQ(fast->number.units(), slow->number.units()) << text;
  EXPECT_EQ(fast->number.scale(), slow->number.scale()) << text;
  EXPECT_EQ(fast->percent, slow->percent) << text;
  EXPECT_EQ(fast->absence, slow->absence) << text;
  EXPECT_EQ(fast->text, slow->text) << text;
  EXPECT_EQ(fast->span, slow->span) << text;
}

TEST(ReadPlainNumberTest, AnswersForPlainNumbersAsReadCellDoes) {
  for (const char* text :
       {"0", "-0", "7", "-143", "9.9", "5,5", "0.125", "1.000", "-0,5", "007", "12.50", "123456789012345678",
        "-123456789012345678", "123456789.123456789", "0.123456789"}) {
    ASSERT_TRUE(read_plain_number(text, {})) << text;
    expect_as_read_cell(text);
  }
  EXPECT_EQ(read_plain_number("9.90", {})->number.scale(), 2);
  EXPECT_EQ(read_plain_number("-143", {})->number.units(), -143);
}

TEST(ReadPlainNumberTest, LeavesEverythingElseToReadCell) {
  for (const char* text : {"",
                           "-",
                           "1.",
                           ".5",
                           "1,5 %",
                           "62 500",
                           "1e6",
                           "+5",
                           "\xE2\x88\x92"
                           "143",
                           "I.U.",
                           "N/A",
                           " 5",
                           "5 ",
                           "1234567890123456789",
                           "99999999999999999999",
                           "-9223372036854775808",
                           "0.1234567890",
                           "12345678901.12345678",
                           "5,5,5",
                           "0x10",
                           "1_000",
                           "Q3"}) {
    EXPECT_FALSE(read_plain_number(text, {})) << text;
  }
}

TEST(ReadPlainNumberTest, AgreesWithReadCellOnEveryShortMixOfDigitsAndSeparators) {
  // Every string of up to six characters from these: what the shortcut takes, read_cell
  // reads the same way.
  const std::string alphabet = "0159-.,% ";
  std::vector<std::string> texts{""};
  for (int length = 1; length <= 6; ++length) {
    std::vector<std::string> longer;
    for (const std::string& t : texts) {
      if (static_cast<int>(t.size()) != length - 1) continue;
      for (char c : alphabet) longer.push_back(t + c);
    }
    texts.insert(texts.end(), longer.begin(), longer.end());
  }
  std::size_t taken = 0;
  for (const std::string& t : texts) {
    if (read_plain_number(t, {})) ++taken;
    expect_as_read_cell(t);
  }
  EXPECT_GT(taken, 1000u);
}

TEST(ReadNumberTest, ReadsDecimalComma) {
  const Decimal d = read("5,5");
  EXPECT_EQ(d.units(), 55);
  EXPECT_EQ(d.scale(), 1);
  EXPECT_FALSE(read_number("5,5").percent);
  EXPECT_TRUE(read_number("5,5").error.empty());
}

TEST(ReadNumberTest, ReadsDecimalPoint) {
  const Decimal d = read("99.1");
  EXPECT_EQ(d.units(), 991);
  EXPECT_EQ(d.scale(), 1);
}

TEST(ReadNumberTest, ReadsDigitGroupsSeparatedBySpace) {
  EXPECT_EQ(read("62 500").units(), 62500);
  EXPECT_EQ(read("62 500").scale(), 0);
  EXPECT_EQ(read("1 462").units(), 1462);
  EXPECT_EQ(read("1 234 567").units(), 1234567);
}

TEST(ReadNumberTest, ReadsDigitGroupsSeparatedByNoBreakAndThinSpaces) {
  EXPECT_EQ(read("62\u00A0500").units(), 62500);  // no-break space
  EXPECT_EQ(read("62\u2009500").units(), 62500);  // thin space
  EXPECT_EQ(read("62\u202F500").units(), 62500);  // narrow no-break space
}

TEST(ReadNumberTest, ReadsUnderscoreGroupsAsInRules) {
  EXPECT_EQ(read("220_000").units(), 220000);
  EXPECT_EQ(read("1_000_000").units(), 1000000);
}

TEST(ReadNumberTest, ReadsPercentWithAndWithoutSpace) {
  const NumberReading spaced = read_number("91 %");
  ASSERT_TRUE(spaced.number);
  EXPECT_EQ(*spaced.number, Decimal::integer(91));
  EXPECT_TRUE(spaced.percent);

  const NumberReading tight = read_number("0%");
  ASSERT_TRUE(tight.number);
  EXPECT_TRUE(tight.number->is_zero());
  EXPECT_TRUE(tight.percent);

  const NumberReading decimal = read_number("6,5 %");
  ASSERT_TRUE(decimal.number);
  EXPECT_EQ(decimal.number->units(), 65);
  EXPECT_EQ(decimal.number->scale(), 1);
  EXPECT_TRUE(decimal.percent);
}

TEST(ReadNumberTest, ReadsHyphenMinus) {
  EXPECT_EQ(read("-143").units(), -143);
  EXPECT_EQ(read("-1 462").units(), -1462);
}

TEST(ReadNumberTest, ReadsUnicodeMinusSign) {
  EXPECT_EQ(read("\u2212"
                 "143")
                .units(),
            -143);
  EXPECT_EQ(read("\u2212"
                 "5,5")
                .units(),
            -55);
}

TEST(ReadNumberTest, ReadsEnDashAsMinus) {
  EXPECT_EQ(read("\u2013"
                 "143")
                .units(),
            -143);
}

TEST(ReadNumberTest, ReadsLeadingPlus) {
  EXPECT_EQ(read("+15 000").units(), 15000);
}

TEST(ReadNumberTest, KeepsTheWrittenScale) {
  const Decimal d = read("0,20");
  EXPECT_EQ(d.units(), 20);
  EXPECT_EQ(d.scale(), 2);
  EXPECT_EQ(d.to_string(), "0.20");
  EXPECT_EQ(read("12,48").to_string(), "12.48");
}

TEST(ReadNumberTest, TrimsSpacesTabsAndNoBreakSpacesAround) {
  EXPECT_EQ(read("  5,5\t").units(), 55);
  EXPECT_EQ(read("\u00A0"
                 "42"
                 "\u00A0")
                .units(),
            42);
}

TEST(ReadNumberTest, ReadsNineDecimals) {
  const Decimal d = read("0,123456789");
  EXPECT_EQ(d.units(), 123456789);
  EXPECT_EQ(d.scale(), 9);
}

TEST(ReadNumberTest, ReadsTheLargestInt64) {
  EXPECT_EQ(read("9223372036854775807").units(), int64_max);
}

// --- read_number: rejections with their error text --------------------------------

TEST(ReadNumberTest, RejectsTwoDecimalCommas) {
  expect_rejected("5,5,5", "unexpected ',' after the number");
}

TEST(ReadNumberTest, RejectsTrailingDecimalPoint) {
  expect_rejected("5.", "unexpected '.' after the number");
}

TEST(ReadNumberTest, RejectsEmptyText) {
  expect_rejected("", "expected a number, found nothing");
  expect_rejected("   ", "expected a number, found nothing");
}

TEST(ReadNumberTest, RejectsWords) {
  expect_rejected("abc", "expected a number");
  expect_rejected("NaN", "expected a number");
  expect_rejected("inf", "expected a number");
  expect_rejected("-", "expected a number");
}

TEST(ReadNumberTest, RejectsExponent) {
  expect_rejected("1e999", "exponents (1e6) are not read: write the number out as the report does");
  expect_rejected("1E3", "exponents (1e6) are not read: write the number out as the report does");
  expect_rejected("2,5e-3", "exponents (1e6) are not read: write the number out as the report does");
  expect_rejected("1 e", "unexpected text after the number");
}

TEST(ReadNumberTest, RejectsHexadecimal) {
  expect_rejected("0x10", "hexadecimal numbers are not read: write the number in decimal");
}

TEST(ReadNumberTest, RejectsTextAfterPercent) {
  expect_rejected("91 % ok", "unexpected text after the number");
}

TEST(ReadNumberTest, RejectsBadDigitGrouping) {
  expect_rejected("12 34", "digit groups must have three digits, as in 62 500");
  expect_rejected("1234 567", "digit groups must have three digits, as in 62 500");
  expect_rejected("1 2345", "digit groups must have three digits, as in 62 500");
  expect_rejected("1_00", "digit groups must have three digits, as in 62 500");
}

TEST(ReadNumberTest, RejectsTooLargeNumbers) {
  expect_rejected("1234567890123456789012345", "number is too large");
  expect_rejected("9223372036854775808", "number is too large");
}

// Regression: read_number overflowed its 128-bit accumulator on 39 or more digits
// (undefined behaviour, caught by the sanitizer build); it stops growing once too large.
TEST(ReadNumberTest, RejectsVeryLongNumbersWithoutOverflow) {
  expect_rejected(std::string(45, '9'), "number is too large");
  expect_rejected("-" + std::string(60, '1'), "number is too large");
}

TEST(ReadNumberTest, RejectsTenDecimals) {
  expect_rejected("0,1234567890", "more than 9 decimals");
}

// --- Decimal ------------------------------------------------------------------------

TEST(DecimalTest, ComparesValuesNotRepresentations) {
  EXPECT_TRUE(dec(35, 1) <= dec(350, 2));
  EXPECT_TRUE(dec(35, 1) == dec(350, 2));
  EXPECT_TRUE(dec(50, 1) == Decimal::integer(5));
  EXPECT_TRUE(dec(35, 1) < dec(351, 2));
  EXPECT_TRUE(dec(-1, 0) < dec(-9, 1));
  EXPECT_FALSE(dec(35, 1) != dec(350, 2));
  EXPECT_EQ(dec(35, 1) <=> dec(34, 1), std::strong_ordering::greater);
}

TEST(DecimalTest, DefaultIsZero) {
  const Decimal d;
  EXPECT_TRUE(d.is_zero());
  EXPECT_FALSE(d.is_negative());
  EXPECT_EQ(d.to_string(), "0");
}

TEST(DecimalTest, PlusAndMinusAreExactAtTheLargerScale) {
  const auto sum = dec(15, 1).plus(dec(225, 2));
  ASSERT_TRUE(sum);
  EXPECT_EQ(sum->units(), 375);
  EXPECT_EQ(sum->scale(), 2);

  const auto difference = Decimal::integer(1).minus(dec(25, 2));
  ASSERT_TRUE(difference);
  EXPECT_EQ(difference->units(), 75);
  EXPECT_EQ(difference->scale(), 2);

  const auto back = dec(55, 1).minus(dec(35, 1));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->to_string(), "2.0");
}

TEST(DecimalTest, PlusOverflowGivesNullopt) {
  EXPECT_FALSE(Decimal::integer(int64_max).plus(Decimal::integer(1)));
  EXPECT_FALSE(Decimal::integer(int64_min).plus(Decimal::integer(-1)));
  // Rescaling to the other operand's scale overflows too.
  EXPECT_FALSE(Decimal::integer(int64_max / 10 + 1).plus(dec(1, 1)));
}

TEST(DecimalTest, MinusOverflowGivesNullopt) {
  EXPECT_FALSE(Decimal::integer(0).minus(Decimal::integer(int64_min)));
  EXPECT_FALSE(Decimal::integer(int64_min).minus(Decimal::integer(1)));
  // -1 - INT64_MAX is INT64_MIN, which cannot be negated: results stay negatable.
  EXPECT_FALSE(Decimal::integer(-1).minus(Decimal::integer(int64_max)));
  EXPECT_TRUE(Decimal::integer(0).minus(Decimal::integer(int64_max)));
}

TEST(DecimalTest, NegatedAndAbs) {
  EXPECT_EQ(dec(55, 1).negated().units(), -55);
  EXPECT_EQ(dec(-55, 1).abs().units(), 55);
  EXPECT_EQ(dec(55, 1).abs().units(), 55);
  EXPECT_EQ(dec(-55, 1).abs().scale(), 1);
}

TEST(DecimalTest, ScaledByProRatesExactly) {
  const auto quarter = Decimal::integer(220000).scaled_by(3, 12, 0);
  ASSERT_TRUE(quarter);
  EXPECT_EQ(quarter->units(), 55000);
  EXPECT_EQ(quarter->scale(), 0);

  const auto half = Decimal::integer(90).scaled_by(3, 12, 1);
  ASSERT_TRUE(half);
  EXPECT_EQ(half->units(), 225);
  EXPECT_EQ(half->scale(), 1);
}

TEST(DecimalTest, ScaledByRoundsToTheRequestedScale) {
  const auto r = Decimal::integer(1).scaled_by(5, 12, 1);  // 0,41666...
  ASSERT_TRUE(r);
  EXPECT_EQ(r->units(), 4);
  EXPECT_EQ(r->scale(), 1);
  EXPECT_EQ(Decimal::integer(1).scaled_by(7, 12, 1)->units(), 6);  // 0,5833... -> 0,6
}

TEST(DecimalTest, ScaledByRoundsHalfAwayFromZero) {
  EXPECT_EQ(Decimal::integer(1).scaled_by(1, 4, 1)->units(), 3);    // 0,25 -> 0,3
  EXPECT_EQ(Decimal::integer(-1).scaled_by(1, 4, 1)->units(), -3);  // -0,25 -> -0,3
  EXPECT_EQ(Decimal::integer(5).scaled_by(1, 2, 0)->units(), 3);    // 2,5 -> 3
  EXPECT_EQ(Decimal::integer(-5).scaled_by(1, 2, 0)->units(), -3);
  EXPECT_EQ(dec(125, 2).scaled_by(1, 1, 1)->units(), 13);  // 1,25 -> 1,3
  EXPECT_EQ(dec(124, 2).scaled_by(1, 1, 1)->units(), 12);
}

TEST(DecimalTest, ScaledByOverflowGivesNullopt) {
  EXPECT_FALSE(Decimal::integer(int64_max).scaled_by(2, 1, 0));
  EXPECT_FALSE(Decimal::integer(int64_max).scaled_by(1, 1, 1));
}

TEST(DecimalTest, CompareScaledComparesProducts) {
  // 62 500 * 12 against 220 000 * 3: 750 000 > 660 000.
  EXPECT_EQ(Decimal::compare_scaled(Decimal::integer(62500), 12, Decimal::integer(220000), 3),
            std::strong_ordering::greater);
  EXPECT_EQ(Decimal::compare_scaled(Decimal::integer(55000), 12, Decimal::integer(220000), 3),
            std::strong_ordering::equal);
  EXPECT_EQ(Decimal::compare_scaled(Decimal::integer(11), 12, Decimal::integer(90), 3),
            std::strong_ordering::less);
  // Mixed scales: 22,5 * 12 == 90 * 3.
  EXPECT_EQ(Decimal::compare_scaled(dec(225, 1), 12, Decimal::integer(90), 3), std::strong_ordering::equal);
}

TEST(DecimalTest, TrimmedRemovesTrailingZerosDownToMinScale) {
  const Decimal t = dec(1500, 3).trimmed();
  EXPECT_EQ(t.units(), 15);
  EXPECT_EQ(t.scale(), 1);
  const Decimal kept = dec(1500, 3).trimmed(2);
  EXPECT_EQ(kept.units(), 150);
  EXPECT_EQ(kept.scale(), 2);
  EXPECT_EQ(dec(0, 2).trimmed().scale(), 0);
  EXPECT_EQ(Decimal::integer(100).trimmed().units(), 100);
  EXPECT_EQ(dec(550000, 1).trimmed().to_string(), "55000");
}

TEST(DecimalTest, ToStringIsTheCanonicalMachineForm) {
  EXPECT_EQ(Decimal::integer(-1462).to_string(), "-1462");
  EXPECT_EQ(dec(55, 1).to_string(), "5.5");
  EXPECT_EQ(dec(20, 2).to_string(), "0.20");
  EXPECT_EQ(dec(-5, 2).to_string(), "-0.05");
  EXPECT_EQ(dec(5, 9).to_string(), "0.000000005");
  EXPECT_EQ(Decimal::integer(int64_min).to_string(), "-9223372036854775808");
}

TEST(DecimalTest, ToDouble) {
  EXPECT_DOUBLE_EQ(dec(55, 1).to_double(), 5.5);
  EXPECT_DOUBLE_EQ(Decimal::integer(-143).to_double(), -143.0);
}

// --- Swedish number format ------------------------------------------------------------

TEST(FormatSvTest, GroupsThousandsWithASpace) {
  EXPECT_EQ(format_sv(Decimal::integer(62500)), "62 500");
  EXPECT_EQ(format_sv(Decimal::integer(1462)), "1 462");
  EXPECT_EQ(format_sv(Decimal::integer(999)), "999");
  EXPECT_EQ(format_sv(Decimal::integer(1234567)), "1 234 567");
  EXPECT_EQ(format_sv(Decimal::integer(100000)), "100 000");
}

TEST(FormatSvTest, WritesTheUnicodeMinusSign) {
  EXPECT_EQ(format_sv(Decimal::integer(-143)),
            "\u2212"
            "143");
  EXPECT_EQ(format_sv(dec(-14625, 1)),
            "\u2212"
            "1 462,5");
  EXPECT_EQ(format_sv(dec(-5, 2)),
            "\u2212"
            "0,05");
}

TEST(FormatSvTest, WritesTheDecimalComma) {
  EXPECT_EQ(format_sv(dec(55, 1)), "5,5");
  EXPECT_EQ(format_sv(dec(20, 2)), "0,20");
  EXPECT_EQ(format_sv(dec(12345678, 3)), "12 345,678");
}

TEST(FormatSvTest, WritesZero) {
  EXPECT_EQ(format_sv(Decimal::integer(0)), "0");
  EXPECT_EQ(format_sv(dec(0, 1)), "0,0");
}

TEST(FormatSvTest, SignedAddsAPlusToPositiveNumbersOnly) {
  EXPECT_EQ(format_sv_signed(Decimal::integer(1780)), "+1 780");
  EXPECT_EQ(format_sv_signed(Decimal::integer(-143)),
            "\u2212"
            "143");
  EXPECT_EQ(format_sv_signed(Decimal::integer(0)), "0");
  EXPECT_EQ(format_sv_signed(dec(5, 1)), "+0,5");
}

TEST(AbsenceTest, MarkersAsWritten) {
  EXPECT_EQ(absence_marker(Absence::no_data), "I.U.");
  EXPECT_EQ(absence_marker(Absence::not_applicable), "N/A");
  EXPECT_EQ(absence_marker(Absence::blank), "");
}

TEST(ValueTest, DefaultIsABlankAbsentCell) {
  const Value v;
  EXPECT_EQ(v.kind, Value::Kind::absent);
  EXPECT_EQ(v.absence, Absence::blank);
  EXPECT_FALSE(v.is_number());
}

}  // namespace
}  // namespace attain
