"""Where things are, importable by test modules (conftest.py exposes the same as fixtures)."""

from pathlib import Path

from components.dataset import default_corpus_dir

REPO = Path(__file__).resolve().parents[1]
FIXTURE_DIR = REPO / "tests" / "fixtures" / "mini"
FIXTURE_CORPUS = REPO / "tests" / "fixtures" / "mini-corpus"
SHIPPED_DATA = REPO / "data"
# The real articles: STRAIT_WATCH_CORPUS or ../shared/seeds; absent on some machines.
REAL_CORPUS = default_corpus_dir()
