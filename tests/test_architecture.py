"""The seams of docs/ARCHITECTURE.md, checked on the source tree itself (AST): one import path per name, no
module that only re-exports, no import of another module's private name, short pages, every page routed.

The layer rules (core < views | render | intake < briefing < ui < app_pages; no Streamlit in strait_watch) are
import contracts in `.importlinter`, run by `lint-imports` in the README's test command."""

import ast
import functools
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_PAGE_LINES = 150
FIRST_PARTY = ("strait_watch", "ui", "app_pages")


def python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in ((ROOT / folder).rglob("*.py") if (ROOT / folder).is_dir()
                                                     else [ROOT / folder]))


@functools.cache
def module_path(name: str) -> Path | None:
    """The file of a first-party module name, or None."""
    base = ROOT / name.replace(".", "/")
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@functools.cache
def defined_names(path: Path) -> frozenset[str]:
    """Names a module defines at top level (functions, classes, assignments): not the ones it imports."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return frozenset(names)


def first_party_imports(path: Path):
    """(line, module, name) of every `from <first-party module> import name` in a file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
                and node.module.split(".")[0] in FIRST_PARTY:
            for alias in node.names:
                yield node.lineno, node.module, alias.name


CODE = python_files("app.py", "strait_watch", "ui", "app_pages", "scripts", "bench", "tests")


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def test_every_name_is_imported_from_the_module_that_defines_it():
    """One import path per name: `from X import n` only where X defines n (or n is X's submodule)."""
    wrong = []
    for path in CODE:
        for line, module, name in first_party_imports(path):
            target = module_path(module)
            if target is None or module_path(f"{module}.{name}"):
                continue
            if name not in defined_names(target):
                wrong.append(f"{where(path, line)}: {name} is not defined in {module}")
    assert wrong == []


def test_no_private_name_crosses_a_module():
    """`from x import _y` or `x._y` on an imported module: the code it needs lives in the wrong home."""
    found = []
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module
                   and n.module.split(".")[0] in FIRST_PARTY for a in n.names if module_path(f"{n.module}.{a.name}")}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in FIRST_PARTY:
                found += [f"{where(path, node.lineno)}: {a.name}" for a in node.names if a.name.startswith("_")]
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules \
                    and node.attr.startswith("_") and not node.attr.startswith("__"):
                found.append(f"{where(path, node.lineno)}: {node.value.id}.{node.attr}")
    assert found == []


def test_no_module_only_re_exports():
    """A module with imports and nothing of its own (or an `__all__` naming what it imports) is a facade."""
    facades = []
    for path in python_files("strait_watch", "ui", "app_pages"):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        imported = {a.asname or a.name for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))
                    for a in n.names}
        own = defined_names(path) - {"__all__"}
        if "noqa: F401" in text or (imported and not own and path.name == "__init__.py"):
            facades.append(str(path.relative_to(ROOT)))
        if "__all__" in defined_names(path) and imported & set(re.findall(r'"(\w+)"', text)):
            facades.append(f"{path.relative_to(ROOT)} (__all__)")
    assert facades == []


def test_no_test_module_imports_another():
    """Tests share fixtures through conftest.py and helpers through plain modules (apps, decks, paths), never by
    importing a test module."""
    found = []
    for path in python_files("tests"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[-1].startswith("test_"):
                found.append(f"{where(path, node.lineno)}: {node.module}")
    assert found == []


@pytest.mark.parametrize("page", sorted((ROOT / "app_pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_stay_short(page):
    """A page reads top to bottom: widgets wired to a view's contract; the rules live in the view's module."""
    if page.name != "__init__.py":
        assert len(page.read_text(encoding="utf-8").splitlines()) < MAX_PAGE_LINES


def test_router_lists_every_page_and_only_existing_ones():
    listed = re.findall(r'st\.Page\(\s*"([^"]+)"', (ROOT / "app.py").read_text(encoding="utf-8"))
    assert listed and len(listed) == len(set(listed))
    on_disk = sorted(f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py") if p.name != "__init__.py")
    assert sorted(listed) == on_disk


def test_the_checks_catch_a_violation(tmp_path):
    """Each check above fails on a file that breaks it."""
    bad = tmp_path / "bad.py"
    bad.write_text("from strait_watch.core.filters import _lookups, Filters, describe_filters\n"
                   "from strait_watch.core.text import Filters as F\n", encoding="utf-8")
    assert [n for _, _, n in first_party_imports(bad)] == ["_lookups", "Filters", "describe_filters", "Filters"]
    defined = defined_names(module_path("strait_watch.core.filters"))
    assert "Filters" in defined and "_lookups" in defined
    assert "Filters" not in defined_names(module_path("strait_watch.core.text"))
