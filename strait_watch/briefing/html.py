"""The same slides as one HTML file that works offline: plotly.js inlined once, interactive charts, the
network in a srcdoc frame with vis-network inlined, speaker notes as collapsible text. The template
strait_watch/templates/pack.html.j2 (its CSS and script in it), rendered autoescaped by core.html: all data text
is escaped."""

from __future__ import annotations

import datetime as dt

import plotly.io as pio
from markupsafe import Markup

from strait_watch.briefing.model import Pack, cite
from strait_watch.core.export import chart_config, export_filename
from strait_watch.core.html import render
from strait_watch.views.network.drawing import canvas_height
from strait_watch.views.network.standalone import render_network_html


def _chart(pack: Pack, view, f) -> dict:
    """What the view's slot in the page shows (pack.html.j2 draws it by `kind`): the network page in a frame
    ('network', with its height), plotly's chart ('figure') or the empty-view note ('empty'); '' for an event."""
    if view.event is not None:
        return {"kind": ""}
    if view.key == "network" and pack.graph is not None and pack.graph.number_of_edges():
        # The page's drawing (same data, layout, palettes, legend), vis-network inlined; as tall as its canvas.
        # The component's canvas is at most 1.3 × canvas_height (wider frames draw larger), plus the legend.
        return {"kind": "network", "page": render_network_html(pack.graph, positions=pack.positions, inline=True),
                "height": round(canvas_height(pack.positions) * 1.3) + 130}
    if view.figure is not None:
        # plotly's own HTML for the figure (a div and the script drawing it; text in it is plotly's JSON): trusted.
        return {"kind": "figure", "html": Markup(pio.to_html(
            view.figure, include_plotlyjs=False, full_html=False, config=chart_config(view.key, f),
            div_id=f"chart-{view.key}", default_width="100%"))}
    return {"kind": "empty", "text": view.empty}


def _quotes(pack: Pack, rows) -> list[dict]:
    """Each quote in its whole sentence (the quoted words between « »), with its citation mark."""
    return [dict(r, quote=r["sentence"], mark=cite(pack.sources, [r["source_id"]])) for r in rows.to_dict("records")]


def build_html_pack(ds, f, *, exported_at: dt.datetime, pack: Pack | None = None, brief=None) -> str:
    from plotly.offline import get_plotlyjs

    from strait_watch.briefing.pack import prepare_pack

    pack = pack or prepare_pack(ds, f, brief)
    titles = dict(zip(ds.sources["id"], ds.sources["title"], strict=True))
    sections = [{"key": v.key, "title": v.title, "caption": v.caption, "chart": _chart(pack, v, f),
                 "findings": [(x.text, cite(pack.sources, x.sources)) for x in v.findings],
                 "quotes": _quotes(pack, pack.notes.get(v.key, pack.appendix.iloc[:0])), "event": v.event,
                 "event_quotes": [(q, cite(pack.sources, [s]), titles.get(s, s)) for q, s in v.event.quotes]
                 if v.event else []} for v in pack.views]
    when = pack.brief.date or exported_at.date()
    return render(
        "pack.html.j2", pack=pack, brief=pack.brief, sections=sections, plotlyjs=Markup(get_plotlyjs()),
        appendix=_quotes(pack, pack.appendix) if pack.brief.appendix else [], when=f"{when.day} {when:%B %Y}",
        exported=f"{exported_at:%d %b %Y, %H:%M}", png_name=export_filename("network", f, ext="png"))
