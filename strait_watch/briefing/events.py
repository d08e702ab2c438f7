"""Single-event slides: a key event on its own slide (date at its precision, headline, summary, actors, the
quotes with their article references), and the events a briefer may choose from (key events first)."""

from __future__ import annotations

from strait_watch.briefing.model import EVENT_PREFIX, EventCard, Finding, View, quotes_of
from strait_watch.core.filters import Filters, actor_names, filter_events
from strait_watch.core.style import humanize
from strait_watch.core.text import plain
from strait_watch.views.timeline import date_labels


def event_choices(ds, f: Filters) -> dict[str, str]:
    """{event id: "◆ 14 Jun 2021 — headline"} of every event the filters keep, of any year (issue 28: the 2016
    maritime affairs dialogue can have its slide), key events first, then by date."""
    events = filter_events(ds, f)
    if events.empty:
        return {}
    events = events.assign(when=date_labels(events)).sort_values(["key", "date_start", "id"],
                                                                     ascending=[False, True, True], kind="stable")
    return {r.id: f"{'◆ ' if r.key else ''}{r.when} — {plain(r.title)}" for r in events.itertuples()}


def event_card(ds, f: Filters, event_id: str) -> EventCard | None:
    """The card of one event (None for an id the data does not have); quotes from the selected sources."""
    rows = ds.events[ds.events["id"] == event_id]
    if rows.empty:
        return None
    names = actor_names(ds)
    e = rows.iloc[0]
    quotes = quotes_of(ds, f, [event_id])
    return EventCard(event_id, str(date_labels(rows).iloc[0]), plain(e["title"]), plain(e["summary"]),
                     humanize(e["category"]), bool(e["key"]), tuple(names.get(a, a) for a in e["actors"]),
                     tuple(zip(quotes["quote"], quotes["source_id"], strict=True)))


def event_view(ds, f: Filters, event_id: str) -> View | None:
    card = event_card(ds, f, event_id)
    if card is None:
        return None
    what = " · ".join(x for x in (card.date, card.category, "key event" if card.key else "") if x)
    sources = tuple(dict.fromkeys(s for _, s in card.quotes))
    return View(EVENT_PREFIX + event_id, card.headline, what, None, [event_id],
                [Finding(card.summary, sources, (event_id,))], event=card,
                empty="No quote from the selected sources." if not card.quotes else "")


def event_views(ds, f: Filters, ids) -> list[View]:
    """The views of the chosen events that exist in the data, in the order chosen."""
    return [v for v in (event_view(ds, f, i) for i in ids) if v is not None]


def event_label(view: View) -> str:
    """The slide's name in Present mode's picker and URL."""
    return f"Event: {view.event.date} — {view.title}" if view.event else view.title
