"""Global filters: the value object, what each table keeps, and the words and URL values for them.

Pure: no streamlit. `ui/filters.py` owns the widgets and the session/URL state and builds `Filters`.
Semantics are those of docs/ARCHITECTURE.md ("Filters").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from components.style import VOCABULARIES, codebook_vocabulary, humanize

if TYPE_CHECKING:  # pragma: no cover
    from components.dataset import Dataset

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


# ---------------------------------------------------------------- date helpers

def partial_date_span(text: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """'2021' -> whole year, '2021-03' -> whole month, '2021-03-05' -> that day; None if blank/bad."""
    text = (text or "").strip()
    try:
        if len(text) == 4:
            start = pd.Timestamp(f"{text}-01-01")
            return start, start + pd.offsets.YearEnd(0)
        if len(text) == 7:
            start = pd.Timestamp(f"{text}-01")
            return start, start + pd.offsets.MonthEnd(0)
        if len(text) == 10:
            day = pd.Timestamp(text)
            return day, day
    except ValueError:
        return None
    return None


def _bounds(f: Filters) -> tuple[pd.Timestamp, pd.Timestamp]:
    lo = pd.Timestamp(f.start) if f.start else pd.Timestamp.min
    hi = pd.Timestamp(f.end) if f.end else pd.Timestamp.max
    return lo, hi


def _overlaps(starts: pd.Series, ends: pd.Series, f: Filters) -> pd.Series:
    lo, hi = _bounds(f)
    return (ends >= lo) & (starts <= hi)


# ---------------------------------------------------------------- categories

def category_vocabularies(schema: dict) -> dict[str, list[str]]:
    """{'event': [...], 'agreement': [...], 'measure': [...]} from the codebook."""
    return {kind: list(codebook_vocabulary(schema, kind)) for kind in VOCABULARIES}


def _own_categories(f: Filters, schema: dict, kind: str) -> set[str] | None:
    """Selected values of this table's vocabulary; None means 'do not narrow this table'."""
    own = set(f.categories) & set(category_vocabularies(schema)[kind])
    return own or None


# ---------------------------------------------------------------- sources

def _records_from_sources(ds: Dataset, f: Filters) -> set[str] | None:
    if not f.sources:
        return None
    ev = ds.evidence
    return set(ev.loc[ev["source_id"].isin(f.sources), "record_id"])


# ---------------------------------------------------------------- the tables

def filter_events(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Events with any selected actor, overlapping the dates, of a selected event category, quoted from a selected source."""
    ev = ds.events
    keep = pd.Series(True, index=ev.index)
    if f.actors:
        wanted = set(f.actors)
        keep &= ev["actors"].map(lambda ids: bool(wanted.intersection(ids)))
    if f.start or f.end:
        keep &= _overlaps(ev["date_start"], ev["date_end"], f)
    own = _own_categories(f, ds.schema, "event")
    if own:
        keep &= ev["category"].isin(own)
    quoted = _records_from_sources(ds, f)
    if quoted is not None:
        keep &= ev["id"].isin(quoted)
    return ev[keep]


def agreement_span(year, date: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Span of an agreement from its date (more precise) or its year; None when it has neither."""
    span = partial_date_span(date)
    if span:
        return span
    if year is None or pd.isna(year):
        return None
    return partial_date_span(f"{int(year):04d}")


def filter_agreements(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Agreements with a selected party, dated in range (undated ones stay), of a selected type, quoted from a selected source."""
    ag = ds.agreements
    keep = pd.Series(True, index=ag.index)
    if f.actors:
        wanted = set(f.actors)
        parties = ag.apply(lambda r: {r["party_a"], r["party_b"], *r["other_parties"]}, axis=1)
        keep &= parties.map(lambda p: bool(wanted & p)).astype(bool)
    if f.start or f.end:
        lo, hi = _bounds(f)
        spans = [agreement_span(y, d) for y, d in zip(ag["year"], ag["date"])]
        keep &= pd.Series([s is None or (s[1] >= lo and s[0] <= hi) for s in spans], index=ag.index, dtype=bool)
    own = _own_categories(f, ds.schema, "agreement")
    if own:
        keep &= ag["agreement_type"].isin(own)
    quoted = _records_from_sources(ds, f)
    if quoted is not None:
        keep &= ag["id"].isin(quoted)
    return ag[keep]


def filter_proposals(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Proposals by a selected proposer, whose source's estimated date overlaps the range, of a selected measure category, quoted from a selected source."""
    pr = ds.proposals
    keep = pd.Series(True, index=pr.index)
    if f.actors:
        keep &= pr["proposer"].isin(f.actors)
    if f.start or f.end:
        src = ds.sources.set_index("id")
        in_range = _overlaps(src["date_start"], src["date_end"], f)
        keep &= pr["source_id"].map(in_range).fillna(False).astype(bool)
    own = _own_categories(f, ds.schema, "measure")
    if own:
        category = pr["measure"].map(ds.measures.set_index("id")["category"])
        keep &= category.isin(own)
    quoted = _records_from_sources(ds, f)
    if quoted is not None:
        keep &= pr["id"].isin(quoted)
    return pr[keep]


def filter_evidence(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Quotes of the records that pass the filters, only from the selected sources."""
    ids = set(filter_events(ds, f)["id"]) | set(filter_agreements(ds, f)["id"]) | set(filter_proposals(ds, f)["id"])
    ev = ds.evidence
    keep = ev["record_id"].isin(ids)
    if f.sources:
        keep &= ev["source_id"].isin(f.sources)
    return ev[keep]


# ---------------------------------------------------------------- labels (widget options, URL values, words)

def actor_options(ds: Dataset) -> dict[str, str]:
    """{actor id: 'Name (alias, alias)'}, sorted by name. The label carries the aliases so typing one finds the actor."""
    out = {}
    for row in ds.actors.sort_values("name", key=lambda s: s.str.casefold()).itertuples():
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


def source_options(ds: Dataset) -> dict[str, str]:
    """{source id: title}; a repeated title gets its id so every label is unique."""
    titles = ds.sources["title"]
    dup = set(titles[titles.duplicated(keep=False)])
    return {r.id: (f"{r.title} ({r.id})" if r.title in dup else r.title) for r in ds.sources.itertuples()}


def actor_names(ds: Dataset) -> dict[str, str]:
    return dict(zip(ds.actors["id"], ds.actors["name"]))


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


def _fmt_date(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def describe_filters(f: Filters, ds: Dataset) -> str:
    """The filters in words, e.g. 'Actors: LDP, DPP · From 1 Jan 2021 to 31 Dec 2021 · Sources: ...'."""
    if f.is_empty:
        return "All records (no filters)"
    parts = []
    names = actor_names(ds)
    if f.actors:
        parts.append("Actors: " + ", ".join(names.get(a, a) for a in f.actors))
    if f.start and f.end:
        parts.append(f"From {_fmt_date(f.start)} to {_fmt_date(f.end)}")
    elif f.start:
        parts.append(f"From {_fmt_date(f.start)}")
    elif f.end:
        parts.append(f"Until {_fmt_date(f.end)}")
    if f.categories:
        labels = category_options(ds.schema)
        parts.append("Categories: " + ", ".join(labels.get(c, c) for c in f.categories))
    if f.sources:
        titles = source_options(ds)
        parts.append("Sources: " + ", ".join(titles.get(s, s) for s in f.sources))
    return " · ".join(parts)


def parse_url_date(text: str) -> dt.date | None:
    """The date formats Streamlit's date widget accepts in a URL."""
    for fmt in ("%Y-%m-%d", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


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


def query_problems(raw: dict[str, list[str]], ds: Dataset, date_range: tuple[dt.date, dt.date]) -> list[str]:
    """Messages for URL parameters the filters cannot use (unknown keys are the caller's business)."""
    problems = []
    valid = {
        "actor": set(actor_options(ds).values()),
        "category": set(category_options(ds.schema).values()),
        "source": set(source_options(ds).values()),
    }
    for key, labels in valid.items():
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
