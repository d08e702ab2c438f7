"""The agreement matrix drawn as the article's Table 1: the figure for one year and the animation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from components import fastfig
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

# What a cell says, per state: on the screen, and on a phone (a cell about 60 px wide: short texts).
_SCREEN_WORDS = {LATER: "not yet", NONE: "✕ none"}
_PHONE_WORDS = {LATER: "later", NONE: "✕"}


def _cell_words(cell, words: dict, status) -> str:
    state = cell["state"]
    if state == CONCLUDED:
        return f"<b>{int(cell['year'])}</b>"
    if state in words:
        return words[state]
    if state == OTHER:
        return escape_html(status(cell["status"]))
    return "—"


def _cell_text(cell) -> str:
    return _cell_words(cell, _SCREEN_WORDS, lambda status: status.replace("-", " ") or "named")


# On a phone (a cell about 60 px wide) the texts are short: the year, "later", "✕", a status abbreviation; the
# legend spells out each abbreviation the figure uses.
_PHONE_STATUS = {"proposed": "prop.", "sought": "sought", "not-stated": "n/s", "under-negotiation": "negot."}
PHONE_CELL_FONT = 13   # px, the phone's cell texts (the screen's are 15)


def _phone_status(status: str) -> str:
    status = status or "named"
    return _PHONE_STATUS.get(status, status if len(status) <= 6 else status[:5].rstrip("-") + ".")


def _phone_cell_text(cell) -> str:
    return _cell_words(cell, _PHONE_WORDS, _phone_status)


def _phone_type(short: str) -> str:
    """A column head a quarter of a small phone wide: 'Equipment' -> 'Equip.' (the legend spells it out)."""
    return short if len(short) <= 6 else short[:5] + "."


def _phone_type_legend(cells: Sequence[Mapping]) -> list[dict]:
    """Legend entries (no symbol) for the abbreviated column heads: 'Equip. = Equipment'."""
    shorts = dict.fromkeys(c["type_short"] for c in cells)
    return [dict(type="scatter", x=[None], y=[None], mode="markers", hoverinfo="skip",
                 name=f"{escape_html(_phone_type(t))} = {escape_html(t)}", marker=dict(size=1, color=_CLEAR))
            for t in shorts if _phone_type(t) != t]


def _phone_legend_label(state: str, cells: Sequence[Mapping]) -> str:
    """The state's legend entry, naming the abbreviations the phone figure shows for it."""
    if state == OTHER:
        used = dict.fromkeys(c["status"] or "named" for c in cells if c["state"] == OTHER)
        short = [f"{escape_html(_phone_status(s))} = {escape_html(s.replace('-', ' '))}" for s in used
                 if _phone_status(s) != s]
        return "Named, not concluded" + (f" ({'; '.join(short)})" if short else " (status shown)")
    return {CONCLUDED: "Concluded (year shown)", LATER: "later = not yet at the as-of year",
            NONE: "✕ = no agreement as of the source", MISSING: "— = no record (data or filters)"}[state]


def _cell_hover(cell, codebook: Mapping | None, wrap: int = 70) -> str:
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
        lines.append(f"“{_wrap(cell['quote'], wrap)}”<br>— {escape_html(cell.get('source') or cell['source_id'])}")
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


def _traces_of(cells: Sequence[Mapping], codebook: Mapping | None, hovers: dict | None = None,
               phone: bool = False) -> list[dict]:
    """The heatmap and the clickable scatter, as trace dicts. ``hovers`` memoises hover texts by
    (partner, type, state) across the animation's frames (a cell's hover depends only on its state).
    ``phone``: transposed (partners as rows, types as columns) with short cell texts."""
    col_key, row_key = ("agreement_type", "partner") if phone else ("partner", "agreement_type")
    cols = list(dict.fromkeys(c[col_key] for c in cells))
    rows = list(dict.fromkeys(c[row_key] for c in cells))
    column, row = {k: i for i, k in enumerate(cols)}, {r: i for i, r in enumerate(rows)}
    lookup = {(c[row_key], c[col_key]): c for c in cells}
    z = [[_STATE_CODE[lookup[(r, k)]["state"]] if (r, k) in lookup else 0 for k in cols] for r in rows]
    heat = dict(type="heatmap", x=list(range(len(cols))), y=list(range(len(rows))), z=z, zmin=0,
                zmax=len(_STATE_CODE) - 1, colorscale=_colour_scale(), showscale=False, hoverinfo="skip",
                xgap=3, ygap=3, name="matrix")
    shown = [lookup[(r, k)] for r in rows for k in cols if (r, k) in lookup]
    text_of, size = (_phone_cell_text, PHONE_CELL_FONT) if phone else (_cell_text, 15)
    hovers = {} if hovers is None else hovers
    hover = []
    for c in shown:
        key = (c["partner"], c["agreement_type"], c["state"])
        if key not in hovers:
            hovers[key] = _cell_hover(c, codebook, 40 if phone else 70)
        hover.append(hovers[key])
    scatter = dict(
        type="scatter", x=[column[c[col_key]] for c in shown], y=[row[c[row_key]] for c in shown],
        mode="markers+text", text=[text_of(c) for c in shown],
        # The cell texts are drawn by the text traces below; this trace's copy is transparent, so a click
        # (which dims every point not selected) dims nothing that can be seen.
        textfont=dict(size=size, color=_CLEAR),
        # Nearly invisible square markers make every cell hoverable and clickable (heatmaps are not).
        marker=dict(symbol="square", size=40 if phone else 44, color=_CLEAR, opacity=0, line=dict(width=0)),
        customdata=[[c["id"], h, c["partner"], c["agreement_type"]] for c, h in zip(shown, hover, strict=True)],
        hovertemplate="%{customdata[1]}<extra></extra>", showlegend=False, name="cells",
    )
    return [heat, scatter, *_text_traces(shown, (col_key, column), (row_key, row), text_of, size)]


_CLEAR = "rgba(0,0,0,0)"
_TEXT_ORDER = (CONCLUDED, LATER, NONE, OTHER, MISSING)


def _text_traces(shown: Sequence[Mapping], column: tuple, row: tuple, text_of, size: int) -> list[dict]:
    """One text trace per cell state (always all five, so the animation's frames have the same traces), each
    keeping its colour when selected or not: a clicked cell leaves the matrix as bright as before.
    ``column``/``row``: (the cell field that picks it, {value: position})."""
    (col_key, column), (row_key, row), out = column, row, []
    for state in _TEXT_ORDER:
        here = [c for c in shown if c["state"] == state]
        font = dict(size=size, color=_TEXT_COLOURS[state])
        out.append(dict(type="scatter", mode="text", x=[column[c[col_key]] for c in here],
                        y=[row[c[row_key]] for c in here], text=[text_of(c) for c in here],
                        textfont=font, selected=dict(textfont=dict(color=font["color"])),
                        unselected=dict(textfont=dict(color=font["color"])), hoverinfo="skip",
                        showlegend=False, name=f"text-{state}"))
    return out


def _hatching(cells: Sequence[Mapping], phone: bool = False) -> list[dict]:
    """Slanted hatch lines over the "none" cells, so they differ by pattern, not only by colour.

    The lines leave the middle of the cell free for its "✕ none" label (its "✕" on a phone).
    """
    partners = {p: i for i, p in enumerate(dict.fromkeys(c["partner"] for c in cells))}
    types = {t: i for i, t in enumerate(dict.fromkeys(c["agreement_type"] for c in cells))}
    shapes = []
    for c in cells:
        if c["state"] != NONE:
            continue
        x, y = partners[c["partner"]], types[c["agreement_type"]]
        if phone:
            x, y = y, x
        for k in range(12):
            x0 = -0.46 + k * 0.075
            if abs(x0 + 0.025) < (0.12 if phone else 0.2):
                continue
            shapes.append(dict(type="line", xref="x", yref="y", layer="above",
                               x0=x + x0, x1=x + x0 + 0.05, y0=y + 0.44, y1=y - 0.44,
                               line=dict(color="#b0b0b0", width=1)))
    return shapes


def _legend_traces(states: Iterable[str], names: Mapping[str, str] = STATE_LABELS) -> list[dict]:
    symbols = {CONCLUDED: "square", LATER: "square", NONE: "square-x-open", OTHER: "square", MISSING: "square-open"}
    out = []
    for state in states:
        edge = "#777777" if state in (NONE, MISSING, LATER) else STATE_COLOURS[state]
        colour = "#777777" if state in (NONE, MISSING) else STATE_COLOURS[state]  # open symbols draw in `color`
        out.append(dict(type="scatter", x=[None], y=[None], mode="markers", name=names[state], hoverinfo="skip",
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


PHONE_ROW_PX, PHONE_LEGEND_PX = 46, 24  # a partner's row; a legend entry (one a line on a phone)


def _phone_layout(cells: Sequence[Mapping], title: str, show_counts: bool, legend_rows: int) -> dict:
    """The transposed matrix for a phone: partners as rows (name over its count), the four types as columns."""
    partners = list(dict.fromkeys(c["partner"] for c in cells))
    type_names = {c["agreement_type"]: c["type_short"] for c in cells}
    plot_px = PHONE_ROW_PX * len(partners)
    legend_px = PHONE_LEGEND_PX * legend_rows + 10
    # A left margin for the longest partner name (12 px glyphs, about 7 px wide): y automargin with a legend
    # placed in container coordinates makes plotly.js fail ("Something went wrong with axis scaling").
    names_px = 7 * max(len(c["partner_name"]) for c in cells) + 12
    return dict(
        title=dict(text=title, x=0, xanchor="left", font=dict(size=16)),
        xaxis=dict(tickmode="array", tickvals=list(range(len(type_names))),
                   ticktext=[escape_html(_phone_type(t)) for t in type_names.values()],
                   side="top", showgrid=False, zeroline=False, range=[-0.5, len(type_names) - 0.5], fixedrange=True,
                   tickfont=dict(size=12)),
        yaxis=dict(tickmode="array", tickvals=list(range(len(partners))), ticktext=_ticks_of(cells, show_counts),
                   autorange=False, range=[len(partners) - 0.5, -0.5], showgrid=False, zeroline=False, fixedrange=True,
                   tickfont=dict(size=12), automargin=False),
        legend=dict(orientation="v", yanchor="top", y=-12 / plot_px, x=0, xref="container", xanchor="left", font=dict(size=12)),
        shapes=_hatching(cells, phone=True), plot_bgcolor="#ffffff", paper_bgcolor="#ffffff",
        height=60 + plot_px + legend_px + 20, margin=dict(l=names_px, r=4, t=60, b=legend_px + 20, autoexpand=False),  # the legend sits in `b`
        hoverlabel=dict(align="left", bgcolor="#ffffff", font=dict(size=12, color="#222222")),
        clickmode="event+select", dragmode=False, meta=dict(medium="phone"),
    )


def _legend_states(table: pd.DataFrame, always: Sequence[str] = (CONCLUDED, NONE)) -> list[str]:
    present = set(table["state"]) | set(always)
    return [s for s in (CONCLUDED, LATER, NONE, OTHER, MISSING) if s in present]


MATRIX_MEDIA = ("screen", "phone")


def build_matrix_figure(
    table: pd.DataFrame, *, codebook: Mapping | None = None, title: str | None = None, show_counts: bool = True,
    medium: str = "screen",
) -> go.Figure:
    """Heatmap of a ``build_matrix_table``/``matrix_as_of`` table, drawn as the article's Table 1.

    Types are rows, partners columns (with "n of m" concluded under each name). Concluded cells
    show the year; "none" cells are grey, hatched and read "✕ none"; the legend names every state.
    Trace 1 is a scatter with one point per cell: ``customdata = [agreement id, hover html,
    partner id, type]``, so a Streamlit selection yields the agreement id.

    ``medium="phone"`` (a chart about 360 px wide): transposed, partners as rows and the types as
    columns, so each cell is a quarter of the width; short texts ("✕", "later", "prop.") that the legend
    spells out, one legend entry a line.
    """
    if medium not in MATRIX_MEDIA:
        raise ValueError(f"medium must be one of {MATRIX_MEDIA}, not {medium!r}")
    if table.empty:
        return _empty_figure("No agreements of these types match the filters.")
    title = title or "Japan's defence agreements with major democracies"
    cells, states = _cells(table), _legend_states(table)
    if medium == "phone":
        names, abbreviations = {s: _phone_legend_label(s, cells) for s in states}, _phone_type_legend(cells)
        return fastfig.figure(_traces_of(cells, codebook, phone=True) + _legend_traces(states, names) + abbreviations,
                              _phone_layout(cells, title, show_counts, len(states) + len(abbreviations)))
    return fastfig.figure(_traces_of(cells, codebook) + _legend_traces(states), _matrix_layout(cells, title, show_counts))


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
    return fastfig.figure(_traces_of(first, codebook, hovers) + _legend_traces(states), layout, frames)
