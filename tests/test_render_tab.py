"""The renderer's drawing tab, killed or closed alone while its Chromium lives on, is noticed and replaced at once:
the next image comes in a few seconds (a fresh browser), not after the 60 s image timeout, and it is an image.

Real Chromium (as tests/test_render.py's kill test): the tab is closed or its renderer process killed behind the
renderer's back, through the browser the renderer holds."""

import asyncio
import os
import signal
import time
from pathlib import Path

import plotly.graph_objects as go
import pytest

from strait_watch import render as images
from strait_watch.render import ChromiumRenderer

FIG = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
PNG = b"\x89PNG"
FEW_SECONDS = 30  # half the 60 s image timeout the bug cost (and the image); a browser restart on two busy cores can take 15 s

pytestmark = pytest.mark.skipif(not os.path.exists(images.CHROMIUM) and os.environ.get("CI") != "true",
                                reason="no Chromium")


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (from /proc): only the processes of the browser this test started."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        kids = children.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def kill_renderers(r: ChromiumRenderer) -> int:
    """SIGKILL the renderer processes of the browser `r` holds (its tab crashes; the browser stays up)."""
    browser = r._session._kaleido.subprocess
    killed = 0
    for pid in descendants(browser.pid):
        try:
            if b"--type=renderer" in Path(f"/proc/{pid}/cmdline").read_bytes():
                os.kill(pid, signal.SIGKILL)
                killed += 1
        except (OSError, ProcessLookupError):
            continue
    assert killed, "no renderer process found under the browser"
    assert browser.poll() is None  # the browser itself still runs: only its tab is gone
    return killed


def close_tab(r: ChromiumRenderer) -> None:
    """Close the drawing tab through the browser's own DevTools connection (as a stray `window.close()` or a
    tab discarded by Chromium would)."""
    session = r._session
    browser = session._kaleido
    target = next(iter(browser.tabs))
    closed = asyncio.run_coroutine_threadsafe(
        browser.send_command("Target.closeTarget", params={"targetId": target}), session._loop).result(10)
    assert closed["result"]["success"] is True
    assert browser.subprocess.poll() is None


@pytest.fixture
def renderer():
    r = ChromiumRenderer()
    try:
        assert r.png(FIG, width=200, height=150, scale=1).startswith(PNG)  # warm: one browser, one tab
        yield r
    finally:
        r.close()


@pytest.mark.parametrize("lose_tab", [kill_renderers, close_tab], ids=["renderer-killed", "tab-closed"])
def test_a_lost_tab_is_replaced_at_once_and_the_image_drawn(renderer, lose_tab):
    first = renderer._session
    lose_tab(renderer)
    t0 = time.perf_counter()
    png = renderer.png(FIG, width=200, height=150, scale=1)  # at once: no wait for the loss to be reported
    took = time.perf_counter() - t0
    assert png.startswith(PNG)
    assert took < FEW_SECONDS, f"the next image took {took:.1f} s"
    assert renderer._session is not first and renderer._session.alive()
    t0 = time.perf_counter()
    assert renderer.png(FIG, width=200, height=150, scale=1).startswith(PNG)
    assert time.perf_counter() - t0 < 3  # warm again: no restart per image


def test_a_tab_lost_between_images_is_seen_before_the_next_one(renderer):
    session = renderer._session
    close_tab(renderer)
    deadline = time.monotonic() + 5
    while session.alive() and time.monotonic() < deadline:  # the browser reports it within milliseconds
        time.sleep(0.05)
    assert not session.alive() and session.tab_lost in ("Target.targetDestroyed", "Target.detachedFromTarget")
