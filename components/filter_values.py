"""The filter value object and the URL parameter names: what `components.filters` and its label and link modules share.

Pure: no streamlit. Semantics are those of docs/ARCHITECTURE.md ("Filters").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from components.style import VOCABULARIES, codebook_vocabulary

# URL query parameter names, in sidebar order.
PARAM_KEYS = ("actor", "match", "from", "to", "category", "source", "support")
# Parameters a page writes itself (not through a bound widget): the opened timeline event, the matrix cell.
PAGE_KEYS = ("event", "cell", "key_events")  # key_events: the Briefing's single-event slides (ui/brief.py)
# How several selected actors combine: a record involving any of them, or all of them.
MATCH_VALUES = ("any", "all")


@dataclass(frozen=True)
class Filters:
    actors: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    categories: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    match: str = "any"  # "all": a record must involve every selected actor
    support: str = ""  # sources per record: "single" (one article), "multi" (two or more), "" (any)

    @property
    def is_empty(self) -> bool:
        return replace(self, match="any") == Filters()  # the match of no actor is moot


def category_vocabularies(schema: dict) -> dict[str, list[str]]:
    """{'event': [...], 'agreement': [...], 'measure': [...]} from the codebook."""
    return {kind: list(codebook_vocabulary(schema, kind)) for kind in VOCABULARIES}

