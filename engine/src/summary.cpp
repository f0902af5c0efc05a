#include "attain/summary.hpp"

#include <algorithm>
#include <numeric>

namespace attain {

namespace {

bool same_line(const SummaryLine& a, const SummaryLine& b) {
  return a.kind == b.kind && a.id == b.id;
}

}  // namespace

std::size_t SummaryLine::total() const {
  return std::accumulate(counts.begin(), counts.end(), std::size_t{0});
}

SummaryBuilder::SummaryBuilder(std::string dataset) {
  out_.datasets.push_back(std::move(dataset));
}

std::size_t SummaryBuilder::line(bool family, const std::string& id, const std::string& name) {
  if (family) {
    const auto [at, added] = family_line_.try_emplace(id, out_.lines.size());
    if (!added) {
      ++out_.lines[at->second].members;
      return at->second;
    }
  }
  SummaryLine& line = out_.lines.emplace_back();
  line.kind = family ? SummaryLine::Kind::family : SummaryLine::Kind::indicator;
  line.id = id;
  line.name = name;
  return out_.lines.size() - 1;
}

void SummaryBuilder::add(const ItemResult& r) {
  if (r.kind != ItemResult::Kind::indicator) return;
  const std::size_t at = r.family ? line(true, r.family->id, r.family->name) : line(false, r.id, r.name);
  ++out_.lines[at].counts[static_cast<std::size_t>(r.verdict)];
}

void SummaryBuilder::add(const Indicator& declared, Verdict verdict) {
  std::size_t at = 0;
  if (declared.family && &declared == last_family_) {
    at = last_line_;
    ++out_.lines[at].members;
  } else {
    const bool family = declared.family.has_value();
    at = family ? line(true, declared.family->id, declared.family->name)
                : line(false, declared.id, declared.name);
    last_family_ = family ? &declared : nullptr;
    last_line_ = at;
  }
  ++out_.lines[at].counts[static_cast<std::size_t>(verdict)];
}

void SummaryBuilder::add_later(const Summary& later) {
  for (const SummaryLine& line : later.lines) {
    if (line.kind == SummaryLine::Kind::family) {
      const auto [at, added] = family_line_.try_emplace(line.id, out_.lines.size());
      if (!added) {
        SummaryLine& same = out_.lines[at->second];
        same.members += line.members;
        for (std::size_t v = 0; v < verdict_count; ++v) same.counts[v] += line.counts[v];
        continue;
      }
    }
    out_.lines.push_back(line);
  }
}

Summary summarise(const Results& results, std::string dataset) {
  SummaryBuilder builder(std::move(dataset));
  for (const ItemResult& r : results.items) builder.add(r);
  return builder.take();
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
