#pragma once
// `evaluate fmt`: one rule file -> the same file in the canonical layout (docs/cli-fmt.md).
// A tool beside the pipeline: it reads the parse tree for the layout and proves its
// result with the parser and the checker, and changes nothing but white space.

#include <optional>
#include <string>

#include "attain/diagnostic.hpp"
#include "attain/source.hpp"

namespace attain {

// The widest line the formatter makes by breaking long properties (strings, ids and
// declaration heads are never broken, so a line may still be wider).
inline constexpr std::size_t format_width = 100;

// Formats one rule file. A file with syntax errors is reported (E01xx) and gives
// nullopt. So does a result that would not mean the same as the input (E0003, an
// internal error): the token sequence, comments included, and the checked rule set of
// the file are compared before the text is returned.
std::optional<std::string> format_rules(const SourceFile& file, DiagnosticSink& sink);

}  // namespace attain
