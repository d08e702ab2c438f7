"""The agreement matrix drawn as the article's Table 1: the figure for one year and the animation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from components.agreements.labels import (
    _STATE_CODE,
    _TEXT_COLOURS,
    ANIMATION_YEARS,
    CONCLUDED,
    LATER,
    MISSING,
    NONE,
    OTHER,
    STATE_COLOURS,
    STATE_LABELS,
    _empty_figure,
    _wrap,
    _year,
    status_label,
)
from components.agreements.matrix import _states_as_of
from components.style import escape_html, humanize

# --- figures --------------------------------------------------------------------------------



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
        return "<br>".join([*lines, "No record in the data under the current filters"])
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
        lines.append(f"“{_wrap(cell['quote'])}”<br>— {escape_html(cell.get('source') or cell['source_id'])}")
    else:
        lines.append("(no quote from the selected sources)")
    if cell.get("support") == 1:
        lines.append("Single source: quoted in one article only")
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
    return [[0.0, STATE_COLOURS[MISSING]], *scale[1:-1], [1.0, STATE_COLOURS[CONCLUDED]]]


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
        # The cell texts are drawn by the text traces below; this trace's copy is transparent, so a click
        # (which dims every point not selected) dims nothing that can be seen.
        textfont=dict(size=15, color=_CLEAR),
        # Nearly invisible square markers make every cell hoverable and clickable (heatmaps are not).
        marker=dict(symbol="square", size=44, color=_CLEAR, opacity=0, line=dict(width=0)),
        customdata=[[c["id"], h, c["partner"], c["agreement_type"]] for c, h in zip(shown, hover, strict=True)],
        hovertemplate="%{customdata[1]}<extra></extra>", showlegend=False, name="cells",
    )
    return [heat, scatter, *_text_traces(shown, column, row)]


_CLEAR = "rgba(0,0,0,0)"
_TEXT_ORDER = (CONCLUDED, LATER, NONE, OTHER, MISSING)


def _text_traces(shown: Sequence[Mapping], column: Mapping, row: Mapping) -> list[dict]:
    """One text trace per cell state (always all five, so the animation's frames have the same traces), each
    keeping its colour when selected or not: a clicked cell leaves the matrix as bright as before."""
    out = []
    for state in _TEXT_ORDER:
        here = [c for c in shown if c["state"] == state]
        font = dict(size=15, color=_TEXT_COLOURS[state])
        out.append(dict(type="scatter", mode="text", x=[column[c["partner"]] for c in here],
                        y=[row[c["agreement_type"]] for c in here], text=[_cell_text(c) for c in here],
                        textfont=font, selected=dict(textfont=dict(color=font["color"])),
                        unselected=dict(textfont=dict(color=font["color"])), hoverinfo="skip",
                        showlegend=False, name=f"text-{state}"))
    return out


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
    named = table["named"].tolist() if "named" in table else None
    by_year = {y: [{**c, "state": s} for c, s in zip(cells, _states_as_of(ids, statuses, concluded, y, named), strict=True)]
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
