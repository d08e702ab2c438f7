"""Layer 2: frictionless on the files as they are, its errors translated into located Problems."""

from __future__ import annotations

import re
from pathlib import Path

from strait_watch.core.dataset.model import Problem
from strait_watch.core.dataset.reading import Table

DATE_PATTERN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_CONSTRAINT_RE = re.compile(r'constraint "(\w+)" is "(.*)"', re.S)
_SAME_ROW_RE = re.compile(r"row at position (\d+)")
_READING_REPORTS = {"missing-label", "incorrect-label", "extra-label", "duplicate-label", "blank-label",
                    "blank-row", "extra-cell", "missing-cell"}



def _frictionless_descriptor(schema: dict, tables: dict[str, Table]) -> dict:
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




def frictionless_problems(data_dir: Path, schema: dict, tables: dict[str, Table]) -> list[Problem]:
    from frictionless import Package  # slow import; only needed when validating

    try:
        descriptor = _frictionless_descriptor(schema, tables)
        if not descriptor["resources"]:
            return []
        report = Package(descriptor, basepath=str(data_dir)).validate()
    except Exception as exc:
        return [Problem("datapackage.json", None, None, None,
                        f"frictionless could not validate the package: {type(exc).__name__}: {exc}")]
    problems = [Problem("datapackage.json", None, None, None, error.message) for error in report.errors]
    by_name = {r["name"]: r["schema"] for r in descriptor["resources"]}
    for task in report.tasks:
        table, table_schema = tables[task.name], by_name[task.name]
        fields = {f["name"]: f for f in table_schema["fields"]}
        for error in task.errors:
            problem = _translate(error, table, fields, table_schema.get("primaryKey", []))
            if problem is not None:
                problems.append(problem)
    return problems


def _line_of(table: Table, row_number: int | None) -> int | None:
    # frictionless numbers csv records from 1 with the header as row 1.
    if row_number is None or row_number < 1 or row_number > len(table.record_lines):
        return row_number
    return table.record_lines[row_number - 1]


def _translate(error, table: Table, fields: dict[str, dict], primary_key: list[str]) -> Problem | None:
    kind = error.type
    row_number = getattr(error, "row_number", None)
    line = _line_of(table, row_number)
    cells = getattr(error, "cells", None) or []
    row = dict(zip(table.header, cells, strict=False))
    record_id = row.get(table.key) or None
    column = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)

    if kind == "type-error":
        message = f"'{cell}' is not a valid {fields.get(column, {}).get('type', 'value')}"
    elif kind == "constraint-error":
        message = _constraint_message(error.note, cell, fields.get(column, {}))
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
    elif kind in _READING_REPORTS:
        return None  # the header and the shape of rows are reported by `reading`, with clearer wording
    else:
        message = f"{error.title}: {error.note}" if error.note else error.message
    return Problem(table.file, line, record_id, column, message)


def _constraint_message(note: str, cell, field: dict) -> str:
    match = _CONSTRAINT_RE.search(note)
    name, value = (match.group(1), match.group(2)) if match else ("", "")
    if name == "required":
        return "value is required"
    if name == "enum":
        return f"'{cell}' is not an allowed value (allowed: {', '.join(map(str, field.get('constraints', {}).get('enum', [])))})"
    if name == "pattern" and value == DATE_PATTERN:
        return f"bad date '{cell}': expected YYYY, YYYY-MM or YYYY-MM-DD"
    if name == "pattern":
        return f"'{cell}' does not match the pattern {value}"
    if name in ("minimum", "maximum"):
        return f"'{cell}' is {'below the minimum' if name == 'minimum' else 'above the maximum'} {value}"
    return f"'{cell}' breaks constraint {name} {value}"
