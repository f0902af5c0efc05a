#pragma once
// What the fuzz targets share: the seed rules and dataset (read once, from the source
// tree), one call that renders results in every format and language, and the way a
// broken invariant is reported (abort, so libFuzzer saves the input as a finding).

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "attain/check.hpp"
#include "attain/commentary.hpp"
#include "attain/dataset.hpp"
#include "attain/evaluate.hpp"
#include "attain/parse.hpp"
#include "attain/render.hpp"
#include "attain/source.hpp"

namespace attain::fuzz {

// Keeps a result from being optimised away without printing it.
inline void use(const std::string& text) {
  static volatile std::size_t sink = 0;
  sink = sink + text.size();
}

inline void require(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

struct Seed {
  SourceManager sources;
  RuleSet rules;
  Dataset dataset;
};

// The seed's rules/ and datasets/2020q1.yaml, checked and loaded once per process.
inline const Seed& seed() {
  static const Seed* loaded = [] {
    auto* s = new Seed;
    DiagnosticSink sink;
    const std::string root = ATTAIN_SOURCE_DIR;
    std::vector<ast::RuleFile> files;
    for (const SourceFile* f : load_rule_files({root + "/rules"}, s->sources, sink))
      files.push_back(parse_rules_recovering(*f, sink));
    s->rules = check_rules(files, sink);
    std::string error;
    const auto text = read_file(root + "/datasets/2020q1.yaml", error);
    require(text.has_value(), "cannot read the seed dataset");
    auto data = load_dataset(s->sources.add(root + "/datasets/2020q1.yaml", *text), sink);
    require(data.has_value() && !sink.has_errors(), "the seed does not load");
    s->dataset = std::move(*data);
    return s;
  }();
  return *loaded;
}

// A source manager holding copies of the seed's files under the same ids, so that the
// seed's rules and dataset can be rendered beside a fuzzed file added after them.
inline SourceManager sources_with_seed() {
  SourceManager out;
  const SourceManager& from = seed().sources;
  for (std::size_t i = 0; i < from.size(); ++i) {
    const SourceFile& f = from.file(static_cast<FileId>(i));
    out.add(f.path(), std::string(f.text()));
  }
  return out;
}

// Commentary in both languages and every report format.
inline void render_all(const Results& results, const SourceManager& sources) {
  for (const Language language : {Language::sv, Language::en}) {
    const Commentary commentary = write_commentary(results, language);
    use(render_text(results, commentary, sources, RenderOptions{}));
    use(render_json(results, commentary, sources, {}));
    use(render_markdown(results, commentary, sources));
    use(render_html(results, commentary, sources));
    use(render_junit(results, commentary, sources));
  }
}

}  // namespace attain::fuzz
