"""Real-browser harness: Debian's Chromium driven by Playwright against `streamlit run`.

Every test in tests/browser/ is marked `browser` automatically. Run them with
`pytest -m browser` (or just `pytest tests/browser`). They skip when Chromium is
missing, except when the environment variable CI is set: then they fail, because
CI must run them. The browser is `STRAIT_WATCH_CHROMIUM` (default /usr/bin/chromium).

Fixtures for browser tests (pytest finds them; import nothing):

``streamlit_server`` (session) -- factory that starts the real app::

    server = streamlit_server(data=fixture_dir, corpus=fixture_corpus)
    page.goto(server.url + "/timeline?actor=jp-ldp")

  Same arguments give the same running server for the whole session; pass
  ``key="..."`` to get a separate fresh server (e.g. to test what the very first
  visit to a new server does). Servers listen on 127.0.0.1 on a free port and
  stop at the end of the session. ``server.log()`` returns the server output.

``mini_app`` (session) -- the server on the small fixture package
  (tests/fixtures/mini + mini-corpus): deterministic data for assertions.

``open_app`` -- ``open_app(path="", query=None, server=None) -> Page``: opens
  ``page`` at a page of the app (``"timeline"``, or ``""`` for the default page)
  with optional query parameters (a dict; lists become repeated keys), waits
  until Streamlit is connected and has finished running the script, and returns
  the page. ``server`` defaults to ``mini_app``.

``wait_for_app`` -- ``wait_for_app(page)``: waits until the websocket is
  connected, the script is not running and no element is still a skeleton. Use it
  after a navigation. After an interaction prefer ``expect(...)`` on the outcome
  (the state can still read "notRunning" before the rerun has started).

``network_guard`` -- used automatically by every browser context the test
  creates (``page``, ``context`` and ``new_context``). It records every request
  and websocket, aborts any that is not for localhost/127.0.0.1 (so a stray CDN
  can't hang a test) and fails the test at teardown if there was one.
  ``network_guard.requests`` lists every URL seen; ``network_guard.external``
  the offending ones; call ``network_guard.assert_local()`` to check mid-test.

``plotly_charts`` -- ``plotly_charts(page_or_frame)``: summary of every plotly
  chart, ``[{"traces": int, "points": int, "drawn": bool}, ...]`` (points counts
  x/y/z/values of every trace, base64-packed arrays included).

``warmed_server`` -- ``warmed_server(**streamlit_server_args) -> server``: the
  server with its root opened once in ``page`` (Streamlit 1.67 runs a first deep
  link on a fresh server in MPA v1 mode). ``proposals_app``: the mini fixture,
  warmed, for the Proposals tests; ``payload_app``: a copy whose names and quotes
  carry script payloads (tests/proposals_payload.py), no corpus.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("STRAIT_WATCH_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium calls home many times a second.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
# Schemes that never touch the network.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-error", "javascript"}
SERVER_START_TIMEOUT_S = 90  # two shared cores: a cold start can be slow


def pytest_configure(config):
    # pytest.ini declares it; registering again is harmless and keeps this file
    # working when run from elsewhere.
    config.addinivalue_line("markers", "browser: drives a real Chromium against a running app")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


def _chromium_or_skip() -> str:
    path = shutil.which(CHROMIUM) or CHROMIUM
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    reason = (
        f"Chromium not found at {CHROMIUM} (install the Debian 'chromium' package "
        "or set STRAIT_WATCH_CHROMIUM)"
    )
    if os.environ.get("CI"):
        pytest.fail(reason + "; CI is set, so browser tests must run", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options, pointed at Debian's Chromium."""
    args = list(browser_type_launch_args.get("args", []))
    return {
        **browser_type_launch_args,
        "executable_path": _chromium_or_skip(),
        "args": args + [f for f in CHROMIUM_FLAGS if f not in args],
    }


# --- the app server ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class StreamlitServer:
    """One `streamlit run` process; use `start_streamlit` to create it."""

    process: subprocess.Popen
    port: int
    log_path: Path
    script: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _health_ok(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.read().strip() == b"ok"
    except OSError:
        return False


def start_streamlit(
    script: Path,
    env: dict[str, str] | None = None,
    log_dir: Path | None = None,
    timeout_s: float = SERVER_START_TIMEOUT_S,
) -> StreamlitServer:
    """Start `streamlit run script` on a free port; return once /_stcore/health says ok."""
    port = free_port()
    log_dir = log_dir or Path(tempfile.mkdtemp(prefix="strait-watch-server-"))
    log_path = log_dir / f"streamlit-{port}.log"
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        # No file watcher: saves CPU on shared cores and nobody edits mid-test.
        "--server.fileWatcherType", "none",
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            cmd,
            cwd=script.parent,
            # The data folders are the server's own: never inherited from a test that set them in this process.
            env={**{k: v for k, v in os.environ.items() if k not in ("STRAIT_WATCH_DATA", "STRAIT_WATCH_CORPUS")},
                 **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    server = StreamlitServer(process, port, log_path, script)
    deadline = time.monotonic() + timeout_s
    while not _health_ok(port):
        if process.poll() is not None or time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(
                f"streamlit did not start on port {port} "
                f"(exit code {process.returncode}):\n{server.log()[-3000:]}"
            )
        time.sleep(0.2)
    return server


def data_env(data: Path | str | None, corpus: Path | str | None) -> dict[str, str]:
    env = {}
    if data is not None:
        env["STRAIT_WATCH_DATA"] = str(data)
    if corpus is not None:
        env["STRAIT_WATCH_CORPUS"] = str(corpus)
    return env


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory):
    """Factory: `streamlit_server(data=..., corpus=..., app=..., key=...)` -> StreamlitServer."""
    servers: dict[tuple, StreamlitServer] = {}
    log_dir = tmp_path_factory.mktemp("streamlit-logs")

    def get(data=None, corpus=None, app: Path | str = REPO / "app.py", key: str = ""):
        app = Path(app)
        assert app.exists(), f"{app} does not exist"
        wanted = (str(app), str(data), str(corpus), key)
        if wanted not in servers:
            servers[wanted] = start_streamlit(app, data_env(data, corpus), log_dir)
        return servers[wanted]

    yield get
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="session")
def mini_app(streamlit_server, fixture_dir, fixture_corpus) -> StreamlitServer:
    return streamlit_server(data=fixture_dir, corpus=fixture_corpus)


@pytest.fixture
def warmed_server(streamlit_server, page):
    def start(**kwargs) -> StreamlitServer:
        server = streamlit_server(**kwargs)
        page.goto(server.url + "/")
        wait_for_app_run(page)
        return server

    return start


@pytest.fixture
def proposals_app(warmed_server, fixture_dir, fixture_corpus) -> StreamlitServer:
    return warmed_server(data=fixture_dir, corpus=fixture_corpus, key="proposals")


@pytest.fixture
def payload_app(warmed_server, tmp_path_factory) -> StreamlitServer:
    from tests.proposals_payload import make_payload_fixture

    data = make_payload_fixture(tmp_path_factory.mktemp("payload") / "mini")
    # No corpus: the edited quote would not verify; the loader skips quote checks with a notice.
    return warmed_server(data=data, corpus=tmp_path_factory.mktemp("no-corpus") / "absent", key="payload")


# --- keeping the browser offline ---------------------------------------------------


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or (parts.hostname or "") in LOCAL_HOSTS


@dataclass
class NetworkGuard:
    requests: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def _seen(self, url: str) -> None:
        self.requests.append(url)
        if not is_local(url):
            self.external.append(url)

    def _route(self, route) -> None:
        if is_local(route.request.url):
            route.fallback()
        else:
            route.abort("blockedbyclient")

    def attach(self, context) -> None:
        # Context-wide, so iframes, popups and workers of every page are covered.
        context.on("request", lambda request: self._seen(request.url))
        context.on("page", lambda page: page.on("websocket", lambda ws: self._seen(ws.url)))
        context.route("**/*", self._route)

    def assert_local(self) -> None:
        assert not self.external, f"requests left localhost: {sorted(set(self.external))}"


@pytest.fixture
def network_guard():
    guard = NetworkGuard()
    yield guard
    guard.assert_local()


@pytest.fixture
def new_context(new_context, network_guard):
    """pytest-playwright's `new_context`, with every context behind the network guard."""

    def make(**kwargs):
        context = new_context(**kwargs)
        context.set_default_timeout(20_000)
        network_guard.attach(context)
        return context

    return make


# --- driving the app ---------------------------------------------------------------


def wait_for_app_run(page, timeout_ms: float = 30_000) -> None:
    from playwright.sync_api import expect

    app = page.locator("[data-testid='stApp']")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=timeout_ms)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout_ms)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout_ms)


@pytest.fixture
def wait_for_app():
    return wait_for_app_run


def app_url(server: StreamlitServer, path: str = "", query: dict | None = None) -> str:
    url = f"{server.url}/{path.lstrip('/')}"
    if query:
        url += "?" + urlencode(query, doseq=True)
    return url


@pytest.fixture
def open_app(page, mini_app):
    def go(path: str = "", query: dict | None = None, server: StreamlitServer | None = None):
        page.goto(app_url(server or mini_app, path, query))
        wait_for_app_run(page)
        return page

    return go


# Plotly 6+ sends numeric arrays as {dtype, bdata} (base64); count those too.
PLOTLY_SUMMARY_JS = """
() => {
    const size = {i1: 1, u1: 1, i2: 2, u2: 2, i4: 4, u4: 4, f4: 4, f8: 8};
    const len = a => !a ? 0 : a.length !== undefined ? a.length
                  : a.bdata ? atob(a.bdata).length / (size[a.dtype] || 8) : 0;
    return [...document.querySelectorAll('.js-plotly-plot')].map(el => ({
        traces: (el.data || []).length,
        points: (el.data || []).reduce((n, t) =>
            n + Math.max(len(t.x), len(t.y), len(t.z), len(t.values), len(t.base)), 0),
        drawn: !!el.querySelector('.main-svg'),
    }));
}
"""


def plotly_charts(page_or_frame) -> list[dict]:
    return page_or_frame.evaluate(PLOTLY_SUMMARY_JS)


@pytest.fixture(name="plotly_charts")
def plotly_charts_fixture():
    return plotly_charts
