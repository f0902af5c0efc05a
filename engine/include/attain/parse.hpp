#pragma once
// Stage 1: rule text -> syntax tree.

#include <optional>

#include "attain/ast.hpp"
#include "attain/diagnostic.hpp"
#include "attain/source.hpp"

namespace attain {

// Parses one rule file. On a syntax error reports it (E01xx, with the position and what
// was expected) and returns nullopt; the caller goes on with the next file.
std::optional<ast::RuleFile> parse_rules(const SourceFile& file, DiagnosticSink& sink);

// The same, but returns every declaration that did parse even when others had syntax
// errors (reported as above), so a checker can go on to find their other mistakes.
// Results must not be shown from a rule set with errors.
ast::RuleFile parse_rules_recovering(const SourceFile& file, DiagnosticSink& sink);

// Collects the rule files named on the command line: a file is taken as is, a directory
// contributes every `*.rules` below it, sorted by path so the order is stable. Unreadable
// paths are reported (E0001) and skipped. Every file read is added to `sources`.
std::vector<const SourceFile*> load_rule_files(const std::vector<std::string>& paths, SourceManager& sources,
                                               DiagnosticSink& sink);

}  // namespace attain
