"""The chart renderer heals: a dead browser is restarted once, otherwise it fails fast; a failed start is
retried when a browser appears. A fake session stands in for kaleido + Chromium (no browser needed),
plus one test against the real Chromium that kills it."""

import os
import shutil
import time

import plotly.graph_objects as go
import pytest

from strait_watch import render as images
from strait_watch.render import ChromiumRenderer, RenderError, render_png

FIG = go.Figure(go.Bar(x=["a"], y=[1]))


class FakeSession:
    """Draws b"png-<n>" until `die()`; a dead session raises like the real one."""

    def __init__(self, log, n, *, dead_on_arrival=False):
        self.log, self.n, self.dead = log, n, dead_on_arrival
        self.closed = False

    def alive(self):
        return not self.dead and not self.closed

    def die(self):
        self.dead = True

    def draw(self, spec, opts, timeout_s):
        self.log.append(("draw", self.n))
        if self.dead:
            raise RenderError("Chromium for chart images stopped while drawing.")
        return f"png-{self.n}".encode()

    def close(self):
        self.closed = True


class FakeRenderer(ChromiumRenderer):
    def __init__(self, browser_path, *, dead_after_launch=()):
        super().__init__(browser_path)
        self.log, self.sessions, self.dead_after_launch = [], [], set(dead_after_launch)

    def _launch(self, path):
        n = len(self.sessions) + 1
        self.log.append(("launch", n))
        s = FakeSession(self.log, n, dead_on_arrival=n in self.dead_after_launch)
        self.sessions.append(s)
        return s


@pytest.fixture
def browser(tmp_path):
    path = tmp_path / "chromium"
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return str(path)


def test_dead_browser_found_before_a_chart_is_restarted(browser):
    r = FakeRenderer(browser)
    assert r.png(FIG, width=10, height=10) == b"png-1"
    r.sessions[0].die()  # Chromium killed between two briefings
    assert r.png(FIG, width=10, height=10) == b"png-2"
    assert r.sessions[0].closed
    assert r.log == [("launch", 1), ("draw", 1), ("launch", 2), ("draw", 2)]


def test_restart_that_dies_again_fails_fast_with_the_note(browser, monkeypatch):
    r = FakeRenderer(browser, dead_after_launch={2, 3})
    r.png(FIG, width=10, height=10)
    r.sessions[0].die()
    # Session 2 is dead on arrival: the draw fails, no third launch within this call.
    png, reason = render_png(r, FIG, width=10, height=10)
    assert png is None
    assert "Chromium was restarted once and stopped again" in reason
    launches = len(r.sessions)
    # Every later chart of the briefing fails at once: no launch, no draw, no wait.
    t0 = time.perf_counter()
    for _ in range(5):
        png, reason2 = render_png(r, FIG, width=10, height=10)
        assert png is None and reason2 == reason
    assert time.perf_counter() - t0 < 0.5
    assert len(r.sessions) == launches
    # After the retry window the renderer tries again (and session 4 works).
    monkeypatch.setattr(images, "RETRY_AFTER_S", 0)
    r.dead_after_launch.clear()
    assert r.png(FIG, width=10, height=10) == f"png-{launches + 1}".encode()


def test_failed_start_is_retried_when_a_browser_appears(tmp_path, browser):
    missing = tmp_path / "later" / "chromium"
    r = FakeRenderer(str(missing))
    for _ in range(3):
        png, reason = render_png(r, FIG, width=10, height=10)
        assert png is None and reason == f"No Chromium at {missing}, so charts could not be drawn as images."
    assert r.sessions == []
    missing.parent.mkdir()
    shutil.copy(browser, missing)
    os.chmod(missing, 0o755)
    assert r.png(FIG, width=10, height=10) == b"png-1"  # no restart of the server needed


def test_start_timeout_is_not_retried_at_once_but_after_the_window(browser, monkeypatch):
    class Slow(FakeRenderer):
        def _launch(self, path):
            self.log.append(("launch", len(self.log)))
            raise RenderError("Chromium did not start for chart images (timeout).")

    r = Slow(browser)
    for _ in range(3):
        assert render_png(r, FIG, width=10, height=10) == (None, "Chromium did not start for chart images (timeout).")
    assert len(r.log) == 1  # one start attempt, then fail fast
    monkeypatch.setattr(images, "RETRY_AFTER_S", 0)
    render_png(r, FIG, width=10, height=10)
    assert len(r.log) == 2


@pytest.mark.skipif(not os.path.exists(images.CHROMIUM) and os.environ.get("CI") != "true", reason="no Chromium")
def test_real_chromium_killed_is_restarted():
    r = ChromiumRenderer()
    try:
        assert r.png(FIG, width=200, height=150, scale=1).startswith(b"\x89PNG")
        proc = r._session._kaleido.subprocess
        proc.kill()
        proc.wait(10)
        t0 = time.perf_counter()
        assert r.png(FIG, width=200, height=150, scale=1).startswith(b"\x89PNG")
        assert time.perf_counter() - t0 < 30  # a restart, not the 60 s image timeout
    finally:
        r.close()


def test_browser_dying_mid_chart_is_restarted_once_and_the_chart_redrawn(browser):
    r = FakeRenderer(browser)
    r.png(FIG, width=10, height=10)
    first = r.sessions[0]
    real_draw = first.draw

    def dies_while_drawing(spec, opts, timeout_s):
        first.die()
        return real_draw(spec, opts, timeout_s)

    first.draw = dies_while_drawing
    assert r.png(FIG, width=10, height=10) == b"png-2"
    assert r.log == [("launch", 1), ("draw", 1), ("draw", 1), ("launch", 2), ("draw", 2)]
