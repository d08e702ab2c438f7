"""The filter value object and the URL parameter names: what `components.filters` and its label and link modules share.

Pure: no streamlit. Semantics are those of docs/ARCHITECTURE.md ("Filters").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pandas as pd

from strait_watch.core.dates import agreement_precision, agreement_span
from strait_watch.core.memo import per_dataset
from strait_watch.core.style import VOCABULARIES, codebook_vocabulary, humanize

if TYPE_CHECKING:  # pragma: no cover
    from strait_watch.core.dataset.model import Dataset

import numpy as np

from strait_watch.core import dates
from strait_watch.core.style import escape_markdown
from strait_watch.core.support import support_mask

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


# Words for the filters: widget options (id -> label), names, the filters in a sentence, the date widgets' bounds.
#
# Pure: no streamlit. The option lists depend on the dataset alone: built once per dataset version and shared
# by every rerun and caller (the sidebar, the URL checks, the words), so read-only.


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
    return dict(zip(ds.actors["id"], ds.actors["name"], strict=True))


def _fmt_date(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def describe_filters(f: Filters, ds: Dataset) -> str:
    """The filters in words, e.g. 'Actors: LDP, DPP · From 1 Jan 2021 to 31 Dec 2021 · Sources: ...'."""
    if f.is_empty:
        return "All records (no filters)"
    parts = []
    names = actor_names(ds)
    if f.actors:
        head = "Actors (all of)" if f.match == "all" and len(f.actors) > 1 else "Actors"
        parts.append(f"{head}: " + ", ".join(names.get(a, a) for a in f.actors))
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
    if f.support:
        parts.append({"single": "Single-source records only", "multi": "Records with two or more sources"}[f.support])
    return " · ".join(parts)


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


# Global filters: what each table keeps (the masks). The one import point for filters.
#
# Pure: no streamlit. `ui/filters.py` owns the widgets and the session/URL state and builds `Filters`.
# Semantics are those of docs/ARCHITECTURE.md ("Filters"). The value object lives in `filter_values`, the
# words in `filter_labels`, the links in `filter_links`; all are re-exported here for `from components.filters import ...`.


# ---------------------------------------------------------------- the date rule (one for every table)

def _dated(starts, ends, f: Filters, maybe: bool) -> np.ndarray:
    """components.dates.range_rule on the filter's dates: in range, or (maybe) only may be in range."""
    return dates.range_rule(starts, ends, f.start, f.end, maybe=maybe)


# ---------------------------------------------------------------- categories


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
    spans = [agreement_span(y, d) for y, d in zip(ag["year"], ag["date"], strict=True)]
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
    if any(a is not b for a, b in zip(found.tables, _record_tables(ds), strict=True)):
        # A copy of the dataset with other tables under the same version (views/agreements.py narrows the
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


def _quoted(ds: Dataset, f: Filters, lk: _Lookups, table: str) -> np.ndarray | None:
    """Rows of `table` quoted at least once from a selected source; None when no source is selected."""
    if not f.sources:
        return None
    rows = lk.evidence_rows[table][ds.evidence["source_id"].isin(f.sources).to_numpy()]
    keep = np.zeros(len(getattr(ds, table)), dtype=bool)
    keep[rows[rows >= 0]] = True
    return keep


def _supported(ds: Dataset, f: Filters, table: str) -> np.ndarray:
    """Rows kept by the 'sources per record' filter (components.support): all when it is not set."""
    return support_mask(getattr(ds, table)["id"], ds.evidence, f.support).to_numpy(dtype=bool)


# ---------------------------------------------------------------- the tables

# The vocabulary each table's category filter reads (docs/ARCHITECTURE.md: disjoint vocabularies).
_VOCABULARY = {"events": "event", "agreements": "agreement", "proposals": "measure"}


def _narrow_by_category_and_source(keep: np.ndarray, ds: Dataset, f: Filters, lk: _Lookups, table: str,
                                   categories) -> np.ndarray:
    """The last filters every table applies: the selected values of its own vocabulary (`categories()`
    gives each row's value, computed only when needed), the selected sources, and the sources per record."""
    own = _own_categories(f, ds.schema, _VOCABULARY[table])
    if own:
        keep &= categories().isin(own).to_numpy()
    quoted = _quoted(ds, f, lk, table)
    if quoted is not None:
        keep &= quoted
    if f.support:
        keep &= _supported(ds, f, table)
    return keep


def _event_mask(ds: Dataset, f: Filters, lk: _Lookups, maybe: bool = False) -> np.ndarray:
    """Rows kept by the filters; dates by the in-range rule (components.dates), or with `maybe` the rows
    that only may be in range (less precise than the dates: '2021' for August 2021)."""
    ev = ds.events
    keep = np.ones(len(ev), dtype=bool)
    if f.actors:
        keep &= _rows_with(lk.event_actor_rows, lk.event_actor_ids, f.actors, len(ev), f.match)
    keep &= _dated(ev["date_start"], ev["date_end"], f, maybe)
    return _narrow_by_category_and_source(keep, ds, f, lk, "events", lambda: ev["category"])


def filter_events(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Events with any (or all, per `f.match`) selected actor, wholly inside the dates, of a selected event category, quoted from a selected source."""
    return ds.events[_event_mask(ds, f, _lookups(ds))]


def events_maybe_in_range(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Events passing the other filters whose date only overlaps the dates (may be in range); empty with no dates."""
    return ds.events[_event_mask(ds, f, _lookups(ds), maybe=True)]






def _agreement_mask(ds: Dataset, f: Filters, lk: _Lookups, maybe: bool = False) -> np.ndarray:
    """Dates by the in-range rule on the agreement's date (or year); with `maybe` the ones that only may be in
    range. Agreements with no year (the Table 1 "none" cells, proposed mechanisms) stay in range, never "may be"."""
    ag = ds.agreements
    keep = np.ones(len(ag), dtype=bool)
    if f.actors:
        keep &= _rows_with(lk.party_rows, lk.party_ids, f.actors, len(ag), f.match)
    undated = np.asarray(lk.agreement_start.isna(), dtype=bool)
    keep &= (~undated & _dated(lk.agreement_start, lk.agreement_end, f, maybe)) | (undated & (not maybe))
    return _narrow_by_category_and_source(keep, ds, f, lk, "agreements", lambda: ag["agreement_type"])


def filter_agreements(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Agreements with a selected party (all of them under match=all), dated wholly in range (undated ones stay), of a selected type, quoted from a selected source."""
    return ds.agreements[_agreement_mask(ds, f, _lookups(ds))]


def agreements_maybe_in_range(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Agreements passing the other filters whose date or year only overlaps the dates; empty with no dates."""
    return ds.agreements[_agreement_mask(ds, f, _lookups(ds), maybe=True)]


def _proposal_mask(ds: Dataset, f: Filters, lk: _Lookups, maybe: bool = False) -> np.ndarray:
    pr = ds.proposals
    keep = np.ones(len(pr), dtype=bool)
    if f.actors:
        # one proposer per proposal: under 'all' it matches only when a single actor is selected
        keep &= pr["proposer"].isin(f.actors).to_numpy() & (f.match != "all" or len(set(f.actors)) == 1)
    if f.start or f.end or maybe:
        # by the source's estimated date span (month or day); a source without one is never in range
        src = ds.sources.set_index("id")
        dated = pd.Series(_dated(src["date_start"], src["date_end"], f, maybe), index=src.index)
        keep &= pr["source_id"].map(dated).fillna(False).astype(bool).to_numpy()
    return _narrow_by_category_and_source(keep, ds, f, lk, "proposals",
                                          lambda: pr["measure"].map(ds.measures.set_index("id")["category"]))


def filter_proposals(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Proposals by a selected proposer, whose source's estimated date lies wholly in the range, of a selected measure category, quoted from a selected source."""
    return ds.proposals[_proposal_mask(ds, f, _lookups(ds))]


def proposals_maybe_in_range(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Proposals passing the other filters whose source's estimated date only overlaps the dates; empty with no dates."""
    return ds.proposals[_proposal_mask(ds, f, _lookups(ds), maybe=True)]


def maybe_in_range_caption(ds: Dataset, f: Filters, table: str) -> str:
    """A sentence for the agreements or proposals page: how many less precise records only may fall in the dates,
    and which (escaped for Markdown); '' when none. Events have theirs on the timeline (components.timeline)."""
    if table == "agreements":
        rows = agreements_maybe_in_range(ds, f)
        precisions = [agreement_precision(y, d) for y, d in zip(rows["year"], rows["date"], strict=True)]
        named = [f"{name} ({dates.short_label(d) or y})" for name, d, y in zip(rows["name"], rows["date"], rows["year"], strict=True)]
        return _caption(precisions, "agreement", named, "not listed below")
    rows = proposals_maybe_in_range(ds, f)
    src = ds.sources.set_index("id")
    estimate = rows["source_id"].map(src["published_estimate"])
    named = [f"{src.at[s, 'title']} ({dates.short_label(src.at[s, 'published_estimate'])})" for s in dict.fromkeys(rows["source_id"])]
    return _caption([dates.precision(e) for e in estimate], "proposal", named, "by their article's date; not shown")


def _caption(precisions: list, noun: str, named: list[str], why: str, most: int = 5) -> str:
    if not precisions:
        return ""
    names = "; ".join(escape_markdown(n) for n in named[:most]) + (f"; and {len(named) - most} more" if len(named) > most else "")
    return dates.maybe_note(precisions, noun, f" ({why}): {names}.")


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


def evidence_for(ds, f: Filters) -> pd.DataFrame:
    """The quotes the views may show: narrowed to the selected sources."""
    return ds.evidence[ds.evidence["source_id"].isin(f.sources)] if f.sources else ds.evidence
