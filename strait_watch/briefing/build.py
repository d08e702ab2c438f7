"""Both packs from one `prepare_pack`, timed, with the reasons any chart image is missing."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from strait_watch.briefing.html import build_html_pack
from strait_watch.briefing.model import Brief
from strait_watch.briefing.pack import prepare_pack
from strait_watch.briefing.pptx import DEFAULT_RENDERER, build_pptx
from strait_watch.core.filters import Filters
from strait_watch.render import RenderError, shared_renderer


@dataclass(frozen=True)
class BuiltPacks:
    pptx: bytes
    html: str
    seconds: dict[str, float]      # prepare, pptx, html, total
    image_notes: list[str]         # why images are missing ([] when every chart was drawn)


class _Tracking:
    """Wraps a renderer to remember why images failed (the page tells the user once)."""

    def __init__(self, renderer):
        self.renderer, self.notes = renderer, []

    def png(self, fig, **kwargs):
        if self.renderer is None:
            self.notes.append("Server-side chart images are switched off.")
            raise RenderError(self.notes[-1])
        try:
            return self.renderer.png(fig, **kwargs)
        except Exception as err:
            self.notes.append(str(err))
            raise


def build_packs(ds, f: Filters, *, exported_at: dt.datetime, renderer=DEFAULT_RENDERER, brief: Brief | None = None) -> BuiltPacks:
    """PowerPoint and HTML from one `prepare_pack`, with the seconds each step took."""
    if renderer is DEFAULT_RENDERER:
        renderer = shared_renderer()
    tracking = _Tracking(renderer)
    t0 = time.perf_counter()
    pack = prepare_pack(ds, f, brief)
    t1 = time.perf_counter()
    pptx = build_pptx(ds, f, exported_at=exported_at, renderer=tracking, pack=pack)
    t2 = time.perf_counter()
    page = build_html_pack(ds, f, exported_at=exported_at, pack=pack)
    t3 = time.perf_counter()
    seconds = {"prepare": t1 - t0, "pptx": t2 - t1, "html": t3 - t2, "total": t3 - t0}
    return BuiltPacks(pptx, page, seconds, list(dict.fromkeys(tracking.notes)))
