"""Links: the URL query parameters that reproduce filters, and what a link's values mean.

Pure: no streamlit. `ui/filters.py` reads the URL, calls `read_query`, seeds the widgets and shows the problems.

A link carries stable ids (`?actor=japan&source=src-002&category=statement&match=all&from=2021-01-01`).
So that no link sent before stops working, a value may also be a canonical name or title (any case) or the
widget label that links carried until ids (`Japan (Tokyo)`, `Event: Statement`); a label whose aliases have
changed since still resolves by the name before its parentheses.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from strait_watch.core.dates import parse_url_date
from strait_watch.core.filters import (
    MATCH_VALUES,
    PAGE_KEYS,
    PARAM_KEYS,
    Filters,
    actor_options,
    category_options,
    source_options,
)
from strait_watch.core.memo import per_dataset
from strait_watch.core.style import escape_markdown
from strait_watch.core.support import SUPPORT_VALUES

if TYPE_CHECKING:  # pragma: no cover
    from strait_watch.core.dataset.model import Dataset

LIST_KEYS = ("actor", "category", "source")
SHOWN_CHARS = 60  # a value longer than this is shortened in a notice
_LABEL = re.compile(r"^(?P<head>.*?)\s*\((?P<inner>[^()]*)\)$")


def filters_to_query(f: Filters, ds: Dataset | None = None) -> dict[str, list[str]]:
    """URL query parameters that reproduce `f`: ids, ISO dates, `match` only when it is 'all'."""
    q: dict[str, list[str]] = {}
    if f.actors:
        q["actor"] = list(f.actors)
        if f.match == "all" and len(f.actors) > 1:
            q["match"] = ["all"]
    if f.start:
        q["from"] = [f.start.isoformat()]
    if f.end:
        q["to"] = [f.end.isoformat()]
    if f.categories:
        q["category"] = list(f.categories)
    if f.sources:
        q["source"] = list(f.sources)
    if f.support in SUPPORT_VALUES:
        q["support"] = [f.support]
    return q


def shown(value: str) -> str:
    """A URL value as safe Markdown text for a notice: one line, at most SHOWN_CHARS characters, escaped."""
    text = " ".join(str(value).split())
    if len(text) > SHOWN_CHARS:
        text = text[: SHOWN_CHARS - 1] + "…"
    return escape_markdown(text)




def _index(forms: dict[str, list[str]]) -> dict[str, str]:
    """{casefolded form: id} from {id: [forms]}; a form naming two ids is ambiguous and left out."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    for key, values in forms.items():
        for form in values:
            k = str(form).strip().casefold()
            if not k:
                continue
            if out.get(k, key) != key:
                clash.add(k)
            out.setdefault(k, key)
    return {k: v for k, v in out.items() if k not in clash}


@per_dataset(maxsize=4)
def value_index(ds: Dataset) -> dict[str, dict[str, str]]:
    """Per list parameter, every form a link may carry (id, name or title, label; any case) -> id."""
    actors, categories, sources = actor_options(ds), category_options(ds.schema), source_options(ds)
    names = dict(zip(ds.actors["id"], ds.actors["name"], strict=True))
    titles = dict(zip(ds.sources["id"], ds.sources["title"], strict=True))
    return {
        "actor": _index({a: [a, names.get(a, ""), label] for a, label in actors.items()}),
        "category": _index({c: [c, label] for c, label in categories.items()}),
        "source": _index({s: [s, titles.get(s, ""), label] for s, label in sources.items()}),
    }


def resolve(key: str, value: str, ds: Dataset) -> str | None:
    """The id a link's value names, or None. Tries the whole value, then a label's name and parenthesis."""
    index = value_index(ds)[key]
    text = value.strip().casefold()
    if text in index:
        return index[text]
    label = _LABEL.match(text)
    if label:
        for part in (label["head"], label["inner"]):
            if part.strip() in index:
                return index[part.strip()]
    return None


@dataclass
class LinkFilters:
    """What a link asks of the filters: ids per list key, match, dates, and the problems found."""

    values: dict[str, list[str]] = field(default_factory=dict)
    match: str | None = None
    support: str | None = None
    dates: dict[str, dt.date] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _read_lists(raw: dict[str, list[str]], ds: Dataset, out: LinkFilters) -> None:
    for key in LIST_KEYS:
        found, bad = [], []
        for value in raw.get(key, []):
            if not value:
                continue
            rid = resolve(key, value, ds)
            (found if rid else bad).append(rid or value)
        if bad:
            out.problems.append(f"Ignored unknown {key} value(s): " + ", ".join(f"'{shown(v)}'" for v in bad))
        if found or raw.get(key):
            out.values[key] = list(dict.fromkeys(found))


def _read_match(raw: dict[str, list[str]], out: LinkFilters) -> None:
    values = [v for v in raw.get("match", []) if v]
    if not values:
        return
    if len(set(v.casefold() for v in values)) > 1:
        out.problems.append("Several 'match' values: used the first, '" + shown(values[0]) + "'")
    first = values[0].strip().casefold()
    if first in MATCH_VALUES:
        out.match = first
    else:
        out.problems.append(f"Ignored 'match={shown(values[0])}': use 'any' or 'all'")


def _read_support(raw: dict[str, list[str]], out: LinkFilters) -> None:
    values = [v.strip().casefold() for v in raw.get("support", []) if v]
    if values and values[0] in SUPPORT_VALUES:
        out.support = values[0]
    elif values:
        out.problems.append(f"Ignored 'support={shown(values[0])}': use 'single' or 'multi'")


def _read_dates(raw: dict[str, list[str]], date_range: tuple[dt.date, dt.date], out: LinkFilters) -> None:
    for key in ("from", "to"):
        values = [v for v in raw.get(key, []) if v]
        if not values:
            continue
        if len(set(values)) > 1:  # Streamlit's date widget takes the last one
            out.problems.append(f"Several '{key}' values: used the last, '{shown(values[-1])}'")
        day = parse_url_date(values[-1])
        if day is None:
            out.problems.append(f"Ignored '{key}={shown(values[-1])}': not a date (use YYYY-MM-DD)")
            continue
        if not date_range[0] <= day <= date_range[1]:
            out.problems.append(f"Ignored '{key}={shown(values[-1])}': outside the data ({date_range[0]} to {date_range[1]})")
            continue
        out.dates[key] = day
    if len(out.dates) == 2 and out.dates["from"] > out.dates["to"]:
        out.problems.append("'from' is after 'to': the dates were swapped")


def read_query(raw: dict[str, list[str]], ds: Dataset, date_range: tuple[dt.date, dt.date]) -> LinkFilters:
    """Ids, match and dates a link's filter parameters name, with a message per value that cannot be used."""
    out = LinkFilters()
    _read_lists(raw, ds, out)
    _read_match(raw, out)
    _read_support(raw, out)
    _read_dates(raw, date_range, out)
    return out


@per_dataset(maxsize=4)
def page_record_ids(ds: Dataset) -> dict[str, frozenset[str]]:
    """Per page parameter, the ids it may name: `event` (and each `key_events`) any event, `cell` an agreement the
    matrix draws."""
    from strait_watch.views.matrix import matrix_mask

    agreements = ds.agreements
    events = frozenset(ds.events["id"])
    return {"event": events, "key_events": events,
            "cell": frozenset(agreements.loc[matrix_mask(agreements), "id"]) if len(agreements) else frozenset()}


_PAGE_KEY_WORDS = {"event": "no event has this id", "key_events": "no event has this id",
                   "cell": "no cell of the agreement matrix has this id"}
LIST_PAGE_KEYS = ("key_events",)  # repeated on purpose (one slide each); the others take one value


def page_key_problems(raw: dict[str, list[str]], ds: Dataset) -> list[str]:
    """Messages for the pages' own link values (`event`, `cell`) that name no record of their kind, or several."""
    known, out = page_record_ids(ds), []
    for key in PAGE_KEYS:
        values = [v for v in raw.get(key, []) if v]
        if len(set(values)) > 1 and key not in LIST_PAGE_KEYS:  # the pages read the last one, as widgets do
            out.append(f"Several '{key}' values: used the last, '{shown(values[-1])}'")
        bad = [v for v in dict.fromkeys(values) if v not in known[key]]
        if bad:
            out.append("Ignored " + ", ".join(f"'{key}={shown(v)}'" for v in bad) + f": {_PAGE_KEY_WORDS[key]}")
    return out


def query_problems(raw: dict[str, list[str]], ds: Dataset, date_range: tuple[dt.date, dt.date]) -> list[str]:
    """Messages for filter parameters the filters cannot use (unknown keys are the caller's business)."""
    return read_query(raw, ds, date_range).problems


__all__ = [
    "LIST_KEYS",
    "LIST_PAGE_KEYS",
    "PAGE_KEYS",
    "PARAM_KEYS",
    "LinkFilters",
    "filters_to_query",
    "page_key_problems",
    "page_record_ids",
    "query_problems",
    "read_query",
    "resolve",
    "shown",
    "value_index",
]
