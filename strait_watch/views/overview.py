"""The overview: 2021 at a glance (counts by month and category, most active actors, latest events, coverage per source)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from strait_watch.core import dates, fastfig
from strait_watch.core.filters import (
    Filters,
    filter_agreements,
    filter_events,
    filter_evidence,
    filter_proposals,
)
from strait_watch.core.memo import per_dataset
from strait_watch.core.style import EVENT_CATEGORY_COLORS, category_color, humanize
from strait_watch.views.timeline import busiest_month, busiest_month_text, date_labels


@per_dataset(maxsize=4)
def _evidence(ds, f: Filters) -> pd.DataFrame:
    """filter_evidence, computed once per rerun: the metric row and the coverage table both need it (read-only)."""
    return filter_evidence(ds, f)


def headline_scope(f: Filters) -> str:
    """What the metric row counts: every year in the data unless the user chose dates."""
    return "in the chosen dates" if (f.start or f.end) else "all years"


def headline_counts(ds, f: Filters) -> dict[str, int]:
    """Numbers of records that pass the filters, for the metric row (all years: see headline_scope)."""
    events = filter_events(ds, f)
    return {
        "Events": len(events),
        "Key events": int(events["key"].sum()),
        "Agreements": len(filter_agreements(ds, f)),
        "Proposals": len(filter_proposals(ds, f)),
        "Quotes": len(_evidence(ds, f)),
    }


def counts_by_month_category(events: pd.DataFrame) -> pd.DataFrame:
    """Rows (month, category, events) for day- and month-dated events; year-dated ones have no month."""
    dated = events[events["date_precision"] != "year"]
    if dated.empty:
        return pd.DataFrame({"month": pd.Series(dtype="datetime64[ns]"), "category": pd.Series(dtype=str), "events": pd.Series(dtype=int)})
    month = dated["date_start"].dt.to_period("M").dt.to_timestamp()
    out = dated.assign(month=month).groupby(["month", "category"]).size().rename("events").reset_index()
    return out.sort_values(["month", "category"], ignore_index=True)


def build_month_category_figure(events: pd.DataFrame, year: int | None = None) -> go.Figure:
    """Stacked monthly bars, one colour per event category (colours shared with the timeline).

    With `year`, the axis runs January to December of that year even where the first or last months are empty."""
    counts = counts_by_month_category(events)
    present = set(counts["category"])
    order = [c for c in EVENT_CATEGORY_COLORS if c in present]
    order += sorted(present - set(order))
    parts = dict(tuple(counts.groupby("category", sort=False))) if len(counts) else {}
    # Built as one dict (not add_trace/update_* calls): plotly validates each call, which dominated the time.
    traces = [dict(
        type="bar", x=parts[category]["month"], y=parts[category]["events"], name=humanize(category),
        marker=dict(color=category_color(category)), width=26 * 86400 * 1000,  # a month wide, even when alone
        customdata=parts[category]["month"].dt.strftime("%Y-%m").to_numpy(dtype=object),
        hovertemplate="%{x|%b %Y}: %{y} " + humanize(category).lower() + " (click to show that month)<extra></extra>",
        xperiod="M1", xperiodalignment="middle",
    ) for category in order]
    xaxis = dict(type="date")
    if len(counts):  # whole months on both ends; every month labelled at its middle, January included
        first, last = counts["month"].min(), counts["month"].max()
        if year is not None:
            first, last = min(first, pd.Timestamp(year, 1, 1)), max(last, pd.Timestamp(year, 12, 1))
        xaxis.update(range=[first, last + pd.offsets.MonthEnd(1)], **month_ticks(first, last))
    layout = dict(
        barmode="stack", height=320, margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white",
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0), yaxis=dict(title=dict(text="events"), gridcolor="#eee"),
        xaxis=xaxis,
    )
    return fastfig.figure(traces, layout)


NOT_ACTORS = {"place"}  # a place (the Taiwan Strait, Yonaguni) is where events happen, not who acts


def month_ticks(first: pd.Timestamp, last: pd.Timestamp) -> dict:
    """Axis ticks for the months first..last: one label per month at its middle ('Jan<br>2021', 'Feb', ...), the
    year under the first month and under each January. Explicit ticks: plotly's period labels drop the first month."""
    months = pd.period_range(first, last, freq="M")
    return dict(tickmode="array", tickvals=[m.start_time + pd.Timedelta(days=14) for m in months],
                ticktext=[m.strftime("%b") + (m.strftime("<br>%Y") if i == 0 or m.month == 1 else "")
                          for i, m in enumerate(months)])


def most_active_actors(events: pd.DataFrame, actors: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """Actors by number of events they take part in: name, kind, country, events. Places are not ranked."""
    places = set(actors.loc[actors["kind"].isin(NOT_ACTORS), "id"].tolist()) if "kind" in actors else set()
    counts = events["actors"].explode().dropna()
    counts = counts[~counts.isin(places)].value_counts()
    if counts.empty:
        return pd.DataFrame(columns=["Actor", "Kind", "Country", "Events"])
    info = actors.set_index("id")
    ids = counts.index.astype(object)
    known = ids.isin(info.index)
    # Unknown ids keep their id as the name and blanks elsewhere (the loader rejects them, tests may not).
    out = pd.DataFrame({
        "Actor": [name if ok else a for a, ok, name in zip(ids, known, info["name"].reindex(ids), strict=True)],
        "Kind": [humanize(kind) if ok else "" for ok, kind in zip(known, info["kind"].reindex(ids), strict=True)],
        "Country": [country if ok else "" for ok, country in zip(known, info["country"].reindex(ids), strict=True)],
        "Events": [int(c) for c in counts.to_numpy()],
    }, columns=["Actor", "Kind", "Country", "Events"])
    return out.sort_values(["Events", "Actor"], ascending=[False, True], ignore_index=True).head(n)


def latest_events(events: pd.DataFrame, n: int = 8) -> pd.DataFrame:
    """The n most recent events by what the text gives (core.dates.sort_by_date: a year-only 2021 event is
    not later than a dated December one): Date, Title, Category."""
    recent = dates.sort_by_date(events, ascending=False).head(n)
    return pd.DataFrame({
        "Date": date_labels(recent).tolist(),
        "Title": recent["title"].tolist(),
        "Category": recent["category"].map(humanize).tolist(),
    })


def source_coverage(ds, f: Filters) -> pd.DataFrame:
    """Per source: how many of the filtered events, agreements and proposals it supports, and its quotes."""
    evidence = _evidence(ds, f)
    per = evidence.groupby(["source_id", "record_type"])["record_id"].nunique().unstack(fill_value=0)
    quotes = evidence.groupby("source_id").size()
    rows = []
    for src in ds.sources.itertuples():
        if f.sources and src.id not in f.sources:
            continue
        def count(t, sid=src.id) -> int:
            return int(per.at[sid, t]) if sid in per.index and t in per.columns else 0
        rows.append({
            "Source": src.title, "Author": src.author or "—", "Publisher": src.publisher or "—",
            "Published": src.published or f"{src.published_estimate} (estimated)",
            "Events": count("event"), "Agreements": count("agreement"), "Proposals": count("proposal"),
            "Quotes": int(quotes.get(src.id, 0)),
        })
    return pd.DataFrame(rows, columns=["Source", "Author", "Publisher", "Published", "Events", "Agreements", "Proposals", "Quotes"])


def compact_coverage(coverage: pd.DataFrame) -> pd.DataFrame:
    """source_coverage in two columns for a phone: Source (title, author, date) and Records ('3 events · 1
    agreement · 4 proposals · 12 quotes'): eight columns do not fit 390 px."""
    def counted(n: int, noun: str) -> str:
        return f"{n} {noun}{'' if n == 1 else 's'}"
    return pd.DataFrame({
        "Source": [f"{r.Source} ({r.Author}, {r.Published})" if r.Author != "—" else f"{r.Source} ({r.Published})"
                   for r in coverage.itertuples()],
        "Records": [" · ".join(counted(int(n), noun) for n, noun in
                               ((r.Events, "event"), (r.Agreements, "agreement"), (r.Proposals, "proposal"), (r.Quotes, "quote")))
                    for r in coverage.itertuples()],
    }, columns=["Source", "Records"])


def density_note(events: pd.DataFrame) -> str:
    """The busiest month in a sentence (views.timeline.busiest_month: the deck's finding says the same), or ''."""
    found = busiest_month(events)
    return busiest_month_text(found) + "." if found else ""
