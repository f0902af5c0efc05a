// What every renderer states the same way: the inputs a report was made from.

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

}  // namespace attain
