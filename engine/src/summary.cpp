#include "attain/summary.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace attain {

namespace {

bool same_line(const SummaryLine& a, const SummaryLine& b) {
  return a.kind == b.kind && a.id == b.id;
}

}  // namespace

std::size_t SummaryLine::total() const {
  return std::accumulate(counts.begin(), counts.end(), std::size_t{0});
}

Summary summarise(const Results& results, std::string dataset) {
  Summary out;
  out.datasets.push_back(std::move(dataset));
  std::unordered_map<std::string, std::size_t> family_line;  // family id -> index into out.lines
  for (const ItemResult& r : results.items) {
    if (r.kind != ItemResult::Kind::indicator) continue;
    if (r.family) {
      const auto [at, added] = family_line.try_emplace(r.family->id, out.lines.size());
      if (!added) {
        SummaryLine& line = out.lines[at->second];
        ++line.members;
        ++line.counts[static_cast<std::size_t>(r.verdict)];
        continue;
      }
    }
    SummaryLine& line = out.lines.emplace_back();
    line.kind = r.family ? SummaryLine::Kind::family : SummaryLine::Kind::indicator;
    line.id = r.family ? r.family->id : r.id;
    line.name = r.family ? r.family->name : r.name;
    ++line.counts[static_cast<std::size_t>(r.verdict)];
  }
  return out;
}

void add_to(Summary& into, const Summary& more) {
  into.datasets.insert(into.datasets.end(), more.datasets.begin(), more.datasets.end());
  into.not_evaluated.insert(into.not_evaluated.end(), more.not_evaluated.begin(), more.not_evaluated.end());
  for (std::size_t i = 0; i < more.lines.size(); ++i) {
    const SummaryLine& line = more.lines[i];
    // The same rule set gives the same lines in the same order: look at the same place first.
    SummaryLine* same = i < into.lines.size() && same_line(into.lines[i], line) ? &into.lines[i] : nullptr;
    if (!same) {
      const auto it = std::find_if(into.lines.begin(), into.lines.end(),
                                   [&](const SummaryLine& l) { return same_line(l, line); });
      if (it != into.lines.end()) same = &*it;
    }
    if (!same) {
      into.lines.push_back(line);
      continue;
    }
    for (std::size_t v = 0; v < verdict_count; ++v) same->counts[v] += line.counts[v];
  }
}

}  // namespace attain
