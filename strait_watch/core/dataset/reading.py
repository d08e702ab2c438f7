"""Layer 1: what must hold before a CSV can be read at all, each refusal a located problem.

The bytes come from `files.read_plain` (a plain file, not a link, not too large). Then: not empty; UTF-8 (a
UTF-16 or Windows-1252 file is named as such, with the first byte that is not UTF-8 and its cell); rows end in
LF or CRLF (a carriage return anywhere else, CR-only line endings included, is refused where it is); the quotes
close; the header holds the schema's columns in schema order; every row has as many cells as the header (a
row that does not is reported once, and `quiet_lines` tells layers 2 and 3 its shifted cells are not worth a
word); blank rows are accepted at the end of the file (Excel leaves them) and refused in the middle.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from strait_watch.core.dataset.files import read_plain
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
    quiet_lines: set[int] = field(default_factory=set)  # rows reported here (cell count, blank): nothing more

    @property
    def key(self) -> str:
        return key_column(self.name)


def key_column(name: str) -> str:
    return "record_id" if name == "evidence" else "id"


# README, canonical form: UTF-8 without BOM (Excel's "CSV UTF-8" writes a BOM, which is refused too).
SAVE_AS_UTF8 = "save it as UTF-8 without a byte-order mark"
CR_ONLY = ("lines end with a bare carriage return (CR, the old Mac format), so the file reads as one line;"
           " save it with Windows (CRLF) or Unix (LF) line endings")
CARRIAGE_RETURN = ("a carriage return (CR) is in the cell; delete it or make it a plain line break (the save"
                   " writes LF line breaks and the intake cannot read a CR)")
BLANK_ROW = "blank row: delete it (blank rows are accepted only at the end of the file)"
_BOMS = [(codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")]
_DELIMITERS = {";": "semicolon", "\t": "tab", "|": "pipe"}
_BARE_CR = re.compile(r"\r(?!\n)")
# Stand-ins for a bare CR while the csv module reads (it would end the row there); private-use characters.
_STAND_INS = ("\U0010fffd", "\U0010fffc", "\U0010fffb", "\U0010fffa")


def read_table(data_dir: Path, resource: dict, problems: list[Problem]) -> Table | None:
    file = resource["path"]
    fields = [f["name"] for f in resource["schema"]["fields"]]
    key = key_column(resource["name"])

    def problem(message, line=None, column=None, record_id=None):
        problems.append(Problem(file, line, record_id, column, message))

    raw = read_plain(data_dir, file)
    if isinstance(raw, str):
        problem(raw)
        return None
    if not raw.strip():
        problem("empty file (expected at least the header line)")
        return None
    text = _decode(raw, key, problem)
    if text is None:
        return None
    if "\r" in text and "\n" not in text:
        problem(CR_ONLY)
        return None
    parsed = _records(text, problem)
    if parsed is None:
        return None
    records, starts, ends, bare_cr = parsed
    header = records[0]
    if not any(cell.strip() for cell in header):
        problem(f"line 1 is blank: the header ({','.join(fields)}) must be the first line; delete the blank"
                " lines above it", 1)
        return None
    for delimiter, name in _DELIMITERS.items():
        if len(header) == 1 and len(fields) > 1 and delimiter in header[0]:
            problem(f"header has one column '{header[0][:60].replace(chr(9), ' ')}': the file looks {name}-delimited;"
                    " save it comma-separated", 1)
            return None
    if any("\r" in cell for cell in header):
        problem("the header holds a carriage return (CR); save the file with Windows (CRLF) or Unix (LF) line"
                " endings, and no line break inside a column name", 1)
        return None
    _check_header(header, fields, problem)
    rows, lines, quiet = _rows(records, starts, ends, fields, key, problem)
    if bare_cr:
        return None  # frictionless would end rows at the bare CR: its rows would not be these
    return Table(resource["name"], file, fields, header, rows, lines, starts, quiet)


def _rows(records, starts, ends, fields, key, problem) -> tuple[list[dict[str, str]], list[int], set[int]]:
    """The data rows keyed by the header, their lines, and the lines reported here (blank rows, rows with the
    wrong number of cells: a short row is padded and a long one cut, so its id still resolves)."""
    header = records[0]
    content = [i for i in range(1, len(records)) if any(cell.strip() for cell in records[i])]
    last = content[-1] if content else 0
    counts = {len(records[i]) for i in content}
    header_wrong = len(content) > 1 and len(counts) == 1 and len(header) not in counts
    if header_wrong:  # one problem at the header, not one per row
        problem(f"the header has {len(header)} cells but every row has {counts.pop()}: correct the header (the"
                f" columns are {','.join(fields)})", 1)
    at_key = header.index(key) if key in header else None
    rows, lines, quiet = [], [], set()
    for i in range(1, len(records)):
        record, line = records[i], starts[i]
        if not any(cell.strip() for cell in record):
            quiet.add(line)
            if i < last:
                problem(BLANK_ROW, line)
            continue
        record_id = (record[at_key] or None) if at_key is not None and at_key < len(record) else None
        if len(record) != len(header):
            if not header_wrong:
                problem(_cell_count(len(record), len(header), line, ends[i]), line, None, record_id)
            quiet.add(line)
        for column, cell in zip(header, record, strict=False):
            if "\r" in cell:
                problem(CARRIAGE_RETURN, line, column, record_id)
        rows.append(dict(zip(header, record + [""] * (len(header) - len(record)), strict=False)))
        lines.append(line)
    return rows, lines, quiet


def _cell_count(cells: int, columns: int, start: int, end: int) -> str:
    if cells > columns:
        fix = ("a stray comma, or a comma inside a cell that is not in double quotes; remove the extra cell or put"
               " that cell in double quotes")
    else:
        fix = "a cell is missing; put it back (an empty cell still needs its comma)"
    span = f" (the row runs from line {start} to line {end}: check its double quotes)" if end > start else ""
    return f"row has {cells} cells, the header has {columns}{span}: {fix}"


def _decode(raw: bytes, key: str, problem) -> str | None:
    for bom, name in _BOMS:
        if raw.startswith(bom):
            problem(f"the file is saved as {name} (it starts with the byte-order mark {bom.hex(' ').upper()});"
                    f" {SAVE_AS_UTF8}", 1)
            return None
    sample = raw[:4096]
    if any(half and half.count(0) * 5 >= len(half) * 2 for half in (sample[0::2], sample[1::2])):
        problem(f"the file looks saved as UTF-16 without a byte-order mark (every other byte is zero); {SAVE_AS_UTF8}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        _not_utf8(raw, exc.start, key, problem)
        return None
    if text.startswith("\ufeff"):
        problem("file starts with a byte-order mark; save as UTF-8 without BOM", 1)
        text = text[1:]
    return text


def _not_utf8(raw: bytes, offset: int, key: str, problem) -> None:
    """The first byte that is not UTF-8, with its line and, when the rows can be read, its row and column."""
    escaped = raw.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for c in escaped if "\udc80" <= c <= "\udcff")
    more = f" (and {bad - 1} more such byte{'s' if bad > 2 else ''})" if bad > 1 else ""
    try:
        hint = f"; it looks saved as Windows-1252 (Latin-1), where that byte is '{raw[offset:offset + 1].decode('cp1252')}'"
        raw.decode("cp1252")
    except UnicodeDecodeError:
        hint = ""
    column = record_id = None
    parsed = _records(escaped, lambda *args: None)
    if parsed is not None:
        records = parsed[0]
        header = records[0]
        for record in records:
            cells = [j for j, cell in enumerate(record) if any("\udc80" <= c <= "\udcff" for c in cell)]
            if cells:
                if record is not header and cells[0] < len(header):
                    column = header[cells[0]]
                    record_id = record[header.index(key)] if key in header and header.index(key) < len(record) else None
                break
    problem(f"not UTF-8: byte 0x{raw[offset]:02x} at byte offset {offset} cannot be decoded{more}{hint};"
            f" {SAVE_AS_UTF8}", raw[:offset].count(b"\n") + 1, column, _printable(record_id))


def _printable(value: str | None) -> str | None:
    """A record id to show: None when blank or when it holds undecodable bytes itself."""
    if not value or any("\udc80" <= c <= "\udcff" for c in value):
        return None
    return value


MAX_CELL = 131_072  # Python's default csv field limit: no real cell comes near it


def _records(text: str, problem) -> tuple[list[list[str]], list[int], list[int], bool] | None:
    """Every csv record with the lines it starts and ends on, and whether a bare CR was found; None (and a
    problem) if the file cannot be parsed.

    A CR not followed by LF is read as a stand-in character, so it stays in its cell (where it is reported)
    instead of ending the row, and lines are counted by LF alone, as an editor counts them.
    The csv module's field limit is global and frictionless raises it on import; it is raised here too so
    a file reads the same whatever was imported first, and long cells are reported by MAX_CELL instead."""
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 2))
    bare_cr = _BARE_CR.search(text) is not None
    stand_in = next((c for c in _STAND_INS if c not in text), None) if bare_cr else None
    if bare_cr and stand_in is None:
        problem(CR_ONLY)
        return None
    if stand_in:
        text = _BARE_CR.sub(stand_in, text)
    reader = csv.reader(io.StringIO(text, newline=""))
    records, starts, ends = [], [], []
    start = 1
    try:
        for record in reader:
            records.append([cell.replace(stand_in, "\r") for cell in record] if stand_in else record)
            starts.append(start)
            ends.append(reader.line_num)
            start = reader.line_num + 1
    except csv.Error as exc:
        if _unclosed_quote(text, start):
            problem(UNCLOSED.format(start=start), start)
        else:
            problem(f"unreadable CSV in the record starting on line {start}: {exc}", start)
        return None
    if not records:
        problem("empty file (expected at least the header line)")
        return None
    if _unclosed_quote(text, starts[-1]) and "\n" in "".join(records[-1]):
        problem(UNCLOSED.format(start=starts[-1]), starts[-1])
        return None
    for record, line in zip(records, starts, strict=True):
        for column, cell in zip(records[0], record, strict=False):
            if len(cell) > MAX_CELL:
                problem(f"cell is {len(cell):,} characters long (at most {MAX_CELL:,})", line, column)
    return records, starts, ends, bare_cr


UNCLOSED = ('unclosed quote: a \'"\' opened in the record starting on line {start} is never closed, so the rest'
            " of the file reads as one cell")


def _unclosed_quote(text: str, start_line: int) -> bool:
    """Whether an odd number of '"' follows the start of this record (quotes come in pairs when closed)."""
    offset = 0
    for _ in range(start_line - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return False
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
