// attain_bench: Google Benchmark micro-benchmarks of the pipeline's stages, on the seed
// (rules/ and datasets/2020q1.yaml, always) and on a generated data set when
// ATTAIN_BENCH_DATA names a directory made by `python3 bench/gen.py --size SIZE --out DIR`.
// Exits 1 when a benchmark failed (a stage reported an error). bench/micro/README.md.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "inputs.hpp"
#include "stages.hpp"

namespace {

namespace fs = std::filesystem;
using attain::bench::Case;

bool file_exists(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

bool directory_exists(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

// The first unit dataset by name (units/data/u001.yaml), or an empty path.
fs::path first_unit(const fs::path& data) {
  std::vector<fs::path> found;
  std::error_code ec;
  for (fs::directory_iterator it(data, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".yaml" && it->is_regular_file(ec)) found.push_back(it->path());
  }
  if (found.empty()) return {};
  return *std::min_element(found.begin(), found.end());
}

// Registers the benchmarks of a generated data set: the national rules and data, one
// unit's, and the JSON copies of both datasets when there are any. False (after saying
// what is missing) when the directory does not have gen.py's layout.
bool register_generated(const fs::path& dir) {
  const fs::path national_rules = dir / "national" / "rules";
  const fs::path national_data = dir / "national" / "data.yaml";
  const fs::path unit_rules = dir / "units" / "rules";
  const fs::path unit_data = first_unit(dir / "units" / "data");
  std::vector<std::string> missing;
  if (!directory_exists(national_rules)) missing.push_back(national_rules.string() + "/");
  if (!file_exists(national_data)) missing.push_back(national_data.string());
  if (!directory_exists(unit_rules)) missing.push_back(unit_rules.string() + "/");
  if (unit_data.empty()) missing.push_back((dir / "units" / "data" / "*.yaml").string());
  if (!missing.empty()) {
    for (const std::string& path : missing)
      std::fprintf(stderr, "attain_bench: ATTAIN_BENCH_DATA=%s: missing %s\n", dir.c_str(), path.c_str());
    std::fprintf(stderr, "attain_bench: make the directory with: python3 bench/gen.py --size SIZE --out %s\n",
                 dir.c_str());
    return false;
  }
  attain::bench::register_pipeline({"national", {national_rules.string()}, national_data.string()});
  attain::bench::register_pipeline({"unit", {unit_rules.string()}, unit_data.string()});
  fs::path national_json = national_data;
  national_json.replace_extension(".json");
  if (file_exists(national_json))
    attain::bench::register_load_only({"national.json", {}, national_json.string()});
  fs::path unit_json = unit_data;
  unit_json.replace_extension(".json");
  if (file_exists(unit_json)) attain::bench::register_load_only({"unit.json", {}, unit_json.string()});
  benchmark::AddCustomContext("attain_bench_data", dir.string());
  benchmark::AddCustomContext("attain_bench_unit", unit_data.filename().string());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  const fs::path root = ATTAIN_SOURCE_DIR;
  attain::bench::register_pipeline(
      {"seed", {(root / "rules").string()}, (root / "datasets" / "2020q1.yaml").string()});
  benchmark::AddCustomContext("attain_seed", root.string());
  if (const char* dir = std::getenv("ATTAIN_BENCH_DATA"); dir != nullptr && *dir != '\0') {
    if (!register_generated(dir)) return 1;
  }

  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (const std::size_t failed = attain::bench::failure_count(); failed > 0) {
    std::fprintf(stderr, "attain_bench: %zu benchmark(s) failed: a stage reported an error (see above)\n",
                 failed);
    return 1;
  }
  return 0;
}
