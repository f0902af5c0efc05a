// The summary across datasets (attain/summary.hpp) and its text and JSON renderers.

#include "attain/summary.hpp"

#include <functional>
#include <mutex>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "attain/render.hpp"
#include "attain/version.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

using test::one_indicator;
using test::replaced;
using test::Session;
using test::small_dataset;
using Json = nlohmann::ordered_json;

// Two indicators and a family of three between them, all percent with a target >= 95,
// reading the rows of table t.
const char* const rules =
    "area a \"A\" {\n"
    "  indicator first \"Första\" { unit percent data t.r target >= 95 }\n"
    "  family lev \"Leveranssäkerhet\" {\n"
    "    members x \"X\", y \"Y\", z \"Z\"\n"
    "    unit percent\n"
    "    data t.*\n"
    "    target >= 95\n"
    "  }\n"
    "  indicator last \"Sista\" { unit percent data t.r target >= 95\n"
    "    breakdown man \"Män\" data t.r.man }\n"
    "}\n";

std::string row(const std::string& id, const std::string& now) {
  return "      " + id + ": {values: [90 %, " + now + ", null]}\n";
}

// A dataset where r (and its breakdown) has `r` and the members x, y, z have their values.
std::string dataset(const std::string& r, const std::string& x, const std::string& y, const std::string& z) {
  return small_dataset("      r:\n        values: [90 %, " + r +
                       ", null]\n        rows:\n          man: {values: [90 %, 10 %, null]}\n" + row("x", x) +
                       row("y", y) + row("z", z));
}

// One dataset evaluated and summarised.
Summary summary_of(const std::string& rule_text, const std::string& yaml, const std::string& name) {
  Session s;
  const std::optional<Results> results = s.run(rule_text, yaml);
  EXPECT_TRUE(results) << s.rendered();
  return results ? summarise(*results, name) : Summary{};
}

std::array<std::size_t, verdict_count> counts(std::initializer_list<std::pair<Verdict, std::size_t>> given) {
  std::array<std::size_t, verdict_count> out{};
  for (const auto& [verdict, n] : given) out[static_cast<std::size_t>(verdict)] = n;
  return out;
}

TEST(SummaryTest, OneLinePerIndicatorAndOnePerFamilyInRuleOrder) {
  const Summary s = summary_of(rules, dataset("96 %", "96 %", "94 %", "I.U."), "a.yaml");
  EXPECT_EQ(s.datasets, std::vector<std::string>{"a.yaml"});
  EXPECT_TRUE(s.not_evaluated.empty());
  ASSERT_EQ(s.lines.size(), 3u);
  EXPECT_EQ(s.lines[0].kind, SummaryLine::Kind::indicator);
  EXPECT_EQ(s.lines[0].id, "first");
  EXPECT_EQ(s.lines[0].name, "Första");
  EXPECT_EQ(s.lines[0].members, 1u);
  EXPECT_EQ(s.lines[0].counts, counts({{Verdict::met, 1}}));
  // The family: one line at its place, named as declared, one unit per member.
  EXPECT_EQ(s.lines[1].kind, SummaryLine::Kind::family);
  EXPECT_EQ(s.lines[1].id, "lev");
  EXPECT_EQ(s.lines[1].name, "Leveranssäkerhet");
  EXPECT_EQ(s.lines[1].members, 3u);
  EXPECT_EQ(s.lines[1].counts, counts({{Verdict::met, 1}, {Verdict::not_met, 1}, {Verdict::no_data, 1}}));
  EXPECT_EQ(s.lines[1].total(), 3u);
  // The breakdown row (10 %, not met) is not a unit of its own.
  EXPECT_EQ(s.lines[2].id, "last");
  EXPECT_EQ(s.lines[2].counts, counts({{Verdict::met, 1}}));
  EXPECT_EQ(s.lines[2].total(), 1u);
}

void expect_same_lines(const Summary& a, const Summary& b) {
  ASSERT_EQ(a.lines.size(), b.lines.size());
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    EXPECT_EQ(a.lines[i].id, b.lines[i].id);
    EXPECT_EQ(a.lines[i].kind, b.lines[i].kind);
    EXPECT_EQ(a.lines[i].members, b.lines[i].members);
    EXPECT_EQ(a.lines[i].counts, b.lines[i].counts);
  }
}

// The same through TableVerdicts, as batch mode's summary of one dataset does it: each
// table judged as the loader reads it (a TableSink), the rest at finish(), the verdicts
// counted in rule order at the end.
struct ByTable {
  ByTable(const std::string& rule_text, const std::string& data, const std::string& path = "test.yaml",
          std::size_t threads = 1) {
    auto checked = s.check(rule_text);
    if (!checked) {
      ADD_FAILURE() << s.rendered();
      return;
    }
    const RuleSet& set = *checked;
    TableVerdicts judge(set, 2, {.series = false});
    std::vector<std::optional<Verdict>> got(set.items.size());
    std::mutex mutex;
    const TableVerdicts::Each each = [&](std::size_t item, Verdict verdict) {
      EXPECT_FALSE(got.at(item)) << "judged twice: " << set.id_of(set.items.at(item));
      got[item] = verdict;
    };
    struct Sink : TableSink {
      std::function<bool(std::size_t, const Dataset&)> f;
      bool take(std::size_t reader, const Dataset& alone) override { return f(reader, alone); }
    } sink;
    sink.f = [&](std::size_t reader, const Dataset& alone) {
      EXPECT_EQ(alone.tables.size(), 1u);
      {
        const std::lock_guard lock(mutex);
        offered.push_back(alone.tables.at(0).id);
        readers.insert(reader);
      }
      return judge.judge(reader, alone, each);
    };
    std::optional<Dataset> dataset =
        load_dataset(s.add(path, data), s.sink, {.threads = threads, .tables = &sink});
    if (!dataset) return;
    loaded = true;
    for (const Table& t : dataset->tables) {
      if (t.taken) {
        taken.push_back(t.id);
        EXPECT_TRUE(t.rows.empty());
        EXPECT_EQ(t.figure_count(), 0u);
      }
    }
    evaluated = judge.finish(*dataset, s.sink, each);
    SummaryBuilder builder("a.yaml");
    for (std::size_t k = 0; k < got.size(); ++k) {
      if (!got[k]) continue;
      ids.push_back(set.id_of(set.items.at(k)));
      verdicts.push_back(*got[k]);
      builder.add(set.indicators.at(set.items.at(k).index), *got[k]);
    }
    summary = builder.take();
  }
  Session s;
  bool loaded = false;
  bool evaluated = false;
  std::vector<std::string> offered;  // the tables handed to the sink
  std::set<std::size_t> readers;     // the readers that handed them
  std::vector<std::string> taken;    // the tables the dataset kept without rows
  std::vector<std::string> ids;      // in rule order
  std::vector<Verdict> verdicts;
  Summary summary;
};

// Counting verdicts as evaluate_verdicts hands them over gives summarise's summary, and
// the same messages in the same order, with and without results looked up by id. So do
// TableVerdicts (`tables`).
struct Streamed {
  explicit Streamed(const std::string& rule_text, const std::string& yaml) {
    auto rules_kept = kept.check(rule_text);
    auto data_kept = kept.load(yaml);
    auto rules_streamed = streamed.check(rule_text);
    auto data_streamed = streamed.load(yaml);
    if (!rules_kept || !data_kept || !rules_streamed || !data_streamed) {
      ADD_FAILURE() << kept.rendered();
      return;
    }
    results = evaluate(*rules_kept, *data_kept, kept.sink);
    SummaryBuilder builder("a.yaml");
    const RuleSet& set = *rules_streamed;
    evaluated = evaluate_verdicts(set, *data_streamed, streamed.sink,
                                  [&](std::size_t part, std::size_t item, Verdict verdict) {
                                    EXPECT_EQ(part, 0u);
                                    ids.push_back(set.id_of(set.items.at(item)));
                                    verdicts.push_back(verdict);
                                    builder.add(set.indicators.at(set.items.at(item).index), verdict);
                                  },
                                  {.series = false});
    summary = builder.take();
    tables.emplace(rule_text, yaml);
    EXPECT_EQ(tables->evaluated, evaluated);
    EXPECT_EQ(tables->ids, ids);
    EXPECT_EQ(tables->verdicts, verdicts);
    expect_same_lines(tables->summary, summary);
    EXPECT_EQ(tables->s.rendered(), streamed.rendered());
  }
  Session kept, streamed;
  std::optional<ByTable> tables;
  std::optional<Results> results;
  bool evaluated = false;
  std::vector<std::string> ids;  // in the order handed over
  std::vector<Verdict> verdicts;
  Summary summary;
};

TEST(SummaryStreamTest, CountingResultsAsTheyComeGivesTheSameSummary) {
  const std::string yaml = dataset("96 %", "96 %", "94 %", "I.U.");
  Streamed run(rules + std::string(""), yaml);
  ASSERT_TRUE(run.results) << run.kept.rendered();
  ASSERT_TRUE(run.evaluated) << run.streamed.rendered();
  EXPECT_EQ(run.ids, (std::vector<std::string>{"first", "lev_x", "lev_y", "lev_z", "last"}));
  expect_same_lines(run.summary, summarise(*run.results, "a.yaml"));
  EXPECT_EQ(run.summary.datasets, std::vector<std::string>{"a.yaml"});
}

// Families of every kind of target over one table, members judged alone where they can
// be: each member's verdict is the one evaluate() gives, and so are the messages. The
// rows hold numbers to round, absent figures (I.U., N/A, blank), text in the target
// column (W0302 where it is read) and a percentage for a count (W0301), which take the
// full path.
TEST(SummaryStreamTest, MembersJudgedAloneGetEvaluatesVerdicts) {
  const std::vector<std::string> figures = {"95",   "\"96,4\"", "\"94,6\"", "93",   "I.U.", "N/A",
                                            "null", "0",        "95 %",     "-2.5", "400",  "1 200"};
  std::string rows, nested, members;
  for (std::size_t i = 0; i < figures.size(); ++i) {
    // 2019, mars 2019, mars 2020, the target column (text in some rows)
    const std::string row = fmt::format("{{values: [{}, {}, {}, {}]}}", i % 3 ? "94" : "\"97,5\"",
                                        i % 2 ? "50" : "120", figures[i], i % 5 == 1 ? "\"se text\"" : "90");
    rows += fmt::format("      m{}: {}\n", i, row);
    nested += fmt::format("          m{}: {}\n", i, row);
    members += fmt::format("{}m{} \"M{}\"", i ? ", " : "", i, i);
  }
  const std::string yaml =
      "report:\n  title: \"T\"\n  organisation: \"O\"\n  period: \"2020-03\"\n"
      "tables:\n  t:\n    title: \"T\"\n    columns:\n"
      "      - {id: ar_2019, label: \"2019\", kind: actual, period: \"2019\"}\n"
      "      - {id: mars_2019, label: \"Mars 2019\", kind: actual, period: \"2019-03\"}\n"
      "      - {id: mars_2020, label: \"Mars 2020\", kind: actual, period: \"2020-03\"}\n"
      "      - {id: malvarde, label: \"Målvärde\", kind: target}\n"
      "    rows:\n" +
      rows + "      grupp:\n        rows:\n" + nested;
  const std::vector<std::string> bodies = {
      "unit count data t.* target >= 95",
      "unit count data t.* target >= 95 within 2",
      "unit count data t.* target <= 95 within 5 % of target",
      "unit count data t.* precision 0 target <= 95",
      "unit count data t.* target 94..96",
      "unit count data t.* target >= 400 annual",
      "unit count data t.* target >= 400 annual profile sasong within 20",
      "unit count data t.* target >= previous + 1",
      "unit count data t.* compare with same period last year target <= previous - 1",
      "unit count data t.* compare with period \"2019\" target >= previous + 0",
      "unit count data t.* target pending",
      "unit count data t.*",
      "unit count data t.* bands { green >= 95 yellow >= 90 < 95 red < 90 }",
      "unit percent data t.* target >= 95",
      "unit count data t.*@malvarde target >= 90",
      "unit count data t.*@ar_2019 target > 95",
      "unit count data t.grupp.* target >= 95 within 1",
      "unit count data t.* target >= 95 breakdown man \"Män\" data t.grupp.*",
  };
  std::string text = "profile sasong \"S\" { months 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1 }\narea a \"A\" {\n";
  for (std::size_t f = 0; f < bodies.size(); ++f)
    text += fmt::format("  family f{} \"F{}\" {{\n    members {}\n    {}\n  }}\n", f, f, members, bodies[f]);
  text += "}\n";
  Streamed run(text, yaml);
  ASSERT_TRUE(run.results) << run.kept.rendered();
  ASSERT_TRUE(run.evaluated) << run.streamed.rendered();
  std::vector<std::string> ids;
  std::vector<Verdict> verdicts;
  for (const ItemResult& r : run.results->items) {
    ids.push_back(r.id);
    verdicts.push_back(r.verdict);
  }
  ASSERT_EQ(run.ids, ids);
  EXPECT_EQ(run.verdicts, verdicts);
  for (std::size_t i = 0; i < std::min(verdicts.size(), run.verdicts.size()); ++i)
    EXPECT_EQ(run.verdicts[i], verdicts[i]) << ids[i];
  // Every verdict the families can give is among them, and the messages agree.
  for (Verdict v : {Verdict::met, Verdict::not_met, Verdict::near, Verdict::on_track, Verdict::behind,
                    Verdict::no_data, Verdict::not_applicable, Verdict::pending, Verdict::no_target})
    EXPECT_NE(std::count(verdicts.begin(), verdicts.end(), v), 0) << to_string(v);
  EXPECT_GT(run.kept.count("W0301"), 0u);
  EXPECT_GT(run.kept.count("W0302"), 0u);
  EXPECT_EQ(run.streamed.rendered(), run.kept.rendered());
  expect_same_lines(run.summary, summarise(*run.results, "a.yaml"));
  EXPECT_EQ(run.tables->taken, std::vector<std::string>{"t"});  // judged as it was read
}

// Tables of every kind for TableVerdicts: a family's (used up as it is read), one a
// budget reads and one an indicator's breakdown reads besides its own (kept for
// finish()), one no rule reads (used up), and one that comes in the file before them.
std::string many_tables(bool report_first) {
  const auto table = [](const std::string& id, const std::string& rows) {
    return "  " + id + ":\n    title: \"" + id + "\"\n    columns:\n" +
           "      - {id: utfall, label: \"Utfall\", kind: actual, period: \"2020-03\"}\n" +
           "      - {id: budget, label: \"Budget\", kind: budget}\n    rows:\n" + rows;
  };
  const std::string report = "report:\n  title: \"T\"\n  organisation: \"O\"\n  period: \"2020-03\"\n";
  std::string tables =
      "tables:\n" + table("fam", "      x: {values: [96, 90]}\n      y: {values: [94 %, 90]}\n") +
      table("b", "      drift: {values: [100, 120]}\n") + table("u", "      r: {values: [97, 90]}\n") +
      table("v", "      man: {values: [91, 90]}\n") + table("w", "      q: {values: [1, 2]}\n");
  return report_first ? report + tables : tables + report;
}

const char* const many_table_rules =
    "area a \"A\" {\n"
    "  indicator first \"F\" { unit count data u.r target >= 95\n"
    "    breakdown man \"Män\" data v.man }\n"
    "  family f \"F\" {\n    members x \"X\", y \"Y\", z \"Z\"\n    unit count\n    data fam.*\n"
    "    target >= 95\n  }\n"
    "  budget bud \"B\" { table b outcome utfall budget budget }\n"
    "}\n";

TEST(SummaryStreamTest, TablesAreJudgedAsTheyAreReadAndTheRestAtTheEnd) {
  // z has no row: E0213, as evaluate_verdicts reports it.
  Streamed run(many_table_rules, many_tables(true));
  ASSERT_TRUE(run.tables);
  EXPECT_FALSE(run.evaluated);
  EXPECT_EQ(run.streamed.count("E0213"), 1u) << run.streamed.rendered();
  EXPECT_EQ(run.streamed.count("W0301"), 1u) << run.streamed.rendered();
  EXPECT_EQ(run.tables->offered, (std::vector<std::string>{"fam", "b", "u", "v", "w"}));
  EXPECT_EQ(run.tables->taken, (std::vector<std::string>{"fam", "w"}));
  // Without the error: the same verdicts too.
  const std::string fine = replaced(many_table_rules, "y \"Y\", z \"Z\"", "y \"Y\"");
  Streamed ok(fine, many_tables(true));
  ASSERT_TRUE(ok.evaluated) << ok.streamed.rendered();
  EXPECT_EQ(ok.ids, (std::vector<std::string>{"first", "f_x", "f_y"}));
  EXPECT_EQ(ok.tables->taken, (std::vector<std::string>{"fam", "w"}));
}

TEST(SummaryStreamTest, TablesGivenBeforeTheReportAreKeptForTheEnd) {
  const std::string fine = replaced(many_table_rules, "y \"Y\", z \"Z\"", "y \"Y\"");
  Streamed run(fine, many_tables(false));
  ASSERT_TRUE(run.evaluated) << run.streamed.rendered();
  EXPECT_TRUE(run.tables->offered.empty());
  EXPECT_TRUE(run.tables->taken.empty());
}

TEST(SummaryStreamTest, NoTableIsHandedOnAfterAnError) {
  // A row with a cell too few in the first table: the dataset fails, and the tables
  // after it are not judged.
  const std::string fine = replaced(many_table_rules, "y \"Y\", z \"Z\"", "y \"Y\"");
  ByTable run(fine, replaced(many_tables(true), "x: {values: [96, 90]}", "x: {values: [96]}"));
  EXPECT_FALSE(run.loaded);
  EXPECT_EQ(run.s.count("E0310"), 1u) << run.s.rendered();
  EXPECT_TRUE(run.offered.empty());
}

TEST(SummaryStreamTest, AnUnknownTableIsReportedAtTheEndWithTheTablesThereWere) {
  const std::string text =
      "area a \"A\" {\n  family f \"F\" {\n    members x \"X\"\n    unit count\n    data fan.*\n"
      "    target >= 95\n  }\n}\n";
  Streamed run(text, many_tables(true));
  EXPECT_FALSE(run.evaluated);
  EXPECT_EQ(run.streamed.count("E0211"), 1u) << run.streamed.rendered();
  EXPECT_NE(run.tables->s.rendered().find("did you mean 'fam'?"), std::string::npos)
      << run.tables->s.rendered();
  // No rule reads any table: all are used up as they are read.
  EXPECT_EQ(run.tables->taken, (std::vector<std::string>{"fam", "b", "u", "v", "w"}));
}

TEST(SummaryStreamTest, ALargeJsonFileIsJudgedOnTwoThreads) {
  // 16 tables of 1 000 rows (over 4 MB): the second half is read, and judged, by a second
  // thread; the verdicts and messages are one thread's.
  std::string json = "{\"report\": {\"title\": \"T\", \"period\": \"2020-06\"},\n \"tables\": {\n";
  std::string text = "area a \"A\" {\n";
  std::string members;
  constexpr int rows = 1000;
  for (int r = 0; r < rows; ++r) members += fmt::format("{}m{} \"M{}\"", r ? ", " : "", r, r);
  for (int t = 0; t < 16; ++t) {
    json += fmt::format("  \"t{}\": {{\"title\": \"{}\", \"columns\": [", t, std::string(200, 'x'));
    for (int c = 0; c < 40; ++c)
      json += fmt::format("{}{{\"id\": \"c{}\", \"kind\": \"actual\", \"period\": \"{}\"}}", c ? ", " : "", c,
                          c == 39 ? "2020-06" : fmt::format("{}", 1980 + c));
    json += "],\n   \"rows\": {\n";
    for (int r = 0; r < rows; ++r) {
      json += fmt::format("    \"m{}\": {{\"label\": \"M{}\", \"values\": [", r, r);
      for (int c = 0; c < 40; ++c)
        json += fmt::format(
            "{}{}", c ? ", " : "",
            c == 39 && r % 7 == 3 ? "\"95 %\"" : fmt::format("{}.{}", 90 + (r + c + t) % 9, r % 10));
      json += fmt::format("]}}{}\n", r + 1 < rows ? "," : "");
    }
    json += fmt::format("  }}}}{}\n", t + 1 < 16 ? "," : "");
    text += fmt::format(
        "  family f{} \"F\" {{\n    members {}\n    unit count\n    data t{}.*\n    target >= 95\n  }}\n", t,
        members, t);
  }
  json += "}}\n";
  text += "}\n";
  ASSERT_GE(json.size(), std::size_t{4} << 20);
  const ByTable one(text, json, "test.json", 1), two(text, json, "test.json", 2);
  ASSERT_TRUE(one.evaluated) << one.s.rendered();
  EXPECT_EQ(one.readers, (std::set<std::size_t>{0}));
  EXPECT_EQ(two.readers, (std::set<std::size_t>{0, 1}));
  EXPECT_EQ(one.taken.size(), 16u);
  EXPECT_EQ(two.taken, one.taken);
  EXPECT_EQ(two.verdicts, one.verdicts);
  EXPECT_EQ(two.ids, one.ids);
  EXPECT_GT(one.s.count("W0301"), 0u);
  EXPECT_EQ(two.s.rendered(), one.s.rendered());
  // And as evaluate_verdicts judges the whole dataset.
  Session whole;
  auto checked = whole.check(text);
  auto data = whole.load(json, "test.json");
  ASSERT_TRUE(checked && data);
  std::vector<Verdict> verdicts;
  ASSERT_TRUE(evaluate_verdicts(*checked, *data, whole.sink,
                                [&](std::size_t, std::size_t, Verdict v) { verdicts.push_back(v); }));
  EXPECT_EQ(one.verdicts, verdicts);
  EXPECT_EQ(one.s.rendered(), whole.rendered());
}

TEST(SummaryStreamTest, WarningsComeAsFromEvaluate) {
  // 96 % written for an indicator in tkr: W0301, once in each.
  const std::string text =
      "area a \"A\" {\n  indicator first \"F\" { unit tkr data t.r target >= 95 }\n"
      "  indicator second \"S\" { unit percent data t.x target >= 95 }\n}\n";
  Streamed run(text, dataset("96 %", "96 %", "94 %", "I.U."));
  ASSERT_TRUE(run.evaluated);
  EXPECT_EQ(run.streamed.count("W0301"), 1u) << run.streamed.rendered();
  EXPECT_EQ(run.streamed.rendered(), run.kept.rendered());
}

TEST(SummaryStreamTest, AnUnknownRowFailsAsInEvaluate) {
  const std::string text =
      "area a \"A\" {\n  indicator first \"F\" { unit percent data t.r target >= 95 }\n"
      "  indicator second \"S\" { unit percent data t.nope target >= 95 }\n}\n";
  Streamed run(text, dataset("96 %", "96 %", "94 %", "I.U."));
  EXPECT_FALSE(run.results);
  EXPECT_FALSE(run.evaluated);
  EXPECT_EQ(run.streamed.count("E0213"), 1u) << run.streamed.rendered();
  EXPECT_EQ(run.streamed.rendered(), run.kept.rendered());
}

TEST(SummaryStreamTest, DerivedIndicatorsAreHandedOverInRuleOrderToo) {
  // A derived indicator reads another's result: evaluate_verdicts keeps the results then.
  const std::string text =
      "area a \"A\" {\n  indicator twice \"T\" { unit percent value first * 2 target >= 150 }\n"
      "  indicator first \"F\" { unit percent data t.r target >= 95 }\n}\n";
  Streamed run(text, dataset("96 %", "96 %", "94 %", "I.U."));
  ASSERT_TRUE(run.evaluated) << run.streamed.rendered();
  EXPECT_EQ(run.ids, (std::vector<std::string>{"twice", "first"}));
  expect_same_lines(run.summary, summarise(*run.results, "a.yaml"));
  EXPECT_TRUE(run.tables->taken.empty());  // a derived indicator may read any table
  EXPECT_EQ(run.summary.lines.at(0).count(Verdict::met), 1u);
}

// A family of 10 000 members over a table of as many rows, with warnings and an error
// in more than one part: evaluated on several threads, the summary and the messages are
// those of one thread.
struct Parted {
  explicit Parted(std::size_t threads) {
    std::string members, rows;
    for (int i = 0; i < 10000; ++i) {
      members += fmt::format("{}m{} \"M{}\"", i ? ", " : "", i, i);
      // 96 and 94, a figure in percent for a count (W0301) here and there, and two
      // members whose rows are missing (E0213, reported once: one place in the rules).
      if (i == 10 || i == 9000) continue;
      rows += fmt::format("      m{}: {{values: [90, {}, null]}}\n", i,
                          i % 4000 == 7 ? "95 %" : (i % 3 ? "96" : "94"));
    }
    const std::string text =
        "area a \"A\" {\n  indicator first \"F\" { unit count data t.m1 target >= 95 }\n"
        "  family f \"F\" {\n    members " +
        members +
        "\n    unit count\n    data t.*\n    target >= 95\n  }\n"
        "  indicator last \"L\" { unit count data t.m2 target >= 95 }\n}\n";
    auto checked = s.check(text);
    auto data = s.load(test::small_dataset(rows));
    if (!checked || !data) {
      ADD_FAILURE() << s.rendered();
      return;
    }
    std::vector<SummaryBuilder> builders(threads, SummaryBuilder("a.yaml"));
    std::mutex mutex;
    const RuleSet& set = *checked;
    evaluated = evaluate_verdicts(set, *data, s.sink,
                                  [&](std::size_t part, std::size_t item, Verdict verdict) {
                                    ASSERT_LT(part, threads);
                                    builders[part].add(set.indicators.at(set.items.at(item).index), verdict);
                                    const std::lock_guard lock(mutex);
                                    ++handed;
                                  },
                                  {.series = false, .threads = threads});
    for (std::size_t p = 1; p < threads; ++p) builders[0].add_later(builders[p].take());
    summary = builders[0].take();
  }
  Session s;
  bool evaluated = false;
  std::size_t handed = 0;
  Summary summary;
};

TEST(SummaryStreamTest, ManyIndicatorsOnSeveralThreadsGiveWhatOneThreadGives) {
  const Parted one(1), two(2), three(3);
  EXPECT_FALSE(one.evaluated);  // the two missing rows
  EXPECT_EQ(one.s.count("E0213"), 1u) << one.s.rendered();
  EXPECT_EQ(one.s.count("W0301"), 3u) << one.s.rendered();
  EXPECT_EQ(one.handed, 10000u);
  ASSERT_EQ(one.summary.lines.size(), 3u);
  EXPECT_EQ(one.summary.lines[1].members, 9998u);
  for (const Parted* many : {&two, &three}) {
    EXPECT_EQ(many->evaluated, one.evaluated);
    EXPECT_EQ(many->handed, one.handed);
    EXPECT_EQ(many->s.rendered(), one.s.rendered());
    expect_same_lines(many->summary, one.summary);
  }
}

TEST(SummaryTest, BudgetLinesAreNotCounted) {
  Results results;
  ItemResult line;
  line.kind = ItemResult::Kind::budget_line;
  line.id = "drift_ledning";
  line.verdict = Verdict::not_met;
  results.items.push_back(line);
  ItemResult indicator;
  indicator.id = "x";
  indicator.name = "X";
  indicator.verdict = Verdict::pending;
  results.items.push_back(indicator);
  const Summary s = summarise(results, "a.yaml");
  ASSERT_EQ(s.lines.size(), 1u);
  EXPECT_EQ(s.lines[0].id, "x");
  EXPECT_EQ(s.lines[0].count(Verdict::pending), 1u);
}

TEST(SummaryTest, AddingDatasetsAddsTheirUnitsLineByLine) {
  Summary all;
  add_to(all, summary_of(rules, dataset("96 %", "96 %", "94 %", "I.U."), "a.yaml"));
  add_to(all, summary_of(rules, dataset("90 %", "97 %", "N/A", "99 %"), "b.yaml"));
  EXPECT_EQ(all.datasets, (std::vector<std::string>{"a.yaml", "b.yaml"}));
  ASSERT_EQ(all.lines.size(), 3u);
  EXPECT_EQ(all.lines[0].counts, counts({{Verdict::met, 1}, {Verdict::not_met, 1}}));
  EXPECT_EQ(all.lines[1].members, 3u);  // per dataset
  EXPECT_EQ(
      all.lines[1].counts,
      counts(
          {{Verdict::met, 3}, {Verdict::not_met, 1}, {Verdict::no_data, 1}, {Verdict::not_applicable, 1}}));
  EXPECT_EQ(all.lines[1].total(), 6u);
  EXPECT_EQ(all.lines[2].total(), 2u);
}

TEST(SummaryTest, TheOrderOfAddingChangesOnlyTheOrderOfTheDatasets) {
  const Summary a = summary_of(rules, dataset("96 %", "96 %", "94 %", "I.U."), "a.yaml");
  const Summary b = summary_of(rules, dataset("90 %", "97 %", "N/A", "99 %"), "b.yaml");
  Summary ab, ba;
  add_to(ab, a);
  add_to(ab, b);
  add_to(ba, b);
  add_to(ba, a);
  EXPECT_EQ(ba.datasets, (std::vector<std::string>{"b.yaml", "a.yaml"}));
  ASSERT_EQ(ab.lines.size(), ba.lines.size());
  for (std::size_t i = 0; i < ab.lines.size(); ++i) {
    EXPECT_EQ(ab.lines[i].id, ba.lines[i].id);
    EXPECT_EQ(ab.lines[i].counts, ba.lines[i].counts);
  }
}

// A national file with one family per measure and one member per kommun counts the same
// units as one file per kommun with one indicator per measure.
TEST(SummaryTest, ANationalFileWithAFamilySummarisesLikeOneFilePerMember) {
  const Summary national = summary_of(
      "area a \"A\" {\n  family kpi \"Andel\" {\n    members linkoping \"Linköping\", motala "
      "\"Motala\", boxholm \"Boxholm\"\n    unit percent data t.* target >= 95\n  }\n}\n",
      small_dataset(row("linkoping", "96 %") + row("motala", "94 %") + row("boxholm", "I.U.")), "riket.yaml");
  Summary per_kommun;
  const std::string kommun_rules = one_indicator("    unit percent\n    data t.r\n    target >= 95\n");
  for (const auto& [name, value] : {std::pair{"linkoping", "96 %"}, {"motala", "94 %"}, {"boxholm", "I.U."}})
    add_to(per_kommun, summary_of(kommun_rules, small_dataset(row("r", value)), std::string(name) + ".yaml"));
  ASSERT_EQ(national.lines.size(), 1u);
  ASSERT_EQ(per_kommun.lines.size(), 1u);
  EXPECT_EQ(national.lines[0].counts, per_kommun.lines[0].counts);
  EXPECT_EQ(national.lines[0].total(), 3u);
  EXPECT_EQ(per_kommun.lines[0].total(), 3u);
}

TEST(SummaryTest, AnIndicatorAndAFamilyWithTheSameIdStayApart) {
  const Summary s = summary_of(
      "area a \"A\" {\n  indicator kpi \"Indikator\" { data t.r target >= 1 }\n"
      "  family kpi \"Familj\" { members p \"P\" data t.* target >= 1 }\n}\n",
      small_dataset(row("r", "2") + row("p", "0")), "a.yaml");
  ASSERT_EQ(s.lines.size(), 2u);
  Summary twice;
  add_to(twice, s);
  add_to(twice, s);
  ASSERT_EQ(twice.lines.size(), 2u);
  EXPECT_EQ(twice.lines[0].kind, SummaryLine::Kind::indicator);
  EXPECT_EQ(twice.lines[0].counts, counts({{Verdict::met, 2}}));
  EXPECT_EQ(twice.lines[1].kind, SummaryLine::Kind::family);
  EXPECT_EQ(twice.lines[1].counts, counts({{Verdict::not_met, 2}}));
}

TEST(SummaryTest, ALineTheSumLacksIsAppended) {
  Summary into;
  into.lines.push_back({SummaryLine::Kind::indicator, "a", "A", 1, counts({{Verdict::met, 1}})});
  Summary more;
  more.lines.push_back({SummaryLine::Kind::indicator, "b", "B", 1, counts({{Verdict::error, 1}})});
  more.lines.push_back({SummaryLine::Kind::indicator, "a", "A", 1, counts({{Verdict::met, 1}})});
  add_to(into, more);
  ASSERT_EQ(into.lines.size(), 2u);
  EXPECT_EQ(into.lines[0].count(Verdict::met), 2u);
  EXPECT_EQ(into.lines[1].id, "b");
  EXPECT_EQ(into.lines[1].count(Verdict::error), 1u);
}

// --- Rendering -----------------------------------------------------------------------------------

Summary two_datasets() {
  Summary all;
  add_to(all, summary_of(rules, dataset("96 %", "96 %", "94 %", "I.U."), "a.yaml"));
  add_to(all, summary_of(rules, dataset("90 %", "97 %", "N/A", "99 %"), "b.yaml"));
  return all;
}

TEST(SummaryRenderTest, SwedishText) {
  Summary s = two_datasets();
  s.not_evaluated.push_back("trasig.yaml");
  EXPECT_EQ(render_summary_text(s),
            "Sammanställning: 2 dataset utvärderade, 1 kunde inte utvärderas\n"
            "  ej utvärderat: trasig.yaml\n"
            "\n"
            "Första (first)\n"
            "  2 enheter: 1 uppfyllt, 1 ej uppfyllt.\n"
            "Leveranssäkerhet (lev, familj med 3 medlemmar)\n"
            "  6 enheter: 3 uppfyllda, 1 ej uppfyllt, 1 utan uppgift, 1 ej tillämpligt.\n"
            "Sista (last)\n"
            "  2 enheter: 1 uppfyllt, 1 ej uppfyllt.\n");
}

TEST(SummaryRenderTest, EnglishText) {
  EXPECT_EQ(render_summary_text(two_datasets(), Language::en),
            "Summary: 2 datasets evaluated\n"
            "\n"
            "Första (first)\n"
            "  2 units: 1 met, 1 not met.\n"
            "Leveranssäkerhet (lev, family of 3 members)\n"
            "  6 units: 3 met, 1 not met, 1 without data, 1 not applicable.\n"
            "Sista (last)\n"
            "  2 units: 1 met, 1 not met.\n");
}

TEST(SummaryRenderTest, OneOfEachAndLargeCountsInTheLanguagesNumberStyle) {
  Summary s;
  s.datasets = {"a.yaml"};
  s.lines.push_back({SummaryLine::Kind::family, "f", "F", 1, counts({{Verdict::pending, 1}})});
  s.lines.push_back({SummaryLine::Kind::indicator, "x", "X\x1b[31m", 1,
                     counts({{Verdict::no_data, 1234}, {Verdict::pending, 1}})});
  EXPECT_EQ(render_summary_text(s),
            "Sammanställning: 1 dataset utvärderat\n"
            "\n"
            "F (f, familj med 1 medlem)\n"
            "  1 enhet: 1 med målvärde som ännu inte är fastställt.\n"
            "X?[31m (x)\n"
            "  1 235 enheter: 1 med målvärde som ännu inte är fastställt, 1 234 utan uppgift.\n");
  EXPECT_EQ(render_summary_text(s, Language::en),
            "Summary: 1 dataset evaluated\n"
            "\n"
            "F (f, family of 1 member)\n"
            "  1 unit: 1 with a target not yet set.\n"
            "X?[31m (x)\n"
            "  1,235 units: 1 with a target not yet set, 1,234 without data.\n");
}

TEST(SummaryRenderTest, NothingToCount) {
  Summary s;
  s.not_evaluated = {"a.yaml", "b.yaml"};
  EXPECT_EQ(render_summary_text(s),
            "Sammanställning: 0 dataset utvärderade, 2 kunde inte utvärderas\n"
            "  ej utvärderat: a.yaml\n"
            "  ej utvärderat: b.yaml\n"
            "\n"
            "Regeluppsättningen har inga indikatorer.\n");
}

TEST(SummaryRenderTest, Json) {
  Summary s = two_datasets();
  s.not_evaluated.push_back("trasig.yaml");
  const Json j = Json::parse(render_summary_json(s));
  EXPECT_EQ(j["schema"], "attain/summary/v1");
  EXPECT_EQ(j["engine"], (Json{{"name", "attain"}, {"version", version}}));
  EXPECT_EQ(j["datasets"], (Json{{"evaluated", {"a.yaml", "b.yaml"}}, {"not_evaluated", {"trasig.yaml"}}}));
  ASSERT_EQ(j["indicators"].size(), 3u);
  const Json& family = j["indicators"][1];
  std::vector<std::string> keys;
  for (const auto& [key, value] : family.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "name", "kind", "members", "total", "counts"}));
  EXPECT_EQ(family["id"], "lev");
  EXPECT_EQ(family["name"], "Leveranssäkerhet");
  EXPECT_EQ(family["kind"], "family");
  EXPECT_EQ(family["members"], 3);
  EXPECT_EQ(family["total"], 6);
  // Every verdict, zeros too, in the order of the report's summary counts.
  EXPECT_EQ(family["counts"], (Json{{"met", 3},
                                    {"not_met", 1},
                                    {"near", 0},
                                    {"on_track", 0},
                                    {"behind", 0},
                                    {"no_data", 1},
                                    {"pending", 0},
                                    {"not_applicable", 1},
                                    {"no_target", 0},
                                    {"error", 0}}));
  EXPECT_EQ(j["indicators"][0]["kind"], "indicator");
  EXPECT_EQ(j["indicators"][0]["members"], 1);
}

}  // namespace
}  // namespace attain
