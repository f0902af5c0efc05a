// Stage 1': the dataset loader. Reading the schema is dataset_builder.cpp's; reading
// YAML is dataset_yaml.cpp's.

#include "attain/dataset.hpp"

namespace attain {

namespace detail {
std::optional<Dataset> load_yaml_dataset(const SourceFile& file, DiagnosticSink& sink);
}  // namespace detail

std::string_view to_string(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::actual:
      return "actual";
    case ColumnKind::forecast:
      return "forecast";
    case ColumnKind::budget:
      return "budget";
    case ColumnKind::frame:
      return "frame";
    case ColumnKind::target:
      return "target";
    case ColumnKind::deviation:
      return "deviation";
  }
  return "?";
}

const Column* Table::column(std::string_view wanted) const {
  for (const Column& c : columns) {
    if (c.id == wanted) return &c;
  }
  return nullptr;
}

std::optional<std::size_t> Table::column_index(std::string_view wanted) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].id == wanted) return i;
  }
  return std::nullopt;
}

const Row* Table::row(std::string_view wanted) const {
  for (const Row& r : rows) {
    if (r.id == wanted) return &r;
  }
  return nullptr;
}

const Table* Dataset::table(std::string_view wanted) const {
  for (const Table& t : tables) {
    if (t.id == wanted) return &t;
  }
  return nullptr;
}

std::optional<Dataset> load_dataset(const SourceFile& file, DiagnosticSink& sink) {
  if (!check_utf8(file, sink)) return std::nullopt;
  return detail::load_yaml_dataset(file, sink);
}

}  // namespace attain
