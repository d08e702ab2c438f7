"""Static images on the server: plotly figures to PNG through kaleido and the local Chromium, a static
drawing of the proposal network, and a placeholder image that says why a chart is missing.

Pure: no streamlit. The renderer keeps one Chromium open (about 0.2 s an image instead of 2 s) on a
thread of its own, like `kaleido.start_sync_server`, but with a timeout on every call: the kaleido
sync server waits forever when its browser failed to start, and a briefing must never hang.
MathJax is off because kaleido would fetch it from a CDN; plotly.js comes from the plotly package.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import importlib.util
import io
import os
import shutil
import threading
import time
from concurrent.futures import TimeoutError as FutureTimeout

import plotly.graph_objects as go

CHROMIUM = os.environ.get("STRAIT_WATCH_CHROMIUM", "/usr/bin/chromium")
START_TIMEOUT_S = 60
IMAGE_TIMEOUT_S = 60
RETRY_AFTER_S = 30   # after a failed start, wait this long before trying the same browser again
POLL_S = 0.5         # how often a waiting chart checks that the browser still runs


class RenderError(RuntimeError):
    """A chart could not be drawn as an image (no browser, a crash, a timeout)."""


class NoRenderer:
    """A renderer that never draws: packs built with it carry a note in place of every image."""

    def __init__(self, reason: str = "Server-side chart images are switched off."):
        self.reason = reason

    def png(self, fig: go.Figure, *, width: int, height: int, scale: float = 2) -> bytes:
        raise RenderError(self.reason)

    def close(self) -> None:
        pass


# What Chromium says of a target when its page is gone: its renderer crashed or was killed, or it was closed.
_TAB_GONE = ("Target.targetCrashed", "Target.targetDestroyed", "Target.detachedFromTarget")


class _KaleidoSession:
    """One kaleido + Chromium on a thread of its own; `alive()` says whether the browser and its drawing tab
    still run."""

    def __init__(self, path: str, timeout_s: float):
        import kaleido

        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None
        self._stop: asyncio.Event | None = None
        self._tabs: tuple = ()
        self.tab_lost = ""  # why the drawing tab is gone ('' while it runs)
        ready, state = threading.Event(), {}

        async def serve():
            try:
                async with kaleido.Kaleido(n=1, mathjax=False, path=path, timeout=timeout_s) as k:
                    self._kaleido, self._stop = k, asyncio.Event()
                    await self._watch_tabs(k)
                    ready.set()
                    await self._stop.wait()
            except BaseException as err:
                state["error"] = err
                ready.set()

        def run():
            self._loop = asyncio.new_event_loop()
            self._loop.run_until_complete(serve())

        self._thread = threading.Thread(target=run, name="strait-watch-kaleido", daemon=True)
        self._thread.start()
        if not ready.wait(START_TIMEOUT_S) or "error" in state:
            err = state.get("error")
            self.close()
            raise RenderError(f"Chromium did not start for chart images ({type(err).__name__ if err else 'timeout'}).")

    async def _watch_tabs(self, k) -> None:
        """Note at once when the tab kaleido draws in crashes or is closed while the browser lives on: kaleido
        would wait for that tab until the image timeout, on this chart and the next (choreographer's public
        API: the browser's `tabs`, `subscribe`, `send_command`)."""
        self._tabs = tuple(k.tabs.values())
        ids = {tab.target_id for tab in self._tabs}

        async def gone(event: dict) -> None:
            if (event.get("params") or {}).get("targetId") in ids and not self.tab_lost:
                self.tab_lost = event["method"]

        for name in _TAB_GONE:
            k.subscribe(name, gone)
        await k.send_command("Target.setDiscoverTargets", params={"discover": True})  # crash and close events

    def alive(self) -> bool:
        proc = getattr(self._kaleido, "subprocess", None)
        return (self._thread.is_alive() and self._kaleido is not None and (proc is None or proc.poll() is None)
                and not self.tab_lost and all(tab.sessions for tab in self._tabs))

    def draw(self, spec, opts: dict, timeout_s: float) -> bytes:
        future = asyncio.run_coroutine_threadsafe(self._kaleido.calc_fig(spec, opts=opts), self._loop)
        deadline = time.monotonic() + timeout_s
        while True:  # wait in slices so a browser that dies mid-chart fails now, not after the timeout
            try:
                return future.result(min(POLL_S, max(0.0, deadline - time.monotonic())))
            except FutureTimeout:
                if not self.alive():
                    future.cancel()
                    what = "Its drawing tab" if self.tab_lost else "Chromium for chart images"
                    raise RenderError(f"{what} stopped while drawing.") from None
                if time.monotonic() >= deadline:
                    future.cancel()
                    raise RenderError(f"Drawing a chart took more than {timeout_s:.0f} s.") from None
            except RenderError:
                raise
            except Exception as err:
                raise RenderError(f"The chart could not be drawn as an image ({type(err).__name__}: {err}).") from None

    def close(self) -> None:
        if self._loop is not None and self._stop is not None and self._loop.is_running():
            self._loop.call_soon_threadsafe(self._stop.set)
            self._thread.join(15)
        proc = getattr(self._kaleido, "subprocess", None)
        if proc is not None and proc.poll() is None:  # the loop is gone but the browser is not
            proc.kill()
        self._kaleido = self._stop = None


class ChromiumRenderer:
    """Plotly figure -> PNG bytes with kaleido driving one long-lived local Chromium.

    The browser starts on the first image. Every failure becomes a `RenderError` with a reason a user
    can read. A browser found dead (before or during a chart) is restarted once; if that fails too the
    renderer fails fast (no wait per chart) until `RETRY_AFTER_S` has passed or the browser binary
    appears or changes, then the next call tries again.
    """

    def __init__(self, browser_path: str | None = None, timeout_s: float = IMAGE_TIMEOUT_S):
        self.browser_path = browser_path or CHROMIUM
        self.timeout_s = timeout_s
        self._lock = threading.Lock()
        self._session = None
        self._failed: str | None = None
        self._failed_at = 0.0
        self._failed_binary = None
        self._atexit = False

    # ---- lifecycle
    def _binary(self) -> tuple[str, tuple | None]:
        """(path, identity): identity is None when there is no executable browser there."""
        path = shutil.which(self.browser_path) or self.browser_path
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            return path, None
        info = os.stat(path)
        return path, (info.st_size, info.st_mtime_ns, info.st_ino)

    def _launch(self, path: str):
        """A fresh drawing session on the browser at `path` (tests replace this with a fake)."""
        if importlib.util.find_spec("kaleido") is None:  # pragma: no cover - pinned in requirements
            raise RenderError("kaleido is not installed, so charts could not be drawn as images.")
        return _KaleidoSession(path, self.timeout_s)

    def _fail(self, reason: str, binary) -> RenderError:
        self._failed, self._failed_at, self._failed_binary = reason, time.monotonic(), binary
        return RenderError(reason)

    def _start(self) -> None:
        if self._session is not None:
            if self._session.alive():
                return
            self._drop()
        path, binary = self._binary()
        if self._failed and binary == self._failed_binary and time.monotonic() - self._failed_at < RETRY_AFTER_S:
            raise RenderError(self._failed)  # fail fast: nothing changed since the last failure
        if binary is None:
            raise self._fail(f"No Chromium at {self.browser_path}, so charts could not be drawn as images.", None)
        try:
            self._session = self._launch(path)
        except RenderError as err:
            raise self._fail(str(err), binary) from None
        self._failed = None
        if not self._atexit:
            atexit.register(self.close)  # close Chromium before its profile folder is cleaned up
            self._atexit = True

    def _drop(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            with contextlib.suppress(Exception):  # a dead browser may fail to close: it is gone either way
                session.close()

    def close(self) -> None:
        with self._lock:
            self._drop()

    # ---- drawing
    def png(self, fig: go.Figure, *, width: int, height: int, scale: float = 2) -> bytes:
        spec = fig.to_plotly_json() if isinstance(fig, go.Figure) else fig
        opts = dict(format="png", width=width, height=height, scale=scale)
        with self._lock:
            for attempt in (1, 2):
                self._start()
                try:
                    return self._session.draw(spec, opts, self.timeout_s)
                except RenderError as err:
                    if self._session is not None and self._session.alive():
                        raise  # the browser is fine; this chart is the problem
                    self._drop()
                    if attempt == 2:  # restarted once and it died again: fail fast from now on
                        raise self._fail(f"{err} Chromium was restarted once and stopped again.", self._binary()[1]) from None
            raise AssertionError("unreachable")  # pragma: no cover


def render_png(renderer, fig: go.Figure, *, width: int, height: int, scale: float = 2) -> tuple[bytes | None, str]:
    """(png, "") or (None, reason): what the packs and downloads call, so no failure escapes."""
    if renderer is None:
        renderer = NoRenderer()
    try:
        return renderer.png(fig, width=width, height=height, scale=scale), ""
    except RenderError as err:
        return None, str(err)
    except Exception as err:
        return None, f"The chart could not be drawn as an image ({type(err).__name__})."


def placeholder_png(message: str, width: int = 1200, height: int = 675) -> bytes:
    """A plain PNG that says why the real image is missing (Pillow ships with python-pptx)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (width, height), "#f4f4f4")
    draw = ImageDraw.Draw(img)
    draw.rectangle([8, 8, width - 9, height - 9], outline="#b0b0b0", width=3)
    words, lines, line = message.split(), [], ""
    for word in words:
        if len(line) + len(word) > 70:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    y = height // 2 - 10 * len(lines)
    for text in lines:
        draw.text((40, y), text, fill="#333333")
        y += 20
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


_SHARED = None
_SHARED_LOCK = threading.Lock()


def shared_renderer() -> ChromiumRenderer:
    """The one ChromiumRenderer of the process (a warm browser draws an image in about 0.2 s): the deck, the
    packs and the page's PNG buttons all use it."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = ChromiumRenderer()
        return _SHARED
