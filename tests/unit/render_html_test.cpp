// The HTML report: a well-formed, self-contained page (no network resource), every text
// from rules and data escaped, deterministic, a bullet chart per figure and a sparkline per
// series, accessible verdicts and charts, print CSS, and the "Underlag" of every input.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "attain/render.hpp"
#include "attain/version.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

using test::one_indicator;
using test::Session;
using test::small_dataset;

constexpr auto npos = std::string::npos;

std::size_t count(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

// The test's own escaping, to find rule and data text in the page.
std::string escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// One run through every stage up to the commentary, rendered as HTML.
struct Rendered {
  Rendered(std::string rules, std::string yaml) {
    results = s.run(std::move(rules), std::move(yaml));
    EXPECT_TRUE(results) << s.rendered();
    if (results) commentary = write_commentary(*results);
  }
  std::string html() const { return render_html(*results, commentary, s.sources); }
  Session s;
  std::optional<Results> results;
  Commentary commentary;
};

// The seed report (rules/ and datasets/2020q1.yaml), evaluated once.
struct Seed {
  Seed() {
    const std::filesystem::path root = test::repo_root();
    std::vector<ast::RuleFile> parsed;
    for (const SourceFile* f : load_rule_files({(root / "rules").string()}, s.sources, s.sink)) {
      if (auto tree = parse_rules(*f, s.sink)) parsed.push_back(std::move(*tree));
    }
    const RuleSet rules = check_rules(parsed, s.sink);
    std::string error;
    auto text = read_file((root / "datasets" / "2020q1.yaml").string(), error);
    if (!text || s.sink.has_errors()) return;
    auto data = s.load(std::move(*text), "datasets/2020q1.yaml");
    if (!data) return;
    results = evaluate(rules, *data, s.sink);
    if (results) {
      commentary = write_commentary(*results);
      html = render_html(*results, commentary, s.sources);
    }
  }
  Session s;
  std::optional<Results> results;
  Commentary commentary;
  std::string html;
};

const Seed& seed() {
  static const Seed* const instance = new Seed;
  return *instance;
}

// Checks that every element is closed in order (void elements excepted, self-closing only
// inside <svg>), that text holds no raw '<' or '>' and that every '&' starts a character
// reference. Returns "" or what is wrong, with the offset.
std::string tag_balance(std::string_view html) {
  static const std::set<std::string, std::less<>> void_elements = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"};
  std::vector<std::string> open;
  const auto is_name = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; };
  std::size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '>') return fmt::format("raw '>' in text at {}", i);
    if (c == '&') {
      std::size_t j = i + 1;
      if (j < html.size() && html[j] == '#') ++j;
      const std::size_t start = j;
      while (j < html.size() && std::isalnum(static_cast<unsigned char>(html[j]))) ++j;
      if (j == start || j >= html.size() || html[j] != ';') return fmt::format("bare '&' at {}", i);
      i = j + 1;
      continue;
    }
    if (c != '<') {
      ++i;
      continue;
    }
    if (html.substr(i, 4) == "<!--") {
      const std::size_t end = html.find("-->", i);
      if (end == npos) return "unclosed comment";
      i = end + 3;
      continue;
    }
    if (html.substr(i, 2) == "<!") {  // <!doctype html>
      i = html.find('>', i) + 1;
      continue;
    }
    const bool closing = i + 1 < html.size() && html[i + 1] == '/';
    std::size_t j = i + (closing ? 2 : 1);
    const std::size_t name_start = j;
    while (j < html.size() && is_name(html[j])) ++j;
    const std::string name(html.substr(name_start, j - name_start));
    if (name.empty()) return fmt::format("raw '<' in text at {}", i);
    // The end of the tag, outside quoted attribute values.
    char quote = 0;
    while (j < html.size() && (quote || html[j] != '>')) {
      if (quote && html[j] == quote)
        quote = 0;
      else if (!quote && (html[j] == '"' || html[j] == '\''))
        quote = html[j];
      else if (html[j] == '<')
        return fmt::format("'<' inside the tag <{}> at {}", name, i);
      ++j;
    }
    if (j >= html.size()) return fmt::format("unterminated tag <{}> at {}", name, i);
    const bool self_closing = html[j - 1] == '/';
    const std::size_t after = j + 1;
    if (closing) {
      if (void_elements.contains(name))
        return fmt::format("closing tag of the void element {} at {}", name, i);
      if (open.empty() || open.back() != name)
        return fmt::format("</{}> at {} closes <{}>", name, i, open.empty() ? "nothing" : open.back());
      open.pop_back();
    } else if (void_elements.contains(name)) {
      // nothing to close
    } else if (self_closing) {
      if (std::find(open.begin(), open.end(), "svg") == open.end())
        return fmt::format("self-closing <{}/> outside svg at {}", name, i);
    } else if (name == "style" || name == "script" || name == "title") {
      // Raw text up to the closing tag; a <title> inside an <svg> is ordinary markup, but
      // ours holds text only, which the same scan handles.
      if (name != "title") {
        const std::size_t end = html.find("</" + name + ">", after);
        if (end == npos) return fmt::format("unclosed <{}>", name);
        i = end + name.size() + 3;
        continue;
      }
      open.push_back(name);
    } else {
      open.push_back(name);
    }
    i = after;
  }
  if (!open.empty()) return fmt::format("unclosed <{}>", open.back());
  return "";
}

// The value of every `attribute="..."` in the page.
std::vector<std::string> attribute_values(const std::string& html, std::string_view attribute) {
  std::vector<std::string> out;
  const std::string needle = " " + std::string(attribute) + "=\"";
  for (std::size_t at = html.find(needle); at != npos; at = html.find(needle, at + 1)) {
    const std::size_t begin = at + needle.size();
    out.push_back(html.substr(begin, html.find('"', begin) - begin));
  }
  return out;
}

// The table row (<tr>...</tr>) whose row heading has id `id`.
std::string row_of(const std::string& html, std::string_view id) {
  const std::size_t at = html.find(fmt::format(" id=\"{}\">", id));
  if (at == npos) return "";
  const std::size_t begin = html.rfind("<tr", at);
  return html.substr(begin, html.find("</tr>", at) - begin);
}

const ItemResult& item(const Results& results, std::string_view id) {
  for (const ItemResult& r : results.items) {
    if (r.id == id) return r;
  }
  throw std::runtime_error("no item " + std::string(id));
}

// --- The checker itself ------------------------------------------------------------------------

TEST(RenderHtmlTest, TagBalanceCheckerCatchesBrokenMarkup) {
  EXPECT_EQ(tag_balance("<p><b>x</b></p>"), "");
  EXPECT_EQ(tag_balance("<!doctype html><meta charset=\"utf-8\"><p>a &amp; b</p>"), "");
  EXPECT_EQ(tag_balance("<svg><rect x=\"1\"/></svg>"), "");
  EXPECT_NE(tag_balance("<p><b>x</p></b>"), "");
  EXPECT_NE(tag_balance("<p>x"), "");
  EXPECT_NE(tag_balance("<p>a < b</p>"), "");
  EXPECT_NE(tag_balance("<p>a > b</p>"), "");
  EXPECT_NE(tag_balance("<p>a & b</p>"), "");
  EXPECT_NE(tag_balance("<div/>"), "");
  EXPECT_NE(tag_balance("<br></br>"), "");
}

// --- The seed report ------------------------------------------------------------------------------

class RenderHtmlSeedTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(seed().results) << seed().s.rendered(); }
  static const std::string& html() { return seed().html; }
  static const Results& results() { return *seed().results; }
};

TEST_F(RenderHtmlSeedTest, IsAWellFormedSwedishUtf8Page) {
  EXPECT_EQ(tag_balance(html()), "");
  EXPECT_EQ(html().rfind("<!doctype html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">", 0), 0u);
  EXPECT_NE(html().find("<title>Delårsrapport per den 31 mars 2020 – Verksamhetsstöd och service</title>"),
            npos);
  EXPECT_EQ(html().substr(html().size() - 16), "</body>\n</html>\n");
}

TEST_F(RenderHtmlSeedTest, HeaderHasTitleOrganisationAndPeriod) {
  const std::string header =
      html().substr(html().find("<header>"), html().find("</header>") - html().find("<header>"));
  EXPECT_NE(header.find("<h1>Delårsrapport per den 31 mars 2020</h1>"), npos);
  EXPECT_NE(header.find("Verksamhetsstöd och service, Linköpings kommun"), npos);
  EXPECT_NE(header.find("Period: januari–mars 2020 (3 av 12 månader)"), npos);
}

TEST_F(RenderHtmlSeedTest, LoadsNothingFromOutside) {
  EXPECT_EQ(html().find("http://"), npos);
  EXPECT_EQ(html().find("https://"), npos);
  EXPECT_EQ(html().find("src="), npos);
  EXPECT_EQ(html().find("<script"), npos);
  EXPECT_EQ(html().find("<link"), npos);
  EXPECT_EQ(html().find("url("), npos);
  EXPECT_EQ(html().find("@import"), npos);
  EXPECT_EQ(html().find("xmlns"), npos);
  for (const std::string& href : attribute_values(html(), "href")) EXPECT_EQ(href.substr(0, 1), "#") << href;
}

TEST_F(RenderHtmlSeedTest, IdsAreUniqueAndEveryLinkHasItsTarget) {
  const std::vector<std::string> ids = attribute_values(html(), "id");
  const std::set<std::string> unique(ids.begin(), ids.end());
  EXPECT_EQ(unique.size(), ids.size());
  for (const std::string& href : attribute_values(html(), "href"))
    EXPECT_TRUE(unique.contains(href.substr(1))) << href;
  // Ids come from rule ids.
  EXPECT_TRUE(unique.contains("g-medborgare"));
  EXPECT_TRUE(unique.contains("i-kl_svarsservice_120s"));
}

TEST_F(RenderHtmlSeedTest, IsDeterministic) {
  const Seed again;
  ASSERT_TRUE(again.results);
  EXPECT_EQ(html(), render_html(results(), seed().commentary, seed().s.sources));
  EXPECT_EQ(html(), again.html);
}

TEST_F(RenderHtmlSeedTest, EveryVerdictShowsItsSymbolAndWord) {
  std::set<Verdict> seen;
  for (const ItemResult& r : results().items) {
    seen.insert(r.verdict);
    for (const ItemResult& b : r.breakdowns) seen.insert(b.verdict);
  }
  EXPECT_GE(seen.size(), 8u);
  for (Verdict v : seen) {
    const std::string cell = fmt::format("<td class=\"v v-{}\"><span aria-hidden=\"true\">{}</span> {}</td>",
                                         to_string(v), verdict_symbol(v), verdict_label(v));
    EXPECT_NE(html().find(cell), npos) << cell;
  }
}

TEST_F(RenderHtmlSeedTest, OneBulletChartPerFigureAndASparklinePerSeries) {
  std::size_t figures = 0, series = 0;
  const auto tally = [&](const ItemResult& r) {
    if (r.current && r.current->value.is_number()) ++figures;
    const auto numbers = std::count_if(r.series.begin(), r.series.end(),
                                       [](const Observation& o) { return o.value.is_number(); });
    if (numbers >= 2) ++series;
  };
  for (const ItemResult& r : results().items) {
    tally(r);
    for (const ItemResult& b : r.breakdowns) tally(b);
  }
  EXPECT_GT(figures, 50u);
  EXPECT_GT(series, 10u);
  EXPECT_EQ(count(html(), "<svg class=\"bullet\""), figures);
  EXPECT_EQ(count(html(), "<svg class=\"spark\""), series);
  EXPECT_EQ(count(html(), "<svg "), count(html(), "role=\"img\""));
  EXPECT_EQ(count(html(), "<svg "), count(html(), "<title>") - 1);  // and the page's own title
}

TEST_F(RenderHtmlSeedTest, ChartsSayTheirFiguresInSwedish) {
  // ≥ 92 %, value 91 %, compared with 90 % in 2019.
  const std::string row = row_of(html(), "i-kl_svarsservice_120s");
  ASSERT_NE(row, "");
  EXPECT_NE(row.find("aria-label=\"Utfall 91 %; målvärde ≥ 92 %; skala från 0 % till 100 %\""), npos) << row;
  EXPECT_NE(row.find("<title>Utfall 91 %; målvärde ≥ 92 %; skala från 0 % till 100 %</title>"), npos) << row;
  EXPECT_NE(row.find("aria-label=\"Utveckling: "), npos) << row;
  EXPECT_NE(row.find("2019: 90 %"), npos) << row;
  EXPECT_NE(row.find("mars 2020: 91 %"), npos) << row;
  EXPECT_NE(row.find("<span aria-hidden=\"true\">▲</span> förbättring"), npos) << row;
}

TEST_F(RenderHtmlSeedTest, AnnualTargetsShowTheProRatedExpectation) {
  const ItemResult& r = item(results(), "studiebesok_stadsarkivet");
  ASSERT_TRUE(r.target.annual);
  const std::string row = row_of(html(), "i-studiebesok_stadsarkivet");
  EXPECT_NE(row.find("Utfall 11; målvärde ≥ 90 per år; förväntat hittills 22,5 efter 3 av 12 månader"), npos)
      << row;
  EXPECT_NE(row.find("<line class=\"expected\""), npos) << row;
  EXPECT_NE(row.find("<span class=\"exp\">förväntat hittills 22,5</span>"), npos) << row;
}

TEST_F(RenderHtmlSeedTest, ToleranceBandIsShadedAndSaid) {
  // Total sjukfrånvaro: <= 3,5 within 0,5.
  const std::size_t at = html().find("Utfall 5,5 %; målvärde ≤ 3,5 %; nära målet från 3,5 % till 4,0 %");
  ASSERT_NE(at, npos);
  const std::string chart = html().substr(at, html().find("</svg>", at) - at);
  EXPECT_NE(chart.find("<rect class=\"tol\""), npos) << chart;
  EXPECT_NE(chart.find("<line class=\"target\""), npos) << chart;
}

TEST_F(RenderHtmlSeedTest, FiguresWithoutANumberGetTextInsteadOfAChart) {
  const std::string row = row_of(html(), "i-avtalstrohet");
  ASSERT_NE(row, "") << "no row i-avtalstrohet";
  EXPECT_EQ(row.find("<svg"), npos) << row;
  EXPECT_NE(row.find("<span class=\"none\">inget tal att visa</span>"), npos) << row;
  EXPECT_NE(row.find("<td class=\"n\">I.U.</td>"), npos) << row;
}

TEST_F(RenderHtmlSeedTest, BudgetLinesShowOutcomeBudgetDeviationAndSignificance) {
  const std::string row = row_of(html(), "i-drift_mars_elarandecenter");
  ASSERT_NE(row, "");
  EXPECT_NE(row.find("<td class=\"n\">−941 tkr</td><td class=\"n\">0 tkr</td><td class=\"n\">−941 tkr</td>"),
            npos)
      << row;
  EXPECT_NE(row.find("<span class=\"sig\"><span aria-hidden=\"true\">!</span> väsentlig</span>"), npos)
      << row;
  EXPECT_NE(row.find("aria-label=\"Utfall −941 tkr; budget 0 tkr; avvikelse −941 tkr, väsentlig; "
                     "väsentlighetsgräns 500 tkr; skala från −1 000 tkr till 500 tkr\""),
            npos)
      << row;
  const std::string lkdata = row_of(html(), "i-drift_mars_lkdata");
  EXPECT_NE(lkdata.find("+1 780 tkr"), npos) << lkdata;
  // Column headings from the dataset.
  EXPECT_NE(html().find("<caption>Driftsammandrag, resultat 31 mars 2020</caption>"), npos);
  EXPECT_NE(html().find("<th scope=\"col\" class=\"w-n\">Budget jan-mars 2020</th>"), npos);
}

TEST_F(RenderHtmlSeedTest, GroupsHaveHeadingRollupAndSummary) {
  EXPECT_NE(html().find("<section class=\"area\" id=\"g-medborgare\">\n<h2>Målområde: Medborgare</h2>\n"
                        "<p class=\"rollup\"><span class=\"v v-not_met\" aria-hidden=\"true\">✗</span> Ej "
                        "uppfyllt: 2 av 6 bedömda indikatorer uppfyllda"),
            npos);
  EXPECT_NE(html().find("<h4>Mål: God service</h4>"), npos);
  EXPECT_NE(html().find("<p class=\"counts\">12 mått: 2 uppfyllda, 2 ej uppfyllda, 2 efter plan, 6 utan "
                        "målvärde.</p>"),
            npos);
  // Every indicator's commentary, under its row.
  for (std::size_t i = 0; i < results().items.size(); ++i) {
    const std::string id = "i-" + results().items[i].id;
    EXPECT_NE(html().find(fmt::format("headers=\"{}\">{}</td>", id, escaped(seed().commentary.items[i]))),
              npos)
        << id;
  }
}

TEST_F(RenderHtmlSeedTest, DeviationsAndDataChecksAreListed) {
  const std::size_t devs = html().find("<h2>Väsentliga avvikelser</h2>");
  const std::size_t checks = html().find("<h2>Datakontroller</h2>");
  ASSERT_NE(devs, npos);
  ASSERT_NE(checks, npos);
  EXPECT_LT(devs, checks);
  EXPECT_EQ(count(html().substr(devs, checks - devs), "<li>"), seed().commentary.deviations.size());
  EXPECT_NE(
      html().find("<li><span class=\"v v-not_met\"><span aria-hidden=\"true\">✗</span> ej uppfyllt</span> "
                  "<a href=\"#i-kl_svarsservice_120s\">Svarsservice Kontakt Linköping"),
      npos);
  EXPECT_NE(
      html().find("62 kontroller: 56 stämmer, 3 inom avrundning, 3 stämmer inte, 0 utan uppgift, 0 fel."),
      npos);
  for (const std::string& sentence : seed().commentary.checks)
    EXPECT_NE(html().find("<td>" + escaped(sentence) + "</td>"), npos) << sentence;
  // A failing check names where its figures are.
  EXPECT_NE(html().find("<td class=\"v o-fail\"><span aria-hidden=\"true\">✗</span> stämmer inte</td>"),
            npos);
  EXPECT_NE(html().find("<span class=\"loc\">-136 datasets/2020q1.yaml:45</span>"
                        "<span class=\"loc\">0 datasets/2020q1.yaml:175</span>"),
            npos);
}

TEST_F(RenderHtmlSeedTest, SummaryAndInputsWithTheirDigests) {
  EXPECT_NE(html().find("<h2>Sammanfattning</h2>\n<p>" + escaped(seed().commentary.overall) + "</p>"), npos);
  const std::size_t at = html().find("<h2>Underlag</h2>");
  ASSERT_NE(at, npos);
  const std::string inputs = html().substr(at);
  EXPECT_NE(inputs.find(fmt::format("attain {}", version)), npos);
  const std::vector<InputFile> files = report_inputs(results(), seed().s.sources);
  EXPECT_EQ(files.size(), seed().s.sources.size());
  for (const InputFile& f : files) {
    EXPECT_NE(inputs.find(fmt::format("<tr><td>{}</td><th scope=\"row\">{}</th><td><code>{}</code></td>",
                                      f.role == "dataset" ? "data" : "regler", escaped(f.path), f.sha256)),
              npos)
        << f.path;
    EXPECT_EQ(f.sha256.size(), 64u);
  }
}

TEST_F(RenderHtmlSeedTest, PrintsWithAPageBreakBeforeEachArea) {
  const std::size_t print = html().find("@media print{");
  ASSERT_NE(print, npos);
  const std::string css = html().substr(print, html().find("</style>") - print);
  EXPECT_NE(css.find(".area,.tail{break-before:page;page-break-before:always}"), npos) << css;
  EXPECT_NE(html().find("@page{"), npos);
  std::size_t areas = 0;
  for (const Group& g : results().groups) areas += g.parent ? 0 : 1;
  EXPECT_EQ(count(html(), "<section class=\"area\""), areas);
}

TEST_F(RenderHtmlSeedTest, TablesHaveScopedHeadings) {
  EXPECT_EQ(count(html(), "<th>"), 0u);
  EXPECT_EQ(count(html(), "<th "), count(html(), "<th scope=\"col\"") + count(html(), "<th scope=\"row\""));
  EXPECT_GT(count(html(), "<th scope=\"row\""), 60u);
}

// --- Small reports ---------------------------------------------------------------------------

TEST(RenderHtmlTest, EveryTextFromRulesAndDataIsEscaped) {
  const std::string evil = "<script>alert(\\\"x\\\") & 'y'</script>";  // as written in a rule string
  Rendered r("area a \"Område " + evil + "\" {\n  indicator x \"Mått " + evil +
                 "\" {\n    unit percent\n    data t.r\n    target >= 92\n  }\n"
                 "  indicator c \"Cell\" {\n    data t.r@malvarde\n  }\n}\n",
             "report:\n"
             "  title: \"Rapport <script>alert(\\\"t\\\") & 'z'</script>\"\n"
             "  organisation: \"Org & <b>\"\n"
             "  period: \"2020-03\"\n"
             "tables:\n"
             "  t:\n"
             "    columns:\n"
             "      - {id: ar_2019, label: \"2019\", kind: actual, period: \"2019\"}\n"
             "      - {id: mars_2020, label: \"Mars 2020\", kind: actual, period: \"2020-03\"}\n"
             "      - {id: malvarde, label: \"Målvärde\", kind: target}\n"
             "    rows:\n"
             "      r: {label: \"R\", values: [90 %, 91 %, \"<script>\\\"c\\\" & d</script>\"]}\n");
  ASSERT_TRUE(r.results) << r.s.rendered();
  const std::string html = r.html();
  EXPECT_EQ(tag_balance(html), "");
  EXPECT_EQ(html.find("<script"), npos);
  EXPECT_EQ(html.find("alert(\""), npos);
  EXPECT_EQ(html.find("& 'y'"), npos);
  const std::string escaped = "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;";
  EXPECT_NE(html.find("<h2>Målområde: Område " + escaped + "</h2>"), npos) << html;      // group name
  EXPECT_NE(html.find("<th scope=\"row\" id=\"i-x\">Mått " + escaped + "</th>"), npos);  // indicator name
  EXPECT_NE(html.find("<a href=\"#g-a\">Område " + escaped + "</a>"), npos);
  EXPECT_NE(html.find("<h1>Rapport &lt;script&gt;alert(&quot;t&quot;) &amp; &#39;z&#39;&lt;/script&gt;</h1>"),
            npos);  // dataset title
  EXPECT_NE(
      html.find("<title>Rapport &lt;script&gt;alert(&quot;t&quot;) &amp; &#39;z&#39;&lt;/script&gt; – Org "
                "&amp; &lt;b&gt;</title>"),
      npos);
  // A text cell of the dataset, shown as the value.
  EXPECT_NE(html.find("<td class=\"n\">&lt;script&gt;&quot;c&quot; &amp; d&lt;/script&gt;</td>"), npos)
      << html;
  // Inside attributes too: the chart's text alternative names the figures only, but the
  // sentences under the rows carry the names.
  EXPECT_NE(html.find("headers=\"i-x\">Mått " + escaped), npos);
}

TEST(RenderHtmlTest, InvalidUtf8AndControlCharactersBecomeReplacementCharacters) {
  Rendered r(one_indicator("    data t.r\n    target >= 1\n"),
             "report:\n  title: \"A\\x01B\"\n  period: \"2020-03\"\n"
             "tables:\n  t:\n    columns:\n"
             "      - {id: mars_2020, label: \"Mars 2020\", kind: actual, period: \"2020-03\"}\n"
             "    rows:\n      r: {values: [2]}\n");
  ASSERT_TRUE(r.results) << r.s.rendered();
  EXPECT_NE(r.html().find("<h1>A\xEF\xBF\xBD"
                          "B</h1>"),
            npos)
      << r.html();
}

TEST(RenderHtmlTest, EveryVerdictHasASymbolAWordAndAColourClass) {
  Rendered r(
      "area a \"A\" {\n"
      "  indicator met \"M\" { data t.met  target >= 1 }\n"
      "  indicator miss \"N\" { data t.miss  target >= 10 }\n"
      "  indicator nara \"Na\" { data t.nara  target >= 10 within 2 }\n"
      "  indicator fas \"F\" { data t.fas  target >= 4 annual }\n"
      "  indicator efter \"E\" { data t.efter  target >= 400 annual }\n"
      "  indicator iu \"I\" { data t.iu  target >= 1 }\n"
      "  indicator sen \"S\" { data t.met  target pending \"Q3\" }\n"
      "  indicator utan \"U\" { data t.met  target none }\n"
      "  indicator na \"NA\" { data t.na  target >= 1 }\n"
      "  indicator fel \"D\" { value t.met / t.noll  target >= 1 }\n"
      "}\n",
      small_dataset("      met: {values: [1, 2, 3]}\n"
                    "      miss: {values: [1, 2, 3]}\n"
                    "      nara: {values: [1, 9, 3]}\n"
                    "      fas: {values: [1, 2, 3]}\n"
                    "      efter: {values: [1, 2, 3]}\n"
                    "      iu: {values: [1, I.U., 3]}\n"
                    "      na: {values: [1, N/A, 3]}\n"
                    "      noll: {values: [0, 0, 0]}\n"));
  ASSERT_TRUE(r.results) << r.s.rendered();
  const std::string html = r.html();
  EXPECT_EQ(tag_balance(html), "");
  std::set<Verdict> seen;
  for (const ItemResult& x : r.results->items) seen.insert(x.verdict);
  EXPECT_EQ(seen.size(), 10u);
  for (Verdict v : seen) {
    EXPECT_NE(html.find(fmt::format("<td class=\"v v-{}\"><span aria-hidden=\"true\">{}</span> {}</td>",
                                    to_string(v), verdict_symbol(v), verdict_label(v))),
              npos)
        << to_string(v);
    // Each verdict class has a colour in the style sheet.
    EXPECT_NE(html.find(fmt::format(".v-{}", to_string(v))), npos) << to_string(v);
  }
  // Near: the tolerance band from 8 to 10 is shaded.
  EXPECT_NE(html.find("Utfall 9; målvärde ≥ 10; nära målet från 8 till 10; skala från 0 till 10"), npos)
      << html;
}

TEST(RenderHtmlTest, RangesDrawBothBoundsAndNegativeScalesAZeroLine) {
  Rendered r(
      "area a \"A\" {\n"
      "  indicator r \"R\" { data t.r  target 90..100 }\n"
      "  indicator n \"N\" { data t.n  target >= -5 }\n"
      "}\n",
      small_dataset("      r: {values: [1, 95, 3]}\n"
                    "      n: {values: [1, -13, 3]}\n"));
  ASSERT_TRUE(r.results) << r.s.rendered();
  const std::string html = r.html();
  const std::string range = row_of(html, "i-r");
  EXPECT_EQ(count(range, "<line class=\"target\""), 2u) << range;
  EXPECT_NE(range.find("målvärde 90–100"), npos) << range;
  const std::string negative = row_of(html, "i-n");
  EXPECT_NE(negative.find("<line class=\"zero\""), npos) << negative;
  EXPECT_NE(negative.find("skala från −15 till 0"), npos) << negative;
}

TEST(RenderHtmlTest, ColourBandsAreTheChartsBackground) {
  Rendered r(one_indicator(
                 "    unit percent\n    data t.r\n    bands { green >= 92  yellow >= 88 < 92  red < 88 }\n"),
             small_dataset("      r: {label: \"R\", values: [90 %, 90 %, 92 %]}\n"));
  ASSERT_TRUE(r.results) << r.s.rendered();
  const std::string row = row_of(r.html(), "i-x");
  EXPECT_NE(row.find("<td class=\"v v-near\">"), npos) << row;
  EXPECT_NE(row.find("målvärde grönt ≥ 92 %"), npos) << row;
  for (const char* colour : {"cb-green", "cb-yellow", "cb-red"})
    EXPECT_NE(row.find(fmt::format("<rect class=\"{}\"", colour)), npos) << colour << "\n" << row;
  EXPECT_EQ(row.find("<line class=\"target\""), npos) << row;
}

TEST(RenderHtmlTest, ASeriesWithOneNumberHasNoSparkline) {
  Rendered r(one_indicator("    unit percent\n    data t.r\n    target >= 92\n"),
             small_dataset("      r: {label: \"R\", values: [I.U., 92 %, 92 %]}\n"));
  ASSERT_TRUE(r.results) << r.s.rendered();
  EXPECT_EQ(count(r.html(), "<svg class=\"spark\""), 0u);
  EXPECT_EQ(count(r.html(), "<svg class=\"bullet\""), 1u);
}

TEST(RenderHtmlTest, NoDeviationsSaysSo) {
  Rendered r(one_indicator("    unit percent\n    data t.r\n    target >= 92\n"),
             small_dataset("      r: {label: \"R\", values: [90 %, 92 %, 92 %]}\n"));
  ASSERT_TRUE(r.results) << r.s.rendered();
  EXPECT_NE(r.html().find("<h2>Väsentliga avvikelser</h2>\n<p>Inga.</p>"), npos);
  EXPECT_EQ(r.html().find("Datakontroller"), npos);  // no checks, no section
}

}  // namespace
}  // namespace attain
