"""The layout contract of docs/ARCHITECTURE.md, checked on the source tree itself.

Each rule is read from the files (AST, line counts), so a new page, module or import is covered at once.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_PAGE_LINES = 150
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _python_files(*folders: str) -> list[Path]:
    """Every .py file under the folders; "app.py" names the router itself."""
    return sorted(p for folder in folders for p in ((ROOT / folder).rglob("*.py") if (ROOT / folder).is_dir()
                                                     else [ROOT / folder]))


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _router_pages() -> list[str]:
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    return re.findall(r'st\.Page\(\s*"([^"]+)"', source)


@pytest.mark.parametrize("path", _python_files("components"), ids=lambda p: str(p.relative_to(ROOT)))
def test_components_do_not_import_streamlit(path):
    assert "streamlit" not in _imported_modules(path)


@pytest.mark.parametrize("path", _python_files("components", "ui"), ids=lambda p: str(p.relative_to(ROOT)))
def test_lower_layers_do_not_import_pages(path):
    assert not {"views", "app"} & _imported_modules(path)


@pytest.mark.parametrize("path", _python_files("components"), ids=lambda p: str(p.relative_to(ROOT)))
def test_components_do_not_import_ui(path):
    assert "ui" not in _imported_modules(path)


@pytest.mark.parametrize("page", sorted((ROOT / "app_pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_stay_short(page):
    assert len(page.read_text(encoding="utf-8").splitlines()) < MAX_PAGE_LINES


def test_router_lists_every_page_and_only_existing_ones():
    listed = _router_pages()
    assert listed, "app.py lists no st.Page"
    assert len(listed) == len(set(listed))
    on_disk = sorted(f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py") if p.name != "__init__.py")
    assert sorted(listed) == on_disk


@pytest.mark.parametrize(
    "path", _python_files("app.py", "components", "ui", "views", "scripts", "bench", "tests"),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_modules_stay_small(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


def _long_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]


@pytest.mark.parametrize(
    "path", _python_files("app.py", "components", "ui", "views", "scripts", "bench", "tests"),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_functions_stay_small(path):
    assert _long_functions(path) == []


def test_the_architecture_rules_catch_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import streamlit as st\n\ndef f():\n" + "    x = 1\n" * 70, encoding="utf-8")
    assert "streamlit" in _imported_modules(bad)
    assert _long_functions(bad) == ["f (71 lines)"]
    assert ROOT / "app.py" in _python_files("app.py") and ROOT / "views" / "overview.py" in _python_files("views")
