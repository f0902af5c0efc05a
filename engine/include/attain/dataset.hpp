#pragma once
// Stage 1': dataset file (YAML or JSON, docs/datasets.md) -> Dataset. Every cell keeps
// the span of its text, so a verdict can cite the dataset line it came from.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
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
  static constexpr std::uint32_t no_cells = ~std::uint32_t{0};

  std::string id;
  std::string label;
  Span span;                       // the row's key
  std::uint32_t cells = no_cells;  // where its figures are in its table (Table::value)
  std::vector<Row> rows;           // breakdowns and "varav" rows

  // False for a header row without figures.
  bool has_values() const { return cells != no_cells; }
};

struct Table {
  std::string id;
  std::string title;
  std::optional<std::string> unit;
  Span span;
  std::vector<Column> columns;
  std::vector<Row> rows;
  // Its rows and figures were handed on as it was read (LoadOptions::tables) and are
  // dropped: the table keeps its id, title, unit and columns.
  bool taken = false;

  const Column* column(std::string_view id) const;
  std::optional<std::size_t> column_index(std::string_view id) const;
  const Row* row(std::string_view id) const;  // a top-level row

  // A row's figure in a column, as written (the row has values; column < columns.size()).
  Value value(const Row& row, std::size_t column) const;
  // The same figure without its text as written (Value::text empty): all a verdict
  // needs, read for each of a national file's 290 000 family members.
  Value figure(const Row& row, std::size_t column) const;
  // All of a row's figures, one per column; empty for a row without figures.
  std::vector<Value> values(const Row& row) const;
  // Gives a row its figures, one per column.
  void set_values(Row& row, const std::vector<Value>& values);
  // The loader's way to give a row its figures, one at a time as they are read: from a
  // mark, add_figure or add_number for each in column order, then keep_figures (one per
  // column) or drop_figures (a row given the wrong number of cells has none). Nothing
  // else adds figures in between.
  struct FigureMark {
    std::size_t cells = 0;
    std::size_t boxed = 0;
  };
  FigureMark figures_mark() const { return {cells_.size(), boxed_.size()}; }
  void add_figure(const Value& value);
  // A plain number `written` exactly where its span is in this table's file (a JSON
  // number read in place): kept as that place, without copying or comparing the text.
  void add_number(const Decimal& number, Span where, std::string_view written);
  void keep_figures(Row& row, FigureMark mark);
  void drop_figures(FigureMark mark);
  void set_value(const Row& row, std::size_t column, Value value);
  // Adds a column; every row with figures gets `fill` in it.
  void add_column(Column column, const Value& fill);
  // The dataset file whose text the figures were read from: a figure written there as
  // it is read (nearly all of them) is kept as its place in the text, not as a copy.
  void set_source(FileId file, std::string_view text);
  // Room for this many top-level rows and figures, and back to what is used: the
  // loader reserves what the table before had (a national file's tables are alike) and
  // trims when the table is read, so no table keeps up to half its room unused.
  void reserve(std::size_t rows, std::size_t figures);
  void shrink_to_fit();
  std::size_t figure_count() const { return cells_.size(); }
  // Drops the rows and figures, and sets `taken`.
  void drop_rows();

 private:
  // 12 bytes a figure: a 2.9 M-figure dataset is 35 MB of them.
  struct Cell {
    std::int32_t units = 0;  // a number's units, or the index of a boxed Value
    std::uint32_t at = 0;    // the span: [at, at + length) in the dataset file
    std::uint16_t length = 0;
    std::uint8_t scale = 0;  // a number's decimals; bit 7: written with '%'
    std::uint8_t kind = 0;   // Value::Kind, Absence << 2; bit 7: boxed
  };
  static_assert(sizeof(Cell) == 12);
  Cell pack(const Value& value);
  std::optional<Cell> in_place(Value::Kind kind, Absence absence, const Decimal& number, bool percent,
                               Span where) const;
  Value unpack(const Cell& cell, bool with_text) const;
  std::string_view text_of(std::uint32_t at, std::uint32_t length) const;

  std::vector<Cell> cells_;
  std::vector<Value> boxed_;  // figures whose text is not simply where their span is
  FileId file_ = 0;
  std::string_view text_;
};

struct ReportInfo {
  std::string title;
  std::string organisation;
  std::string municipality;
  Period period;  // the report period: months elapsed = period.month
};

// A dataset refers to the text of its file (see Table::set_source): it must not outlive
// the SourceFile it was loaded from.
struct Dataset {
  FileId file = 0;
  ReportInfo report;
  std::vector<Table> tables;

  // By id: through a hash index once `index_tables` has been called after the last
  // table was added (the loader does), otherwise by a scan.
  const Table* table(std::string_view id) const;
  void index_tables();

 private:
  std::unordered_map<std::string, std::uint32_t> table_index_;
};

// True when `path` names a JSON dataset (it ends in .json, in any case); any other is
// read as YAML.
bool is_json_dataset(std::string_view path);

// Takes each table as soon as it is read (LoadOptions::tables), for a caller that can use
// a table alone (a summary judges a family's members from its table): a dataset of a
// thousand tables is then never held whole.
class TableSink {
 public:
  virtual ~TableSink() = default;
  // `alone` is the dataset as far as it is needed: the table just read, alone, and the
  // report. Called from the thread that read the table: `reader` is 0, or 1 for the
  // second thread of a large JSON file (LoadOptions::threads). Only while the file has
  // no error so far, and only once its report is read (a file that gives its tables
  // first keeps them all). Returns true when the table is used up: the dataset returned
  // then keeps it without its rows and figures (Table::taken). The load may still fail
  // after a table was taken (a later error); the caller then drops what it made of it.
  virtual bool take(std::size_t reader, const Dataset& alone) = 0;
};

// Loads a dataset, as JSON or YAML by its name (is_json_dataset). Malformed YAML or JSON, an unreadable
// number, a missing or unknown key, a duplicate key or a row with the wrong number of cells is reported with
// its location (E03xx); loading goes on to find further problems, then returns nullopt.
// `threads`: how many threads a large JSON dataset's tables may be read on at once
// (a national file, read while the rules are checked); the result is the same.
struct LoadOptions {
  std::size_t threads = 1;
  TableSink* tables = nullptr;  // each table as it is read (TableSink), or none
};
std::optional<Dataset> load_dataset(const SourceFile& file, DiagnosticSink& sink,
                                    const LoadOptions& options = {});

}  // namespace attain
