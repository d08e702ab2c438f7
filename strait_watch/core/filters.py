"""The global filters: the `Filters` value, the FILTERS registry, and what each table keeps.

A filter is one registry entry (Datasette's `filters.py` is the model): an object that carries its fields in
`Filters`, its sidebar widgets (as plain specs: `ui/filters.py` draws them), its URL form (read and write), the
words that describe it, its file-name slug, the word an empty page asks to loosen, and its mask of each table.
Every face reads the registry: the sidebar, the link reader and writer (`core.links`), the CSV and PNG names
(`core.export`), the empty-result message, the deck and pack footers and Present's caption. Adding a filter is
adding one entry to FILTERS.

Semantics (docs/ARCHITECTURE.md, "Filters"): each table applies what pertains to it; dates by the one range
rule of `core.dates`. Pure: no streamlit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import FrozenInstanceError, dataclass, field
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import pandas as pd

from strait_watch.core import dates
from strait_watch.core.memo import per_dataset
from strait_watch.core.style import VOCABULARIES, codebook_vocabulary, humanize
from strait_watch.core.support import SUPPORT_VALUES, support_mask
from strait_watch.core.text import escape_markdown, shown, slug

if TYPE_CHECKING:  # pragma: no cover
    from strait_watch.core.dataset.model import Dataset

TABLES = ("events", "agreements", "proposals", "statistics")
MATCH_VALUES = ("any", "all")  # how several selected actors combine: any of them, or all of them
_MAX_IDS = 3  # more values of one filter than this are counted in a file name, not listed


# ---------------------------------------------------------------- the value


class Filters:
    """The filters in force: one value per field the registry's entries declare (`Filters(actors=("japan",))`).

    Frozen and hashable (a cache key). Two values are equal when their non-default fields are; a field an entry
    declares reads as its default on a value made before that entry was registered.
    """

    __slots__ = ("_values",)

    def __init__(self, **values):
        fields = filter_fields()
        unknown = sorted(set(values) - set(fields))
        if unknown:
            raise TypeError(f"Filters has no field {', '.join(unknown)}")
        kept = {k: v for k, v in values.items() if v != fields[k]}
        object.__setattr__(self, "_values", tuple(sorted(kept.items())))

    def __getattr__(self, name: str):
        for key, value in object.__getattribute__(self, "_values"):
            if key == name:
                return value
        fields = filter_fields()
        if name in fields:
            return fields[name]
        raise AttributeError(name)

    def __setattr__(self, name, value):
        raise FrozenInstanceError(f"cannot assign to field '{name}'")

    def __eq__(self, other) -> bool:
        return isinstance(other, Filters) and self._values == other._values

    def __hash__(self) -> int:
        return hash(self._values)

    def __repr__(self) -> str:
        return "Filters(" + ", ".join(f"{k}={v!r}" for k, v in self._values) + ")"

    def replace(self, **changes) -> Filters:
        """A copy with these fields changed."""
        return Filters(**{**dict(self._values), **changes})

    @property
    def is_empty(self) -> bool:
        return not any(entry.is_set(self) for entry in FILTERS)


# ---------------------------------------------------------------- the registry


@dataclass(frozen=True)
class Widget:
    """A sidebar widget, as data (`ui/filters.py` draws it): its session key is also its URL parameter."""

    key: str
    kind: str  # "multiselect", "radio", "date" or "text"
    label: str
    default: object = None
    help: str = ""
    placeholder: str = ""
    options: Callable[[Dataset], Mapping[str, str]] | None = None  # value -> label, per dataset
    bound: bool = False  # Streamlit binds it to the URL itself (bind="query-params"); else ui/filters writes ids
    needs_several: str = ""  # disabled unless the widget with this key holds two or more values


class Filter:
    """One filter: its fields in `Filters`, its widgets, its link, its words, its slug, its masks.

    Subclasses set the class attributes and override what differs; the defaults suit a list of ids.
    """

    name: str = ""
    fields: ClassVar[Mapping[str, object]] = {}
    widgets: tuple[Widget, ...] = ()
    loosen: str = ""  # the word in "Loosen the … in the sidebar"

    def is_set(self, f: Filters) -> bool:
        return any(getattr(f, k) != v for k, v in self.fields.items())

    # the link: widget values from a URL (with problems), and the URL from the filters
    def read_query(self, raw: Mapping[str, list[str]], ds: Dataset) -> tuple[dict, list[str]]:
        return {}, []

    def to_query(self, f: Filters) -> dict[str, list[str]]:
        return {}

    # the session: field values from the widgets' values
    def from_widgets(self, state: Mapping) -> dict:
        return {}

    # words
    subject: ClassVar[bool] = False  # in the footer's words, a subject (topic, category) comes first

    def describe(self, f: Filters, ds: Dataset) -> str:
        return ""

    def footer_words(self, f: Filters, ds: Dataset) -> str:
        """The filter in the words of a slide's footer, without the field's name ('Japan, Taiwan', '2021')."""
        return self.describe(f, ds)

    def slug(self, f: Filters) -> str:
        return ""

    # the rows of `table` this filter keeps (None: it does not narrow that table)
    def mask(self, ds: Dataset, f: Filters, table: str, lk: Lookups, maybe: bool) -> np.ndarray | None:
        return None


_LABEL = re.compile(r"^(?P<head>.*?)\s*\((?P<inner>[^()]*)\)$")


def _ids_slug(key: str, values) -> str:
    ids = sorted(slug(v) for v in values)
    return f"{key}-" + ("+".join(ids) if len(ids) <= _MAX_IDS else f"{len(ids)}-selected")


class IdListFilter(Filter):
    """A list of ids (actors, categories, sources): a multiselect; a link may name a value by id, by name or
    title, or by the widget label older links carried (`Japan (Tokyo)`), in any case."""

    key: str = ""
    field_name: str = ""
    words: str = ""  # "Categories"

    def options(self, ds: Dataset) -> dict[str, str]:
        raise NotImplementedError

    def forms(self, ds: Dataset) -> dict[str, list[str]]:
        """{id: every form a link may carry for it}."""
        return {i: [i, label] for i, label in self.options(ds).items()}

    def resolve(self, value: str, ds: Dataset) -> str | None:
        """The id a link's value names, or None. Tries the whole value, then a label's name and parenthesis."""
        index = _value_index(ds, self)
        text = value.strip().casefold()
        if text in index:
            return index[text]
        label = _LABEL.match(text)
        if label:
            for part in (label["head"], label["inner"]):
                if part.strip() in index:
                    return index[part.strip()]
        return None

    def read_query(self, raw, ds):
        found, bad = [], []
        for value in raw.get(self.key, []):
            if value:
                rid = self.resolve(value, ds)
                (found if rid else bad).append(rid or value)
        problems = [f"Ignored unknown {self.key} value(s): " + ", ".join(f"'{shown(v)}'" for v in bad)] if bad else []
        values = {self.key: list(dict.fromkeys(found))} if (found or raw.get(self.key)) else {}
        return values, problems

    def to_query(self, f):
        values = getattr(f, self.field_name)
        return {self.key: list(values)} if values else {}

    def from_widgets(self, state):
        return {self.field_name: tuple(state.get(self.key) or ())}

    def describe(self, f, ds):
        values = getattr(f, self.field_name)
        labels = self.options(ds)
        return f"{self.words}: " + ", ".join(labels.get(v, v) for v in values) if values else ""

    def footer_words(self, f, ds):
        labels = self.options(ds)
        return ", ".join(labels.get(v, v) for v in getattr(f, self.field_name))

    def slug(self, f):
        values = getattr(f, self.field_name)
        return _ids_slug(self.key, values) if values else ""


class ActorFilter(IdListFilter):
    name, key, field_name, words, loosen = "actors", "actor", "actors", "Actors", "actors"
    fields: ClassVar[dict] = {"actors": (), "match": "any"}
    widgets = (
        Widget("actor", "multiselect", "Actors", default=[], placeholder="Type a name or alias",
               help="Events involving, agreements with, or proposals by these actors.",
               options=lambda ds: actor_options(ds)),
        Widget("match", "radio", "Records involving", default="any", needs_several="actor",
               options=lambda ds: {"any": "Any of them", "all": "All of them"},
               help="*All of them*: events with every selected actor, agreements with every one as a party; "
                    "a proposal has one proposer, so none matches two actors."),
    )

    def is_set(self, f):
        return bool(f.actors)  # the match of no actor is moot

    def options(self, ds):
        return actor_options(ds)

    def forms(self, ds):
        names = actor_names(ds)
        return {a: [a, names.get(a, ""), label] for a, label in self.options(ds).items()}

    def read_query(self, raw, ds):
        values, problems = super().read_query(raw, ds)
        match = [v for v in raw.get("match", []) if v]
        if match:
            several = len({v.strip().casefold() for v in match}) > 1
            first = match[0].strip().casefold()
            if first in MATCH_VALUES:
                values["match"] = first
                if several:
                    problems.append("Several 'match' values: used the first, '" + shown(match[0]) + "'")
            else:
                problems.append(f"Ignored 'match={shown(match[0])}'{' (the first of several)' if several else ''}: "
                                "use 'any' or 'all'")
        return values, problems

    def to_query(self, f):
        q = super().to_query(f)
        if f.match == "all" and len(f.actors) > 1:
            q["match"] = ["all"]
        return q

    def from_widgets(self, state):
        actors = tuple(state.get("actor") or ())
        return {"actors": actors, "match": "all" if state.get("match") == "all" and len(actors) > 1 else "any"}

    def describe(self, f, ds):
        if not f.actors:
            return ""
        names = actor_names(ds)
        head = "Actors (all of)" if f.match == "all" and len(f.actors) > 1 else "Actors"
        return f"{head}: " + ", ".join(names.get(a, a) for a in f.actors)

    def footer_words(self, f, ds):
        names = [actor_names(ds).get(a, a) for a in f.actors]
        if f.match == "all" and len(names) > 1:
            return ", ".join(names[:-1]) + " and " + names[-1] + " together"
        return ", ".join(names)

    def slug(self, f):
        if not f.actors:
            return ""
        return _ids_slug("actor", f.actors) + ("_all-of" if f.match == "all" and len(f.actors) > 1 else "")

    def mask(self, ds, f, table, lk, maybe):
        if not f.actors:
            return None
        if table == "events":
            return _rows_with(lk.event_actor_rows, lk.event_actor_ids, f.actors, len(ds.events), f.match)
        if table == "agreements":
            return _rows_with(lk.party_rows, lk.party_ids, f.actors, len(ds.agreements), f.match)
        if table == "statistics":
            return _rows_with(lk.statistic_actor_rows, lk.statistic_actor_ids, f.actors, len(ds.statistics), f.match)
        # one proposer per proposal: under 'all' it matches only when a single actor is selected
        return ds.proposals["proposer"].isin(f.actors).to_numpy() & (f.match != "all" or len(set(f.actors)) == 1)


class DateFilter(Filter):
    """From/to dates: a record is kept when its whole span lies inside them (`core.dates.range_rule`)."""

    name, loosen = "dates", "dates"
    fields: ClassVar[dict] = {"start": None, "end": None}
    widgets = (
        Widget("from", "date", "From", bound=True,
               help="A record counts when all of its date lies in the range (an event's, an agreement's, a "
                    "proposal's own, or its article's where the text gives none); one dated less precisely (only '2021' for August) is counted apart as "
                    "*may be in range*. Agreements with no year stay."),
        Widget("to", "date", "To", bound=True),
    )

    def read_query(self, raw, ds):
        lo, hi = data_date_range(ds)
        found, problems = {}, []
        for key in ("from", "to"):
            # Streamlit's bound date widget reads every non-empty value: it takes the first when all are dates
            # inside its bounds, and none at all when any one is not (streamlit 1.67, DateInputSerde).
            values = [v for v in raw.get(key, []) if v]
            if not values:
                continue
            days = [dates.parse_url_date(v) for v in values]
            bad = next(((v, d) for v, d in zip(values, days, strict=True) if d is None or not lo <= d <= hi), None)
            if bad is not None:
                why = "not a date (use YYYY-MM-DD)" if bad[1] is None else f"outside the data ({lo} to {hi})"
                if len(set(values)) == 1:
                    problems.append(f"Ignored '{key}={shown(bad[0])}': {why}")
                else:
                    problems.append(f"Ignored all {len(values)} '{key}' values: '{shown(bad[0])}' is {why}")
                continue
            if len(set(values)) > 1:
                problems.append(f"Several '{key}' values: used the first, '{shown(values[0])}'")
            found[key] = days[0]
        if len(found) == 2 and found["from"] > found["to"]:
            problems.append("'from' is after 'to': the dates were swapped")
        return found, problems

    def to_query(self, f):
        return {k: [d.isoformat()] for k, d in (("from", f.start), ("to", f.end)) if d}

    def from_widgets(self, state):
        start, end = state.get("from"), state.get("to")
        if start and end and start > end:
            start, end = end, start
        return {"start": start, "end": end}

    def describe(self, f, ds):
        if f.start and f.end:
            return f"From {dates.day_label(f.start)} to {dates.day_label(f.end)}"
        return f"From {dates.day_label(f.start)}" if f.start else (f"Until {dates.day_label(f.end)}" if f.end else "")

    def footer_words(self, f, ds):
        """'2021', '2019–2021' for whole years; else the days ('1 Jan 2021 to 30 Jun 2021', 'from …', 'until …')."""
        if f.start and f.end and (f.start.month, f.start.day, f.end.month, f.end.day) == (1, 1, 12, 31):
            return str(f.start.year) if f.start.year == f.end.year else f"{f.start.year}–{f.end.year}"
        if f.start and f.end:
            return f"{dates.day_label(f.start)} to {dates.day_label(f.end)}"
        return f"from {dates.day_label(f.start)}" if f.start else (f"until {dates.day_label(f.end)}" if f.end else "")

    def slug(self, f):
        if not (f.start or f.end):
            return ""
        return f"{f.start.isoformat() if f.start else 'start'}--{f.end.isoformat() if f.end else 'end'}"

    def mask(self, ds, f, table, lk, maybe):
        if table == "events":
            return _dated(ds.events["date_start"], ds.events["date_end"], f, maybe)
        if table == "agreements":
            # Agreements with no year (the Table 1 "none" cells, proposed mechanisms) stay in range, never "may be".
            undated = np.asarray(lk.agreement_start.isna(), dtype=bool)
            return (~undated & _dated(lk.agreement_start, lk.agreement_end, f, maybe)) | (undated & (not maybe))
        if not (f.start or f.end or maybe):
            return None
        if table == "statistics":  # by the year the figure is for; a figure with no year stays, never "may be"
            undated = np.asarray(lk.statistic_start.isna(), dtype=bool)
            return (~undated & _dated(lk.statistic_start, lk.statistic_end, f, maybe)) | (undated & (not maybe))
        # proposals: by the date each was made (codebook: a proposal's own date; the article's where the text gives none)
        return _dated(ds.proposals["date_start"], ds.proposals["date_end"], f, maybe)


# The vocabulary each table's category filter reads (disjoint vocabularies).
_VOCABULARY = {"events": "event", "agreements": "agreement", "proposals": "measure"}


class CategoryFilter(IdListFilter):
    """Event categories, agreement types and measure categories: a table is narrowed only by the selected values
    of its own vocabulary; with none of them selected it is not narrowed."""

    name, key, field_name, words, loosen = "categories", "category", "categories", "Categories", "categories"
    fields: ClassVar[dict] = {"categories": ()}
    widgets = (Widget("category", "multiselect", "Categories", default=[],
                      placeholder="Event, agreement or measure categories",
                      help="Event categories narrow events, agreement types narrow agreements, measure categories "
                           "narrow proposals; a table with none of its own selected is not narrowed.",
                      options=lambda ds: category_options(ds.schema)),)

    subject = True

    def options(self, ds):
        return category_options(ds.schema)

    def footer_words(self, f, ds):
        """'Coast guard and maritime': the categories' names, without their group ('Measure:') or slashes."""
        return ", ".join(humanize(v).replace(" / ", " and ") for v in f.categories)

    def mask(self, ds, f, table, lk, maybe):
        if table not in _VOCABULARY:  # statistics have no category of their own: never narrowed by one
            return None
        own = set(f.categories) & set(category_vocabularies(ds.schema)[_VOCABULARY[table]])
        if not own:
            return None
        if table == "events":
            values = ds.events["category"]
        elif table == "agreements":
            values = ds.agreements["agreement_type"]
        else:
            values = ds.proposals["measure"].map(ds.measures.set_index("id")["category"])
        return values.isin(own).to_numpy()


class SourceFilter(IdListFilter):
    """Records quoted at least once in a selected article; the views show only those articles' quotes."""

    name, key, field_name, words, loosen = "sources", "source", "sources", "Sources", "sources"
    fields: ClassVar[dict] = {"sources": ()}
    widgets = (Widget("source", "multiselect", "Sources", default=[], placeholder="Articles",
                      help="Records quoted in any of these articles; only their quotes are shown.",
                      options=lambda ds: source_options(ds)),)

    def options(self, ds):
        return source_options(ds)

    def footer_words(self, f, ds):
        return "Quoted in " + super().footer_words(f, ds)

    def forms(self, ds):
        titles = dict(zip(ds.sources["id"], ds.sources["title"], strict=True))
        return {s: [s, titles.get(s, ""), label] for s, label in self.options(ds).items()}

    def mask(self, ds, f, table, lk, maybe):
        if not f.sources:
            return None
        rows = lk.evidence_rows[table][ds.evidence["source_id"].isin(f.sources).to_numpy()]
        keep = np.zeros(len(getattr(ds, table)), dtype=bool)
        keep[rows[rows >= 0]] = True
        return keep


class SupportFilter(Filter):
    """Sources per record: quoted in one article only, or in two or more (`core.support`)."""

    name, loosen = "support", "sources per record"
    fields: ClassVar[dict] = {"support": ""}
    _LABELS: ClassVar[dict] = {"any": "Any", "single": "Single-source only", "multi": "Two or more"}
    _WORDS: ClassVar[dict] = {"single": "Single-source records only", "multi": "Records with two or more sources"}
    widgets = (Widget("support", "radio", "Sources per record", default="any",
                      options=lambda ds: SupportFilter._LABELS,
                      help="Records quoted in one article only, or in two or more (corroborated)."),)

    def read_query(self, raw, ds):
        given = [v for v in raw.get("support", []) if v]
        values = [v.strip().casefold() for v in given]
        several = len(set(values)) > 1
        if values and values[0] in SUPPORT_VALUES:
            return {"support": values[0]}, ([f"Several 'support' values: used the first, '{shown(given[0])}'"]
                                            if several else [])
        if values:
            return {}, [f"Ignored 'support={shown(given[0])}'{' (the first of several)' if several else ''}: "
                        "use 'single' or 'multi'"]
        return {}, []

    def to_query(self, f):
        return {"support": [f.support]} if f.support in SUPPORT_VALUES else {}

    def from_widgets(self, state):
        return {"support": state.get("support") if state.get("support") in SUPPORT_VALUES else ""}

    def describe(self, f, ds):
        return self._WORDS.get(f.support, "")

    def slug(self, f):
        return f"support-{f.support}" if f.support else ""

    def mask(self, ds, f, table, lk, maybe):
        if not f.support:
            return None
        return support_mask(getattr(ds, table)["id"], ds.evidence, f.support).to_numpy(dtype=bool)


# A topic's words: at most this many, each at most this long (a link is the analyst's, but a URL can carry anything).
MAX_TOPIC_WORDS, MAX_TOPIC_CHARS = 12, 60
_TOPIC_SPLIT = re.compile(r"[,;\n]")
_TOPIC_GAP = r"[\s\-\u2010-\u2015/]+"  # "coast guard" also finds "coast-guard" and a line break between the words


def topic_words(text) -> tuple[str, ...]:
    """The words of a topic as the analyst typed them ('coast guard, hotline' or a list of such): split on commas
    (and semicolons, line breaks), spaces collapsed, blanks and repeats (in any case) dropped, order kept."""
    parts = [text] if isinstance(text, str) else list(text or ())
    out: dict[str, str] = {}
    for part in parts:
        for word in _TOPIC_SPLIT.split(str(part)):
            word = " ".join(word.split())
            if word:
                out.setdefault(word.casefold(), word)
    return tuple(out.values())


def topic_pattern(words) -> re.Pattern | None:
    """One case-insensitive regex that finds any of the words as a whole word or phrase (not inside another word:
    'guard' does not find 'safeguard'); None for no words. The words are literal text, never regex syntax."""
    alternatives = []
    for word in words:
        pieces = [re.escape(x) for x in re.split(_TOPIC_GAP, word.casefold()) if x]
        if pieces:
            alternatives.append(_TOPIC_GAP.join(pieces))
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


class TopicFilter(Filter):
    """A topic: words or phrases the analyst types ('coast guard, hotline, maritime'). A record is kept when any of
    them appears, as a whole word or phrase in any case, in its title or name, summary or note, its quotes, its
    actors' names and aliases, and for a proposal its measure's name, description and phrasings. Every table."""

    name, loosen = "topic", "topic"
    fields: ClassVar[dict] = {"topics": ()}
    # A text input, not a multiselect with free entry: Streamlit 1.67's multiselect highlights its first fuzzy
    # option, so Enter after typing "coast guard" can pick a suggestion instead of the words typed (issue 28's
    # complaint about the actor box); a text box takes exactly what was typed, and Enter applies it.
    widgets = (Widget("topic", "text", "Topic", default="", placeholder="e.g. coast guard, hotline",
                      help="Words or phrases, separated by commas. A record is kept when any of them appears as a "
                           "whole word in its title, summary or note, its quotes, its actors' names and aliases, "
                           "or (proposals) its measure's name, description and phrasings. Case does not matter."),)

    def read_query(self, raw, ds):
        given = [v for v in raw.get("topic", []) if v.strip()]
        words, problems = [], []
        for word in topic_words(given):
            if not re.search(r"\w", word):
                problems.append(f"Ignored 'topic={shown(word)}': no letters or digits")
            elif len(word) > MAX_TOPIC_CHARS:
                problems.append(f"Ignored a 'topic' value of {len(word)} characters: at most {MAX_TOPIC_CHARS}")
            else:
                words.append(word)
        if len(words) > MAX_TOPIC_WORDS:
            problems.append(f"Ignored {len(words) - MAX_TOPIC_WORDS} 'topic' value(s) after the first "
                            f"{MAX_TOPIC_WORDS}: " + ", ".join(f"'{shown(w)}'" for w in words[MAX_TOPIC_WORDS:]))
            words = words[:MAX_TOPIC_WORDS]
        return ({"topic": ", ".join(words)} if given else {}), problems

    def to_query(self, f):
        return {"topic": list(f.topics)} if f.topics else {}

    def from_widgets(self, state):
        words = [w for w in topic_words(state.get("topic")) if re.search(r"\w", w) and len(w) <= MAX_TOPIC_CHARS]
        return {"topics": tuple(words[:MAX_TOPIC_WORDS])}

    subject = True

    def describe(self, f, ds):
        return "Topic: " + ", ".join(f.topics) if f.topics else ""

    def footer_words(self, f, ds):
        """'Coast guard and maritime': the topic's words as a subject."""
        words = list(f.topics)
        text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
        return text[:1].upper() + text[1:]

    def slug(self, f):
        return _ids_slug("topic", f.topics) if f.topics else ""

    def mask(self, ds, f, table, lk, maybe):
        pattern = topic_pattern(f.topics)
        if pattern is None:
            return None
        return lk.topic_texts[table].str.contains(pattern).to_numpy(dtype=bool)


# The registry, in sidebar order.
FILTERS: list[Filter] = [ActorFilter(), DateFilter(), CategoryFilter(), SourceFilter(), SupportFilter(),
                         TopicFilter()]


def filter_fields() -> dict[str, object]:
    """{field of Filters: its default}, from every registered entry."""
    return {k: v for entry in FILTERS for k, v in entry.fields.items()}


def url_keys() -> tuple[str, ...]:
    """The URL parameters the filters own, in sidebar order."""
    return tuple(w.key for entry in FILTERS for w in entry.widgets)


# ---------------------------------------------------------------- options and words


def category_vocabularies(schema: dict) -> dict[str, list[str]]:
    """{'event': [...], 'agreement': [...], 'measure': [...]} from the codebook."""
    return {kind: list(codebook_vocabulary(schema, kind)) for kind in VOCABULARIES}


@per_dataset(maxsize=4)
def actor_options(ds: Dataset) -> dict[str, str]:
    """{actor id: 'Name (alias, alias)'}, shortest name first, then by name. The label carries the aliases so typing
    one finds the actor. The order puts the exact match first (issue 28): the sidebar keeps the options that
    contain what was typed, in this order, and a name containing the typed words is at least as long as they are,
    so "Taiwan" lists Taiwan before "Taiwan Strait" and "Global Taiwan Institute", and Enter takes it."""
    out = {}
    by_length = ds.actors.assign(_len=ds.actors["name"].str.len(), _key=ds.actors["name"].str.casefold())
    for row in by_length.sort_values(["_len", "_key"]).itertuples():
        extra = [a for a in row.aliases if a and a.casefold() not in row.name.casefold()]
        out[row.id] = f"{row.name} ({', '.join(extra)})" if extra else row.name
    return out


def category_options(schema: dict) -> dict[str, str]:
    """{value: 'Event: Military activity'} grouped event, agreement, measure (codebook order)."""
    out = {}
    for kind, values in category_vocabularies(schema).items():
        group = VOCABULARIES[kind][1]
        for value in values:
            out.setdefault(value, f"{group}: {humanize(value)}")
    return out


@per_dataset(maxsize=4)
def source_options(ds: Dataset) -> dict[str, str]:
    """{source id: title}; a repeated title gets its id so every label is unique."""
    titles = ds.sources["title"]
    dup = set(titles[titles.duplicated(keep=False)])
    return {r.id: (f"{r.title} ({r.id})" if r.title in dup else r.title) for r in ds.sources.itertuples()}


def actor_names(ds: Dataset) -> dict[str, str]:
    return dict(zip(ds.actors["id"], ds.actors["name"], strict=True))


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


@per_dataset(maxsize=16)
def _value_index(ds: Dataset, entry: IdListFilter) -> dict[str, str]:
    return _index(entry.forms(ds))


def describe_filters(f: Filters, ds: Dataset, footer: bool = False) -> str:
    """The filters in words, e.g. 'Actors: LDP, DPP · From 1 Jan 2021 to 31 Dec 2021 · Sources: ...' (the sidebar).
    `footer`: in the words of a slide's footer and Present's caption, subjects first and no field names, e.g.
    'Coast guard and maritime · Japan, Taiwan · 2021' (issue 28), a repeated part once; 'All records' without
    filters."""
    if not footer:
        parts = [entry.describe(f, ds) for entry in FILTERS if entry.is_set(f)]
        return " · ".join(p for p in parts if p) or "All records (no filters)"
    entries = sorted((e for e in FILTERS if e.is_set(f)), key=lambda e: not e.subject)
    text = " · ".join(dict.fromkeys(p for p in (e.footer_words(f, ds) for e in entries) if p)) or "All records"
    return text[:1].upper() + text[1:]


def filters_slug(f: Filters, search: str = "") -> str:
    """'actor-japan+taiwan_2021-01-01--2021-12-31_category-statement_search-hotline', or 'all'."""
    parts = [entry.slug(f) for entry in FILTERS if entry.is_set(f)]
    if slug(search):
        parts.append(f"search-{slug(search)}")
    return "_".join(p for p in parts if p) or "all"


def no_match_message(what: str, f: Filters) -> str:
    """What an empty table says (Markdown): the filters to loosen when some are set, else that the data has none."""
    if f.is_empty:
        return f"The data has no {escape_markdown(what)}."
    return (f"**No {escape_markdown(what)} match these filters.** Loosen the {loosen_words(f)} in the sidebar, "
            "or press *Reset filters*.")


def loosen_words(f: Filters) -> str:
    """'actors or dates': the filters in force, by the word each entry gives, for a message that asks to loosen them."""
    return " or ".join(entry.loosen for entry in FILTERS if entry.is_set(f))


@per_dataset(maxsize=4)
def data_date_range(ds: Dataset) -> tuple[dt.date, dt.date]:
    """First and last day any event or source covers: the bounds of the date widgets."""
    starts = [ds.events["date_start"].min(), ds.sources["date_start"].min()]
    ends = [ds.events["date_end"].max(), ds.sources["date_end"].max()]
    years = ds.agreements["year"].dropna()
    if len(years):
        starts.append(pd.Timestamp(f"{int(years.min()):04d}-01-01"))
        ends.append(pd.Timestamp(f"{int(years.max()):04d}-12-31"))
    starts = [s for s in starts if not pd.isna(s)]
    ends = [e for e in ends if not pd.isna(e)]
    if not starts:
        return dt.date(2021, 1, 1), dt.date(2021, 12, 31)
    return min(starts).date().replace(month=1, day=1), max(ends).date().replace(month=12, day=31)


# ---------------------------------------------------------------- what each table keeps


def _dated(starts, ends, f: Filters, maybe: bool) -> np.ndarray:
    """core.dates.range_rule on the filter's dates: in range, or (maybe) only may be in range."""
    return dates.range_rule(starts, ends, f.start, f.end, maybe=maybe)


@dataclass(frozen=True)
class Lookups:
    """What the masks need from the tables, as arrays: a filter change then costs numpy masks, not Python loops.

    Filter-independent, so built once per dataset (per_dataset) and shared: read-only.
    """

    tables: tuple  # the frames these positions point into
    event_actor_rows: np.ndarray  # one (row, actor id) pair per actor of each event
    event_actor_ids: pd.Series
    party_rows: np.ndarray  # one (row, actor id) pair per party_a, party_b and other_parties entry of each agreement
    party_ids: pd.Series
    agreement_start: pd.DatetimeIndex  # agreement_span per row; NaT when it has none (always kept)
    agreement_end: pd.DatetimeIndex
    statistic_actor_rows: np.ndarray  # one (row, actor id) pair per actor of each statistic
    statistic_actor_ids: pd.Series
    statistic_start: pd.DatetimeIndex  # the year's span; NaT when the text gives no year (always kept)
    statistic_end: pd.DatetimeIndex
    evidence_rows: dict[str, np.ndarray] = field(default_factory=dict)  # table -> row of each evidence record_id, -1 if not in it
    topic_texts: dict[str, pd.Series] = field(default_factory=dict)  # table -> each row's words a topic searches


def _record_tables(ds: Dataset) -> tuple:
    return ds.events, ds.agreements, ds.proposals, ds.statistics, ds.evidence


def _pairs(lists: pd.Series) -> tuple[np.ndarray, list]:
    """Row positions and values of list cells, one per list item (explode, by position)."""
    rows = np.repeat(np.arange(len(lists)), [len(x) for x in lists])
    return rows, [x for items in lists for x in items]


def _build_lookups(ds: Dataset) -> Lookups:
    ev, ag = ds.events, ds.agreements
    event_rows, event_ids = _pairs(ev["actors"])
    other_rows, other_ids = _pairs(ag["other_parties"])
    n = np.arange(len(ag))
    spans = [dates.agreement_span(y, d) for y, d in zip(ag["year"], ag["date"], strict=True)]
    stat_rows, stat_ids = _pairs(ds.statistics["actors"])
    years = [dates.span(y) if y else None for y in ds.statistics["year"]]
    records = ds.evidence["record_id"]
    return Lookups(
        tables=_record_tables(ds),
        event_actor_rows=event_rows,
        event_actor_ids=pd.Series(event_ids, dtype=object),
        party_rows=np.concatenate([n, n, other_rows]).astype(int),
        party_ids=pd.Series([*ag["party_a"], *ag["party_b"], *other_ids], dtype=object),
        agreement_start=pd.DatetimeIndex([s[0] if s else pd.NaT for s in spans]),
        agreement_end=pd.DatetimeIndex([s[1] if s else pd.NaT for s in spans]),
        statistic_actor_rows=stat_rows,
        statistic_actor_ids=pd.Series(stat_ids, dtype=object),
        statistic_start=pd.DatetimeIndex([s[0] if s else pd.NaT for s in years]),
        statistic_end=pd.DatetimeIndex([s[1] if s else pd.NaT for s in years]),
        evidence_rows={name: pd.Index(getattr(ds, name)["id"]).get_indexer(records) for name in TABLES},
        topic_texts=_topic_texts(ds),
    )


def _topic_texts(ds: Dataset) -> dict[str, pd.Series]:
    """Per table, each row's searchable words, casefolded, one line per field (TopicFilter): title or name,
    summary or note, quotes, the actors' names and aliases, and a proposal's measure's name, description and
    phrasings."""
    people = {a.id: [a.name, *a.aliases] for a in ds.actors.itertuples()}
    quotes = ds.evidence.groupby("record_id", sort=False)["quote"].agg(list).to_dict()
    measures = {m.id: [m.name, m.description, *m.phrasings] for m in ds.measures.itertuples()}

    def text(row_id, fields, actors=(), extra=()):
        words = [*fields, *quotes.get(row_id, ()), *(w for a in actors for w in people.get(a, (a,))), *extra]
        return "\n".join(str(w) for w in words if w).casefold()

    ev, ag, pr, st = ds.events, ds.agreements, ds.proposals, ds.statistics
    return {
        "events": pd.Series([text(r.id, (r.title, r.summary), r.actors) for r in ev.itertuples()], dtype=object),
        "agreements": pd.Series([text(r.id, (r.name, r.abbreviation, r.note), (r.party_a, r.party_b, *r.other_parties))
                                 for r in ag.itertuples()], dtype=object),
        "proposals": pd.Series([text(r.id, (r.summary, r.note), (r.proposer,), measures.get(r.measure, ()))
                                for r in pr.itertuples()], dtype=object),
        "statistics": pd.Series([text(r.id, (r.subject, r.qualifier, r.note), r.actors) for r in st.itertuples()],
                                dtype=object),
    }


_cached_lookups = per_dataset(maxsize=4)(_build_lookups)


def _lookups(ds: Dataset) -> Lookups:
    found = _cached_lookups(ds)
    if any(a is not b for a, b in zip(found.tables, _record_tables(ds), strict=True)):
        # A copy of the dataset with other tables under the same version (app_pages/agreements.py narrows the
        # evidence of one): positions into the cached tables would be wrong for it.
        return _build_lookups(ds)
    return found


def _rows_with(rows: np.ndarray, ids: pd.Series, wanted, n: int, match: str = "any") -> np.ndarray:
    """Mask of the n rows that have any (match='all': every one) of the wanted ids among their (row, id) pairs."""
    wanted = list(dict.fromkeys(wanted))
    hits = ids.isin(wanted).to_numpy()
    if match == "all":
        # distinct wanted ids per row: count each (row, id) pair once
        pairs = pd.DataFrame({"row": rows[hits], "id": ids.to_numpy()[hits]}).drop_duplicates()
        return np.bincount(pairs["row"].to_numpy(dtype=int), minlength=n) >= len(wanted)
    keep = np.zeros(n, dtype=bool)
    keep[rows[hits]] = True
    return keep


def _mask(ds: Dataset, f: Filters, table: str, lk: Lookups, maybe: bool = False) -> np.ndarray:
    """Rows of `table` every registered filter keeps; with `maybe` (dates), the rows that only may be in range
    (less precise than the dates: '2021' for August 2021)."""
    keep = np.ones(len(getattr(ds, table)), dtype=bool)
    for entry in FILTERS:
        found = entry.mask(ds, f, table, lk, maybe)
        if found is not None:
            keep &= np.asarray(found, dtype=bool)
    return keep


def filter_events(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Events with any (or all, per `f.match`) selected actor, wholly inside the dates, of a selected event category, quoted from a selected source."""
    return ds.events[_mask(ds, f, "events", _lookups(ds))]


def events_maybe_in_range(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Events passing the other filters whose date only overlaps the dates (may be in range); empty with no dates."""
    return ds.events[_mask(ds, f, "events", _lookups(ds), maybe=True)]


def filter_agreements(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Agreements with a selected party (all of them under match=all), dated wholly in range (undated ones stay), of a selected type, quoted from a selected source."""
    return ds.agreements[_mask(ds, f, "agreements", _lookups(ds))]


def agreements_maybe_in_range(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Agreements passing the other filters whose date or year only overlaps the dates; empty with no dates."""
    return ds.agreements[_mask(ds, f, "agreements", _lookups(ds), maybe=True)]


def filter_proposals(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Proposals by a selected proposer, made wholly inside the dates (their own date, or their article's where the text gives none), of a selected measure category, quoted from a selected source."""
    return ds.proposals[_mask(ds, f, "proposals", _lookups(ds))]


def proposals_maybe_in_range(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Proposals passing the other filters whose date only overlaps the dates; empty with no dates."""
    return ds.proposals[_mask(ds, f, "proposals", _lookups(ds), maybe=True)]


def filter_statistics(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Figures about a selected actor, for a year inside the dates (or with none), quoted from a selected source."""
    return ds.statistics[_mask(ds, f, "statistics", _lookups(ds))]


def filter_evidence(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Quotes of the records that pass the filters, only from the selected sources."""
    lk = _lookups(ds)
    ev = ds.evidence
    keep = np.zeros(len(ev), dtype=bool)
    # A quote is kept when its record_id is the id of a kept row of any of the record tables.
    for table in TABLES:
        rows = lk.evidence_rows[table]
        found = rows >= 0
        keep[found] |= _mask(ds, f, table, lk)[rows[found]]
    if f.sources:
        keep &= ev["source_id"].isin(f.sources).to_numpy()
    return ev[keep]


def evidence_for(ds, f: Filters) -> pd.DataFrame:
    """The quotes the views may show: narrowed to the selected sources."""
    return ds.evidence[ds.evidence["source_id"].isin(f.sources)] if f.sources else ds.evidence


def maybe_in_range_caption(ds: Dataset, f: Filters, table: str) -> str:
    """A sentence for the agreements or proposals page: how many less precise records only may fall in the dates,
    and which (escaped for Markdown); '' when none. Events have theirs on the timeline (views.timeline)."""
    if table == "agreements":
        rows = agreements_maybe_in_range(ds, f)
        precisions = [dates.agreement_precision(y, d) for y, d in zip(rows["year"], rows["date"], strict=True)]
        named = [f"{name} ({dates.short_label(d) or y})" for name, d, y in zip(rows["name"], rows["date"], rows["year"], strict=True)]
        return _caption(precisions, "agreement", named, "not listed below")
    rows = proposals_maybe_in_range(ds, f)
    names, measures = actor_names(ds), dict(zip(ds.measures["id"], ds.measures["name"], strict=True))
    named = [f"{names.get(who, who)}: {measures.get(m, m)} ({dates.short_label(d)})"
             for who, m, d in zip(rows["proposer"], rows["measure"], rows["date"], strict=True)]
    return _caption(list(rows["date_precision"]), "proposal", named, "not shown")


def _caption(precisions: list, noun: str, named: list[str], why: str, most: int = 5) -> str:
    if not precisions:
        return ""
    names = "; ".join(escape_markdown(n) for n in named[:most]) + (f"; and {len(named) - most} more" if len(named) > most else "")
    return dates.maybe_note(precisions, noun, f" ({why}): {names}.")
