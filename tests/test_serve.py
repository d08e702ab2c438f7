"""scripts/serve.sh: two Streamlit workers behind HAProxy; the proxy answers /_stcore/health, spreads new
sessions over both workers and keeps a session (its page requests, its websocket and every rerun on it) on
one worker; the workers share one writable data folder, so a save is seen by both; a worker that dies is taken
out by the health check and started again by serve.sh. Served from copies of the fixture package and corpus."""

import asyncio
import concurrent.futures
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from intake_fixtures import ARTICLE
from paths import FIXTURE_CORPUS, FIXTURE_DIR, REPO
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from bench.bench_load import Serve, Session, free_port_block

# HAProxy comes with `bash scripts/setup.sh --dev` (the README's test command); no skip: a missing proxy fails.
NEW_EVENT = "ev-2021-10-03-jp-lantern-party-met"  # the event the ledger article adds (tests/intake_fixtures.py)
# serve.sh restarts a dead worker after STRAIT_WATCH_RESTART_DELAY (1 s by default); here long enough for HAProxy
# to take it out first (2 failed checks 2 s apart), so both are seen.
RESTART_DELAY_S = 10
RESTART_LIMIT_S = 45  # the new worker answers its health check within this after the kill (a start on 2 busy cores)


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(FIXTURE_DIR, root / "data")
    shutil.copytree(FIXTURE_CORPUS, root / "corpus")
    return root / "data", root / "corpus"


@pytest.fixture(scope="module")
def served(folders):
    data, corpus = folders
    serve = Serve(2, env={"STRAIT_WATCH_DATA": str(data), "STRAIT_WATCH_CORPUS": str(corpus),
                          "STRAIT_WATCH_RESTART_DELAY": str(RESTART_DELAY_S)})
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


def page_bytes(served, worker: int, page: str) -> bytes:
    """Everything worker n sends for one run of `page` in a fresh session (reached through the proxy, pinned by
    its cookie): the raw ForwardMsgs, in which every text the page shows is plain UTF-8."""

    async def run() -> bytes:
        ws = await connect(served.url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
                           additional_headers={"Cookie": f"SW_WORKER=w{worker}"}, max_size=None, open_timeout=60)
        try:
            assert ws.response.headers.get("X-SW-Worker") == f"w{worker}"
            msg = BackMsg()
            msg.rerun_script.page_name = page
            await ws.send(msg.SerializeToString())
            received = []
            async with asyncio.timeout(120):
                while True:
                    raw = await ws.recv()
                    received.append(raw)
                    fwd = ForwardMsg()
                    fwd.ParseFromString(raw)
                    if fwd.WhichOneof("type") == "script_finished" and \
                            fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        return b"".join(received)
        finally:
            await ws.close()

    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # Playwright's loop may already run in this thread
        return pool.submit(asyncio.run, run()).result()


def test_a_save_made_while_serving_is_seen_by_both_workers(served, folders, tmp_path):
    data, corpus = folders
    for worker in (1, 2):  # both have loaded (and cached) the package without the event
        assert NEW_EVENT.encode() not in page_bytes(served, worker, "timeline")
    article = tmp_path / "ledger.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    saved = subprocess.run([sys.executable, str(REPO / "scripts" / "add_article.py"), str(article), "--title",
                            "The Pacific Ledger", "--date", "2021-10", "--data", str(data), "--corpus", str(corpus),
                            "--accept", "all", "--write"], capture_output=True, text=True, timeout=120)
    assert saved.returncode == 0, saved.stderr
    for worker in (1, 2):  # the next run on each worker sees the new version (the loader's file stamps)
        assert NEW_EVENT.encode() in page_bytes(served, worker, "timeline")


def answered(served, cookie: str) -> str | None:
    """The worker that answered the proxy's health path for this cookie, or None on an error answer."""
    try:
        return get(served.url + "/_stcore/health", cookie)[1]["X-SW-Worker"]
    except OSError:
        return None


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
            return r.read() == b"ok"
    except OSError:
        return False


def test_the_workers_share_one_writable_data_folder(served, folders):
    data, _corpus = folders
    for n in (1, 2):
        mounts = Path(f"/proc/{worker_pid(served, n)}/mountinfo").read_text().splitlines()
        assert not any(line.split()[4] == str(data) for line in mounts)  # no mount of its own over the folder
        env = Path(f"/proc/{worker_pid(served, n)}/environ").read_bytes().split(b"\0")
        assert f"STRAIT_WATCH_DATA={data}".encode() in env and not any(e.startswith(b"STRAIT_WATCH_READ_ONLY=") for e in env)


def test_a_dead_worker_is_taken_out_then_started_again(served):
    dead = worker_pid(served, 2)
    killed = time.monotonic()
    os.kill(dead, signal.SIGKILL)
    # Out: a session pinned to w2 is sent to w1 (option redispatch) once HAProxy's checks fail (2 s apart, 2 of them).
    answered_by = []
    while time.monotonic() - killed < RESTART_DELAY_S:
        answered_by.append(answered(served, "SW_WORKER=w2"))  # None: 502 while HAProxy has not noticed yet
        if answered_by[-1] == "w1":
            break
        time.sleep(0.5)
    assert answered_by[-1] == "w1", answered_by
    # Back: serve.sh's loop starts a new worker on the same port, healthy within RESTART_LIMIT_S.
    while not healthy(f"http://127.0.0.1:{served.port + 2}") and time.monotonic() - killed < RESTART_LIMIT_S:
        time.sleep(0.25)
    restarted = time.monotonic() - killed
    assert RESTART_DELAY_S <= restarted < RESTART_LIMIT_S and worker_pid(served, 2) != dead
    print(f"worker 2 answered its health check again {restarted:.1f} s after kill -9 ({RESTART_DELAY_S} s of it"
          " the restart delay)")
    # ...and HAProxy takes it back in (one good check, 2 s apart).
    deadline = time.monotonic() + 10
    while answered(served, "SW_WORKER=w2") != "w2":
        assert time.monotonic() < deadline
        time.sleep(0.5)


def test_read_only_option_tells_the_workers(folders, tmp_path):
    """`serve.sh --read-only`: the workers get STRAIT_WATCH_READ_ONLY=1 (the page says saving is off, through
    save.unwritable) and, as root, a read-only mount of the data folder of their own."""
    data, corpus = folders
    port = free_port_block(1)
    with open(tmp_path / "serve.log", "wb") as log:
        proc = subprocess.Popen(["bash", str(REPO / "scripts" / "serve.sh"), "--workers", "1", "--port", str(port),
                                 "--address", "127.0.0.1", "--read-only"], cwd=REPO, stdout=log,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
                                env={**os.environ, "STRAIT_WATCH_DATA": str(data), "STRAIT_WATCH_CORPUS": str(corpus)})
    try:
        deadline = time.monotonic() + 120
        while not healthy(f"http://127.0.0.1:{port}") and time.monotonic() < deadline:
            assert proc.poll() is None, Path(log.name).read_text()
            time.sleep(0.3)
        pids = subprocess.run(["pgrep", "-g", str(proc.pid), "-f", "--", f"--server.port {port + 1} "],
                              capture_output=True, text=True).stdout.split()
        assert len(pids) == 1
        env = Path(f"/proc/{pids[0]}/environ").read_bytes().split(b"\0")
        assert b"STRAIT_WATCH_READ_ONLY=1" in env
        if os.geteuid() == 0:  # serve.sh mounts only as root (it says so in its header)
            mounts = [line.split() for line in Path(f"/proc/{pids[0]}/mountinfo").read_text().splitlines()
                      if line.split()[4] == str(data)]
            assert mounts and "ro" in mounts[-1][5].split(",")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)
