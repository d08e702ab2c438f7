"""Global filters: the value object, what each table keeps, and the words and URL values for them.

Pure: no streamlit. `ui/filters.py` owns the widgets and the session/URL state and builds `Filters`.
Semantics are those of docs/ARCHITECTURE.md ("Filters").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from components import dates
from components.memo import per_dataset
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

def _bounds(f: Filters) -> tuple[pd.Timestamp, pd.Timestamp]:
    lo = pd.Timestamp(f.start) if f.start else pd.Timestamp.min
    hi = pd.Timestamp(f.end) if f.end else pd.Timestamp.max
    return lo, hi


def _overlaps(starts: pd.Series, ends: pd.Series, f: Filters) -> pd.Series:
    return pd.Series(dates.overlaps(starts, ends, f.start, f.end), index=starts.index)


# ---------------------------------------------------------------- categories

def category_vocabularies(schema: dict) -> dict[str, list[str]]:
    """{'event': [...], 'agreement': [...], 'measure': [...]} from the codebook."""
    return {kind: list(codebook_vocabulary(schema, kind)) for kind in VOCABULARIES}


def _own_categories(f: Filters, schema: dict, kind: str) -> set[str] | None:
    """Selected values of this table's vocabulary; None means 'do not narrow this table'."""
    own = set(f.categories) & set(category_vocabularies(schema)[kind])
    return own or None


# ---------------------------------------------------------------- per-dataset lookups

@dataclass(frozen=True)
class _Lookups:
    """What every filter needs from the tables, as arrays: a filter change then costs numpy masks, not Python loops.

    Filter-independent, so built once per dataset (per_dataset) and shared: read-only.
    """

    tables: tuple  # the frames these positions point into (see _lookups)
    event_actor_rows: np.ndarray  # one (row, actor id) pair per actor of each event
    event_actor_ids: pd.Series
    party_rows: np.ndarray  # one (row, actor id) pair per party_a, party_b and other_parties entry of each agreement
    party_ids: pd.Series
    agreement_start: pd.DatetimeIndex  # agreement_span per row; NaT when it has none (always kept)
    agreement_end: pd.DatetimeIndex
    evidence_rows: dict[str, np.ndarray]  # table -> row of each evidence record_id in that table, -1 when not in it


def _record_tables(ds: Dataset) -> tuple:
    return ds.events, ds.agreements, ds.proposals, ds.evidence


def _pairs(lists: pd.Series) -> tuple[np.ndarray, list]:
    """Row positions and values of list cells, one per list item (explode, by position)."""
    rows = np.repeat(np.arange(len(lists)), [len(x) for x in lists])
    return rows, [x for items in lists for x in items]


def _build_lookups(ds: Dataset) -> _Lookups:
    ev, ag = ds.events, ds.agreements
    event_rows, event_ids = _pairs(ev["actors"])
    other_rows, other_ids = _pairs(ag["other_parties"])
    n = np.arange(len(ag))
    spans = [agreement_span(y, d) for y, d in zip(ag["year"], ag["date"])]
    records = ds.evidence["record_id"]
    return _Lookups(
        tables=_record_tables(ds),
        event_actor_rows=event_rows,
        event_actor_ids=pd.Series(event_ids, dtype=object),
        party_rows=np.concatenate([n, n, other_rows]).astype(int),
        party_ids=pd.Series([*ag["party_a"], *ag["party_b"], *other_ids], dtype=object),
        agreement_start=pd.DatetimeIndex([s[0] if s else pd.NaT for s in spans]),
        agreement_end=pd.DatetimeIndex([s[1] if s else pd.NaT for s in spans]),
        evidence_rows={name: pd.Index(getattr(ds, name)["id"]).get_indexer(records)
                       for name in ("events", "agreements", "proposals")},
    )


_cached_lookups = per_dataset(maxsize=4)(_build_lookups)


def _lookups(ds: Dataset) -> _Lookups:
    found = _cached_lookups(ds)
    if any(a is not b for a, b in zip(found.tables, _record_tables(ds))):
        # A copy of the dataset with other tables under the same version (views/agreements.py narrows the
        # evidence of one): positions into the cached tables would be wrong for it.
        return _build_lookups(ds)
    return found


def _rows_with(rows: np.ndarray, ids: pd.Series, wanted, n: int) -> np.ndarray:
    """Mask of the n rows that have any of the wanted ids among their (row, id) pairs."""
    keep = np.zeros(n, dtype=bool)
    keep[rows[ids.isin(list(wanted)).to_numpy()]] = True
    return keep


def _quoted(ds: Dataset, f: Filters, lk: _Lookups, table: str) -> np.ndarray | None:
    """Rows of `table` quoted at least once from a selected source; None when no source is selected."""
    if not f.sources:
        return None
    rows = lk.evidence_rows[table][ds.evidence["source_id"].isin(f.sources).to_numpy()]
    keep = np.zeros(len(getattr(ds, table)), dtype=bool)
    keep[rows[rows >= 0]] = True
    return keep


# ---------------------------------------------------------------- the tables

def _event_mask(ds: Dataset, f: Filters, lk: _Lookups, maybe: bool = False) -> np.ndarray:
    """Rows kept by the filters; dates by the in-range rule (components.dates), or with `maybe` the rows
    that only may be in range (less precise than the dates: '2021' for August 2021)."""
    ev = ds.events
    keep = np.ones(len(ev), dtype=bool)
    if f.actors:
        keep &= _rows_with(lk.event_actor_rows, lk.event_actor_ids, f.actors, len(ev))
    if f.start or f.end:
        rule = dates.may_be_in_range if maybe else dates.in_range
        keep &= rule(ev["date_start"], ev["date_end"], f.start, f.end)
    elif maybe:
        keep[:] = False
    own = _own_categories(f, ds.schema, "event")
    if own:
        keep &= ev["category"].isin(own).to_numpy()
    quoted = _quoted(ds, f, lk, "events")
    if quoted is not None:
        keep &= quoted
    return keep


def filter_events(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Events with any selected actor, wholly inside the dates, of a selected event category, quoted from a selected source."""
    return ds.events[_event_mask(ds, f, _lookups(ds))]


def events_maybe_in_range(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Events passing the other filters whose date only overlaps the dates (may be in range); empty with no dates."""
    return ds.events[_event_mask(ds, f, _lookups(ds), maybe=True)]


def agreement_span(year, date: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Span of an agreement from its date (more precise) or its year; None when it has neither."""
    span = dates.span(date)
    if span:
        return span
    if year is None or pd.isna(year):
        return None
    return dates.span(f"{int(year):04d}")


def _agreement_mask(ds: Dataset, f: Filters, lk: _Lookups) -> np.ndarray:
    ag = ds.agreements
    keep = np.ones(len(ag), dtype=bool)
    if f.actors:
        keep &= _rows_with(lk.party_rows, lk.party_ids, f.actors, len(ag))
    if f.start or f.end:
        lo, hi = _bounds(f)
        start, end = lk.agreement_start, lk.agreement_end
        keep &= np.asarray(start.isna() | ((end >= lo) & (start <= hi)), dtype=bool)
    own = _own_categories(f, ds.schema, "agreement")
    if own:
        keep &= ag["agreement_type"].isin(own).to_numpy()
    quoted = _quoted(ds, f, lk, "agreements")
    if quoted is not None:
        keep &= quoted
    return keep


def filter_agreements(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Agreements with a selected party, dated in range (undated ones stay), of a selected type, quoted from a selected source."""
    return ds.agreements[_agreement_mask(ds, f, _lookups(ds))]


def _proposal_mask(ds: Dataset, f: Filters, lk: _Lookups) -> np.ndarray:
    pr = ds.proposals
    keep = np.ones(len(pr), dtype=bool)
    if f.actors:
        keep &= pr["proposer"].isin(f.actors).to_numpy()
    if f.start or f.end:
        src = ds.sources.set_index("id")
        in_range = _overlaps(src["date_start"], src["date_end"], f)
        keep &= pr["source_id"].map(in_range).fillna(False).astype(bool).to_numpy()
    own = _own_categories(f, ds.schema, "measure")
    if own:
        category = pr["measure"].map(ds.measures.set_index("id")["category"])
        keep &= category.isin(own).to_numpy()
    quoted = _quoted(ds, f, lk, "proposals")
    if quoted is not None:
        keep &= quoted
    return keep


def filter_proposals(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Proposals by a selected proposer, whose source's estimated date overlaps the range, of a selected measure category, quoted from a selected source."""
    return ds.proposals[_proposal_mask(ds, f, _lookups(ds))]


def filter_evidence(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Quotes of the records that pass the filters, only from the selected sources."""
    lk = _lookups(ds)
    ev = ds.evidence
    keep = np.zeros(len(ev), dtype=bool)
    # A quote is kept when its record_id is the id of a kept row of any of the three tables.
    for table, mask in (("events", _event_mask), ("agreements", _agreement_mask), ("proposals", _proposal_mask)):
        rows = lk.evidence_rows[table]
        found = rows >= 0
        keep[found] |= mask(ds, f, lk)[rows[found]]
    if f.sources:
        keep &= ev["source_id"].isin(f.sources).to_numpy()
    return ev[keep]


# ---------------------------------------------------------------- labels (widget options, URL values, words)

# The option lists and the date range depend on the dataset alone: built once per dataset version and
# shared by every rerun and caller (the sidebar, the URL checks, the words), so read-only.

@per_dataset(maxsize=4)
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


@per_dataset(maxsize=4)
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
