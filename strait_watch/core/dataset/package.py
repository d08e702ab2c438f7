"""datapackage.json itself: read it and keep only what the checks can use, reporting the rest as problems.

A descriptor that is not what the loader needs (not JSON, `{}`, a resource without `path` or with a path
outside the folder, a field pattern that is not a regular expression, a primary key that is not a column name)
is reported with its line in datapackage.json, never raised as a traceback.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from strait_watch.core.dataset.files import MISSING, inside, read_plain
from strait_watch.core.dataset.model import TABLES, Problem

FILE = "datapackage.json"
MAX_DESCRIPTOR_BYTES = 4 * 1024 * 1024  # the shipped one is 27 kB


def read_package(data_dir: Path) -> tuple[dict | None, list[Problem]]:
    """(descriptor with only usable resources and patterns, problems); None if it cannot be read at all."""
    text, problem = _read_text(data_dir)
    if text is None:
        return None, [problem]
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [Problem(FILE, exc.lineno, None, None,
                              f"not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}); fix it there"
                              " (a missing comma, quote or bracket is the usual cause)")]
    except (ValueError, RecursionError) as exc:
        return None, [Problem(FILE, None, None, None, f"not valid JSON: {exc}")]
    if not isinstance(schema, dict) or not isinstance(schema.get("resources"), list):
        return None, [Problem(FILE, None, None, "resources", "no 'resources' list: not a data package descriptor")]
    problems: list[Problem] = [] if problem is None else [problem]
    resources = []
    for i, resource in enumerate(schema["resources"], 1):
        usable = _usable_resource(resource, i, text, problems)
        if usable is None:
            continue
        if usable["name"] in {r["name"] for r in resources}:
            problems.append(Problem(FILE, _line(text, usable["name"]), None, None,
                                    f"resource name '{usable['name']}' is used twice; the second is not read"))
            continue
        resources.append(usable)
    names = {r["name"] for r in resources}
    problems += [Problem(FILE, None, None, None, f"no resource named '{n}'") for n in TABLES if n not in names]
    codebook = schema.get("codebook", {})
    if not (isinstance(codebook, dict) and all(isinstance(v, dict) and all(isinstance(t, str) for t in v.values())
                                               for v in codebook.values())):
        problems.append(Problem(FILE, _line(text, "codebook"), None, None,
                                "'codebook' must map each list's name to {value: description} texts"))
    return {**schema, "resources": resources}, problems


def _read_text(data_dir: Path) -> tuple[str | None, Problem | None]:
    """(the descriptor's text, a problem to report with it), or (None, why it cannot be read)."""
    raw = read_plain(data_dir, FILE, MAX_DESCRIPTOR_BYTES)
    if isinstance(raw, str):
        return None, Problem(FILE, None, None, None,
                             f"not found in {data_dir}: is it the data package folder?" if raw == MISSING else raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, Problem(FILE, raw[:exc.start].count(b"\n") + 1, None, None,
                             f"not UTF-8: byte 0x{raw[exc.start]:02x} at byte offset {exc.start} cannot be decoded;"
                             " save it as UTF-8")
    if text.startswith("\ufeff"):
        return text[1:], Problem(FILE, 1, None, None, "file starts with a byte-order mark; save as UTF-8 without BOM")
    return text, None


def _line(text: str, value) -> int | None:
    """First line of datapackage.json holding this JSON value (for locating a problem)."""
    needle = json.dumps(value, ensure_ascii=False)
    for number, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return number
    return None


def _usable_resource(resource, index: int, text: str, problems: list[Problem]) -> dict | None:
    if not isinstance(resource, dict):
        problems.append(Problem(FILE, None, None, None, f"resource {index} is not an object"))
        return None
    name = resource.get("name")
    label = f"resource '{name}'" if isinstance(name, str) and name else f"resource {index}"
    line = _line(text, name) if isinstance(name, str) else None
    path = resource.get("path")
    missing = [key for key, ok in (("name", isinstance(name, str) and name), ("path", isinstance(path, str) and path))
               if not ok]
    fields = (resource.get("schema") or {}).get("fields") if isinstance(resource.get("schema"), dict) else None
    if not isinstance(fields, list) or not all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields):
        missing.append("schema.fields (a list of fields, each with a name)")
    if missing:
        problems.append(Problem(FILE, line, None, None, f"{label} has no {', no '.join(missing)}"))
        return None
    if not inside(path):
        problems.append(Problem(FILE, _line(text, path), None, None,
                                f"{label} has path '{path}', outside the data folder: a resource is a file inside"
                                f" it (for example '{name}.csv')"))
        return None
    schema = {**resource["schema"], "fields": [_usable_field(f, label, text, problems) for f in fields]}
    for key in ("primaryKey", "foreignKeys"):
        if key in schema:
            value = _usable_keys(key, schema[key])
            if value is None:
                problems.append(Problem(FILE, _line(text, key), None, None,
                                        f"{label}: '{key}' is not what Table Schema allows; it is not checked"))
                del schema[key]
            else:
                schema[key] = value
    return {**resource, "schema": schema}


def _names(value) -> list[str] | None:
    """A Table Schema field list: one name or a list of names."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return value
    return None


def _usable_keys(key: str, value):
    if key == "primaryKey":
        return _names(value)
    if not isinstance(value, list):
        return None
    out = []
    for fk in value:
        reference = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(reference, dict) or not isinstance(reference.get("resource", ""), str):
            return None
        fields, targets = _names(fk.get("fields")), _names(reference.get("fields"))
        if fields is None or targets is None or len(fields) != len(targets):
            return None
        out.append({**fk, "fields": fields, "reference": {**reference, "resource": reference.get("resource", ""),
                                                          "fields": targets}})
    return out


def _usable_field(field: dict, label: str, text: str, problems: list[Problem]) -> dict:
    constraints = field.get("constraints", {})
    if not isinstance(field.get("type", "string"), str) or not isinstance(constraints, dict):
        problems.append(Problem(FILE, _line(text, field["name"]), None, field["name"],
                                f"{label}, field '{field['name']}': 'type' must be a name and 'constraints' an"
                                " object; the field is checked as plain text"))
        return {"name": field["name"], "type": "string"}
    pattern = constraints.get("pattern")
    if pattern is None:
        return field
    try:
        re.compile(pattern)
        return field
    except (re.error, TypeError, ValueError, RecursionError) as exc:
        problems.append(Problem(FILE, _line(text, pattern), None, field["name"],
                                f"{label}, field '{field['name']}': pattern {pattern!r} is not a valid regular"
                                f" expression ({exc}); the pattern is not checked"))
        return {**field, "constraints": {k: v for k, v in constraints.items() if k != "pattern"}}
