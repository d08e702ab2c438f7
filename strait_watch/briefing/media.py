"""Charts laid out for their medium: the screen, a slide (a 1920×1080-class image, every text ≥ 18 px,
category labels whole and wrapped, legend beside or below the data, never over it) or a phone."""

from __future__ import annotations

import html
import re
import textwrap

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from strait_watch.core.style import MEASURE_CATEGORY_COLORS, category_color, humanize

# (width, height, minimum font px, tick-label wrap width) of each medium
MEDIA = {"screen": (1200, 700, 12, 40), "slide": (1200, 694, 18, 22), "phone": (390, 520, 12, 18),
         "present": (None, 430, 18, 28)}  # Present mode: the column's width, a height that fits 1280×720
SLIDE_IMAGE = MEDIA["slide"][:2]   # layout px of the slide's 8.3 in picture box: 18 px there reads as 18 px of a 1920 slide
IMAGE_SCALE = 2                    # rendered at 2400 px wide: sharp when projected


def wrap_label(text: str, width: int) -> str:
    """A long category label wrapped onto lines of at most `width` characters (never cut)."""
    # Each line of a label the screen figure already wrapped is rewrapped for this medium; a line holding
    # markup (the matrix's "3 of 4" span) is kept whole so its tag is never split.
    lines = str(text).split("<br>")
    return "<br>".join(line if len(line) <= width or "<" in line
                       else "<br>".join(textwrap.wrap(line, width, break_long_words=False)) for line in lines)


def _axes(layout: dict):
    return [k for k in layout if k.startswith(("xaxis", "yaxis"))]


def _category_values(fig: go.Figure, axis: str) -> list:
    letter, suffix = axis[0], axis[5:]
    ref = letter + suffix
    values = []
    for t in fig.data:
        if getattr(t, f"{letter}axis", None) in (ref, None) and getattr(t, letter, None) is not None:
            values += [v for v in getattr(t, letter) if isinstance(v, str)]
    values = list(dict.fromkeys(values))
    dates = pd.to_datetime(pd.Series(values, dtype=object), errors="coerce", format="ISO8601")
    return [] if values and dates.notna().all() else values


def for_medium(fig: go.Figure, medium: str = "slide") -> go.Figure:
    """A copy of `fig` laid out for `medium`: sizes, fonts ≥ the medium's minimum, automargins, wrapped
    category ticks, the legend under the plot. The screen figure itself is never changed."""
    width, height, least, wrap = MEDIA[medium]
    out = go.Figure(fig)
    out.update_layout(width=width, height=height, font=dict(size=max(least, 14) if medium != "slide" else least + 2),
                      paper_bgcolor="white", updatemenus=[], sliders=[], hoverlabel=dict(font_size=least))
    layout = out.layout.to_plotly_json()
    for axis in _axes(layout):
        spec = dict(automargin=True, tickfont=dict(size=least), title_font=dict(size=least + 2))
        values = _category_values(out, axis)
        explicit = layout[axis].get("ticktext")
        if explicit is not None:
            spec["ticktext"] = [wrap_label(t, wrap) for t in explicit]
        elif values and layout[axis].get("type") not in ("date", "linear") and not layout[axis].get("tickvals"):
            spec.update(tickmode="array", tickvals=values, ticktext=[wrap_label(v, wrap) for v in values])
        out.update_layout({axis: spec})
    if out.layout.title.text:
        out.update_layout(title_font_size=least + 4)
    entries = sum(1 for t in out.data if t.showlegend is not False and t.name)
    side = dict(orientation="v", x=1.02, xanchor="left", y=1, yanchor="top")   # many entries: beside the plot
    below = dict(orientation="h", x=0, xanchor="left", y=-0.12, yanchor="top")
    out.update_layout(legend=dict(side if entries > 4 and medium == "slide" else below, font=dict(size=least), title_font=dict(size=least)))
    for trace in out.data:
        if "textfont" in trace:
            size = trace.textfont.size
            trace.textfont.size = least if size is None or _smallest(size) < least else size
    for note in out.layout.annotations or ():
        if note.font.size is None or note.font.size < least:
            note.font.size = least
    return _inline_sizes(out, least)


_INLINE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")


def _inline_sizes(fig: go.Figure, least: int) -> go.Figure:
    """Inline `font-size:11px` in labels (e.g. the matrix's '4 of 4') raised to the medium's minimum."""
    spec = fig.to_json()
    if not _INLINE.search(spec):
        return fig
    return pio.from_json(_INLINE.sub(lambda m: f"font-size:{max(float(m[1]), least):g}px", spec))


def inline_font_sizes(fig: go.Figure) -> list[float]:
    return [float(x) for x in _INLINE.findall(fig.to_json())]


def _smallest(size) -> float:
    return min(size) if isinstance(size, (list, tuple)) else size


def font_sizes(fig: go.Figure) -> list[float]:
    """Every explicit font size in the figure (layout and traces): what the tests hold to the minimum."""
    found: list[float] = []

    def walk(node, key=""):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "size" and key.endswith("font") and v is not None:
                    found.extend(v if isinstance(v, (list, tuple)) else [v])
                else:
                    walk(v, k)
        elif isinstance(node, (list, tuple)):
            for v in node:
                walk(v, key)

    spec = fig.to_plotly_json()
    spec["layout"].pop("hoverlabel", None)
    for t in spec["data"]:
        t.pop("hoverlabel", None)
    walk(spec)
    return found


def build_consensus_figure(consensus: pd.DataFrame, top: int = 15) -> go.Figure:
    """Horizontal bars: the measures with the most distinct proposers, coloured by category."""
    rows = consensus.head(top).iloc[::-1]
    fig = go.Figure(go.Bar(
        x=rows["Proposers"], y=[html.escape(m, quote=False) for m in rows["Measure"]], orientation="h",
        marker_color=[_category_colour(c) for c in rows["Category"]], text=rows["Proposers"], textposition="outside",
        customdata=[html.escape(p, quote=False) for p in rows["Proposed by"]],
        hovertemplate="<b>%{y}</b><br>%{x} proposers: %{customdata}<extra></extra>",
    ))
    fig.update_layout(height=140 + 30 * len(rows), margin=dict(l=10, r=30, t=30, b=40), plot_bgcolor="white",
                      xaxis=dict(title="distinct proposers", dtick=1, gridcolor="#eee"),
                      # a few bars keep a bar's thickness instead of filling the chart
                      yaxis=dict(automargin=True, range=[len(rows) - max(len(rows), 8) - 0.5, len(rows) - 0.5]))
    return fig


def _category_colour(label: str) -> str:
    by_label = {humanize(k): k for k in MEASURE_CATEGORY_COLORS}
    return category_color(by_label.get(label, label))
