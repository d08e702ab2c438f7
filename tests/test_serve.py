"""scripts/serve.sh: two Streamlit workers behind HAProxy; the proxy answers /_stcore/health, spreads new
sessions over both workers and keeps a session (its page requests, its websocket and every rerun on it) on
one worker; a worker that dies is taken out by the health check."""

import asyncio
import concurrent.futures
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from paths import FIXTURE_CORPUS, FIXTURE_DIR

from bench.bench_load import Serve, Session

# HAProxy comes with `bash scripts/setup.sh --dev` (the README's test command); no skip: a missing proxy fails.


@pytest.fixture(scope="module")
def served():
    serve = Serve(2, env={"STRAIT_WATCH_DATA": str(FIXTURE_DIR), "STRAIT_WATCH_CORPUS": str(FIXTURE_CORPUS)})
    try:
        serve.wait_healthy()
        yield serve
    finally:
        serve.stop()


def get(url, cookie=None):
    req = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.headers, r.read()


def test_proxy_answers_health_and_spreads_new_sessions_over_two_workers(served):
    status, _headers, body = get(served.url + "/_stcore/health")
    assert (status, body) == (200, b"ok")
    picked = {get(served.url + "/")[1]["X-SW-Worker"] for _ in range(4)}
    assert picked == {"w1", "w2"}  # round robin over both workers, so both are up
    cookie = get(served.url + "/")[1]["Set-Cookie"]
    assert cookie.startswith("SW_WORKER=w") and "HttpOnly" in cookie


def test_a_session_stays_on_one_worker(served):
    _status, headers, _ = get(served.url + "/")
    worker = headers["X-SW-Worker"]
    cookie = headers["Set-Cookie"].split(";")[0]
    assert cookie == f"SW_WORKER={worker}"
    for path in ("/", "/timeline", "/_stcore/health", "/_stcore/host-config"):  # the page's later requests
        assert get(served.url + path, cookie)[1]["X-SW-Worker"] == worker

    async def session():
        s = await Session.open(served.url, cookie)
        try:
            assert s.worker == worker  # the websocket follows the cookie
            times = [await s.rerun(page, query) for page, query in
                     [("", ""), ("timeline", "actor=Japan"), ("evidence", ""), ("", "actor=China")]]
            return times
        finally:
            await s.close()

    # Its own thread: with the browser tests in the same run, Playwright's loop already runs in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        times = pool.submit(asyncio.run, session()).result()
    assert len(times) == 4 and all(t > 0 for t in times)  # every rerun finished on that one websocket


def worker_pid(served, n: int) -> int:
    """The process of worker n (port+n), looked up only among serve.sh's own processes (its process group)."""
    out = subprocess.run(["pgrep", "-g", str(served.proc.pid), "-f", "--", f"--server.port {served.port + n} "],
                         capture_output=True, text=True)
    pids = [int(p) for p in out.stdout.split()]
    assert len(pids) == 1, out
    return pids[0]


@pytest.mark.skipif(os.geteuid() != 0 and os.environ.get("CI") != "true", reason="the read-only mount needs root")
def test_workers_see_the_data_folder_read_only(served):
    for n in (1, 2):
        mounts = Path(f"/proc/{worker_pid(served, n)}/mountinfo").read_text().splitlines()
        data = [line.split() for line in mounts if line.split()[4] == str(FIXTURE_DIR)]
        assert data and "ro" in data[-1][5].split(","), mounts[-3:]
    # ...and only the workers: the folder is still writable out here.
    assert not any(line.split()[4] == str(FIXTURE_DIR) for line in Path("/proc/self/mountinfo").read_text().splitlines())


def test_a_dead_worker_is_taken_out_by_the_health_check(served):
    os.kill(worker_pid(served, 2), signal.SIGKILL)
    time.sleep(6)  # HAProxy checks every 2 s and takes a worker out after 2 failures
    for _ in range(4):  # a session pinned to w2 is sent to w1 (option redispatch)
        status, headers, body = get(served.url + "/_stcore/health", "SW_WORKER=w2")
        assert (status, body, headers["X-SW-Worker"]) == (200, b"ok", "w1")
    assert {get(served.url + "/")[1]["X-SW-Worker"] for _ in range(3)} == {"w1"}
