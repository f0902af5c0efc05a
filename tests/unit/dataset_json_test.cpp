// JSON datasets: the same schema as YAML, read by simdjson into the same builder. The
// seed written as JSON must load to the same dataset; errors keep their codes and messages
// and point into the JSON text.

#include <algorithm>

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "attain/dataset.hpp"
#include "attain/render.hpp"
#include "dataset_builder.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

using test::replaced;
using test::Session;

std::string repo_file(const char* path) {
  std::string error;
  auto text = read_file((test::repo_root() / path).string(), error);
  if (!text) throw std::runtime_error(error);
  return *text;
}

void expect_same_rows(const Table& a, const std::vector<Row>& ra, const Table& b, const std::vector<Row>& rb,
                      const std::string& path) {
  ASSERT_EQ(ra.size(), rb.size()) << path;
  for (std::size_t i = 0; i < ra.size(); ++i) {
    const std::string where = path + "." + ra[i].id;
    EXPECT_EQ(ra[i].id, rb[i].id) << where;
    EXPECT_EQ(ra[i].label, rb[i].label) << where;
    ASSERT_EQ(ra[i].has_values(), rb[i].has_values()) << where;
    const std::vector<Value> va = a.values(ra[i]);
    const std::vector<Value> vb = b.values(rb[i]);
    ASSERT_EQ(va.size(), vb.size()) << where;
    for (std::size_t c = 0; c < va.size(); ++c) {
      EXPECT_EQ(va[c].kind, vb[c].kind) << where << " column " << c;
      EXPECT_EQ(va[c].number, vb[c].number) << where << " column " << c;
      EXPECT_EQ(va[c].percent, vb[c].percent) << where << " column " << c;
      EXPECT_EQ(va[c].absence, vb[c].absence) << where << " column " << c;
      EXPECT_EQ(va[c].text, vb[c].text) << where << " column " << c;
    }
    expect_same_rows(a, ra[i].rows, b, rb[i].rows, where);
  }
}

TEST(JsonDatasetTest, TheSeedAsJsonLoadsToTheSameDatasetAsTheYaml) {
  Session s;
  const auto yaml = s.load(repo_file("datasets/2020q1.yaml"), "datasets/2020q1.yaml");
  const auto json = s.load(repo_file("tests/cases/inputs/2020q1.json"), "tests/cases/inputs/2020q1.json");
  ASSERT_TRUE(yaml && json) << s.rendered();
  EXPECT_EQ(yaml->report.title, json->report.title);
  EXPECT_EQ(yaml->report.period, json->report.period);
  ASSERT_EQ(yaml->tables.size(), json->tables.size());
  for (std::size_t t = 0; t < yaml->tables.size(); ++t) {
    const Table& a = yaml->tables[t];
    const Table& b = json->tables[t];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.unit, b.unit);
    ASSERT_EQ(a.columns.size(), b.columns.size()) << a.id;
    for (std::size_t c = 0; c < a.columns.size(); ++c) {
      EXPECT_EQ(a.columns[c].id, b.columns[c].id);
      EXPECT_EQ(a.columns[c].kind, b.columns[c].kind);
      EXPECT_EQ(a.columns[c].period, b.columns[c].period);
    }
    expect_same_rows(a, a.rows, b, b.rows, a.id);
  }
  // Locations are the JSON file's: the cell "5,5" of sjukfrånvaro in March 2020.
  const Table* t = json->table("medarbetare_attraktiv");
  ASSERT_NE(t, nullptr);
  const Row* r = t->row("sjukfranvaro_total");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(t->value(*r, 2).text, "5,5");
  EXPECT_EQ(s.sources.file(t->value(*r, 2).span.file).slice(t->value(*r, 2).span), "\"5,5\"");
}

TEST(JsonDatasetTest, JsonNumbersAreReadExactlyFromTheirText) {
  Session s;
  const auto data = s.load(
      R"({"report": {"title": "T", "period": "2020-03"},
 "tables": {"t": {"columns": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}, {"id": "e"}],
   "rows": {"r": {"values": [5.5, -143, 0.30000000, 62500, true]}}}}})",
      "exact.json");
  ASSERT_FALSE(data);  // true is not a figure
  ASSERT_NE(s.find("E0302"), nullptr) << s.rendered();
  EXPECT_EQ(s.find("E0302")->message, "cannot read 'true' as a number: expected a number");
  EXPECT_EQ(s.sources.location(*s.find("E0302")->span), "exact.json:3:60");

  Session ok;
  const auto read = ok.load(
      R"({"report": {"title": "T", "period": "2020-03"},
 "tables": {"t": {"columns": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}, {"id": "e"}],
   "rows": {"r": {"values": [5.5, -143, 0.30000000, 62500, null]}}}}})",
      "exact.json");
  ASSERT_TRUE(read) << ok.rendered();
  const Table& t = read->tables.at(0);
  const Row& r = t.rows.at(0);
  EXPECT_EQ(t.value(r, 0).number, Decimal::from_units(55, 1));
  EXPECT_EQ(t.value(r, 1).number, Decimal::integer(-143));
  EXPECT_EQ(t.value(r, 2).number, Decimal::from_units(3, 1));
  EXPECT_EQ(t.value(r, 2).text, "0.30000000");
  EXPECT_EQ(t.value(r, 3).number, Decimal::integer(62500));
  EXPECT_EQ(t.value(r, 4).kind, Value::Kind::absent);
  EXPECT_EQ(ok.sources.location(t.value(r, 4).span), "exact.json:3:60");
}

// A JSON number is kept as its place in the text when its units fit in 32 bits, and
// whole (with its text) when they do not; either way it reads back as written, and a
// '.' before three digits is W0307 at the number. A row with the wrong number of cells
// takes back the figures it added, kept whole ones too.
TEST(JsonDatasetTest, NumbersInPlaceAndKeptWholeReadBackAsWritten) {
  Session s;
  const auto data = s.load(
      R"({"report": {"title": "T", "period": "2020-03"},
 "tables": {"t": {"columns": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
   "rows": {"r": {"values": [2147483647, -2147483648, 2147483648]},
            "q": {"values": [9223372036854775807, 21474836.48, 1.250]}}}}})",
      "bounds.json");
  ASSERT_TRUE(data) << s.rendered();
  const Table& t = data->tables.at(0);
  const Row& r = t.rows.at(0);
  const Row& q = t.rows.at(1);
  const std::vector<std::pair<Value, std::string>> expected = {
      {t.value(r, 0), "2147483647"},          {t.value(r, 1), "-2147483648"}, {t.value(r, 2), "2147483648"},
      {t.value(q, 0), "9223372036854775807"}, {t.value(q, 1), "21474836.48"}, {t.value(q, 2), "1.250"},
  };
  for (const auto& [v, written] : expected) {
    EXPECT_EQ(v.kind, Value::Kind::number) << written;
    EXPECT_EQ(v.text, written);
    EXPECT_EQ(s.sources.file(v.span.file).slice(v.span), written);
    std::string why;
    EXPECT_EQ(v.number, read_cell(written, {}, false, why).value().number) << written;
  }
  EXPECT_EQ(t.figure(q, 0).number, Decimal::from_units(9223372036854775807, 0));
  EXPECT_TRUE(t.figure(q, 0).text.empty());
  ASSERT_EQ(s.count("W0307"), 1u) << s.rendered();
  EXPECT_EQ(s.sources.location(*s.find("W0307")->span), "bounds.json:4:64");

  Session wrong;
  EXPECT_FALSE(wrong.load(
      R"({"report": {"title": "T", "period": "2020-03"},
 "tables": {"t": {"columns": [{"id": "a"}, {"id": "b"}],
   "rows": {"r": {"values": [9223372036854775807, 1, 2]}, "q": {"values": [1, 2]}}}}})",
      "wrong.json"));
  EXPECT_EQ(wrong.count("E0310"), 1u) << wrong.rendered();
}

TEST(JsonDatasetTest, AnEscapedStringKeepsItsText) {
  Session s;
  const auto data = s.load(
      R"({"report": {"title": "T", "period": "2020-03"},
 "tables": {"t": {"columns": [{"id": "m", "kind": "target"}],
   "rows": {"r": {"values": ["\u003c5 \"x\""]}}}}})",
      "escape.json");
  ASSERT_TRUE(data) << s.rendered();
  const Table& t = data->tables.at(0);
  EXPECT_EQ(t.value(t.rows.at(0), 0).kind, Value::Kind::text);
  EXPECT_EQ(t.value(t.rows.at(0), 0).text, "<5 \"x\"");
}

TEST(JsonDatasetTest, SchemaErrorsHaveTheYamlMessagesAtJsonPlaces) {
  Session s;
  const auto data = s.load(
      R"({"report": {"title": "T", "period": "2020-13"},
 "tables": {"t": {"colums": [], "rows": {"r": {"values": [1]}}},
            "9x": {"columns": [{"id": "a", "kind": "targt"}], "rows": {}}}})",
      "schema.json");
  EXPECT_FALSE(data);
  std::vector<std::string> seen;
  for (const Diagnostic& d : s.sink.diagnostics())
    seen.push_back(fmt::format("{} {} {}", s.sources.location(*d.span), d.code, d.message));
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "schema.json:1:37 E0308 cannot read '2020-13' as a period",
                      "schema.json:2:19 E0305 unknown key 'colums'",
                      "schema.json:2:18 E0303 missing key 'columns'",
                      "schema.json:2:58 E0310 row 'r' has 1 cell but table 't' has 0 columns",
                      "schema.json:3:13 E0307 '9x' is not a valid table id",
                  }));
}

TEST(JsonDatasetTest, MalformedJsonIsE0301AtThePlace) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{\"report\": {\"title\": \"T\" \"period\": \"2020-03\"}, \"tables\": {}}\n",
       "x.json:1:26 malformed JSON: a '[' or '{' is not closed, or a ',' or ':' is missing or one too many"},
      {"{\"report\": {\"title\": \"T, \"period\": \"2020-03\"},\n \"tables\": {}}\n",
       "x.json:1:44 malformed JSON: this string is not closed: a '\"' is missing"},
      {"{\"report\": {}, \"tables\": {}}\n{}\n",
       "x.json:2:1 malformed JSON: more text after the end of the dataset"},
      {"{\"report\": [tru], \"tables\": {}}\n",
       "x.json:1:13 malformed JSON: this is not a JSON value (text must be in double quotes)"},
  };
  for (const auto& [text, expected] : cases) {
    Session s;
    EXPECT_FALSE(s.load(text, "x.json"));
    ASSERT_EQ(s.sink.error_count(), 1u) << s.rendered();
    const Diagnostic& d = s.sink.diagnostics().at(0);
    EXPECT_EQ(d.code, "E0301");
    EXPECT_EQ(fmt::format("{} {}", s.sources.location(*d.span), d.message), expected);
  }
}

TEST(JsonDatasetTest, DeepNestingIsAnErrorNotACrash) {
  const std::string text = "{\"report\": " + std::string(100'000, '[') + std::string(100'000, ']') + "}";
  Session s;
  EXPECT_FALSE(s.load(text, "deep.json"));
  ASSERT_NE(s.find("E0301"), nullptr) << s.rendered();
  EXPECT_EQ(s.find("E0301")->message,
            "malformed JSON: nested deeper than the JSON reader allows (1 000 levels)");
  // Just under the limit (with the object around it) is read: a shape error, not E0301.
  const std::string under = "{\"report\": " + std::string(998, '[') + std::string(998, ']') + "}";
  Session t;
  EXPECT_FALSE(t.load(under, "under.json"));
  EXPECT_EQ(t.find("E0301"), nullptr) << t.rendered();
  EXPECT_NE(t.find("E0304"), nullptr) << t.rendered();
  const std::string over = "{\"report\": " + std::string(1000, '[') + std::string(1000, ']') + "}";
  Session u;
  EXPECT_FALSE(u.load(over, "over.json"));
  EXPECT_NE(u.find("E0301"), nullptr) << u.rendered();
}

TEST(JsonDatasetTest, OnlyTheJsonExtensionSelectsTheJsonReader) {
  EXPECT_TRUE(is_json_dataset("a/b/2020q1.json"));
  EXPECT_TRUE(is_json_dataset("KOLADA.JSON"));
  EXPECT_FALSE(is_json_dataset("2020q1.yaml"));
  EXPECT_FALSE(is_json_dataset("json"));
  EXPECT_FALSE(is_json_dataset("a.json.yaml"));
  // JSON is also YAML: a .yaml file holding JSON is read by the YAML reader, and loads.
  Session s;
  EXPECT_TRUE(s.load("{\"report\": {\"title\": \"T\", \"period\": \"2020\"}, \"tables\": {}}\n", "flow.yaml"))
      << s.rendered();
}

// --- a table at a time ------------------------------------------------------------------
// A plain JSON file is read one table at a time (simdjson's index for one table, not
// the whole file); its result must be exactly that of reading the file whole: the same
// dataset, spans and all, and the same messages at the same places.

// Everything a dataset holds, spans included, as text to compare.
std::string dump_rows(const Table& t, const std::vector<Row>& rows, const std::string& indent) {
  std::string out;
  for (const Row& r : rows) {
    out += fmt::format("{}row {} '{}' {}-{}\n", indent, r.id, r.label, r.span.begin, r.span.end);
    for (const Value& v : t.values(r)) {
      out +=
          fmt::format("{}  {} {} {} {} '{}' {}-{}\n", indent, static_cast<int>(v.kind), v.number.to_string(),
                      v.percent, static_cast<int>(v.absence), v.text, v.span.begin, v.span.end);
    }
    out += dump_rows(t, r.rows, indent + "  ");
  }
  return out;
}

std::string dump(const std::optional<Dataset>& d) {
  if (!d) return "no dataset\n";
  std::string out = fmt::format("report '{}' '{}' '{}' {}\n", d->report.title, d->report.organisation,
                                d->report.municipality, d->report.period.to_string());
  for (const Table& t : d->tables) {
    out += fmt::format("table {} '{}' '{}' {}-{}\n", t.id, t.title, t.unit.value_or("-"), t.span.begin,
                       t.span.end);
    for (const Column& c : t.columns) {
      out += fmt::format("  column {} '{}' {} {} {}-{}\n", c.id, c.label, to_string(c.kind),
                         c.period ? c.period->to_string() : "-", c.span.begin, c.span.end);
    }
    out += dump_rows(t, t.rows, "  ");
  }
  return out;
}

// `a == b`, or a failure that shows where they first differ: gtest's own diff of two
// texts of megabytes would take minutes and gigabytes.
#define EXPECT_SAME_TEXT(a, b) expect_same_text((a), (b), #a " and " #b)
void expect_same_text(const std::string& a, const std::string& b, const char* what) {
  if (a == b) return;
  const std::size_t at = static_cast<std::size_t>(
      std::mismatch(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(std::min(a.size(), b.size())),
                    b.begin())
          .first -
      a.begin());
  const std::size_t from = at < 200 ? 0 : at - 200;
  ADD_FAILURE() << what << " differ at byte " << at << " (sizes " << a.size() << " and " << b.size()
                << ")\n--- first:\n"
                << a.substr(from, 400) << "\n--- second:\n"
                << b.substr(from, 400);
}

// The readings of `text`: the dataset and the messages of each. `split` is a table at a
// time, `parallel` the same on two threads (for a large file), `whole` the reference.
struct Readings {
  std::string split, parallel, whole;
};

Readings read_both(const std::string& text) {
  Readings out;
  const auto read = [&](detail::JsonReading reading, std::size_t threads) {
    Session s;
    const SourceFile& file = s.add("data.json", text);
    const std::optional<Dataset> d = detail::load_json_dataset(file, s.sink, reading, threads);
    return dump(d) + render_diagnostics(s.sink.diagnostics(), s.sources, DiagnosticFormat::text, false);
  };
  out.split = read(detail::JsonReading::split_when_plain, 1);
  out.parallel = read(detail::JsonReading::split_when_plain, 2);
  out.whole = read(detail::JsonReading::whole, 1);
  EXPECT_SAME_TEXT(out.parallel, out.split);
  return out;
}

TEST(JsonDatasetTest, ATableAtATimeReadsTheSeedAsAWhole) {
  const std::string seed = repo_file("tests/cases/inputs/2020q1.json");
  EXPECT_GT(detail::json_tables_read_apart(seed), 3u);
  const Readings r = read_both(seed);
  EXPECT_SAME_TEXT(r.split, r.whole);
  EXPECT_NE(r.split.find("table ekonomi"), std::string::npos) << r.split;
}

TEST(JsonDatasetTest, ATableAtATimeGivesTheWholeReadingsMessages) {
  const std::string seed = repo_file("tests/cases/inputs/2020q1.json");
  struct Variant {
    std::string what;
    std::string text;
    bool split;  // read a table at a time (else whole, by design)
  };
  const std::vector<Variant> variants{
      {"a byte order mark", "\xEF\xBB\xBF" + seed, true},
      {"CRLF line ends",
       [&] {
         std::string t;
         for (const char c : seed) {
           if (c == '\n') t += '\r';
           t += c;
         }
         return t;
       }(),
       true},
      {"an unknown key in a table", replaced(seed, "\"unit\": \"tkr\",", "\"unit\": \"tkr\", \"colour\": 1,"),
       true},
      {"a row with a cell too few", replaced(seed, "\"-136\",\n            \"0\",", "\"-136\","), true},
      {"an unreadable number", replaced(seed, "\"294 028\"", "\"294,,028\""), true},
      {"escapes in a label", replaced(seed, "\"varav kostnader\"", "\"varav \\\"kost\\u00e5nader\\\\\""),
       true},
      {"a table given twice",
       replaced(seed, "\"ekonomi\": {", "\"ekonomi\": {\"title\": \"x\"}, \"ekonomi\": {"), true},
      {"a table that is a list", replaced(seed, "\"ekonomi\": {", "\"lista\": [1, 2], \"ekonomi\": {"),
       false},
      {"a table that is a number", replaced(seed, "\"ekonomi\": {", "\"tal\": 5, \"ekonomi\": {"), false},
      {"a table key with an escape", replaced(seed, "\"ekonomi\": {", "\"ek\\u006fnomi\": {"), false},
      {"tables given twice", replaced(seed, "\"tables\": {", "\"tables\": {\"a\": {}}, \"tables\": {"),
       false},
      {"a missing comma between tables", replaced(seed, "    },\n    \"", "    }\n    \""), false},
      {"a bracket too many in a table", replaced(seed, "\"-136\",\n", "\"-136\"]],\n"), false},
      {"an unclosed string in a table", replaced(seed, "\"Ekonomi, belopp tkr\"", "\"Ekonomi, belopp tkr"),
       false},
      {"a literal misspelt in a table", replaced(seed, "\"unit\": \"tkr\",", "\"unit\": nul,"), true},
      {"text after the end", seed + "{}", false},
      {"invalid UTF-8 in a table", replaced(seed, "Prognos helår", "Prognos hel\xC3"), true},
      {"nested too deep in a table",
       replaced(seed, "\"unit\": \"tkr\",",
                "\"deep\": " + std::string(1000, '[') + std::string(1000, ']') + ","),
       true},
  };
  for (const Variant& v : variants) {
    SCOPED_TRACE(v.what);
    // The scan splits what it may; malformed pieces are then read whole all the same.
    EXPECT_EQ(detail::json_tables_read_apart(v.text) > 0, v.split);
    const Readings r = read_both(v.text);
    EXPECT_SAME_TEXT(r.split, r.whole);
  }
}

TEST(JsonDatasetTest, ATableAtATimeGivesTheSameResultForEveryTestDataset) {
  for (const char* path :
       {"tests/cases/inputs/batch/json/small.json", "tests/cases/inputs/batch/blandat/small.json",
        "tests/cases/inputs/diff/2020q1.json", "tests/cases/inputs/diff/2020q1_reviderad.json",
        "tests/cases/inputs/diff/not_a_report.json", "tests/fuzz/dataset/seed.json"}) {
    SCOPED_TRACE(path);
    const Readings r = read_both(repo_file(path));
    EXPECT_SAME_TEXT(r.split, r.whole);
  }
}

// A large file of many tables, read a table at a time: the same result again, also when
// a late table is malformed or the file fails before its tables.
std::string large_json(std::size_t tables, std::size_t rows) {
  std::string out = "{\"report\": {\"title\": \"Stort\", \"period\": \"2020-06\"},\n  \"tables\": {\n";
  for (std::size_t t = 0; t < tables; ++t) {
    out += fmt::format(
        "    \"k{:04}\": {{\"title\": \"Tabell \\\"{}\\\"\", \"columns\": [{{\"id\": \"a\", \"kind\": "
        "\"actual\", \"period\": \"2019\"}}, {{\"id\": \"b\", \"kind\": \"actual\", \"period\": "
        "\"2020\"}}],\n      \"rows\": {{\n",
        t, t);
    for (std::size_t r = 0; r < rows; ++r) {
      out +=
          fmt::format("        \"r{:05}\": {{\"label\": \"Rad {}\", \"values\": [{}.{}, \"{} {:03}\"]}}{}\n",
                      r, r, r % 97, t % 10, r % 50 + 1, t, r + 1 < rows ? "," : "");
    }
    out += fmt::format("      }}}}{}\n", t + 1 < tables ? "," : "");
  }
  return out + "  }\n}\n";
}

TEST(JsonDatasetTest, ALargeFileReadATableAtATimeGivesTheSameResult) {
  const std::string text = large_json(80, 1200);
  ASSERT_GE(text.size(), std::size_t{4} << 20);
  ASSERT_EQ(detail::json_tables_read_apart(text), 80u);
  // On two threads the second reads the later half (by bytes): k0040 on.
  ASSERT_EQ(detail::json_tables_read_by_a_second_thread(text), 40u);
  const Readings r = read_both(text);
  EXPECT_SAME_TEXT(r.split, r.whole);
  EXPECT_NE(r.split.find("table k0079"), std::string::npos);
  const std::vector<std::pair<std::string, std::string>> variants{
      {"a literal misspelt in table 70",
       [&] {
         std::string t = text;
         const std::size_t at = t.find("\"values\": [", t.find("\"k0070\""));
         return t.replace(at, 11, "\"values\": [nul, ");
       }()},
      {"a schema error in table 75", replaced(text, "\"k0075\": {\"title\"", "\"k0075\": {\"titel\"")},
      {"a malformed cell late in the file",
       [&] {
         std::string t = text;
         const std::size_t at = t.rfind("\"values\": [");
         return t.replace(at, 11, "\"values\": [tru, ");
       }()},
      {"a malformed report before the tables",
       replaced(text, "\"period\": \"2020-06\"}", "\"period\": \"2020-06\"]")},
      // Messages from both halves, in the whole reading's order.
      {"schema errors in tables 5 and 60, a warning in 30 and 61",
       replaced(replaced(replaced(replaced(text, "\"k0005\": {\"title\"", "\"k0005\": {\"titel\""),
                                  "\"k0060\": {\"title\"", "\"k0060\": {\"titel\""),
                         "\"k0030\": {\"title\"", "\"k0030\": {\"x\": [1.250], \"title\""),
                "\"k0061\": {\"title\"", "\"k0061\": {\"unit\": 5, \"title\"")},
      {"a row with a cell too few in each half",
       [&] {
         std::string t = text;
         for (const char* table : {"\"k0010\"", "\"k0070\""}) {
           const std::size_t at = t.find("\"values\": [", t.find(table));
           t.replace(at, 11, "\"values\": [");
           const std::size_t comma = t.find(", ", at);
           t.erase(at + 11, comma + 2 - (at + 11));
         }
         return t;
       }()},
      // A repeat across the halves: read on one thread, found as on one.
      {"table k0003 given again as k0050", replaced(text, "\"k0050\": {", "\"k0003\": {")},
  };
  for (const auto& [what, variant] : variants) {
    SCOPED_TRACE(what);
    const Readings v = read_both(variant);
    EXPECT_SAME_TEXT(v.split, v.whole);
    EXPECT_NE(v.split.find("error"), std::string::npos) << v.split.substr(0, 300);
  }
}

}  // namespace
}  // namespace attain

namespace attain {
namespace {

// fork() is for the tables map's entries only: anywhere else the caller reads on one
// thread; adopt() of a part not between entries is a bug, and says so.
TEST(DatasetBuilderForkTest, AForkIsMadeOnlyBetweenTheEntriesOfTheTablesMap) {
  using detail::DataEvent;
  Session s;
  const std::string text = R"({"tables": {"a": {}}})";
  const SourceFile& file = s.add("fork.json", text);
  detail::DatasetBuilder builder(file, s.sink);
  EXPECT_FALSE(builder.fork(0));  // before the document
  builder.event({DataEvent::Type::map, 0, {}});
  EXPECT_FALSE(builder.fork(0));  // in the root map
  builder.event({DataEvent::Type::scalar, 1, "tables"});
  builder.event({DataEvent::Type::map, 11, {}});
  std::optional<detail::DatasetBuilder> part = builder.fork(0);
  ASSERT_TRUE(part);
  builder.event({DataEvent::Type::scalar, 12, "a"});
  EXPECT_FALSE(builder.fork(1));  // an entry's value is next
  EXPECT_THROW(builder.adopt(std::move(*part)), std::logic_error);
}

}  // namespace
}  // namespace attain
