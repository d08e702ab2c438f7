"""Fixtures every kind of test shares: the fixture paths (tests/paths.py holds them as constants, with
FIXTURE_COUNTS, for module-level use), the two datasets loaded once per session (the loader's frames are immutable, see
test_dataset_immutable.py) and the environment guard; browser-only fixtures live in tests/browser/conftest.py."""

import os
import shutil
from pathlib import Path

import pytest
from paths import FIXTURE_CORPUS, FIXTURE_DIR, REAL_CORPUS, SHIPPED_DATA

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.dataset.model import Dataset


@pytest.fixture(scope="session")
def fixture_dir() -> Path:
    return FIXTURE_DIR


@pytest.fixture(scope="session")
def fixture_corpus() -> Path:
    return FIXTURE_CORPUS


@pytest.fixture(scope="session")
def mini() -> Dataset:
    """The fixture package, quotes checked against its own corpus."""
    return load_dataset(FIXTURE_DIR, FIXTURE_CORPUS)


@pytest.fixture(scope="session")
def ds(mini) -> Dataset:
    """The same fixture dataset under the short name the component tests use."""
    return mini


@pytest.fixture(scope="session")
def shipped() -> Dataset:
    """The shipped data, quotes checked against the real articles (present here and in CI)."""
    assert REAL_CORPUS.is_dir(), f"real corpus not found at {REAL_CORPUS} (set STRAIT_WATCH_CORPUS)"
    return load_dataset(SHIPPED_DATA, REAL_CORPUS)


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
