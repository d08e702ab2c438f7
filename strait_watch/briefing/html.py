"""The same slides as one HTML file that works offline: plotly.js inlined once, interactive charts, the
network in a srcdoc frame with vis-network inlined, speaker notes as collapsible text. A Jinja2 template
with autoescaping: all data text is escaped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import plotly.io as pio
from jinja2 import Environment, FileSystemLoader, select_autoescape

from strait_watch.briefing.model import Pack, cite
from strait_watch.core.export import chart_config, export_filename
from strait_watch.views.network.drawing import canvas_height
from strait_watch.views.network.standalone import render_network_html

_ENV = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                   autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)


def _chart(pack: Pack, view, f) -> str:
    if view.event is not None:
        return ""
    if view.key == "network" and pack.graph is not None and pack.graph.number_of_edges():
        from markupsafe import escape

        # The page's drawing (same data, layout, palettes, legend), vis-network inlined; as tall as its canvas.
        network = render_network_html(pack.graph, positions=pack.positions, inline=True)
        # The component's canvas is at most 1.3 × canvas_height (wider frames draw larger), plus the legend.
        height = round(canvas_height(pack.positions) * 1.3) + 130
        return (f'<iframe class="network" title="Network of proposers and measures" style="height: {height}px" '
                f'srcdoc="{escape(network)}"></iframe>'
                '<p><button type="button" id="save-network">Save the network as PNG</button></p>')
    if view.figure is not None:
        return pio.to_html(view.figure, include_plotlyjs=False, full_html=False, config=chart_config(view.key, f),
                           div_id=f"chart-{view.key}", default_width="100%")
    from markupsafe import escape

    return f'<p class="empty">{escape(view.empty)}</p>'


def _quotes(pack: Pack, rows) -> list[dict]:
    return [dict(r, mark=cite(pack.sources, [r["source_id"]])) for r in rows.to_dict("records")]


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
    return _ENV.get_template("pack.html.j2").render(
        pack=pack, brief=pack.brief, sections=sections, css=_CSS, plotlyjs=get_plotlyjs(),
        appendix=_quotes(pack, pack.appendix) if pack.brief.appendix else [], when=f"{when.day} {when:%B %Y}",
        exported=f"{exported_at:%d %b %Y, %H:%M}", png_name=export_filename("network", f, ext="png"))


_CSS = """
body { font-family: "Source Sans Pro", "Segoe UI", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1200px;
       padding: 1rem 1.5rem 3rem; color: #222; line-height: 1.45; }
h1 { margin-bottom: 0; } .sub { margin-top: 0; color: #555; font-size: 1.2rem; }
.marking { text-align: center; font-weight: bold; color: #a11111; letter-spacing: .05em; }
nav { position: sticky; top: 0; background: #fff; padding: .5rem 0; border-bottom: 1px solid #ddd; z-index: 5; }
nav a { margin-right: 1.2rem; color: #1f5f99; text-decoration: none; font-size: .95rem; }
section { padding-top: 1rem; border-bottom: 1px solid #eee; }
.caption { color: #555; } .cite { color: #1f5f99; white-space: nowrap; } .empty { background: #f4f4f4; padding: 1rem; }
ol.sources { font-size: .95rem; } details.notes { margin: .5rem 0 1rem; } details.notes h4 { margin: .6rem 0 .2rem; }
iframe.network { width: 100%; height: 620px; border: 1px solid #ddd; }
table.appendix { border-collapse: collapse; width: 100%; font-size: .92rem; }
table.appendix td, table.appendix th { border-bottom: 1px solid #e6e6e6; padding: 6px 8px; vertical-align: top; text-align: left; }
table.appendix td.quote { width: 60%; }
.event .summary { font-size: 1.25rem; } blockquote { margin: .8rem 0; padding: .5rem 1rem; background: #f3f5f8;
  border-left: 4px solid #1f5f99; font-style: italic; } blockquote footer { font-style: normal; color: #555; font-size: .9rem; } .meta { color: #777; font-size: .8rem; }
@media print { nav { display: none; } section { page-break-inside: avoid; } }
"""
