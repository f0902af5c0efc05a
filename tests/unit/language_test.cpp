// The language features after the first release: tolerance bands (`within`, verdict
// near), `precision`, `weight` and group roll-ups; comparisons over time and relative
// targets; the absence markers '..' and 'x'; rule families, named constants and
// metadata; monthly profiles for annual targets; colour bands and their coverage proof;
// breakdown roll-ups and gap checks; division by zero in the data (W0306); and the
// syntax (E0133-E0154) and check (E0231-E0245) errors that come with them.

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "attain/render.hpp"
#include "grammar/errors.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

using test::one_indicator;
using test::Session;
using test::Single;
using test::small_dataset;
using test::SyntaxError;
using Json = nlohmann::json;

Decimal dec(std::int64_t units, int scale) {
  return Decimal::from_units(units, scale);
}

// The verdict of `properties` with the Mars 2020 cell `value` (2019 and Målvärde blank).
Verdict verdict_of(std::string_view properties, std::string_view value) {
  Single s(properties, "[null, " + std::string(value) + ", null]");
  EXPECT_TRUE(s.results) << s.session.rendered();
  return s.results ? s.item().verdict : Verdict::error;
}

// The commentary sentence of indicator `x` ("Mått") with `properties` against the cells
// 2019, Mars 2020 and Målvärde in `values`.
std::string sentence(std::string_view properties, std::string_view values) {
  Single s(properties, values);
  EXPECT_TRUE(s.results) << s.session.rendered();
  if (!s.results) return "(no results)";
  return write_commentary(*s.results).items.at(0);
}

// A row of small_dataset with the Mars 2020 cell `now` (2019 and Målvärde blank).
std::string row(std::string_view id, std::string_view now) {
  return "      " + std::string(id) + ": {values: [null, " + std::string(now) + ", null]}\n";
}

// An indicator `id` (named as its id) reading t.<id>, with `properties` on one line.
std::string indicator(std::string_view id, std::string_view properties) {
  return "  indicator " + std::string(id) + " \"" + std::string(id) + "\" { data t." + std::string(id) + " " +
         std::string(properties) + " }\n";
}

// Runs every stage up to the commentary; JSON and text on demand.
struct Pipeline {
  Pipeline(std::string rules, std::string yaml) {
    results = s.run(std::move(rules), std::move(yaml));
    EXPECT_TRUE(results) << s.rendered();
    if (results) commentary = write_commentary(*results);
  }
  const ItemResult& item(std::string_view id) const {
    for (const ItemResult& r : results.value().items) {
      if (r.id == id) return r;
    }
    throw std::runtime_error("no item " + std::string(id));
  }
  std::string sentence(std::string_view id) const {
    const auto& items = results.value().items;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].id == id) return commentary.items.at(i);
    }
    return "(no item)";
  }
  Json json() const {
    return Json::parse(render_json(*results, commentary, s.sources, s.sink.diagnostics()));
  }
  std::string text() const { return render_text(*results, commentary, s.sources, RenderOptions{false}); }
  Session s;
  std::optional<Results> results;
  Commentary commentary;
};

const std::vector<std::string> no_help;

// Checks rules that must be rejected by the checker (the parse succeeds).
struct CheckError {
  explicit CheckError(std::string text) { EXPECT_FALSE(s.check(std::move(text))); }
  std::vector<std::string> helps(std::string_view code) const {
    const Diagnostic* d = s.find(code);
    return d ? test::helps(*d) : std::vector<std::string>{"(no " + std::string(code) + ")"};
  }
  std::vector<std::string> notes(std::string_view code) const {
    const Diagnostic* d = s.find(code);
    return d ? test::notes(*d) : std::vector<std::string>{"(no " + std::string(code) + ")"};
  }
  Session s;
};

// ============================================================================================
// Tolerance bands: `within N` and `within N % of target` give the verdict near
// ============================================================================================

TEST(LanguageNearTest, AbsoluteBandBelowAGreaterOrEqualBound) {
  EXPECT_EQ(verdict_of("    target >= 92 within 1\n", "92"), Verdict::met);
  EXPECT_EQ(verdict_of("    target >= 92 within 1\n", "91"), Verdict::near);
  EXPECT_EQ(verdict_of("    target >= 92 within 1\n", "\"91,5\""), Verdict::near);
  EXPECT_EQ(verdict_of("    target >= 92 within 1\n", "\"90,9\""), Verdict::not_met);
  EXPECT_EQ(verdict_of("    target >= 92 within 0,5\n", "\"91,5\""), Verdict::near);
  EXPECT_EQ(verdict_of("    target >= 92 within 0,5\n", "\"91,49\""), Verdict::not_met);
}

TEST(LanguageNearTest, AbsoluteBandAboveALessOrEqualBound) {
  EXPECT_EQ(verdict_of("    target <= 3,5 within 0,5\n", "\"3,5\""), Verdict::met);
  EXPECT_EQ(verdict_of("    target <= 3,5 within 0,5\n", "4"), Verdict::near);
  EXPECT_EQ(verdict_of("    target <= 3,5 within 0,5\n", "\"4,01\""), Verdict::not_met);
  // A value on the good side is met, however far from the bound.
  EXPECT_EQ(verdict_of("    target <= 3,5 within 0,5\n", "\"-10\""), Verdict::met);
}

TEST(LanguageNearTest, StrictBoundsAreNearOnTheBoundAndWithinTheBand) {
  EXPECT_EQ(verdict_of("    target > 5 within 1\n", "5"), Verdict::near);
  EXPECT_EQ(verdict_of("    target > 5 within 1\n", "4"), Verdict::near);
  EXPECT_EQ(verdict_of("    target > 5 within 1\n", "\"3,9\""), Verdict::not_met);
  EXPECT_EQ(verdict_of("    target > 5 within 1\n", "\"5,1\""), Verdict::met);
  EXPECT_EQ(verdict_of("    target < 5 within 1\n", "5"), Verdict::near);
  EXPECT_EQ(verdict_of("    target < 5 within 1\n", "6"), Verdict::near);
  EXPECT_EQ(verdict_of("    target < 5 within 1\n", "\"6,1\""), Verdict::not_met);
}

TEST(LanguageNearTest, EqualsIsNearOnBothSides) {
  EXPECT_EQ(verdict_of("    target = 100 within 2\n", "100"), Verdict::met);
  EXPECT_EQ(verdict_of("    target = 100 within 2\n", "98"), Verdict::near);
  EXPECT_EQ(verdict_of("    target = 100 within 2\n", "102"), Verdict::near);
  EXPECT_EQ(verdict_of("    target = 100 within 2\n", "97"), Verdict::not_met);
  EXPECT_EQ(verdict_of("    target = 100 within 2\n", "\"102,01\""), Verdict::not_met);
}

TEST(LanguageNearTest, ZeroBandIsNeverNear) {
  EXPECT_EQ(verdict_of("    target >= 92 within 0\n", "92"), Verdict::met);
  EXPECT_EQ(verdict_of("    target >= 92 within 0\n", "\"91,99\""), Verdict::not_met);
}

TEST(LanguageNearTest, RelativeBandIsAShareOfTheBound) {
  // 5 % of 80 is 4.
  EXPECT_EQ(verdict_of("    target >= 80 within 5 % of target\n", "76"), Verdict::near);
  EXPECT_EQ(verdict_of("    target >= 80 within 5 % of target\n", "\"75,9\""), Verdict::not_met);
  // 10 % of 40 is 4.
  EXPECT_EQ(verdict_of("    target <= 40 within 10 % of target\n", "44"), Verdict::near);
  EXPECT_EQ(verdict_of("    target <= 40 within 10 % of target\n", "\"44,1\""), Verdict::not_met);
  // 2,5 % of 90 is 2,25: exact, no rounding of the band.
  EXPECT_EQ(verdict_of("    target >= 90 within 2,5 % of target\n", "\"87,75\""), Verdict::near);
  EXPECT_EQ(verdict_of("    target >= 90 within 2,5 % of target\n", "\"87,74\""), Verdict::not_met);
}

TEST(LanguageNearTest, RelativeBandOfANegativeBoundUsesItsSize) {
  // 10 % of -20 is a band of 2.
  EXPECT_EQ(verdict_of("    target >= -20 within 10 % of target\n", "\"-22\""), Verdict::near);
  EXPECT_EQ(verdict_of("    target >= -20 within 10 % of target\n", "\"-22,1\""), Verdict::not_met);
}

TEST(LanguageNearTest, RangeIsNearOutsideEitherBound) {
  EXPECT_EQ(verdict_of("    target 90..100 within 2\n", "95"), Verdict::met);
  EXPECT_EQ(verdict_of("    target 90..100 within 2\n", "88"), Verdict::near);
  EXPECT_EQ(verdict_of("    target 90..100 within 2\n", "102"), Verdict::near);
  EXPECT_EQ(verdict_of("    target 90..100 within 2\n", "\"87,9\""), Verdict::not_met);
  EXPECT_EQ(verdict_of("    target 90..100 within 2\n", "\"102,1\""), Verdict::not_met);
}

TEST(LanguageNearTest, RelativeBandOfARangeIsTakenFromTheNearerBound) {
  // Below: 10 % of 90 = 9; above: 10 % of 100 = 10.
  EXPECT_EQ(verdict_of("    target 90..100 within 10 % of target\n", "81"), Verdict::near);
  EXPECT_EQ(verdict_of("    target 90..100 within 10 % of target\n", "\"80,9\""), Verdict::not_met);
  EXPECT_EQ(verdict_of("    target 90..100 within 10 % of target\n", "110"), Verdict::near);
  EXPECT_EQ(verdict_of("    target 90..100 within 10 % of target\n", "\"110,1\""), Verdict::not_met);
}

TEST(LanguageNearTest, NearKeepsReferenceAndGap) {
  Single s("    target 90..100 within 2\n", "[null, 88, null]");
  ASSERT_TRUE(s.results) << s.session.rendered();
  EXPECT_EQ(s.item().verdict, Verdict::near);
  EXPECT_EQ(s.item().reference, Decimal::integer(90));
  EXPECT_EQ(s.item().gap, Decimal::integer(-2));
  EXPECT_EQ(s.item().target.band, Decimal::integer(2));
  EXPECT_FALSE(s.item().target.band_relative);
}

TEST(LanguageNearTest, AnnualBandIsProRatedWithTheTarget) {
  // 3 of 12 months: expected 30 of 120, and the band 12 shrinks to 3.
  EXPECT_EQ(verdict_of("    target >= 120 annual within 12\n", "30"), Verdict::on_track);
  EXPECT_EQ(verdict_of("    target >= 120 annual within 12\n", "27"), Verdict::near);
  EXPECT_EQ(verdict_of("    target >= 120 annual within 12\n", "\"26,9\""), Verdict::behind);
  EXPECT_EQ(verdict_of("    target <= 120 annual within 12\n", "33"), Verdict::near);
  EXPECT_EQ(verdict_of("    target <= 120 annual within 12\n", "\"33,1\""), Verdict::behind);
}

TEST(LanguageNearTest, AnnualRelativeBandIsAShareOfTheProRatedTarget) {
  EXPECT_EQ(verdict_of("    target >= 120 annual within 10 % of target\n", "27"), Verdict::near);
  EXPECT_EQ(verdict_of("    target >= 120 annual within 10 % of target\n", "\"26,9\""), Verdict::behind);
}

TEST(LanguageNearTest, AnnualNearKeepsTheExpectation) {
  Single s("    target >= 120 annual within 12\n", "[null, 27, null]");
  ASSERT_TRUE(s.results) << s.session.rendered();
  EXPECT_EQ(s.item().reference, Decimal::integer(30));
  EXPECT_EQ(s.item().gap, Decimal::integer(-3));
  EXPECT_EQ(s.item().months_elapsed, 3);
}

TEST(LanguageNearTest, CommentaryNamesTheMargin) {
  EXPECT_EQ(
      sentence("    unit percent\n    target >= 92 within 1\n", "[90 %, 91 %, 92 %]"),
      "Mått: 91 % är 1 procentenhet under målvärdet 92 %, en förbättring från 90 % 2019. Målet är nästan "
      "uppfyllt (inom marginalen 1 procentenhet).");
  EXPECT_EQ(
      sentence("    unit percent\n    target <= 3,5 within 0,5\n", "[null, \"3,9\", null]"),
      "Mått: 3,9 % är 0,4 procentenheter över målvärdet 3,5 %. Målet är nästan uppfyllt (inom marginalen "
      "0,5 procentenheter).");
  EXPECT_EQ(
      sentence("    unit percent\n    target >= 80 within 5 % of target\n", "[null, 77 %, null]"),
      "Mått: 77 % är 3 procentenheter under målvärdet 80 %. Målet är nästan uppfyllt (inom marginalen 5 % "
      "av målvärdet).");
  EXPECT_EQ(sentence("    unit count\n    target 90..100 within 2\n", "[null, 101, null]"),
            "Mått: 101 är 1 över målvärdet 90–100. Målet är nästan uppfyllt (inom marginalen 2).");
}

TEST(LanguageNearTest, CommentaryOfAnAnnualNearValue) {
  EXPECT_EQ(sentence("    unit count\n    target >= 120 annual within 12\n", "[null, 27, null]"),
            "Mått: 27 hittills i år ligger nära årsmålet 120 (3 under förväntade 30 efter 3 av 12 månader).");
}

// A value exactly on the bound of > or < misses the target; with a band it is near, and
// the commentary should still say it lies on the limit, not that it reaches the target.
TEST(LanguageNearTest, NearOnAStrictBoundIsNotSaidToReachTheTarget) {
  EXPECT_EQ(
      sentence("    target > 5 within 1\n", "[null, 5, null]"),
      "Mått: 5 ligger precis på gränsen för målvärdet (över 5). Målet är nästan uppfyllt (inom marginalen "
      "1).");
}

TEST(LanguageNearTest, AnnualStrictBoundOnTheLineIsNearWithABand) {
  EXPECT_EQ(verdict_of("    target > 120 annual within 12\n", "30"), Verdict::near);
  EXPECT_EQ(verdict_of("    target > 120 annual\n", "30"), Verdict::behind);
  EXPECT_EQ(verdict_of("    target > 120 annual within 12\n", "\"30,1\""), Verdict::on_track);
}

TEST(LanguageNearTest, NearIsAShortfallInSummariesAndDeviations) {
  EXPECT_TRUE(is_shortfall(Verdict::near));
  EXPECT_EQ(to_string(Verdict::near), "near");
  EXPECT_EQ(verdict_label(Verdict::near), "nära målet");
  Pipeline r(one_indicator("    data t.r\n    target >= 92 within 1\n"), small_dataset(row("r", "91")));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.commentary.overall, "Totalt 1 mått: 1 nära målet.");
  EXPECT_EQ(r.commentary.deviations, std::vector<std::size_t>{0});
  const Json j = r.json();
  EXPECT_EQ(j["summary"]["counts"]["near"], 1);
  EXPECT_EQ(j["indicators"][0]["verdict"], "near");
  EXPECT_EQ(j["indicators"][0]["band"], 1);
  EXPECT_EQ(j["indicators"][0]["band_relative"], false);
  EXPECT_EQ(j["significant_deviations"][0]["verdict"], "near");
  EXPECT_NE(r.text().find("\xE2\x89\x88 nära målet"), std::string::npos) << r.text();
}

TEST(LanguageNearTest, JsonOfARelativeBand) {
  Pipeline r(one_indicator("    data t.r\n    target >= 80 within 2,5 % of target\n"),
             small_dataset(row("r", "79")));
  ASSERT_TRUE(r.results);
  const Json j = r.json();
  EXPECT_EQ(j["indicators"][0]["band"], 2.5);
  EXPECT_EQ(j["indicators"][0]["band_relative"], true);
  EXPECT_FALSE(j["indicators"][0].contains("precision"));
}

TEST(LanguageNearTest, BandIsParsedIntoTheTarget) {
  Session s;
  auto tree = s.parse(one_indicator("    target >= 92 within 5 % of target \"Minst 92\"\n"));
  ASSERT_TRUE(tree) << s.rendered();
  const ast::Target& t = tree->indicators.at(0).targets.at(0).value;
  EXPECT_EQ(t.band, Decimal::integer(5));
  EXPECT_TRUE(t.band_relative);
  EXPECT_EQ(t.text, "Minst 92");
}

TEST(LanguageNearTest, E0234NegativeBand) {
  // The grammar has no negative band; the checker still guards against one.
  Session s;
  auto tree = s.parse(one_indicator("    data t.r\n    target >= 92 within 1\n"));
  ASSERT_TRUE(tree) << s.rendered();
  tree->indicators.at(0).targets.at(0).value.band = Decimal::integer(-1);
  check_rules({*tree}, s.sink);
  EXPECT_DIAGNOSTIC(s, "E0234", "a band must not be negative", "test.rules:4:5");
  EXPECT_EQ(s.sink.error_count(), 1u) << s.rendered();
}

// ============================================================================================
// precision N: the value is rounded before it is compared
// ============================================================================================

TEST(LanguagePrecisionTest, RoundsHalfAwayFromZeroBeforeComparing) {
  Single s("    unit percent\n    precision 1\n    target >= 92\n", "[null, \"91,96 %\", null]");
  ASSERT_TRUE(s.results) << s.session.rendered();
  const ItemResult& r = s.item();
  EXPECT_EQ(r.verdict, Verdict::met);
  EXPECT_EQ(r.precision, 1);
  EXPECT_EQ(r.compared, dec(920, 1));
  EXPECT_EQ(r.compared->scale(), 1);
  EXPECT_EQ(r.unrounded, dec(9196, 2));
  EXPECT_EQ(r.gap, Decimal::integer(0));
  EXPECT_EQ(r.current->value.number, dec(9196, 2));  // the cell is kept as written
}

TEST(LanguagePrecisionTest, VerdictsAroundTheRoundingBoundary) {
  EXPECT_EQ(verdict_of("    precision 1\n    target >= 92\n", "\"91,95\""), Verdict::met);
  EXPECT_EQ(verdict_of("    precision 1\n    target >= 92\n", "\"91,949\""), Verdict::not_met);
  EXPECT_EQ(verdict_of("    precision 0\n    target >= 92\n", "\"91,5\""), Verdict::met);
  EXPECT_EQ(verdict_of("    precision 0\n    target >= 92\n", "\"91,49\""), Verdict::not_met);
  EXPECT_EQ(verdict_of("    precision 0\n    target <= 3\n", "\"3,49\""), Verdict::met);
  EXPECT_EQ(verdict_of("    precision 0\n    target <= 3\n", "\"3,5\""), Verdict::not_met);
  // Negative values round away from zero too: -0,05 is -0,1.
  EXPECT_EQ(verdict_of("    precision 1\n    target >= 0\n", "\"-0,05\""), Verdict::not_met);
  EXPECT_EQ(verdict_of("    precision 1\n    target >= -0,1\n", "\"-0,05\""), Verdict::met);
  EXPECT_EQ(verdict_of("    precision 1\n    target >= -0,04\n", "\"-0,05\""), Verdict::not_met);
}

TEST(LanguagePrecisionTest, ValueWithFewerDecimalsIsNotRounded) {
  Single s("    precision 2\n    target >= 92\n", "[null, \"91,5\", null]");
  ASSERT_TRUE(s.results) << s.session.rendered();
  EXPECT_EQ(s.item().compared, dec(915, 1));
  EXPECT_EQ(s.item().compared->scale(), 1);
  EXPECT_FALSE(s.item().unrounded);
}

TEST(LanguagePrecisionTest, RangesAndBandsCompareTheRoundedValue) {
  EXPECT_EQ(verdict_of("    precision 0\n    target 90..100\n", "\"100,4\""), Verdict::met);
  EXPECT_EQ(verdict_of("    precision 0\n    target 90..100\n", "\"100,5\""), Verdict::not_met);
  // 90,6 is 91 at no decimals, 1 below 92: near; unrounded it misses by 1,4.
  EXPECT_EQ(verdict_of("    precision 0\n    target >= 92 within 1\n", "\"90,6\""), Verdict::near);
  EXPECT_EQ(verdict_of("    target >= 92 within 1\n", "\"90,6\""), Verdict::not_met);
}

TEST(LanguagePrecisionTest, CommentaryShowsTheValueAsCompared) {
  EXPECT_EQ(sentence("    unit percent\n    precision 1\n    target >= 92\n", "[null, \"91,96 %\", null]"),
            "Mått: 92,0 % når målvärdet 92 %. Målet är uppfyllt.");
  EXPECT_EQ(sentence("    unit percent\n    precision 1\n    target >= 92\n", "[null, \"91,94 %\", null]"),
            "Mått: 91,9 % är 0,1 procentenheter under målvärdet 92 %. Målet är inte uppfyllt.");
}

TEST(LanguagePrecisionTest, BreakdownsInheritThePrecision) {
  Session s;
  auto results = s.run(one_indicator("    data t.r\n    precision 1\n    target >= 92\n"
                                     "    breakdown man \"Män\" data t.r.man\n"),
                       small_dataset("      r:\n        values: [null, 92, null]\n"
                                     "        rows: {man: {values: [null, \"91,95\", null]}}\n"));
  ASSERT_TRUE(results) << s.rendered();
  const ItemResult& man = results->items.at(0).breakdowns.at(0);
  EXPECT_EQ(man.precision, 1);
  EXPECT_EQ(man.compared, dec(920, 1));
  EXPECT_EQ(man.verdict, Verdict::met);
}

TEST(LanguagePrecisionTest, TrendUsesTheValueAsWritten) {
  Single s("    precision 1\n    target >= 92\n", "[92, \"91,96\", null]");
  ASSERT_TRUE(s.results) << s.session.rendered();
  EXPECT_EQ(s.item().verdict, Verdict::met);
  EXPECT_EQ(s.item().trend, Trend::worsened);
}

TEST(LanguagePrecisionTest, JsonShowsComparedAndUnroundedValues) {
  Pipeline r(one_indicator("    unit percent\n    data t.r\n    precision 1\n    target >= 92\n"),
             small_dataset(row("r", "\"91,96 %\"")));
  ASSERT_TRUE(r.results);
  const Json x = r.json()["indicators"][0];
  EXPECT_EQ(x["precision"], 1);
  EXPECT_EQ(x["compared_value"], 92.0);
  EXPECT_EQ(x["unrounded_value"], 91.96);
  EXPECT_EQ(x["value"], 91.96);
}

TEST(LanguagePrecisionTest, ComputedValuesDefaultToThePrintedPrecision) {
  // 10 / 3 = 3,3333: percent is compared with one decimal, plain numbers with two,
  // counts, tkr and kr whole.
  const std::string rows = row("r", "10");
  struct Case {
    const char* unit;
    int precision;
    Decimal compared;
  };
  for (const Case& c :
       {Case{"percent", 1, dec(33, 1)}, Case{"number", 2, dec(333, 2)}, Case{"count", 0, Decimal::integer(3)},
        Case{"tkr", 0, Decimal::integer(3)}, Case{"kr", 0, Decimal::integer(3)}, Case{"days", 2, dec(333, 2)},
        Case{"ratio", 2, dec(333, 2)}}) {
    Session s;
    auto results =
        s.run(one_indicator("    unit " + std::string(c.unit) + "\n    value t.r / 3\n    target >= 1\n"),
              small_dataset(rows));
    ASSERT_TRUE(results) << s.rendered();
    const ItemResult& r = results->items.at(0);
    EXPECT_EQ(r.precision, c.precision) << c.unit;
    EXPECT_EQ(r.compared, c.compared) << c.unit;
    EXPECT_EQ(r.unrounded, dec(33333, 4)) << c.unit;
  }
}

TEST(LanguagePrecisionTest, DefaultPrecisionDecidesAnExactTarget) {
  Session a;
  auto derived = a.run("area a \"A\" {\n  indicator x \"X\" { value t.r / 3 target = 3,33 }\n}\n",
                       small_dataset(row("r", "10")));
  ASSERT_TRUE(derived) << a.rendered();
  EXPECT_EQ(derived->items.at(0).verdict, Verdict::met);
  Session b;
  auto explicit_precision =
      b.run("area a \"A\" {\n  indicator x \"X\" { value t.r / 3 precision 3 target = 3,33 }\n}\n",
            small_dataset(row("r", "10")));
  ASSERT_TRUE(explicit_precision) << b.rendered();
  EXPECT_EQ(explicit_precision->items.at(0).compared, dec(3333, 3));
  EXPECT_EQ(explicit_precision->items.at(0).verdict, Verdict::not_met);
}

TEST(LanguagePrecisionTest, CountsRoundHalfUp) {
  Session s;
  auto results = s.run("area a \"A\" {\n  indicator x \"X\" { unit count value t.r / 4 target >= 3 }\n}\n",
                       small_dataset(row("r", "10")));
  ASSERT_TRUE(results) << s.rendered();
  EXPECT_EQ(results->items.at(0).compared, Decimal::integer(3));  // 2,5 -> 3
  EXPECT_EQ(results->items.at(0).verdict, Verdict::met);
}

TEST(LanguagePrecisionTest, E0232MoreThanNineDecimals) {
  CheckError e(one_indicator("    data t.r\n    precision 10\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0232", "precision must be at most 9 decimals", "test.rules:4:5");
  Session ok;
  EXPECT_TRUE(ok.check(one_indicator("    data t.r\n    precision 9\n"))) << ok.rendered();
}

TEST(LanguagePrecisionTest, E0203PrecisionGivenTwice) {
  CheckError e(one_indicator("    data t.r\n    precision 1\n    precision 2\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0203", "'precision' is given more than once", "test.rules:5:5");
  EXPECT_EQ(e.notes("E0203"), std::vector<std::string>{"first given here"});
}

// ============================================================================================
// weight and roll-ups of areas, goals and objectives
// ============================================================================================

// Rules with one area `a` holding `body`, run against rows of small_dataset.
struct Rollup {
  Rollup(std::string body, std::string rows) : run("area a \"A\" {\n" + body + "}\n", small_dataset(rows)) {}
  const GroupRollup& group(std::size_t g = 0) const { return run.results.value().rollups.at(g); }
  const std::string& sentence(std::size_t g = 0) const { return run.commentary.rollups.at(g); }
  Pipeline run;
};

TEST(LanguageRollupTest, DefaultPolicyIsAll) {
  Rollup met(indicator("i1", "target >= 10") + indicator("i2", "target >= 10"),
             row("i1", "10") + row("i2", "12"));
  ASSERT_TRUE(met.run.results);
  EXPECT_EQ(met.group().policy.kind, ast::RollupPolicy::Kind::all);
  EXPECT_EQ(met.group().verdict, Verdict::met);
  EXPECT_EQ(met.group().indicators, 2u);
  EXPECT_EQ(met.group().assessed, 2u);
  EXPECT_EQ(met.group().succeeded, 2u);
  EXPECT_EQ(met.sentence(), "Uppfyllt: 2 av 2 bedömda indikatorer uppfyllda (krav: alla).");
  Rollup one_short(indicator("i1", "target >= 10") + indicator("i2", "target >= 10"),
                   row("i1", "10") + row("i2", "9"));
  ASSERT_TRUE(one_short.run.results);
  EXPECT_EQ(one_short.group().verdict, Verdict::not_met);
  EXPECT_EQ(one_short.sentence(), "Ej uppfyllt: 1 av 2 bedömda indikatorer uppfyllda (krav: alla).");
}

TEST(LanguageRollupTest, NearIsJudgedButNotSucceeded) {
  Rollup r(indicator("i1", "target >= 10") + indicator("i2", "target >= 10 within 1"),
           row("i1", "10") + row("i2", "9"));
  ASSERT_TRUE(r.run.results);
  EXPECT_EQ(r.run.item("i2").verdict, Verdict::near);
  EXPECT_EQ(r.group().verdict, Verdict::not_met);
  EXPECT_EQ(r.group().assessed, 2u);
  EXPECT_EQ(r.group().succeeded, 1u);
}

TEST(LanguageRollupTest, OnTrackSucceedsAndBehindFails) {
  Rollup r(indicator("i1", "target >= 120 annual") + indicator("i2", "target >= 120 annual"),
           row("i1", "30") + row("i2", "29"));
  ASSERT_TRUE(r.run.results);
  EXPECT_EQ(r.group().assessed, 2u);
  EXPECT_EQ(r.group().succeeded, 1u);
  EXPECT_EQ(r.group().verdict, Verdict::not_met);
}

TEST(LanguageRollupTest, AtLeastNCountsSucceededIndicators) {
  const std::string items =
      indicator("i1", "target >= 10") + indicator("i2", "target >= 10") + indicator("i3", "target >= 10");
  const std::string rows = row("i1", "10") + row("i2", "11") + row("i3", "9");
  Rollup two("  rollup at least 2\n" + items, rows);
  ASSERT_TRUE(two.run.results);
  EXPECT_EQ(two.group().policy.kind, ast::RollupPolicy::Kind::at_least);
  EXPECT_EQ(two.group().policy.amount, Decimal::integer(2));
  EXPECT_EQ(two.group().verdict, Verdict::met);
  EXPECT_EQ(two.sentence(), "Uppfyllt: 2 av 3 bedömda indikatorer uppfyllda (krav: minst 2).");
  Rollup three("  rollup at least 3\n" + items, rows);
  ASSERT_TRUE(three.run.results);
  EXPECT_EQ(three.group().verdict, Verdict::not_met);
  EXPECT_EQ(three.sentence(), "Ej uppfyllt: 2 av 3 bedömda indikatorer uppfyllda (krav: minst 3).");
}

TEST(LanguageRollupTest, AtLeastPercentIsComparedExactly) {
  // 2 of 3 is 66,666...%.
  const std::string items =
      indicator("i1", "target >= 10") + indicator("i2", "target >= 10") + indicator("i3", "target >= 10");
  const std::string rows = row("i1", "10") + row("i2", "11") + row("i3", "9");
  Rollup below("  rollup at least 66,66 %\n" + items, rows);
  ASSERT_TRUE(below.run.results);
  EXPECT_EQ(below.group().policy.kind, ast::RollupPolicy::Kind::at_least_share);
  EXPECT_EQ(below.group().verdict, Verdict::met);
  EXPECT_EQ(below.sentence(), "Uppfyllt: 2 av 3 bedömda indikatorer uppfyllda (krav: minst 66,66 %).");
  Rollup above("  rollup at least 66,67 %\n" + items, rows);
  ASSERT_TRUE(above.run.results);
  EXPECT_EQ(above.group().verdict, Verdict::not_met);
  Rollup hundred("  rollup at least 100 %\n" + items, rows);
  ASSERT_TRUE(hundred.run.results);
  EXPECT_EQ(hundred.group().verdict, Verdict::not_met);
  Rollup zero("  rollup at least 0 %\n" + indicator("i1", "target >= 10"), row("i1", "1"));
  ASSERT_TRUE(zero.run.results);
  EXPECT_EQ(zero.group().verdict, Verdict::met);
}

TEST(LanguageRollupTest, WeightedAtLeastPercentUsesTheWeights) {
  // Weight 3 met, weight 1 not met: 75 %.
  const std::string items = indicator("i1", "target >= 10 weight 3") + indicator("i2", "target >= 10");
  const std::string rows = row("i1", "10") + row("i2", "9");
  Rollup met("  rollup weighted at least 75 %\n" + items, rows);
  ASSERT_TRUE(met.run.results);
  EXPECT_EQ(met.group().policy.kind, ast::RollupPolicy::Kind::weighted);
  EXPECT_EQ(met.group().weight_assessed, Decimal::integer(4));
  EXPECT_EQ(met.group().weight_succeeded, Decimal::integer(3));
  EXPECT_EQ(met.group().verdict, Verdict::met);
  EXPECT_EQ(met.sentence(), "Uppfyllt: 1 av 2 bedömda indikatorer uppfyllda (krav: viktat minst 75 %).");
  Rollup not_met("  rollup weighted at least 75,1 %\n" + items, rows);
  ASSERT_TRUE(not_met.run.results);
  EXPECT_EQ(not_met.group().verdict, Verdict::not_met);
}

TEST(LanguageRollupTest, DecimalWeights) {
  // 0,5 met against 1,5 not met: 25 %.
  const std::string items =
      indicator("i1", "target >= 10 weight 0,5") + indicator("i2", "target >= 10 weight 1,5");
  const std::string rows = row("i1", "10") + row("i2", "9");
  Rollup exactly("  rollup weighted at least 25 %\n" + items, rows);
  ASSERT_TRUE(exactly.run.results);
  EXPECT_EQ(exactly.run.item("i1").weight, dec(5, 1));
  EXPECT_EQ(exactly.group().weight_assessed, Decimal::integer(2));
  EXPECT_EQ(exactly.group().weight_succeeded, dec(5, 1));
  EXPECT_EQ(exactly.group().verdict, Verdict::met);
  Rollup more("  rollup weighted at least 26 %\n" + items, rows);
  ASSERT_TRUE(more.run.results);
  EXPECT_EQ(more.group().verdict, Verdict::not_met);
}

TEST(LanguageRollupTest, WeightsOfUnjudgedIndicatorsAreLeftOut) {
  Rollup r("  rollup weighted at least 100 %\n" + indicator("i1", "target >= 10") +
               indicator("i2", "target >= 10 weight 5"),
           row("i1", "10") + row("i2", "I.U."));
  ASSERT_TRUE(r.run.results);
  EXPECT_EQ(r.group().weight_assessed, Decimal::integer(1));
  EXPECT_EQ(r.group().verdict, Verdict::met);
}

TEST(LanguageRollupTest, DefaultWeightIsOne) {
  Single s("    target >= 1\n", "[null, 1, null]");
  ASSERT_TRUE(s.results) << s.session.rendered();
  EXPECT_EQ(s.item().weight, Decimal::integer(1));
}

TEST(LanguageRollupTest, EveryLevelCountsTheIndicatorsBelowIt) {
  Pipeline r(
      "area a \"A\" {\n"
      "  rollup at least 1\n"
      "  goal g \"G\" {\n"
      "    objective o \"O\" {\n"
      "      indicator i1 \"i1\" { data t.i1 target >= 10 }\n"
      "    }\n"
      "    indicator i2 \"i2\" { data t.i2 target >= 10 }\n"
      "  }\n"
      "}\n",
      small_dataset(row("i1", "10") + row("i2", "5")));
  ASSERT_TRUE(r.results);
  const auto& u = r.results->rollups;
  ASSERT_EQ(u.size(), 3u);  // a, g, o
  EXPECT_EQ(u[0].verdict, Verdict::met);
  EXPECT_EQ(u[0].indicators, 2u);
  EXPECT_EQ(u[0].succeeded, 1u);
  EXPECT_EQ(u[1].verdict, Verdict::not_met);
  EXPECT_EQ(u[1].indicators, 2u);
  EXPECT_EQ(u[2].verdict, Verdict::met);
  EXPECT_EQ(u[2].indicators, 1u);
  EXPECT_EQ(r.commentary.rollups.at(0), "Uppfyllt: 1 av 2 bedömda indikatorer uppfyllda (krav: minst 1).");
  EXPECT_EQ(r.commentary.rollups.at(1), "Ej uppfyllt: 1 av 2 bedömda indikatorer uppfyllda (krav: alla).");
  EXPECT_EQ(r.commentary.rollups.at(2), "Uppfyllt: 1 av 1 bedömd indikator uppfylld (krav: alla).");
}

TEST(LanguageRollupTest, BudgetLinesAndBreakdownsAreNotCounted) {
  Rollup r(
      "  indicator i1 \"i1\" { data t.i1 target >= 10 breakdown man \"Män\" data t.i1.man }\n"
      "  budget b \"B\" { table t outcome mars_2020 budget malvarde materiality 1 }\n",
      "      i1: {values: [null, 10, 100], rows: {man: {values: [null, 5, null]}}}\n");
  ASSERT_TRUE(r.run.results);
  EXPECT_EQ(r.run.item("b_i1").verdict, Verdict::not_met);
  EXPECT_EQ(r.run.item("i1").breakdowns.at(0).verdict, Verdict::not_met);
  EXPECT_EQ(r.group().indicators, 1u);
  EXPECT_EQ(r.group().verdict, Verdict::met);
}

TEST(LanguageRollupTest, IndicatorsWithoutAJudgementAreNeverFailures) {
  Rollup r(indicator("i1", "target >= 10") + indicator("i2", "target >= 10") + indicator("i3", "") +
               indicator("i4", "target pending \"Q3\"") + indicator("i5", "target >= 10") +
               indicator("i6", "target >= 10"),
           row("i1", "10") + row("i2", "I.U.") + row("i3", "1") + row("i4", "1") + row("i5", "N/A") +
               row("i6", "\"..\""));
  ASSERT_TRUE(r.run.results);
  EXPECT_EQ(r.group().verdict, Verdict::met);
  EXPECT_EQ(r.group().indicators, 6u);
  EXPECT_EQ(r.group().assessed, 1u);
  EXPECT_EQ(r.sentence(),
            "Uppfyllt: 1 av 1 bedömd indikator uppfylld (krav: alla); 5 utan bedömning (mål eller uppgift "
            "saknas).");
}

// The verdict of an area whose indicators have the given (properties, Mars 2020 cell).
Verdict nothing_to_judge(const std::vector<std::pair<std::string, std::string>>& indicators) {
  std::string body, rows;
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const std::string id = "i" + std::to_string(i + 1);
    body += indicator(id, indicators[i].first);
    rows += row(id, indicators[i].second);
  }
  Rollup r(body, rows.empty() ? "      r: {values: [1, 1, 1]}\n" : rows);
  return r.run.results ? r.group().verdict : Verdict::error;
}

TEST(LanguageRollupTest, GroupWithNothingToJudgeSaysWhy) {
  EXPECT_EQ(nothing_to_judge({{"", "1"}, {"target none", "2"}}), Verdict::no_target);
  EXPECT_EQ(nothing_to_judge({{"target >= 1", "N/A"}, {"target >= 1", "\"-\""}}), Verdict::not_applicable);
  EXPECT_EQ(nothing_to_judge({{"target pending", "1"}, {"target >= 1", "I.U."}}), Verdict::pending);
  EXPECT_EQ(nothing_to_judge({{"target pending", "1"}, {"", "1"}}), Verdict::pending);
  EXPECT_EQ(nothing_to_judge({{"target >= 1", "I.U."}, {"", "1"}}), Verdict::no_data);
  EXPECT_EQ(nothing_to_judge({{"target >= 1", "\"..\""}, {"target >= 1", "x"}}), Verdict::no_data);
  EXPECT_EQ(nothing_to_judge({{"target >= 1", "N/A"}, {"", "1"}}), Verdict::no_data);
  EXPECT_EQ(nothing_to_judge({}), Verdict::no_data);
}

TEST(LanguageRollupTest, SentencesOfGroupsWithNothingToJudge) {
  Rollup no_target(indicator("i1", "") + indicator("i2", "target none"), row("i1", "1") + row("i2", "1"));
  ASSERT_TRUE(no_target.run.results);
  EXPECT_EQ(no_target.sentence(),
            "Inget mål: ingen indikator kan bedömas; 2 utan bedömning (mål eller uppgift saknas).");
  Rollup pending(indicator("i1", "target pending"), row("i1", "1"));
  ASSERT_TRUE(pending.run.results);
  EXPECT_EQ(pending.sentence(),
            "Mål ej satt: ingen indikator kan bedömas; 1 utan bedömning (mål eller uppgift saknas).");
  Rollup empty("", "      r: {values: [1, 1, 1]}\n");
  ASSERT_TRUE(empty.run.results);
  EXPECT_EQ(empty.group().indicators, 0u);
  EXPECT_EQ(empty.sentence(), "Uppgift saknas: ingen indikator kan bedömas.");
}

TEST(LanguageRollupTest, ErrorVerdictIsNotJudged) {
  Rollup r(indicator("i1", "target >= 10") + "  indicator i2 \"i2\" { value t.i1 / t.zero target >= 1 }\n",
           row("i1", "10") + row("zero", "0"));
  ASSERT_TRUE(r.run.results);
  EXPECT_EQ(r.run.item("i2").verdict, Verdict::error);
  EXPECT_EQ(r.group().indicators, 2u);
  EXPECT_EQ(r.group().assessed, 1u);
  EXPECT_EQ(r.group().verdict, Verdict::met);
}

TEST(LanguageRollupTest, GroupsOfSeveralFiles) {
  Session s;
  auto rules = s.check(
      {{"a.rules", "area a \"A\" {\n" + indicator("i1", "target >= 10") + "}\n"},
       {"b.rules", "area b \"B\" {\n  goal g \"G\" {\n" + indicator("i2", "target >= 10") + "  }\n}\n"}});
  ASSERT_TRUE(rules) << s.rendered();
  auto data = s.load(small_dataset(row("i1", "10") + row("i2", "9")));
  ASSERT_TRUE(data);
  auto results = evaluate(*rules, *data, s.sink);
  ASSERT_TRUE(results) << s.rendered();
  ASSERT_EQ(results->rollups.size(), 3u);
  EXPECT_EQ(results->rollups[0].verdict, Verdict::met);
  EXPECT_EQ(results->rollups[1].verdict, Verdict::not_met);
  EXPECT_EQ(results->rollups[2].verdict, Verdict::not_met);
  EXPECT_EQ(results->rollups[1].indicators, 1u);
}

TEST(LanguageRollupTest, FamilyMembersAreCounted) {
  Rollup r("  family f \"F\" { members p \"P\", q \"Q\" data t.* target >= 10 }\n",
           row("p", "10") + row("q", "9"));
  ASSERT_TRUE(r.run.results);
  EXPECT_EQ(r.group().indicators, 2u);
  EXPECT_EQ(r.group().verdict, Verdict::not_met);
}

TEST(LanguageRollupTest, JsonGroupsCarryVerdictAndRollup) {
  Rollup r("  rollup at least 75 %\n" + indicator("i1", "target >= 10") + indicator("i2", "target >= 10") +
               indicator("i3", ""),
           row("i1", "10") + row("i2", "9") + row("i3", "1"));
  ASSERT_TRUE(r.run.results);
  const Json g = r.run.json()["groups"][0];
  EXPECT_EQ(g["verdict"], "not_met");
  EXPECT_EQ(g["rollup"]["policy"], "at_least_percent");
  EXPECT_EQ(g["rollup"]["threshold"], 75);
  EXPECT_EQ(g["rollup"]["indicators"], 3);
  EXPECT_EQ(g["rollup"]["assessed"], 2);
  EXPECT_EQ(g["rollup"]["succeeded"], 1);
  EXPECT_EQ(
      g["rollup"]["commentary"],
      "Ej uppfyllt: 1 av 2 bedömda indikatorer uppfyllda (krav: minst 75 %); 1 utan bedömning (mål eller "
      "uppgift saknas).");
}

TEST(LanguageRollupTest, JsonPolicyNames) {
  const std::vector<std::pair<std::string, Json>> cases = {
      {"", Json{{"policy", "all"}, {"threshold", nullptr}}},
      {"  rollup all\n", Json{{"policy", "all"}, {"threshold", nullptr}}},
      {"  rollup at least 2\n", Json{{"policy", "at_least"}, {"threshold", 2}}},
      {"  rollup at least 50,5 %\n", Json{{"policy", "at_least_percent"}, {"threshold", 50.5}}},
      {"  rollup weighted at least 60 %\n", Json{{"policy", "weighted_percent"}, {"threshold", 60}}},
  };
  for (const auto& [policy, expected] : cases) {
    Rollup r(policy + indicator("i1", "target >= 10"), row("i1", "10"));
    ASSERT_TRUE(r.run.results) << policy;
    const Json g = r.run.json()["groups"][0]["rollup"];
    EXPECT_EQ(g["policy"], expected["policy"]) << policy;
    EXPECT_EQ(g["threshold"], expected["threshold"]) << policy;
  }
}

TEST(LanguageRollupTest, TextReportShowsTheRollupUnderTheHeading) {
  Rollup r("  rollup at least 1\n" + indicator("i1", "target >= 10") + indicator("i2", "target >= 10"),
           row("i1", "10") + row("i2", "9"));
  ASSERT_TRUE(r.run.results);
  EXPECT_NE(r.run.text().find("\nMålområde: A\n  \xE2\x9C\x93 Uppfyllt: 1 av 2 bedömda indikatorer uppfyllda "
                              "(krav: minst 1).\n  2 mått: 1 uppfyllt, 1 ej uppfyllt.\n"),
            std::string::npos)
      << r.run.text();
}

TEST(LanguageRollupTest, PolicyIsParsedOnEveryLevel) {
  Session s;
  auto tree = s.parse(
      "area a \"A\" {\n  rollup at least 3\n  goal g \"G\" {\n    rollup weighted at least 75 %\n"
      "    objective o \"O\" { rollup at least 50 % }\n  }\n}\n");
  ASSERT_TRUE(tree) << s.rendered();
  ASSERT_EQ(tree->groups.size(), 3u);
  EXPECT_EQ(tree->groups[0].rollups.at(0).value.kind, ast::RollupPolicy::Kind::at_least);
  EXPECT_EQ(tree->groups[0].rollups.at(0).value.amount, Decimal::integer(3));
  EXPECT_EQ(tree->groups[1].rollups.at(0).value.kind, ast::RollupPolicy::Kind::weighted);
  EXPECT_EQ(tree->groups[1].rollups.at(0).value.amount, Decimal::integer(75));
  EXPECT_EQ(tree->groups[2].rollups.at(0).value.kind, ast::RollupPolicy::Kind::at_least_share);
  EXPECT_EQ(s.sources.location(tree->groups[1].rollups.at(0).span), "test.rules:4:5");
}

TEST(LanguageRollupTest, E0231ThresholdAbove100Percent) {
  CheckError share("area a \"A\" {\n  rollup at least 100,5 %\n}\n");
  EXPECT_DIAGNOSTIC(share.s, "E0231", "a roll-up threshold must be between 0 and 100 %", "test.rules:2:3");
  CheckError weighted("area a \"A\" {\n  goal g \"G\" {\n    rollup weighted at least 150 %\n  }\n}\n");
  EXPECT_DIAGNOSTIC(weighted.s, "E0231", "a roll-up threshold must be between 0 and 100 %", "test.rules:3:5");
  Session count;  // a count has no upper limit
  EXPECT_TRUE(count.check("area a \"A\" {\n  rollup at least 150\n}\n")) << count.rendered();
}

TEST(LanguageRollupTest, E0231AtLeastNMustBeWhole) {
  CheckError e("area a \"A\" {\n  objective o \"O\" { rollup at least 2,5 }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0231", "'at least N' counts indicators: N must be a whole number",
                    "test.rules:2:21");
  Session ok;  // 2,0 is whole
  EXPECT_TRUE(ok.check("area a \"A\" {\n  rollup at least 2,0\n}\n")) << ok.rendered();
}

TEST(LanguageRollupTest, E0231NegativeThreshold) {
  Session s;
  auto tree = s.parse("area a \"A\" {\n  rollup at least 1\n}\n");
  ASSERT_TRUE(tree) << s.rendered();
  tree->groups.at(0).rollups.at(0).value.amount = Decimal::integer(-1);
  check_rules({*tree}, s.sink);
  EXPECT_DIAGNOSTIC(s, "E0231", "a roll-up threshold must be between 0 and 100 %", "test.rules:2:3");
}

TEST(LanguageRollupTest, E0203RollupGivenTwice) {
  CheckError e("area a \"A\" {\n  rollup all\n  rollup at least 1\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0203", "'rollup' is given more than once", "test.rules:3:3");
  EXPECT_EQ(test::note_location(e.s, *e.s.find("E0203")), "test.rules:2:3");
}

TEST(LanguageRollupTest, E0233WeightMustBePositive) {
  CheckError e(one_indicator("    data t.r\n    weight 0\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0233", "a weight must be greater than 0", "test.rules:4:5");
  CheckError twice(one_indicator("    data t.r\n    weight 1\n    weight 2\n"));
  EXPECT_DIAGNOSTIC(twice.s, "E0203", "'weight' is given more than once", "test.rules:5:5");
}

// ============================================================================================
// compare with ...: the earlier value for trends and relative targets
// ============================================================================================

// A dataset whose table `v` has 2018, 2019, Mars 2019 and Mars 2020, with one row `r`.
std::string periods(std::string_view values) {
  return "report: {title: \"T\", period: \"2020-03\"}\n"
         "tables:\n"
         "  v:\n"
         "    columns:\n"
         "      - {id: ar_2018, label: \"2018\", kind: actual, period: \"2018\"}\n"
         "      - {id: ar_2019, label: \"2019\", kind: actual, period: \"2019\"}\n"
         "      - {id: mars_2019, label: \"Mars 2019\", kind: actual, period: \"2019-03\"}\n"
         "      - {id: mars_2020, label: \"Mars 2020\", kind: actual, period: \"2020-03\"}\n"
         "    rows:\n"
         "      r: {values: " +
         std::string(values) + "}\n";
}

// The one indicator `x` reading v.r with `properties`, against v.r = `values`.
struct Compared {
  Compared(std::string_view properties, std::string_view values)
      : run(one_indicator("    data v.r\n" + std::string(properties)), periods(values)) {}
  const ItemResult& item() const { return run.results.value().items.at(0); }
  Pipeline run;
};

TEST(LanguageCompareTest, PreviousPeriodIsTheDefault) {
  Compared c("    higher is better\n", "[80, 90, 20, 30]");
  ASSERT_TRUE(c.run.results);
  EXPECT_EQ(c.item().comparison.kind, ast::Comparison::Kind::previous_period);
  EXPECT_EQ(c.item().previous->column_id, "ar_2019");
  EXPECT_EQ(c.item().trend, Trend::worsened);
  Compared explicit_default("    higher is better\n    compare with previous period\n", "[80, 90, 20, 30]");
  ASSERT_TRUE(explicit_default.run.results);
  EXPECT_EQ(explicit_default.item().previous->column_id, "ar_2019");
}

TEST(LanguageCompareTest, SamePeriodLastYear) {
  Compared c("    higher is better\n    compare with same period last year\n", "[80, 90, 20, 30]");
  ASSERT_TRUE(c.run.results);
  EXPECT_EQ(c.item().comparison.kind, ast::Comparison::Kind::same_period_last_year);
  EXPECT_EQ(c.item().previous->column_id, "mars_2019");
  EXPECT_EQ(c.item().previous->period, (Period{2019, 3, false}));
  EXPECT_EQ(c.item().trend, Trend::improved);
  EXPECT_EQ(c.run.sentence("x"),
            "Mått: 30 i mars 2020, inget målvärde angivet, en förbättring från 20 i mars 2019.");
}

TEST(LanguageCompareTest, NamedPeriod) {
  Compared full_year("    lower is better\n    compare with period \"2018\"\n", "[80, 90, 20, 30]");
  ASSERT_TRUE(full_year.run.results);
  EXPECT_EQ(full_year.item().comparison.kind, ast::Comparison::Kind::named_period);
  EXPECT_EQ(full_year.item().comparison.period, "2018");
  EXPECT_EQ(full_year.item().previous->column_id, "ar_2018");
  EXPECT_EQ(full_year.item().trend, Trend::improved);
  Compared months("    compare with period \"2019-03\"\n", "[80, 90, 20, 30]");
  ASSERT_TRUE(months.run.results);
  EXPECT_EQ(months.item().previous->column_id, "mars_2019");
}

TEST(LanguageCompareTest, NamedPeriodWithoutAColumnHasNoPreviousValue) {
  Compared missing("    higher is better\n    compare with period \"2017\"\n", "[80, 90, 20, 30]");
  ASSERT_TRUE(missing.run.results);
  EXPECT_FALSE(missing.item().previous);
  EXPECT_EQ(missing.item().trend, Trend::none);
  // "2019-12" is the year to date through December, not the full-year column "2019".
  Compared december("    compare with period \"2019-12\"\n", "[80, 90, 20, 30]");
  ASSERT_TRUE(december.run.results);
  EXPECT_FALSE(december.item().previous);
}

TEST(LanguageCompareTest, RelativeTargetAboveThePreviousValue) {
  Compared c("    unit percent\n    target >= previous + 1\n", "[80, 90, 20, 91]");
  ASSERT_TRUE(c.run.results);
  const ItemResult& r = c.item();
  EXPECT_TRUE(r.target.relative);
  EXPECT_EQ(r.verdict, Verdict::met);
  EXPECT_EQ(r.target.value, Decimal::integer(91));
  EXPECT_EQ(r.relative_offset, Decimal::integer(1));
  EXPECT_EQ(r.reference, Decimal::integer(91));
  EXPECT_EQ(r.gap, Decimal::integer(0));
  EXPECT_EQ(r.direction, ast::Direction::higher);
  EXPECT_EQ(target_text(r), "\xE2\x89\xA5 91 % (f\xC3\xB6reg. + 1)");
}

TEST(LanguageCompareTest, RelativeTargetVerdicts) {
  const auto verdict = [](std::string_view target, std::string_view values) {
    Compared c(target, values);
    return c.run.results ? c.item().verdict : Verdict::error;
  };
  EXPECT_EQ(verdict("    target >= previous + 1\n", "[80, 90, 20, \"90,9\"]"), Verdict::not_met);
  EXPECT_EQ(verdict("    target <= previous\n", "[80, 90, 20, 90]"), Verdict::met);
  EXPECT_EQ(verdict("    target <= previous\n", "[80, 90, 20, 91]"), Verdict::not_met);
  EXPECT_EQ(verdict("    target >= previous - 2\n", "[80, 90, 20, 88]"), Verdict::met);
  EXPECT_EQ(verdict("    target >= previous - 2\n", "[80, 90, 20, 87]"), Verdict::not_met);
  EXPECT_EQ(verdict("    target > previous + 0,5\n", "[80, 90, 20, \"90,5\"]"), Verdict::not_met);
  EXPECT_EQ(verdict("    target > previous + 0,5\n", "[80, 90, 20, \"90,51\"]"), Verdict::met);
  EXPECT_EQ(verdict("    target >= previous + 1 within 1\n", "[80, 90, 20, 90]"), Verdict::near);
  EXPECT_EQ(verdict("    target >= previous + 10 within 10 % of target\n", "[80, 90, 20, 90]"),
            Verdict::near);
  EXPECT_EQ(
      verdict("    compare with same period last year\n    target >= previous + 5\n", "[80, 90, 20, 25]"),
      Verdict::met);
  EXPECT_EQ(verdict("    compare with period \"2018\"\n    target >= previous + 5\n", "[80, 90, 20, 84]"),
            Verdict::not_met);
}

TEST(LanguageCompareTest, RelativeTargetIsParsed) {
  Session s;
  auto tree = s.parse(one_indicator("    target <= previous - 0,5\n"));
  ASSERT_TRUE(tree) << s.rendered();
  const ast::Target& t = tree->indicators.at(0).targets.at(0).value;
  EXPECT_TRUE(t.relative);
  EXPECT_EQ(t.comparator, ast::Comparator::le);
  EXPECT_EQ(t.value, dec(-5, 1));
  EXPECT_EQ(s.sources.location(t.value_span), "test.rules:3:15");
}

TEST(LanguageCompareTest, MissingComparisonValueIsNoData) {
  Compared iu("    target >= previous + 1\n", "[80, I.U., 20, 91]");
  ASSERT_TRUE(iu.run.results);
  EXPECT_EQ(iu.item().verdict, Verdict::no_data);
  EXPECT_EQ(iu.item().reason, "no value for the period compared with");
  EXPECT_FALSE(iu.item().reference);
  EXPECT_FALSE(iu.item().gap);
  EXPECT_EQ(target_text(iu.item()), "\xE2\x89\xA5 f\xC3\xB6reg. + 1");
  EXPECT_EQ(iu.run.sentence("x"),
            "Mått: 91 i mars 2020, men värdet att jämföra med saknas, så målvärdet kan inte bestämmas.");
  Compared no_column("    compare with period \"2017\"\n    target >= previous\n", "[80, 90, 20, 91]");
  ASSERT_TRUE(no_column.run.results);
  EXPECT_EQ(no_column.item().verdict, Verdict::no_data);
  Session fixed;  // an explicit column has no earlier period
  auto results =
      fixed.run(one_indicator("    data v.r@mars_2020\n    target >= previous\n"), periods("[1, 2, 3, 4]"));
  ASSERT_TRUE(results) << fixed.rendered();
  EXPECT_EQ(results->items.at(0).verdict, Verdict::no_data);
}

TEST(LanguageCompareTest, MissingCurrentValueNamesTheComparisonValue) {
  Compared c("    unit percent\n    target >= previous + 1\n", "[80, 90, 20, I.U.]");
  ASSERT_TRUE(c.run.results);
  EXPECT_EQ(c.item().verdict, Verdict::no_data);
  EXPECT_EQ(c.run.sentence("x"),
            "Mått: uppgift saknas (I.U.) i mars 2020; målvärdet (värdet 90 % 2019 + 1 procentenhet).");
}

TEST(LanguageCompareTest, CommentaryNamesTheValueTheBoundWasFormedFrom) {
  Compared plus("    unit percent\n    target >= previous + 1\n", "[80, 90, 20, 92]");
  ASSERT_TRUE(plus.run.results);
  EXPECT_EQ(
      plus.run.sentence("x"),
      "Mått: 92 % är 1 procentenhet över målvärdet 91 % (värdet 90 % 2019 + 1 procentenhet), en förbättring "
      "från 90 % 2019. Målet är uppfyllt.");
  Compared same("    target <= previous\n", "[80, 90, 20, 90]");
  ASSERT_TRUE(same.run.results);
  EXPECT_EQ(same.run.sentence("x"),
            "Mått: 90 når målvärdet 90 (värdet 90 2019), oförändrat från 90 2019. Målet är uppfyllt.");
  EXPECT_EQ(target_text(same.item()), "\xE2\x89\xA4 90 (f\xC3\xB6reg.)");
  Compared minus("    compare with same period last year\n    target >= previous - 2\n", "[80, 90, 20, 17]");
  ASSERT_TRUE(minus.run.results);
  EXPECT_EQ(
      minus.run.sentence("x"),
      "Mått: 17 är 1 under målvärdet 18 (värdet 20 i mars 2019 \xE2\x88\x92 2), en försämring från 20 i "
      "mars 2019. Målet är inte uppfyllt.");
  EXPECT_EQ(target_text(minus.item()), "\xE2\x89\xA5 18 (f\xC3\xB6reg. \xE2\x88\x92 2)");
}

TEST(LanguageCompareTest, JsonGivesTheOffsetAndNoBoundWhenUnresolved) {
  Compared c("    target >= previous + 1\n", "[80, I.U., 20, 92]");
  ASSERT_TRUE(c.run.results);
  const Json x = c.run.json()["indicators"][0];
  EXPECT_EQ(x["target"], nullptr);
  EXPECT_EQ(x["target_offset"], 1);
  EXPECT_EQ(x["comparator"], ">=");
  EXPECT_EQ(x["verdict"], "no_data");
  EXPECT_EQ(x["reason"], "no value for the period compared with");
}

TEST(LanguageCompareTest, DerivedIndicatorsIgnoreCompareWith) {
  Session s;
  auto results =
      s.run("area a \"A\" {\n  indicator y \"Y\" { value v.r * 1 compare with period \"2018\" }\n}\n",
            periods("[80, 90, 20, 30]"));
  ASSERT_TRUE(results) << s.rendered();
  ASSERT_TRUE(results->items.at(0).previous);
  EXPECT_EQ(results->items.at(0).previous->value.number, Decimal::integer(90));
}

TEST(LanguageCompareTest, CumulativeComparesTheSameMonthsOfTheYearBefore) {
  Compared c("    cumulative\n    target >= previous\n", "[80, 90, 20, 25]");
  ASSERT_TRUE(c.run.results);
  EXPECT_EQ(c.item().previous->column_id, "mars_2019");
  EXPECT_EQ(c.item().target.value, Decimal::integer(20));
  EXPECT_EQ(c.item().verdict, Verdict::met);
}

TEST(LanguageCompareTest, NotApplicableValueWithARelativeTarget) {
  Compared na("    unit percent\n    target >= previous\n", "[80, 90, 20, N/A]");
  ASSERT_TRUE(na.run.results);
  EXPECT_EQ(na.item().verdict, Verdict::not_applicable);
  EXPECT_EQ(na.run.sentence("x"), "Mått: ej tillämpligt (N/A) i mars 2020; målvärdet (värdet 90 % 2019).");
}

// Documented (docs/language.md, Precision): the earlier value that forms a relative bound
// is not rounded, so an unchanged value can miss `>= previous`; the trend clause shows
// the earlier value at the indicator's precision.
TEST(LanguageCompareTest, PrecisionRoundsTheValueButNotTheEarlierOne) {
  Compared prec("    precision 1\n    target >= previous\n", "[80, \"90,04\", 20, \"90,04\"]");
  ASSERT_TRUE(prec.run.results);
  EXPECT_EQ(prec.item().verdict, Verdict::not_met);
  EXPECT_EQ(prec.item().trend, Trend::unchanged);
  EXPECT_EQ(
      prec.run.sentence("x"),
      "Mått: 90,0 är 0,04 under målvärdet 90,04 (värdet 90,04 2019), oförändrat från 90,0 2019. Målet är "
      "inte uppfyllt.");
}

TEST(LanguageCompareTest, DerivedIndicatorWithARelativeTarget) {
  Session s;
  auto results = s.run("area a \"A\" {\n  indicator y \"Y\" { value t.r * 2 target >= previous + 3 }\n}\n",
                       small_dataset("      r: {values: [10, 12, null]}\n"));
  ASSERT_TRUE(results) << s.rendered();
  const ItemResult& y = results->items.at(0);
  EXPECT_EQ(y.target.value, Decimal::integer(23));
  EXPECT_EQ(y.verdict, Verdict::met);
  EXPECT_EQ(y.trend, Trend::improved);
}

TEST(LanguageCompareTest, JsonShowsTheResolvedBound) {
  Compared c("    target >= previous + 1\n", "[80, 90, 20, 92]");
  ASSERT_TRUE(c.run.results);
  const Json x = c.run.json()["indicators"][0];
  EXPECT_EQ(x["target"], 91);
  EXPECT_EQ(x["comparator"], ">=");
  EXPECT_EQ(x["previous"]["column"], "ar_2019");
  EXPECT_EQ(x["verdict"], "met");
}

TEST(LanguageCompareTest, BreakdownsCompareTheirOwnEarlierValue) {
  Session s;
  auto results =
      s.run(one_indicator("    data v.r\n    target >= previous\n    breakdown man \"Män\" data v.r.man\n"),
            periods("[1, 5, 1, 5], rows: {man: {values: [1, 7, 1, 6]}}"));
  ASSERT_TRUE(results) << s.rendered();
  const ItemResult& man = results->items.at(0).breakdowns.at(0);
  EXPECT_EQ(man.target.value, Decimal::integer(7));
  EXPECT_EQ(man.verdict, Verdict::not_met);
  EXPECT_EQ(results->items.at(0).verdict, Verdict::met);
}

TEST(LanguageCompareTest, E0235RelativeAndAnnual) {
  CheckError e(one_indicator("    data t.r\n    target >= previous + 1 annual\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0235", "a target relative to an earlier value cannot also be annual",
                    "test.rules:4:5");
  EXPECT_EQ(
      e.helps("E0235"),
      std::vector<std::string>{"compare a year-to-date value with the same period last year instead: compare "
                               "with same period last year"});
}

TEST(LanguageCompareTest, E0236UnreadablePeriod) {
  CheckError e(one_indicator("    data t.r\n    compare with period \"2019-13\"\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0236", "cannot read '2019-13' as a period", "test.rules:4:5");
  EXPECT_EQ(e.helps("E0236"),
            std::vector<std::string>{"write \"2019\" for a full year or \"2019-03\" for the year "
                                     "to date through March"});
  CheckError words(one_indicator("    data t.r\n    compare with period \"i fjol\"\n"));
  EXPECT_DIAGNOSTIC(words.s, "E0236", "cannot read 'i fjol' as a period", "test.rules:4:5");
}

TEST(LanguageCompareTest, E0203CompareGivenTwice) {
  CheckError e(one_indicator(
      "    data t.r\n    compare with previous period\n    compare with same period last year\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0203", "'compare' is given more than once", "test.rules:5:5");
}

// ============================================================================================
// Absence markers: '..' (not yet published) and 'x' (confidential)
// ============================================================================================

TEST(LanguageAbsenceTest, MarkersGiveNoData) {
  for (const char* marker : {"\"..\"", "ej publicerad", "x", "X", "sekretess"}) {
    EXPECT_EQ(verdict_of("    target >= 1\n", marker), Verdict::no_data) << marker;
  }
  EXPECT_EQ(verdict_of("    target pending\n", "x"), Verdict::pending);
  EXPECT_EQ(verdict_of("    target none\n", "\"..\""), Verdict::no_target);
}

TEST(LanguageAbsenceTest, TheCellKeepsItsReason) {
  Single published("    target >= 1\n", "[null, \"..\", null]");
  ASSERT_TRUE(published.results);
  EXPECT_EQ(published.item().current->value.absence, Absence::not_published);
  EXPECT_EQ(published.item().current->value.text, "..");
  Single secret("    target >= 1\n", "[null, sekretess, null]");
  ASSERT_TRUE(secret.results);
  EXPECT_EQ(secret.item().current->value.absence, Absence::confidential);
  EXPECT_EQ(to_string(Absence::not_published), "not_published");
  EXPECT_EQ(to_string(Absence::confidential), "confidential");
  EXPECT_EQ(absence_marker(Absence::not_published), "..");
  EXPECT_EQ(absence_marker(Absence::confidential), "x");
}

TEST(LanguageAbsenceTest, CommentaryWords) {
  EXPECT_EQ(sentence("    target >= 1\n", "[null, ej publicerad, null]"),
            "Mått: uppgift ännu inte publicerad (ej publicerad) i mars 2020; målvärdet 1.");
  EXPECT_EQ(sentence("    target >= 1\n", "[null, sekretess, null]"),
            "Mått: uppgift skyddad av sekretess (sekretess) i mars 2020; målvärdet 1.");
  EXPECT_EQ(sentence("    target none\n", "[null, X, null]"),
            "Mått: inget målvärde angivet; uppgift skyddad av sekretess (X) i mars 2020.");
}

TEST(LanguageAbsenceTest, NoTrendAgainstAMarker) {
  Single s("    target >= 1\n", "[x, 5, null]");
  ASSERT_TRUE(s.results);
  EXPECT_EQ(s.item().verdict, Verdict::met);
  EXPECT_EQ(s.item().trend, Trend::none);
}

TEST(LanguageAbsenceTest, JsonStatuses) {
  Pipeline r(one_indicator("    data t.r\n    target >= 1\n"),
             small_dataset("      r: {values: [\"..\", x, null]}\n"));
  ASSERT_TRUE(r.results);
  const Json x = r.json()["indicators"][0];
  EXPECT_EQ(x["value"], nullptr);
  EXPECT_EQ(x["value_text"], "x");
  EXPECT_EQ(x["verdict"], "no_data");
  EXPECT_EQ(x["previous"]["status"], "not_published");
  EXPECT_EQ(x["previous"]["text"], "..");
}

// A derived indicator `value EXPRESSION` over rows a, b, c, d with Mars 2020 cells.
struct Derived {
  Derived(std::string_view expression, std::string_view a, std::string_view b, std::string_view c = "1",
          std::string_view d = "1")
      : run("area x \"X\" {\n  indicator y \"Y\" {\n    value " + std::string(expression) +
                "\n    target >= 0\n  }\n}\n",
            small_dataset(row("a", a) + row("b", b) + row("c", c) + row("d", d))) {}
  const ItemResult& item() const { return run.results.value().items.at(0); }
  Absence absence() const { return item().current->value.absence; }
  const std::string& text() const { return item().current->value.text; }
  Pipeline run;
};

TEST(LanguageAbsenceTest, StrongerReasonWinsInArithmetic) {
  struct Case {
    const char* a;
    const char* b;
    Absence absence;
    const char* text;
  };
  for (const Case& c : {
           Case{"\"..\"", "x", Absence::confidential, "x"},
           Case{"x", "\"..\"", Absence::confidential, "x"},
           Case{"x", "I.U.", Absence::no_data, "I.U."},
           Case{"I.U.", "sekretess", Absence::no_data, "I.U."},
           Case{"\"..\"", "null", Absence::not_published, ".."},
           Case{"null", "ej publicerad", Absence::not_published, "ej publicerad"},
           Case{"\"..\"", "N/A", Absence::not_published, ".."},
           Case{"N/A", "x", Absence::confidential, "x"},
           Case{"\"..\"", "\"..\"", Absence::not_published, ".."},
       }) {
    for (const char* op : {" + ", " - ", " * ", " / "}) {
      Derived d("t.a" + std::string(op) + "t.b", c.a, c.b);
      ASSERT_TRUE(d.run.results) << c.a << op << c.b;
      EXPECT_EQ(d.item().verdict, Verdict::no_data) << c.a << op << c.b;
      EXPECT_EQ(to_string(d.absence()), to_string(c.absence)) << c.a << op << c.b;
      EXPECT_EQ(d.text(), c.text) << c.a << op << c.b;
    }
  }
}

TEST(LanguageAbsenceTest, NotApplicableOnlyWhenEverythingMissingIs) {
  Derived both("t.a + t.b", "N/A", "N/A");
  ASSERT_TRUE(both.run.results);
  EXPECT_EQ(both.item().verdict, Verdict::not_applicable);
  Derived negated("-t.a", "\"..\"", "1");
  ASSERT_TRUE(negated.run.results);
  EXPECT_EQ(negated.absence(), Absence::not_published);
}

TEST(LanguageAbsenceTest, AnErrorBeatsEveryMarker) {
  Derived d("t.a / t.b + t.c", "1", "0", "I.U.");
  ASSERT_TRUE(d.run.results);
  EXPECT_EQ(d.item().verdict, Verdict::error);
  EXPECT_EQ(d.item().reason, "division by zero");
}

TEST(LanguageAbsenceTest, PendingIsWeakerThanBlankAndNotPublished) {
  // Q1-Q4 only mark target columns: read them with @malvarde.
  struct Case {
    const char* a;
    const char* b;
    Absence absence;
  };
  for (const Case& c : {Case{"Q3", "\"..\"", Absence::not_published}, Case{"Q3", "null", Absence::blank},
                        Case{"Q3", "N/A", Absence::pending}, Case{"N/A", "Q3", Absence::pending}}) {
    Pipeline r("area x \"X\" {\n  indicator y \"Y\" { value t.a@malvarde + t.b@malvarde target >= 0 }\n}\n",
               small_dataset("      a: {values: [null, null, " + std::string(c.a) +
                             "]}\n      b: {values: [null, null, " + std::string(c.b) + "]}\n"));
    ASSERT_TRUE(r.results) << c.a << " + " << c.b;
    EXPECT_EQ(to_string(r.results->items.at(0).current->value.absence), to_string(c.absence))
        << c.a << " + " << c.b;
  }
}

TEST(LanguageAbsenceTest, StrongerReasonWinsInAggregates) {
  Derived sum("sum(t.a, t.b, t.c)", "\"..\"", "x", "N/A");
  ASSERT_TRUE(sum.run.results);
  EXPECT_EQ(sum.absence(), Absence::confidential);
  Derived max("max(t.a, t.b)", "N/A", "\"..\"");
  ASSERT_TRUE(max.run.results);
  EXPECT_EQ(max.absence(), Absence::not_published);
  Derived count("count(t.a, t.b)", "1", "\"..\"");
  ASSERT_TRUE(count.run.results);
  EXPECT_EQ(count.absence(), Absence::not_published);
  Derived avg("avg(t.a, t.b)", "N/A", "4");
  ASSERT_TRUE(avg.run.results);
  EXPECT_EQ(avg.item().current->value.number, Decimal::integer(4));
  Derived pattern("sum(t.*)", "1", "\"..\"", "sekretess", "null");
  ASSERT_TRUE(pattern.run.results);
  EXPECT_EQ(pattern.absence(), Absence::confidential);
  EXPECT_EQ(pattern.text(), "sekretess");
  Derived iu("sum(t.*)", "I.U.", "\"..\"", "x", "N/A");
  ASSERT_TRUE(iu.run.results);
  EXPECT_EQ(iu.absence(), Absence::no_data);
}

TEST(LanguageAbsenceTest, CommentaryOfAComputedMarker) {
  Derived d("t.a + t.b", "\"..\"", "1");
  ASSERT_TRUE(d.run.results);
  EXPECT_EQ(d.run.sentence("y"), "Y: uppgift ännu inte publicerad (..) i mars 2020; målvärdet 0.");
  Derived secret("t.a * 2", "x", "1");
  ASSERT_TRUE(secret.run.results);
  EXPECT_EQ(secret.run.sentence("y"), "Y: uppgift skyddad av sekretess (x) i mars 2020; målvärdet 0.");
}

TEST(LanguageAbsenceTest, BudgetLineWithAMarker) {
  Pipeline b("area a \"A\" {\n  budget b \"B\" { table t outcome mars_2020 budget malvarde }\n}\n",
             small_dataset("      r: {values: [null, \"..\", 5]}\n      s: {values: [null, 5, x]}\n"));
  ASSERT_TRUE(b.results);
  EXPECT_EQ(b.item("b_r").verdict, Verdict::no_data);
  EXPECT_EQ(b.item("b_s").verdict, Verdict::no_data);
  EXPECT_EQ(b.sentence("b_r"), "B, r: mars 2020 .. mot målvärde 5 tkr, avvikelsen kan inte beräknas.");
  EXPECT_EQ(b.sentence("b_s"), "B, s: mars 2020 5 tkr mot målvärde x, avvikelsen kan inte beräknas.");
  EXPECT_TRUE(b.s.sink.diagnostics().empty()) << b.s.rendered();
}

TEST(LanguageAbsenceTest, DerivedInputsCarryTheirStatusInJson) {
  Derived d("t.a + t.b", "\"..\"", "x");
  ASSERT_TRUE(d.run.results);
  const Json inputs = d.run.json()["indicators"][0]["inputs"];
  ASSERT_EQ(inputs.size(), 2u);
  EXPECT_EQ(inputs[0]["status"], "not_published");
  EXPECT_EQ(inputs[1]["status"], "confidential");
  EXPECT_EQ(inputs[1]["column"], "mars_2020");
}

// ============================================================================================
// Rule families
// ============================================================================================

const char* const family_rules =
    "area a \"A\" {\n"
    "  family lev \"Leveranssäkerhet\" {\n"
    "    members lkdata \"LKDATA\", arkiv \"Stadsarkivet\"\n"
    "    unit percent\n"
    "    data t.*\n"
    "    target >= 95\n"
    "    description \"Andel leveranser i tid\"\n"
    "  }\n"
    "}\n";

TEST(LanguageFamilyTest, OneIndicatorPerMember) {
  Pipeline r(family_rules, small_dataset(row("lkdata", "96 %") + row("arkiv", "94 %")));
  ASSERT_TRUE(r.results);
  ASSERT_EQ(r.results->items.size(), 2u);
  const ItemResult& lkdata = r.results->items[0];
  EXPECT_EQ(lkdata.id, "lev_lkdata");
  EXPECT_EQ(lkdata.name, "Leveranssäkerhet LKDATA");
  EXPECT_EQ(lkdata.data_ref, "t.lkdata");
  EXPECT_EQ(lkdata.family, (Family{"lev", "Leveranssäkerhet"}));
  EXPECT_EQ(lkdata.unit, Unit::percent);
  EXPECT_EQ(lkdata.verdict, Verdict::met);
  EXPECT_EQ(r.s.sources.location(lkdata.rule_span), "test.rules:2:3");
  const ItemResult& arkiv = r.results->items[1];
  EXPECT_EQ(arkiv.id, "lev_arkiv");
  EXPECT_EQ(arkiv.name, "Leveranssäkerhet Stadsarkivet");
  EXPECT_EQ(arkiv.data_ref, "t.arkiv");
  EXPECT_EQ(arkiv.verdict, Verdict::not_met);
  EXPECT_EQ(
      r.sentence("lev_arkiv"),
      "Leveranssäkerhet Stadsarkivet: 94 % är 1 procentenhet under målvärdet 95 %. Målet är inte uppfyllt.");
  EXPECT_TRUE(r.s.sink.diagnostics().empty()) << r.s.rendered();
}

TEST(LanguageFamilyTest, AFamilyIsLoweredOnceWithItsMembers) {
  Session s;
  auto tree = s.parse(family_rules);
  ASSERT_TRUE(tree) << s.rendered();
  ASSERT_EQ(tree->indicators.size(), 1u);
  const ast::Indicator& family = tree->indicators[0];
  EXPECT_EQ(family.id.text, "lev");
  EXPECT_EQ(family.family->text, "lev");
  EXPECT_EQ(family.family_name, "Leveranssäkerhet");
  ASSERT_EQ(family.members.size(), 2u);
  EXPECT_EQ(family.id_of(family.members[1]), "arkiv");
  EXPECT_EQ(family.name_of(family.members[1]), "Stadsarkivet");
  const FileId file = family.span.file;
  EXPECT_EQ(s.sources.location(ast::FamilyMembers::span_of(family.members[0], file)), "test.rules:3:13");
  EXPECT_EQ(s.sources.location(ast::FamilyMembers::span_of(family.members[1], file)), "test.rules:3:30");
  EXPECT_EQ(family.data.at(0).value.to_string(), "t.*");  // the checker puts in each member
}

TEST(LanguageFamilyTest, MembersAreReadWithEscapesCommentsAndLineBreaks) {
  Session s;
  auto tree = s.parse(
      "area a \"A\" {\n  family f \"F\" {\n    members p \"P \\\"x\\\" \\\\ y\", # a comment\n"
      "      q \"Q\" # another\n    data t.*\n  }\n}\n");
  ASSERT_TRUE(tree) << s.rendered();
  ASSERT_EQ(tree->indicators.size(), 1u);
  const ast::Indicator& family = tree->indicators[0];
  const auto& members = family.members;
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(family.id_of(members[0]), "p");
  EXPECT_EQ(family.name_of(members[0]), "P \"x\" \\ y");
  EXPECT_EQ(family.id_of(members[1]), "q");
  EXPECT_EQ(family.name_of(members[1]), "Q");
  const Span q = ast::FamilyMembers::span_of(members[1], family.span.file);
  EXPECT_EQ(s.sources.location(q), "test.rules:4:7");
  EXPECT_EQ(s.sources.file(q.file).slice(q), "q");
  // The properties after the list are the family's.
  EXPECT_EQ(tree->indicators[0].data.at(0).value.to_string(), "t.*");
}

TEST(LanguageFamilyTest, TheCheckerKeepsAFamilyOnceWithAnItemPerMember) {
  Session s;
  auto tree = s.parse(family_rules);
  ASSERT_TRUE(tree) << s.rendered();
  const RuleSet rules = check_rules({*tree}, s.sink);
  EXPECT_TRUE(s.sink.diagnostics().empty()) << s.rendered();
  ASSERT_EQ(rules.indicators.size(), 1u);
  const Indicator& family = rules.indicators[0];
  EXPECT_EQ(family.id, "lev");
  EXPECT_EQ(family.data.to_string(), "t.*");
  ASSERT_EQ(family.members.size(), 2u);
  EXPECT_EQ(family.id_of(family.members[1]), "arkiv");
  EXPECT_EQ(family.name_of(family.members[1]), "Stadsarkivet");
  ASSERT_EQ(rules.items.size(), 2u);
  EXPECT_EQ(rules.indicator_count(), 2u);
  EXPECT_EQ(rules.items[1].index, 0u);
  EXPECT_EQ(rules.items[1].member, 1u);
  // Each member as the indicator it stands for.
  const Indicator arkiv = rules.indicator_of(rules.items[1]);
  EXPECT_EQ(arkiv.id, "lev_arkiv");
  EXPECT_EQ(arkiv.name, "Leveranssäkerhet Stadsarkivet");
  EXPECT_EQ(arkiv.data.to_string(), "t.arkiv");
  EXPECT_EQ(arkiv.family, (Family{"lev", "Leveranssäkerhet"}));
  EXPECT_TRUE(arkiv.members.empty());
  EXPECT_EQ(rules.indicator_of(rules.items[0]).data.to_string(), "t.lkdata");
  // Looked up by the member's id; the family's own id names no indicator.
  ASSERT_TRUE(rules.indicator("lev_lkdata"));
  EXPECT_EQ(rules.indicator("lev_lkdata")->name, "Leveranssäkerhet LKDATA");
  EXPECT_FALSE(rules.indicator("lev"));
  EXPECT_FALSE(rules.indicator("lev_"));
  EXPECT_FALSE(rules.indicator("lev_lkdat"));
}

TEST(LanguageFamilyTest, StarStandsForTheMemberInBreakdownsAndDeeperPaths) {
  Pipeline r(
      "area a \"A\" {\n"
      "  family f \"F\" {\n"
      "    members p \"P\", q \"Q\"\n"
      "    data t.*.total\n"
      "    breakdown man \"Män\" data t.*.man\n"
      "  }\n"
      "}\n",
      small_dataset("      p: {rows: {total: {values: [null, 1, null]}, man: {values: [null, 2, null]}}}\n"
                    "      q: {rows: {total: {values: [null, 3, null]}, man: {values: [null, 4, null]}}}\n"));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.item("f_p").data_ref, "t.p.total");
  EXPECT_EQ(r.item("f_q").data_ref, "t.q.total");
  EXPECT_EQ(r.item("f_q").breakdowns.at(0).data_ref, "t.q.man");
  EXPECT_EQ(r.item("f_q").breakdowns.at(0).current->value.number, Decimal::integer(4));
}

TEST(LanguageFamilyTest, FamiliesStandInGoalsAndObjectives) {
  Pipeline r(
      "area a \"A\" {\n  goal g \"G\" {\n    family f \"F\" { members p \"P\" data t.* }\n"
      "    objective o \"O\" {\n      family h \"H\" { members p \"P\" data t.* }\n    }\n  }\n}\n",
      small_dataset(row("p", "1")));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.item("f_p").group, 1u);
  EXPECT_EQ(r.item("h_p").group, 2u);
}

TEST(LanguageFamilyTest, JsonNamesTheFamilyAndMetadata) {
  Pipeline r(family_rules, small_dataset(row("lkdata", "96 %") + row("arkiv", "94 %")));
  ASSERT_TRUE(r.results);
  const Json j = r.json();
  EXPECT_EQ(j["indicators"][1]["family"], "lev");
  EXPECT_EQ(j["indicators"][1]["description"], "Andel leveranser i tid");
  EXPECT_EQ(j["indicators"][0]["id"], "lev_lkdata");
}

TEST(LanguageFamilyTest, GeneratedIdClashIsE0201AtTheMember) {
  CheckError e(
      "area a \"A\" {\n"
      "  indicator lev_arkiv \"X\" { data t.r }\n"
      "  family lev \"L\" {\n"
      "    members lkdata \"LKDATA\", arkiv \"Stadsarkivet\"\n"
      "    data t.*\n"
      "  }\n"
      "}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0201", "duplicate id 'lev_arkiv': ids must be unique across the rule set",
                    "test.rules:4:30");
  EXPECT_EQ(test::note_location(e.s, *e.s.find("E0201")), "test.rules:2:13");
}

TEST(LanguageFamilyTest, AProblemInTheFamilyIsReportedOnceNotPerMember) {
  CheckError e(
      "area a \"A\" {\n  family f \"F\" {\n    members p \"P\", q \"Q\", r \"R\"\n    unit procent\n"
      "    target >= 1.000\n  }\n}\n");
  EXPECT_EQ(e.s.count("E0205"), 1u) << e.s.rendered();
  EXPECT_DIAGNOSTIC(e.s, "E0205", "family 'f' has no data reference", "test.rules:2:10");
  EXPECT_EQ(e.s.count("E0202"), 1u) << e.s.rendered();
  EXPECT_EQ(e.s.count("W0207"), 1u) << e.s.rendered();
}

TEST(LanguageFamilyTest, ALikelyMistakeIsWarnedOnceNamingTheFamily) {
  Session s;
  auto tree = s.parse(
      "area a \"A\" {\n  family f \"F\" {\n    members p \"P\", q \"Q\"\n    unit percent\n"
      "    data t.*\n    target 90..120\n  }\n}\n");
  ASSERT_TRUE(tree) << s.rendered();
  check_rules({*tree}, s.sink);
  EXPECT_EQ(s.count("W0201"), 1u) << s.rendered();
  EXPECT_DIAGNOSTIC(s, "W0201", "a percentage target above 100 for 'f'", "test.rules:6:12");
  EXPECT_EQ(s.count("W0202"), 1u) << s.rendered();
  EXPECT_DIAGNOSTIC(s, "W0202", "'f' has a target but no direction", "test.rules:6:5");
}

TEST(LanguageFamilyTest, ADerivedFamilysUnitIsInferredOnceForEveryMember) {
  Session s;
  auto tree = s.parse(
      "area a \"A\" {\n  indicator k \"K\" { unit tkr data t.k }\n"
      "  family f \"F\" {\n    members p \"P\", q \"Q\"\n    unit count\n    value k * 2\n  }\n"
      "  family g \"G\" {\n    members p \"P\", q \"Q\"\n    value k * 2\n  }\n}\n");
  ASSERT_TRUE(tree) << s.rendered();
  const RuleSet rules = check_rules({*tree}, s.sink);
  EXPECT_EQ(s.count("E0222"), 1u) << s.rendered();
  EXPECT_DIAGNOSTIC(s, "E0222", "the value of 'f' is in tkr but the indicator's unit is count",
                    "test.rules:6:11");
  EXPECT_EQ(rules.indicator("g_p")->unit, Unit::tkr);
  EXPECT_EQ(rules.indicator("g_q")->unit, Unit::tkr);
  EXPECT_EQ(rules.indicator("f_q")->unit, Unit::count);
}

TEST(LanguageFamilyTest, StarInsideAnExpressionKeepsItsMeaningOfEveryRow) {
  Pipeline r(
      "area a \"A\" {\n  family f \"F\" {\n    members p \"P\", q \"Q\"\n    value sum(t.*) * 2\n  }\n}\n",
      small_dataset(row("p", "1") + row("q", "10")));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.item("f_p").current->value.number, Decimal::integer(22));
  EXPECT_EQ(r.item("f_q").current->value.number, Decimal::integer(22));
  EXPECT_TRUE(r.s.sink.diagnostics().empty()) << r.s.rendered();
}

TEST(LanguageFamilyTest, BareStarInAFamilyExpressionIsE0225) {
  CheckError e(
      "area a \"A\" {\n  family f \"F\" {\n    members p \"P\", q \"Q\"\n    value t.* * 2\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0225", "'t.*' stands for several rows here", "test.rules:4:11");
  EXPECT_EQ(e.s.count("E0237"), 0u) << e.s.rendered();
}

TEST(LanguageFamilyTest, TwoEqualMembersAreE0201) {
  CheckError e(
      "area a \"A\" {\n  family f \"F\" {\n    members p \"P\", p \"P igen\"\n    data t.*\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0201", "duplicate id 'f_p': ids must be unique across the rule set",
                    "test.rules:3:20");
}

TEST(LanguageFamilyTest, E0237StarOutsideAFamily) {
  CheckError e(one_indicator("    data t.*\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0237", "'t.*' has '*' outside a family", "test.rules:3:10");
  EXPECT_EQ(e.helps("E0237"), std::vector<std::string>{"'*' in a data reference stands for the member of a "
                                                       "'family'; name the row here"});
}

TEST(LanguageFamilyTest, NoKnockOnE0213AfterE0237) {
  Session s;
  auto tree = s.parse(one_indicator("    data t.*\n"));
  ASSERT_TRUE(tree) << s.rendered();
  const RuleSet rules = check_rules({*tree}, s.sink);
  auto data = s.load(small_dataset(row("r", "1")));
  ASSERT_TRUE(data) << s.rendered();
  EXPECT_FALSE(evaluate(rules, *data, s.sink));
  EXPECT_DIAGNOSTIC(s, "E0237", "'t.*' has '*' outside a family", "test.rules:3:10");
  EXPECT_EQ(s.sink.error_count(), 1u) << s.rendered();
}

TEST(LanguageFamilyTest, E0237StarInABreakdownOutsideAFamily) {
  CheckError e(one_indicator("    data t.r@mars_2020\n    breakdown man \"Män\" data t.*.man@mars_2020\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0237", "'t.*.man@mars_2020' has '*' outside a family", "test.rules:4:30");
  EXPECT_EQ(e.s.count("E0237"), 1u);
}

// ============================================================================================
// Named constants
// ============================================================================================

TEST(LanguageConstantTest, ConstantAsATargetBound) {
  Pipeline r("const mal = 95\n" + one_indicator("    unit percent\n    data t.r\n    target >= mal\n"),
             small_dataset(row("r", "95 %")));
  ASSERT_TRUE(r.results);
  const ItemResult& x = r.item("x");
  EXPECT_EQ(x.target.value, Decimal::integer(95));
  EXPECT_EQ(x.target.constant->text, "mal");
  EXPECT_EQ(x.verdict, Verdict::met);
  EXPECT_EQ(x.direction, ast::Direction::higher);
  EXPECT_EQ(r.sentence("x"), "Mått: 95 % når målvärdet 95 %. Målet är uppfyllt.");
}

TEST(LanguageConstantTest, DecimalAndNegativeConstants) {
  Session s;
  auto rules = s.check("const a = 3,5\nconst b = -2\nconst c = 1_000\n");
  ASSERT_TRUE(rules) << s.rendered();
  EXPECT_EQ(rules->constants.at("a"), dec(35, 1));
  EXPECT_EQ(rules->constants.at("b"), Decimal::integer(-2));
  EXPECT_EQ(rules->constants.at("c"), Decimal::integer(1000));
}

TEST(LanguageConstantTest, DeclaredAfterUseAndInAnotherFile) {
  Session s;
  auto rules = s.check({{"a.rules", one_indicator("    data t.r\n    target <= grans annual\n")},
                        {"b.rules", "const grans = 120\n"}});
  ASSERT_TRUE(rules) << s.rendered();
  EXPECT_EQ(rules->indicators.at(0).target.value, Decimal::integer(120));
  Session later;
  auto same_file = later.check(one_indicator("    data t.r\n    target >= g\n") + "const g = 7\n");
  ASSERT_TRUE(same_file) << later.rendered();
  EXPECT_EQ(same_file->indicators.at(0).target.value, Decimal::integer(7));
}

TEST(LanguageConstantTest, ConstantAsMaterialityAndTolerance) {
  Session s;
  auto rules = s.check(
      "const vasentlighet = 500\nconst avrundning = 1\n"
      "area a \"A\" {\n  budget b \"B\" { table t outcome o budget b materiality vasentlighet tkr }\n}\n"
      "check c \"C\" { expect t.a = t.b tolerance avrundning }\n");
  ASSERT_TRUE(rules) << s.rendered();
  EXPECT_EQ(rules->budgets.at(0).materiality, Decimal::integer(500));
  EXPECT_EQ(rules->checks.at(0).tolerance, Decimal::integer(1));
}

TEST(LanguageConstantTest, ConstantInAnExpression) {
  Pipeline r(
      "const faktor = 2,5\narea a \"A\" {\n  indicator y \"Y\" { value t.r * faktor target >= faktor }\n}\n",
      small_dataset(row("r", "4")));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.item("y").current->value.number, Decimal::integer(10));
  EXPECT_EQ(r.item("y").verdict, Verdict::met);
}

TEST(LanguageConstantTest, JsonShowsTheValueNotTheName) {
  Pipeline r("const mal = 95\n" + one_indicator("    data t.r\n    target >= mal\n"),
             small_dataset(row("r", "96")));
  ASSERT_TRUE(r.results);
  const Json x = r.json()["indicators"][0];
  EXPECT_EQ(x["target"], 95);
  EXPECT_EQ(target_text(r.item("x")), "\xE2\x89\xA5 95");
}

TEST(LanguageConstantTest, PreviousAfterAComparatorIsNeverAConstant) {
  Session s;
  auto rules = s.check("const previous = 5\n" + one_indicator("    data t.r\n    target >= previous\n"));
  ASSERT_TRUE(rules) << s.rendered();
  EXPECT_TRUE(rules->indicators.at(0).target.relative);
  EXPECT_FALSE(rules->indicators.at(0).target.constant);
}

TEST(LanguageConstantTest, E0209NegativeConstantAsMaterialityOrTolerance) {
  CheckError e(
      "const m = -5\n"
      "area a \"A\" {\n  budget b \"B\" { table t outcome o budget b materiality m }\n}\n"
      "check c \"C\" { expect t.a = t.b tolerance m }\n");
  EXPECT_DIAGNOSTIC(e.s, "E0209", "materiality must not be negative", "test.rules:3:45");
  EXPECT_DIAGNOSTIC(e.s, "E0209", "a tolerance must not be negative", "test.rules:5:32");
}

TEST(LanguageConstantTest, ConstantInADataCheck) {
  Pipeline r("const malniva = 5\ncheck c \"C\" { expect t.r >= malniva + 1 }\n",
             small_dataset(row("r", "6")));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.results->checks.at(0).right, Decimal::integer(6));
  EXPECT_EQ(r.results->checks.at(0).outcome, CheckResult::Outcome::pass);
}

TEST(LanguageConstantTest, E0238UnknownConstantWithDidYouMean) {
  CheckError e("const mal = 95\n" + one_indicator("    data t.r\n    target >= mall\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0238", "unknown constant 'mall'", "test.rules:5:15");
  EXPECT_EQ(e.helps("E0238"), std::vector<std::string>{"did you mean 'mal'?"});
}

TEST(LanguageConstantTest, E0238WithoutAnyConstant) {
  CheckError e(one_indicator("    data t.r\n    target >= mal\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0238", "unknown constant 'mal'", "test.rules:4:15");
  EXPECT_EQ(e.helps("E0238"),
            std::vector<std::string>{"declare it at the top level of a rule file: const NAME = NUMBER"});
}

TEST(LanguageConstantTest, E0238InMaterialityAndTolerance) {
  CheckError e(
      "const vasentlighet = 500\n"
      "area a \"A\" {\n  budget b \"B\" { table t outcome o budget b materiality vasentlighe }\n}\n"
      "check c \"C\" { expect t.a = t.b tolerance avrundning }\n");
  EXPECT_DIAGNOSTIC(e.s, "E0238", "unknown constant 'vasentlighe'", "test.rules:3:57");
  EXPECT_DIAGNOSTIC(e.s, "E0238", "unknown constant 'avrundning'", "test.rules:5:42");
  EXPECT_EQ(e.s.count("E0238"), 2u);
}

TEST(LanguageConstantTest, E0221UnknownNameInAnExpressionSuggestsAConstant) {
  CheckError e("const faktor = 2\narea a \"A\" {\n  indicator y \"Y\" { value t.r * faktr }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0221", "unknown indicator or constant 'faktr'", "test.rules:3:33");
  EXPECT_EQ(e.helps("E0221"), std::vector<std::string>{"did you mean 'faktor'?"});
}

TEST(LanguageConstantTest, ConstantIdsShareTheNamespace) {
  CheckError e("const x = 1\n" + one_indicator("    data t.r\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0201", "duplicate id 'x': ids must be unique across the rule set",
                    "test.rules:3:13");
  EXPECT_EQ(test::note_location(e.s, *e.s.find("E0201")), "test.rules:1:7");
  CheckError twice("const x = 1\nconst x = 2\n");
  EXPECT_DIAGNOSTIC(twice.s, "E0201", "duplicate id 'x': ids must be unique across the rule set",
                    "test.rules:2:7");
}

// ============================================================================================
// Metadata: description, owner, source, kolada
// ============================================================================================

TEST(LanguageMetadataTest, KeptInResultsAndJson) {
  Pipeline r(one_indicator("    data t.r\n    kolada \"N00945\"\n    description \"Andel \\\"nöjda\\\"\"\n"
                           "    owner \"HR-chef\"\n    source \"Medarbetarenkät\"\n"),
             small_dataset(row("r", "1")));
  ASSERT_TRUE(r.results);
  const auto& m = r.item("x").metadata;
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[0], (std::pair<std::string, std::string>{"description", "Andel \"nöjda\""}));
  EXPECT_EQ(m[1], (std::pair<std::string, std::string>{"owner", "HR-chef"}));
  EXPECT_EQ(m[2], (std::pair<std::string, std::string>{"source", "Medarbetarenkät"}));
  EXPECT_EQ(m[3], (std::pair<std::string, std::string>{"kolada", "N00945"}));
  const Json x = r.json()["indicators"][0];
  EXPECT_EQ(x["description"], "Andel \"nöjda\"");
  EXPECT_EQ(x["owner"], "HR-chef");
  EXPECT_EQ(x["source"], "Medarbetarenkät");
  EXPECT_EQ(x["kolada"], "N00945");
  EXPECT_FALSE(x.contains("family"));
}

TEST(LanguageMetadataTest, AbsentMetadataIsNotInJson) {
  Pipeline r(one_indicator("    data t.r\n    breakdown man \"Män\" data t.r\n    owner \"O\"\n"),
             small_dataset(row("r", "1")));
  ASSERT_TRUE(r.results);
  const Json x = r.json()["indicators"][0];
  EXPECT_FALSE(x.contains("description"));
  EXPECT_FALSE(x.contains("kolada"));
  EXPECT_FALSE(x["breakdowns"][0].contains("owner"));  // metadata belongs to the indicator
}

TEST(LanguageMetadataTest, E0203MetadataGivenTwice) {
  CheckError e(one_indicator("    data t.r\n    owner \"A\"\n    kolada \"N1\"\n    owner \"B\"\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0203", "'owner' is given more than once", "test.rules:6:5");
  EXPECT_EQ(test::note_location(e.s, *e.s.find("E0203")), "test.rules:4:5");
  CheckError kolada(one_indicator("    data t.r\n    kolada \"N1\"\n    kolada \"N2\"\n"));
  EXPECT_DIAGNOSTIC(kolada.s, "E0203", "'kolada' is given more than once", "test.rules:5:5");
}

// ============================================================================================
// Data checks naming indicators; derived indicators naming others; W0305; E0217
// ============================================================================================

TEST(LanguageNamesTest, DataCheckNamesIndicators) {
  Pipeline r(
      "area a \"A\" {\n  indicator x \"X\" { data t.r }\n  indicator y \"Y\" { value x * 2 }\n}\n"
      "check c \"C\" { expect y = t.s }\ncheck d \"D\" { expect x + 1 <= t.s }\n",
      small_dataset(row("r", "5") + row("s", "10")));
  ASSERT_TRUE(r.results);
  ASSERT_EQ(r.results->checks.size(), 2u);
  EXPECT_EQ(r.results->checks[0].outcome, CheckResult::Outcome::pass);
  EXPECT_EQ(r.results->checks[0].left, Decimal::integer(10));
  EXPECT_EQ(r.results->checks[1].outcome, CheckResult::Outcome::pass);
  EXPECT_EQ(r.results->checks[1].left, Decimal::integer(6));
}

TEST(LanguageNamesTest, DerivedIndicatorReadsTheNamedIndicatorsPreviousValue) {
  Pipeline r(
      "area a \"A\" {\n  indicator x \"X\" { data t.r }\n  indicator y \"Y\" { value x * 2 higher is better "
      "}\n}\n",
      small_dataset("      r: {values: [10, 20, null]}\n"));
  ASSERT_TRUE(r.results);
  const ItemResult& y = r.item("y");
  EXPECT_EQ(y.current->value.number, Decimal::integer(40));
  ASSERT_TRUE(y.previous);
  EXPECT_EQ(y.previous->value.number, Decimal::integer(20));
  EXPECT_EQ(y.previous->period, (Period{2019, 12, true}));
  EXPECT_EQ(y.trend, Trend::improved);
  ASSERT_EQ(y.inputs.size(), 1u);
  EXPECT_EQ(y.inputs[0].column_id, "mars_2020");
}

TEST(LanguageNamesTest, W0305PatternMatchingNoRow) {
  Pipeline r("area a \"A\" {\n  indicator y \"Y\" { value sum(t.* except r) }\n}\n",
             small_dataset(row("r", "5")));
  ASSERT_TRUE(r.results);
  EXPECT_DIAGNOSTIC(r.s, "W0305", "'t.* except r' matches no row with figures", "test.rules:2:31");
  EXPECT_EQ(r.s.count("W0305"), 1u);  // once, although evaluated for two periods
  EXPECT_EQ(r.s.find("W0305")->severity, Severity::warning);
  EXPECT_EQ(r.item("y").verdict, Verdict::no_target);
  EXPECT_EQ(r.item("y").reason, "every value is not applicable");
}

TEST(LanguageNamesTest, W0305InADataCheckAndUnderHeaderRows) {
  Pipeline r("check c \"C\" { expect sum(t.h.*) = 0 }\n",
             small_dataset("      h: {rows: {k: {rows: {deeper: {values: [1, 1, 1]}}}}}\n"));
  ASSERT_TRUE(r.results);
  EXPECT_DIAGNOSTIC(r.s, "W0305", "'t.h.*' matches no row with figures", "test.rules:1:26");
}

TEST(LanguageNamesTest, E0217BudgetLineClashesWithACheck) {
  Session s;
  EXPECT_FALSE(
      s.run("area a \"A\" {\n  budget b \"B\" { table t outcome mars_2020 budget malvarde }\n}\n"
            "check b_r \"C\" { expect t.r = t.r }\n",
            small_dataset(row("r", "1"))));
  EXPECT_DIAGNOSTIC(s, "E0217",
                    "budget 'b' generates the line id 'b_r', which is already the id of check 'b_r'",
                    "test.rules:2:3");
}

TEST(LanguageNamesTest, E0217BudgetLineClashesWithAConstant) {
  Session s;
  EXPECT_FALSE(s.run(
      "const b_r = 1\narea a \"A\" {\n  budget b \"B\" { table t outcome mars_2020 budget malvarde }\n}\n",
      small_dataset(row("r", "1"))));
  EXPECT_DIAGNOSTIC(s, "E0217",
                    "budget 'b' generates the line id 'b_r', which is already the id of constant 'b_r'",
                    "test.rules:3:3");
}

TEST(LanguageNamesTest, E0217BudgetLineClashesWithAProfile) {
  Session s;
  EXPECT_FALSE(
      s.run("profile b_r \"P\" { months 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }\n"
            "area a \"A\" {\n  budget b \"B\" { table t outcome mars_2020 budget malvarde }\n}\n",
            small_dataset(row("r", "1"))));
  EXPECT_DIAGNOSTIC(s, "E0217",
                    "budget 'b' generates the line id 'b_r', which is already the id of profile 'b_r'",
                    "test.rules:3:3");
}

TEST(LanguageNamesTest, W0305CountsZeroAndAnIteratingCheckHasNoResults) {
  Pipeline r(
      "area a \"A\" {\n  indicator y \"Y\" { value count(t.* except (r, s)) }\n}\n"
      "check c \"C\" { expect t.r.* = 0 }\n",
      small_dataset(row("r", "5") + row("s", "6")));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.item("y").current->value.number, Decimal::integer(0));
  EXPECT_TRUE(r.results->checks.empty());
  EXPECT_EQ(r.s.count("W0305"), 2u) << r.s.rendered();
  EXPECT_DIAGNOSTIC(r.s, "W0305", "'t.r.*' matches no row with figures", "test.rules:4:22");
}

TEST(LanguageNamesTest, ReasonTravelsThroughIndicatorNames) {
  Pipeline r(
      "area a \"A\" {\n  indicator x \"X\" { data t.r }\n  indicator y \"Y\" { value x + 1 target >= 0 "
      "}\n}\n",
      small_dataset(row("r", "sekretess")));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.item("y").verdict, Verdict::no_data);
  EXPECT_EQ(r.item("y").current->value.absence, Absence::confidential);
  EXPECT_EQ(r.sentence("y"), "Y: uppgift skyddad av sekretess (sekretess) i mars 2020; målvärdet 0.");
}

// ============================================================================================
// Profiles for annual targets
// ============================================================================================

// 5, 5, 10 of 100 by the end of March: 20 %.
const char* const profile_p = "profile p \"Säsong\" { months 5, 5, 10, 10, 10, 5, 0, 5, 15, 15, 15, 5 }\n";

// One indicator `x` with a profile declaration before it, against the Mars 2020 cell.
struct Profiled {
  Profiled(std::string_view properties, std::string_view now, std::string_view profile = profile_p)
      : run(std::string(profile) + one_indicator("    data t.r\n" + std::string(properties)),
            small_dataset(row("r", now))) {}
  const ItemResult& item() const { return run.results.value().items.at(0); }
  Pipeline run;
};

TEST(LanguageProfileTest, ExpectationFollowsTheWeightsOfTheMonthsElapsed) {
  Profiled on_line("    target >= 200 annual profile p\n", "40");
  ASSERT_TRUE(on_line.run.results);
  EXPECT_EQ(on_line.item().verdict, Verdict::on_track);
  EXPECT_EQ(on_line.item().reference, Decimal::integer(40));
  EXPECT_EQ(on_line.item().gap, Decimal::integer(0));
  EXPECT_EQ(on_line.item().months_elapsed, 3);
  EXPECT_EQ(on_line.item().target.profile->text, "p");
  Profiled below("    target >= 200 annual profile p\n", "\"39,9\"");
  ASSERT_TRUE(below.run.results);
  EXPECT_EQ(below.item().verdict, Verdict::behind);
  EXPECT_EQ(below.item().gap, dec(-1, 1));
  // Without the profile 3/12 of 200 is 50, and 40 is behind.
  Profiled plain("    target >= 200 annual\n", "40");
  ASSERT_TRUE(plain.run.results);
  EXPECT_EQ(plain.item().verdict, Verdict::behind);
}

TEST(LanguageProfileTest, UpperBound) {
  Profiled on_track("    target <= 200 annual profile p\n", "40");
  ASSERT_TRUE(on_track.run.results);
  EXPECT_EQ(on_track.item().verdict, Verdict::on_track);
  Profiled behind("    target <= 200 annual profile p\n", "\"40,1\"");
  ASSERT_TRUE(behind.run.results);
  EXPECT_EQ(behind.item().verdict, Verdict::behind);
}

TEST(LanguageProfileTest, ComparisonIsExactWhenTheExpectationIsNot) {
  // 3 of 13: 100 * 3 / 13 = 23,0769...
  const char* thirteenths = "profile q \"Q\" { months 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2 }\n";
  Profiled whole("    target >= 100 annual profile q\n", "23", thirteenths);
  ASSERT_TRUE(whole.run.results);
  EXPECT_EQ(whole.item().verdict, Verdict::behind);
  EXPECT_EQ(whole.item().reference->units(), 2308);
  EXPECT_EQ(whole.item().reference->scale(), 2);
  EXPECT_EQ(whole.item().gap, dec(-8, 2));
  Profiled decimal("    target >= 100 annual profile q\n", "\"23,1\"", thirteenths);
  ASSERT_TRUE(decimal.run.results);
  EXPECT_EQ(decimal.item().verdict, Verdict::on_track);
  EXPECT_EQ(decimal.item().reference->units(), 23077);
  EXPECT_EQ(decimal.item().reference->scale(), 3);
  // 23,0769 * 13 = 299,9997 < 300.
  Profiled just_below("    target >= 100 annual profile q\n", "\"23,0769\"", thirteenths);
  ASSERT_TRUE(just_below.run.results);
  EXPECT_EQ(just_below.item().verdict, Verdict::behind);
}

TEST(LanguageProfileTest, NothingDueYet) {
  Profiled p("    target >= 200 annual profile z\n", "0",
             "profile z \"Z\" { months 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1 }\n");
  ASSERT_TRUE(p.run.results);
  EXPECT_EQ(p.item().verdict, Verdict::on_track);
  EXPECT_EQ(p.item().reference, Decimal::integer(0));
}

TEST(LanguageProfileTest, DecimalWeights) {
  Profiled p("    target >= 100 annual profile d\n", "10",
             "profile d \"D\" { months 2,5, 2,5, 5, 10, 10, 10, 10, 10, 10, 10, 10, 10 }\n");
  ASSERT_TRUE(p.run.results);
  EXPECT_EQ(p.item().reference, Decimal::integer(10));
  EXPECT_EQ(p.item().verdict, Verdict::on_track);
  EXPECT_EQ(p.run.results.value().report.period.months(), 3);
}

TEST(LanguageProfileTest, BandIsProRatedByTheProfile) {
  // Expected 40, the band 10 of the year is 2 by now.
  Profiled near("    target >= 200 annual profile p within 10\n", "38");
  ASSERT_TRUE(near.run.results);
  EXPECT_EQ(near.item().verdict, Verdict::near);
  Profiled behind("    target >= 200 annual profile p within 10\n", "\"37,9\"");
  ASSERT_TRUE(behind.run.results);
  EXPECT_EQ(behind.item().verdict, Verdict::behind);
}

TEST(LanguageProfileTest, CommentaryNamesTheProfile) {
  Profiled on_line("    unit count\n    target >= 200 annual profile p\n", "40");
  ASSERT_TRUE(on_line.run.results);
  EXPECT_EQ(on_line.run.sentence("x"),
            "Mått: 40 hittills i år ligger i fas med årsmålet 200 (i nivå med förväntade 40 efter 3 av 12 "
            "månader enligt profilen p).");
  Profiled behind("    unit count\n    target >= 200 annual profile p\n", "39");
  ASSERT_TRUE(behind.run.results);
  EXPECT_EQ(behind.run.sentence("x"),
            "Mått: 39 hittills i år ligger efter årsmålet 200 (1 under förväntade 40 efter 3 av 12 månader "
            "enligt profilen p).");
}

TEST(LanguageProfileTest, JsonShowsTheProfileAndTheExpectation) {
  Profiled p("    target >= 200 annual profile p\n", "41");
  ASSERT_TRUE(p.run.results);
  const Json x = p.run.json()["indicators"][0];
  EXPECT_EQ(x["annual"], true);
  EXPECT_EQ(x["profile"], "p");
  EXPECT_EQ(x["expected"], 40);
  EXPECT_EQ(x["months_elapsed"], 3);
  EXPECT_EQ(x["verdict"], "on_track");
}

TEST(LanguageProfileTest, DeclarationIsParsedAndChecked) {
  Session s;
  auto rules = s.check(profile_p);
  ASSERT_TRUE(rules) << s.rendered();
  const std::vector<Decimal>& w = rules->profiles.at("p");
  ASSERT_EQ(w.size(), 12u);
  EXPECT_EQ(w[2], Decimal::integer(10));
  EXPECT_EQ(w[6], Decimal::integer(0));
  auto tree = s.parse(profile_p, "again.rules");
  ASSERT_TRUE(tree);
  EXPECT_EQ(tree->profiles.at(0).name, "Säsong");
}

TEST(LanguageProfileTest, ProfileInAnotherFile) {
  Session s;
  auto rules = s.check({{"a.rules", one_indicator("    data t.r\n    target >= 90 annual profile p\n")},
                        {"b.rules", profile_p}});
  EXPECT_TRUE(rules) << s.rendered();
}

TEST(LanguageProfileTest, E0239NotTwelveWeights) {
  CheckError eleven("profile p \"P\" { months 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }\n");
  EXPECT_DIAGNOSTIC(eleven.s, "E0239", "profile 'p' has 11 monthly weights; it needs 12, January first",
                    "test.rules:1:1");
  CheckError thirteen("\nprofile q \"Q\" { months 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }\n");
  EXPECT_DIAGNOSTIC(thirteen.s, "E0239", "profile 'q' has 13 monthly weights; it needs 12, January first",
                    "test.rules:2:1");
  CheckError one("profile r \"R\" { months 12 }\n");
  EXPECT_DIAGNOSTIC(one.s, "E0239", "profile 'r' has 1 monthly weight; it needs 12, January first",
                    "test.rules:1:1");
}

TEST(LanguageProfileTest, E0239DecimalCommasWithoutSpaces) {
  CheckError e("profile p \"P\" { months 5,5,10,10,10,5,0,5,15,15,15,5 }\n");
  EXPECT_DIAGNOSTIC(e.s, "E0239", "profile 'p' has 6 monthly weights; it needs 12, January first",
                    "test.rules:1:1");
}

// A profile that is declared but rejected (E0239/E0240) is then called unknown where a
// target names it: E0241 "unknown profile 'p'" with the help "declare it at the top
// level", although it is declared. Only the E0239 should be reported.
TEST(LanguageProfileTest, RejectedProfileIsNotAlsoUnknown) {
  CheckError e("profile p \"P\" { months 1 }\n" +
               one_indicator("    data t.r\n    target >= 1 annual profile p\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0239", "profile 'p' has 1 monthly weight; it needs 12, January first",
                    "test.rules:1:1");
  EXPECT_EQ(e.s.count("E0241"), 0u) << e.s.rendered();
}

TEST(LanguageProfileTest, E0240WeightsAddUpToZero) {
  CheckError e("profile p \"P\" { months 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }\n");
  EXPECT_DIAGNOSTIC(e.s, "E0240", "the weights of profile 'p' add up to zero", "test.rules:1:1");
}

TEST(LanguageProfileTest, E0240NegativeWeight) {
  // The grammar has no negative weight; the checker still guards against one.
  Session s;
  auto tree = s.parse(profile_p);
  ASSERT_TRUE(tree) << s.rendered();
  tree->profiles.at(0).weights.at(3) = Decimal::integer(-1);
  check_rules({*tree}, s.sink);
  EXPECT_DIAGNOSTIC(s, "E0240", "profile 'p' has a negative weight", "test.rules:1:1");
  EXPECT_EQ(s.sink.error_count(), 1u) << s.rendered();
}

TEST(LanguageProfileTest, E0241UnknownProfile) {
  CheckError close(std::string(profile_p) +
                   one_indicator("    data t.r\n    target >= 200 annual profile q\n"));
  EXPECT_DIAGNOSTIC(close.s, "E0241", "unknown profile 'q'", "test.rules:5:34");
  EXPECT_EQ(close.helps("E0241"), std::vector<std::string>{"did you mean 'p'?"});
  CheckError none(one_indicator("    data t.r\n    target >= 200 annual profile sasong\n"));
  EXPECT_DIAGNOSTIC(none.s, "E0241", "unknown profile 'sasong'", "test.rules:4:34");
  EXPECT_EQ(none.helps("E0241"),
            std::vector<std::string>{"declare it at the top level: profile NAME \"Name\" { "
                                     "months w1, ..., w12 }"});
}

TEST(LanguageProfileTest, ProfileIdsShareTheNamespace) {
  CheckError e(std::string("profile x \"X\" { months 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }\n") +
               one_indicator("    data t.r\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0201", "duplicate id 'x': ids must be unique across the rule set",
                    "test.rules:3:13");
}

// ============================================================================================
// Colour bands
// ============================================================================================

const char* const traffic_lights = "    bands { green >= 92  yellow >= 88 < 92  red < 88 }\n";

TEST(LanguageBandTest, ColourGivesTheVerdict) {
  const std::string p = std::string("    unit percent\n") + traffic_lights;
  EXPECT_EQ(verdict_of(p, "92 %"), Verdict::met);
  EXPECT_EQ(verdict_of(p, "100 %"), Verdict::met);
  EXPECT_EQ(verdict_of(p, "\"91,99 %\""), Verdict::near);
  EXPECT_EQ(verdict_of(p, "88 %"), Verdict::near);
  EXPECT_EQ(verdict_of(p, "\"87,99 %\""), Verdict::not_met);
  EXPECT_EQ(verdict_of(p, "\"-5\""), Verdict::not_met);
}

TEST(LanguageBandTest, ResultKeepsBandsAndColour) {
  Single s(traffic_lights, "[null, 90, null]");
  ASSERT_TRUE(s.results) << s.session.rendered();
  const ItemResult& r = s.item();
  ASSERT_EQ(r.bands.size(), 3u);
  EXPECT_EQ(r.bands[1].colour, ast::ColourBand::Colour::yellow);
  ASSERT_EQ(r.bands[1].conditions.size(), 2u);
  EXPECT_EQ(r.bands[1].conditions[1],
            (std::pair<ast::Comparator, Decimal>{ast::Comparator::lt, Decimal::integer(92)}));
  EXPECT_EQ(r.colour, ast::ColourBand::Colour::yellow);
  EXPECT_EQ(r.compared, Decimal::integer(90));
  EXPECT_EQ(r.target.kind, ast::Target::Kind::none);
  EXPECT_EQ(s.session.sources.location(r.bands[2].span), "test.rules:3:45");
}

TEST(LanguageBandTest, CommentarySaysTheColourAndItsInterval) {
  const std::string p = std::string("    unit percent\n") + traffic_lights;
  EXPECT_EQ(sentence(p, "[null, 92 %, null]"),
            "Mått: 92 % i mars 2020 ligger i grönt (≥ 92 %). Målet är uppfyllt.");
  EXPECT_EQ(sentence(p, "[null, 90 %, null]"),
            "Mått: 90 % i mars 2020 ligger i gult (≥ 88 % och < 92 %). Målet är nästan uppfyllt.");
  EXPECT_EQ(sentence(p, "[null, 80 %, null]"),
            "Mått: 80 % i mars 2020 ligger i rött (< 88 %). Målet är inte uppfyllt.");
  EXPECT_EQ(
      sentence("    higher is better\n" + p, "[85 %, 90 %, null]"),
      "Mått: 90 % i mars 2020 ligger i gult (≥ 88 % och < 92 %), en förbättring från 85 % 2019. Målet är "
      "nästan uppfyllt.");
}

TEST(LanguageBandTest, PrecisionRoundsBeforeTheColourIsChosen) {
  Single s(std::string("    unit percent\n    precision 1\n") + traffic_lights, "[null, \"91,96\", null]");
  ASSERT_TRUE(s.results) << s.session.rendered();
  EXPECT_EQ(s.item().colour, ast::ColourBand::Colour::green);
  EXPECT_EQ(s.item().unrounded, dec(9196, 2));
  EXPECT_EQ(write_commentary(*s.results).items.at(0),
            "Mått: 92,0 % i mars 2020 ligger i grönt (≥ 92 %). Målet är uppfyllt.");
}

TEST(LanguageBandTest, BreakdownsAreBandedLikeTheirIndicator) {
  Pipeline r(
      one_indicator("    data t.r\n    breakdown man \"Män\" data t.r.man\n" + std::string(traffic_lights)),
      small_dataset("      r: {values: [null, 95, null], rows: {man: {values: [null, 89, null]}}}\n"));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.item("x").verdict, Verdict::met);
  EXPECT_EQ(r.item("x").breakdowns.at(0).verdict, Verdict::near);
  EXPECT_EQ(r.item("x").breakdowns.at(0).colour, ast::ColourBand::Colour::yellow);
  EXPECT_EQ(r.commentary.breakdowns.at(0).at(0),
            "Män: 89 i mars 2020 ligger i gult (≥ 88 och < 92). Målet är nästan uppfyllt.");
}

TEST(LanguageBandTest, DerivedValueIsBandedAtItsDefaultPrecision) {
  // 275,97 / 3 = 91,99 is 92,0 at one decimal: green.
  Pipeline d("area a \"A\" {\n  indicator y \"Y\" { unit percent value t.r / 3" +
                 std::string(traffic_lights) + " }\n}\n",
             small_dataset(row("r", "\"275,97\"")));
  ASSERT_TRUE(d.results);
  EXPECT_EQ(d.item("y").verdict, Verdict::met);
  EXPECT_EQ(d.sentence("y"), "Y: 92,0 % i mars 2020 ligger i grönt (≥ 92 %). Målet är uppfyllt.");
}

TEST(LanguageBandTest, AbsentValues) {
  EXPECT_EQ(verdict_of(traffic_lights, "\"..\""), Verdict::no_data);
  EXPECT_EQ(verdict_of(traffic_lights, "N/A"), Verdict::not_applicable);
  EXPECT_EQ(verdict_of(traffic_lights, "null"), Verdict::no_data);
  Single s(traffic_lights, "[null, x, null]");
  ASSERT_TRUE(s.results);
  EXPECT_FALSE(s.item().colour);
}

// An indicator with colour bands and no value names its green interval, not a target.
TEST(LanguageBandTest, CommentaryOfAMissingValueNamesTheGreenInterval) {
  EXPECT_EQ(sentence(std::string("    unit percent\n") + traffic_lights, "[null, \"..\", null]"),
            "Mått: uppgift ännu inte publicerad (..) i mars 2020; grönt intervall ≥ 92 %.");
  EXPECT_EQ(sentence("    bands { red < 1  green >= 1 <= 5  yellow > 5 }\n", "[null, N/A, null]"),
            "Mått: ej tillämpligt (N/A) i mars 2020; grönt intervall ≥ 1 och ≤ 5.");
}

TEST(LanguageBandTest, BandsWithEqualsAndRepeatedColours) {
  const char* point = "    bands { red < 90  yellow = 90  green > 90 }\n";
  EXPECT_EQ(verdict_of(point, "90"), Verdict::near);
  EXPECT_EQ(verdict_of(point, "\"90,01\""), Verdict::met);
  EXPECT_EQ(verdict_of(point, "\"89,99\""), Verdict::not_met);
  const char* middle = "    bands { red < 50  green >= 50 <= 60  red > 60 }\n";
  EXPECT_EQ(verdict_of(middle, "49"), Verdict::not_met);
  EXPECT_EQ(verdict_of(middle, "55"), Verdict::met);
  EXPECT_EQ(verdict_of(middle, "61"), Verdict::not_met);
  Session s;
  EXPECT_TRUE(s.check(one_indicator("    data t.r\n" + std::string(middle)))) << s.rendered();
}

TEST(LanguageBandTest, OrderOfDeclarationDoesNotMatter) {
  const char* shuffled = "    bands { yellow < 92 >= 88  red < 88  green >= 92 }\n";
  Session s;
  EXPECT_TRUE(s.check(one_indicator("    data t.r\n" + std::string(shuffled)))) << s.rendered();
  EXPECT_EQ(verdict_of(shuffled, "90"), Verdict::near);
}

TEST(LanguageBandTest, TargetTextAndJson) {
  Pipeline r(one_indicator("    unit percent\n    data t.r\n" + std::string(traffic_lights)),
             small_dataset(row("r", "89 %")));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(target_text(r.item("x")), "grönt ≥ 92 %");
  const Json x = r.json()["indicators"][0];
  EXPECT_EQ(x["colour"], "yellow");
  EXPECT_EQ(x["verdict"], "near");
  EXPECT_EQ(x["target"], nullptr);
  EXPECT_EQ(x["target_status"], "none");
  EXPECT_EQ(x["gap"], nullptr);
  ASSERT_EQ(x["bands"].size(), 3u);
  EXPECT_EQ(x["bands"][0], (Json{{"colour", "green"},
                                 {"conditions", Json::array({{{"comparator", ">="}, {"value", 92}}})}}));
  EXPECT_EQ(x["bands"][1]["colour"], "yellow");
  EXPECT_EQ(x["bands"][1]["conditions"][1]["comparator"], "<");
  EXPECT_EQ(x["bands"][2]["conditions"][0]["value"], 88);
}

TEST(LanguageBandTest, E0242TargetAndBands) {
  CheckError e(one_indicator("    data t.r\n    target >= 92\n" + std::string(traffic_lights)));
  EXPECT_DIAGNOSTIC(e.s, "E0242", "indicator 'x' has both a target and colour bands", "test.rules:5:5");
  EXPECT_EQ(e.notes("E0242"), std::vector<std::string>{"the target is given here"});
  EXPECT_EQ(test::note_location(e.s, *e.s.find("E0242")), "test.rules:4:5");
  EXPECT_EQ(e.helps("E0242"), std::vector<std::string>{
                                  "colour bands replace the target: green is met, yellow near, red not met"});
}

TEST(LanguageBandTest, E0203BandsGivenTwice) {
  CheckError e(one_indicator("    data t.r\n" + std::string(traffic_lights) + traffic_lights));
  EXPECT_DIAGNOSTIC(e.s, "E0203", "'bands' is given more than once", "test.rules:5:5");
}

// The E0243 diagnostics for `bands` of indicator x (the bands on line 4).
struct Coverage {
  explicit Coverage(std::string_view bands)
      : e(one_indicator("    data t.r\n    bands { " + std::string(bands) + " }\n")) {}
  CheckError e;
};

TEST(LanguageBandTest, E0243NothingBelowTheLowestBand) {
  Coverage c("green >= 92  yellow >= 88 < 92");
  EXPECT_DIAGNOSTIC(c.e.s, "E0243", "the bands give no colour to values below 88", "test.rules:4:5");
  EXPECT_EQ(c.e.helps("E0243"),
            std::vector<std::string>{"let the lowest band have no lower bound, as in: red < 88"});
  EXPECT_EQ(c.e.s.count("E0243"), 1u) << c.e.s.rendered();
}

TEST(LanguageBandTest, E0243NothingAboveTheHighestBand) {
  Coverage c("red < 88  yellow >= 88 < 92");
  EXPECT_DIAGNOSTIC(c.e.s, "E0243", "the bands give no colour to values above 92", "test.rules:4:5");
  EXPECT_EQ(c.e.helps("E0243"),
            std::vector<std::string>{"let the highest band have no upper bound, as in: green >= 92"});
  EXPECT_EQ(c.e.s.count("E0243"), 1u) << c.e.s.rendered();
}

TEST(LanguageBandTest, E0243NoBands) {
  Coverage c("");
  EXPECT_DIAGNOSTIC(c.e.s, "E0243", "the bands give no colour to values below anything", "test.rules:4:5");
  EXPECT_EQ(c.e.s.count("E0243"), 1u) << c.e.s.rendered();
}

TEST(LanguageBandTest, E0243SingleMissingValue) {
  Coverage c("red < 88  yellow > 88 < 92  green >= 92");
  EXPECT_DIAGNOSTIC(c.e.s, "E0243", "the bands give no colour to 88", "test.rules:4:23");
  EXPECT_EQ(c.e.helps("E0243"),
            std::vector<std::string>{"let each band begin where the one below it ends, as in: "
                                     "yellow >= 88 < 92, green >= 92"});
}

TEST(LanguageBandTest, E0243GapBetweenTwoValues) {
  Coverage c("green < 4  yellow >= 4 <= 6  red > 6,5");
  EXPECT_DIAGNOSTIC(c.e.s, "E0243", "the bands give no colour to values between 6 and 6,5",
                    "test.rules:4:42");
  EXPECT_EQ(c.e.s.count("E0243"), 1u) << c.e.s.rendered();
}

TEST(LanguageBandTest, E0243OverlapAtABound) {
  Coverage closed("red <= 88  yellow >= 88 < 92  green >= 92");
  EXPECT_DIAGNOSTIC(closed.e.s, "E0243", "the red and yellow bands overlap at 88", "test.rules:4:24");
  EXPECT_EQ(closed.e.helps("E0243"), std::vector<std::string>{"use < on one side and >= on the other, as in: "
                                                              "yellow >= 88 < 92, green >= 92"});
  Coverage inside("red < 88  yellow >= 87 < 92  green >= 92");
  EXPECT_DIAGNOSTIC(inside.e.s, "E0243", "the red and yellow bands overlap at 87", "test.rules:4:23");
}

TEST(LanguageBandTest, E0243OverlapAboveAnUnboundedBand) {
  Coverage c("red < 88  green >= 88  yellow >= 90");
  EXPECT_DIAGNOSTIC(c.e.s, "E0243", "the green and yellow bands overlap above 90", "test.rules:4:36");
  EXPECT_EQ(c.e.s.count("E0243"), 1u) << c.e.s.rendered();
}

TEST(LanguageBandTest, E0243TwoBandsWithoutALowerBound) {
  Coverage c("red < 88  yellow < 92  green >= 92");
  ASSERT_EQ(c.e.s.count("E0243"), 1u) << c.e.s.rendered();
  const Diagnostic& d = *c.e.s.find("E0243");
  // The two bands sort as equal; either may be named first.
  EXPECT_TRUE(d.message == "the red and yellow bands overlap: both have no lower bound" ||
              d.message == "the yellow and red bands overlap: both have no lower bound")
      << d.message;
  EXPECT_TRUE(c.e.s.where(d) == "test.rules:4:13" || c.e.s.where(d) == "test.rules:4:23") << c.e.s.where(d);
}

TEST(LanguageBandTest, E0243EveryGapAndOverlapIsReported) {
  Coverage c("red < 80  yellow > 80 <= 90  green >= 90");
  EXPECT_DIAGNOSTIC(c.e.s, "E0243", "the bands give no colour to 80", "test.rules:4:23");
  EXPECT_DIAGNOSTIC(c.e.s, "E0243", "the yellow and green bands overlap at 90", "test.rules:4:42");
  EXPECT_EQ(c.e.s.count("E0243"), 2u) << c.e.s.rendered();
}

TEST(LanguageBandTest, E0243EmptyBand) {
  Coverage crossed("red < 88  yellow > 92 < 88  green >= 92");
  EXPECT_DIAGNOSTIC(crossed.e.s, "E0243", "the yellow band contains no value", "test.rules:4:23");
  EXPECT_EQ(crossed.e.s.count("E0243"), 1u) << crossed.e.s.rendered();
  Coverage open("red < 90  yellow > 90 < 90  green >= 90");
  EXPECT_DIAGNOSTIC(open.e.s, "E0243", "the yellow band contains no value", "test.rules:4:23");
  Session point;  // >= 90 <= 90 holds exactly 90
  EXPECT_TRUE(
      point.check(one_indicator("    data t.r\n    bands { red < 90  yellow >= 90 <= 90  green > 90 }\n")))
      << point.rendered();
}

TEST(LanguageBandTest, E0243TighterOfTwoConditionsOnOneSide) {
  Session ok;  // red < 88 <= 90 is red < 88
  EXPECT_TRUE(ok.check(one_indicator("    data t.r\n    bands { red < 88 <= 90  green >= 88 }\n")))
      << ok.rendered();
  Coverage c("red <= 88 < 88  green > 88");
  EXPECT_DIAGNOSTIC(c.e.s, "E0243", "the bands give no colour to 88", "test.rules:4:29");
}

// A band nested inside an unbounded one is an overlap; the values above the nested band
// are coloured by the unbounded band and are no gap.
TEST(LanguageBandTest, E0243NoFalseGapAboveANestedBand) {
  Coverage c("red < 88  yellow >= 88  green >= 90 < 95");
  EXPECT_DIAGNOSTIC(c.e.s, "E0243", "the yellow and green bands overlap above 90", "test.rules:4:37");
  EXPECT_EQ(c.e.s.count("E0243"), 1u) << c.e.s.rendered();
}

// ============================================================================================
// Breakdown roll-ups (`breakdowns`) and gap checks (`gap`)
// ============================================================================================

// An indicator x over t.r with breakdowns man and kvinnor and `properties`.
struct Split {
  Split(std::string_view properties, std::string_view total, std::string_view man, std::string_view kvinnor)
      : run(one_indicator("    data t.r\n    breakdown man \"Män\" data t.r.man\n"
                          "    breakdown kvinnor \"Kvinnor\" data t.r.kvinnor\n" +
                          std::string(properties)),
            small_dataset("      r:\n        values: [null, " + std::string(total) +
                          ", null]\n        rows:\n          man: {values: [null, " + std::string(man) +
                          ", null]}\n          kvinnor: {values: [null, " + std::string(kvinnor) +
                          ", null]}\n")) {}
  const CheckResult& check(std::size_t i = 0) const { return run.results.value().checks.at(i); }
  const std::string& sentence(std::size_t i = 0) const { return run.commentary.checks.at(i); }
  Pipeline run;
};

TEST(LanguageBreakdownsTest, SumThatAddsUp) {
  Split s("    breakdowns sum\n", "10", "4", "6");
  ASSERT_TRUE(s.run.results);
  ASSERT_EQ(s.run.results->checks.size(), 1u);
  const CheckResult& c = s.check();
  EXPECT_EQ(c.id, "x.breakdowns");
  EXPECT_EQ(c.check_id, "x.breakdowns");
  EXPECT_EQ(c.name, "Mått: grupperna ger totalen");
  EXPECT_EQ(c.comparator, ast::Comparator::eq);
  EXPECT_FALSE(c.row);
  EXPECT_FALSE(c.column);
  EXPECT_EQ(c.left, Decimal::integer(10));
  EXPECT_EQ(c.right, Decimal::integer(10));
  EXPECT_EQ(c.difference, Decimal::integer(0));
  EXPECT_EQ(c.tolerance, Decimal::integer(1));
  EXPECT_EQ(c.outcome, CheckResult::Outcome::pass);
  EXPECT_EQ(s.run.s.sources.location(c.rule_span), "test.rules:2:3");
  ASSERT_EQ(c.left_inputs.size(), 2u);
  EXPECT_EQ(s.run.s.sources.location(c.left_inputs[0].value.span), "test.yaml:17:32");
  EXPECT_EQ(s.run.s.sources.location(c.left_inputs[1].value.span), "test.yaml:18:36");
  ASSERT_EQ(c.right_inputs.size(), 1u);
  EXPECT_EQ(s.run.s.sources.location(c.right_inputs[0].value.span), "test.yaml:15:24");
  EXPECT_EQ(s.sentence(), "Mått: grupperna ger totalen: 10 mot 10 stämmer.");
}

TEST(LanguageBreakdownsTest, ToleranceIsOneUnitInTheTotalsLastDecimal) {
  Split whole("    breakdowns sum\n", "10", "4", "7");
  ASSERT_TRUE(whole.run.results);
  EXPECT_EQ(whole.check().outcome, CheckResult::Outcome::rounding);
  EXPECT_EQ(whole.sentence(),
            "Mått: grupperna ger totalen: 11 mot 10 skiljer 1, inom avrundning (tolerans 1).");
  Split off("    breakdowns sum\n", "10", "4", "8");
  ASSERT_TRUE(off.run.results);
  EXPECT_EQ(off.check().outcome, CheckResult::Outcome::fail);
  EXPECT_EQ(off.sentence(), "Mått: grupperna ger totalen: 12 mot 10 skiljer 2, stämmer inte.");
  Split tenths("    breakdowns sum\n", "\"10,0\"", "\"4,05\"", "6");
  ASSERT_TRUE(tenths.run.results);
  EXPECT_EQ(tenths.check().tolerance, dec(1, 1));
  EXPECT_EQ(tenths.check().outcome, CheckResult::Outcome::rounding);
  Split beyond("    breakdowns sum\n", "\"10,0\"", "\"4,11\"", "6");
  ASSERT_TRUE(beyond.run.results);
  EXPECT_EQ(beyond.check().outcome, CheckResult::Outcome::fail);
}

TEST(LanguageBreakdownsTest, Mean) {
  Split exact("    breakdowns mean\n", "5", "4", "6");
  ASSERT_TRUE(exact.run.results);
  EXPECT_EQ(exact.check().left, Decimal::integer(5));
  EXPECT_EQ(exact.check().outcome, CheckResult::Outcome::pass);
  Split half("    breakdowns mean\n", "\"3,5\"", "3", "4");
  ASSERT_TRUE(half.run.results);
  EXPECT_EQ(half.check().left, dec(35, 1));
  EXPECT_EQ(half.check().outcome, CheckResult::Outcome::pass);
  Split rounded("    breakdowns mean\n", "\"3,4\"", "\"3,8\"", "\"3,1\"");  // 3,45
  ASSERT_TRUE(rounded.run.results);
  EXPECT_EQ(rounded.check().left, dec(345, 2));
  EXPECT_EQ(rounded.check().outcome, CheckResult::Outcome::rounding);
}

TEST(LanguageBreakdownsTest, WeightedMean) {
  Split s("    breakdowns mean weighted by 40, 60\n", "\"5,2\"", "4", "6");
  ASSERT_TRUE(s.run.results);
  EXPECT_EQ(s.check().left, dec(52, 1));
  EXPECT_EQ(s.check().outcome, CheckResult::Outcome::pass);
  Split decimals("    breakdowns mean weighted by 0,25, 0,75\n", "\"5,5\"", "4", "6");
  ASSERT_TRUE(decimals.run.results);
  EXPECT_EQ(decimals.check().left, dec(55, 1));
  EXPECT_EQ(decimals.check().outcome, CheckResult::Outcome::pass);
  Session s2;
  auto tree = s2.parse(one_indicator("    breakdowns mean weighted by 40, 60\n"));
  ASSERT_TRUE(tree) << s2.rendered();
  const ast::BreakdownMethod& m = tree->indicators.at(0).breakdown_method.at(0).value;
  EXPECT_EQ(m.kind, ast::BreakdownMethod::Kind::weighted_mean);
  EXPECT_EQ(m.weights, (std::vector<Decimal>{Decimal::integer(40), Decimal::integer(60)}));
}

TEST(LanguageBreakdownsTest, MissingFiguresAreNoDataNeverAPass) {
  Split part("    breakdowns sum\n", "10", "\"..\"", "6");
  ASSERT_TRUE(part.run.results);
  EXPECT_EQ(part.check().outcome, CheckResult::Outcome::no_data);
  EXPECT_FALSE(part.check().left);
  EXPECT_EQ(part.sentence(), "Mått: grupperna ger totalen: kan inte kontrolleras, uppgift saknas.");
  Split total("    breakdowns sum\n", "I.U.", "4", "6");
  ASSERT_TRUE(total.run.results);
  EXPECT_EQ(total.check().outcome, CheckResult::Outcome::no_data);
  EXPECT_EQ(total.check().left, Decimal::integer(10));
  EXPECT_FALSE(total.check().right);
  Split na("    gap <= 2\n", "10", "N/A", "6");
  ASSERT_TRUE(na.run.results);
  EXPECT_EQ(na.check().outcome, CheckResult::Outcome::no_data);
}

TEST(LanguageBreakdownsTest, GapBetweenTheRows) {
  Split far("    unit percent\n    gap <= 2\n", "5", "\"3,8\"", "\"6,7\"");
  ASSERT_TRUE(far.run.results);
  ASSERT_EQ(far.run.results->checks.size(), 1u);
  const CheckResult& c = far.check();
  EXPECT_EQ(c.id, "x.gap");
  EXPECT_EQ(c.name, "Mått: skillnaden mellan grupperna");
  EXPECT_EQ(c.comparator, ast::Comparator::le);
  EXPECT_EQ(c.left, dec(29, 1));
  EXPECT_EQ(c.right, Decimal::integer(2));
  EXPECT_EQ(c.tolerance, Decimal::integer(0));
  EXPECT_EQ(c.outcome, CheckResult::Outcome::fail);
  EXPECT_EQ(c.left_inputs.size(), 2u);
  EXPECT_TRUE(c.right_inputs.empty());
  EXPECT_EQ(far.sentence(), "Mått: skillnaden mellan grupperna: 2,9 ≤ 2 skiljer 0,9, stämmer inte.");
  Split close("    gap < 3\n", "5", "\"3,8\"", "\"6,7\"");
  ASSERT_TRUE(close.run.results);
  EXPECT_EQ(close.check().outcome, CheckResult::Outcome::pass);
  EXPECT_EQ(close.sentence(), "Mått: skillnaden mellan grupperna: 2,9 < 3 stämmer.");
  Split equal("    gap = 0\n", "5", "5", "5");
  ASSERT_TRUE(equal.run.results);
  EXPECT_EQ(equal.check().outcome, CheckResult::Outcome::pass);
}

TEST(LanguageBreakdownsTest, GapOfThreeRowsIsHighestMinusLowest) {
  Pipeline r(
      one_indicator("    data t.r\n    breakdown a \"A\" data t.r.a\n    breakdown b \"B\" data t.r.b\n"
                    "    breakdown c \"C\" data t.r.c\n    gap <= 5\n"),
      small_dataset("      r:\n        values: [null, 1, null]\n        rows:\n"
                    "          a: {values: [null, 7, null]}\n          b: {values: [null, 2, null]}\n"
                    "          c: {values: [null, 4, null]}\n"));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.results->checks.at(0).left, Decimal::integer(5));
  EXPECT_EQ(r.results->checks.at(0).outcome, CheckResult::Outcome::pass);
}

TEST(LanguageBreakdownsTest, BothChecksFollowTheDataChecksInJson) {
  Pipeline r("check c \"C\" { expect t.r = 10 }\n" +
                 one_indicator(
                     "    data t.r\n    breakdown man \"Män\" data t.r.man\n"
                     "    breakdown kvinnor \"Kvinnor\" data t.r.kvinnor\n    breakdowns sum\n    gap < 2\n"),
             small_dataset(
                 "      r:\n        values: [null, 10, null]\n        rows:\n"
                 "          man: {values: [null, 4, null]}\n          kvinnor: {values: [null, 6, null]}\n"));
  ASSERT_TRUE(r.results);
  ASSERT_EQ(r.results->checks.size(), 3u);
  EXPECT_EQ(r.results->checks[0].id, "c");
  EXPECT_EQ(r.results->checks[1].id, "x.breakdowns");
  EXPECT_EQ(r.results->checks[2].id, "x.gap");
  const Json checks = r.json()["data_checks"];
  EXPECT_EQ(checks[1]["id"], "x.breakdowns");
  EXPECT_EQ(checks[1]["outcome"], "pass");
  EXPECT_EQ(checks[1]["tolerance"], 1);
  EXPECT_EQ(checks[1]["left_inputs"].size(), 2u);
  EXPECT_EQ(checks[1]["left_inputs"][0]["location"], "test.yaml:17");
  EXPECT_EQ(checks[2]["id"], "x.gap");
  EXPECT_EQ(checks[2]["comparator"], "<");
  EXPECT_EQ(checks[2]["outcome"], "fail");
  EXPECT_EQ(checks[2]["rule_location"], "test.rules:3");
}

TEST(LanguageBreakdownsTest, FamilyMembersGetTheirOwnChecks) {
  Pipeline r(
      "area a \"A\" {\n  family f \"F\" {\n    members p \"P\", q \"Q\"\n    data t.*\n"
      "    breakdown man \"Män\" data t.*.man\n    breakdown kvinnor \"Kvinnor\" data t.*.kvinnor\n"
      "    breakdowns sum\n  }\n}\n",
      small_dataset(
          "      p:\n        values: [null, 3, null]\n        rows:\n"
          "          man: {values: [null, 1, null]}\n          kvinnor: {values: [null, 2, null]}\n"
          "      q:\n        values: [null, 9, null]\n        rows:\n"
          "          man: {values: [null, 1, null]}\n          kvinnor: {values: [null, 2, null]}\n"));
  ASSERT_TRUE(r.results);
  ASSERT_EQ(r.results->checks.size(), 2u);
  EXPECT_EQ(r.results->checks[0].id, "f_p.breakdowns");
  EXPECT_EQ(r.results->checks[0].outcome, CheckResult::Outcome::pass);
  EXPECT_EQ(r.results->checks[1].id, "f_q.breakdowns");
  EXPECT_EQ(r.results->checks[1].name, "F Q: grupperna ger totalen");
  EXPECT_EQ(r.results->checks[1].outcome, CheckResult::Outcome::fail);
}

TEST(LanguageBreakdownsTest, ValuesAreComparedAsWrittenNotRounded) {
  Split s("    precision 0\n    breakdowns sum\n    gap <= 1\n", "\"10,0\"", "\"4,4\"", "\"5,6\"");
  ASSERT_TRUE(s.run.results);
  EXPECT_EQ(s.check(0).left, Decimal::integer(10));
  EXPECT_EQ(s.check(0).outcome, CheckResult::Outcome::pass);
  EXPECT_EQ(s.check(1).left, dec(12, 1));  // 4 and 6 after rounding would be 2 apart
  EXPECT_EQ(s.check(1).outcome, CheckResult::Outcome::fail);
}

TEST(LanguageBreakdownsTest, TextReportListsTheFiguresOfAFailingCheck) {
  Split s("    breakdowns sum\n", "10", "4", "8");
  ASSERT_TRUE(s.run.results);
  const std::string text = s.run.text();
  EXPECT_NE(
      text.find(
          "Datakontroller\n  1 kontroll: 0 stämmer, 0 inom avrundning, 1 stämmer inte, 0 utan uppgift, 0 "
          "fel.\n  \xE2\x9C\x97 Mått: grupperna ger totalen: 12 mot 10 skiljer 2, stämmer inte.\n"
          "      4 test.yaml:17, 8 test.yaml:18\n      10 test.yaml:15\n"),
      std::string::npos)
      << text;
}

TEST(LanguageBreakdownsTest, E0245WeightsAddUpToZero) {
  CheckError e(
      one_indicator("    data t.r\n    breakdown man \"Män\" data t.r.man\n"
                    "    breakdown kvinnor \"Kvinnor\" data t.r.kvinnor\n"
                    "    breakdowns mean weighted by 0, 0\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0245", "the weights add up to zero", "test.rules:6:5");
  EXPECT_EQ(
      e.helps("E0245"),
      std::vector<std::string>{"give each breakdown row a positive weight, such as its number of employees"});
  Session some_zero;
  EXPECT_TRUE(
      some_zero.check(one_indicator("    data t.r\n    breakdown man \"Män\" data t.r.man\n"
                                    "    breakdown kvinnor \"Kvinnor\" data t.r.kvinnor\n"
                                    "    breakdowns mean weighted by 0, 1\n")))
      << some_zero.rendered();
}

// Regression: `gap` without breakdown rows crashed the evaluator, and too few weights
// ended in an internal error; after the checker's E0244/E0245 nothing else is reported.
TEST(LanguageBreakdownsTest, EvaluationAfterE0244AndE0245AddsNothing) {
  Session s;
  auto tree = s.parse(
      "area a \"A\" {\n"
      "  indicator x \"X\" { data t.r gap <= 2 breakdowns sum }\n"
      "  indicator y \"Y\" { data t.r breakdown man \"Män\" data t.r.man\n"
      "    breakdown kvinnor \"Kvinnor\" data t.r.kvinnor breakdowns mean weighted by 1 }\n"
      "}\n");
  ASSERT_TRUE(tree) << s.rendered();
  const RuleSet rules = check_rules({*tree}, s.sink);
  EXPECT_EQ(s.count("E0244"), 2u) << s.rendered();
  EXPECT_EQ(s.count("E0245"), 1u) << s.rendered();
  auto data = s.load(small_dataset(
      "      r:\n        values: [null, 10, null]\n        rows:\n"
      "          man: {values: [null, 4, null]}\n          kvinnor: {values: [null, 6, null]}\n"));
  ASSERT_TRUE(data) << s.rendered();
  auto results = evaluate(rules, *data, s.sink);
  ASSERT_TRUE(results) << s.rendered();
  EXPECT_TRUE(results->checks.empty());
  EXPECT_EQ(s.sink.error_count(), 3u) << s.rendered();
}

TEST(LanguageBreakdownsTest, E0244NoRowsToAddUp) {
  CheckError e(one_indicator("    data t.r\n    breakdowns sum\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0244", "indicator 'x' has no breakdown rows to add up", "test.rules:4:5");
  EXPECT_EQ(e.helps("E0244"),
            std::vector<std::string>{"add rows such as: breakdown man \"Män\" data table.row.man"});
}

TEST(LanguageBreakdownsTest, E0244GapNeedsTwoRows) {
  CheckError e(one_indicator("    data t.r\n    breakdown man \"Män\" data t.r.man\n    gap <= 2\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0244", "indicator 'x' needs at least two breakdown rows for a gap",
                    "test.rules:5:5");
  EXPECT_EQ(e.helps("E0244"), no_help);
}

TEST(LanguageBreakdownsTest, E0245WeightsDoNotMatchTheRows) {
  CheckError e(
      one_indicator("    data t.r\n    breakdown man \"Män\" data t.r.man\n"
                    "    breakdown kvinnor \"Kvinnor\" data t.r.kvinnor\n"
                    "    breakdowns mean weighted by 1, 2, 3\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0245", "3 weights for 2 breakdown rows", "test.rules:6:5");
  EXPECT_EQ(e.helps("E0245"), std::vector<std::string>{
                                  "give one weight per breakdown row, in the order the rows are declared"});
}

TEST(LanguageBreakdownsTest, E0245OneWeightForTwoRows) {
  CheckError e(
      one_indicator("    data t.r\n    breakdown man \"Män\" data t.r.man\n"
                    "    breakdown kvinnor \"Kvinnor\" data t.r.kvinnor\n"
                    "    breakdowns mean weighted by 40,60\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0245", "1 weight for 2 breakdown rows", "test.rules:6:5");
}

TEST(LanguageBreakdownsTest, E0203MethodOrGapGivenTwice) {
  CheckError e(
      one_indicator("    data t.r\n    breakdown man \"Män\" data t.r.man\n"
                    "    breakdown kvinnor \"Kvinnor\" data t.r.kvinnor\n"
                    "    breakdowns sum\n    breakdowns mean\n    gap <= 1\n    gap <= 2\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0203", "'breakdowns' is given more than once", "test.rules:7:5");
  EXPECT_DIAGNOSTIC(e.s, "E0203", "'gap' is given more than once", "test.rules:9:5");
}

// ============================================================================================
// W0306: division by zero in the data
// ============================================================================================

TEST(LanguageDivisionTest, W0306PointsAtTheExpressionAndTheZeroCell) {
  Pipeline r(one_indicator("    value t.a / t.b\n    target <= 1\n"),
             small_dataset("      a: {values: [1, 5, null]}\n      b: {values: [1, 0, null]}\n"));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.item("x").verdict, Verdict::error);
  EXPECT_EQ(r.item("x").reason, "division by zero");
  EXPECT_DIAGNOSTIC(r.s, "W0306", "division by zero: the divisor is 0 in the dataset", "test.rules:3:11");
  const Diagnostic* d = r.s.find("W0306");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->severity, Severity::warning);
  EXPECT_EQ(test::notes(*d), std::vector<std::string>{"'0' in column 'mars_2020' is the zero"});
  EXPECT_EQ(test::note_location(r.s, *d), "test.yaml:15:23");
  EXPECT_EQ(r.s.sources.file(0).slice(*d->span), "t.a / t.b");
  EXPECT_EQ(r.s.count("W0306"), 1u);
  EXPECT_EQ(r.sentence("x"), "Mått: värdet kan inte beräknas (division med noll).");
}

TEST(LanguageDivisionTest, ReportedOnceForBothPeriods) {
  Pipeline r(one_indicator("    value t.a / t.b\n"),
             small_dataset("      a: {values: [1, 5, null]}\n      b: {values: [\"0,0\", 0, null]}\n"));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.s.count("W0306"), 1u) << r.s.rendered();
  EXPECT_EQ(test::notes(*r.s.find("W0306")),
            std::vector<std::string>{"'0' in column 'mars_2020' is the zero"});
}

TEST(LanguageDivisionTest, AZeroInThePreviousPeriodOnly) {
  Pipeline r(one_indicator("    value t.a / t.b\n    target <= 10\n"),
             small_dataset("      a: {values: [1, 5, null]}\n      b: {values: [\"0,0\", 1, null]}\n"));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.item("x").verdict, Verdict::met);
  EXPECT_FALSE(r.item("x").previous);
  EXPECT_EQ(test::notes(*r.s.find("W0306")),
            std::vector<std::string>{"'0,0' in column 'ar_2019' is the zero"});
}

TEST(LanguageDivisionTest, ComputedZeroHasNoCellToNote) {
  Pipeline r(one_indicator("    value t.a / (t.b - t.c)\n"),
             small_dataset("      a: {values: [1, 5, null]}\n      b: {values: [1, 2, null]}\n"
                           "      c: {values: [2, 2, null]}\n"));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.item("x").verdict, Verdict::error);
  ASSERT_NE(r.s.find("W0306"), nullptr) << r.s.rendered();
  EXPECT_TRUE(r.s.find("W0306")->notes.empty());
}

TEST(LanguageDivisionTest, ShareOfAZeroWhole) {
  Pipeline r(one_indicator("    value share(t.a, t.b)\n"),
             small_dataset("      a: {values: [1, 5, null]}\n      b: {values: [1, 0, null]}\n"));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.item("x").verdict, Verdict::error);
  EXPECT_DIAGNOSTIC(r.s, "W0306", "division by zero: the divisor is 0 in the dataset", "test.rules:3:11");
}

TEST(LanguageDivisionTest, InADataCheck) {
  Pipeline r("check c \"C\" { expect t.a / t.b = 1 }\n",
             small_dataset("      a: {values: [1, 5, null]}\n      b: {values: [1, 0, null]}\n"));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.results->checks.at(0).outcome, CheckResult::Outcome::error);
  EXPECT_DIAGNOSTIC(r.s, "W0306", "division by zero: the divisor is 0 in the dataset", "test.rules:1:22");
}

TEST(LanguageDivisionTest, ZeroFromANamedIndicatorIsNoted) {
  Pipeline r("area a \"A\" {\n  indicator n \"N\" { data t.b }\n  indicator x \"X\" { value t.a / n }\n}\n",
             small_dataset("      a: {values: [1, 5, null]}\n      b: {values: [1, 0, null]}\n"));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.item("x").verdict, Verdict::error);
  EXPECT_DIAGNOSTIC(r.s, "W0306", "division by zero: the divisor is 0 in the dataset", "test.rules:3:27");
  EXPECT_EQ(test::note_location(r.s, *r.s.find("W0306")), "test.yaml:15:23");
}

TEST(LanguageDivisionTest, AMissingDivisorIsNoDataWithoutAWarning) {
  Pipeline r(one_indicator("    value t.a / t.b\n"),
             small_dataset("      a: {values: [1, I.U., null]}\n      b: {values: [1, 0, null]}\n"));
  ASSERT_TRUE(r.results);
  EXPECT_EQ(r.s.count("W0306"), 0u) << r.s.rendered();
  EXPECT_EQ(r.item("x").current->value.absence, Absence::no_data);
}

// ============================================================================================
// Syntax errors E0133-E0154
// ============================================================================================

TEST(LanguageSyntaxTest, EveryNewCodeIsInTheTable) {
  for (int n = 133; n <= 154; ++n) {
    const std::string code = "E0" + std::to_string(n);
    EXPECT_NE(grammar::msg(code), nullptr) << code;
  }
}

TEST(LanguageSyntaxTest, E0133BandWithoutOfTarget) {
  SyntaxError e(one_indicator("    target >= 92 within 5 % av target\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0133", "expected 'of target' after '%' in a band, as in: within 5 % of target",
                    "test.rules:3:29");
  EXPECT_EQ(e.helps(), no_help);
  SyntaxError end(one_indicator("    target >= 92 within 5 %\n"));
  EXPECT_DIAGNOSTIC(end.s, "E0133", "expected 'of target' after '%' in a band, as in: within 5 % of target",
                    "test.rules:4:3");
  SyntaxError fo(one_indicator("    target >= 92 within 5 % o target\n"));
  EXPECT_EQ(fo.helps(), std::vector<std::string>{"did you mean 'of'?"});
}

TEST(LanguageSyntaxTest, E0132BandWithoutAnAmount) {
  SyntaxError e(one_indicator("    target >= 92 within x\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0132", "expected an amount such as 1 or 0,5", "test.rules:3:25");
  SyntaxError negative(one_indicator("    target >= 92 within -1\n"));
  EXPECT_DIAGNOSTIC(negative.s, "E0132", "expected an amount such as 1 or 0,5", "test.rules:3:25");
}

TEST(LanguageSyntaxTest, E0134PrecisionWithoutDecimals) {
  SyntaxError e(one_indicator("    precision x\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0134", "expected a number of decimals such as 1", "test.rules:3:15");
  SyntaxError negative(one_indicator("    precision -1\n"));
  EXPECT_DIAGNOSTIC(negative.s, "E0134", "expected a number of decimals such as 1", "test.rules:3:15");
}

TEST(LanguageSyntaxTest, E0132WeightWithoutAnAmount) {
  SyntaxError e(one_indicator("    weight\n  }\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0132", "expected an amount such as 1 or 0,5", "test.rules:4:3");
}

TEST(LanguageSyntaxTest, E0135UnknownRollupPolicy) {
  SyntaxError e("area a \"A\" {\n  rollup most 3\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0135",
                    "expected a roll-up policy: all, at least N, at least N %, or weighted at least N %",
                    "test.rules:2:10");
  EXPECT_EQ(e.helps(), no_help);
  SyntaxError alla("area a \"A\" {\n  goal g \"G\" { rollup alla }\n}\n");
  EXPECT_DIAGNOSTIC(alla.s, "E0135",
                    "expected a roll-up policy: all, at least N, at least N %, or weighted at least N %",
                    "test.rules:2:23");
  EXPECT_EQ(alla.helps(), std::vector<std::string>{"did you mean 'all'?"});
}

TEST(LanguageSyntaxTest, E0136AtWithoutLeast) {
  SyntaxError e("area a \"A\" {\n  rollup at 3\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0136", "expected 'least', as in: at least 3", "test.rules:2:13");
  SyntaxError lest("area a \"A\" {\n  rollup at lest 3\n}\n");
  EXPECT_DIAGNOSTIC(lest.s, "E0136", "expected 'least', as in: at least 3", "test.rules:2:13");
  EXPECT_EQ(lest.helps(), std::vector<std::string>{"did you mean 'least'?"});
  SyntaxError weighted("area a \"A\" {\n  rollup weighted 75 %\n}\n");
  EXPECT_DIAGNOSTIC(weighted.s, "E0136", "expected 'least', as in: at least 3", "test.rules:2:19");
}

TEST(LanguageSyntaxTest, E0137WeightedWithoutPercent) {
  SyntaxError e("area a \"A\" {\n  rollup weighted at least 75\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0137",
                    "expected '%': a weighted roll-up is a share, as in: weighted at least 75 %",
                    "test.rules:3:1");
}

TEST(LanguageSyntaxTest, E0132RollupWithoutAnAmount) {
  SyntaxError e("area a \"A\" {\n  rollup at least %\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0132", "expected an amount such as 1 or 0,5", "test.rules:2:19");
}

TEST(LanguageSyntaxTest, E0138CompareWithoutWith) {
  SyntaxError e(one_indicator("    compare previous period\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0138", "expected 'with', as in: compare with same period last year",
                    "test.rules:3:13");
  EXPECT_EQ(e.helps(), no_help);
  SyntaxError wit(one_indicator("    compare wit previous period\n"));
  EXPECT_EQ(wit.helps(), std::vector<std::string>{"did you mean 'with'?"});
}

TEST(LanguageSyntaxTest, E0139NothingToCompareWith) {
  SyntaxError e(one_indicator("    compare with last year\n"));
  EXPECT_DIAGNOSTIC(
      e.s, "E0139",
      "expected what to compare with: previous period, same period last year, or period \"2018\"",
      "test.rules:3:18");
  SyntaxError sme(one_indicator("    compare with sme period last year\n"));
  EXPECT_EQ(sme.helps(), std::vector<std::string>{"did you mean 'same'?"});
}

TEST(LanguageSyntaxTest, E0140E0141E0142TheWordsOfAComparison) {
  SyntaxError previous(one_indicator("    compare with previous year\n"));
  EXPECT_DIAGNOSTIC(previous.s, "E0140", "expected 'period'", "test.rules:3:27");
  SyntaxError same(one_indicator("    compare with same year\n"));
  EXPECT_DIAGNOSTIC(same.s, "E0140", "expected 'period'", "test.rules:3:23");
  SyntaxError last(one_indicator("    compare with same period year\n"));
  EXPECT_DIAGNOSTIC(last.s, "E0141", "expected 'last'", "test.rules:3:30");
  SyntaxError year(one_indicator("    compare with same period last month\n"));
  EXPECT_DIAGNOSTIC(year.s, "E0142", "expected 'year'", "test.rules:3:35");
  SyntaxError yeer(one_indicator("    compare with same period last yeer\n"));
  EXPECT_EQ(yeer.helps(), std::vector<std::string>{"did you mean 'year'?"});
}

TEST(LanguageSyntaxTest, NamedPeriodNeedsQuotes) {
  SyntaxError e(one_indicator("    compare with period 2018\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0103", "expected a display name in double quotes", "test.rules:3:25");
}

TEST(LanguageSyntaxTest, E0132OffsetWithoutAnAmount) {
  SyntaxError e(one_indicator("    target >= previous + x\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0132", "expected an amount such as 1 or 0,5", "test.rules:3:26");
}

TEST(LanguageSyntaxTest, E0116NewMessage) {
  SyntaxError e(one_indicator("    target >= %\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0116", "expected a number, 'previous' or a constant's name after the comparator",
                    "test.rules:3:15");
}

TEST(LanguageSyntaxTest, E0143FamilyWithoutMembers) {
  SyntaxError e("area a \"A\" {\n  family f \"F\" {\n    data t.*\n  }\n}\n");
  EXPECT_DIAGNOSTIC(
      e.s, "E0143",
      "expected 'members' and the family's members, as in: members lkdata \"LKDATA\", stadsarkivet "
      "\"Stadsarkivet\"",
      "test.rules:3:5");
  EXPECT_EQ(e.helps(), no_help);
  SyntaxError member("area a \"A\" {\n  family f \"F\" {\n    member p \"P\"\n  }\n}\n");
  EXPECT_EQ(member.helps(), std::vector<std::string>{"did you mean 'members'?"});
}

TEST(LanguageSyntaxTest, E0102MemberAfterAComma) {
  SyntaxError e("area a \"A\" {\n  family f \"F\" {\n    members p \"P\",\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0102", "expected an id (letters, digits and _, not starting with a digit)",
                    "test.rules:4:3");
}

// docs/errors.md: a member without its name is E0102, "the caret may then stand a token
// further on".
TEST(LanguageSyntaxTest, MemberWithoutADisplayNameIsE0102) {
  SyntaxError e("area a \"A\" {\n  family f \"F\" {\n    members p\n    data t.*\n  }\n}\n");
  EXPECT_DIAGNOSTIC(e.s, "E0102", "expected an id (letters, digits and _, not starting with a digit)",
                    "test.rules:4:5");
}

TEST(LanguageSyntaxTest, SecondMembersLineIsE0108) {
  SyntaxError e("area a \"A\" {\n  family f \"F\" {\n    members p \"P\"\n    members q \"Q\"\n  }\n}\n");
  EXPECT_EQ(e.d().code, "E0108");
  EXPECT_EQ(e.s.where(e.d()), "test.rules:4:5");
}

TEST(LanguageSyntaxTest, E0108MisspeltPropertyInAFamily) {
  SyntaxError e("area a \"A\" {\n  family f \"F\" {\n    members p \"P\"\n    targt >= 1\n  }\n}\n");
  EXPECT_EQ(e.d().code, "E0108");
  EXPECT_EQ(e.s.where(e.d()), "test.rules:4:5");
  EXPECT_EQ(e.helps(), std::vector<std::string>{"did you mean 'target'?"});
}

TEST(LanguageSyntaxTest, E0144MetadataWithoutText) {
  SyntaxError owner(one_indicator("    owner 5\n"));
  EXPECT_DIAGNOSTIC(owner.s, "E0144", "expected text in double quotes", "test.rules:3:11");
  SyntaxError kolada(one_indicator("    kolada N00945\n"));
  EXPECT_DIAGNOSTIC(kolada.s, "E0144", "expected text in double quotes", "test.rules:3:12");
  SyntaxError description(one_indicator("    description\n"));
  EXPECT_DIAGNOSTIC(description.s, "E0144", "expected text in double quotes", "test.rules:4:3");
  SyntaxError source(one_indicator("    source 'SCB'\n"));
  EXPECT_DIAGNOSTIC(source.s, "E0144", "expected text in double quotes", "test.rules:3:12");
}

TEST(LanguageSyntaxTest, E0145ConstWithoutEquals) {
  SyntaxError e("const x 5\n");
  EXPECT_DIAGNOSTIC(e.s, "E0145", "expected '=' and the constant's value, as in: const vasentlighet = 500",
                    "test.rules:1:9");
  SyntaxError id("const = 5\n");
  EXPECT_DIAGNOSTIC(id.s, "E0102", "expected an id (letters, digits and _, not starting with a digit)",
                    "test.rules:1:7");
}

TEST(LanguageSyntaxTest, E0146ConstWithoutANumber) {
  SyntaxError e("const x = abc\n");
  EXPECT_DIAGNOSTIC(e.s, "E0146", "expected a number", "test.rules:1:11");
  SyntaxError quoted("const x = \"5\"\n");
  EXPECT_DIAGNOSTIC(quoted.s, "E0146", "expected a number", "test.rules:1:11");
  SyntaxError other_constant("const x = 1\nconst y = x\n");
  EXPECT_DIAGNOSTIC(other_constant.s, "E0146", "expected a number", "test.rules:2:11");
}

TEST(LanguageSyntaxTest, E0147AnnualProfileWithoutAName) {
  SyntaxError e(one_indicator("    target >= 90 annual profile 5\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0147", "expected the name of a profile", "test.rules:3:33");
  SyntaxError end(one_indicator("    target >= 90 annual profile\n"));
  EXPECT_DIAGNOSTIC(end.s, "E0147", "expected the name of a profile", "test.rules:4:3");
}

TEST(LanguageSyntaxTest, E0148ProfileWithoutMonths) {
  SyntaxError e("profile p \"P\" { 5, 5 }\n");
  EXPECT_DIAGNOSTIC(
      e.s, "E0148",
      "expected 'months' and twelve weights, January first, as in: months 5, 5, 10, 10, 10, 5, 0, 5, "
      "15, 15, 15, 5",
      "test.rules:1:17");
  SyntaxError month("profile p \"P\" { month 5 }\n");
  EXPECT_EQ(month.helps(), std::vector<std::string>{"did you mean 'months'?"});
}

TEST(LanguageSyntaxTest, E0149ProfileNotClosed) {
  SyntaxError e("profile p \"P\" { months 1, 1 x }\n");
  EXPECT_DIAGNOSTIC(e.s, "E0149", "expected '}' to close the profile", "test.rules:1:29");
  SyntaxError eof("profile p \"P\" { months 1, 1");
  EXPECT_DIAGNOSTIC(eof.s, "E0149", "expected '}' to close the profile", "test.rules:1:28");
  EXPECT_EQ(test::notes(eof.d()), std::vector<std::string>{"the file ends here"});
}

TEST(LanguageSyntaxTest, E0132ProfileWeightMissing) {
  SyntaxError e("profile p \"P\" { months 1, }\n");
  EXPECT_DIAGNOSTIC(e.s, "E0132", "expected an amount such as 1 or 0,5", "test.rules:1:27");
  SyntaxError none("profile p \"P\" { months }\n");
  EXPECT_DIAGNOSTIC(none.s, "E0132", "expected an amount such as 1 or 0,5", "test.rules:1:24");
}

TEST(LanguageSyntaxTest, ProfileNeedsIdNameAndBrace) {
  SyntaxError id("profile \"P\" { months 1 }\n");
  EXPECT_EQ(id.d().code, "E0102");
  SyntaxError name("profile p { months 1 }\n");
  EXPECT_EQ(name.d().code, "E0103");
  SyntaxError brace("profile p \"P\" months 1\n");
  EXPECT_DIAGNOSTIC(brace.s, "E0104", "expected '{' to open the block", "test.rules:1:15");
}

TEST(LanguageSyntaxTest, E0150ColourWithoutACondition) {
  SyntaxError e(one_indicator("    bands { green }\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0150", "expected a condition such as >= 92 after the colour", "test.rules:3:19");
  SyntaxError number(one_indicator("    bands { green 92 }\n"));
  EXPECT_DIAGNOSTIC(number.s, "E0150", "expected a condition such as >= 92 after the colour",
                    "test.rules:3:19");
}

TEST(LanguageSyntaxTest, E0151ComparatorWithoutANumber) {
  SyntaxError first(one_indicator("    bands { green >= }\n"));
  EXPECT_DIAGNOSTIC(first.s, "E0151", "expected a number after the comparator", "test.rules:3:22");
  SyntaxError second(one_indicator("    bands { yellow >= 88 < }\n"));
  EXPECT_DIAGNOSTIC(second.s, "E0151", "expected a number after the comparator", "test.rules:3:28");
}

TEST(LanguageSyntaxTest, E0152NotAColour) {
  SyntaxError blue(one_indicator("    bands { blue >= 1 }\n"));
  EXPECT_DIAGNOSTIC(blue.s, "E0152", "expected a colour (green, yellow, red) and its condition, or '}'",
                    "test.rules:3:13");
  EXPECT_EQ(blue.helps(), no_help);
  SyntaxError gren(one_indicator("    bands { red < 1  gren >= 1 }\n"));
  EXPECT_DIAGNOSTIC(gren.s, "E0152", "expected a colour (green, yellow, red) and its condition, or '}'",
                    "test.rules:3:22");
  EXPECT_EQ(gren.helps(), std::vector<std::string>{"did you mean 'green'?"});
  SyntaxError brace(one_indicator("    bands green >= 1\n"));
  EXPECT_DIAGNOSTIC(brace.s, "E0104", "expected '{' to open the block", "test.rules:3:11");
}

TEST(LanguageSyntaxTest, E0153UnknownBreakdownMethod) {
  SyntaxError avg(one_indicator("    breakdowns avg\n"));
  EXPECT_DIAGNOSTIC(avg.s, "E0153",
                    "expected how the breakdown rows add up: sum, mean, or mean weighted by w1, w2, ...",
                    "test.rules:3:16");
  EXPECT_EQ(avg.helps(), no_help);
  SyntaxError summ(one_indicator("    breakdowns summ\n"));
  EXPECT_EQ(summ.helps(), std::vector<std::string>{"did you mean 'sum'?"});
}

TEST(LanguageSyntaxTest, E0154WeightedWithoutBy) {
  SyntaxError e(one_indicator("    breakdowns mean weighted 40, 60\n"));
  EXPECT_DIAGNOSTIC(e.s, "E0154", "expected 'by' and the weights, as in: mean weighted by 40, 60",
                    "test.rules:3:30");
  SyntaxError weights(one_indicator("    breakdowns mean weighted by\n"));
  EXPECT_DIAGNOSTIC(weights.s, "E0132", "expected an amount such as 1 or 0,5", "test.rules:4:3");
  SyntaxError after_comma(one_indicator("    breakdowns mean weighted by 40,\n"));
  EXPECT_DIAGNOSTIC(after_comma.s, "E0132", "expected an amount such as 1 or 0,5", "test.rules:4:3");
}

TEST(LanguageSyntaxTest, GapNeedsAComparatorAndAnAmount) {
  SyntaxError comparator(one_indicator("    gap 2\n"));
  EXPECT_DIAGNOSTIC(comparator.s, "E0130", "expected a comparator such as =, <= or >=", "test.rules:3:9");
  SyntaxError amount(one_indicator("    gap <= x\n"));
  EXPECT_DIAGNOSTIC(amount.s, "E0132", "expected an amount such as 1 or 0,5", "test.rules:3:12");
}

TEST(LanguageSyntaxTest, NewTopLevelDeclarationsInE0101) {
  SyntaxError e("cnst x = 1\n");
  EXPECT_DIAGNOSTIC(e.s, "E0101",
                    "expected 'area', 'check', 'const', 'profile' or 'test' at the top level of a rule file",
                    "test.rules:1:1");
  EXPECT_EQ(e.helps(), std::vector<std::string>{"did you mean 'const'?"});
}

TEST(LanguageSyntaxTest, EveryNewConstructParses) {
  Session s;
  auto tree = s.parse(
      "const mal = 92\n"
      "profile p \"P\" { months 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }\n"
      "area a \"A\" {\n"
      "  rollup weighted at least 75 %\n"
      "  family f \"F\" {\n"
      "    members m \"M\"\n"
      "    data t.*\n"
      "    target >= mal within 5 % of target\n"
      "    precision 1\n"
      "    weight 2\n"
      "    compare with same period last year\n"
      "    description \"D\" owner \"O\" source \"S\" kolada \"K\"\n"
      "    breakdown man \"Män\" data t.*.man\n"
      "    breakdown kvinnor \"Kvinnor\" data t.*.kvinnor\n"
      "    breakdowns mean weighted by 1, 1\n"
      "    gap <= 2\n"
      "  }\n"
      "  indicator i \"I\" { data t.i bands { red < 1 green >= 1 } }\n"
      "  indicator j \"J\" { data t.j target >= 10 annual profile p within 1 }\n"
      "  indicator k \"K\" { data t.k target <= previous - 1 }\n"
      "}\n");
  ASSERT_TRUE(tree) << s.rendered();
  EXPECT_EQ(tree->constants.size(), 1u);
  EXPECT_EQ(tree->profiles.size(), 1u);
  EXPECT_EQ(tree->indicators.size(), 4u);
  EXPECT_EQ(tree->indicators[0].metadata.size(), 4u);
  EXPECT_EQ(tree->indicators[0].weight.at(0).value, Decimal::integer(2));
  EXPECT_EQ(tree->indicators[0].compare.at(0).value.kind, ast::Comparison::Kind::same_period_last_year);
  EXPECT_EQ(tree->indicators[2].targets.at(0).value.profile->text, "p");
  EXPECT_TRUE(tree->indicators[2].targets.at(0).value.annual);
  EXPECT_EQ(tree->indicators[2].targets.at(0).value.band, Decimal::integer(1));
  Session checked;
  EXPECT_TRUE(
      checked.check("const mal = 92\n"
                    "profile p \"P\" { months 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }\n"
                    "area a \"A\" {\n"
                    "  indicator j \"J\" { data t.j target >= mal annual profile p within 1 }\n"
                    "}\n"))
      << checked.rendered();
}

}  // namespace
}  // namespace attain
