// The dataset schema (docs/datasets.md), read from parser events. See dataset_builder.hpp.
//
// The messages come out in the order the schema is checked, whatever the order of the
// file: first a map's keys (unknown, repeated), then its fields in a fixed order (report
// before tables; id, label, kind, period of a column ...), entries and items in document
// order. Each frame on the stack holds its place among its parent's checks (`slot`);
// a diagnostic is filed under the slots of the frames it was found in, and `finish`
// sorts by them. Rows given before their table's columns are kept as events and read
// when the table ends, once the columns are known.

#include "dataset_builder.hpp"

#include <stdexcept>

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace attain::detail {

namespace {

bool valid_id(std::string_view id) {
  if (id.empty()) return false;
  auto first = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!first(id[0])) return false;
  for (char c : id) {
    if (!first(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

bool container(const DataEvent& e) {
  return e.type == DataEvent::Type::sequence || e.type == DataEvent::Type::map;
}

// The keys each map of the schema accepts, in the order their values are checked.
const std::vector<std::string>& known_keys(std::uint8_t kind) {
  static const std::array<std::vector<std::string>, 5> keys = {{
      {"report", "tables"},
      {"title", "organisation", "municipality", "period"},
      {"title", "unit", "columns", "rows"},
      {"id", "label", "kind", "period"},
      {"label", "values", "rows"},
  }};
  return keys.at(kind);
}

}  // namespace

DatasetBuilder::DatasetBuilder(const SourceFile& file, DiagnosticSink& sink, TableSink* tables)
    : file_(file), sink_(sink), tables_(tables) {
  out_.file = file.id();
  alone_.file = file.id();
}

std::optional<DatasetBuilder> DatasetBuilder::fork(std::uint32_t entry) const {
  if (frames_.size() != 2 || frames_.back().kind != Kind::tables || frames_.back().value_next)
    return std::nullopt;
  DatasetBuilder part(file_, sink_, tables_);
  part.root_seen_ = true;
  part.reader_ = 1;
  part.erred_ = erred_;
  part.report_read_ = report_read_;
  part.alone_.report = alone_.report;
  part.frames_.push_back(frames_.front());
  Frame& tables = part.frames_.emplace_back();
  tables.kind = Kind::tables;
  tables.slot = frames_.back().slot;
  tables.span = frames_.back().span;
  tables.count = entry;
  part.last_table_rows_ = last_table_rows_;
  part.last_table_figures_ = last_table_figures_;
  return part;
}

void DatasetBuilder::adopt(DatasetBuilder&& part) {
  if (frames_.size() != 2 || frames_.back().kind != Kind::tables || frames_.back().value_next ||
      part.frames_.size() != 2 || part.frames_.back().kind != Kind::tables || part.frames_.back().value_next)
    throw std::logic_error("DatasetBuilder::adopt: not between the entries of the tables map");
  Frame& tables = frames_.back();
  Frame& theirs = part.frames_.back();
  tables.count = theirs.count;
  tables.ids.merge(theirs.ids);
  erred_ = erred_ || part.erred_;
  for (Table& t : part.out_.tables) out_.tables.push_back(std::move(t));
  for (auto& p : part.pending_) pending_.push_back(std::move(p));
  last_table_rows_ = part.last_table_rows_;
  last_table_figures_ = part.last_table_figures_;
}

Span DatasetBuilder::span_of(std::uint32_t at, bool scalar) const {
  Span s{file_.id(), at, at};
  const std::string_view text = file_.text();
  std::uint32_t end = s.begin;
  if (end >= text.size()) return s;
  const char first = text[end];
  if (first == '"' || first == '\'') {
    ++end;
    while (end < text.size() && text[end] != '\n') {
      if (text[end] == '\\' && first == '"') {
        end += 2;
        continue;
      }
      if (text[end++] == first) break;
    }
  } else if (scalar) {
    std::uint32_t last = end;
    while (end < text.size() && text[end] != '\n' && text[end] != ',' && text[end] != ']' &&
           text[end] != '}' && !(text[end] == '#' && end > s.begin && text[end - 1] == ' ')) {
      if (text[end] != ' ' && text[end] != '\r') last = end + 1;
      ++end;
    }
    end = std::max(last, s.begin + 1);
  } else {
    end = s.begin + 1;
  }
  s.end = std::min<std::uint32_t>(end, static_cast<std::uint32_t>(text.size()));
  return s;
}

DatasetBuilder::Order DatasetBuilder::order(std::initializer_list<std::uint32_t> tail) const {
  Order o;
  o.reserve(frames_.size() + tail.size());
  for (std::size_t i = 1; i < frames_.size(); ++i) {  // the root has no place
    if (frames_[i].kind != Kind::skip && frames_[i].kind != Kind::defer) o.push_back(frames_[i].slot);
  }
  o.insert(o.end(), tail);
  return o;
}

Diagnostic& DatasetBuilder::error(Order at, std::string code, Span span, std::string message) {
  erred_ = true;
  pending_.push_back(
      {std::move(at), Diagnostic{Severity::error, std::move(code), span, std::move(message), {}, {}}});
  return pending_.back().second;
}

Diagnostic& DatasetBuilder::warning(Order at, std::string code, Span span, std::string message) {
  pending_.push_back(
      {std::move(at), Diagnostic{Severity::warning, std::move(code), span, std::move(message), {}, {}}});
  return pending_.back().second;
}

DatasetBuilder::Frame& DatasetBuilder::push(Kind kind, std::uint32_t slot, Span span) {
  Frame& f = frames_.emplace_back();
  f.kind = kind;
  f.slot = slot;
  f.span = span;
  return f;
}

void DatasetBuilder::skip(const DataEvent& e) {
  if (container(e)) push(Kind::skip, 0, {}).depth = 1;
}

void DatasetBuilder::event(const DataEvent& e) {
  if (!frames_.empty()) {
    Frame& top = frames_.back();
    if (top.kind == Kind::defer) {
      if (container(e)) ++top.depth;
      const bool done = e.type == DataEvent::Type::end ? --top.depth == 0 : top.depth == 0;
      Frame& table = frames_[frames_.size() - 2];
      table.deferred.push_back({e, std::string(e.value)});
      if (done) frames_.pop_back();
      return;
    }
    if (top.kind == Kind::skip) {
      if (container(e)) ++top.depth;
      if (e.type == DataEvent::Type::end && --top.depth == 0) frames_.pop_back();
      return;
    }
  }
  if (e.type == DataEvent::Type::end)
    close();
  else
    node(e);
}

void DatasetBuilder::node(const DataEvent& e) {
  if (frames_.empty()) {
    if (root_seen_) return skip(e);  // not reached: parsers stop after one document
    root_seen_ = true;
    const Span at = span_of(e.at, e.type == DataEvent::Type::scalar);
    if (e.type != DataEvent::Type::map) {
      error({}, "E0304", at, "a dataset must be a map with the keys 'report' and 'tables'");
      return skip(e);
    }
    push(Kind::root, 0, at);
    return;
  }
  Frame& f = frames_.back();
  switch (f.kind) {
    case Kind::root:
    case Kind::report:
    case Kind::table:
    case Kind::column:
    case Kind::row:
      if (!f.value_next) return key(f, e);
      f.value_next = false;
      if (f.field < 0) return skip(e);
      return value(f, e);
    case Kind::tables:
    case Kind::rows:
      if (!f.value_next) return entry_key(f, e, f.kind == Kind::tables ? "table" : "row");
      f.value_next = false;
      if (f.field < 0) return skip(e);
      return value(f, e);
    case Kind::columns:
      return column_item(f, e);
    case Kind::values:
      return cell_item(f, e);
    case Kind::skip:
    case Kind::defer:
      break;
  }
}

// The keys of a map, checked: scalar, not repeated, and one of the schema's.
void DatasetBuilder::key(Frame& f, const DataEvent& e) {
  f.value_next = true;
  f.field = -1;
  const std::uint32_t index = f.count++;
  const Span at = span_of(e.at, e.type == DataEvent::Type::scalar);
  if (e.type != DataEvent::Type::scalar) {
    error(order({0, index}), "E0304", at, "a key must be a plain name");
    return skip(e);
  }
  const std::string_view name = e.value;
  static constexpr std::array<Kind, 5> kinds = {Kind::root, Kind::report, Kind::table, Kind::column,
                                                Kind::row};
  const auto kind = static_cast<std::uint8_t>(std::find(kinds.begin(), kinds.end(), f.kind) - kinds.begin());
  const std::vector<std::string>& known = known_keys(kind);
  const auto found = std::find(known.begin(), known.end(), name);
  // A key given before: a known one by its bit (no allocation for the usual maps), an
  // unknown one by name.
  const auto repeated = [&](Span first) {
    error(order({0, index}), "E0306", at, fmt::format("duplicate key '{}'", name))
        .note("first given here", first);
  };
  if (found != known.end()) {
    const auto field = static_cast<std::size_t>(found - known.begin());
    if (f.given & (1u << field)) return repeated(f.key_at[field]);
    f.key_at[field] = at;
  } else {
    for (const auto& [seen, first] : f.unknown_keys) {
      if (seen == name) return repeated(first);
    }
    f.unknown_keys.emplace_back(std::string(name), at);
  }
  if (found == known.end()) {
    Diagnostic& d = error(order({0, index}), "E0305", at, fmt::format("unknown key '{}'", name));
    if (name.find("\xC2\xA0") != std::string_view::npos)
      d.help(
          "the key holds no-break spaces (U+00A0), which YAML does not read as indentation: indent with "
          "ordinary spaces");
    else if (auto best = closest_match(name, known))
      d.help(fmt::format("did you mean '{}'?", *best));
    else
      d.help(fmt::format("expected one of: {}", fmt::join(known, ", ")));
    return;
  }
  f.field = static_cast<int>(found - known.begin());
  f.given |= 1u << f.field;
}

// The key of a map keyed by ids (tables, rows): a valid id, not repeated.
void DatasetBuilder::entry_key(Frame& f, const DataEvent& e, std::string_view what) {
  f.value_next = true;
  f.field = -1;
  const std::uint32_t index = f.count++;
  const Span at = span_of(e.at, e.type == DataEvent::Type::scalar);
  if (e.type != DataEvent::Type::scalar) {
    error(order({index}), "E0304", at, fmt::format("a {} id must be a plain name", what));
    return skip(e);
  }
  std::string id(e.value);
  if (!valid_id(id)) return invalid_id(order({index}), at, id, what);
  const auto [first, inserted] = f.ids.emplace(id, at);
  if (!inserted) {
    error(order({index}), "E0306", at, fmt::format("duplicate {} '{}'", what, id))
        .note("first given here", first->second);
    return;
  }
  f.field = static_cast<int>(index);
  f.id = id;
  f.key = at;
}

void DatasetBuilder::value(Frame& f, const DataEvent& e) {
  const Span at = span_of(e.at, e.type == DataEvent::Type::scalar);
  const auto field = static_cast<std::uint32_t>(f.field);
  const std::uint32_t slot = field + 1;
  const auto scalar_field = [&] {
    f.fields.at(field) = {true, e.type == DataEvent::Type::scalar, std::string(e.value), at};
    skip(e);
  };
  switch (f.kind) {
    case Kind::root:
      if (field == 0) {
        if (e.type != DataEvent::Type::map) {
          error(order({slot}), "E0304", at,
                "'report' must be a map with title, organisation, municipality and period");
          return skip(e);
        }
        push(Kind::report, slot, at);
      } else {
        if (e.type != DataEvent::Type::map) {
          error(order({slot}), "E0304", at, "'tables' must be a map from table id to table");
          return skip(e);
        }
        push(Kind::tables, slot, at);
      }
      return;
    case Kind::report:
    case Kind::column:
      return scalar_field();
    case Kind::table:
      if (field < 2) return scalar_field();
      if (field == 2) {
        f.columns_read = true;
        if (e.type != DataEvent::Type::sequence) {
          error(order({slot}), "E0304", at, "'columns' must be a list of {id, label, kind, period}");
          return skip(e);
        }
        push(Kind::columns, slot, at).owner = &f.table;
        return;
      }
      if (!f.columns_read) {  // rows before columns: read them when the table ends
        f.deferred.push_back({e, std::string(e.value)});
        if (container(e)) push(Kind::defer, 0, {}).depth = 1;
        return;
      }
      if (e.type != DataEvent::Type::map) {
        error(order({slot}), "E0304", at, "'rows' must be a map from row id to row");
        return skip(e);
      }
      {
        f.table.reserve(last_table_rows_, last_table_figures_);
        Frame& rows = push(Kind::rows, slot, at);
        rows.owner = &f.table;
        rows.rows = &f.table.rows;
      }
      return;
    case Kind::row:
      if (field == 0) return scalar_field();
      if (field == 1) {
        if (e.type != DataEvent::Type::sequence) {
          error(order({slot}), "E0304", at,
                "'values' must be a list with one cell per column, such as [I.U., \"90 %\", \"91 %\", \"92 "
                "%\"]");
          return skip(e);
        }
        Frame& values = push(Kind::values, slot, at);
        values.owner = f.owner;
        values.figures = f.owner->figures_mark();
        values.cells = &f.row;
        values.pending_mark = pending_.size();
        return;
      }
      if (e.type != DataEvent::Type::map) {
        error(order({slot}), "E0304", at, "'rows' must be a map from row id to row");
        return skip(e);
      }
      {
        Frame& rows = push(Kind::rows, slot, at);
        rows.owner = f.owner;
        rows.rows = &f.row.rows;
      }
      return;
    case Kind::tables: {
      const std::uint32_t entry = field;
      if (e.type != DataEvent::Type::map) {
        error(order({entry}), "E0304", at,
              fmt::format("table '{}' must be a map with columns and rows", f.id));
        Table table;
        table.id = f.id;
        table.span = f.key;
        table.set_source(file_.id(), file_.text());
        out_.tables.push_back(std::move(table));
        return skip(e);
      }
      Frame& t = push(Kind::table, entry, at);
      t.table.id = f.id;
      t.table.span = f.key;
      t.table.set_source(file_.id(), file_.text());
      return;
    }
    case Kind::rows: {
      const std::uint32_t entry = field;
      if (e.type != DataEvent::Type::map) {
        error(order({entry}), "E0304", at, fmt::format("row '{}' must be a map with label and values", f.id));
        return skip(e);
      }
      Frame& r = push(Kind::row, entry, at);  // `f` stays valid: frames_ is a deque
      r.row.id = f.id;
      r.row.span = f.key;
      r.owner = f.owner;
      r.rows = f.rows;
      return;
    }
    default:
      return skip(e);
  }
}

void DatasetBuilder::column_item(Frame& f, const DataEvent& e) {
  const std::uint32_t index = f.count++;
  const Span at = span_of(e.at, e.type == DataEvent::Type::scalar);
  if (e.type != DataEvent::Type::map) {
    error(order({index}), "E0304", at,
          "a column must be a map such as {id: mars_2020, label: \"Mars 2020\", period: \"2020-03\"}");
    return skip(e);
  }
  Table* owner = f.owner;
  push(Kind::column, index, at).owner = owner;
}

void DatasetBuilder::cell_item(Frame& f, const DataEvent& e) {
  const std::uint32_t index = f.count++;
  // (“ and ” begin with the byte E2, which the commonest cells, numbers, never hold.)
  if (e.type == DataEvent::Type::scalar && e.value.find('\xE2') != std::string_view::npos &&
      (e.value.find("\u201C") != std::string_view::npos || e.value.find("\u201D") != std::string_view::npos))
    f.smart_quotes = true;
  if (index < f.owner->columns.size()) cell(e, *f.owner, index);
  skip(e);
}

void DatasetBuilder::cell(const DataEvent& e, Table& table, std::uint32_t index) {
  Value v;
  // A scalar read in place (a JSON number; the readers trim it) spans its own text.
  const std::string_view text = file_.text();
  const bool in_place = e.type == DataEvent::Type::scalar && !e.value.empty() && e.at < text.size() &&
                        e.value.data() == text.data() + e.at && e.value.front() != '"' &&
                        e.value.front() != '\'';
  if (in_place)
    v.span = {file_.id(), e.at, e.at + static_cast<std::uint32_t>(e.value.size())};
  else
    v.span = span_of(e.at, e.type == DataEvent::Type::scalar);
  if (e.type == DataEvent::Type::null) return table.add_figure(v);  // blank
  if (e.type != DataEvent::Type::scalar) {
    error(order({index}), "E0304", v.span, "a cell must be a single value");
    return table.add_figure(v);
  }
  const auto grouped = [&](std::string_view written, const Decimal& number) {
    if (!dot_may_group_thousands(written)) return;
    warning(order({index}), "W0307", v.span,
            fmt::format("'{}' is read as {}; a '.' before exactly three digits may group thousands", written,
                        format_sv(number.trimmed())))
        .help("write 62 500 for sixty-two thousand five hundred, or 62,5 for a decimal");
  };
  // The commonest cell, a number written in place: kept as its place, no text copied.
  if (in_place) {
    if (const std::optional<Decimal> number = read_plain_decimal(e.value)) {
      grouped(e.value, *number);
      return table.add_number(*number, v.span, e.value);
    }
  }
  std::string why;
  // (A cell in place that is not a plain number is not one either way.)
  std::optional<Value> read = in_place ? std::nullopt : read_plain_number(e.value, v.span);
  if (!read) read = read_cell(e.value, v.span, table.columns[index].kind == ColumnKind::target, why);
  if (read) {
    if (read->is_number()) grouped(read->text, read->number);
    return table.add_figure(*read);
  }
  v.text = std::string(e.value);
  error(order({index}), "E0302", v.span, why)
      .help(
          "write numbers as the report does (5,5  62 500  91 %  −143) or a marker: I.U. (no data), N/A or "
          "- (not applicable), .. (not yet published), x (confidential), null (blank)");
  table.add_figure(v);
}

void DatasetBuilder::close() {
  if (frames_.empty()) return;
  Frame& f = frames_.back();
  if (f.kind == Kind::table && !f.deferred.empty()) {
    // The rows came before the columns: read them now, as the value of `rows`.
    const auto events = std::move(f.deferred);
    f.deferred.clear();
    f.columns_read = true;
    f.value_next = true;
    f.field = 3;
    for (const auto& [e, text] : events) {
      DataEvent copy = e;
      copy.value = text;
      event(copy);
    }
  }
  finish_frame(frames_.back());
  frames_.pop_back();
}

void DatasetBuilder::finish_frame(Frame& f) {
  switch (f.kind) {
    case Kind::root:
      if (!(f.given & 1u)) error(order({1}), "E0303", f.span, "missing key 'report'");
      if (!(f.given & 2u)) error(order({2}), "E0303", f.span, "missing key 'tables'");
      return;
    case Kind::report:
      return finish_report(f);
    case Kind::table:
      return finish_table(f);
    case Kind::column:
      return finish_column(f);
    case Kind::row:
      return finish_row(f);
    case Kind::values:
      return finish_values(f);
    default:
      return;
  }
}

std::optional<std::string> DatasetBuilder::scalar(const Field& f, std::uint32_t slot, std::string_view what) {
  if (f.scalar) return f.text;
  error(order({slot}), "E0304", f.span, fmt::format("{} must be a single value", what));
  return std::nullopt;
}

std::optional<Period> DatasetBuilder::period(const Field& f, std::uint32_t slot) {
  auto text = scalar(f, slot, "a period");
  if (!text) return std::nullopt;
  if (auto p = parse_period(*text)) return p;
  error(order({slot}), "E0308", f.span, fmt::format("cannot read '{}' as a period", *text))
      .help("write \"2019\" for a full year or \"2020-03\" for the year to date through March");
  return std::nullopt;
}

void DatasetBuilder::invalid_id(Order at, Span where, const std::string& id, std::string_view what) {
  error(std::move(at), "E0307", where, fmt::format("'{}' is not a valid {} id", id, what))
      .help(
          "ids use the ASCII letters a-z and A-Z, digits and _, do not start with a digit, and have "
          "no å, ä or ö (write a, a, o)");
}

void DatasetBuilder::finish_report(Frame& f) {
  ReportInfo& report = out_.report;
  const auto missing = [&](std::uint32_t slot, std::string_view key) {
    error(order({slot}), "E0303", f.span, fmt::format("missing key '{}'", key));
  };
  if (f.fields[0].given)
    report.title = scalar(f.fields[0], 1, "'title'").value_or("");
  else
    missing(1, "title");
  if (f.fields[1].given) report.organisation = scalar(f.fields[1], 2, "'organisation'").value_or("");
  if (f.fields[2].given) report.municipality = scalar(f.fields[2], 3, "'municipality'").value_or("");
  if (f.fields[3].given) {
    if (auto p = period(f.fields[3], 4)) report.period = *p;
  } else {
    missing(4, "period");
  }
  alone_.report = report;
  report_read_ = true;
}

void DatasetBuilder::finish_table(Frame& f) {
  Table& table = f.table;
  if (f.fields[0].given) table.title = scalar(f.fields[0], 1, "'title'").value_or("");
  if (f.fields[1].given) table.unit = scalar(f.fields[1], 2, "'unit'");
  if (!(f.given & 4u)) error(order({3}), "E0303", f.span, "missing key 'columns'");
  if (!(f.given & 8u)) {
    error(order({4}), "E0303", f.span, "missing key 'rows'");
  }
  table.shrink_to_fit();
  last_table_rows_ = table.rows.size();
  last_table_figures_ = table.figure_count();
  if (tables_ && report_read_ && !erred_) {
    alone_.tables.push_back(std::move(table));
    const bool taken = tables_->take(reader_, alone_);
    table = std::move(alone_.tables.back());
    alone_.tables.clear();
    if (taken) table.drop_rows();
  }
  out_.tables.push_back(std::move(table));
}

void DatasetBuilder::finish_column(Frame& f) {
  static const std::vector<std::string> kinds = {"actual", "forecast", "budget",
                                                 "frame",  "target",   "deviation"};
  Table& table = *f.owner;
  Column column;
  column.span = f.span;
  if (f.fields[0].given) {
    if (auto id = scalar(f.fields[0], 1, "a column id")) {
      if (valid_id(*id))
        column.id = *id;
      else
        invalid_id(order({1}), f.fields[0].span, *id, "column");
      if (table.column(*id))
        error(order({1}), "E0306", f.fields[0].span, fmt::format("duplicate column '{}'", *id));
    }
  } else {
    error(order({1}), "E0303", f.span, "missing key 'id'");
  }
  if (f.fields[1].given) column.label = scalar(f.fields[1], 2, "'label'").value_or("");
  if (column.label.empty()) column.label = column.id;
  if (f.fields[2].given) {
    const std::string kind = scalar(f.fields[2], 3, "'kind'").value_or("");
    auto found = std::find(kinds.begin(), kinds.end(), kind);
    if (found == kinds.end()) {
      Diagnostic& d =
          error(order({3}), "E0309", f.fields[2].span, fmt::format("unknown column kind '{}'", kind));
      if (auto best = closest_match(kind, kinds))
        d.help(fmt::format("did you mean '{}'?", *best));
      else
        d.help("kinds are: actual, forecast, budget, frame, target, deviation");
    } else {
      column.kind = static_cast<ColumnKind>(found - kinds.begin());
    }
  }
  if (f.fields[3].given) column.period = period(f.fields[3], 4);
  table.columns.push_back(std::move(column));
}

void DatasetBuilder::finish_row(Frame& f) {
  Row& row = f.row;
  if (f.fields[0].given) row.label = scalar(f.fields[0], 1, "'label'").value_or("");
  if (row.label.empty()) row.label = row.id;
  f.rows->push_back(std::move(row));
}

void DatasetBuilder::finish_values(Frame& f) {
  Table& table = *f.owner;
  if (f.count == table.columns.size()) return table.keep_figures(*f.cells, f.figures);
  // A row with the wrong number of cells has none: what its cells said goes too.
  table.drop_figures(f.figures);
  pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(f.pending_mark), pending_.end());
  Diagnostic& d = error(order({}), "E0310", f.span,
                        fmt::format("row '{}' has {} {} but table '{}' has {} {}", f.cells->id, f.count,
                                    f.count == 1 ? "cell" : "cells", table.id, table.columns.size(),
                                    table.columns.size() == 1 ? "column" : "columns"));
  d.help("give one cell per column, in column order; write null for a blank cell");
  if (f.smart_quotes)
    d.help(
        "\u201C and \u201D are not quotes to YAML, so a decimal comma between them splits the cell: write "
        "straight quotes \"");
}

std::optional<Dataset> DatasetBuilder::finish(bool document) {
  if (!document && !root_seen_)
    error({}, "E0304", span_of(0, false), "a dataset must be a map with the keys 'report' and 'tables'");
  std::stable_sort(pending_.begin(), pending_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  bool failed = false;
  for (auto& [where, d] : pending_) {
    failed = failed || d.severity == Severity::error;
    sink_.report(std::move(d));
  }
  pending_.clear();
  if (failed) return std::nullopt;
  out_.index_tables();
  return std::move(out_);
}

}  // namespace attain::detail
