"""Path fixtures every kind of test shares (constants in tests/paths.py for module-level use);
browser-only fixtures live in tests/browser/conftest.py."""

import shutil
from pathlib import Path

import pytest

from paths import FIXTURE_CORPUS, FIXTURE_DIR, REAL_CORPUS, REPO, SHIPPED_DATA


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def fixture_dir() -> Path:
    return FIXTURE_DIR


@pytest.fixture(scope="session")
def fixture_corpus() -> Path:
    return FIXTURE_CORPUS


@pytest.fixture(scope="session")
def shipped_data() -> Path:
    return SHIPPED_DATA


@pytest.fixture(scope="session")
def real_corpus() -> Path:
    return REAL_CORPUS


@pytest.fixture
def fixture_copy(tmp_path) -> Path:
    """A private copy of the fixture package, free to break."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURE_DIR, target)
    return target
