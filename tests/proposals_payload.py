"""A copy of the mini fixture whose data tries to run code: for the network's escaping tests."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "mini"

# Each payload would set window.__pwned or open a dialog if the page ever treated it as HTML.
ACTOR_NAME = 'Hoshino <img src=x onerror=alert(1)> <script>window.__pwned=1</script> href Aki'
ROLE = 'Minister <a href="javascript:alert(4)">href</a> <img src=x onerror="window.__pwned=4">'
QUOTE = ('Minister Hoshino said <img src=x onerror="window.__pwned=2"> a hotline </script><script>'
         'window.__pwned=3</script> is overdue, see <a href="x">href</a>.')
PAYLOADS = ("<img src=x onerror=alert(1)>", "<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=2">',
            "</script><script>window.__pwned=3</script>", '<a href="javascript:alert(4)">')
ACTOR_ID, PROPOSAL_ID = "hoshino-aki", "pr-900-hoshino-hotline"


def _rewrite(path: Path, change) -> None:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    fields = list(rows[0])
    for row in rows:
        change(row)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def make_payload_fixture(dst: Path) -> Path:
    """Copy the fixture to `dst` with payloads in an actor's name and role and in a proposal's quote.

    The quote no longer matches the corpus: load it without the corpus (quote checks skipped).
    """
    shutil.copytree(FIXTURE, dst)

    def actor(row):
        if row["id"] == ACTOR_ID:
            row["name"], row["role"] = ACTOR_NAME, ROLE

    def quote(row):
        if row["record_id"] == PROPOSAL_ID:
            row["quote"] = QUOTE

    _rewrite(dst / "actors.csv", actor)
    _rewrite(dst / "evidence.csv", quote)
    return dst
