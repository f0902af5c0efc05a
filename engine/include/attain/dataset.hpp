#pragma once
// Stage 1': dataset file (YAML, docs/datasets.md) -> Dataset. Every cell keeps the span
// of its text, so a verdict can cite the dataset line it came from.

#include <optional>
#include <string>
#include <vector>

#include "attain/diagnostic.hpp"
#include "attain/source.hpp"
#include "attain/value.hpp"

namespace attain {

enum class ColumnKind { actual, forecast, budget, frame, target, deviation };
std::string_view to_string(ColumnKind kind);

struct Column {
  std::string id;
  std::string label;
  ColumnKind kind = ColumnKind::actual;
  std::optional<Period> period;
  Span span;
};

struct Row {
  std::string id;
  std::string label;
  Span span;                  // the row's key
  std::vector<Value> values;  // one per column; empty for a header row without figures
  std::vector<Row> rows;      // breakdowns and "varav" rows
};

struct Table {
  std::string id;
  std::string title;
  std::optional<std::string> unit;
  Span span;
  std::vector<Column> columns;
  std::vector<Row> rows;

  const Column* column(std::string_view id) const;
  std::optional<std::size_t> column_index(std::string_view id) const;
  const Row* row(std::string_view id) const;  // a top-level row
};

struct ReportInfo {
  std::string title;
  std::string organisation;
  std::string municipality;
  Period period;  // the report period: months elapsed = period.month
};

struct Dataset {
  FileId file = 0;
  ReportInfo report;
  std::vector<Table> tables;

  const Table* table(std::string_view id) const;
};

// Loads a dataset. Malformed YAML, an unreadable number, a missing or unknown key, a
// duplicate key or a row with the wrong number of cells is reported with its location
// (E03xx); loading goes on to find further problems, then returns nullopt.
std::optional<Dataset> load_dataset(const SourceFile& file, DiagnosticSink& sink);

}  // namespace attain
