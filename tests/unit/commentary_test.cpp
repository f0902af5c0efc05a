// The Swedish commentary: one exact sentence per verdict, budget lines, trend clauses,
// group summaries, the deviations list, and the formatting helpers.

#include <gtest/gtest.h>

#include "attain/commentary.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

using test::Session;
using test::Single;

Decimal dec(std::int64_t units, int scale) {
  return Decimal::from_units(units, scale);
}

// The commentary sentence of one indicator `x` ("Mått") with `properties`, against the
// cells 2019, Mars 2020, Målvärde in `values`.
std::string sentence(std::string_view properties, std::string_view values) {
  Single s(properties, values);
  EXPECT_TRUE(s.results) << s.session.rendered();
  if (!s.results) return "(no results)";
  return write_commentary(*s.results).items.at(0);
}

// --- Indicator sentences -----------------------------------------------------------------------

TEST(CommentaryTest, MetAtTheBoundWithImprovement) {
  EXPECT_EQ(sentence("    unit percent\n    target >= 92\n", "[90 %, 92 %, 92 %]"),
            "Mått: 92 % når målvärdet 92 %, en förbättring från 90 % 2019. Målet är uppfyllt.");
}

TEST(CommentaryTest, MetAboveTheBoundWithoutPreviousValue) {
  EXPECT_EQ(sentence("    unit percent\n    target >= 90\n", "[I.U., 100 %, 90 %]"),
            "Mått: 100 % är 10 procentenheter över målvärdet 90 %. Målet är uppfyllt.");
}

TEST(CommentaryTest, NotMetByOnePercentagePointIsSingular) {
  EXPECT_EQ(sentence("    unit percent\n    target >= 92\n", "[90 %, 91 %, 92 %]"),
            "Mått: 91 % är 1 procentenhet under målvärdet 92 %, en förbättring från 90 % 2019. Målet är inte "
            "uppfyllt.");
}

TEST(CommentaryTest, NotMetByPercentagePointsIsPlural) {
  EXPECT_EQ(sentence("    unit percent\n    target <= 3,5\n", "[\"3,8\", \"5,5\", \"3,5 %\"]"),
            "Mått: 5,5 % är 2,0 procentenheter över målvärdet 3,5 %, en försämring från 3,8 % 2019. "
            "Målet är inte uppfyllt.");
}

TEST(CommentaryTest, NotMetUnchangedBelowAStrictBound) {
  EXPECT_EQ(sentence("    unit percent\n    target < 5\n", "[\"6,5 %\", \"6,5 %\", \"<5 %\"]"),
            "Mått: 6,5 % är 1,5 procentenheter över målvärdet (under 5 %), oförändrat från 6,5 % 2019. "
            "Målet är inte uppfyllt.");
}

TEST(CommentaryTest, OnTheBoundOfAStrictTarget) {
  EXPECT_EQ(sentence("    unit percent\n    target < 5\n", "[null, 5 %, null]"),
            "Mått: 5 % ligger precis på gränsen för målvärdet (under 5 %). Målet är inte uppfyllt.");
  EXPECT_EQ(
      sentence("    unit count\n    target > 5\n", "[4, 5, null]"),
      "Mått: 5 ligger precis på gränsen för målvärdet (över 5), en förbättring från 4 2019. Målet är inte "
      "uppfyllt.");
}

TEST(CommentaryTest, AboveAStrictLowerBound) {
  EXPECT_EQ(sentence("    unit count\n    target > 5\n", "[null, 7, null]"),
            "Mått: 7 är 2 över målvärdet (över 5). Målet är uppfyllt.");
}

TEST(CommentaryTest, InsideARange) {
  EXPECT_EQ(sentence("    unit percent\n    target 90..100\n", "[null, 95 %, null]"),
            "Mått: 95 % ligger inom målvärdet 90–100 %. Målet är uppfyllt.");
}

TEST(CommentaryTest, TargetWithDisplayText) {
  EXPECT_EQ(sentence("    unit tkr\n    target >= 0 \"Nollresultat\"\n", "[null, 0, Nollresultat]"),
            "Mått: 0 tkr når målvärdet Nollresultat. Målet är uppfyllt.");
  EXPECT_EQ(sentence("    unit tkr\n    target >= 0 \"Nollresultat\"\n", "[null, -500, Nollresultat]"),
            "Mått: \xE2\x88\x92"
            "500 tkr är 500 tkr under målvärdet Nollresultat. Målet är inte uppfyllt.");
}

TEST(CommentaryTest, CountsHaveNoUnitWord) {
  EXPECT_EQ(sentence("    unit count\n    target >= 4\n", "[null, 3, 4]"),
            "Mått: 3 är 1 under målvärdet 4. Målet är inte uppfyllt.");
}

TEST(CommentaryTest, DaysAndHoursAreSingularForOne) {
  EXPECT_EQ(sentence("    unit days\n    target <= 30\n", "[null, 31, null]"),
            "Mått: 31 dagar är 1 dag över målvärdet 30 dagar. Målet är inte uppfyllt.");
  EXPECT_EQ(sentence("    unit days\n    target <= 30\n", "[null, 32, null]"),
            "Mått: 32 dagar är 2 dagar över målvärdet 30 dagar. Målet är inte uppfyllt.");
  EXPECT_EQ(sentence("    unit hours\n    target <= 10\n", "[null, 11, null]"),
            "Mått: 11 timmar är 1 timme över målvärdet 10 timmar. Målet är inte uppfyllt.");
}

TEST(CommentaryTest, OnTrack) {
  EXPECT_EQ(sentence("    unit count\n    target >= 220000 annual\n", "[null, \"62 500\", 220000]"),
            "Mått: 62 500 hittills i år ligger i fas med årsmålet 220 000 "
            "(7 500 över förväntade 55 000 efter 3 av 12 månader).");
}

TEST(CommentaryTest, OnTrackExactlyOnTheLine) {
  EXPECT_EQ(sentence("    unit count\n    target >= 220000 annual\n", "[null, \"55 000\", 220000]"),
            "Mått: 55 000 hittills i år ligger i fas med årsmålet 220 000 "
            "(i nivå med förväntade 55 000 efter 3 av 12 månader).");
}

TEST(CommentaryTest, Behind) {
  EXPECT_EQ(
      sentence("    unit count\n    target >= 90 annual\n", "[29, 11, 90]"),
      "Mått: 11 hittills i år ligger efter årsmålet 90 (11,5 under förväntade 22,5 efter 3 av 12 månader).");
}

// A strict annual target's bound is already in brackets: the expected value joins it,
// one bracket and not two in a row.
TEST(CommentaryTest, BehindAStrictAnnualTargetInOneBracket) {
  EXPECT_EQ(sentence("    unit count\n    target > 120 annual\n", "[null, 30, 120]"),
            "Mått: 30 hittills i år ligger efter årsmålet (över 120; i nivå med förväntade 30 efter 3 av 12 "
            "månader).");
}

TEST(CommentaryTest, PendingWithAValue) {
  EXPECT_EQ(sentence("    unit count\n    target pending \"Q3\"\n", "[I.U., 39, Q3]"),
            "Mått: 39 i mars 2020; målvärdet fastställs Q3.");
}

TEST(CommentaryTest, PendingWithoutAValue) {
  EXPECT_EQ(sentence("    target pending \"Q3\"\n", "[I.U., I.U., Q3]"),
            "Mått: målvärdet fastställs Q3; uppgift saknas (I.U.) i mars 2020.");
  EXPECT_EQ(sentence("    target pending\n", "[null, null, null]"),
            "Mått: målvärdet är ännu inte fastställt; uppgift saknas i mars 2020.");
}

TEST(CommentaryTest, NoData) {
  EXPECT_EQ(sentence("    unit percent\n    target >= 90\n", "[null, I.U., 90 %]"),
            "Mått: uppgift saknas (I.U.) i mars 2020; målvärdet 90 %.");
  EXPECT_EQ(sentence("    unit percent\n    target >= 90\n", "[null, null, 90 %]"),
            "Mått: uppgift saknas i mars 2020; målvärdet 90 %.");
  EXPECT_EQ(sentence("    unit count\n    target >= 90 annual\n", "[null, I.U., 90]"),
            "Mått: uppgift saknas (I.U.) i mars 2020; årsmålet 90.");
}

TEST(CommentaryTest, NotPublishedAndConfidentialAreNoDataWithTheirReason) {
  EXPECT_EQ(sentence("    unit percent\n    target >= 90\n", "[null, \"..\", 90 %]"),
            "Mått: uppgift ännu inte publicerad (..) i mars 2020; målvärdet 90 %.");
  EXPECT_EQ(sentence("    unit percent\n    target >= 90\n", "[null, x, 90 %]"),
            "Mått: uppgift skyddad av sekretess (x) i mars 2020; målvärdet 90 %.");
}

TEST(CommentaryTest, NotApplicable) {
  EXPECT_EQ(sentence("    unit percent\n    target >= 90\n", "[null, N/A, 90 %]"),
            "Mått: ej tillämpligt (N/A) i mars 2020; målvärdet 90 %.");
}

TEST(CommentaryTest, NoTarget) {
  EXPECT_EQ(sentence("    unit score\n    target none\n", "[I.U., \"4,4\", null]"),
            "Mått: 4,4 i mars 2020, inget målvärde angivet.");
  EXPECT_EQ(sentence("    target none\n", "[I.U., I.U., null]"),
            "Mått: inget målvärde angivet; uppgift saknas (I.U.) i mars 2020.");
}

TEST(CommentaryTest, TrendClauseWithoutDirectionIsAComparison) {
  EXPECT_EQ(sentence("    unit count\n    target none\n", "[170, 191, null]"),
            "Mått: 191 i mars 2020, inget målvärde angivet, jämfört med 170 2019.");
  EXPECT_EQ(sentence("    unit count\n    higher is better\n    target none\n", "[170, 191, null]"),
            "Mått: 191 i mars 2020, inget målvärde angivet, en förbättring från 170 2019.");
}

TEST(CommentaryTest, BreakdownSentences) {
  Session s;
  auto results = s.run(test::one_indicator("    unit percent\n    data t.r\n    target <= 3,5\n"
                                           "    breakdown man \"Män\" data t.r.man\n"),
                       test::small_dataset("      r:\n"
                                           "        values: [\"3,8\", \"5,5\", null]\n"
                                           "        rows:\n"
                                           "          man: {values: [\"3,8\", \"3,4\", null]}\n"));
  ASSERT_TRUE(results) << s.rendered();
  const Commentary c = write_commentary(*results);
  ASSERT_EQ(c.breakdowns.size(), 1u);
  EXPECT_EQ(
      c.breakdowns[0],
      std::vector<std::string>{"Män: 3,4 % är 0,1 procentenheter under målvärdet 3,5 %, en förbättring från "
                               "3,8 % 2019. Målet är uppfyllt."});
}

// --- Budget sentences -------------------------------------------------------------------------------

const char* const budget_dataset =
    "report: {title: \"T\", period: \"2020-03\"}\n"
    "tables:\n"
    "  d:\n"
    "    columns:\n"
    "      - {id: redovisat, label: \"Redovisat jan-mars 2020\", kind: actual, period: \"2020-03\"}\n"
    "      - {id: budget, label: \"Budget jan-mars 2020\", kind: budget, period: \"2020-03\"}\n"
    "      - {id: foregaende, label: \"Redovisat samma period f\xC3\xB6reg\xC3\xA5"
    "ende \xC3\xA5r\", kind: actual, period: \"2019-03\"}\n"
    "    rows:\n"
    "      ledning: {label: \"VSS ledning\", values: [-143, 0, \"-1 462\"]}\n"
    "      at_limit: {label: \"Vid gr\xC3\xA4nsen\", values: [-500, 0, 0]}\n"
    "      plus: {label: \"Plus\", values: [600, 0, 0]}\n"
    "      zero: {label: \"Noll\", values: [0, 0, 0]}\n"
    "      missing: {label: \"Saknas\", values: [I.U., 0, 0]}\n"
    "      lkdata: {label: \"LKDATA\", values: [\"1 281\", -499, \"5 382\"]}\n"
    "  i:\n"
    "    columns:\n"
    "      - {id: prognos_netto, label: \"Prognos 2020 Netto\", kind: forecast, period: \"2020\"}\n"
    "      - {id: investeringsram, label: \"Investeringsram 2020\", kind: frame, period: \"2020\"}\n"
    "    rows:\n"
    "      lkdata: {label: \"LKDATA \xE2\x80\x93 IT-utrustning\", values: [\"60 000\", \"45 000\"]}\n";

class BudgetCommentaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    results = s.run(
        "area a \"A\" {\n"
        "  budget b \"Budget B\" {\n"
        "    table d outcome redovisat budget budget previous foregaende\n"
        "    favourable higher materiality 500 tkr\n"
        "  }\n"
        "  budget n \"Utan gräns\" { table d outcome redovisat budget budget lines lkdata }\n"
        "  budget inv \"Investeringar\" { table i outcome prognos_netto budget investeringsram favourable "
        "lower materiality 500 }\n"
        "}\n",
        budget_dataset);
    ASSERT_TRUE(results) << s.rendered();
    commentary = write_commentary(*results);
  }
  std::string of(std::string_view id) const {
    for (std::size_t i = 0; i < results->items.size(); ++i) {
      if (results->items[i].id == id) return commentary.items.at(i);
    }
    return "(no item " + std::string(id) + ")";
  }
  Session s;
  std::optional<Results> results;
  Commentary commentary;
};

TEST_F(BudgetCommentaryTest, NegativeDeviationUnderTheMateriality) {
  EXPECT_EQ(of("b_ledning"),
            "Budget B, VSS ledning: redovisat jan-mars 2020 \xE2\x88\x92"
            "143 tkr mot budget jan-mars 2020 0 tkr, "
            "en negativ avvikelse på 143 tkr (under väsentlighetsgränsen 500 tkr); "
            "redovisat samma period föregående år \xE2\x88\x92"
            "1 462 tkr.");
}

TEST_F(BudgetCommentaryTest, SignificantNegativeDeviation) {
  EXPECT_EQ(of("b_at_limit"),
            "Budget B, Vid gränsen: redovisat jan-mars 2020 \xE2\x88\x92"
            "500 tkr mot budget jan-mars 2020 0 tkr, "
            "en negativ avvikelse på 500 tkr (väsentlig, minst 500 tkr); redovisat samma period föregående "
            "år 0 tkr.");
}

TEST_F(BudgetCommentaryTest, SignificantPositiveDeviation) {
  EXPECT_EQ(of("b_plus"),
            "Budget B, Plus: redovisat jan-mars 2020 600 tkr mot budget jan-mars 2020 0 tkr, "
            "en positiv avvikelse på 600 tkr (väsentlig, minst 500 tkr); redovisat samma period föregående "
            "år 0 tkr.");
}

TEST_F(BudgetCommentaryTest, NoDeviation) {
  EXPECT_EQ(of("b_zero"),
            "Budget B, Noll: redovisat jan-mars 2020 0 tkr mot budget jan-mars 2020 0 tkr, ingen avvikelse; "
            "redovisat samma period föregående år 0 tkr.");
}

TEST_F(BudgetCommentaryTest, DeviationThatCannotBeComputed) {
  EXPECT_EQ(
      of("b_missing"),
      "Budget B, Saknas: redovisat jan-mars 2020 I.U. mot budget jan-mars 2020 0 tkr, avvikelsen kan inte "
      "beräknas.");
}

TEST_F(BudgetCommentaryTest, WithoutMaterialityEveryDeviationIsSignificant) {
  EXPECT_EQ(of("n_lkdata"),
            "Utan gräns, LKDATA: redovisat jan-mars 2020 1 281 tkr mot budget jan-mars 2020 \xE2\x88\x92"
            "499 tkr, "
            "en positiv avvikelse på 1 780 tkr (väsentlig).");
}

TEST_F(BudgetCommentaryTest, OverspendingIsNegativeWhenLowerIsFavourable) {
  EXPECT_EQ(
      of("inv_lkdata"),
      "Investeringar, LKDATA \xE2\x80\x93 IT-utrustning: prognos 2020 Netto 60 000 tkr mot investeringsram "
      "2020 45 000 tkr, en negativ avvikelse på 15 000 tkr (väsentlig, minst 500 tkr).");
}

TEST_F(BudgetCommentaryTest, GroupSummaryCountsSignificantDeviations) {
  ASSERT_EQ(commentary.groups.size(), 1u);
  EXPECT_EQ(commentary.groups[0],
            "8 mått: 5 uppfyllda, 2 ej uppfyllda, 1 utan uppgift; 5 väsentliga budgetavvikelser.");
  EXPECT_EQ(commentary.overall,
            "Totalt 8 mått: 5 uppfyllda, 2 ej uppfyllda, 1 utan uppgift; 5 väsentliga budgetavvikelser.");
}

TEST_F(BudgetCommentaryTest, DeviationsListUnmetAndSignificantLines) {
  std::vector<std::string> ids;
  for (std::size_t i : commentary.deviations) ids.push_back(results->items.at(i).id);
  EXPECT_EQ(ids, (std::vector<std::string>{"b_at_limit", "b_plus", "b_lkdata", "n_lkdata", "inv_lkdata"}));
}

// Regression: a column label starting with Å, Ä or Ö is lowered in mid-sentence too
// ("mot årsbudget 2020"), like "Budget 2020" -> "budget 2020".
TEST(BudgetSentenceTest, LabelStartingWithASwedishCapitalIsLowercased) {
  Session s;
  auto results =
      s.run("area a \"A\" {\n  budget b \"B\" { table d outcome utfall budget arsbudget }\n}\n",
            "report: {title: \"T\", period: \"2020-03\"}\n"
            "tables:\n"
            "  d:\n"
            "    columns:\n"
            "      - {id: utfall, label: \"Utfall\", kind: actual, period: \"2020-03\"}\n"
            "      - {id: arsbudget, label: \"\xC3\x85rsbudget 2020\", kind: budget, period: \"2020\"}\n"
            "    rows:\n"
            "      x: {label: \"X\", values: [5, 5]}\n");
  ASSERT_TRUE(results) << s.rendered();
  EXPECT_EQ(write_commentary(*results).items.at(0),
            "B, X: utfall 5 tkr mot \xC3\xA5rsbudget 2020 5 tkr, ingen avvikelse.");
}

// --- Summaries ---------------------------------------------------------------------------------------

const char* const summary_rules =
    "area a \"Medarbetare\" {\n"
    "  objective o1 \"Goda arbetsplatser\" {\n"
    "    indicator m1 \"M1\" { data t.r target >= 1 }\n"
    "    indicator n1 \"N1\" { data t.r target >= 9 }\n"
    "  }\n"
    "  objective o2 \"Chefer\" {\n"
    "    indicator m2 \"M2\" { data t.r target >= 2 }\n"
    "    indicator b2 \"B2\" { data t.r target >= 20 annual }\n"
    "    indicator b3 \"B3\" { data t.r target >= 20 annual }\n"
    "    indicator p \"P\" { data t.r target pending }\n"
    "    indicator u \"U\" { data t.u target >= 1 }\n"
    "    indicator v \"V\" { data t.v target >= 1 }\n"
    "    indicator w \"W\" { data t.v target >= 1 }\n"
    "    indicator z \"Z\" { data t.r target none }\n"
    "  }\n"
    "  objective tom \"Tom\" {}\n"
    "}\n";

TEST(SummaryTest, GroupSummariesUseSingularAndPlural) {
  Session s;
  auto results = s.run(summary_rules, test::small_dataset("      r: {values: [1, 2, 3]}\n"
                                                          "      u: {values: [1, I.U., 3]}\n"
                                                          "      v: {values: [1, N/A, 3]}\n"));
  ASSERT_TRUE(results) << s.rendered();
  const Commentary c = write_commentary(*results);
  ASSERT_EQ(c.groups.size(), 4u);
  EXPECT_EQ(c.groups[0],
            "10 mått: 2 uppfyllda, 1 ej uppfyllt, 2 efter plan, "
            "1 med målvärde som ännu inte är fastställt, 1 utan uppgift, 2 ej tillämpliga, 1 utan målvärde.");
  EXPECT_EQ(c.groups[1], "2 mått: 1 uppfyllt, 1 ej uppfyllt.");
  EXPECT_EQ(c.groups[2],
            "8 mått: 1 uppfyllt, 2 efter plan, 1 med målvärde som ännu inte är fastställt, 1 utan uppgift, "
            "2 ej tillämpliga, 1 utan målvärde.");
  EXPECT_EQ(c.groups[3], "0 mått.");
  EXPECT_EQ(
      c.overall,
      "Totalt 10 mått: 2 uppfyllda, 1 ej uppfyllt, 2 efter plan, 1 med målvärde som ännu inte är fastställt, "
      "1 utan uppgift, 2 ej tillämpliga, 1 utan målvärde.");
}

TEST(SummaryTest, OnTrackAndSingleNotApplicable) {
  Session s;
  auto results = s.run(
      "area a \"A\" {\n"
      "  indicator t1 \"T1\" { data t.r target >= 4 annual }\n"
      "  indicator n \"N\" { data t.v target >= 1 }\n"
      "}\n",
      test::small_dataset("      r: {values: [1, 2, 3]}\n      v: {values: [1, N/A, 3]}\n"));
  ASSERT_TRUE(results) << s.rendered();
  const Commentary c = write_commentary(*results);
  EXPECT_EQ(c.groups.at(0), "2 mått: 1 i fas, 1 ej tillämpligt.");
  EXPECT_TRUE(c.deviations.empty());
}

TEST(SummaryTest, DeviationsListNotMetAndBehindInOrder) {
  Session s;
  auto results = s.run(summary_rules, test::small_dataset("      r: {values: [1, 2, 3]}\n"
                                                          "      u: {values: [1, I.U., 3]}\n"
                                                          "      v: {values: [1, N/A, 3]}\n"));
  ASSERT_TRUE(results) << s.rendered();
  const Commentary c = write_commentary(*results);
  std::vector<std::string> ids;
  for (std::size_t i : c.deviations) ids.push_back(results->items.at(i).id);
  EXPECT_EQ(ids, (std::vector<std::string>{"n1", "b2", "b3"}));
  EXPECT_EQ(c.items.size(), results->items.size());
  EXPECT_EQ(c.breakdowns.size(), results->items.size());
}

// --- Labels and formatting -----------------------------------------------------------------------------

TEST(CommentaryLabelTest, VerdictLabels) {
  EXPECT_EQ(verdict_label(Verdict::met), "uppfyllt");
  EXPECT_EQ(verdict_label(Verdict::not_met), "ej uppfyllt");
  EXPECT_EQ(verdict_label(Verdict::on_track), "i fas");
  EXPECT_EQ(verdict_label(Verdict::behind), "efter plan");
  EXPECT_EQ(verdict_label(Verdict::no_data), "uppgift saknas");
  EXPECT_EQ(verdict_label(Verdict::pending), "mål ej satt");
  EXPECT_EQ(verdict_label(Verdict::not_applicable), "ej tillämpligt");
  EXPECT_EQ(verdict_label(Verdict::no_target), "inget mål");
}

TEST(CommentaryLabelTest, TrendLabels) {
  EXPECT_EQ(trend_label(Trend::improved), "förbättring");
  EXPECT_EQ(trend_label(Trend::worsened), "försämring");
  EXPECT_EQ(trend_label(Trend::unchanged), "oförändrat");
  EXPECT_EQ(trend_label(Trend::none), "");
}

TEST(FormatTest, FormatValueAddsTheUnit) {
  EXPECT_EQ(format_value(Decimal::integer(91), Unit::percent), "91 %");
  EXPECT_EQ(format_value(Decimal::integer(-143), Unit::tkr),
            "\xE2\x88\x92"
            "143 tkr");
  EXPECT_EQ(format_value(Decimal::integer(62500), Unit::count), "62 500");
  EXPECT_EQ(format_value(dec(44, 1), Unit::score), "4,4");
  EXPECT_EQ(format_value(Decimal::integer(1500), Unit::kr), "1 500 kr");
  EXPECT_EQ(format_value(Decimal::integer(5), Unit::days), "5 dagar");
  EXPECT_EQ(format_value(Decimal::integer(3), Unit::hours), "3 timmar");
  EXPECT_EQ(format_value(dec(96, 2), Unit::ratio), "0,96");
  EXPECT_EQ(format_value(Decimal::integer(78), Unit::index), "78");
  EXPECT_EQ(format_value(Decimal::integer(7), Unit::number), "7");
}

TEST(FormatTest, FormatCell) {
  Value number;
  number.kind = Value::Kind::number;
  number.number = dec(55, 1);
  EXPECT_EQ(format_cell(number, Unit::percent), "5,5 %");
  Value blank;
  blank.text = "";
  EXPECT_EQ(format_cell(blank, Unit::percent), "");
  Value iu;
  iu.absence = Absence::no_data;
  iu.text = "I.U.";
  EXPECT_EQ(format_cell(iu, Unit::percent), "I.U.");
  Value text;
  text.kind = Value::Kind::text;
  text.text = "Nollresultat";
  EXPECT_EQ(format_cell(text, Unit::tkr), "Nollresultat");
}

ast::Target compare(ast::Comparator c, Decimal value, bool annual = false) {
  ast::Target t;
  t.kind = ast::Target::Kind::compare;
  t.comparator = c;
  t.value = value;
  t.annual = annual;
  return t;
}

TEST(FormatTest, FormatTargetForEveryComparator) {
  EXPECT_EQ(format_target(compare(ast::Comparator::ge, Decimal::integer(92)), Unit::percent), "≥ 92 %");
  EXPECT_EQ(format_target(compare(ast::Comparator::le, dec(35, 1)), Unit::percent), "≤ 3,5 %");
  EXPECT_EQ(format_target(compare(ast::Comparator::gt, Decimal::integer(0)), Unit::tkr), "> 0 tkr");
  EXPECT_EQ(format_target(compare(ast::Comparator::lt, Decimal::integer(5)), Unit::percent), "< 5 %");
  EXPECT_EQ(format_target(compare(ast::Comparator::eq, Decimal::integer(100)), Unit::percent), "= 100 %");
  ast::Target range = compare(ast::Comparator::range, Decimal::integer(90));
  range.upper = Decimal::integer(100);
  EXPECT_EQ(format_target(range, Unit::percent), "90–100 %");
}

TEST(FormatTest, FormatTargetAnnualPendingNoneAndText) {
  EXPECT_EQ(format_target(compare(ast::Comparator::ge, Decimal::integer(220000), true), Unit::count),
            "≥ 220 000 per år");
  ast::Target pending;
  pending.kind = ast::Target::Kind::pending;
  EXPECT_EQ(format_target(pending, Unit::count), "ej satt");
  pending.text = "Q3";
  EXPECT_EQ(format_target(pending, Unit::count), "Q3");
  EXPECT_EQ(format_target(ast::Target{}, Unit::count), "");
  ast::Target text = compare(ast::Comparator::ge, Decimal::integer(0));
  text.text = "Nollresultat";
  EXPECT_EQ(format_target(text, Unit::tkr), "Nollresultat");
}

TEST(FormatTest, PeriodText) {
  EXPECT_EQ(period_text(Period{2019, 12, true}), "2019");
  EXPECT_EQ(period_text(Period{2020, 3, false}), "mars 2020");
  EXPECT_EQ(period_text(Period{2020, 1, false}), "januari 2020");
  EXPECT_EQ(period_text(Period{2020, 12, false}), "december 2020");
}

TEST(FormatTest, PeriodRangeText) {
  EXPECT_EQ(period_range_text(Period{2019, 12, true}), "helåret 2019");
  EXPECT_EQ(period_range_text(Period{2020, 3, false}), "januari–mars 2020");
  EXPECT_EQ(period_range_text(Period{2020, 1, false}), "januari 2020");
  EXPECT_EQ(period_range_text(Period{2020, 8, false}), "januari–augusti 2020");
}

// An expectation without a finite decimal form (5 * 1/12 = 0,41666...) is shown finer
// than the value, so a value that is behind is never described as level with it.
TEST(CommentaryTest, BehindNeverSaysLevelWithTheExpectation) {
  Session s;
  auto results =
      s.run(test::one_indicator("    data t.r\n    target >= 5 annual\n"),
            "report: {title: \"T\", period: \"2020-01\"}\n"
            "tables:\n"
            "  t:\n"
            "    columns: [{id: jan, label: \"Januari 2020\", kind: actual, period: \"2020-01\"}]\n"
            "    rows: {r: {values: [\"0,4\"]}}\n");
  ASSERT_TRUE(results) << s.rendered();
  const ItemResult& r = results->items.at(0);
  ASSERT_EQ(r.verdict, Verdict::behind);
  ASSERT_TRUE(r.gap);
  EXPECT_TRUE(r.gap->is_negative()) << "gap " << r.gap->to_string();
  EXPECT_EQ(write_commentary(*results).items.at(0),
            "Mått: 0,4 hittills i år ligger efter årsmålet 5 (0,017 under förväntade 0,417 efter 1 av 12 "
            "månader).");
}

}  // namespace
}  // namespace attain
