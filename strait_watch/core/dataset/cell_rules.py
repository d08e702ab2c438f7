"""Rules on single cells that frictionless lets through: digits, list cells, control characters."""

from __future__ import annotations

import re
import unicodedata

from strait_watch.core.dataset.model import LIST_COLUMNS, Problem
from strait_watch.core.dataset.rules import Tables

_ASCII_INTEGER = re.compile(r"[+-]?[0-9]+")
_ALLOWED_CONTROLS = {"\n", "\r"}  # line breaks inside a quoted cell are fine


def check_integer_digits(tables: Tables, resources: dict[str, dict]) -> list[Problem]:
    """Python (and so frictionless) reads '２０２１' as 2021; the file should say 2021."""
    out = []
    for name, table in tables.items():
        fields = resources[name]["schema"]["fields"]
        integers = [f["name"] for f in fields if f.get("type") == "integer" and f["name"] in table.header]
        for line, row in zip(table.lines, table.rows, strict=True):
            for column in integers:
                value = row[column].strip()
                if value and not _ASCII_INTEGER.fullmatch(value) and any(c.isdigit() for c in value):
                    ascii_value = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in value)
                    out.append(Problem(table.file, line, row.get(table.key), column,
                                       f"'{value}' has full-width or non-ASCII digits; write '{ascii_value}'"))
    return out


def check_list_cells(tables: Tables) -> list[Problem]:
    """`;`-lists are written without blank space: 'a;b', not 'a; b' or 'a;;b'."""
    out = []
    for name, columns in LIST_COLUMNS.items():
        table = tables.get(name)
        if table is None:
            continue
        for line, row in zip(table.lines, table.rows, strict=True):
            for column in columns:
                value = row.get(column, "")
                parts = value.split(";")
                if value.strip() and any(p != p.strip() or not p for p in parts):
                    fixed = ";".join(p.strip() for p in parts if p.strip())
                    out.append(Problem(table.file, line, row.get(table.key), column,
                                       f"blank space in list cell '{value}': write '{fixed}'"))
    return out


def check_control_characters(tables: Tables) -> list[Problem]:
    out = []
    for table in tables.values():
        for line, row in zip(table.lines, table.rows, strict=True):
            for column, value in row.items():
                found = sorted({c for c in value if unicodedata.category(c) == "Cc" and c not in _ALLOWED_CONTROLS})
                if found:
                    codes = ", ".join(f"U+{ord(c):04X}" for c in found)
                    out.append(Problem(table.file, line, row.get(table.key), column,
                                       f"control character {codes} in the cell (invisible; delete it)"))
    return out
