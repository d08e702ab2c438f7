"""Rules on single cells that frictionless lets through: digits, list cells, characters no cell may hold."""

from __future__ import annotations

import re
import unicodedata

from strait_watch.core.dataset.model import LIST_COLUMNS, Problem
from strait_watch.core.dataset.rules import Tables

_ASCII_INTEGER = re.compile(r"[+-]?[0-9]+")
# A line break inside a quoted cell is fine; a carriage return is reported by `reading`, with line endings.
_ALLOWED_CONTROLS = {"\n", "\r"}


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


def noncharacter(c: str) -> bool:
    """U+FDD0..U+FDEF and U+nFFFE/U+nFFFF: Unicode's noncharacters; U+FFFE/U+FFFF are illegal in XML 1.0 and
    the others break the GEXF, GraphML and PowerPoint writers' consumers just as well."""
    code = ord(c)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def check_characters(tables: Tables) -> list[Problem]:
    """Control characters (invisible, and illegal in XML but for tab and line feed) and noncharacters."""
    out = []
    for table in tables.values():
        for line, row in zip(table.lines, table.rows, strict=True):
            for column, value in row.items():
                if value.isprintable():
                    continue  # the usual cell: no control and no unassigned character
                controls = sorted({c for c in value if unicodedata.category(c) == "Cc" and c not in _ALLOWED_CONTROLS})
                if controls:
                    out.append(Problem(table.file, line, row.get(table.key), column,
                                       f"control character {_codes(controls)} in the cell (invisible; delete it)"))
                odd = sorted({c for c in value if noncharacter(c)})
                if odd:
                    verb, them = ("are", "them") if len(odd) > 1 else ("is", "it")
                    out.append(Problem(table.file, line, row.get(table.key), column,
                                       f"{_codes(odd)} {verb} not allowed in XML exports; delete {them}"))
    return out


def _codes(characters: list[str]) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in characters)
