// Loading datasets: report info, tables, columns, rows, every cell form and marker, and
// every error with its code, message and position.

#include <gtest/gtest.h>

#include "attain/dataset.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

using test::Session;
using test::small_dataset;

// Loads `yaml`; fails the test on any diagnostic.
struct Loaded {
  explicit Loaded(std::string yaml) {
    data = s.load(std::move(yaml));
    EXPECT_TRUE(data) << s.rendered();
    EXPECT_TRUE(s.sink.diagnostics().empty()) << s.rendered();
  }
  const Row& row(std::string_view id) const {
    const Row* r = data.value().tables.at(0).row(id);
    if (!r) throw std::runtime_error("no row " + std::string(id));
    return *r;
  }
  std::vector<Value> values(std::string_view id) const { return data.value().tables.at(0).values(row(id)); }
  std::string where(const Value& v) const { return s.sources.location(v.span); }
  Session s;
  std::optional<Dataset> data;
};

// Loads `yaml` expected to be wrong.
struct Failed {
  explicit Failed(std::string yaml) {
    data = s.load(std::move(yaml));
    EXPECT_FALSE(data) << "the dataset loaded";
  }
  std::vector<std::string> helps(std::string_view code) const {
    const Diagnostic* d = s.find(code);
    return d ? test::helps(*d) : std::vector<std::string>{"(no " + std::string(code) + ")"};
  }
  Session s;
  std::optional<Dataset> data;
};

TEST(DatasetTest, LoadsReportInfo) {
  Loaded l(small_dataset("      r: {label: \"R\", values: [1, 2, 3]}\n"));
  const ReportInfo& r = l.data->report;
  EXPECT_EQ(r.title, "Testrapport");
  EXPECT_EQ(r.organisation, "Testförvaltningen");
  EXPECT_EQ(r.municipality, "Testkommun");
  EXPECT_EQ(r.period, (Period{2020, 3, false}));
  EXPECT_EQ(l.data->file, 0u);
}

TEST(DatasetTest, OrganisationAndMunicipalityAreOptional) {
  Loaded l("report: {title: \"T\", period: \"2019\"}\ntables: {}\n");
  EXPECT_EQ(l.data->report.organisation, "");
  EXPECT_EQ(l.data->report.municipality, "");
  EXPECT_EQ(l.data->report.period, (Period{2019, 12, true}));
  EXPECT_TRUE(l.data->tables.empty());
}

TEST(DatasetTest, LoadsTablesColumnsAndRows) {
  Loaded l(
      small_dataset("      r:\n"
                    "        label: \"Rad\"\n"
                    "        values: [1, 2, 3]\n"
                    "        rows:\n"
                    "          man: {label: \"Män\", values: [4, 5, null]}\n"
                    "      header:\n"
                    "        rows:\n"
                    "          child: {values: [7, 8, 9]}\n"));
  ASSERT_EQ(l.data->tables.size(), 1u);
  const Table& t = l.data->tables[0];
  EXPECT_EQ(t.id, "t");
  EXPECT_EQ(t.title, "Testtabell");
  EXPECT_FALSE(t.unit);
  EXPECT_EQ(l.s.sources.location(t.span), "test.yaml:7:3");
  ASSERT_EQ(t.columns.size(), 3u);
  EXPECT_EQ(t.columns[0].id, "ar_2019");
  EXPECT_EQ(t.columns[0].label, "2019");
  EXPECT_EQ(t.columns[0].kind, ColumnKind::actual);
  EXPECT_EQ(t.columns[0].period, (Period{2019, 12, true}));
  EXPECT_EQ(t.columns[1].period, (Period{2020, 3, false}));
  EXPECT_EQ(t.columns[2].kind, ColumnKind::target);
  EXPECT_FALSE(t.columns[2].period);
  EXPECT_EQ(t.column_index("malvarde"), 2u);
  EXPECT_EQ(t.column("mars_2020"), &t.columns[1]);
  EXPECT_EQ(t.column("nope"), nullptr);
  EXPECT_FALSE(t.column_index("nope"));
  EXPECT_EQ(l.data->table("t"), &t);
  EXPECT_EQ(l.data->table("u"), nullptr);

  ASSERT_EQ(t.rows.size(), 2u);
  const Row& r = t.rows[0];
  EXPECT_EQ(r.id, "r");
  EXPECT_EQ(r.label, "Rad");
  EXPECT_EQ(l.s.sources.location(r.span), "test.yaml:14:7");
  ASSERT_EQ(t.values(r).size(), 3u);
  EXPECT_EQ(t.value(r, 1).number, Decimal::integer(2));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].id, "man");
  EXPECT_EQ(r.rows[0].label, "Män");
  EXPECT_EQ(t.value(r.rows[0], 1).number, Decimal::integer(5));
  EXPECT_EQ(t.row("man"), nullptr);  // only top-level rows

  const Row& header = t.rows[1];
  EXPECT_FALSE(header.has_values());
  EXPECT_EQ(header.label, "header");  // the id when no label is given
  EXPECT_EQ(header.rows.at(0).label, "child");
}

TEST(DatasetTest, ColumnDefaults) {
  Loaded l(
      "report: {title: \"T\", period: \"2020-03\"}\n"
      "tables:\n"
      "  t:\n"
      "    title: \"T\"\n"
      "    unit: tkr\n"
      "    columns:\n"
      "      - {id: a}\n"
      "      - {id: b, kind: forecast}\n"
      "      - {id: c, kind: budget}\n"
      "      - {id: d, kind: frame}\n"
      "      - {id: e, kind: deviation}\n"
      "    rows: {}\n");
  const Table& t = l.data->tables.at(0);
  EXPECT_EQ(t.unit, "tkr");
  EXPECT_EQ(t.columns[0].kind, ColumnKind::actual);
  EXPECT_EQ(t.columns[0].label, "a");
  EXPECT_FALSE(t.columns[0].period);
  EXPECT_EQ(t.columns[1].kind, ColumnKind::forecast);
  EXPECT_EQ(t.columns[2].kind, ColumnKind::budget);
  EXPECT_EQ(t.columns[3].kind, ColumnKind::frame);
  EXPECT_EQ(t.columns[4].kind, ColumnKind::deviation);
  EXPECT_EQ(to_string(ColumnKind::frame), "frame");
  EXPECT_EQ(to_string(ColumnKind::target), "target");
}

// --- Cells --------------------------------------------------------------------------------

TEST(DatasetCellTest, Numbers) {
  Loaded l(
      small_dataset("      a: {values: [-143, \"\xE2\x88\x92"
                    "143\", \"-1 462\"]}\n"
                    "      b: {values: [62 500, \"5,5\", 99.1]}\n"
                    "      c: {values: [\"62\xC2\xA0"
                    "500\", \"0,20\", 0]}\n"));
  const auto& a = l.values("a");
  EXPECT_TRUE(a[0].is_number());
  EXPECT_EQ(a[0].number, Decimal::integer(-143));
  EXPECT_EQ(a[0].text, "-143");
  EXPECT_EQ(a[1].number, Decimal::integer(-143));
  EXPECT_EQ(a[2].number, Decimal::integer(-1462));
  EXPECT_EQ(a[2].text, "-1 462");
  const auto& b = l.values("b");
  EXPECT_EQ(b[0].number, Decimal::integer(62500));
  EXPECT_EQ(b[1].number, Decimal::from_units(55, 1));
  EXPECT_EQ(b[2].number, Decimal::from_units(991, 1));
  const auto& c = l.values("c");
  EXPECT_EQ(c[0].number, Decimal::integer(62500));
  EXPECT_EQ(c[1].number.scale(), 2);
  EXPECT_TRUE(c[2].is_number());
  EXPECT_TRUE(c[2].number.is_zero());
  for (const Value& v : a) EXPECT_FALSE(v.percent);
}

// A table keeps a figure in 12 bytes when its units fit in 32 bits, and whole otherwise:
// both read back exactly, with their text and place.
TEST(DatasetCellTest, NumbersBeyondThirtyTwoBitsReadBackExactly) {
  Loaded l(
      small_dataset("      a: {values: [2147483647, -2147483648, \"21 474 836,48\"]}\n"
                    "      b: {values: [9223372036854775807, \"-2147483649\", \"0,000000001\"]}\n"));
  const auto& a = l.values("a");
  EXPECT_EQ(a[0].number, Decimal::integer(2147483647));
  EXPECT_EQ(a[1].number, Decimal::integer(-2147483648LL));
  EXPECT_EQ(a[2].number, Decimal::from_units(2147483648LL, 2));
  EXPECT_EQ(a[2].text, "21 474 836,48");
  const auto& b = l.values("b");
  EXPECT_EQ(b[0].number, Decimal::integer(9223372036854775807LL));
  EXPECT_EQ(b[0].text, "9223372036854775807");
  EXPECT_EQ(b[1].number, Decimal::integer(-2147483649LL));
  EXPECT_EQ(b[2].number, Decimal::from_units(1, 9));
  EXPECT_EQ(l.where(b[1]), "test.yaml:15:41");  // at its quote
}

TEST(DatasetCellTest, PercentFlag) {
  Loaded l(small_dataset("      p: {values: [91 %, \"6,5 %\", 0%]}\n"));
  for (const Value& v : l.values("p")) {
    EXPECT_TRUE(v.is_number()) << v.text;
    EXPECT_TRUE(v.percent) << v.text;
  }
  EXPECT_EQ(l.values("p")[0].number, Decimal::integer(91));
  EXPECT_EQ(l.values("p")[0].text, "91 %");
}

TEST(DatasetCellTest, Markers) {
  Loaded l(
      small_dataset("      m: {values: [I.U., N/A, \"-\"]}\n"
                    "      n: {values: [null, ~, \"\"]}\n"
                    "      o: {values: [\"  I.U.  \", \"\xE2\x80\x93\", n/a]}\n"));
  const auto& m = l.values("m");
  EXPECT_EQ(m[0].kind, Value::Kind::absent);
  EXPECT_EQ(m[0].absence, Absence::no_data);
  EXPECT_EQ(m[0].text, "I.U.");
  EXPECT_EQ(m[1].kind, Value::Kind::absent);
  EXPECT_EQ(m[1].absence, Absence::not_applicable);
  EXPECT_EQ(m[1].text, "N/A");
  EXPECT_EQ(m[2].absence, Absence::not_applicable);
  EXPECT_EQ(m[2].text, "-");
  for (const Value& v : l.values("n")) {
    EXPECT_EQ(v.kind, Value::Kind::absent);
    EXPECT_EQ(v.absence, Absence::blank);
    EXPECT_EQ(v.text, "");
  }
  const auto& o = l.values("o");
  EXPECT_EQ(o[0].absence, Absence::no_data);
  EXPECT_EQ(o[0].text, "I.U.");  // trimmed
  EXPECT_EQ(o[1].absence, Absence::not_applicable);
  EXPECT_EQ(o[2].absence, Absence::not_applicable);
}

TEST(DatasetCellTest, NotPublishedAndConfidentialMarkers) {
  Loaded l(
      small_dataset("      p: {values: [\"..\", x, X]}\n"
                    "      q: {values: [ej publicerad, sekretess, 1]}\n"));
  const auto& p = l.values("p");
  EXPECT_EQ(p[0].absence, Absence::not_published);
  EXPECT_EQ(p[0].text, "..");
  EXPECT_EQ(p[1].absence, Absence::confidential);
  EXPECT_EQ(p[2].absence, Absence::confidential);
  const auto& q = l.values("q");
  EXPECT_EQ(q[0].absence, Absence::not_published);
  EXPECT_EQ(q[1].absence, Absence::confidential);
  EXPECT_EQ(to_string(Absence::not_published), "not_published");
  EXPECT_EQ(absence_marker(Absence::confidential), "x");
}

TEST(DatasetCellTest, PendingAndTextOnlyInTargetColumns) {
  Loaded l(
      small_dataset("      q: {values: [null, null, Q3]}\n"
                    "      z: {values: [null, null, Nollresultat]}\n"
                    "      y: {values: [null, null, \"<5 %\"]}\n"
                    "      w: {values: [null, null, 90 %]}\n"));
  const Value q = l.values("q")[2];
  EXPECT_EQ(q.kind, Value::Kind::absent);
  EXPECT_EQ(q.absence, Absence::pending);
  EXPECT_EQ(q.text, "Q3");
  const Value z = l.values("z")[2];
  EXPECT_EQ(z.kind, Value::Kind::text);
  EXPECT_EQ(z.text, "Nollresultat");
  EXPECT_EQ(l.values("y")[2].kind, Value::Kind::text);
  EXPECT_EQ(l.values("y")[2].text, "<5 %");
  EXPECT_TRUE(l.values("w")[2].is_number());
  EXPECT_TRUE(l.values("w")[2].percent);
}

TEST(DatasetCellTest, PendingMarkerInAnActualColumnIsAnError) {
  Failed f(small_dataset("      q: {values: [Q3, null, null]}\n"));
  EXPECT_DIAGNOSTIC(f.s, "E0302", "cannot read 'Q3' as a number: expected a number", "test.yaml:14:20");
}

TEST(DatasetCellTest, TextInAnActualColumnIsAnError) {
  Failed f(small_dataset("      z: {values: [null, Nollresultat, null]}\n"));
  EXPECT_DIAGNOSTIC(f.s, "E0302", "cannot read 'Nollresultat' as a number: expected a number",
                    "test.yaml:14:26");
}

TEST(DatasetCellTest, SpansPointAtTheCell) {
  Loaded l(small_dataset("      r: {label: \"R\", values: [\"5,5\", 91 %, null]}\n"));
  const auto& v = l.values("r");
  EXPECT_EQ(l.where(v[0]), "test.yaml:14:32");  // the opening quote
  EXPECT_EQ(l.s.sources.file(0).slice(v[0].span), "\"5,5\"");
  EXPECT_EQ(l.where(v[1]), "test.yaml:14:39");
  EXPECT_EQ(l.s.sources.file(0).slice(v[1].span), "91 %");
}

TEST(DatasetCellTest, SpansOfCellsInABlockSequence) {
  Loaded l(
      small_dataset("      r:\n"
                    "        values:\n"
                    "          - \"5,5\"\n"
                    "          - 62 500   # comment\n"
                    "          - I.U.\n"));
  const auto& v = l.values("r");
  EXPECT_EQ(l.where(v[0]), "test.yaml:16:13");
  EXPECT_EQ(l.s.sources.file(0).slice(v[1].span), "62 500");
  EXPECT_EQ(l.where(v[2]), "test.yaml:18:13");
}

TEST(DatasetCellTest, SeedCellPositionFromTheDocs) {
  // docs/datasets.md: the Mars 2020 figure of Total sjukfrånvaro is at 347:32.
  Session s;
  std::string error;
  const std::string path = (test::repo_root() / "datasets" / "2020q1.yaml").string();
  auto text = read_file(path, error);
  ASSERT_TRUE(text) << error;
  auto data = s.load(*text, "datasets/2020q1.yaml");
  ASSERT_TRUE(data) << s.rendered();
  const Table* t = data->table("medarbetare_attraktiv");
  ASSERT_NE(t, nullptr);
  const Row* r = t->row("sjukfranvaro_total");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(t->value(*r, 2).text, "5,5");
  EXPECT_EQ(s.sources.location(t->value(*r, 2).span), "datasets/2020q1.yaml:347:32");
}

// --- Errors ---------------------------------------------------------------------------------

TEST(DatasetErrorTest, E0301MalformedYaml) {
  Failed f("report: title: \"T\"\ntables: {}\n");
  ASSERT_EQ(f.s.sink.diagnostics().size(), 1u) << f.s.rendered();
  EXPECT_DIAGNOSTIC(f.s, "E0301", "malformed YAML: illegal map value", "test.yaml:1:14");
}

TEST(DatasetErrorTest, E0301UnclosedFlowSequence) {
  Failed f(small_dataset("      r: {values: [1, 2, 3}\n"));
  const Diagnostic* d = f.s.find("E0301");
  ASSERT_NE(d, nullptr) << f.s.rendered();
  EXPECT_EQ(d->message.rfind("malformed YAML: ", 0), 0u) << d->message;
  EXPECT_EQ(f.s.sink.error_count(), 1u);
}

TEST(DatasetErrorTest, E0302UnreadableNumber) {
  Failed f(small_dataset("      r: {label: \"R\", values: [\"5,5,5\", 1, 2]}\n"));
  EXPECT_DIAGNOSTIC(f.s, "E0302", "cannot read '5,5,5' as a number: unexpected ',' after the number",
                    "test.yaml:14:32");
  EXPECT_EQ(
      f.helps("E0302"),
      std::vector<std::string>{
          "write numbers as the report does (5,5  62 500  91 %  \xE2\x88\x92"
          "143) or a "
          "marker: I.U. (no data), N/A or - (not applicable), .. (not yet published), x (confidential), "
          "null (blank)"});
}

TEST(DatasetErrorTest, E0310UnquotedDecimalCommaSplitsTheCell) {
  // [4,4, 1, 2] is four cells in YAML: the row has one cell too many.
  Failed f(small_dataset("      r: {values: [4,4, 1, 2]}\n"));
  EXPECT_DIAGNOSTIC(f.s, "E0310", "row 'r' has 4 cells but table 't' has 3 columns", "test.yaml:14:19");
}

TEST(DatasetErrorTest, E0303MissingKey) {
  Failed f("report:\n  title: \"T\"\n  period: \"2020-03\"\n");
  EXPECT_DIAGNOSTIC(f.s, "E0303", "missing key 'tables'", "test.yaml:1:1");
}

TEST(DatasetErrorTest, E0303MissingReportPeriod) {
  Failed f("report:\n  title: \"T\"\ntables: {}\n");
  EXPECT_DIAGNOSTIC(f.s, "E0303", "missing key 'period'", "test.yaml:2:3");
}

TEST(DatasetErrorTest, E0303MissingColumnId) {
  Failed f(
      "report: {title: \"T\", period: \"2020-03\"}\n"
      "tables:\n"
      "  t:\n"
      "    columns:\n"
      "      - {label: \"L\"}\n"
      "    rows: {}\n");
  EXPECT_DIAGNOSTIC(f.s, "E0303", "missing key 'id'", "test.yaml:5:9");
}

TEST(DatasetErrorTest, E0304DatasetIsNotAMap) {
  Failed f("- a\n- b\n");
  EXPECT_DIAGNOSTIC(f.s, "E0304", "a dataset must be a map with the keys 'report' and 'tables'",
                    "test.yaml:1:1");
}

TEST(DatasetErrorTest, E0304WrongTypes) {
  Failed f("report: \"T\"\ntables: [1, 2]\n");
  EXPECT_DIAGNOSTIC(f.s, "E0304", "'report' must be a map with title, organisation, municipality and period",
                    "test.yaml:1:9");
  EXPECT_DIAGNOSTIC(f.s, "E0304", "'tables' must be a map from table id to table", "test.yaml:2:9");
}

TEST(DatasetErrorTest, E0304ValuesNotAList) {
  Failed f(small_dataset("      r: {values: 5}\n"));
  EXPECT_DIAGNOSTIC(
      f.s, "E0304",
      "'values' must be a list with one cell per column, such as [I.U., \"90 %\", \"91 %\", \"92 %\"]",
      "test.yaml:14:19");
}

TEST(DatasetErrorTest, E0304CellIsAList) {
  Failed f(small_dataset("      r: {values: [1, [2], 3]}\n"));
  EXPECT_DIAGNOSTIC(f.s, "E0304", "a cell must be a single value", "test.yaml:14:23");
}

TEST(DatasetErrorTest, E0305UnknownKeyWithDidYouMean) {
  Failed f("report:\n  titl: \"T\"\n  title: \"T\"\n  period: \"2020-03\"\ntables: {}\n");
  EXPECT_DIAGNOSTIC(f.s, "E0305", "unknown key 'titl'", "test.yaml:2:3");
  EXPECT_EQ(f.helps("E0305"), std::vector<std::string>{"did you mean 'title'?"});
}

TEST(DatasetErrorTest, E0305UnknownKeyListsTheKeys) {
  Failed f("report: {title: \"T\", period: \"2020\"}\ntables: {}\nextra: 1\n");
  EXPECT_DIAGNOSTIC(f.s, "E0305", "unknown key 'extra'", "test.yaml:3:1");
  EXPECT_EQ(f.helps("E0305"), std::vector<std::string>{"expected one of: report, tables"});
}

TEST(DatasetErrorTest, E0306DuplicateKey) {
  Failed f("report:\n  title: \"T\"\n  period: \"2020-03\"\n  title: \"U\"\ntables: {}\n");
  EXPECT_DIAGNOSTIC(f.s, "E0306", "duplicate key 'title'", "test.yaml:4:3");
  const Diagnostic* d = f.s.find("E0306");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(test::notes(*d), std::vector<std::string>{"first given here"});
  EXPECT_EQ(test::note_location(f.s, *d), "test.yaml:2:3");
}

TEST(DatasetErrorTest, E0306DuplicateRow) {
  Failed f(small_dataset("      r: {values: [1, 2, 3]}\n      r: {values: [4, 5, 6]}\n"));
  EXPECT_DIAGNOSTIC(f.s, "E0306", "duplicate row 'r'", "test.yaml:15:7");
  const Diagnostic* d = f.s.find("E0306");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(test::notes(*d), std::vector<std::string>{"first given here"});
  EXPECT_EQ(test::note_location(f.s, *d), "test.yaml:14:7");
}

TEST(DatasetErrorTest, E0306DuplicateColumn) {
  Failed f(
      "report: {title: \"T\", period: \"2020-03\"}\n"
      "tables:\n"
      "  t:\n"
      "    columns:\n"
      "      - {id: a}\n"
      "      - {id: a}\n"
      "    rows: {}\n");
  EXPECT_DIAGNOSTIC(f.s, "E0306", "duplicate column 'a'", "test.yaml:6:14");
}

TEST(DatasetErrorTest, E0307InvalidRowId) {
  Failed f(small_dataset("      sjukfr\xC3\xA5nvaro: {values: [1, 2, 3]}\n"));
  EXPECT_DIAGNOSTIC(f.s, "E0307", "'sjukfr\xC3\xA5nvaro' is not a valid row id", "test.yaml:14:7");
  EXPECT_EQ(f.helps("E0307"), std::vector<std::string>{"ids use the ASCII letters a-z and A-Z, digits and _, "
                                                       "do not start with a digit, and have no \xC3\xA5, "
                                                       "\xC3\xA4 or \xC3\xB6 (write a, a, o)"});
}

TEST(DatasetErrorTest, E0307InvalidTableAndColumnIds) {
  Failed f(
      "report: {title: \"T\", period: \"2020-03\"}\n"
      "tables:\n"
      "  1t:\n"
      "    columns: []\n"
      "    rows: {}\n"
      "  u:\n"
      "    columns:\n"
      "      - {id: \"2019\"}\n"
      "    rows: {}\n");
  EXPECT_DIAGNOSTIC(f.s, "E0307", "'1t' is not a valid table id", "test.yaml:3:3");
  EXPECT_DIAGNOSTIC(f.s, "E0307", "'2019' is not a valid column id", "test.yaml:8:14");
}

TEST(DatasetErrorTest, E0308BadPeriod) {
  Failed f("report:\n  title: \"T\"\n  period: \"2020-13\"\ntables: {}\n");
  EXPECT_DIAGNOSTIC(f.s, "E0308", "cannot read '2020-13' as a period", "test.yaml:3:11");
  EXPECT_EQ(f.helps("E0308"),
            std::vector<std::string>{
                "write \"2019\" for a full year or \"2020-03\" for the year to date through March"});
}

TEST(DatasetErrorTest, E0309UnknownColumnKind) {
  Failed f(
      "report: {title: \"T\", period: \"2020-03\"}\n"
      "tables:\n"
      "  t:\n"
      "    columns:\n"
      "      - {id: a, kind: actaul}\n"
      "      - {id: b, kind: guess}\n"
      "    rows: {}\n");
  EXPECT_DIAGNOSTIC(f.s, "E0309", "unknown column kind 'actaul'", "test.yaml:5:23");
  EXPECT_DIAGNOSTIC(f.s, "E0309", "unknown column kind 'guess'", "test.yaml:6:23");
  ASSERT_EQ(f.s.count("E0309"), 2u);
  EXPECT_EQ(test::helps(f.s.sink.diagnostics()[0]), std::vector<std::string>{"did you mean 'actual'?"});
  EXPECT_EQ(test::helps(f.s.sink.diagnostics()[1]),
            std::vector<std::string>{"kinds are: actual, forecast, budget, frame, target, deviation"});
}

TEST(DatasetErrorTest, E0310WrongNumberOfCells) {
  Failed f(small_dataset("      r: {values: [1, 2]}\n"));
  EXPECT_DIAGNOSTIC(f.s, "E0310", "row 'r' has 2 cells but table 't' has 3 columns", "test.yaml:14:19");
  EXPECT_EQ(f.helps("E0310"), std::vector<std::string>{
                                  "give one cell per column, in column order; write null for a blank cell"});
}

TEST(DatasetErrorTest, LoadingGoesOnToFindFurtherProblems) {
  Failed f(
      small_dataset("      a: {values: [1, 2]}\n"
                    "      b: {values: [\"abc\", 2, 3]}\n"
                    "      c: {values: [1, 2, 3], extra: 1}\n"));
  EXPECT_EQ(f.s.count("E0310"), 1u);
  EXPECT_EQ(f.s.count("E0302"), 1u);
  EXPECT_EQ(f.s.count("E0305"), 1u);
  EXPECT_EQ(f.s.sink.error_count(), 3u) << f.s.rendered();
}

// --- Periods ----------------------------------------------------------------------------------

TEST(PeriodTest, ParsesFullYearAndYearToDate) {
  EXPECT_EQ(parse_period("2019"), (Period{2019, 12, true}));
  EXPECT_EQ(parse_period("2020-03"), (Period{2020, 3, false}));
  EXPECT_EQ(parse_period("2020-12"), (Period{2020, 12, false}));
  EXPECT_EQ(parse_period("2020-01")->months(), 1);
}

TEST(PeriodTest, RejectsOtherForms) {
  for (const char* bad : {"", "20", "19999", "2020-00", "2020-13", "2020-3", "2020/03", "abcd", "2020-0a",
                          " 2020", "2020-03-31"}) {
    EXPECT_FALSE(parse_period(bad)) << "'" << bad << "'";
  }
}

TEST(PeriodTest, ToString) {
  EXPECT_EQ((Period{2019, 12, true}).to_string(), "2019");
  EXPECT_EQ((Period{2020, 3, false}).to_string(), "2020-03");
  EXPECT_EQ((Period{2020, 11, false}).to_string(), "2020-11");
}

TEST(PeriodTest, OrdersByTheLastMonthCovered) {
  EXPECT_LT((Period{2019, 12, true}), (Period{2020, 3, false}));
  EXPECT_LT((Period{2019, 3, false}), (Period{2019, 12, true}));
  EXPECT_LT((Period{2018, 12, true}), (Period{2019, 12, true}));
  EXPECT_EQ(parse_period("2019")->months(), 12);
}

}  // namespace
}  // namespace attain
