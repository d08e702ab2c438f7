"""Native PowerPoint tables: the agreement matrix (same ✕ / year / "proposed" encoding and legend as the
page), the Taiwan Strait statements and the consensus ranking. Row heights follow the wrapped text."""

from __future__ import annotations

import pandas as pd
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from strait_watch.briefing.model import View
from strait_watch.briefing.pptx import MATRIX_LEGEND, lines_needed
from strait_watch.views.matrix import CONCLUDED, LATER, MISSING, NONE, OTHER, STATE_COLOURS

_TEXT = {CONCLUDED: "FFFFFF", LATER: "4A6F94", NONE: "333333", OTHER: "6B5200", MISSING: "777777"}
HEADER_FILL = "E4E9EF"


def cell_text(state: str, year, status: str) -> str:
    """The page's encoding: the year, ✕, the status ('proposed'), 'not yet' or '—'."""
    if state == CONCLUDED:
        return str(int(year))
    return {LATER: "not yet", NONE: "✕", OTHER: (status or "named").replace("-", " ")}.get(state, "—")


def matrix_rows(table: pd.DataFrame) -> tuple[list[list[str]], list[list[str]]]:
    """(texts, states): a header row of types, then one row per partner."""
    types = list(dict.fromkeys(table["type_short"]))
    texts, states = [["Partner", *types]], [[""] * (len(types) + 1)]
    for partner, rows in table.groupby("partner_name", sort=False):
        by_type = {r.type_short: r for r in rows.itertuples()}
        cells = [by_type.get(t) for t in types]
        texts.append([partner] + [cell_text(c.state, c.year, c.status) if c is not None else "—" for c in cells])
        states.append([""] + [c.state if c is not None else MISSING for c in cells])
    return texts, states


def statements_rows(table: pd.DataFrame) -> list[list[str]]:
    out = [["Date", "Statement", "Joined by"]]
    for _, rows in table.groupby("id", sort=False):
        first = rows.iloc[0]
        out.append([first["when"], first["statement"], ", ".join(dict.fromkeys(rows["party_name"]))])
    return out


def consensus_rows(table: pd.DataFrame, top: int = 7) -> list[list[str]]:
    out = [["Measure", "Proposers", "Proposed by"]]
    out += [[r["Measure"], str(r["Proposers"]), r["Proposed by"]] for r in table.head(top).to_dict("records")]
    return out


def _words_fit(rows, widths, size) -> bool:
    """No word wider than its column (PowerPoint would break it mid-word: 'Equipme nt')."""
    return all(len(word) * size * 0.7 / 72 <= w - 0.2  # 0.7 em: bold headers
               for row in rows for c, w in zip(row, widths, strict=True) for word in c.split())


def _cell_height(text: str, size: float, width: float) -> float:
    """Inches a cell needs: its wrapped lines at 1.2 line spacing plus the cell's top and bottom margins."""
    return lines_needed(text, size, width, em=0.6) * size * 1.2 / 72 + 0.1  # em: wide fonts (DejaVu) fit too


def _layout(rows, widths, height, sizes=(18, 16, 14, 12, 11)):
    """(font size, row heights) of the largest font at which the rows fit; None when none does."""
    for size in sizes:
        if not _words_fit(rows, widths, size):
            continue
        heights = [max(_cell_height(c, size, w) for c, w in zip(row, widths, strict=True)) for row in rows]
        if sum(heights) <= height:
            return size, heights
    return None


def _draw(slide, rows, widths, left, top, height, fills=None, colours=None, name="table", least=11):
    """A table of the first rows that fit at ≥ `least` pt (a ranking loses its tail, never its legibility)."""
    sizes = tuple(x for x in (18, 16, 14, 12, 11) if x >= least)
    while len(rows) > 2 and _layout(rows, widths, height, sizes) is None:
        rows = rows[:-1]
    size, heights = _layout(rows, widths, height, sizes) or (sizes[-1], [height / len(rows)] * len(rows))
    shape = slide.shapes.add_table(len(rows), len(widths), Inches(left), Inches(top), Inches(sum(widths)),
                                   Inches(sum(heights)))
    shape.name = name
    table = shape.table
    for j, w in enumerate(widths):
        table.columns[j].width = Inches(w)
    for i, (row, h) in enumerate(zip(rows, heights, strict=True)):
        table.rows[i].height = Inches(h)
        for j, text in enumerate(row):
            cell = table.cell(i, j)
            cell.text = text
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            run = cell.text_frame.paragraphs[0].runs[0] if text else None
            fill = (fills[i][j] if fills else None) or (HEADER_FILL if i == 0 or (j == 0 and fills) else "FFFFFF")
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(fill)
            if run is not None:
                run.font.size = Pt(size)
                run.font.bold = i == 0 or (j == 0 and fills is not None)
                run.font.color.rgb = RGBColor.from_string((colours[i][j] if colours else None) or "222222")
            if fills and j > 0:
                cell.text_frame.paragraphs[0].alignment = 2
    return shape, sum(heights)


def draw_table(slide, view: View, left: float, top: float, width: float, height: float) -> None:
    if view.key == "matrix":
        texts, states = matrix_rows(view.table)
        fills = [[STATE_COLOURS[s].lstrip("#").upper() if s else None for s in row] for row in states]
        colours = [[_TEXT.get(s) if s else None for s in row] for row in states]
        first = 2.1
        widths = [first] + [(width - first) / (len(texts[0]) - 1)] * (len(texts[0]) - 1)
        _, used = _draw(slide, texts, widths, left, top, height - 0.9, fills, colours, name="matrix-table")
        from strait_watch.briefing.pptx import _text

        _text(slide, MATRIX_LEGEND, left, top + used + 0.15, width, 0.75, size=13, color="444444", name="legend")
    elif view.key == "statements":
        _draw(slide, statements_rows(view.table), [1.6, 3.6, width - 5.2], left, top, height, name="statements-table")
    else:  # a ranking: its top rows at a size read from the back of the room
        _draw(slide, consensus_rows(view.table), [3.2, 1.6, width - 4.8], left, top, height, name="consensus-table",
              least=14)


def table_frame(view: View) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """(the rows the deck's native table draws, their matrix cell colours) for Present mode's table."""
    if view.key == "matrix":
        texts, states = matrix_rows(view.table)
        frame = pd.DataFrame([r[1:] for r in texts[1:]], columns=texts[0][1:],
                             index=pd.Index([r[0] for r in texts[1:]], name=texts[0][0] or None))
        colours = pd.DataFrame([[f"background-color: {STATE_COLOURS[s]}; color: #{_TEXT[s]}" for s in r[1:]]
                                for r in states[1:]], index=frame.index, columns=frame.columns)
        return frame, colours
    rows = statements_rows(view.table) if view.key == "statements" else consensus_rows(view.table, top=6)
    index = pd.Index([r[0] for r in rows[1:]], name=rows[0][0] or None)  # the first column's heading, not blank
    return pd.DataFrame([r[1:] for r in rows[1:]], columns=rows[0][1:], index=index), None
