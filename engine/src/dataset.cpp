// Stage 1': the dataset loader. Reading the schema is dataset_builder.cpp's; reading
// YAML is dataset_yaml.cpp's.

#include "attain/dataset.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "dataset_builder.hpp"

namespace attain {

namespace detail {
std::optional<Dataset> load_yaml_dataset(const SourceFile& file, DiagnosticSink& sink, TableSink* tables);
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

std::string_view Table::text_of(std::uint32_t at, std::uint32_t length) const {
  if (at > text_.size() || length > text_.size() - at) return {};
  std::string_view s = text_.substr(at, length);
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
    s = s.substr(1, s.size() - 2);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// A figure whose text is where its span is, in this table's file, and whose units fit
// in 32 bits (±2 147 483 647: 21 474 836,47 kr at two decimals) is packed into 12 bytes;
// anything else (an escape in a quoted text, a span in another file, as in rule tests,
// a larger number) is kept whole.
std::optional<Table::Cell> Table::in_place(Value::Kind kind, Absence absence, const Decimal& number,
                                           bool percent, Span where) const {
  const std::uint32_t length = where.end >= where.begin ? where.end - where.begin : 0;
  const bool plain_parts = kind == Value::Kind::number
                               ? absence == Absence::blank
                               : number.units() == 0 && number.scale() == 0 && !percent;
  const bool fits = number.units() >= std::numeric_limits<std::int32_t>::min() &&
                    number.units() <= std::numeric_limits<std::int32_t>::max();
  if (!plain_parts || !fits || text_.empty() || where.file != file_ || where.end < where.begin ||
      length > 0xFFFF || where.begin > text_.size() || length > text_.size() - where.begin)
    return std::nullopt;
  Cell c;
  c.at = where.begin;
  c.length = static_cast<std::uint16_t>(length);
  c.kind = static_cast<std::uint8_t>(static_cast<unsigned>(kind) | static_cast<unsigned>(absence) << 2);
  if (kind == Value::Kind::number) {
    c.units = static_cast<std::int32_t>(number.units());
    c.scale = static_cast<std::uint8_t>(number.scale());
  }
  if (percent) c.scale |= 0x80;
  return c;
}

Table::Cell Table::pack(const Value& v) {
  const std::optional<Cell> c = in_place(v.kind, v.absence, v.number, v.percent, v.span);
  if (c && text_of(c->at, c->length) == v.text) return *c;
  Cell boxed;
  boxed.kind = 0x80;
  boxed.units = static_cast<std::int32_t>(boxed_.size());
  boxed_.push_back(v);
  return boxed;
}

Value Table::unpack(const Cell& c, bool with_text) const {
  if (c.kind & 0x80) {
    const Value& boxed = boxed_[static_cast<std::uint32_t>(c.units)];
    if (with_text) return boxed;
    Value v = boxed;
    v.text.clear();
    return v;
  }
  Value v;
  v.kind = static_cast<Value::Kind>(c.kind & 3);
  v.absence = static_cast<Absence>((c.kind >> 2) & 7);
  if (v.kind == Value::Kind::number) v.number = Decimal::from_units(c.units, c.scale & 0x7F);
  v.percent = (c.scale & 0x80) != 0;
  v.span = {file_, c.at, c.at + c.length};
  if (with_text) v.text = std::string(text_of(c.at, c.length));
  return v;
}

Value Table::value(const Row& row, std::size_t column) const {
  return unpack(cells_.at(row.cells + column), true);
}

Value Table::figure(const Row& row, std::size_t column) const {
  return unpack(cells_.at(row.cells + column), false);
}

std::vector<Value> Table::values(const Row& row) const {
  std::vector<Value> out;
  if (!row.has_values()) return out;
  out.reserve(columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) out.push_back(value(row, i));
  return out;
}

void Table::set_values(Row& row, const std::vector<Value>& values) {
  if (values.size() != columns.size())
    throw std::invalid_argument(
        fmt::format("row '{}' given {} figures for {} columns", row.id, values.size(), columns.size()));
  row.cells = static_cast<std::uint32_t>(cells_.size());
  for (const Value& v : values) cells_.push_back(pack(v));
}

void Table::add_figure(const Value& value) {
  cells_.push_back(pack(value));
}

void Table::add_number(const Decimal& number, Span where, std::string_view written) {
  if (const std::optional<Cell> c = in_place(Value::Kind::number, Absence::blank, number, false, where)) {
    cells_.push_back(*c);
    return;
  }
  Value v;
  v.kind = Value::Kind::number;
  v.number = number;
  v.span = where;
  v.text = std::string(written);
  add_figure(v);
}

void Table::keep_figures(Row& row, FigureMark mark) {
  row.cells = static_cast<std::uint32_t>(mark.cells);
}

void Table::drop_figures(FigureMark mark) {
  cells_.resize(mark.cells);
  boxed_.resize(mark.boxed);
}

void Table::reserve(std::size_t row_count, std::size_t figures) {
  rows.reserve(row_count);
  cells_.reserve(figures);
}

void Table::shrink_to_fit() {
  rows.shrink_to_fit();
  cells_.shrink_to_fit();
  boxed_.shrink_to_fit();
}

void Table::drop_rows() {
  std::vector<Row>().swap(rows);
  std::vector<Cell>().swap(cells_);
  std::vector<Value>().swap(boxed_);
  taken = true;
}

void Table::set_value(const Row& row, std::size_t column, Value value) {
  cells_.at(row.cells + column) = pack(value);
}

void Table::add_column(Column column, const Value& fill) {
  std::vector<Cell> cells;
  cells.reserve(cells_.size() + cells_.size() / std::max<std::size_t>(columns.size(), 1) + 1);
  const Cell extra = pack(fill);
  const auto relayout = [&](auto& self, std::vector<Row>& level) -> void {
    for (Row& r : level) {
      if (r.has_values()) {
        const auto first = static_cast<std::uint32_t>(cells.size());
        cells.insert(cells.end(), cells_.begin() + r.cells, cells_.begin() + r.cells + columns.size());
        cells.push_back(extra);
        r.cells = first;
      }
      self(self, r.rows);
    }
  };
  relayout(relayout, rows);
  cells_ = std::move(cells);
  columns.push_back(std::move(column));
}

void Table::set_source(FileId file, std::string_view text) {
  file_ = file;
  text_ = text;
}

const Table* Dataset::table(std::string_view wanted) const {
  if (!table_index_.empty() && table_index_.size() == tables.size()) {
    const auto it = table_index_.find(std::string(wanted));
    if (it == table_index_.end()) return nullptr;
    if (it->second < tables.size() && tables[it->second].id == wanted) return &tables[it->second];
  }
  for (const Table& t : tables) {
    if (t.id == wanted) return &t;
  }
  return nullptr;
}

void Dataset::index_tables() {
  table_index_.clear();
  for (std::size_t i = 0; i < tables.size(); ++i)
    table_index_.emplace(tables[i].id, static_cast<std::uint32_t>(i));
}

bool is_json_dataset(std::string_view path) {
  const auto dot = path.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string ext(path.substr(dot));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".json";
}

std::optional<Dataset> load_dataset(const SourceFile& file, DiagnosticSink& sink,
                                    const LoadOptions& options) {
  if (!check_utf8(file, sink)) return std::nullopt;
  if (is_json_dataset(file.path()))
    return detail::load_json_dataset(file, sink, detail::JsonReading::split_when_plain, options.threads,
                                     options.tables);
  return detail::load_yaml_dataset(file, sink, options.tables);
}

}  // namespace attain
