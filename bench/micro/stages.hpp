#pragma once
// The benchmarks of the pipeline's stages, registered per input case. Names are
// STAGE/CASE ("evaluate/seed", "load/national.json"), so --benchmark_filter can pick a
// stage ("^load/") or an input ("/seed$").

#include "inputs.hpp"

namespace attain::bench {

// Every stage on one case: parse, check, load, evaluate, commentary, render_text,
// render_json, render_markdown, render_html, and end_to_end (files on disk to the text
// report, as `evaluate RULES DATASET` does).
void register_pipeline(const Case& input);

// load/CASE only, for a dataset in a format the loader may not read yet: if it rejects
// the file, the benchmark is skipped (not failed) with the loader's first error.
void register_load_only(const Case& input);

}  // namespace attain::bench
