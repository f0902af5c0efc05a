// Batch mode runs load, evaluate, commentary and every renderer on several threads at
// once against one shared, const RuleSet, each thread with its own fork of the rules'
// SourceManager. Here the seed does so on four threads: every report must be the one a
// single thread writes. Run under ThreadSanitizer to find data races (docs/architecture.md).

#include <array>
#include <string>
#include <thread>
#include <vector>

#include "attain/render.hpp"
#include "attain/summary.hpp"
#include "helpers.hpp"

namespace attain {
namespace {

struct Seed {
  Seed() {
    const std::string root = test::repo_root().string();
    std::vector<ast::RuleFile> parsed;
    for (const SourceFile* file : load_rule_files({root + "/rules"}, sources, sink))
      parsed.push_back(parse_rules_recovering(*file, sink));
    rules = check_rules(parsed, sink);
    std::string error;
    dataset_text = read_file(root + "/datasets/2020q1.yaml", error).value_or("");
  }
  SourceManager sources;
  DiagnosticSink sink;
  RuleSet rules;
  std::string dataset_text;
};

// Everything a batch worker makes of the seed dataset, as one string.
std::string every_output(const Seed& seed, Language language) {
  SourceManager sources = seed.sources.fork();
  DiagnosticSink sink;
  std::optional<Dataset> dataset = load_dataset(sources.add("datasets/2020q1.yaml", seed.dataset_text), sink);
  if (!dataset) return "no dataset";
  std::optional<Results> results = evaluate(seed.rules, *dataset, sink);
  if (!results) return "no results";
  const Commentary commentary = write_commentary(*results, language);
  return render_text(*results, commentary, sources, RenderOptions{true}) +
         render_json(*results, commentary, sources, sink.diagnostics()) +
         render_markdown(*results, commentary, sources) + render_html(*results, commentary, sources) +
         render_junit(*results, commentary, sources) +
         render_diagnostics(sink.diagnostics(), sources, DiagnosticFormat::sarif) +
         render_summary_text(summarise(*results, "datasets/2020q1.yaml"), language);
}

TEST(ConcurrencyTest, FourThreadsOnOneRuleSetWriteWhatOneThreadWrites) {
  const Seed seed;
  ASSERT_FALSE(seed.sink.has_errors());
  ASSERT_FALSE(seed.dataset_text.empty());
  const std::array<std::string, 2> alone = {every_output(seed, Language::sv),
                                            every_output(seed, Language::en)};
  ASSERT_GT(alone[0].size(), 100000u);
  std::array<std::string, 8> together;
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 0; i < 4; ++i) {
      threads.emplace_back([&, i] {
        together[2 * i] = every_output(seed, Language::sv);
        together[2 * i + 1] = every_output(seed, Language::en);
      });
    }
  }
  for (std::size_t i = 0; i < together.size(); ++i) EXPECT_EQ(together[i], alone[i % 2]) << "run " << i;
}

}  // namespace
}  // namespace attain
