"""Helpers that break a copy of the fixture package one way (tests of the loader and the check command) and
read back the problems the loader raises. Lines are CSV lines of the fixture: the header is line 1."""

import csv

import pytest
from paths import FIXTURE_CORPUS, FIXTURE_DIR

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.dataset.model import DatasetError


def read(folder, table):
    with open(folder / f"{table}.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def write(folder, table, header, rows):
    with open(folder / f"{table}.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows([header, *rows])


def line_of(table, record_id, key="id"):
    """CSV line of a fixture row (header is line 1; the fixture has no multi-line cells)."""
    header, rows = read(FIXTURE_DIR, table)
    return 2 + [r[header.index(key)] for r in rows].index(record_id)


def set_cell(folder, table, record_id, column, value, key="id"):
    header, rows = read(folder, table)
    for row in rows:
        if row[header.index(key)] == record_id:
            row[header.index(column)] = value
    write(folder, table, header, rows)


def drop_column(folder, table, column):
    header, rows = read(folder, table)
    i = header.index(column)
    write(folder, table, header[:i] + header[i + 1:], [r[:i] + r[i + 1:] for r in rows])


def drop_rows(folder, table, record_id, key="id"):
    header, rows = read(folder, table)
    write(folder, table, header, [r for r in rows if r[header.index(key)] != record_id])


def duplicate_row(folder, table, record_id):
    header, rows = read(folder, table)
    i = [r[0] for r in rows].index(record_id)
    write(folder, table, header, [*rows[:i + 1], rows[i], *rows[i + 1:]])


def swap_rows(folder, table, first, second):
    header, rows = read(folder, table)
    ids = [r[0] for r in rows]
    i, j = ids.index(first), ids.index(second)
    rows[i], rows[j] = rows[j], rows[i]
    write(folder, table, header, rows)


def swap_columns(folder, table, a, b):
    header, rows = read(folder, table)
    i, j = header.index(a), header.index(b)
    for row in [header, *rows]:
        row[i], row[j] = row[j], row[i]
    write(folder, table, header, rows)


def append_row(folder, table, values):
    header, rows = read(folder, table)
    write(folder, table, header, [*rows, [values.get(c, "") for c in header]])


def replace_bytes(folder, file, old, new):
    path = folder / file
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))


def problems_of(folder, corpus=FIXTURE_CORPUS):
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder, corpus)
    return caught.value.problems


def problem_rows(folder, corpus=FIXTURE_CORPUS) -> list[tuple]:
    """The problems as (file, line, record_id, column, message) tuples, for exact comparisons."""
    return [(p.file, p.line, p.record_id, p.column, p.message) for p in problems_of(folder, corpus)]


def bad_cell(name, table, record_id, column, value, fragment, key="id"):
    """A breakage-table row (id, breakage, expected (file, line, record_id, column), message fragment) for one
    edited cell whose problem is reported at that cell."""
    return (name, lambda d: set_cell(d, table, record_id, column, value, key=key),
            (f"{table}.csv", line_of(table, record_id, key), record_id, column), fragment)
