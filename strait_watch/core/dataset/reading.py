"""Layer 1: what must hold before a CSV can be read at all (exists, UTF-8, not empty, header as the schema)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from strait_watch.core.dataset.model import Problem


@dataclass
class Table:
    """One CSV as read: rows keyed by the file's own header, with the line each row starts on."""

    name: str
    file: str
    fields: list[str]  # schema order
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]
    record_lines: list[int]  # start line of every csv record, header and blank ones included

    @property
    def key(self) -> str:
        return "record_id" if self.name == "evidence" else "id"


def read_table(data_dir: Path, resource: dict, problems: list[Problem]) -> Table | None:
    file = resource["path"]
    fields = [f["name"] for f in resource["schema"]["fields"]]

    def problem(message, line=None, column=None):
        problems.append(Problem(file, line, None, column, message))

    text = _read_text(data_dir / file, problem)
    if text is None:
        return None
    parsed = _records(text, problem)
    if parsed is None:
        return None
    records, starts = parsed
    header = records[0]
    if len(header) == 1 and len(fields) > 1 and ";" in header[0]:
        problem(f"header has one column '{header[0][:60]}': the file looks semicolon-delimited; save it"
                " comma-separated", 1)
        return None
    _check_header(header, fields, problem)
    rows, lines = [], []
    for record, line in zip(records[1:], starts[1:], strict=True):
        if not any(cell.strip() for cell in record):
            continue  # frictionless reports blank rows
        rows.append(dict(zip(header, record + [""] * (len(header) - len(record)), strict=True)))
        lines.append(line)
    return Table(resource["name"], file, fields, header, rows, lines, starts)


def _read_text(path: Path, problem) -> str | None:
    if not path.is_file():
        problem("missing file")
        return None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problem(f"cannot read the file: {exc.strerror or exc}")
        return None
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
    return text


MAX_CELL = 131_072  # Python's default csv field limit: no real cell comes near it


def _records(text: str, problem) -> tuple[list[list[str]], list[int]] | None:
    """Every csv record with the line it starts on; None (and a problem) if the file cannot be parsed.

    The csv module's field limit is global and frictionless raises it on import; it is raised here too so
    a file reads the same whatever was imported first, and long cells are reported by MAX_CELL instead."""
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 2))
    reader = csv.reader(io.StringIO(text, newline=""))
    records, starts = [], []
    start = 1
    try:
        for record in reader:
            records.append(record)
            starts.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        if _unclosed_quote(text, start):
            problem(UNCLOSED.format(start=start), start)
        else:
            problem(f"unreadable CSV in the record starting on line {start}: {exc}", start)
        return None
    if starts and _unclosed_quote(text, starts[-1]) and "\n" in "".join(records[-1]):
        problem(UNCLOSED.format(start=starts[-1]), starts[-1])
        return None
    for record, line in zip(records, starts, strict=True):
        for column, cell in zip(records[0], record, strict=True):
            if len(cell) > MAX_CELL:
                problem(f"cell is {len(cell):,} characters long (at most {MAX_CELL:,})", line, column)
    return records, starts


UNCLOSED = ('unclosed quote: a \'"\' opened in the record starting on line {start} is never closed, so the rest'
            " of the file reads as one cell")


def _unclosed_quote(text: str, start_line: int) -> bool:
    """Whether an odd number of '"' follows the start of this record (quotes come in pairs when closed)."""
    offset = 0
    for _ in range(start_line - 1):
        offset = text.index("\n", offset) + 1
    return text.count('"', offset) % 2 == 1


def _check_header(header: list[str], fields: list[str], problem) -> None:
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
