"""Fixtures every kind of test shares: paths (constants in tests/paths.py for module-level use) and the
environment guard; browser-only fixtures live in tests/browser/conftest.py."""

import os
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


@pytest.fixture(autouse=True)
def _restore_env():
    """AppTest reads the data folders from the environment: tests that set them must not leak into the next test."""
    saved = {k: os.environ.get(k) for k in ("STRAIT_WATCH_DATA", "STRAIT_WATCH_CORPUS")}
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
