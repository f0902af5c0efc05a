// Replays inputs through a fuzz target without libFuzzer: every file named, or every file
// in every directory named. CTest runs the checked-in findings (tests/fuzz/) and seeds
// this way in the ordinary build, so a finding stays fixed (docs/fuzzing.md).

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "attain/source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const fs::path path(argv[i]);
    if (!fs::exists(path)) {  // tests/fuzz/TARGET before its first finding
      std::printf("%s: not there, nothing to replay\n", path.c_str());
      continue;
    }
    if (fs::is_directory(path)) {
      for (const auto& entry : fs::recursive_directory_iterator(path))
        if (entry.is_regular_file()) inputs.push_back(entry.path());
    } else {
      inputs.push_back(path);
    }
  }
  std::sort(inputs.begin(), inputs.end());
  for (const fs::path& path : inputs) {
    std::string error;
    const auto text = attain::read_file(path.string(), error);
    if (!text) {
      std::fprintf(stderr, "%s: %s\n", path.c_str(), error.c_str());
      return 1;
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(text->data()), text->size());
  }
  std::printf("%zu inputs replayed without a finding\n", inputs.size());
  return inputs.empty() ? 1 : 0;
}
