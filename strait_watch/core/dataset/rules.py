"""Layer 3: cross-table rules datapackage.json cannot express, each a plain function returning problems.

Every rule takes the tables as read (`reading.Table` by name) and skips a table it cannot use (missing, or
without the columns it needs): that table's own problem is already reported, and one broken file must not
cascade into every table that refers to it.
"""

from __future__ import annotations

import datetime as dt
import re

from strait_watch.core import dates
from strait_watch.core.dataset.frictionless_checks import DATE_PATTERN
from strait_watch.core.dataset.model import RECORD_TABLES, Problem
from strait_watch.core.dataset.reading import Table

Tables = dict[str, Table]
MAX_QUOTE_WORDS = 70
DATE_FORMS = {"year": "YYYY", "month": "YYYY-MM", "day": "YYYY-MM-DD"}


# ---------------------------------------------------------------- helpers


def split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def period(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day a partial ISO date covers, or None if it is not a real date (core.dates.span, the one
    partial-date rule; a value with spaces around it is not canonical, so not a date here)."""
    found = dates.span(value) if isinstance(value, str) and value == value.strip() else None
    return (found[0].date(), found[1].date()) if found else None


def rows(tables: Tables, name: str, *columns: str) -> list[tuple[int, dict[str, str]]]:
    """(line, row) pairs of a table that has all the given columns; none if it is unusable."""
    table = tables.get(name)
    if table is None or not set(columns) <= set(table.header):
        return []
    return list(zip(table.lines, table.rows, strict=True))


def usable(tables: Tables, name: str, *columns: str) -> bool:
    table = tables.get(name)
    return table is not None and set(columns) <= set(table.header)


def ids(tables: Tables, name: str) -> set[str]:
    return {row["id"] for _, row in rows(tables, name, "id")}


def at(tables: Tables, name: str, line, record_id, column, message, severity="error") -> Problem:
    return Problem(tables[name].file, line, record_id, column, message, severity)


# ---------------------------------------------------------------- rules


def check_whitespace(tables: Tables) -> list[Problem]:
    out = []
    for table in tables.values():
        for line, row in zip(table.lines, table.rows, strict=True):
            for column, value in row.items():
                if value != value.strip():
                    out.append(Problem(table.file, line, row.get(table.key), column, "leading or trailing whitespace"))
    return out


def check_list_columns(tables: Tables) -> list[Problem]:
    if not usable(tables, "actors", "id"):
        return []
    actor_ids, out = ids(tables, "actors"), []
    for name, column in (("events", "actors"), ("agreements", "other_parties"), ("statistics", "actors")):
        for line, row in rows(tables, name, "id", column):
            seen = set()
            for actor in split_list(row[column]):
                if actor not in actor_ids:
                    out.append(at(tables, name, line, row["id"], column, f"unknown actor '{actor}'"))
                elif actor in seen:
                    out.append(at(tables, name, line, row["id"], column, f"actor '{actor}' listed twice"))
                seen.add(actor)
    return out


def _bad_date(tables, name, line, record_id, column, value) -> list[Problem]:
    # Blank and malformed values are frictionless's (required, pattern); this catches 2021-02-30.
    if period(value) is None and re.fullmatch(DATE_PATTERN, value):
        return [at(tables, name, line, record_id, column, f"bad date '{value}': no such day or month")]
    return []


def check_record_dates(tables: Tables) -> list[Problem]:
    """Events' and proposals' dates: real days, a precision that agrees with the form, an end after the start."""
    out = []
    for name in ("events", "proposals"):
        for line, row in rows(tables, name, "id", "date", "date_precision"):
            date, precision, rid = row["date"], row["date_precision"], row["id"]
            start = period(date)
            if start is None:
                out += _bad_date(tables, name, line, rid, "date", date)
                continue
            if precision in DATE_FORMS and {4: "year", 7: "month", 10: "day"}.get(len(date)) != precision:
                out.append(at(tables, name, line, rid, "date_precision",
                              f"'{precision}' disagrees with date '{date}' (a {precision} date is {DATE_FORMS[precision]})"))
            end = row.get("end_date", "")
            if end:
                end_period = period(end)
                if end_period is None:
                    out += _bad_date(tables, name, line, rid, "end_date", end)
                elif end_period[1] < start[0]:
                    out.append(at(tables, name, line, rid, "end_date", f"end_date '{end}' is before date '{date}'"))
    return out


def check_other_dates(tables: Tables) -> list[Problem]:
    out = []
    for name, columns in (("sources", ("published", "published_estimate")), ("agreements", ("date",))):
        for column in columns:
            for line, row in rows(tables, name, "id", column):
                out += _bad_date(tables, name, line, row["id"], column, row[column])
    for line, row in rows(tables, "agreements", "id", "date", "year"):
        if row["date"] and row["year"] and row["date"][:4] != row["year"]:
            out.append(at(tables, "agreements", line, row["id"], "date",
                          f"date '{row['date']}' is not in year {row['year']}"))
    return out


def check_ids_across_tables(tables: Tables) -> list[Problem]:
    first: dict[str, tuple[str, int]] = {}
    out = []
    for name in RECORD_TABLES:
        for line, row in rows(tables, name, "id"):
            rid = row["id"]
            if rid in first and first[rid][0] != name:
                other, other_line = first[rid]
                out.append(at(tables, name, line, rid, "id", f"id also used in {other}.csv line {other_line}"))
            first.setdefault(rid, (name, line))
    return out


def check_evidence(tables: Tables) -> list[Problem]:
    if not usable(tables, "evidence", "record_id", "source_id", "quote"):
        return []  # without evidence every record would be reported as unsupported
    # A record table that could not be read makes "unknown record_id" unknowable.
    readable = [name for name in RECORD_TABLES if usable(tables, name, "id")]
    all_readable = len(readable) == len(RECORD_TABLES)
    record_ids = {row["id"] for name in readable for _, row in rows(tables, name, "id")}
    sources_by_record: dict[str, set[str]] = {}
    out = []
    for line, row in rows(tables, "evidence", "record_id", "source_id", "quote"):
        rid = row["record_id"]
        sources_by_record.setdefault(rid, set()).add(row["source_id"])
        if rid and all_readable and rid not in record_ids:
            out.append(at(tables, "evidence", line, rid, "record_id",
                          f"'{rid}' is not an id in events, agreements, proposals or statistics"))
        words = len(row["quote"].split())
        if words > MAX_QUOTE_WORDS:
            out.append(at(tables, "evidence", line, rid, "quote",
                          f"quote is {words} words long (at most {MAX_QUOTE_WORDS})"))
    for name in readable:
        for line, row in rows(tables, name, "id"):
            if row["id"] and row["id"] not in sources_by_record:
                out.append(at(tables, name, line, row["id"], None, "no evidence row in evidence.csv"))
    return out + _proposal_own_source(tables, sources_by_record)


def _proposal_own_source(tables: Tables, sources_by_record: dict[str, set[str]]) -> list[Problem]:
    """A proposal is made in one article; that article must be among its quotes."""
    source_ids, out = ids(tables, "sources"), []
    for line, row in rows(tables, "proposals", "id", "source_id"):
        cited = sources_by_record.get(row["id"])
        if cited and row["source_id"] in source_ids and row["source_id"] not in cited:
            out.append(at(tables, "proposals", line, row["id"], "source_id",
                          f"no evidence quote from {row['source_id']} (the proposal's own source)"))
    return out


def key_order(values) -> tuple:
    """How rows sort by their primary key, the check and the save alike: whole numbers as numbers (the ledger's
    sentence 10 comes after 9), other text as text."""
    return tuple((0, int(v), "") if v.isdigit() else (1, 0, v) for v in values)


def check_sorted(tables: Tables, primary_keys: dict[str, list[str]]) -> list[Problem]:
    out = []
    for name, table in tables.items():
        pk = primary_keys.get(name)
        if not pk or not set(pk) <= set(table.header):
            continue
        keys = [tuple(row[c] for c in pk) for row in table.rows]
        for i in range(1, len(keys)):
            if key_order(keys[i]) < key_order(keys[i - 1]):
                # One report per file: the fix (re-sort the file) is the same however many rows moved.
                out.append(Problem(table.file, table.lines[i], table.rows[i].get(pk[0]), pk[0],
                                   f"rows not sorted by {', '.join(pk)}: comes after '{' / '.join(keys[i - 1])}'"
                                   " (keep files sorted so edits diff cleanly)"))
                break
    return out


TABLE_RULES = (check_whitespace, check_list_columns, check_record_dates, check_other_dates,
               check_ids_across_tables, check_evidence)
