"""Links: the URL query parameters that reproduce filters, and what a link's values mean.

Pure: no streamlit. `ui/filters.py` reads the URL, calls these, and shows the problems.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from components.filter_labels import actor_options, category_options, source_options
from components.filter_values import Filters
from components.memo import per_dataset

if TYPE_CHECKING:  # pragma: no cover
    from components.dataset import Dataset


def filters_to_query(f: Filters, ds: Dataset) -> dict[str, list[str]]:
    """URL query parameters that reproduce `f` (the widgets store their labels in the URL)."""
    q: dict[str, list[str]] = {}
    for key, values, labels in (
        ("actor", f.actors, actor_options(ds)),
        ("category", f.categories, category_options(ds.schema)),
        ("source", f.sources, source_options(ds)),
    ):
        if values:
            q[key] = [labels[v] for v in values if v in labels]
    if f.start:
        q["from"] = [f.start.isoformat()]
    if f.end:
        q["to"] = [f.end.isoformat()]
    return q


def parse_url_date(text: str) -> dt.date | None:
    """The date formats Streamlit's date widget accepts in a URL."""
    for fmt in ("%Y-%m-%d", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


@per_dataset(maxsize=4)
def _known_labels(ds: Dataset) -> dict[str, frozenset[str]]:
    """The labels a URL may carry, per list parameter."""
    return {
        "actor": frozenset(actor_options(ds).values()),
        "category": frozenset(category_options(ds.schema).values()),
        "source": frozenset(source_options(ds).values()),
    }


def query_problems(raw: dict[str, list[str]], ds: Dataset, date_range: tuple[dt.date, dt.date]) -> list[str]:
    """Messages for URL parameters the filters cannot use (unknown keys are the caller's business)."""
    problems = []
    for key, labels in _known_labels(ds).items():
        bad = [v for v in raw.get(key, []) if v and v not in labels]
        if bad:
            problems.append(f"Ignored unknown {key} value(s): " + ", ".join(repr(v) for v in bad))
    dates = {}
    for key in ("from", "to"):
        values = [v for v in raw.get(key, []) if v]
        if not values:
            continue
        day = parse_url_date(values[0])
        if day is None:
            problems.append(f"Ignored '{key}={values[0]}': not a date (use YYYY-MM-DD)")
            continue
        if not date_range[0] <= day <= date_range[1]:
            problems.append(f"Ignored '{key}={values[0]}': outside the data ({date_range[0]} to {date_range[1]})")
            continue
        dates[key] = day
    if len(dates) == 2 and dates["from"] > dates["to"]:
        problems.append("'from' is after 'to': the dates were swapped")
    return problems
