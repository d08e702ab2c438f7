"""Load the Strait Watch data package into typed DataFrames, or fail listing every problem.

Validation is split in three layers (README, "Which validator checks what"):
1. by hand, per file, what must hold before a CSV can be read at all: the file exists, is UTF-8,
   is not empty, and its header holds the schema's columns in schema order;
2. frictionless, on the files as they are: types, required, enum, pattern, min/max, unique,
   primary keys and foreign keys, all read from datapackage.json;
3. by hand, what datapackage.json cannot express: list columns, dates against their precision,
   ids across tables, evidence coverage, quotes against the corpus, canonical form.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
TABLES = ("sources", "actors", "events", "agreements", "measures", "proposals", "evidence")
RECORD_TABLES = {"events": "event", "agreements": "agreement", "proposals": "proposal"}
LIST_COLUMNS = {
    "actors": ("aliases",),
    "events": ("actors",),
    "agreements": ("other_parties",),
    "measures": ("phrasings",),
}
# Frictionless's default boolean spellings, so typing agrees with what it validated.
TRUE_VALUES = {"true", "True", "TRUE", "1"}
MAX_QUOTE_WORDS = 70
DATE_FORMS = {"year": "YYYY", "month": "YYYY-MM", "day": "YYYY-MM-DD"}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    record_id: str | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f" line {self.line}"
        if self.record_id:
            where += f" ({self.record_id})"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class DatasetError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the data package:\n{lines}")

    def __reduce__(self):
        # Exception pickling replays args; the cache layer may pickle this error.
        return (DatasetError, (self.problems,))


@dataclass(frozen=True, eq=False)
class Dataset:
    sources: pd.DataFrame
    actors: pd.DataFrame
    events: pd.DataFrame
    agreements: pd.DataFrame
    measures: pd.DataFrame
    proposals: pd.DataFrame
    evidence: pd.DataFrame
    schema: dict
    version: str
    corpus_checked: bool


def default_data_dir() -> Path:
    return Path(os.environ.get("STRAIT_WATCH_DATA") or REPO / "data")


def default_corpus_dir() -> Path:
    return Path(os.environ.get("STRAIT_WATCH_CORPUS") or REPO.parent / "shared" / "seeds")


# ---------------------------------------------------------------- reading


@dataclass
class _Table:
    """One CSV as read: rows keyed by the file's own header, with the line each row starts on."""

    name: str
    file: str
    fields: list[str]  # schema order
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]
    record_lines: list[int]  # start line of every csv record, header and blank ones included


def _read_table(data_dir: Path, resource: dict, problems: list[Problem]) -> _Table | None:
    file = resource["path"]
    path = data_dir / file
    fields = [f["name"] for f in resource["schema"]["fields"]]

    def problem(message, line=None, column=None):
        problems.append(Problem(file, line, None, column, message))

    if not path.is_file():
        problem("missing file")
        return None
    raw = path.read_bytes()
    if not raw.strip():
        problem("empty file (expected at least the header line)")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problem(f"not UTF-8: byte 0x{raw[exc.start]:02x} at byte offset {exc.start} cannot be decoded", line)
        return None
    if text.startswith("\ufeff"):
        problem("file starts with a byte-order mark; save as UTF-8 without BOM", 1)
        text = text[1:]

    reader = csv.reader(io.StringIO(text, newline=""))
    records, starts = [], []
    start = 1
    for record in reader:
        records.append(record)
        starts.append(start)
        start = reader.line_num + 1
    header = records[0]
    for column in fields:
        if column not in header:
            problem("missing column", 1, column)
    for column in header:
        if column not in fields:
            problem("unknown column (not in datapackage.json)", 1, column or "(blank)")
    if len(set(header)) != len(header):
        for column in sorted({c for c in header if header.count(c) > 1}):
            problem("column appears more than once", 1, column)
    elif set(header) == set(fields) and header != fields:
        problem(f"columns out of schema order; expected: {', '.join(fields)}", 1)

    rows, lines = [], []
    for record, line in zip(records[1:], starts[1:]):
        if not any(cell.strip() for cell in record):
            continue  # frictionless reports blank rows
        rows.append(dict(zip(header, record + [""] * (len(header) - len(record)))))
        lines.append(line)
    return _Table(resource["name"], file, fields, header, rows, lines, starts)


# ---------------------------------------------------------------- frictionless


def _frictionless_descriptor(schema: dict, tables: dict[str, _Table]) -> dict:
    """The package as the files actually are: fields in header order, only readable resources.

    Adapting the schema to each header lets frictionless check every remaining column even when
    one is missing or misplaced (reported by hand already), and dropping unreadable resources and
    keys that need them stops one broken file from cascading into errors in every table.
    """
    resources = []
    for resource in schema["resources"]:
        table = tables.get(resource["name"])
        if table is None:
            continue
        by_name = {f["name"]: f for f in resource["schema"]["fields"]}
        header = table.header
        if len(set(header)) != len(header):
            continue
        fields = [by_name.get(c, {"name": c, "type": "string"}) for c in header]
        present = set(header)
        new_schema = {"fields": fields}
        pk = resource["schema"].get("primaryKey", [])
        if pk and set(pk) <= present:
            new_schema["primaryKey"] = pk
        fks = []
        for fk in resource["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"] or resource["name"]
            target_table = tables.get(target)
            if (
                set(fk["fields"]) <= present
                and target_table is not None
                and set(fk["reference"]["fields"]) <= set(target_table.header)
            ):
                fks.append(fk)
        if fks:
            new_schema["foreignKeys"] = fks
        resources.append({**resource, "schema": new_schema})
    # A foreign key into a resource that was skipped above would fail to resolve.
    names = {r["name"] for r in resources}
    for r in resources:
        fks = [fk for fk in r["schema"].get("foreignKeys", []) if (fk["reference"]["resource"] or r["name"]) in names]
        r["schema"]["foreignKeys"] = fks
        if not fks:
            del r["schema"]["foreignKeys"]
    return {k: v for k, v in schema.items() if k != "resources"} | {"resources": resources}


_CONSTRAINT_RE = re.compile(r'constraint "(\w+)" is "(.*)"', re.S)
_SAME_ROW_RE = re.compile(r"row at position (\d+)")
_DATE_PATTERN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


def _frictionless_problems(data_dir: Path, schema: dict, tables: dict[str, _Table]) -> list[Problem]:
    from frictionless import Package  # slow import; only needed when validating

    descriptor = _frictionless_descriptor(schema, tables)
    if not descriptor["resources"]:
        return []
    report = Package(descriptor, basepath=str(data_dir)).validate()
    problems = []
    by_name = {r["name"]: r["schema"] for r in descriptor["resources"]}
    for task in report.tasks:
        table, table_schema = tables[task.name], by_name[task.name]
        fields = {f["name"]: f for f in table_schema["fields"]}
        for error in task.errors:
            problem = _translate(error, table, fields, table_schema.get("primaryKey", []))
            if problem is not None:
                problems.append(problem)
    return problems


def _line_of(table: _Table, row_number: int | None) -> int | None:
    # frictionless numbers csv records from 1 with the header as row 1.
    if row_number is None or row_number < 1 or row_number > len(table.record_lines):
        return row_number
    return table.record_lines[row_number - 1]


def _translate(error, table: _Table, fields: dict[str, dict], primary_key: list[str]) -> Problem | None:
    kind = error.type
    row_number = getattr(error, "row_number", None)
    line = _line_of(table, row_number)
    cells = getattr(error, "cells", None) or []
    row = dict(zip(table.header, cells))
    key = "record_id" if table.name == "evidence" else "id"
    record_id = row.get(key) or None
    column = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)

    if kind == "type-error":
        message = f"'{cell}' is not a valid {fields[column]['type']}"
    elif kind == "constraint-error":
        match = _CONSTRAINT_RE.search(error.note)
        name, value = (match.group(1), match.group(2)) if match else ("", "")
        if name == "required":
            message = "value is required"
        elif name == "enum":
            allowed = fields[column]["constraints"]["enum"]
            message = f"'{cell}' is not an allowed value (allowed: {', '.join(allowed)})"
        elif name == "pattern" and value == _DATE_PATTERN:
            message = f"bad date '{cell}': expected YYYY, YYYY-MM or YYYY-MM-DD"
        elif name == "pattern":
            message = f"'{cell}' does not match the pattern {value}"
        elif name in ("minimum", "maximum"):
            message = f"'{cell}' is {'below the minimum' if name == 'minimum' else 'above the maximum'} {value}"
        else:
            message = f"'{cell}' breaks constraint {name} {value}"
    elif kind == "unique-error":
        match = _SAME_ROW_RE.search(error.note)
        first = f" (first at line {_line_of(table, int(match.group(1)))})" if match else ""
        message = f"duplicate value '{cell}'{first}"
    elif kind == "primary-key":
        # Single-column keys are also declared unique, so the unique-error already says it.
        if len(primary_key) < 2:
            return None
        column = ", ".join(primary_key)
        match = _SAME_ROW_RE.search(error.note)
        first = f"line {_line_of(table, int(match.group(1)))}" if match else "another row"
        message = f"duplicate row: same {', '.join(primary_key)} as {first}"
    elif kind == "foreign-key":
        names = error.field_names
        column = ", ".join(names)
        values = ", ".join(f"'{row.get(n, '')}'" for n in names)
        target = error.reference_name or table.name
        message = f"{values} not found in {target}.csv column {', '.join(error.reference_field_names)}"
    elif kind in ("missing-label", "incorrect-label", "extra-label", "duplicate-label", "blank-label"):
        return None  # header problems are reported by hand with clearer wording
    elif kind == "blank-row":
        message = "blank row"
    elif kind == "extra-cell":
        message = f"more cells than the header has columns (extra value '{cell}')"
        column = None
    elif kind == "missing-cell":
        message = "fewer cells than the header has columns"
    else:
        message = f"{error.title}: {error.note}" if error.note else error.message
    return Problem(table.file, line, record_id, column, message)


# ---------------------------------------------------------------- hand checks


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _period(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day a partial ISO date covers, or None if it is not a real date."""
    try:
        if re.fullmatch(r"\d{4}", value):
            year = int(value)
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            first = dt.date(int(value[:4]), int(value[5:]), 1)
            after = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, after - dt.timedelta(days=1)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = dt.date.fromisoformat(value)
            return day, day
    except ValueError:
        return None
    return None


def _precision_of(value: str) -> str:
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "")


def _normalise(text: str) -> str:
    return " ".join(text.split())


class _Checker:
    def __init__(self, tables: dict[str, _Table], primary_keys: dict[str, list[str]], corpus_dir: Path | None):
        self.t = tables
        self.primary_keys = primary_keys
        self.corpus_dir = corpus_dir
        self.problems: list[Problem] = []

    def add(self, table: _Table, line, record_id, column, message):
        self.problems.append(Problem(table.file, line, record_id, column, message))

    def rows(self, name, *columns):
        """(line, row) pairs of a table that has all the given columns; none if it is unusable."""
        table = self.t.get(name)
        if table is None or not set(columns) <= set(table.header):
            return []
        return list(zip(table.lines, table.rows))

    def usable(self, name, *columns) -> bool:
        table = self.t.get(name)
        return table is not None and set(columns) <= set(table.header)

    def ids(self, name) -> set[str]:
        return {row["id"] for _, row in self.rows(name, "id")}

    def run(self) -> list[Problem]:
        self.check_whitespace()
        self.check_list_columns()
        self.check_dates()
        self.check_ids_across_tables()
        self.check_evidence()
        self.check_corpus()
        self.check_sorted()
        return self.problems

    def check_whitespace(self):
        for table in self.t.values():
            for line, row in zip(table.lines, table.rows):
                rid = row.get("record_id" if table.name == "evidence" else "id")
                for column, value in row.items():
                    if value != value.strip():
                        self.add(table, line, rid, column, "leading or trailing whitespace")

    def check_list_columns(self):
        if not self.usable("actors", "id"):
            return
        actor_ids = self.ids("actors")
        for name, column in (("events", "actors"), ("agreements", "other_parties")):
            for line, row in self.rows(name, "id", column):
                seen = set()
                for actor in _split(row[column]):
                    if actor not in actor_ids:
                        self.add(self.t[name], line, row["id"], column, f"unknown actor '{actor}'")
                    elif actor in seen:
                        self.add(self.t[name], line, row["id"], column, f"actor '{actor}' listed twice")
                    seen.add(actor)

    def check_dates(self):
        events = self.t.get("events")
        for line, row in self.rows("events", "id", "date", "date_precision"):
            date, precision = row["date"], row["date_precision"]
            period = _period(date)
            if period is None:
                self.bad_date(events, line, row["id"], "date", date)
                continue
            if precision in DATE_FORMS and _precision_of(date) != precision:
                self.add(
                    events, line, row["id"], "date_precision",
                    f"'{precision}' disagrees with date '{date}' (a {precision} date is {DATE_FORMS[precision]})",
                )
            end = row.get("end_date", "")
            if end:
                end_period = _period(end)
                if end_period is None:
                    self.bad_date(events, line, row["id"], "end_date", end)
                elif end_period[1] < period[0]:
                    self.add(events, line, row["id"], "end_date", f"end_date '{end}' is before date '{date}'")
        for name, columns in (("sources", ("published", "published_estimate")), ("agreements", ("date",))):
            for column in columns:
                for line, row in self.rows(name, "id", column):
                    if _period(row[column]) is None:
                        self.bad_date(self.t[name], line, row["id"], column, row[column])
        for line, row in self.rows("agreements", "id", "date", "year"):
            if row["date"] and row["year"] and row["date"][:4] != row["year"]:
                self.add(
                    self.t["agreements"], line, row["id"], "date",
                    f"date '{row['date']}' is not in year {row['year']}",
                )

    def bad_date(self, table, line, record_id, column, value):
        # Blank and malformed values are frictionless's (required, pattern); this catches 2021-02-30.
        if re.fullmatch(_DATE_PATTERN, value):
            self.add(table, line, record_id, column, f"bad date '{value}': no such day or month")

    def check_ids_across_tables(self):
        first: dict[str, tuple[str, int]] = {}
        for name in RECORD_TABLES:
            for line, row in self.rows(name, "id"):
                rid = row["id"]
                if rid in first and first[rid][0] != name:
                    other, other_line = first[rid]
                    self.add(self.t[name], line, rid, "id", f"id also used in {other}.csv line {other_line}")
                first.setdefault(rid, (name, line))

    def check_evidence(self):
        if not self.usable("evidence", "record_id", "source_id", "quote"):
            return  # without evidence every record would be reported as unsupported
        # A record table that could not be read makes "unknown record_id" unknowable.
        usable = [name for name in RECORD_TABLES if self.usable(name, "id")]
        all_usable = len(usable) == len(RECORD_TABLES)
        record_ids = {row["id"] for name in usable for _, row in self.rows(name, "id")}
        sources_by_record: dict[str, set[str]] = {}
        for line, row in self.rows("evidence", "record_id", "source_id", "quote"):
            rid = row["record_id"]
            sources_by_record.setdefault(rid, set()).add(row["source_id"])
            if rid and all_usable and rid not in record_ids:
                self.add(self.t["evidence"], line, rid, "record_id",
                         f"'{rid}' is not an id in events, agreements or proposals")
            words = len(row["quote"].split())
            if words > MAX_QUOTE_WORDS:
                self.add(self.t["evidence"], line, rid, "quote",
                         f"quote is {words} words long (at most {MAX_QUOTE_WORDS})")
        for name in usable:
            for line, row in self.rows(name, "id"):
                if row["id"] and row["id"] not in sources_by_record:
                    self.add(self.t[name], line, row["id"], None, "no evidence row in evidence.csv")
        # A proposal is made in one article; that article must be among its quotes.
        source_ids = self.ids("sources")
        for line, row in self.rows("proposals", "id", "source_id"):
            cited = sources_by_record.get(row["id"])
            if cited and row["source_id"] in source_ids and row["source_id"] not in cited:
                self.add(self.t["proposals"], line, row["id"], "source_id",
                         f"no evidence quote from {row['source_id']} (the proposal's own source)")

    def check_corpus(self):
        if self.corpus_dir is None:
            return
        texts: dict[str, str | None] = {}
        for line, row in self.rows("sources", "id", "corpus_file"):
            name = row["corpus_file"]
            path = self.corpus_dir / name
            if name and "/" not in name and path.is_file():
                texts[row["id"]] = _normalise(path.read_text(encoding="utf-8"))
            elif name:
                texts[row["id"]] = None
                self.add(self.t["sources"], line, row["id"], "corpus_file",
                         f"'{name}' not found in the corpus folder {self.corpus_dir}")
        for line, row in self.rows("evidence", "record_id", "source_id", "quote"):
            text = texts.get(row["source_id"])
            quote = _normalise(row["quote"])
            if text is not None and quote and quote not in text:
                self.add(self.t["evidence"], line, row["record_id"], "quote",
                         f"quote not found verbatim in {row['source_id']}: '{_shorten(quote)}'")

    def check_sorted(self):
        for name, table in self.t.items():
            pk = self.primary_keys.get(name)
            if not pk or not set(pk) <= set(table.header):
                continue
            keys = [tuple(row[c] for c in pk) for row in table.rows]
            for i in range(1, len(keys)):
                if keys[i] < keys[i - 1]:
                    rid = table.rows[i].get(pk[0])
                    # One report per file: the fix (re-sort the file) is the same however many rows moved.
                    self.add(table, table.lines[i], rid, pk[0],
                             f"rows not sorted by {', '.join(pk)}: comes after '{' / '.join(keys[i - 1])}'"
                             " (keep files sorted so edits diff cleanly)")
                    break


def _shorten(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


# ---------------------------------------------------------------- typing


def _typed(name: str, table: _Table, schema_fields: list[dict]) -> pd.DataFrame:
    data = {}
    for field in schema_fields:
        column = field["name"]
        values = [row[column] for row in table.rows]
        if column in LIST_COLUMNS.get(name, ()):
            data[column] = pd.Series([_split(v) for v in values], dtype=object)
        elif field["type"] == "integer":
            data[column] = pd.array([int(v) if v else None for v in values], dtype="Int64")
        elif field["type"] == "boolean":
            data[column] = pd.Series([v in TRUE_VALUES for v in values], dtype=bool)
        else:
            data[column] = pd.Series(values, dtype=object).astype(str)
    return pd.DataFrame(data, index=pd.RangeIndex(len(table.rows)))


def _add_periods(frame: pd.DataFrame, start_col: str, end_col: str | None, prefix: str = "date") -> None:
    starts, ends = [], []
    for i, value in enumerate(frame[start_col]):
        first, last = _period(value)
        if end_col and frame[end_col].iloc[i]:
            last = _period(frame[end_col].iloc[i])[1]
        starts.append(first)
        ends.append(last)
    frame[f"{prefix}_start"] = np.array(starts, dtype="datetime64[s]")
    frame[f"{prefix}_end"] = np.array(ends, dtype="datetime64[s]")


def _version(schema: dict, data_dir: Path, files: list[str]) -> str:
    digest = hashlib.sha256()
    for file in ["datapackage.json", *files]:
        digest.update(file.encode())
        digest.update((data_dir / file).read_bytes())
    return f"{schema.get('version', '0')}+{digest.hexdigest()[:7]}"


# ---------------------------------------------------------------- entry point


def load_dataset(path: str | Path | None = None, corpus_dir: str | Path | None = None,
                 check_quotes: bool = True) -> Dataset:
    """Read, validate and type the package in `path` (a folder or its datapackage.json).

    Quotes and corpus files are checked when check_quotes is set and the corpus folder exists;
    `corpus_checked` on the result says whether they were.
    """
    data_dir = Path(path) if path is not None else default_data_dir()
    if data_dir.is_file():
        data_dir = data_dir.parent
    corpus = Path(corpus_dir) if corpus_dir is not None else default_corpus_dir()
    corpus_checked = bool(check_quotes and corpus.is_dir())

    try:
        schema = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetError([Problem("datapackage.json", None, None, None, f"cannot read: {exc}")]) from None

    problems: list[Problem] = []
    resources = {r["name"]: r for r in schema["resources"]}
    missing_tables = [n for n in TABLES if n not in resources]
    for name in missing_tables:
        problems.append(Problem("datapackage.json", None, None, None, f"no resource named '{name}'"))
    tables = {}
    for name, resource in resources.items():
        table = _read_table(data_dir, resource, problems)
        if table is not None:
            tables[name] = table
    problems += _frictionless_problems(data_dir, schema, tables)
    primary_keys = {n: r["schema"].get("primaryKey", []) for n, r in resources.items()}
    problems += _Checker(tables, primary_keys, corpus if corpus_checked else None).run()
    if problems:
        order = {r["path"]: i for i, r in enumerate(schema["resources"])}
        problems.sort(key=lambda p: (order.get(p.file, -1), p.line or 0, p.column or "", p.message))
        raise DatasetError(problems)

    frames = {name: _typed(name, tables[name], resources[name]["schema"]["fields"]) for name in TABLES}
    events = frames["events"]
    _add_periods(events, "date", "end_date")
    events["year"] = events["date"].str[:4].astype(int)
    _add_periods(frames["sources"], "published_estimate", None)
    kinds = {rid: kind for name, kind in RECORD_TABLES.items() for rid in frames[name]["id"]}
    frames["evidence"]["record_type"] = frames["evidence"]["record_id"].map(kinds).astype(str)

    return Dataset(
        **frames,
        schema=schema,
        version=_version(schema, data_dir, [resources[n]["path"] for n in TABLES]),
        corpus_checked=corpus_checked,
    )
