"""What the Add-an-article tests share: an invented article about the fixture's actors, and temporary copies of
the fixture package and its corpus (nothing is ever written to data/ or tests/fixtures/)."""

import shutil
from pathlib import Path

from paths import FIXTURE_CORPUS, FIXTURE_DIR

ARTICLE = """THE PACIFIC LEDGER
Invented article for the Strait Watch tests.

On 3 October 2021 the Lantern Party and Taiwan's ruling party met again in Taipei for security talks.
In March 2021 the Lantern Party set up a study group on Taiwan, chaired by Hoshino Aki.
She urged joint coast guard drills that include search and rescue.
"""


def copy_fixture(tmp_path: Path) -> tuple[Path, Path]:
    """(data folder, corpus folder): copies of the fixture package and its corpus under tmp_path."""
    shutil.copytree(FIXTURE_DIR, tmp_path / "data")
    shutil.copytree(FIXTURE_CORPUS, tmp_path / "corpus")
    return tmp_path / "data", tmp_path / "corpus"
