"""The URL scheme: the filters' parameters (read and written through the FILTERS registry) and the pages' own.

A link carries stable ids (`?actor=japan&source=src-002&category=statement&match=all&from=2021-01-01`). So that
no link sent before stops working, a list value may also be a canonical name or title (any case) or the widget
label links carried until ids (`Japan (Tokyo)`, `Event: Statement`): each entry's `read_query` says how.
Pure: no streamlit. `ui/filters.py` reads the URL, calls `read_query`, seeds the widgets and shows the problems.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from strait_watch.core.filters import FILTERS, Filters, IdListFilter
from strait_watch.core.text import shown

if TYPE_CHECKING:  # pragma: no cover
    from strait_watch.core.dataset.model import Dataset

# Parameters a page writes itself (not through a bound widget): the opened timeline event, the matrix cell, the
# Briefing's single-event slides, the proposal opened on What came back. `key_events` is repeated on purpose (one
# slide each); the others take one value.
PAGE_KEYS = ("event", "cell", "key_events", "opened")
LIST_PAGE_KEYS = ("key_events",)
_PAGE_KEY_WORDS = {"event": "no event has this id", "key_events": "no event, agreement or measure has this id",
                   "cell": "no cell of the agreement matrix has this id", "opened": "no proposal has this id"}


@dataclass
class LinkFilters:
    """What a link asks of the filters: the widgets' values by URL key, the valid dates, and the problems found."""

    values: dict[str, object] = field(default_factory=dict)  # unbound widgets: ids, match, support
    dates: dict[str, dt.date] = field(default_factory=dict)  # bound widgets (Streamlit sets them): what was valid
    problems: list[str] = field(default_factory=list)

    @property
    def match(self) -> str | None:
        return self.values.get("match")

    @property
    def support(self) -> str | None:
        return self.values.get("support")


def read_query(raw: Mapping[str, list[str]], ds: Dataset, date_range=None) -> LinkFilters:
    """The widget values a link's filter parameters name, with a message per value that cannot be used.
    (`date_range` is accepted for old callers; the dates entry reads the data's range itself.)"""
    out = LinkFilters()
    for entry in FILTERS:
        values, problems = entry.read_query(raw, ds)
        bound = {w.key for w in entry.widgets if w.bound}
        out.values.update({k: v for k, v in values.items() if k not in bound})
        out.dates.update({k: v for k, v in values.items() if k in bound})
        out.problems += problems
    return out


def query_problems(raw: Mapping[str, list[str]], ds: Dataset, date_range=None) -> list[str]:
    """Messages for filter parameters the filters cannot use (unknown keys are the caller's business)."""
    return read_query(raw, ds).problems


def filters_to_query(f: Filters, ds: Dataset | None = None) -> dict[str, list[str]]:
    """URL query parameters that reproduce `f` (ids, ISO dates), in sidebar order; defaults left out."""
    q: dict[str, list[str]] = {}
    for entry in FILTERS:
        q.update(entry.to_query(f))
    return q


def resolve(key: str, value: str, ds: Dataset) -> str | None:
    """The id a link's list value (`actor`, `category`, `source`) names, or None."""
    entry = next(e for e in FILTERS if isinstance(e, IdListFilter) and e.key == key)
    return entry.resolve(value, ds)


def page_key_problems(raw: Mapping[str, list[str]], known: Mapping[str, frozenset[str]]) -> list[str]:
    """Messages for the pages' own link values (`event`, `cell`, `key_events`, `opened`) that name no record of their kind
    (`known`: the ids each may name), or several where one is read."""
    out = []
    for key in PAGE_KEYS:
        values = [v for v in raw.get(key, []) if v]
        if len(set(values)) > 1 and key not in LIST_PAGE_KEYS:  # the pages read the last one, as widgets do
            out.append(f"Several '{key}' values: used the last, '{shown(values[-1])}'")
        bad = [v for v in dict.fromkeys(values) if v not in known[key]]
        if bad:
            out.append("Ignored " + ", ".join(f"'{key}={shown(v)}'" for v in bad) + f": {_PAGE_KEY_WORDS[key]}")
    return out
