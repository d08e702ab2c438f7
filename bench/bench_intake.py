"""Leave-one-article-out benchmark of the Add an article assistant (issue 17).

    .venv/bin/python bench/bench_intake.py [--data DIR] [--corpus DIR] [--article src-002] [--misses]

For each article of the shipped data: remove the records only it supports (and every proposal made in it)
and all its quotes from a copy of the tables, run `strait_watch.intake.suggest.suggest` on its text with the other four
as the known data, and count
- recall: removed records (events, agreements, proposals) a candidate of the same kind recovers, and the
  article's quotes of records other articles also support that a corroboration of that record recovers;
- precision: the share of candidates of each kind that recover something.
A candidate recovers a record when its quote overlaps one of the record's quotes in the article (same table
cell for table quotes). Actors and measures are kept whole (an article's new actors are then known: the
actor matching is easier than on a truly new article). Not a test; CI does not run it.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.dataset.model import default_corpus_dir, default_data_dir
from strait_watch.core.sentences import normalise
from strait_watch.intake.known import frames_of
from strait_watch.intake.model import Meta
from strait_watch.intake.suggest import suggest

KINDS = {"event": "events", "agreement": "agreements", "proposal": "proposals", "corroboration": "corroborations"}


def _span(text: str, quote: str) -> tuple[int, int] | None:
    start = text.find(normalise(quote))
    return None if start < 0 or not quote else (start, start + len(normalise(quote)))


def held_out(frames: dict, source_id: str) -> tuple[dict, dict[str, set[str]], set[str]]:
    """(known frames without the article, removed record ids by table, records the article corroborates)."""
    ev = frames["evidence"]
    sources = ev.groupby("record_id")["source_id"].agg(set)
    only = {r for r, s in sources.items() if s == {source_id}}
    only |= set(frames["proposals"].loc[frames["proposals"]["source_id"] == source_id, "id"])
    removed = {t: set(frames[t]["id"]) & only for t in ("events", "agreements", "proposals")}
    corroborated = {r for r, s in sources.items() if source_id in s and r not in only}
    known = dict(frames)
    for table in removed:
        known[table] = frames[table][~frames[table]["id"].isin(only)]
    known["evidence"] = ev[(ev["source_id"] != source_id) & ~ev["record_id"].isin(only)]
    known["sources"] = frames["sources"][frames["sources"]["id"] != source_id]
    return known, removed, corroborated


def _expected(frames, source_id, removed, corroborated, text) -> dict[str, list[tuple[str, str, tuple]]]:
    """Table -> (record id, locator, quote span) of each quote to recover."""
    kind_of = {r: t for t, ids in removed.items() for r in ids} | {r: "corroborations" for r in corroborated}
    out = defaultdict(list)
    ev = frames["evidence"]
    for row in ev[ev["source_id"] == source_id].itertuples():
        if row.record_id in kind_of and (span := _span(text, row.quote)):
            out[kind_of[row.record_id]].append((row.record_id, row.locator, span))
    return out


def _hits(candidate, text, expected) -> set[str]:
    table = KINDS.get(candidate.kind)
    span = _span(text, candidate.quote)
    if table is None or span is None:
        return set()
    locator = candidate.fields.get("locator", "")
    return {rid for rid, loc, (s, e) in expected.get(table, [])
            if s < span[1] and span[0] < e and (not loc or not locator or loc == locator)
            and (table != "corroborations" or rid == candidate.record_id)}


def evaluate(frames: dict, source: dict, text: str) -> dict[str, tuple[int, int, int, int]]:
    """Table -> (recovered, expected, useful candidates, candidates)."""
    known, removed, corroborated = held_out(frames, source["id"])
    norm = normalise(text)
    expected = _expected(frames, source["id"], removed, corroborated, norm)
    meta = Meta(source["title"], source["author"], source["publisher"], source["published"] or source["published_estimate"])
    found = suggest(text, meta, known).candidates
    recovered, useful, count = defaultdict(set), defaultdict(int), defaultdict(int)
    for candidate in found:
        table = KINDS.get(candidate.kind)
        if table is None:
            continue
        hits = _hits(candidate, norm, expected)
        count[table] += 1
        useful[table] += bool(hits)
        recovered[table] |= hits
    return {t: (len(recovered[t]), len({r for r, _, _ in expected.get(t, [])}), useful[t], count[t])
            for t in KINDS.values()}


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "–"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--corpus", type=Path, default=default_corpus_dir())
    parser.add_argument("--article", help="one source id only")
    args = parser.parse_args(argv)
    frames = frames_of(load_dataset(args.data, args.corpus))
    totals = defaultdict(lambda: [0, 0, 0, 0])
    print("| article | table | recall | precision |\n|---|---|---|---|")
    for source in frames["sources"].to_dict("records"):
        if args.article and source["id"] != args.article:
            continue
        text = (args.corpus / source["corpus_file"]).read_text(encoding="utf-8")
        for table, figures in evaluate(frames, source, text).items():
            totals[table] = [a + b for a, b in zip(totals[table], figures, strict=True)]
            rec, exp, use, cnt = figures
            print(f"| {source['id']} | {table} | {_pct(rec, exp)} ({rec}/{exp}) | {_pct(use, cnt)} ({use}/{cnt}) |")
    for table, (rec, exp, use, cnt) in totals.items():
        print(f"| **all** | {table} | {_pct(rec, exp)} ({rec}/{exp}) | {_pct(use, cnt)} ({use}/{cnt}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
