"""datapackage.json itself: read it and keep only what the checks can use, reporting the rest as problems.

A descriptor that is not what the loader needs (`{}`, a resource without `path`, a field pattern that is not
a regular expression) is reported with its line in datapackage.json, never raised as a traceback.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from strait_watch.core.dataset.model import TABLES, Problem

FILE = "datapackage.json"


def read_package(data_dir: Path) -> tuple[dict | None, list[Problem]]:
    """(descriptor with only usable resources and patterns, problems); None if it cannot be read at all."""
    try:
        text = (data_dir / FILE).read_text(encoding="utf-8")
        schema = json.loads(text)
    except (OSError, ValueError) as exc:
        return None, [Problem(FILE, getattr(exc, "lineno", None), None, None, f"cannot read: {exc}")]
    if not isinstance(schema, dict) or not isinstance(schema.get("resources"), list):
        return None, [Problem(FILE, None, None, "resources", "no 'resources' list: not a data package descriptor")]
    problems: list[Problem] = []
    resources = []
    for i, resource in enumerate(schema["resources"], 1):
        usable = _usable_resource(resource, i, text, problems)
        if usable is not None:
            resources.append(usable)
    names = {r["name"] for r in resources}
    problems += [Problem(FILE, None, None, None, f"no resource named '{n}'") for n in TABLES if n not in names]
    return {**schema, "resources": resources}, problems


def _line(text: str, value) -> int | None:
    """First line of datapackage.json holding this JSON value (for locating a problem)."""
    needle = json.dumps(value, ensure_ascii=False)
    for number, line in enumerate(text.splitlines(), 1):
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
    missing = [key for key, ok in (("name", isinstance(name, str) and name),
                                   ("path", isinstance(resource.get("path"), str) and resource.get("path")))
               if not ok]
    fields = (resource.get("schema") or {}).get("fields") if isinstance(resource.get("schema"), dict) else None
    if not isinstance(fields, list) or not all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields):
        missing.append("schema.fields (a list of fields, each with a name)")
    if missing:
        problems.append(Problem(FILE, line, None, None, f"{label} has no {', no '.join(missing)}"))
        return None
    clean = [_usable_field(f, label, text, problems) for f in fields]
    return {**resource, "schema": {**resource["schema"], "fields": clean}}


def _usable_field(field: dict, label: str, text: str, problems: list[Problem]) -> dict:
    constraints = field.get("constraints") or {}
    pattern = constraints.get("pattern")
    if pattern is None:
        return field
    try:
        re.compile(pattern)
        return field
    except (re.error, TypeError) as exc:
        problems.append(Problem(FILE, _line(text, pattern), None, field["name"],
                                f"{label}, field '{field['name']}': pattern {pattern!r} is not a valid regular"
                                f" expression ({exc}); the pattern is not checked"))
        return {**field, "constraints": {k: v for k, v in constraints.items() if k != "pattern"}}
