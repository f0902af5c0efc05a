// What every renderer states the same way: the inputs a report was made from.

#include <algorithm>

#include "attain/render.hpp"

namespace attain {

std::vector<InputFile> report_inputs(const Results& results, const SourceManager& sources) {
  std::vector<InputFile> out;
  for (FileId id = 0; id < sources.size(); ++id) {
    const SourceFile& file = sources.file(id);
    out.push_back({id == results.dataset_file ? "dataset" : "rules", file.path(), sha256_hex(file.text()),
                   file.text().size()});
  }
  return out;
}

bool group_is_summarised(const Results& results, std::size_t g) {
  if (results.groups[g].level != ast::GroupLevel::goal) return true;
  std::size_t children = 0;
  for (const Group& other : results.groups) children += other.parent == g ? 1 : 0;
  const bool direct = std::any_of(results.items.begin(), results.items.end(),
                                  [&](const ItemResult& r) { return r.group == g; });
  return children > 1 || direct;
}

}  // namespace attain
