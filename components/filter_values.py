"""The filter value object and the URL parameter names: what `components.filters` and its label and link modules share.

Pure: no streamlit. Semantics are those of docs/ARCHITECTURE.md ("Filters").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from components.style import VOCABULARIES, codebook_vocabulary

# URL query parameter names, in sidebar order.
PARAM_KEYS = ("actor", "from", "to", "category", "source")


@dataclass(frozen=True)
class Filters:
    actors: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    categories: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return self == Filters()



def category_vocabularies(schema: dict) -> dict[str, list[str]]:
    """{'event': [...], 'agreement': [...], 'measure': [...]} from the codebook."""
    return {kind: list(codebook_vocabulary(schema, kind)) for kind in VOCABULARIES}

