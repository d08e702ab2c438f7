"""Bounded load benchmark: many analysts at once, against 1 and N Streamlit workers behind scripts/serve.sh.

    .venv/bin/python bench/bench_load.py [--workers 2] [--sessions 20] [--seconds 30] [--warmup 10]

For each worker count (1, then N) it starts `scripts/serve.sh --workers W` on free localhost ports, opens
`--sessions` websocket sessions through the proxy (each speaks Streamlit's own protocol: a BackMsg
`rerun_script`, then ForwardMsgs until `script_finished`), and lets every session rerun back to back, with no
think time, for `--seconds` after `--warmup` seconds not counted. A rerun moves to the next page and the next
actor (`?actor=<label>`), like an analyst clicking through, so a cache keyed by page and filters is not hit
every time. Rerun latency is from sending the rerun to its `script_finished`. Prints reruns per second and
the median and p95 latency per configuration, and a markdown table for the README.

Localhost only (it refuses another host), fixed session count and duration; the servers are stopped at the
end, also on Ctrl-C or an error. Not a test; CI does not run it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

PAGES = ("", "timeline", "agreements", "proposals", "evidence")  # url paths; "" is the default page (Overview)
START_TIMEOUT_S = 180
RERUN_TIMEOUT_S = 120


def free_port_block(n: int) -> int:
    """A port P with P..P+n all free on 127.0.0.1 (serve.sh uses P for the proxy, P+1..P+n for workers)."""
    for base in range(21000 + os.getpid() % 20000, 65000 - n, n + 7):
        socks = []
        try:
            for p in range(base, base + n + 1):
                s = socket.socket()
                socks.append(s)
                s.bind(("127.0.0.1", p))
            return base
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise RuntimeError("no block of free ports")


class Serve:
    """`scripts/serve.sh` in its own process group, stopped (the whole group) by `stop()`."""

    def __init__(self, workers: int, port: int | None = None, env: dict | None = None, log: Path | None = None):
        self.workers, self.port = workers, port or free_port_block(workers)
        self.log_path = log or Path(f"/tmp/strait-watch-serve-{self.port}.log")
        with open(self.log_path, "wb") as out:
            self.proc = subprocess.Popen(
                ["bash", str(REPO / "scripts" / "serve.sh"), "--workers", str(workers), "--port", str(self.port),
                 "--address", "127.0.0.1"],
                cwd=REPO, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_healthy(self, timeout_s: float = START_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"serve.sh exited ({self.proc.returncode}):\n{self.log()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"serve.sh did not answer /_stcore/health in {timeout_s:.0f} s:\n{self.log()[-3000:]}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # serve.sh's trap stops its workers and HAProxy
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)


class Session:
    """One Streamlit session over a websocket (what a browser tab holds), driven with BackMsg reruns."""

    def __init__(self, ws):
        self.ws = ws

    @classmethod
    async def open(cls, base_url: str, cookie: str | None = None) -> Session:
        if not base_url.startswith(("http://127.0.0.1:", "http://localhost:")):
            raise ValueError(f"localhost only, not {base_url}")
        headers = {"Cookie": cookie} if cookie else {}
        ws = await connect(base_url.replace("http://", "ws://", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                           additional_headers=headers, max_size=None, open_timeout=60)
        return cls(ws)

    @property
    def worker(self) -> str | None:
        """The worker HAProxy picked for this websocket (its X-SW-Worker response header)."""
        return self.ws.response.headers.get("X-SW-Worker")

    async def rerun(self, page: str = "", query: str = "") -> float:
        """Run the page once; seconds until its script_finished. Raises if the script failed to compile."""
        msg = BackMsg()
        msg.rerun_script.page_name = page
        msg.rerun_script.query_string = query
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        async with asyncio.timeout(RERUN_TIMEOUT_S):
            while True:
                fwd = ForwardMsg()
                fwd.ParseFromString(await self.ws.recv())
                if fwd.WhichOneof("type") == "script_finished":
                    if fwd.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        raise RuntimeError("the script did not compile")
                    if fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        return time.perf_counter() - t0

    async def close(self) -> None:
        await self.ws.close()


@dataclass
class Result:
    workers: int
    sessions: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: int = 0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    def pct(self, q: float) -> float:
        xs = sorted(self.latencies)
        return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")


def actor_queries() -> list[str]:
    from urllib.parse import urlencode

    from strait_watch.core.dataset.loader import load_dataset
    from strait_watch.core.filters import actor_options

    data = Path(os.environ.get("STRAIT_WATCH_DATA") or REPO / "data")
    labels = list(actor_options(load_dataset(data, data / "no-corpus", check_quotes=False)).values())
    return [urlencode({"actor": label}) for label in labels[:40]]


async def drive(url: str, sessions: int, warmup: float, seconds: float, queries: list[str], workers: int) -> Result:
    result = Result(workers, sessions, seconds)
    opened = await asyncio.gather(*(Session.open(url) for _ in range(sessions)))
    t_start = time.perf_counter() + warmup
    t_end = t_start + seconds

    async def loop(i: int, s: Session) -> None:
        n = i  # sessions start at different pages and actors
        while time.perf_counter() < t_end:
            sent = time.perf_counter()
            try:
                took = await s.rerun(PAGES[n % len(PAGES)], queries[(n * 7) % len(queries)])
            except Exception:
                result.errors += 1
                return
            if sent >= t_start and sent + took <= t_end:
                result.latencies.append(took)
            n += 1

    try:
        await asyncio.gather(*(loop(i, s) for i, s in enumerate(opened)))
    finally:
        await asyncio.gather(*(s.close() for s in opened), return_exceptions=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=2, help="the N to compare with 1 worker (default 2)")
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30, help="measured seconds per configuration")
    ap.add_argument("--warmup", type=float, default=10, help="seconds of reruns not counted, per configuration")
    args = ap.parse_args()
    queries = actor_queries()
    results = []
    for workers in sorted({1, args.workers}):
        serve = Serve(workers)
        try:
            serve.wait_healthy()
            print(f"{workers} worker(s) on {serve.url}: {args.sessions} sessions, {args.warmup:.0f} s warm-up, "
                  f"{args.seconds:.0f} s measured…", flush=True)
            res = asyncio.run(drive(serve.url, args.sessions, args.warmup, args.seconds, queries, workers))
        finally:
            serve.stop()
        results.append(res)
        print(f"  {res.rate:.1f} reruns/s · median {res.pct(0.5):.2f} s · p95 {res.pct(0.95):.2f} s"
              f" · {len(res.latencies)} reruns, {res.errors} errors", flush=True)
    print("\n| workers | sessions | reruns/s | median rerun | p95 rerun |\n|---|---|---|---|---|")
    for r in results:
        print(f"| {r.workers} | {r.sessions} | {r.rate:.1f} | {r.pct(0.5):.2f} s | {r.pct(0.95):.2f} s |")
    if len(results) == 2 and results[0].rate:
        a, b = results
        print(f"\n{b.workers} workers: {b.rate / a.rate:.2f}× the throughput, median {b.pct(0.5) / a.pct(0.5):.2f}× "
              f"(target: throughput scaling with the cores, median halved)")


if __name__ == "__main__":
    main()
