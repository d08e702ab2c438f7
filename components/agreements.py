"""Japan's defence-agreement matrix, the 2021 Taiwan Strait statements and the other agreements.

Pure functions: DataFrames and plain values in, DataFrames and plotly figures out. No streamlit.

The matrix has one cell per (partner, agreement type); ``build_matrix_table`` returns it in long
form (one row per cell) and the figure builders draw it the way the article's Table 1 does:
agreement types as rows (GSOMIA, ACSA, equipment, RAA top to bottom), partners as columns.

Partners and types beyond the article's five and four:

* Rows taken into the matrix: every Table 1 row (``table1``), plus every *bilateral* agreement of a
  matrix type between Japan and one other party (``party_b`` set, no ``other_parties``). A new
  Japan–Canada ACSA therefore adds a Canada column without any code change.
* Partner order: the article's five in the article's order (Australia, India, U.K., France,
  Germany), then any other partner alphabetically by display name. Only partners that have at
  least one row are drawn, so an actor filter narrows the columns.
* Type order: the article's four in the article's order, then any other type that a Table 1 row
  or the ``types=`` argument brings, in codebook order (unknown types last, alphabetically).
  Pass ``types=("gsomia", "acsa", "equipment", "raa", "defence-agreement")`` to add a row.
* A cell with no row (an extra partner has an ACSA but no GSOMIA row, say, or a source filter
  hid the row) is "missing": white with a dash and its own legend entry, never drawn like the
  article's X, which is an explicit "none as of the source" row.
* Two rows in one cell (a revision, a second agreement): the Table 1 row wins, else the earliest
  dated; the hover says how many more there are.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from components import dates
from components.style import escape_html, humanize

HOME = "japan"
ARTICLE_PARTNERS = ("australia", "india", "uk", "france", "germany")
MATRIX_TYPES = ("gsomia", "acsa", "equipment", "raa")
ANIMATION_YEARS = tuple(range(2012, 2022))

# Cell states, in the order the legend lists them.
CONCLUDED, LATER, NONE, OTHER, MISSING = "concluded", "later", "none", "other", "missing"
STATE_LABELS = {
    CONCLUDED: "Concluded (the year is shown)",
    LATER: "Not yet concluded at the as-of year",
    NONE: "No agreement as of the source (✕ in the article's Table 1)",
    OTHER: "Named, not concluded (status shown)",
    MISSING: "No record (in the data or under the filters)",
}
STATE_COLOURS = {
    CONCLUDED: "#1f5f99",
    LATER: "#dbe8f5",
    NONE: "#f1f1f1",
    OTHER: "#f6e7c1",
    MISSING: "#ffffff",
}
_STATE_CODE = {s: i for i, s in enumerate((MISSING, NONE, OTHER, LATER, CONCLUDED))}
_TEXT_COLOURS = {CONCLUDED: "#ffffff", LATER: "#4a6f94", NONE: "#555555", OTHER: "#6b5200", MISSING: "#999999"}
_NOT_CONCLUDED = {"proposed", "sought", "not-stated"}
_GRID = "#c8c8c8"

MATRIX_COLUMNS = [
    "partner", "partner_name", "agreement_type", "type_short", "type_long", "year", "status",
    "state", "id", "name", "abbreviation", "quote", "source_id", "more", "table1",
]


# --- labels from the codebook and the actors table -------------------------------------------

def type_labels(codebook: Mapping | None, agreement_type: str) -> tuple[str, str]:
    """(short, long) label of an agreement type: "GSOMIA: General ..." -> ("GSOMIA", "General ...")."""
    text = ((codebook or {}).get("agreement types") or {}).get(agreement_type, "")
    if ":" in text:
        short, long = (part.strip() for part in text.split(":", 1))
        return short, long
    short = humanize(agreement_type)
    return short, text or short


def _type_text(codebook: Mapping | None, agreement_type: str) -> str:
    """The codebook's words for a type ("GSOMIA: General Security ...", "Domestic law or act")."""
    return ((codebook or {}).get("agreement types") or {}).get(agreement_type) or humanize(agreement_type)


def status_label(codebook: Mapping | None, status: str) -> str:
    """The codebook's description of a status, or the status itself."""
    return ((codebook or {}).get("agreement statuses") or {}).get(status, status.replace("-", " "))


def _names(actors: pd.DataFrame | None) -> dict[str, str]:
    if actors is None or actors.empty:
        return {}
    return dict(zip(actors["id"].tolist(), actors["name"].tolist()))


def _kinds(actors: pd.DataFrame | None) -> dict[str, str]:
    if actors is None or actors.empty or "kind" not in actors:
        return {}
    return dict(zip(actors["id"].tolist(), actors["kind"].tolist()))


def _first_quotes(evidence: pd.DataFrame | None, ids: Iterable[str] | None = None) -> dict[str, tuple[str, str]]:
    """record id -> (quote, source id) of its first evidence row (file order); only ``ids`` if given.

    Narrowing to ``ids`` first keeps this cheap on a large evidence table (a few records need quotes).
    """
    if evidence is None or evidence.empty:
        return {}
    if ids is not None:
        evidence = evidence[evidence["record_id"].isin(list(ids))]
    first = evidence.drop_duplicates("record_id")
    return {r: (q, s) for r, q, s in zip(first["record_id"].tolist(), first["quote"].tolist(),
                                         first["source_id"].tolist())}


def _year(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


# --- the matrix as a table -------------------------------------------------------------------

def _other_party(a: str, b: str, others, home: str) -> str:
    """The partner of a bilateral agreement (parties ``a``, ``b``, ``others``) with ``home``, or "" if it is not one."""
    if list(others or []):
        return ""
    if a == home and b and b != home:
        return b
    if b == home and a and a != home:
        return a
    return ""


def _bilateral_partners(agreements: pd.DataFrame, home: str) -> list[str]:
    """``_other_party`` of every row, from plain column lists (a row Series per agreement is slow)."""
    return [_other_party(a, b, others, home) for a, b, others in zip(
        agreements["party_a"].tolist(), agreements["party_b"].tolist(), agreements["other_parties"].tolist())]


def matrix_mask(agreements: pd.DataFrame, types: Iterable[str] = MATRIX_TYPES, home: str = HOME) -> pd.Series:
    """True for the agreement rows the matrix draws (Table 1 rows and bilateral ones of its types)."""
    if agreements.empty:
        return pd.Series(False, index=agreements.index, dtype=bool)
    types = set(types)
    keep = [bool(t1) or (t in types and bool(p)) for t1, t, p in zip(
        agreements["table1"].tolist(), agreements["agreement_type"].tolist(), _bilateral_partners(agreements, home))]
    return pd.Series(keep, index=agreements.index, dtype=bool)


def _order_types(found: Iterable[str], codebook: Mapping | None, types: Sequence[str] | None) -> list[str]:
    wanted = list(types) if types is not None else list(MATRIX_TYPES)
    extra = [t for t in dict.fromkeys(found) if t not in wanted]
    vocabulary = list(((codebook or {}).get("agreement types") or {}).keys())
    extra.sort(key=lambda t: (vocabulary.index(t) if t in vocabulary else len(vocabulary), t))
    return wanted + extra


def _order_partners(found: Iterable[str], names: Mapping[str, str]) -> list[str]:
    found = list(dict.fromkeys(found))
    first = [p for p in ARTICLE_PARTNERS if p in found]
    rest = sorted((p for p in found if p not in ARTICLE_PARTNERS), key=lambda p: names.get(p, p).lower())
    return first + rest


def cell_state(status: str, year, as_of: int | None = None) -> str:
    """State of one cell as of a year (None: as of the source)."""
    if status == "none-as-of-source":
        return NONE
    if status in _NOT_CONCLUDED or _year(year) is None:
        return OTHER
    if as_of is not None and _year(year) > as_of:
        return LATER
    return CONCLUDED


def _pick(rows: Sequence[Mapping]) -> Mapping:
    """The row a cell shows when several share it: Table 1 first, then the earliest year (then file order)."""
    return min(rows, key=lambda r: (not bool(r["table1"]), 9999 if _year(r["year"]) is None else _year(r["year"])))


def build_matrix_table(
    agreements: pd.DataFrame,
    as_of: int | None = None,
    *,
    evidence: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
    codebook: Mapping | None = None,
    types: Sequence[str] | None = None,
    home: str = HOME,
) -> pd.DataFrame:
    """Partners x types in long form, one row per cell (columns: ``MATRIX_COLUMNS``).

    ``year``/``status``/``id``/``name``/``quote`` come from the cell's agreement ("" and <NA> for
    a cell with no row); ``state`` is one of concluded/later/none/other/missing as of ``as_of``
    (None: as of the source). ``evidence`` should already be narrowed to the selected sources.
    Rows are ordered partner by partner, types in matrix order (see the module docstring).
    """
    names = _names(actors)
    mask = matrix_mask(agreements, types or MATRIX_TYPES, home) if not agreements.empty else []
    rows = agreements[mask] if len(agreements) else agreements
    if rows.empty:
        return pd.DataFrame(columns=MATRIX_COLUMNS).astype({"year": "Int64", "more": int})
    bilateral = _bilateral_partners(rows, home)
    records = rows.to_dict("records")
    # One pass groups the rows by cell (file order kept), instead of filtering the frame per cell.
    by_cell: dict[tuple[str, str], list[dict]] = {}
    for r, other in zip(records, bilateral):
        r["partner"] = other or (r["party_b"] if r["party_a"] == home else r["party_a"])
        by_cell.setdefault((r["partner"], r["agreement_type"]), []).append(r)
    type_order = _order_types([r["agreement_type"] for r in records if r["table1"]], codebook, types)
    type_order += [t for t in _order_types([r["agreement_type"] for r in records], codebook, type_order)
                   if t not in type_order]
    labels = {t: type_labels(codebook, t) for t in type_order}
    quotes = _first_quotes(evidence, {r["id"] for r in records})
    cells = []
    for partner in _order_partners([r["partner"] for r in records], names):
        for agreement_type in type_order:
            here = by_cell.get((partner, agreement_type), [])
            short, long = labels[agreement_type]
            cell = {"partner": partner, "partner_name": names.get(partner, partner),
                    "agreement_type": agreement_type, "type_short": short, "type_long": long}
            if not here:
                cell.update(year=pd.NA, status="", state=MISSING, id="", name="", abbreviation="",
                            quote="", source_id="", more=0, table1=False)
            else:
                row = _pick(here)
                quote, source_id = quotes.get(row["id"], ("", ""))
                cell.update(year=row["year"], status=row["status"], state=cell_state(row["status"], row["year"], as_of),
                            id=row["id"], name=row["name"], abbreviation=row.get("abbreviation", ""),
                            quote=quote, source_id=source_id, more=len(here) - 1, table1=bool(row["table1"]))
            cells.append(cell)
    table = pd.DataFrame(cells, columns=MATRIX_COLUMNS)
    return table.astype({"year": "Int64", "more": int, "table1": bool})


def matrix_as_of(table: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """The matrix as it stood at the end of ``year``: agreements concluded later become "later"."""
    out = table.copy()
    out["state"] = _states_as_of(out["id"].tolist(), out["status"].tolist(), out["year"].tolist(), year)
    return out


def _states_as_of(ids: Sequence[str], statuses: Sequence[str], years: Sequence, as_of: int | None) -> list[str]:
    return [MISSING if not i else cell_state(s, y, as_of) for i, s, y in zip(ids, statuses, years)]


def count_by_partner(table: pd.DataFrame) -> pd.Series:
    """Concluded cells per partner (partner id index, matrix order)."""
    partners = table["partner"].tolist()
    concluded = Counter(p for p, s in zip(partners, table["state"].tolist()) if s == CONCLUDED)
    order = list(dict.fromkeys(partners))
    index = pd.Index(order, dtype=table["partner"].dtype, name="partner")
    return pd.Series([concluded[p] for p in order], index=index, dtype=int)


def counts_by_partner_year(table: pd.DataFrame, years: Iterable[int] = ANIMATION_YEARS) -> pd.DataFrame:
    """Partners (display names) x years: how many matrix agreements each partner had by then."""
    names = dict(zip(table["partner"], table["partner_name"]))
    partners = list(dict.fromkeys(table["partner"].tolist()))
    # Each partner's conclusion years (cells concluded as of the source); a cell counts from its year on.
    since: dict[str, list[int]] = {p: [] for p in partners}
    for p, i, s, y in zip(table["partner"].tolist(), table["id"].tolist(), table["status"].tolist(),
                          table["year"].tolist()):
        if i and cell_state(s, y) == CONCLUDED:
            since[p].append(_year(y))
    data = {int(y): [sum(1 for c in since[p] if c <= int(y)) for p in partners] for y in years}
    frame = pd.DataFrame(data, index=partners, dtype=int)
    frame.index = [names.get(p, p) for p in frame.index]
    frame.index.name = "partner"
    return frame


# --- figures --------------------------------------------------------------------------------



def _wrap(text: str, width: int = 70) -> str:
    return "<br>".join(escape_html(line) for line in textwrap.wrap(text, width)) if text else ""


def _cell_text(cell) -> str:
    state = cell["state"]
    if state == CONCLUDED:
        return f"<b>{int(cell['year'])}</b>"
    if state == LATER:
        return "not yet"
    if state == NONE:
        return "✕ none"
    if state == OTHER:
        return escape_html(cell["status"].replace("-", " ") or "named")
    return "—"


def _cell_hover(cell, codebook: Mapping | None) -> str:
    head = f"<b>{escape_html(cell['partner_name'])} · {escape_html(cell['type_short'])}</b>"
    lines = [head, escape_html(cell["type_long"])]
    if cell["state"] == MISSING:
        return "<br>".join(lines + ["No record in the data under the current filters"])
    if cell["name"]:
        abbreviation = f" ({escape_html(cell['abbreviation'])})" if cell["abbreviation"] else ""
        lines.append(f"<i>{escape_html(cell['name'])}</i>{abbreviation}")
    year = _year(cell["year"])
    status = status_label(codebook, cell["status"]) if year is None else f"{humanize(cell['status'])} {year}"
    lines.append(escape_html(status))
    if cell["state"] == LATER:
        lines.append("Not yet in place at the as-of year")
    if cell["more"]:
        lines.append(f"+{int(cell['more'])} more agreement(s) of this type with this partner")
    if cell["quote"]:
        lines.append(f"“{_wrap(cell['quote'])}”<br>— {escape_html(cell['source_id'])}")
    else:
        lines.append("(no quote from the selected sources)")
    lines.append("Click for the evidence")
    return "<br>".join(lines)


def _cells(table: pd.DataFrame) -> list[dict]:
    """The matrix table as plain dicts: the figure code reads every cell, and row Series are slow."""
    return table.to_dict("records")


def _ticks_of(cells: Sequence[Mapping], show_counts: bool) -> list[str]:
    names = {c["partner"]: c["partner_name"] for c in cells}
    per_partner = Counter(c["partner"] for c in cells)
    counts = Counter(c["partner"] for c in cells if c["state"] == CONCLUDED)
    return [escape_html(names[p]) + (f"<br><span style='font-size:11px;color:#555'>{counts[p]} of {per_partner[p]}</span>" if show_counts else "")
            for p in per_partner]


def _colour_scale() -> list:
    n = len(_STATE_CODE) - 1
    scale = []
    for state, code in sorted(_STATE_CODE.items(), key=lambda kv: kv[1]):
        scale += [[code / n, STATE_COLOURS[state]], [code / n, STATE_COLOURS[state]]]
    return [[0.0, STATE_COLOURS[MISSING]]] + scale[1:-1] + [[1.0, STATE_COLOURS[CONCLUDED]]]


def _traces_of(cells: Sequence[Mapping], codebook: Mapping | None, hovers: dict | None = None) -> list[dict]:
    """The heatmap and the clickable scatter, as trace dicts. ``hovers`` memoises hover texts by
    (partner, type, state) across the animation's frames (a cell's hover depends only on its state)."""
    partners = list(dict.fromkeys(c["partner"] for c in cells))
    types = list(dict.fromkeys(c["agreement_type"] for c in cells))
    column, row = {p: i for i, p in enumerate(partners)}, {t: i for i, t in enumerate(types)}
    lookup = {(c["partner"], c["agreement_type"]): c for c in cells}
    z = [[_STATE_CODE[lookup[(p, t)]["state"]] if (p, t) in lookup else 0 for p in partners] for t in types]
    heat = dict(type="heatmap", x=list(range(len(partners))), y=list(range(len(types))), z=z, zmin=0,
                zmax=len(_STATE_CODE) - 1, colorscale=_colour_scale(), showscale=False, hoverinfo="skip",
                xgap=3, ygap=3, name="matrix")
    shown = [lookup[(p, t)] for t in types for p in partners if (p, t) in lookup]
    hovers = {} if hovers is None else hovers
    hover = []
    for c in shown:
        key = (c["partner"], c["agreement_type"], c["state"])
        if key not in hovers:
            hovers[key] = _cell_hover(c, codebook)
        hover.append(hovers[key])
    scatter = dict(
        type="scatter", x=[column[c["partner"]] for c in shown], y=[row[c["agreement_type"]] for c in shown],
        mode="markers+text", text=[_cell_text(c) for c in shown],
        textfont=dict(size=15, color=[_TEXT_COLOURS[c["state"]] for c in shown]),
        # Nearly invisible square markers make every cell hoverable and clickable (heatmaps are not).
        marker=dict(symbol="square", size=44, color="rgba(0,0,0,0)", opacity=0, line=dict(width=0)),
        customdata=[[c["id"], h, c["partner"], c["agreement_type"]] for c, h in zip(shown, hover)],
        hovertemplate="%{customdata[1]}<extra></extra>", showlegend=False, name="cells",
    )
    return [heat, scatter]


def _hatching(cells: Sequence[Mapping]) -> list[dict]:
    """Slanted hatch lines over the "none" cells, so they differ by pattern, not only by colour.

    The lines leave the middle of the cell free for its "✕ none" label.
    """
    partners = {p: i for i, p in enumerate(dict.fromkeys(c["partner"] for c in cells))}
    types = {t: i for i, t in enumerate(dict.fromkeys(c["agreement_type"] for c in cells))}
    shapes = []
    for c in cells:
        if c["state"] != NONE:
            continue
        x, y = partners[c["partner"]], types[c["agreement_type"]]
        for k in range(12):
            x0 = -0.46 + k * 0.075
            if abs(x0 + 0.025) < 0.2:
                continue
            shapes.append(dict(type="line", xref="x", yref="y", layer="above",
                               x0=x + x0, x1=x + x0 + 0.05, y0=y + 0.44, y1=y - 0.44,
                               line=dict(color="#b0b0b0", width=1)))
    return shapes


def _legend_traces(states: Iterable[str]) -> list[dict]:
    symbols = {CONCLUDED: "square", LATER: "square", NONE: "square-x-open", OTHER: "square", MISSING: "square-open"}
    out = []
    for state in states:
        edge = "#777777" if state in (NONE, MISSING, LATER) else STATE_COLOURS[state]
        colour = "#777777" if state in (NONE, MISSING) else STATE_COLOURS[state]  # open symbols draw in `color`
        out.append(dict(type="scatter", x=[None], y=[None], mode="markers", name=STATE_LABELS[state], hoverinfo="skip",
                        marker=dict(symbol=symbols[state], size=14, color=colour, line=dict(color=edge, width=1))))
    return out


def _matrix_layout(cells: Sequence[Mapping], title: str, show_counts: bool) -> dict:
    partners = list(dict.fromkeys(c["partner"] for c in cells))
    type_names = {c["agreement_type"]: c["type_short"] for c in cells}
    types = list(type_names)
    return dict(
        title=dict(text=title, x=0, xanchor="left"),
        xaxis=dict(tickmode="array", tickvals=list(range(len(partners))), ticktext=_ticks_of(cells, show_counts),
                   side="top", showgrid=False, zeroline=False, range=[-0.5, len(partners) - 0.5], fixedrange=True,
                   tickfont=dict(size=14)),
        yaxis=dict(tickmode="array", tickvals=list(range(len(types))), ticktext=[type_names[t] for t in types],
                   autorange=False, range=[len(types) - 0.5, -0.5], showgrid=False, zeroline=False, fixedrange=True,
                   tickfont=dict(size=14)),
        legend=dict(orientation="h", yanchor="top", y=-0.04, x=0, xanchor="left"),
        shapes=_hatching(cells), plot_bgcolor="#ffffff", paper_bgcolor="#ffffff",
        height=170 + 62 * len(types), margin=dict(l=10, r=10, t=110, b=40),
        hoverlabel=dict(align="left", bgcolor="#ffffff", font=dict(size=12, color="#222222")),
        clickmode="event+select", dragmode=False,
    )


def _legend_states(table: pd.DataFrame, always: Sequence[str] = (CONCLUDED, NONE)) -> list[str]:
    present = set(table["state"]) | set(always)
    return [s for s in (CONCLUDED, LATER, NONE, OTHER, MISSING) if s in present]


def build_matrix_figure(
    table: pd.DataFrame, *, codebook: Mapping | None = None, title: str | None = None, show_counts: bool = True,
) -> go.Figure:
    """Heatmap of a ``build_matrix_table``/``matrix_as_of`` table, drawn as the article's Table 1.

    Types are rows, partners columns (with "n of m" concluded under each name). Concluded cells
    show the year; "none" cells are grey, hatched and read "✕ none"; the legend names every state.
    Trace 1 is a scatter with one point per cell: ``customdata = [agreement id, hover html,
    partner id, type]``, so a Streamlit selection yields the agreement id.
    """
    if table.empty:
        return _empty_figure("No agreements of these types match the filters.")
    title = title or "Japan's defence agreements with major democracies"
    cells = _cells(table)
    return go.Figure(data=_traces_of(cells, codebook) + _legend_traces(_legend_states(table)),
                     layout=_matrix_layout(cells, title, show_counts))


def build_matrix_animation(
    table: pd.DataFrame, years: Sequence[int] = ANIMATION_YEARS, *, codebook: Mapping | None = None,
) -> go.Figure:
    """The matrix year by year: plotly frames named by year, a play/pause button and a slider."""
    if table.empty:
        return _empty_figure("No agreements of these types match the filters.")
    years = [int(y) for y in years]
    states = _legend_states(table, always=(CONCLUDED, LATER, NONE))
    cells, hovers = _cells(table), {}
    ids, statuses, concluded = table["id"].tolist(), table["status"].tolist(), table["year"].tolist()
    by_year = {y: [{**c, "state": s} for c, s in zip(cells, _states_as_of(ids, statuses, concluded, y))]
               for y in years}
    # Frames as plain dicts: the figure validates them once, not once per go.Frame and again in the figure.
    frames = [dict(name=str(y), data=_traces_of(by_year[y], codebook, hovers),
                   layout=dict(xaxis=dict(ticktext=_ticks_of(by_year[y], True)),
                               title=dict(text=f"Japan's defence agreements, as of {y}")))
              for y in years]
    first = by_year[years[0]]
    layout = _matrix_layout(first, f"Japan's defence agreements, as of {years[0]}", True)
    step = dict(frame=dict(duration=900, redraw=True), transition=dict(duration=0), mode="immediate")
    # Controls go under the legend (up to three rows of it), placed in pixels turned into paper units.
    legend_px, extra = 22 * 3 + 16, 150
    plot_px = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    below = -legend_px / plot_px
    layout.update(
        height=layout["height"] + extra, margin={**layout["margin"], "b": 40 + extra},
        updatemenus=[dict(type="buttons", direction="left", x=0, y=below, xanchor="left", yanchor="top",
                          showactive=False, buttons=[
                              dict(label="▶ Play", method="animate", args=[None, {**step, "fromcurrent": True}]),
                              dict(label="❚❚ Pause", method="animate",
                                   args=[[None], dict(frame=dict(duration=0, redraw=False), mode="immediate")]),
                          ])],
        sliders=[dict(active=0, x=0.2, len=0.8, y=below + 0.02, yanchor="top",
                      currentvalue=dict(prefix="As of ", xanchor="right", font=dict(size=14)),
                      steps=[dict(label=str(y), method="animate", args=[[str(y)], step]) for y in years])],
    )
    return go.Figure(data=_traces_of(first, codebook, hovers) + _legend_traces(states), layout=layout, frames=frames)


def _empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=escape_html(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_layout(height=160, xaxis=dict(visible=False), yaxis=dict(visible=False),
                      plot_bgcolor="#ffffff", paper_bgcolor="#ffffff", margin=dict(l=10, r=10, t=10, b=10))
    return fig


# --- the as-of control ---------------------------------------------------------------------------

def as_of_bounds(start=None, end=None, years: Sequence[int] = ANIMATION_YEARS) -> tuple[int, int]:
    """The as-of control's (min, max): the article's 2012..2021 narrowed by the date filter.

    A filter entirely outside 2012..2021 clamps to the nearest end (a one-year range).
    """
    lo, hi = min(years), max(years)
    if start is not None:
        lo = min(max(lo, start.year), hi)
    if end is not None:
        hi = max(min(hi, end.year), min(years))
    return (lo, max(lo, hi)) if lo <= hi else (hi, hi)


def follow_as_of(value: int | None, bounds: tuple[int, int], previous_bounds: tuple[int, int] | None) -> int:
    """The as-of year after a rerun: the latest year when the date filter changed, else ``value`` clamped."""
    lo, hi = bounds
    if value is None or previous_bounds is None or tuple(previous_bounds) != tuple(bounds):
        return hi
    return min(max(int(value), lo), hi)


# --- the 2021 Taiwan Strait statements ----------------------------------------------------------

STATEMENT_COLUMNS = ["id", "statement", "type_short", "type_long", "when", "sort_key", "party", "party_name",
                     "party_kind", "status", "quote", "source_id"]


def _when(row) -> tuple[str, str]:
    """(label, sort key) from the agreement's date or year: ("16 Apr 2021", "2021-04-16")."""
    date = row.get("date", "") or ""
    year = _year(row.get("year"))
    if dates.parse(date) is not None:
        return dates.short_label(date), date
    # A year alone sorts after that year's dated statements.
    return (str(year), f"{year}-99") if year else ("undated", "9999")


def _parties(row, kinds: Mapping[str, str] | None = None) -> list[str]:
    """Party ids in order; with ``kinds``, people are dropped when a state or body is also a party
    (a minister speaks for a state: Kishi's remarks count as Japan's)."""
    parties = [p for p in dict.fromkeys([row["party_a"], row.get("party_b", "")] + list(row.get("other_parties") or [])) if p]
    if kinds:
        bodies = [p for p in parties if kinds.get(p) != "person"]
        return bodies or parties
    return parties


def build_statements_matrix(
    agreements: pd.DataFrame, *, evidence: pd.DataFrame | None = None, actors: pd.DataFrame | None = None,
    codebook: Mapping | None = None,
) -> pd.DataFrame:
    """The statements that named the Taiwan Strait (``names_taiwan_strait``), one row per (statement, party).

    Statements are ordered by date; parties (states, then forums and other bodies) by how many
    statements they joined, then by name. People are left out where their state or forum is a party.
    """
    rows = agreements[agreements["names_taiwan_strait"].astype(bool)] if not agreements.empty else agreements
    names, kinds, quotes = _names(actors), _kinds(actors), _first_quotes(evidence, rows.get("id", ()))
    out = []
    for row in rows.to_dict("records"):
        when, key = _when(row)
        short, long = type_labels(codebook, row["agreement_type"])
        quote, source_id = quotes.get(row["id"], ("", ""))
        for party in _parties(row, kinds):
            out.append(dict(id=row["id"], statement=row["name"], type_short=short, type_long=long, when=when,
                            sort_key=key, party=party, party_name=names.get(party, party),
                            party_kind=kinds.get(party, ""), status=row["status"], quote=quote, source_id=source_id))
    table = pd.DataFrame(out, columns=STATEMENT_COLUMNS)
    if table.empty:
        return table
    table["_p"] = table["party"].map({p: i for i, p in enumerate(_party_order(table))})
    table = table.sort_values(["sort_key", "statement", "_p"], kind="stable")
    return table.drop(columns="_p").reset_index(drop=True)


def build_statements_figure(table: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Statements (rows, by date) x parties and forums (columns); a ● where the party took part.

    Trace 1 is the clickable scatter: ``customdata = [statement id, hover html, party id]``.
    """
    if table.empty:
        return _empty_figure("No 2021 statements naming the Taiwan Strait match the filters.")
    records = table.to_dict("records")
    statements = list(dict.fromkeys(r["id"] for r in records))
    parties = _party_order(table)
    row_of, column_of = {s: i for i, s in enumerate(statements)}, {p: i for i, p in enumerate(parties)}
    first = {}
    for r in records:
        first.setdefault(r["id"], r)
    labels = [f"{escape_html(first[s]['when'])} · {escape_html(_short(first[s]['statement']))}" for s in statements]
    names = {r["party"]: r["party_name"] for r in records}
    z = [[0] * len(parties) for _ in statements]
    for r in records:
        z[row_of[r["id"]]][column_of[r["party"]]] = 1
    heat = dict(type="heatmap", x=list(range(len(parties))), y=list(range(len(statements))), z=z, zmin=0, zmax=1,
                colorscale=[[0, "#ffffff"], [1, "#dbe8f5"]], showscale=False, hoverinfo="skip", xgap=2, ygap=2)
    hover = [f"<b>{escape_html(r['statement'])}</b><br>{escape_html(r['type_long'])} · {escape_html(r['when'])}"
             f"<br>Party: {escape_html(r['party_name'])}<br>"
             + (f"“{_wrap(r['quote'])}”<br>— {escape_html(r['source_id'])}" if r["quote"] else "(no quote from the selected sources)")
             + "<br>Click for the evidence" for r in records]
    dots = dict(type="scatter", x=[column_of[r["party"]] for r in records], y=[row_of[r["id"]] for r in records],
                mode="markers", marker=dict(symbol="circle", size=16, color=STATE_COLOURS[CONCLUDED]),
                customdata=[[r["id"], h, r["party"]] for r, h in zip(records, hover)],
                hovertemplate="%{customdata[1]}<extra></extra>", showlegend=False, name="statements")
    wrapped = [textwrap.wrap(names[p], 11, break_long_words=False) or [p] for p in parties]
    heads, lines = ["<br>".join(escape_html(w) for w in words) for words in wrapped], max(len(w) for w in wrapped)
    return go.Figure(data=[heat, dots], layout=dict(
        title=dict(text="2021 statements that named peace and stability in the Taiwan Strait" if title is None else title, x=0),
        xaxis=dict(tickmode="array", tickvals=list(range(len(parties))), ticktext=heads, side="top", tickangle=0,
                   showgrid=False, zeroline=False, fixedrange=True, range=[-0.5, len(parties) - 0.5],
                   tickfont=dict(size=11)),
        yaxis=dict(tickmode="array", tickvals=list(range(len(statements))), ticktext=labels, autorange=False,
                   range=[len(statements) - 0.5, -0.5], showgrid=False, zeroline=False, fixedrange=True),
        height=120 + 16 * lines + 34 * len(statements), margin=dict(l=10, r=10, t=60 + 16 * lines, b=10),
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff", hoverlabel=dict(align="left", bgcolor="#ffffff", font=dict(size=12, color="#222222")),
        clickmode="event+select", dragmode=False,
    ))


def _party_order(table: pd.DataFrame) -> list[str]:
    """States first, then by how many statements a party joined, then by name (stable, like a lexsort)."""
    parties, names = table["party"].tolist(), table["party_name"].tolist()
    kinds, ids = table["party_kind"].tolist(), table["id"].tolist()
    joined: dict[str, set] = {}
    for p, i in zip(parties, ids):
        joined.setdefault(p, set()).add(i)
    order = sorted(range(len(parties)), key=lambda r: (kinds[r] != "state", -len(joined[parties[r]]), names[r]))
    return list(dict.fromkeys(parties[r] for r in order))


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- everything else ------------------------------------------------------------------------------

OTHER_COLUMNS = ["id", "type", "name", "parties", "year", "status", "quote", "source_id"]


def other_agreements_table(
    agreements: pd.DataFrame, *, evidence: pd.DataFrame | None = None, actors: pd.DataFrame | None = None,
    codebook: Mapping | None = None, exclude: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Agreements that are neither matrix cells nor 2021 Taiwan Strait statements.

    Columns: id, type (codebook label, abbreviation expanded), name, parties (display names),
    year (Int64), status (codebook label), quote, source_id. Ordered by year (undated last), name.
    ``exclude``: ids to leave out; by default the matrix rows and the statements.
    """
    if agreements.empty:
        return pd.DataFrame(columns=OTHER_COLUMNS).astype({"year": "Int64"})
    if exclude is None:
        drop = matrix_mask(agreements) | agreements["names_taiwan_strait"].astype(bool)
    else:
        drop = agreements["id"].isin(set(exclude))
    rows = agreements[~drop]
    names, quotes = _names(actors), _first_quotes(evidence, rows["id"])
    out = []
    for row in rows.to_dict("records"):
        short, long = type_labels(codebook, row["agreement_type"])
        quote, source_id = quotes.get(row["id"], ("", ""))
        name = row["name"] + (f" ({row['abbreviation']})" if row.get("abbreviation") and row["abbreviation"] not in row["name"] else "")
        out.append(dict(id=row["id"], type=_type_text(codebook, row["agreement_type"]), name=name,
                        parties=", ".join(names.get(p, p) for p in _parties(row)), year=row["year"],
                        status=status_label(codebook, row["status"]), quote=quote, source_id=source_id))
    table = pd.DataFrame(out, columns=OTHER_COLUMNS).astype({"year": "Int64"})
    return table.sort_values(["year", "name"], na_position="last", kind="stable").reset_index(drop=True)


def selected_record(event_points: Sequence[Mapping] | None) -> str:
    """The agreement id of the first clicked point of a Streamlit plotly selection ("" if none)."""
    for point in event_points or []:
        data = point.get("customdata") or []
        if data and data[0]:
            return str(data[0])
    return ""
