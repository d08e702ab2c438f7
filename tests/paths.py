"""Where things are, importable by test modules (conftest.py exposes the same as fixtures)."""

import csv
from pathlib import Path

from strait_watch.core.dataset.model import default_corpus_dir

REPO = Path(__file__).resolve().parents[1]
FIXTURE_DIR = REPO / "tests" / "fixtures" / "mini"
FIXTURE_CORPUS = REPO / "tests" / "fixtures" / "mini-corpus"
SHIPPED_DATA = REPO / "data"
# The real articles: STRAIT_WATCH_CORPUS or ../shared/seeds; absent on some machines.
REAL_CORPUS = default_corpus_dir()


def _data_rows(table: Path) -> int:
    """Records in one fixture CSV, read with the csv module (not with the loader the tests check)."""
    with table.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


# Rows per fixture table, e.g. FIXTURE_COUNTS["events"] == 13: tests use this, never a literal count.
FIXTURE_COUNTS = {table.stem: _data_rows(table) for table in sorted(FIXTURE_DIR.glob("*.csv"))}
