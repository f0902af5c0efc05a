// libFuzzer target: the number reader (Swedish formats) and exact decimal arithmetic.
// Input: two texts separated by a line break. Each is read as a number and as a dataset
// cell; what reads must read back the same from its canonical and its Swedish form, and
// the arithmetic must be exact or say it overflowed (UBSan sees any signed overflow).
// docs/fuzzing.md.

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "attain/value.hpp"
#include "fuzz_common.hpp"

namespace {

using attain::Decimal;

void round_trip(const Decimal& n) {
  using attain::fuzz::require;
  const attain::NumberReading canonical = attain::read_number(n.to_string());
  require(canonical.number && *canonical.number == n, "to_string does not read back");
  const attain::NumberReading swedish = attain::read_number(attain::format_sv(n));
  require(swedish.number && *swedish.number == n, "format_sv does not read back");
  attain::fuzz::use(attain::format_sv_signed(n));
  require(n.trimmed() == n, "trimmed changes the value");
}

void arithmetic(const Decimal& a, const Decimal& b) {
  using attain::fuzz::require;
  if (const auto sum = a.plus(b)) {
    const auto back = sum->minus(b);
    require(!back || *back == a, "(a + b) - b != a");
    require((b.is_negative() || *sum >= a) && (!b.is_negative() || *sum < a),
            "a + b is on the wrong side of a");
  }
  if (const auto product = a.times(b)) attain::fuzz::use(product->to_string());
  if (const auto quotient = a.divided_by(b, 4)) attain::fuzz::use(quotient->to_string());
  if (const auto scaled = a.scaled_by(3, 12, 2)) attain::fuzz::use(scaled->to_string());
  const auto order = a <=> b;
  require((b <=> a) == (0 <=> order), "comparison is not antisymmetric");
  const auto scaled_order = Decimal::compare_scaled(a, 1, b, 1);
  require(scaled_order == order, "compare_scaled(a, 1, b, 1) differs from a <=> b");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t cut = input.find('\n');
  const std::string_view first = input.substr(0, cut);
  const std::string_view second = cut == std::string_view::npos ? std::string_view{} : input.substr(cut + 1);
  std::optional<Decimal> numbers[2];
  int i = 0;
  for (const std::string_view text : {first, second}) {
    const attain::NumberReading reading = attain::read_number(text);
    attain::fuzz::require(reading.number.has_value() == reading.error.empty(),
                          "a reading has both or neither");
    if (reading.number) round_trip(*reading.number);
    numbers[i++] = reading.number;
    for (const bool target_column : {false, true}) {
      std::string error;
      const auto cell = attain::read_cell(text, attain::Span{}, target_column, error);
      attain::fuzz::require(cell.has_value() == error.empty(),
                            "a cell has both a value and an error, or neither");
    }
  }
  if (numbers[0] && numbers[1]) arithmetic(*numbers[0], *numbers[1]);
  return 0;
}
