"""Memory soak: does a worker's memory level off under many sessions that come and go?

    .venv/bin/python bench/soak.py [--workers 2] [--sessions 30] [--round 60] [--minutes 11] [--out soak.csv]

Starts `scripts/serve.sh --workers W` on free localhost ports (the shipped data), then for `--minutes` runs
rounds of `--round` seconds: each round opens `--sessions` new websocket sessions through the proxy (Streamlit's
own protocol, bench/bench_load.py's Session), lets each rerun page after page with the next actor in `?actor=`
(half a second of think time between reruns), and closes them all, as analysts arriving and leaving. Every
`--every` seconds (30) it records each worker's RSS (VmRSS in /proc) and prints it; at the end, a table and the
growth per worker over the first and second half of the run. Localhost only; the servers are stopped at the
end, also on Ctrl-C or an error. Not a test; CI does not run it.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_load import PAGES, Serve, Session, actor_queries

THINK_S = 0.5


def worker_rss(serve: Serve) -> dict[int, float]:
    """Worker n -> its RSS in MB (the Streamlit process on port+n, found in serve.sh's process group)."""
    out = {}
    for n in range(1, serve.workers + 1):
        found = subprocess.run(["pgrep", "-g", str(serve.proc.pid), "-f", "--", f"--server.port {serve.port + n} "],
                               capture_output=True, text=True).stdout.split()
        for pid in found:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            out[n] = kb / 1024
    return out


async def one_round(url: str, sessions: int, seconds: float, queries: list[str], offset: int, counts: dict) -> None:
    opened = await asyncio.gather(*(Session.open(url) for _ in range(sessions)), return_exceptions=True)
    live = [s for s in opened if isinstance(s, Session)]
    counts["errors"] += len(opened) - len(live)
    end = time.monotonic() + seconds

    async def loop(i: int, s: Session) -> None:
        n = offset + i
        while time.monotonic() < end:
            try:
                await s.rerun(PAGES[n % len(PAGES)], queries[(n * 7) % len(queries)])
                counts["reruns"] += 1
            except Exception:
                counts["errors"] += 1
                return
            n += 1
            await asyncio.sleep(THINK_S)

    try:
        await asyncio.gather(*(loop(i, s) for i, s in enumerate(live)))
    finally:
        await asyncio.gather(*(s.close() for s in live), return_exceptions=True)


async def soak(serve: Serve, args, queries: list[str], samples: list[dict]) -> dict:
    counts = {"reruns": 0, "errors": 0, "rounds": 0}
    started = time.monotonic()
    stop_at = started + args.minutes * 60

    async def sampler() -> None:
        while True:
            rss = worker_rss(serve)
            row = {"t_s": round(time.monotonic() - started), "sessions_so_far": counts["rounds"] * args.sessions,
                   "reruns": counts["reruns"], **{f"w{n}_mb": round(mb, 1) for n, mb in sorted(rss.items())}}
            samples.append(row)
            print("  ".join(f"{k}={v}" for k, v in row.items()), flush=True)
            if time.monotonic() >= stop_at:
                return
            await asyncio.sleep(args.every)

    sampling = asyncio.create_task(sampler())
    while time.monotonic() + 5 < stop_at:
        await one_round(serve.url, args.sessions, min(args.round, stop_at - time.monotonic()), queries,
                        counts["rounds"] * args.sessions, counts)
        counts["rounds"] += 1
    await sampling
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sessions", type=int, default=30, help="new sessions per round")
    ap.add_argument("--round", type=float, default=60, help="seconds per round of sessions")
    ap.add_argument("--minutes", type=float, default=11)
    ap.add_argument("--every", type=float, default=30, help="seconds between RSS samples")
    ap.add_argument("--out", type=Path, default=None, help="write the samples as CSV here")
    args = ap.parse_args()
    queries = actor_queries()
    samples: list[dict] = []
    serve = Serve(args.workers)
    try:
        serve.wait_healthy()
        print(f"{args.workers} worker(s) on {serve.url}: rounds of {args.sessions} new sessions for {args.round:.0f} s,"
              f" {args.minutes:.0f} min, RSS every {args.every:.0f} s", flush=True)
        counts = asyncio.run(soak(serve, args, queries, samples))
    finally:
        serve.stop()
    if args.out:
        with open(args.out, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(samples[-1]))
            writer.writeheader()
            writer.writerows(samples)
    print(f"\n{counts['rounds']} rounds, {counts['rounds'] * args.sessions} sessions, {counts['reruns']} reruns,"
          f" {counts['errors']} errors")
    mid = samples[len(samples) // 2]
    for key in [k for k in samples[-1] if k.endswith("_mb")]:
        first, half, last = samples[0].get(key), mid.get(key), samples[-1].get(key)
        print(f"{key[:-3]}: {first} MB at start, {half} MB at {mid['t_s']} s, {last} MB at {samples[-1]['t_s']} s"
              f" (first half {half - first:+.1f} MB, second half {last - half:+.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
