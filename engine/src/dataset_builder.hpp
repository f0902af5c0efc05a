#pragma once
// Internal to the dataset loader: builds a Dataset from a stream of parser events, so
// YAML (yaml-cpp's event API) and JSON (simdjson) share one reading of the schema, one
// set of messages and one way of locating them. No tree of the file is ever held: the
// builder keeps a stack of the maps and lists it is inside, and the dataset it builds.

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "attain/dataset.hpp"
#include "attain/diagnostic.hpp"

namespace attain::detail {

// One node of the file as the parser reports it, in document order. `at` is the byte
// offset where the node starts (a quoted scalar at its quote); `value` is a scalar's text.
struct DataEvent {
  enum class Type : std::uint8_t { scalar, null, sequence, map, end };
  Type type = Type::null;
  std::uint32_t at = 0;
  std::string_view value;
};

class DatasetBuilder {
 public:
  // `tables`: where each table goes as soon as it is read (LoadOptions::tables), or none.
  DatasetBuilder(const SourceFile& file, DiagnosticSink& sink, TableSink* tables = nullptr);

  // Feeds the next event. `end` closes the innermost open sequence or map.
  void event(const DataEvent& e);

  // After the last event of a complete document (never after a parse error, which the
  // caller reports alone): reports what was found, in the order the schema is checked
  // (not the order of the file), and returns the dataset unless there were errors.
  // `document` is false when the file held no node at all (empty, or comments only).
  std::optional<Dataset> finish(bool document);

  // For reading a tables map's entries on two threads (the JSON reader, a table at a
  // time): when the tables map is open and between entries, a builder for the entries
  // from the `entry`th on, to be fed them on another thread while this one is fed those
  // before; then adopt() takes back what it built, as if this builder had been fed all
  // of them. Only for entries whose ids are all different (a repeat is found within one
  // builder). nullopt when this builder is not between the entries of the tables map
  // (the caller then feeds it every entry); adopt() throws std::logic_error then.
  std::optional<DatasetBuilder> fork(std::uint32_t entry) const;
  void adopt(DatasetBuilder&& part);

  // The span of a node's text: a quoted scalar to its closing quote, a plain scalar to
  // the next ',' ']' '}' or " #" (or the end of the line), anything else one character.
  Span span_of(std::uint32_t at, bool scalar) const;

 private:
  enum class Kind : std::uint8_t {
    skip,
    defer,
    root,
    report,
    tables,
    table,
    columns,
    column,
    rows,
    row,
    values
  };

  // A field whose value should be one scalar, as given (checked when its map ends).
  struct Field {
    bool given = false;
    bool scalar = false;
    std::string text;
    Span span;
  };

  struct Frame {
    Kind kind = Kind::skip;
    std::uint32_t slot = 0;      // this node's place among its parent's checks (see order())
    Span span;                   // the node's own span
    std::uint32_t depth = 0;     // skip and defer: containers still open
    bool value_next = false;     // maps: the next node is a value
    int field = -1;              // maps: the field (or entry) the next value is for; -1 skips it
    std::uint32_t count = 0;     // keys, entries or items seen
    unsigned given = 0;          // fields maps: a bit per field given
    std::array<Span, 4> key_at;  // fields maps: where each known key is
    std::vector<std::pair<std::string, Span>> unknown_keys;  // fields maps: keys not in the schema
    std::unordered_map<std::string, Span> ids;               // entry maps: the ids given
    std::string id;                                          // entry maps: the entry being read
    Span key;                                                // entry maps: its key
    std::array<Field, 4> fields;       // the scalar fields of report, table, column, row
    Table table;                       // table
    Row row;                           // row
    std::vector<Row>* rows = nullptr;  // rows: where its rows go
    Table* owner = nullptr;            // rows, row, values, columns: the table being read
    Row* cells = nullptr;              // values: the row the cells go to
    Table::FigureMark figures;         // values: where the row's cells begin in its table
    bool smart_quotes = false;         // values: a cell holds “ or ”
    std::size_t pending_mark = 0;      // values: diagnostics before the first cell
    std::vector<std::pair<DataEvent, std::string>> deferred;  // table: rows given before columns
    bool columns_read = false;                                // table
  };

  using Order = std::vector<std::uint32_t>;

  void node(const DataEvent& e);
  void close();
  void key(Frame& f, const DataEvent& e);
  void entry_key(Frame& f, const DataEvent& e, std::string_view what);
  void value(Frame& f, const DataEvent& e);
  void column_item(Frame& f, const DataEvent& e);
  void cell_item(Frame& f, const DataEvent& e);
  void skip(const DataEvent& e);
  Frame& push(Kind kind, std::uint32_t slot, Span span);
  void finish_frame(Frame& f);
  void finish_report(Frame& f);
  void finish_table(Frame& f);
  void finish_column(Frame& f);
  void finish_row(Frame& f);
  void finish_values(Frame& f);

  // Where a diagnostic goes: the slots of the open frames, then `tail`.
  Order order(std::initializer_list<std::uint32_t> tail) const;
  Diagnostic& error(Order order, std::string code, Span at, std::string message);
  Diagnostic& warning(Order order, std::string code, Span at, std::string message);
  std::optional<std::string> scalar(const Field& f, std::uint32_t slot, std::string_view what);
  std::optional<Period> period(const Field& f, std::uint32_t slot);
  void invalid_id(Order order, Span where, const std::string& id, std::string_view what);
  // Reads a cell and adds it to `table` (a figure even when it cannot be read).
  void cell(const DataEvent& e, Table& table, std::uint32_t index);

  const SourceFile& file_;
  DiagnosticSink& sink_;
  std::deque<Frame> frames_;  // references stay valid while frames above are pushed and popped
  std::vector<std::pair<Order, Diagnostic>> pending_;
  Dataset out_;
  // The size of the table read last: the next one reserves as much (Table::reserve).
  std::size_t last_table_rows_ = 0;
  std::size_t last_table_figures_ = 0;
  bool root_seen_ = false;
  bool erred_ = false;           // an error was found
  TableSink* tables_ = nullptr;  // LoadOptions::tables
  std::size_t reader_ = 0;       // 1 in a fork
  bool report_read_ = false;     // `alone_` has the report
  Dataset alone_;                // what tables_ is shown: the report and one table
};

// The JSON reader (dataset_json.cpp). A plain file (one "tables" object of objects) is
// read a table at a time, in a fraction of the memory, with the same result as reading
// it whole; `whole` never splits (the tests compare the two readings).
enum class JsonReading { split_when_plain, whole };
// `threads` above 1 lets a large split file's tables be read on two threads (the rest
// of the file, and every message, as on one).
std::optional<Dataset> load_json_dataset(const SourceFile& file, DiagnosticSink& sink,
                                         JsonReading reading = JsonReading::split_when_plain,
                                         std::size_t threads = 1, TableSink* tables = nullptr);
// How many tables a JSON text is read as one at a time; 0 when it is read whole.
std::size_t json_tables_read_apart(std::string_view text);
// Of those, how many a second thread reads when `threads` is above 1; 0 when one reads all.
std::size_t json_tables_read_by_a_second_thread(std::string_view text);

}  // namespace attain::detail
