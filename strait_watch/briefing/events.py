"""Single-record slides: an event, an agreement or mechanism, or a measure with its proposers on its own slide
(date at its precision, headline, summary, actors, parties or proposers, the quotes with their article
references); the records a briefer may choose from; and the word-prefix search the picker filters them with."""

from __future__ import annotations

import re

import pandas as pd

from strait_watch.briefing.model import EVENT_PREFIX, EventCard, Finding, View, quotes_of, record_titles
from strait_watch.core.filters import Filters, actor_names, filter_agreements, filter_events, filter_proposals
from strait_watch.core.style import humanize, stance_words
from strait_watch.core.text import plain
from strait_watch.views.matrix import matrix_mask, parties_of, status_label, type_text
from strait_watch.views.timeline import date_labels

AGREEMENT, MEASURE = "Agreement or mechanism", "Measure"


def event_choices(ds, f: Filters) -> dict[str, str]:
    """{event id: "◆ 14 Jun 2021 — headline"} of every event the filters keep, of any year (issue 28: the 2016
    maritime affairs dialogue can have its slide), key events first, then by date."""
    events = filter_events(ds, f)
    if events.empty:
        return {}
    events = events.assign(when=date_labels(events)).sort_values(["key", "date_start", "id"],
                                                                     ascending=[False, True, True], kind="stable")
    return {r.id: f"{'◆ ' if r.key else ''}{r.when} — {plain(r.title)}" for r in events.itertuples()}


def _other_agreements(ds, f: Filters) -> pd.DataFrame:
    """Agreements a slide can hold: every one the filters keep but the Table 1 cells (the matrix slide has them)."""
    rows = filter_agreements(ds, f)
    return rows[~matrix_mask(rows)] if len(rows) else rows


def record_choices(ds, f: Filters) -> dict[str, str]:
    """Every record the filters keep that can have its own slide, as {id: label}: the events (`event_choices`),
    then the agreements and mechanisms ("Agreement or mechanism: 2016 — name"), then the measures with their
    proposers ("Measure: name (3 proposers)")."""
    out = dict(event_choices(ds, f))
    for a in _other_agreements(ds, f).itertuples():
        when = str(int(a.year)) if pd.notna(a.year) else "no year"
        out[a.id] = f"{AGREEMENT}: {when} — {plain(a.name)}"
    proposals = filter_proposals(ds, f)
    names = dict(zip(ds.measures["id"], ds.measures["name"], strict=True))
    for measure, rows in proposals.groupby("measure", sort=False):
        n = rows["proposer"].nunique()
        out[measure] = f"{MEASURE}: {plain(names.get(measure, measure))} ({n} proposer{'s' if n != 1 else ''})"
    return out


def search_text(ds, f: Filters) -> dict[str, str]:
    """{record id: the words the picker searches}: an event's label, title, actors' names and aliases; an
    agreement's label and parties; a measure's label and its proposers."""
    names = actor_names(ds)
    aliases = {r.id: " ".join([r.name, *r.aliases]) for r in ds.actors.itertuples()}
    labels = record_choices(ds, f)
    out = {r.id: " ".join([labels[r.id], *(aliases.get(a, a) for a in r.actors)])
           for r in filter_events(ds, f).itertuples() if r.id in labels}
    for a in _other_agreements(ds, f).itertuples():
        out[a.id] = " ".join([labels[a.id], *(aliases.get(p, p) for p in parties_of(a._asdict()))])
    for measure, rows in filter_proposals(ds, f).groupby("measure", sort=False):
        out[measure] = " ".join([labels[measure], *(names.get(p, p) for p in dict.fromkeys(rows["proposer"]))])
    return out


_WORD = re.compile(r"\w+")


def prefix_matches(query: str, texts: dict[str, str], titles: dict[str, str] | None = None) -> list[str]:
    """The ids whose text has, for every word of `query`, a word starting with it (any case: "coast" finds
    "Coast Guard", never "Pacific Coalition" nor a subsequence like "c-o-a-s-t"). The exact match comes first (its
    title is the query), then the titles that start with the query, then the rest in the given order."""
    words = [w.casefold() for w in _WORD.findall(query)]
    if not words:
        return list(texts)
    found = []
    for rid, text in texts.items():
        have = [w.casefold() for w in _WORD.findall(text)]
        if all(any(h.startswith(w) for h in have) for w in words):
            found.append(rid)
    q = " ".join(words)
    def rank(rid):
        title = " ".join(w.casefold() for w in _WORD.findall((titles or {}).get(rid, "")))
        return 0 if title == q else 1 if title.startswith(q) else 2
    return sorted(found, key=rank)  # stable: the given order within each rank


def _event_card(ds, f: Filters, rows: pd.DataFrame, event_id: str) -> EventCard:
    names = actor_names(ds)
    e = rows.iloc[0]
    quotes = quotes_of(ds, f, [event_id])
    return EventCard(event_id, str(date_labels(rows).iloc[0]), plain(e["title"]), plain(e["summary"]),
                     humanize(e["category"]), bool(e["key"]), tuple(names.get(a, a) for a in e["actors"]),
                     tuple(zip(quotes["quote"], quotes["source_id"], strict=True)))


def _agreement_card(ds, f: Filters, a: pd.Series) -> EventCard:
    names, codebook = actor_names(ds), ds.schema.get("codebook", {})
    quotes = quotes_of(ds, f, [a["id"]])
    when = str(int(a["year"])) + (" (inferred)" if a.get("date_basis") == "inferred" else "") \
        if pd.notna(a["year"]) else "No year in the text"
    summary = " ".join(x for x in (status_label(codebook, a["status"]) + ".", plain(a["note"])) if x.strip(". "))
    return EventCard(a["id"], when, record_titles(ds).get(a["id"], a["name"]), summary,
                     type_text(codebook, a["agreement_type"]), False,
                     tuple(names.get(p, p) for p in parties_of(a.to_dict())),
                     tuple(zip(quotes["quote"], quotes["source_id"], strict=True)), kind=AGREEMENT, who="Parties")


def _measure_card(ds, f: Filters, m: pd.Series) -> EventCard | None:
    proposals = filter_proposals(ds, f)
    rows = proposals[proposals["measure"] == m["id"]]
    if rows.empty:  # a measure no kept proposal makes has nothing to show
        return None
    names = actor_names(ds)
    years = sorted({int(d.year) for d in rows["date_start"]})
    when = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    who = tuple(dict.fromkeys(f"{names.get(p, p)} ({stance_words(s, short=True)})"
                              for p, s in zip(rows["proposer"], rows["stance"], strict=True)))
    quotes = quotes_of(ds, f, list(rows["id"]))
    return EventCard(m["id"], when, plain(m["name"]), plain(m["description"]), humanize(m["category"]), False, who,
                     tuple(zip(quotes["quote"], quotes["source_id"], strict=True)), kind=MEASURE, who="Proposed by")


def event_card(ds, f: Filters, record_id: str) -> EventCard | None:
    """The card of one record: an event, an agreement or mechanism, or a measure (None for an id the data does not
    have, or a measure no proposal under the filters makes); quotes from the selected sources."""
    for table, make in (("events", None), ("agreements", _agreement_card), ("measures", _measure_card)):
        frame = getattr(ds, table)
        rows = frame[frame["id"] == record_id]
        if len(rows):
            return _event_card(ds, f, rows, record_id) if make is None else make(ds, f, rows.iloc[0])
    return None


def event_view(ds, f: Filters, record_id: str) -> View | None:
    card = event_card(ds, f, record_id)
    if card is None:
        return None
    what = " · ".join(x for x in (card.date, card.category, "key event" if card.key else "") if x)
    sources = tuple(dict.fromkeys(s for _, s in card.quotes))
    records = [record_id] if card.kind != MEASURE else list(
        filter_proposals(ds, f).query("measure == @record_id")["id"])  # a measure's slide: its proposals
    return View(EVENT_PREFIX + record_id, card.headline, what, None, records,
                [Finding(card.summary, sources, tuple(records))], event=card,
                empty="No quote from the selected sources." if not card.quotes else "")


def event_views(ds, f: Filters, ids) -> list[View]:
    """The views of the chosen records that exist in the data, in the order chosen."""
    return [v for v in (event_view(ds, f, i) for i in ids) if v is not None]


def event_label(view: View) -> str:
    """The slide's name in Present mode's picker and URL."""
    return f"{view.event.kind}: {view.event.date} — {view.title}" if view.event else view.title
