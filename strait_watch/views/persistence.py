"""What came back: each measure's life across the articles, 2017 -> 2021 (the persistence view).

One row per measure under the filters (`filter_proposals`: an actor filter asks what that actor proposed before
and after): first raised (year, the earliest date at its precision, by whom, in which articles), raised again
(the proposals of a later year: distinct holders, articles, years apart), last raised, and its status:

* **recurring**: raised again in a later year than the first;
* **dropped**: not raised again, though the data goes on after its year (the horizon: the latest year of any
  proposal in the data within the chosen dates, whatever the other filters);
* **new**: first raised in the horizon year itself, too recent to tell.

"Again" is counted by year: two proposals of 2021 are one moment, not a comeback. Every medium draws from
`persistence_table` and `persistence_proposals`: the figure (`persistence_figure`, `medium` = "screen",
"slide", "present"; the phone gets `persistence_list_html`), the CSV rows and the findings' numbers
(`persistence_numbers`, worded in strait_watch.briefing.findings). Pure: no streamlit.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from strait_watch.core import dates, fastfig
from strait_watch.core.filters import Filters, actor_names, filter_proposals
from strait_watch.core.html import render
from strait_watch.core.memo import per_dataset
from strait_watch.core.style import MEASURE_CATEGORY_COLORS, category_color, humanize, stance_words
from strait_watch.core.text import escape_html, plural
from strait_watch.views.network.drawing import country_color

SORTS = {"first": "First raised", "persistence": "Persistence", "support": "Support"}
SORT_HELP = ("First raised: earliest first. Persistence: the most years between first and last raised, then the "
             "most holders who raised it again. Support: the most distinct holders. Always within each category.")
RECURRING, DROPPED, NEW = "recurring", "dropped", "new"
STANCE_SYMBOLS = {"proposes": "circle", "endorses": "star", "reports": "circle-open", "expects": "diamond-open"}
BAND = {RECURRING: "#E3F1E6", DROPPED: "#FBE4E1"}   # row shading: raised again / not raised again
LINE = {RECURRING: "#2E5E3A", DROPPED: "#B0B0B0", NEW: "#B0B0B0"}
DROPPED_TEXT = "#A12B1F"                              # "✕ not raised again" (6.4:1 on its band)


def status_words(status: str, horizon: int | None) -> str:
    """'Raised again', 'Not raised again', 'Only in 2021' (the one wording of a status, every medium)."""
    return {RECURRING: "Raised again", DROPPED: "Not raised again"}.get(status, f"Only in {horizon}" if horizon else "Only once")


# ---------------------------------------------------------------- the selection


def horizon_year(ds, f: Filters) -> int | None:
    """The latest year of any proposal in the data within the chosen dates (other filters aside): a measure
    whose last year is before it was not raised again while the data still speaks."""
    starts, ends = ds.proposals["date_start"], ds.proposals["date_end"]
    keep = pd.Series(True, index=ds.proposals.index)
    if f.start:
        keep &= ends.dt.year >= f.start.year
    if f.end:
        keep &= starts.dt.year <= f.end.year
    years = starts[keep].dt.year
    return int(years.max()) if len(years) else None


@per_dataset(maxsize=32)
def persistence_proposals(ds, f: Filters) -> pd.DataFrame:
    """The proposals under the filters, in date order (core.dates), with what every medium shows of them: year,
    holder's name and country, measure name and category, article title, date label at its precision."""
    p = dates.sort_by_date(filter_proposals(ds, f))
    names = actor_names(ds)
    country = dict(zip(ds.actors["id"], ds.actors["country"], strict=True))
    measure = dict(zip(ds.measures["id"], ds.measures["name"], strict=True))
    category = dict(zip(ds.measures["id"], ds.measures["category"], strict=True))
    titles = dict(zip(ds.sources["id"], ds.sources["title"], strict=True))
    labels = [dates.label(s, e, pr, b) for s, e, pr, b in
              zip(p["date_start"], p["date_end"], p["date_precision"], p["date_basis"], strict=True)]
    return pd.DataFrame({
        "id": p["id"].tolist(), "measure": p["measure"].tolist(),
        "measure_name": [measure.get(m, m) for m in p["measure"]],
        "category": [category.get(m, "") for m in p["measure"]],
        "proposer": p["proposer"].tolist(), "holder": [names.get(a, a) for a in p["proposer"]],
        "country": [country.get(a, "") or "Unknown" for a in p["proposer"]],
        "stance": p["stance"].tolist(), "source_id": p["source_id"].tolist(),
        "article": [titles.get(s, s) for s in p["source_id"]],
        "date": p["date"].tolist(), "date_precision": p["date_precision"].tolist(),
        "date_start": p["date_start"].tolist(), "date_end": p["date_end"].tolist(),
        "year": p["date_start"].dt.year.astype(int).tolist(), "date_label": labels,
    })


TABLE_COLUMNS = ["measure_id", "measure", "category", "status", "first_year", "first_date", "first_precision",
                 "first_label", "first_holders", "first_articles", "again_holders", "again_articles", "years_apart",
                 "last_year", "last_date", "last_precision", "last_label", "last_holders", "last_articles",
                 "holders", "articles", "proposals"]


def _ids(values) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


@per_dataset(maxsize=32)
def persistence_table(ds, f: Filters, sort: str = "first") -> pd.DataFrame:
    """One row per measure proposed under the filters, grouped by category (the palette's order) and sorted within
    it by `sort` (SORTS). Holder, article and proposal columns are tuples of ids (in date order)."""
    p = persistence_proposals(ds, f)
    horizon = horizon_year(ds, f)
    rows = []
    for mid, group in p.groupby("measure", sort=False):  # p is in date order: so is each group
        first_year, last_year = int(group["year"].min()), int(group["year"].max())
        first, last = group[group["year"] == first_year], group[group["year"] == last_year]
        again = group[group["year"] > first_year]
        status = RECURRING if len(again) else (DROPPED if horizon is not None and first_year < horizon else NEW)
        one, end = first.iloc[0], last.iloc[-1]
        rows.append({
            "measure_id": mid, "measure": one["measure_name"], "category": one["category"], "status": status,
            "first_year": first_year, "first_date": one["date"], "first_precision": one["date_precision"],
            "first_label": dates.short_label(one["date"]), "first_holders": _ids(first["proposer"]),
            "first_articles": _ids(first["source_id"]), "again_holders": _ids(again["proposer"]),
            "again_articles": _ids(again["source_id"]), "years_apart": last_year - first_year,
            "last_year": last_year, "last_date": end["date"], "last_precision": end["date_precision"],
            "last_label": dates.short_label(end["date"]), "last_holders": _ids(last["proposer"]),
            "last_articles": _ids(last["source_id"]), "holders": _ids(group["proposer"]),
            "articles": _ids(group["source_id"]), "proposals": _ids(group["id"]),
            "_start": one["date_start"]})
    if not rows:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    table = pd.DataFrame(rows)
    table = table.assign(_again=table["again_holders"].map(len), _holders=table["holders"].map(len),
                         _articles=table["articles"].map(len))
    keys = {"first": (["_start", "measure"], [True, True]),
            "persistence": (["years_apart", "_again", "_start", "measure"], [False, False, True, True]),
            "support": (["_holders", "_articles", "_start", "measure"], [False, False, True, True])}[sort]
    table = table.sort_values(keys[0], ascending=keys[1], kind="stable")
    rank = {c: i for i, c in enumerate(MEASURE_CATEGORY_COLORS)}
    table = table.assign(_c=table["category"].map(lambda c: rank.get(c, len(rank)))).sort_values("_c", kind="stable")
    return table[TABLE_COLUMNS].reset_index(drop=True)


@dataclass(frozen=True)
class Persistence:
    """The findings' numbers: what became of the measures first raised in the selection's earliest year."""
    earliest: int | None             # the earliest year any measure was first raised (None: no proposals)
    horizon: int | None
    early: tuple[str, ...]           # measure ids first raised in `earliest`
    again: tuple[str, ...]           # of those, raised again in a later year
    dropped: tuple[str, ...]         # of those, not raised again
    again_years: tuple[int, ...]     # the later years they were raised in
    again_holders: tuple[str, ...]   # distinct holders of those later proposals
    again_articles: tuple[str, ...]  # distinct articles of those later proposals
    between: tuple[str, ...]         # measures first raised after `earliest` and before the horizon
    new: tuple[str, ...]             # measures first raised in the horizon year
    measures: int                    # measures in the selection


def persistence_numbers(ds, f: Filters) -> Persistence:
    table, p = persistence_table(ds, f), persistence_proposals(ds, f)
    horizon = horizon_year(ds, f)
    if table.empty:
        return Persistence(None, horizon, (), (), (), (), (), (), (), (), 0)
    earliest = int(table["first_year"].min())
    early = table[table["first_year"] == earliest] if horizon is None or earliest < horizon else table.iloc[:0]
    later = p[p["measure"].isin(early["measure_id"]) & (p["year"] > earliest)]
    between = table[(table["first_year"] > earliest) & (table["status"] != NEW)]
    return Persistence(
        earliest, horizon, tuple(early["measure_id"]), tuple(early.loc[early["status"] == RECURRING, "measure_id"]),
        tuple(early.loc[early["status"] == DROPPED, "measure_id"]), tuple(sorted(set(later["year"]))),
        _ids(later["proposer"]), _ids(later["source_id"]), tuple(between["measure_id"]),
        tuple(table.loc[table["status"] == NEW, "measure_id"]), len(table))


# ---------------------------------------------------------------- the figure

# Per medium: font px, label characters per line, px per label line, mark px, px between marks, category
# headings, figure width and height (None: the page's), the plot's planned width in px (marks per line).
# On a slide and in Present a name loses its parenthesis ("Military hotline"; the notes and the CSV name it
# whole), and Present keeps only the countries in its legend (its caption says what shapes and shading mean).
_MEDIA = {
    "screen": dict(font=12, wrap=46, line=16, mark=11, slot=15, pad=10, headers=True, width=None, height=None,
                   plot=600, short=False, legend="below"),
    "slide": dict(font=18, wrap=36, line=21, mark=15, slot=19, pad=6, headers=False, width=1200, height=694,
                  plot=470, short=True, legend="side"),
    "present": dict(font=18, wrap=50, line=21, mark=13, slot=17, pad=5, headers=False, width=None, height=540,
                    plot=350, short=True, legend="countries"),
}
PRESENT_KEY = ("Marks: ● own call, ○ reported, ★ endorses another's, ◇ expects it; green rows were raised again "
               "in a later year, red rows were not.")
_CHAR = 0.56  # one character, in em, generously


def short_name(name: str) -> str:
    """A measure's name without its closing parenthesis, for a slide: 'Military hotline (maritime and air
    communication mechanism)' -> 'Military hotline'."""
    return re.sub(r"\s*\([^()]*\)$", "", name) or name


def slide_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The rows a slide and Present draw: the measures with a history (first raised before the horizon year),
    so that 2017 -> 2021 reads from the back of a room; all of them when none has one."""
    history = table[table["status"] != NEW]
    return history if len(history) else table


def _hover(r) -> str:
    return (f"<b>{escape_html(r.holder)}</b> ({escape_html(r.country)}) · {stance_words(r.stance)}"
            f"<br>{escape_html(r.date_label)}<br>{escape_html(r.measure_name)}<br><i>{escape_html(r.article)}</i>"
            "<br>Click for the evidence")


@per_dataset(maxsize=32)
def persistence_figure(ds, f: Filters, medium: str = "screen", sort: str = "first") -> go.Figure:
    """Measures as rows grouped by category, the years across; one mark per proposal in its year, in date order
    (hover: the date at its precision), coloured by the holder's country, shaped by its stance; a line from the
    first to the latest proposal; rows raised again shaded green, rows not raised again shaded red and marked
    ✕. Every mark carries its proposal id in customdata[0]. `medium`: screen, slide or present (the phone has
    `persistence_list_html`)."""
    g = _MEDIA[medium]
    table, p = persistence_table(ds, f, sort), persistence_proposals(ds, f)
    horizon = horizon_year(ds, f)
    if medium != "screen":
        table = slide_rows(table)
    if table.empty:
        return fastfig.figure([], dict(height=g["height"] or 200, xaxis=dict(visible=False), yaxis=dict(visible=False),
                                       annotations=[dict(text="No proposals match these filters.", showarrow=False,
                                                         xref="paper", yref="paper", x=0.5, y=0.5)]))
    p = p[p["measure"].isin(table["measure_id"])]
    y0, y1 = int(table["first_year"].min()), int(max(table["last_year"].max(), horizon or 0))
    years = list(range(y0, y1 + 1))
    year_px = g["plot"] / len(years)
    per_line = max(1, int(0.86 * year_px // g["slot"]))
    dx = g["slot"] / year_px  # x units between two marks
    mark_pitch = g["slot"]
    data, shapes, notes = [], [], []
    y, previous = 0.0, None
    marks: list[dict] = []
    lines: list[dict] = []
    for row in table.itertuples():
        if g["headers"] and row.category != previous:
            y += 6
            notes.append(dict(text=f"<b>{escape_html(humanize(row.category))}</b>", x=0, xref="paper", y=y + 8,
                              yref="y", xanchor="left", yanchor="middle", xshift=-_label_px(g), showarrow=False,
                              align="left", font=dict(size=g["font"] + 1, color="#222")))
            y += 18
        name = short_name(row.measure) if g["short"] else row.measure
        label = textwrap.wrap(name, g["wrap"], break_long_words=False) or [name]
        mine = p[p["measure"] == row.measure_id]
        per_year = mine.groupby("year", sort=True)
        mark_lines = max((-(-len(ys) // per_line) for _, ys in per_year), default=1)
        height = max(len(label) * g["line"], mark_lines * mark_pitch) + g["pad"]
        top, mid = y, y + height / 2
        first_line = mid - (mark_lines - 1) * mark_pitch / 2
        if row.status in BAND:
            shapes.append(dict(type="rect", xref="paper", x0=0, x1=1, yref="y", y0=top + 1, y1=top + height - 1,
                               fillcolor=BAND[row.status], line=dict(width=0), layer="below"))
        shapes.append(dict(type="rect", xref="paper", x0=0, x1=0.008, yref="y", y0=top + 1, y1=top + height - 1,
                           fillcolor=category_color(row.category), line=dict(width=0), layer="below"))
        notes.append(dict(text="<br>".join(escape_html(x) for x in label), x=0, xref="paper", y=mid, yref="y",
                          xanchor="left", yanchor="middle", xshift=-_label_px(g), showarrow=False, align="left",
                          font=dict(size=g["font"], color="#222"), name=f"label:{row.measure_id}"))
        placed = []
        for year, group in per_year:
            for i, r in enumerate(group.itertuples()):
                line_no, pos = divmod(i, per_line)
                k = min(per_line, len(group) - line_no * per_line)
                placed.append((year + (pos - (k - 1) / 2) * dx, first_line + line_no * mark_pitch, r))
        marks += [dict(x=x, y=yy, r=r) for x, yy, r in placed]
        if len(placed) > 1:
            lines.append(dict(x=[placed[0][0], placed[-1][0]], y=[first_line, first_line], status=row.status))
        if row.status == DROPPED:
            notes.append(dict(text="✕ not raised again", x=row.last_year + 0.5, xref="x", y=mid, yref="y",
                              xanchor="left", yanchor="middle", xshift=4, showarrow=False,
                              font=dict(size=max(g["font"] - 1, 12 if medium == "screen" else 18), color=DROPPED_TEXT)))
        y += height
        previous = row.category
    total = y + 4
    data += [dict(type="scatter", x=ln["x"], y=ln["y"], mode="lines", hoverinfo="skip", showlegend=False,
                  line=dict(color=LINE[ln["status"]], width=3 if ln["status"] == RECURRING else 1.5))
             for ln in lines]
    data += _mark_traces(marks, g)
    data += _legend_only(p, g, marks)
    for year in years[1:]:
        shapes.append(dict(type="line", xref="x", x0=year - 0.5, x1=year - 0.5, yref="paper", y0=0, y1=1,
                           line=dict(color="#DDDDDD", width=1), layer="below"))
    legend = (dict(orientation="v", x=1.02, xanchor="left", y=1, yanchor="top") if g["legend"] == "side" else
              dict(orientation="h", x=0, xanchor="left", y=-0.01 - 40 / (total + 120), yanchor="top"))
    if g["legend"] == "countries":  # plotly wraps a horizontal legend to the plot's width: a key of its own, one line
        notes += _country_key(marks, g)
    layout = dict(
        xaxis=dict(range=[y0 - 0.5, y1 + 0.5], tickmode="array", tickvals=years, ticktext=[str(x) for x in years],
                   side="top", showgrid=False, zeroline=False, fixedrange=True, tickfont=dict(size=g["font"] + 1)),
        yaxis=dict(range=[total, 0], showticklabels=False, showgrid=False, zeroline=False, fixedrange=True),
        shapes=shapes, annotations=notes, plot_bgcolor="white", showlegend=g["legend"] != "countries", paper_bgcolor="white", hovermode="closest",
        clickmode="event+select", dragmode=False, font=dict(size=g["font"]),
        legend=dict(legend, font=dict(size=g["font"]), groupclick="toggleitem", traceorder="grouped",
                    grouptitlefont=dict(size=g["font"])),
        margin=dict(l=_label_px(g) + 4, r=10, t=36 if medium == "slide" else 30,
                    b=10 if g["legend"] == "side" else (36 if medium == "present" else 110)),
        hoverlabel=dict(align="left", bgcolor="white", font=dict(size=12, color="#222")),
        height=g["height"] or int(total + 150))  # screen: the legend's three groups in the bottom margin
    if g["width"]:
        layout["width"] = g["width"]
    return fastfig.figure(data, layout)


def _label_px(g: dict) -> int:
    return int(g["wrap"] * g["font"] * _CHAR) + 14


def _mark_traces(marks: list[dict], g: dict) -> list[dict]:
    """One trace per holder's country (its legend entry), the marks shaped by stance."""
    by_country: dict[str, list[dict]] = {}
    for m in marks:
        by_country.setdefault(m["r"].country, []).append(m)
    out = []
    for country, ms in sorted(by_country.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        colour = country_color(country)
        out.append(dict(
            type="scatter", mode="markers", x=[m["x"] for m in ms], y=[m["y"] for m in ms], name=escape_html(country),
            legendgroup="country", showlegend=False,
            customdata=[[m["r"].id, _hover(m["r"])] for m in ms], hovertemplate="%{customdata[1]}<extra></extra>",
            marker=dict(color=colour, size=g["mark"], symbol=[STANCE_SYMBOLS.get(m["r"].stance, "circle") for m in ms],
                        line=dict(color=colour, width=2)),
            unselected=dict(marker=dict(opacity=1))))
    return out


def _countries(marks: list[dict]) -> list[str]:
    counts = pd.Series([m["r"].country for m in marks], dtype=object).value_counts()
    return sorted(counts.index, key=lambda c: (-counts[c], c))


def _country_key(marks: list[dict], g: dict) -> list[dict]:
    """Present's key under the chart, on one line: a square in each holder's country colour, then its name."""
    out, x = [], 0
    for c in _countries(marks):
        for text, colour, dx in (("■", country_color(c), 0), (c, "#222", g["font"] + 4)):
            out.append(dict(text=escape_html(text), x=0, xref="paper", y=0, yref="paper", yanchor="top", xanchor="left",
                            xshift=-_label_px(g) + x + dx, yshift=-8, showarrow=False,
                            font=dict(size=g["font"], color=colour)))
        x += g["font"] + 4 + int(len(c) * g["font"] * _CHAR) + 24
    return out


def _legend_only(p: pd.DataFrame, g: dict, marks: list[dict]) -> list[dict]:
    """Legend entries without data: the holders' countries (squares: the marks' shapes are their stances), the
    stances' shapes (in grey) and the two row shadings (Present: the countries only)."""
    out = [dict(type="scatter", mode="markers", x=[None], y=[None], name=escape_html(c), legendgroup="country",
                legendgrouptitle=dict(text="Holder's country"), hoverinfo="skip",
                marker=dict(symbol="square", color=country_color(c), size=g["mark"]))
           for c in _countries(marks)]
    out += [dict(type="scatter", mode="markers", x=[None], y=[None], name=stance_words(s, short=True), legendgroup="stance",
                legendgrouptitle=dict(text="Stance"), hoverinfo="skip",
                marker=dict(symbol=STANCE_SYMBOLS[s], color="#555555", size=g["mark"], line=dict(color="#555555", width=2)))
           for s in STANCE_SYMBOLS if s in set(p["stance"])]
    out += [dict(type="scatter", mode="markers", x=[None], y=[None], name=words, legendgroup="rows",
                 legendgrouptitle=dict(text="Rows"), hoverinfo="skip",
                 marker=dict(symbol="square", color=BAND[status], size=g["mark"] + 2, line=dict(color="#888", width=1)))
            for status, words in ((RECURRING, "raised again later"), (DROPPED, "not raised again"))]
    return out


# ---------------------------------------------------------------- the phone, the CSV


def measure_lines(row, names: dict, titles: dict, horizon: int | None) -> dict:
    """A measure's life in words (the phone list): first, again, last; plain text."""
    who = lambda ids: ", ".join(names.get(a, a) for a in ids)  # noqa: E731
    where = lambda ids: "; ".join(titles.get(s, s) for s in ids)  # noqa: E731
    first = f"First raised {row.first_label} by {who(row.first_holders)} in {where(row.first_articles)}"
    if row.status == RECURRING:
        again = (f"Raised again by {plural(len(row.again_holders), 'holder')} in "
                 f"{plural(len(row.again_articles), 'article')}; last in {row.last_year} by {who(row.last_holders)} "
                 f"({plural(row.years_apart, 'year')} after)")
    elif row.status == DROPPED:
        again = f"Not raised again by {horizon}"
    else:
        again = f"First raised in {row.first_year}, the latest year of the data: too soon to tell"
    return {"first": first, "again": again}


def persistence_list_html(ds, f: Filters, sort: str = "first") -> str:
    """The phone's view: a list per measure, grouped by category, each with its status and its life in words
    (escaped HTML from the template persistence_list.html.j2); '' when nothing matches."""
    table = persistence_table(ds, f, sort)
    if table.empty:
        return ""
    names, horizon = actor_names(ds), horizon_year(ds, f)
    titles = dict(zip(ds.sources["id"], ds.sources["title"], strict=True))
    groups: list[dict] = []
    for row in table.itertuples():
        if not groups or groups[-1]["category"] != row.category:
            groups.append({"category": row.category, "title": humanize(row.category), "rows": []})
        groups[-1]["rows"].append({"id": row.measure_id, "name": row.measure, "status": row.status,
                                   "status_words": status_words(row.status, horizon),
                                   "color": category_color(row.category), **measure_lines(row, names, titles, horizon)})
    return render("persistence_list.html.j2", groups=groups)


def persistence_rows(ds, table: pd.DataFrame) -> pd.DataFrame:
    """The CSV: one row per measure, ISO first/last dates with their precision, holders and articles by name."""
    names = actor_names(ds)
    titles = dict(zip(ds.sources["id"], ds.sources["title"], strict=True))

    def who(ids):
        return "; ".join(names.get(a, a) for a in ids)

    def where(ids):
        return "; ".join(titles.get(s, s) for s in ids)

    return pd.DataFrame({
        "measure_id": table["measure_id"].tolist(), "measure": table["measure"].tolist(),
        "category": [humanize(c) for c in table["category"]], "status": table["status"].tolist(),
        "first_date": table["first_date"].tolist(), "first_precision": table["first_precision"].tolist(),
        "first_holders": [who(x) for x in table["first_holders"]],
        "first_articles": [where(x) for x in table["first_articles"]],
        "last_date": table["last_date"].tolist(), "last_precision": table["last_precision"].tolist(),
        "last_holders": [who(x) for x in table["last_holders"]],
        "years_apart": table["years_apart"].tolist(),
        "raised_again_by": [len(x) for x in table["again_holders"]],
        "raised_again_in_articles": [len(x) for x in table["again_articles"]],
        "holders": [who(x) for x in table["holders"]], "holder_count": [len(x) for x in table["holders"]],
        "articles": [where(x) for x in table["articles"]], "article_count": [len(x) for x in table["articles"]],
        "proposals": [len(x) for x in table["proposals"]],
    })
