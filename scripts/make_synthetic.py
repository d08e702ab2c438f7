"""Write a synthetic data package at N times the size of a real one, for benchmarks.

    python scripts/make_synthetic.py OUT_DIR --scale 100 [--from data/] [--no-corpus-check]

Events and proposals are copied N-1 times with unique ids (suffix -xNNN); each copy
keeps its evidence rows, whose quotes are untouched so they still verify against the
real corpus. Copied events get new random dates at the same precision: events of 2021
or later stay in their year, earlier ones move to a year in 1990-2020 (so the timeline
and its "earlier context" toggle both grow). Copies are never key events (100 labels
per key event would not be a plausible timeline). Sources, actors, agreements and
measures are copied once. Output is validated with `load_dataset`; exit code 1 if
it does not load.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from strait_watch.core import dates
from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.dataset.model import DatasetError, default_corpus_dir
from strait_watch.core.dataset.rules import key_order

EARLIEST_CONTEXT_YEAR = 1990


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def write_table(path: Path, header: list[str], rows: list[dict[str, str]], key: list[str]) -> None:
    rows = sorted(rows, key=lambda r: key_order(r[c] for c in key))  # the loader wants files sorted
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def first_day(value: str) -> dt.date:
    return dates.span(value)[0].date()


def last_day(value: str) -> dt.date:
    return dates.span(value)[1].date()


def at_precision(day: dt.date, like: str) -> str:
    """`day` written at the precision of the partial ISO date `like`."""
    return day.isoformat()[: len(like)]


def random_date(original: str, rng: random.Random) -> str:
    """A new date at the precision of `original`: same year from 2021 on, else 1990-2020."""
    year = int(original[:4])
    if year < 2021:
        year = rng.randint(min(EARLIEST_CONTEXT_YEAR, year), 2020)
    month = rng.randint(1, 12)
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    return at_precision(dt.date(year, month, day), original)


def copy_event(row: dict[str, str], k: int, rng: random.Random) -> dict[str, str]:
    old, new = row["date"], random_date(row["date"], rng)
    # A copy on another date is not the event that makes the agreement (the original is): no agreement link.
    copy = dict(row, date=new, key="false", title=f"{row['title']} [synthetic {k}]", agreement="")
    # Ids like ev-2021-08-27-... carry their date; keep the new id telling the truth.
    prefix = f"ev-{old}-"
    base = f"ev-{new}-{row['id'][len(prefix):]}" if row["id"].startswith(prefix) else row["id"]
    copy["id"] = f"{base}-x{k:03d}"
    if row.get("end_date"):
        end = first_day(row["end_date"]) + (first_day(new) - first_day(old))
        end_text = at_precision(end, row["end_date"])
        copy["end_date"] = end_text if last_day(end_text) >= first_day(new) else ""
    return copy


def make_synthetic(source: Path, out: Path, scale: int, seed: int = 2021) -> dict[str, int]:
    """Write the scaled package to `out`; return the row count of each table."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    schema = json.loads((source / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in schema["resources"]}
    tables = {name: read_table(source / r["path"]) for name, r in resources.items()}
    rng = random.Random(seed)

    events, proposals, evidence = (tables[n][1] for n in ("events", "proposals", "evidence"))
    quotes: dict[str, list[dict[str, str]]] = {}
    for row in evidence:
        quotes.setdefault(row["record_id"], []).append(row)
    new_events, new_proposals, new_evidence = list(events), list(proposals), list(evidence)
    copies: dict[str, list[str]] = {}  # original id -> its copies' ids
    for k in range(1, scale):
        for row in events:
            copy = copy_event(row, k, rng)
            copies.setdefault(row["id"], []).append(copy["id"])
            new_events.append(copy)
            new_evidence += [dict(q, record_id=copy["id"]) for q in quotes.get(row["id"], [])]
        for row in proposals:
            copy = dict(row, id=f"{row['id']}-x{k:03d}")
            copies.setdefault(row["id"], []).append(copy["id"])
            new_proposals.append(copy)
            new_evidence += [dict(q, record_id=copy["id"]) for q in quotes.get(row["id"], [])]
    scaled = {"events": new_events, "proposals": new_proposals, "evidence": new_evidence}
    if "ledger" in tables:  # a sentence that supports a record supports its copies (they share its quotes)
        scaled["ledger"] = [dict(row, records=";".join(r for rid in row["records"].split(";") if rid
                                                       for r in [rid, *copies.get(rid, [])]))
                            for row in tables["ledger"][1]]

    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, resource in resources.items():
        header, rows = tables[name]
        rows = scaled.get(name, rows)
        write_table(out / resource["path"], header, rows, resource["schema"].get("primaryKey", header[:1]))
        counts[name] = len(rows)
    schema = dict(
        schema,
        name=f"{schema.get('name', 'strait-watch')}-synthetic-x{scale}",
        description=f"SYNTHETIC: {scale}x copies of the events and proposals of {source} "
                    f"(scripts/make_synthetic.py, seed {seed}); for benchmarks only. "
                    + schema.get("description", ""),
    )
    (out / "datapackage.json").write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="folder to write the package to (created)")
    parser.add_argument("--scale", type=int, default=100, help="size as a multiple of the source (default 100)")
    parser.add_argument("--from", dest="source", type=Path, default=REPO / "data", help="source package (default data/)")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="corpus to check quotes against (default: STRAIT_WATCH_CORPUS or ../shared/seeds)")
    parser.add_argument("--no-corpus-check", action="store_true", help="validate without checking quotes")
    parser.add_argument("--seed", type=int, default=2021, help="random seed for the new dates (default 2021)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    counts = make_synthetic(args.source, args.out_dir, args.scale, args.seed)
    print(f"wrote {args.out_dir}: " + ", ".join(f"{n} {c}" for n, c in counts.items()))
    corpus = args.corpus or default_corpus_dir()
    try:
        ds = load_dataset(args.out_dir, corpus, check_quotes=not args.no_corpus_check)
    except DatasetError as exc:
        for problem in exc.problems[:50]:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s): the synthetic package does not load", file=sys.stderr)
        return 1
    checked = f"quotes verified against {corpus}" if ds.corpus_checked else "quotes NOT checked"
    print(f"loads as version {ds.version}; {checked}; {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
