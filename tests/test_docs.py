"""docs/ARCHITECTURE.md keeps one line per module (Datasette's test_docs.py idea): a module missing from its table
fails, and so does a line naming a module that does not exist."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "ARCHITECTURE.md"


def documented() -> set[str]:
    """The paths of the 'Modules' table's first column (a cell may name several, comma-separated)."""
    section = DOC.read_text(encoding="utf-8").split("## Modules", 1)[1].split("\n## ", 1)[0]
    cells = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    return {path for cell in cells for path in re.findall(r"`([^`]+)`", cell)}


def modules() -> set[str]:
    """Every module a reader may look for: the router, pages, package modules, ui helpers, scripts."""
    found = {"app.py"} | {p.relative_to(ROOT).as_posix() for folder in ("app_pages", "strait_watch", "ui", "scripts")
                          for p in (ROOT / folder).rglob("*.py") if p.name != "__init__.py"}
    return found


def test_every_module_has_its_line():
    assert sorted(modules() - documented()) == []


def test_every_line_names_something_that_exists():
    assert sorted(p for p in documented() if not (ROOT / p).exists()) == []


def test_the_check_reads_the_table(tmp_path):
    """The parser finds the paths of the table, and only those."""
    paths = documented()
    assert {"app.py", "strait_watch/core/filters.py", "static/vis-network/"} <= paths
    assert not any(p.startswith("http") or " " in p for p in paths)
